/* finisher.S -- exits with code 3 through the SiFive test finisher
 * (write (3 << 16) | 0x3333 to 0x100000): checks exit-code propagation. */
#include "common.h"

    .globl main
main:
    PUTS("exit 3\n")
    li t0, FINISHER_BASE
    li t1, (3 << 16) | FINISHER_FAIL
    sw t1, 0(t0)
1:  j 1b
