/*
 * htif.S -- HTIF console and exit through tohost/fromhost (emulator only:
 * QEMU's virt board has no HTIF; listed in no-qemu.txt).
 *
 * Prints "hi\n" with HTIF console putchar requests (device 1, command 1:
 * tohost = (1 << 56) | (1 << 48) | ch), waiting after each one until the host
 * has cleared tohost, then exits with code 0 by writing 1 (= (0 << 1) | 1)
 * to tohost with a 32-bit store.  Nothing is printed on the UART.
 */
#include "common.h"

#define HTIF_PUTCHAR ((1 << 56) | (1 << 48))

    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
tohost:
    .dword 0
    .balign 64
    .globl fromhost
fromhost:
    .dword 0

    .text
    .globl main
main:
    li a0, 'h'
    call htif_putchar
    li a0, 'i'
    call htif_putchar
    li a0, '\n'
    call htif_putchar
    /* exit(0) */
    la t0, tohost
    li t1, 1
    sw t1, 0(t0)
1:  j 1b

/* a0 = character; clobbers t0, t1 */
htif_putchar:
    la t0, tohost
    li t1, HTIF_PUTCHAR
    or t1, t1, a0
    sd t1, 0(t0)
1:  ld t1, 0(t0)                               /* wait for the host */
    bnez t1, 1b
    la t0, fromhost
    sd zero, 0(t0)
    ret
