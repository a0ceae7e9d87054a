/*
 * alias.S -- one physical code page at several virtual addresses (Sv39,
 * S-mode), and 32-bit instructions that straddle two virtual pages.
 * rvlab caches decoded instructions per physical page and marks
 * breakpoints (virtual pcs) in them; test/decode-cache.test.ts runs this
 * program with breakpoints on one alias only.
 *
 *   1-9     the code page runs through alias A and alias B (both RX)
 *   10-19   stores through a writable alias W change what A and B run
 *           (no FENCE.I: QEMU, like rvlab, keeps code coherent with stores)
 *   20-29   a 32-bit instruction at VA(4) + 0xffe whose second half is in an
 *           unmapped page: fetch page fault, mtval = the second half's address
 *   30-39   a 32-bit instruction across VA(6) -> VA(7), which map two
 *           physical pages in the opposite order; then its halves are patched
 *           through their physical addresses
 */
#include "common.h"

#define VA_BASE      0x40000000
#define VA(p)        (VA_BASE + (p) * 0x1000)
#define AD (PTE_A | PTE_D)

#define ADDI_A0_A0(imm)    (((imm) << 20) | (10 << 15) | (10 << 7) | 0x13)

/* table[idx] = PTE(pa, flags); clobbers t0, t1 */
#define SET_PTE(table, idx, pa, flags)                                   \
    la t0, table; li t1, pa; srli t1, t1, 12; slli t1, t1, 10;           \
    ori t1, t1, flags; sd t1, (8 * (idx))(t0)
#define SET_PTE_SYM(table, idx, sym, flags)                              \
    la t0, table; la t1, sym; srli t1, t1, 12; slli t1, t1, 10;          \
    ori t1, t1, flags; sd t1, (8 * (idx))(t0)

    .text
    .globl main
main:
    PUTS("alias\n")
    csrw medeleg, zero
    csrw mideleg, zero

    SET_PTE(root, 0, 0x00000000, PTE_V | PTE_R | PTE_W | AD)         /* devices */
    SET_PTE_SYM(root, 1, l1, PTE_V)
    SET_PTE(root, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | AD) /* RAM, identity */
    SET_PTE_SYM(l1, 0, l0, PTE_V)
    SET_PTE_SYM(l0, 0, code_page, PTE_V | PTE_R | PTE_X | PTE_A)      /* alias A */
    SET_PTE_SYM(l0, 1, code_page, PTE_V | PTE_R | PTE_X | PTE_A)      /* alias B */
    SET_PTE_SYM(l0, 2, code_page, PTE_V | PTE_R | PTE_W | AD)         /* alias W */
    SET_PTE_SYM(l0, 4, strad_fault, PTE_V | PTE_R | PTE_X | PTE_A)    /* VA(5): not mapped */
    SET_PTE_SYM(l0, 6, strad_lo, PTE_V | PTE_R | PTE_X | PTE_A)
    SET_PTE_SYM(l0, 7, strad_hi, PTE_V | PTE_R | PTE_X | PTE_A)
    la t0, root
    srli t0, t0, 12
    li t1, SATP_MODE_SV39
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    ENTER_MODE(PRV_S)

    /* ---- 1-9: A and B ---- */
    li a0, 0
    li s0, VA(0)                 /* A */
    li s1, VA(1)                 /* B */
    jalr s0                      /* A: +1 */
    jalr s0                      /* A: +1 */
    jalr s1                      /* B: +1 */
    jalr s0                      /* A: +1 */
    jalr s1                      /* B: +1 */
    CHECK(a0, 5, 1)
    li a0, 0
    addi t2, s1, 8
    jalr t2                      /* B's second function: +100 */
    addi t2, s0, 8
    jalr t2                      /* A's second function: +100 */
    CHECK(a0, 200, 2)

    /* ---- 10-19: stores through W ---- */
    li t0, VA(2)
    li t1, ADDI_A0_A0(10)
    sw t1, 0(t0)                 /* the first function now adds 10 */
    li a0, 0
    jalr s0
    CHECK(a0, 10, 10)
    jalr s1
    CHECK(a0, 20, 11)
    li t1, (ADDI_A0_A0(3) >> 16)
    sh t1, 2(t0)                 /* the upper half: adds 3 */
    jalr s1
    CHECK(a0, 23, 12)
    jalr s0
    CHECK(a0, 26, 13)

    /* ---- 20-29: straddling into an unmapped page ---- */
    li s2, VA(4) + 0xffe
    CLEAR_TRAP
    SET_RESUME(1f)
    jalr s2
1:  EXPECT_TRAP(CAUSE_FETCH_PAGE_FAULT, VA(5), 20)
    ENTER_MODE(PRV_S)
    li s0, VA(0)
    li s1, VA(1)
    /* The rest of the page runs. */
    li a0, 0
    li s2, VA(4) + 0xffa
    jalr s2
    CHECK(a0, 1, 21)

    /* ---- 30-39: straddling two mapped pages in reverse physical order ---- */
    li a0, 0
    li s2, VA(6) + 0xffe
    jalr s2                      /* addi a0, a0, 5; ret (in strad_hi) */
    CHECK(a0, 5, 30)
    la t0, strad_hi              /* the upper half, through the identity map */
    li t1, (ADDI_A0_A0(7) >> 16)
    sh t1, 0(t0)
    li a0, 0
    jalr s2
    CHECK(a0, 7, 31)
    la t0, strad_lo + 0xffe      /* the lower half: slti a0, a0, 7 */
    li t1, ((2 << 12) | (10 << 7) | 0x13)
    sh t1, 0(t0)
    li a0, 3
    jalr s2
    CHECK(a0, 1, 32)

    BACK_TO_M
    PASS

/* The page mapped at A, B and W. */
    .balign 4096
code_page:
    .option push
    .option norvc
    addi a0, a0, 1
    ret
    addi a0, a0, 100
    ret
    .option pop
    .balign 4096

/* Mapped at VA(4), with VA(5) unmapped. */
strad_fault:
    .skip 0xffa
    c.addi a0, 1                 /* at 0xffa */
    c.jr ra                      /* at 0xffc */
    .half (ADDI_A0_A0(5) & 0xffff) /* at 0xffe: the first half of a 32-bit instruction */
    .balign 4096

/* strad_hi (mapped at VA(7)) comes first in memory, strad_lo (VA(6)) after it. */
strad_hi:
    .half (ADDI_A0_A0(5) >> 16)  /* upper half of addi a0, a0, 5 */
    c.jr ra
    .balign 4096
strad_lo:
    .skip 0xffe
    .half (ADDI_A0_A0(5) & 0xffff)
    .balign 4096

    .bss
    .balign 4096
root:  .skip 4096
l1:    .skip 4096
l0:    .skip 4096
