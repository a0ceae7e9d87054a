/*
 * sv48.S -- Sv48 translation (satp MODE 9), used through MPRV from M-mode:
 * a 4-level walk, a 512 GiB "terapage", a misaligned terapage and a
 * non-canonical address (page faults with tval = the address), and the same
 * 48-bit address under Sv39, where it is not canonical.
 */
#include "common.h"

#define VA4K     0x500000000000      /* root[160] -> l2[0] -> l1[0] -> l0[0] -> data0 */
#define TERA     0x8000000000        /* root[1]: 512 GiB leaf, PA 0 */
#define TERA_BAD 0x10000000000       /* root[2]: leaf with a misaligned PPN */
#define NONCANON 0x800000000000      /* bit 47 set, bits 63:48 clear */
#define MAGIC    0x0123456789abcdef

#define PTE_TABLE(table, idx, next)                                      \
    la t0, table; la t1, next; srli t1, t1, 12; slli t1, t1, 10;         \
    ori t1, t1, PTE_V; sd t1, (8 * (idx))(t0)
#define PTE_LEAF(table, idx, ppn_pa, flags)                              \
    la t0, table; li t1, ppn_pa; srli t1, t1, 12; slli t1, t1, 10;       \
    ori t1, t1, flags; sd t1, (8 * (idx))(t0)

/* M-mode data accesses translated as S-mode (MPRV = 1, MPP = S). */
#define MPRV_ON   li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, (1 << 11) | MSTATUS_MPRV; csrs mstatus, t0
#define MPRV_OFF  li t0, MSTATUS_MPRV; csrc mstatus, t0

    .text
    .globl main
main:
    PTE_TABLE(root, 160, l2)
    PTE_TABLE(l2, 0, l1)
    PTE_TABLE(l1, 0, l0)
    la t0, l0; la t1, data0; srli t1, t1, 12; slli t1, t1, 10
    ori t1, t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D; sd t1, 0(t0)
    PTE_LEAF(root, 1, 0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    PTE_LEAF(root, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

    la t0, root; srli t0, t0, 12; li t1, SATP_MODE_SV48; or t0, t0, t1
    csrw satp, t0
    sfence.vma
    csrr a0, satp
    srli a0, a0, 60
    CHECK(a0, 9, 1)                      /* Sv48 is accepted */

    la s1, data0
    li t2, MAGIC; sd t2, 0(s1)

    CLEAR_TRAP
    li s0, VA4K
    MPRV_ON
    ld a0, 0(s0)                         /* 4-level walk */
    MPRV_OFF
    CHECK(a0, MAGIC, 2)
    li t2, 0x55aa
    MPRV_ON
    sd t2, 8(s0)
    MPRV_OFF
    ld a0, 8(s1)
    CHECK(a0, 0x55aa, 3)

    li s0, TERA
    add s0, s0, s1                       /* terapage: VA = 512 GiB + PA */
    MPRV_ON
    ld a0, 0(s0)
    MPRV_OFF
    CHECK(a0, MAGIC, 4)
    EXPECT_NO_TRAP(5)

    li s0, TERA_BAD
    MPRV_ON
    ld a0, 0(s0)
    MPRV_OFF
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, TERA_BAD, 6)

    li s0, NONCANON
    MPRV_ON
    ld a0, 0(s0)
    MPRV_OFF
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, NONCANON, 7)

    /* Under Sv39 the 48-bit address is not canonical. */
    la t0, root; srli t0, t0, 12; li t1, SATP_MODE_SV39; or t0, t0, t1
    csrw satp, t0
    sfence.vma
    li s0, VA4K
    MPRV_ON
    ld a0, 0(s0)
    MPRV_OFF
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA4K, 8)
    csrw satp, zero
    PASS

    .data
    .align 12
root: .space 4096
l2:   .space 4096
l1:   .space 4096
l0:   .space 4096
data0: .space 4096
