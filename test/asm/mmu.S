/*
 * mmu.S -- Sv39 address translation.
 *
 * Page tables are built in M-mode; S-mode code runs from an identity
 * mapping of the RAM gigabyte (a 1 GiB superpage, VA = PA = 0x80000000...),
 * the devices are identity-mapped by another 1 GiB superpage (VA 0...), and
 * the test pages live at VA 0x40000000 (4 KiB pages) and 0x40200000 (2 MiB
 * pages).  Faults go to M-mode (medeleg = 0) unless stated; the default
 * handler records mcause/mtval and skips the faulting instruction.
 *
 *   1-9     4 KiB page, 2 MiB and 1 GiB superpage translations
 *   10-29   page faults with the exact cause (12 fetch, 13 load, 15
 *           store/AMO) and mtval = the faulting virtual address: invalid PTE,
 *           read-only page, W without R, non-leaf PTE at the last level,
 *           misaligned 2 MiB / 1 GiB superpages, non-canonical addresses,
 *           fetch from a non-executable page
 *   30-39   U bit: S-mode loads/stores to U pages fault unless SUM = 1,
 *           S-mode fetches from U pages always fault; U-mode accesses to
 *           non-U pages fault; MXR makes execute-only pages readable
 *   40-49   A and D bits are set by the hardware (QEMU does it): load sets
 *           A, store sets A and D, fetch sets A
 *   50-59   MPRV: M-mode loads with MPRV = 1 are translated with MPP's
 *           privilege (S, U)
 *   60-69   SFENCE.VMA makes a changed PTE visible
 *   70-79   page faults delegated to S: scause/stval
 */
#include "common.h"

#define VA_BASE      0x40000000
#define VA(p)        (VA_BASE + (p) * 0x1000)
#define VA_2M        0x40200000          /* l1[1]: 2 MiB -> PA 0x80200000 */
#define VA_2M_BAD    0x40400000          /* l1[2]: misaligned 2 MiB */
#define VA_1G        0xc0000000          /* root[3]: 1 GiB -> PA 0x80000000 */
#define VA_1G_BAD    0x100000000         /* root[4]: misaligned 1 GiB */
#define PA_2M        0x80200000

/* 4 KiB pages in l0 (VA(n)) */
#define P_RW         0       /* data0, RW            */
#define P_RO         1       /* data1, R             */
#define P_XO         2       /* code,  X only        */
#define P_URW        3       /* data2, U RW          */
#define P_INV        4       /* invalid (V = 0)      */
#define P_WO         5       /* data0, W only (reserved encoding) */
#define P_AD         6       /* data3, RW, A = D = 0 */
#define P_RX         7       /* code,  RX            */
#define P_URX        8       /* code,  U RX          */
#define P_SWAP       10      /* data0, later data1   */
#define P_NOD        11      /* data4, RW, A = 1, D = 0 */
#define P_NONLEAF    13      /* V only at the last level */
#define P_RX_NOA     14      /* code, RX, A = 0      */

#define MAGIC0 0x1111111111111111
#define MAGIC1 0x2222222222222222
#define MAGIC2 0x3333333333333333
#define MAGIC3 0x4444444444444444
#define MAGIC4 0x5555555555555555
#define MAGIC_2M 0x6666666666666666

#define AD (PTE_A | PTE_D)

/* offsets of the snippets in code_page (checked after it) */
#define OFF_FN       0
#define OFF_U_LOAD   8
#define OFF_U_STORE  16
#define OFF_U_JUMP   24
#define OFF_U_RET    28

/* table[idx] = PTE(pa, flags); clobbers t0, t1 */
#define SET_PTE(table, idx, pa, flags)                                   \
    la t0, table; li t1, pa; srli t1, t1, 12; slli t1, t1, 10;           \
    ori t1, t1, flags; sd t1, (8 * (idx))(t0)
#define SET_PTE_SYM(table, idx, sym, flags)                              \
    la t0, table; la t1, sym; srli t1, t1, 12; slli t1, t1, 10;          \
    ori t1, t1, flags; sd t1, (8 * (idx))(t0)

/* An access from the current mode that must fault: cause, tval = addr. */
#define TEST_FAULT(n, cause, addr, insn...)                              \
    li s0, addr; CLEAR_TRAP; insn; EXPECT_TRAP(cause, addr, n)

/* A fetch from `addr` (S-mode) that must fault: resume in M, re-enter S. */
#define TEST_FETCH_FAULT(n, addr)                                        \
    li s0, addr; CLEAR_TRAP; SET_RESUME(9020f); jalr s0;                 \
9020: EXPECT_TRAP(CAUSE_FETCH_PAGE_FAULT, addr, n); ENTER_MODE(PRV_S)

/* Run the U-mode snippet at VA(P_URX) + offset with a0 = arg; back in M
 * afterwards (the snippet ends with ecall; a fault also returns to M). */
#define RUN_U(offset, arg)                                               \
    li a0, arg; SET_RESUME(9021f);                                       \
    li t0, MSTATUS_MPP | MSTATUS_MPIE; csrc mstatus, t0;                 \
    li t0, VA(P_URX) + (offset); csrw mepc, t0; mret;                    \
9021:

    .text
    .globl main
main:
    PUTS("mmu\n")
    li a7, 0
    csrw medeleg, zero
    csrw mideleg, zero

    /* ---- data pages ---- */
    li t1, MAGIC0
    la t0, data0
    sd t1, 0(t0)
    li t1, MAGIC1
    la t0, data1
    sd t1, 0(t0)
    li t1, MAGIC2
    la t0, data2
    sd t1, 0(t0)
    li t1, MAGIC3
    la t0, data3
    sd t1, 0(t0)
    li t1, MAGIC4
    la t0, data4
    sd t1, 0(t0)
    li t0, PA_2M
    li t1, MAGIC_2M
    sd t1, 0(t0)
    li t2, 0x1238
    add t2, t2, t0
    not t1, t1
    sd t1, 0(t2)
    li t2, 0x1ffff8
    add t2, t2, t0
    li t1, 0x0123456789abcdef
    sd t1, 0(t2)

    /* ---- page tables ---- */
    SET_PTE(root, 0, 0x00000000, PTE_V | PTE_R | PTE_W | AD)       /* devices */
    SET_PTE_SYM(root, 1, l1, PTE_V)
    SET_PTE(root, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | AD) /* RAM */
    SET_PTE(root, 3, 0x80000000, PTE_V | PTE_R | PTE_W | AD)       /* 1 GiB alias */
    SET_PTE(root, 4, 0x80200000, PTE_V | PTE_R | PTE_W | AD)       /* misaligned */
    SET_PTE_SYM(l1, 0, l0, PTE_V)
    SET_PTE(l1, 1, PA_2M, PTE_V | PTE_R | PTE_W | AD)              /* 2 MiB */
    SET_PTE(l1, 2, 0x80201000, PTE_V | PTE_R | PTE_W | AD)         /* misaligned */
    SET_PTE_SYM(l0, P_RW, data0, PTE_V | PTE_R | PTE_W | AD)
    SET_PTE_SYM(l0, P_RO, data1, PTE_V | PTE_R | PTE_A)
    SET_PTE_SYM(l0, P_XO, code_page, PTE_V | PTE_X | PTE_A)
    SET_PTE_SYM(l0, P_URW, data2, PTE_V | PTE_R | PTE_W | PTE_U | AD)
    SET_PTE_SYM(l0, P_INV, data0, PTE_R | PTE_W | AD)               /* V = 0 */
    SET_PTE_SYM(l0, P_WO, data0, PTE_V | PTE_W | AD)
    SET_PTE_SYM(l0, P_AD, data3, PTE_V | PTE_R | PTE_W)
    SET_PTE_SYM(l0, P_RX, code_page, PTE_V | PTE_R | PTE_X | PTE_A)
    SET_PTE_SYM(l0, P_URX, code_page, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
    SET_PTE_SYM(l0, P_SWAP, data0, PTE_V | PTE_R | PTE_W | AD)
    SET_PTE_SYM(l0, P_NOD, data4, PTE_V | PTE_R | PTE_W | PTE_A)
    SET_PTE_SYM(l0, P_NONLEAF, data0, PTE_V)
    SET_PTE_SYM(l0, P_RX_NOA, code_page, PTE_V | PTE_R | PTE_X)
    la t0, root
    srli t0, t0, 12
    li t1, SATP_MODE_SV39
    or t0, t0, t1
    csrw satp, t0
    sfence.vma

    /* ---- translations (S-mode) ---- */
    ENTER_MODE(PRV_S)
    li t0, VA(P_RW)
    ld t1, 0(t0)
    CHECK(t1, MAGIC0, 1)
    li t1, 0xabcd
    sd t1, 8(t0)
    la t2, data0
    ld t1, 8(t2)                               /* through the identity map */
    CHECK(t1, 0xabcd, 2)
    la t0, data3                               /* 1 GiB superpage alias */
    li t1, 0x80000000
    sub t0, t0, t1
    li t1, VA_1G
    add t0, t0, t1
    ld t1, 0(t0)
    CHECK(t1, MAGIC3, 3)
    li t0, VA_2M                               /* 2 MiB superpage */
    ld t1, 0(t0)
    CHECK(t1, MAGIC_2M, 4)
    li t0, VA_2M + 0x1238
    ld t1, 0(t0)
    CHECK(t1, ~MAGIC_2M, 5)
    li t0, VA_2M + 0x1ffff8
    ld t1, 0(t0)
    CHECK(t1, 0x0123456789abcdef, 6)
    li t0, VA(P_RO)                            /* read-only page readable */
    lw t1, 4(t0)
    CHECK(t1, 0x22222222, 7)
    li t0, VA(P_RX) + OFF_FN    /* fetch from an RX page */
    li a0, 0
    jalr t0
    CHECK(a0, 0x77, 8)

    /* ---- page faults (S-mode, taken in M) ---- */
    TEST_FAULT(10, CAUSE_LOAD_PAGE_FAULT, VA(P_INV), ld t1, 0(s0))
    TEST_FAULT(11, CAUSE_STORE_PAGE_FAULT, VA(P_INV) + 16, sd t1, 0(s0))
    TEST_FAULT(12, CAUSE_STORE_PAGE_FAULT, VA(P_RO) + 8, sd t1, 0(s0))
    TEST_FAULT(13, CAUSE_STORE_PAGE_FAULT, VA(P_RO), amoadd.d t1, t1, (s0))
    TEST_FAULT(14, CAUSE_LOAD_PAGE_FAULT, VA(P_INV), lr.d t1, (s0))
    TEST_FAULT(15, CAUSE_STORE_PAGE_FAULT, VA(P_RO) + 4, sw t1, 0(s0))
    TEST_FAULT(16, CAUSE_LOAD_PAGE_FAULT, VA(P_WO), ld t1, 0(s0))
    TEST_FAULT(17, CAUSE_STORE_PAGE_FAULT, VA(P_WO), sd t1, 0(s0))
    TEST_FAULT(18, CAUSE_LOAD_PAGE_FAULT, VA(P_NONLEAF), ld t1, 0(s0))
    TEST_FAULT(19, CAUSE_LOAD_PAGE_FAULT, VA_2M_BAD, ld t1, 0(s0))
    TEST_FAULT(20, CAUSE_LOAD_PAGE_FAULT, VA_1G_BAD + 8, ld t1, 0(s0))
    TEST_FAULT(21, CAUSE_LOAD_PAGE_FAULT, 0x0000004000000000, ld t1, 0(s0))
    TEST_FAULT(22, CAUSE_STORE_PAGE_FAULT, 0x8000000000000000, sd t1, 0(s0))
    TEST_FAULT(23, CAUSE_LOAD_PAGE_FAULT, 0xffffffc000000000, lbu t1, 0(s0))
    TEST_FAULT(24, CAUSE_LOAD_PAGE_FAULT, 0xffffffff80000000, lw t1, 0(s0))
    TEST_FAULT(25, CAUSE_LOAD_PAGE_FAULT, VA(P_XO), ld t1, 0(s0))
    TEST_FETCH_FAULT(26, VA(P_INV))
    TEST_FETCH_FAULT(27, VA(P_RW))
    TEST_FETCH_FAULT(28, VA(P_RO))
    TEST_FETCH_FAULT(29, 0x0000008000000000)

    /* ---- U bit, SUM, MXR ---- */
    TEST_FAULT(30, CAUSE_LOAD_PAGE_FAULT, VA(P_URW), ld t1, 0(s0))
    TEST_FAULT(31, CAUSE_STORE_PAGE_FAULT, VA(P_URW), sd t1, 0(s0))
    li t0, MSTATUS_SUM
    csrs sstatus, t0
    li t0, VA(P_URW)
    CLEAR_TRAP
    ld t1, 0(t0)
    CHECK(t1, MAGIC2, 32)
    li t1, 0x5eed
    sd t1, 8(t0)
    ld t1, 8(t0)
    CHECK(t1, 0x5eed, 33)
    EXPECT_NO_TRAP(34)
    TEST_FETCH_FAULT(35, VA(P_URX))            /* even with SUM = 1 */
    li t0, MSTATUS_SUM
    csrc sstatus, t0
    li t0, MSTATUS_MXR                         /* execute-only readable */
    csrs sstatus, t0
    li t0, VA(P_XO)
    CLEAR_TRAP
    ld t1, 0(t0)
    la t2, code_page
    ld t2, 0(t2)
    sub t1, t1, t2
    CHECK(t1, 0, 36)
    EXPECT_NO_TRAP(37)
    li t0, MSTATUS_MXR
    csrc sstatus, t0
    BACK_TO_M
    /* U-mode: the snippet loads/stores/jumps through a0 and does ecall */
    CLEAR_TRAP
    RUN_U(OFF_U_LOAD, VA(P_URW))
    EXPECT_TRAP(CAUSE_ECALL_U, 0, 38)          /* no fault */
    CLEAR_TRAP
    RUN_U(OFF_U_LOAD, VA(P_RW))
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA(P_RW), 39)
    CLEAR_TRAP
    RUN_U(OFF_U_STORE, VA(P_RO))
    EXPECT_TRAP(CAUSE_STORE_PAGE_FAULT, VA(P_RO), 40)
    CLEAR_TRAP
    RUN_U(OFF_U_JUMP, VA(P_RX) + OFF_FN)
    EXPECT_TRAP(CAUSE_FETCH_PAGE_FAULT, VA(P_RX) + OFF_FN, 41)
    CLEAR_TRAP
    RUN_U(OFF_U_JUMP, VA(P_URX) + OFF_U_RET)
    EXPECT_TRAP(CAUSE_ECALL_U, 0, 42)          /* U fetch from a U page */

    /* ---- A and D bits ---- */
    ENTER_MODE(PRV_S)
    la s1, l0
    ld t1, (8 * P_AD)(s1)
    andi t1, t1, AD
    CHECK(t1, 0, 43)
    li t0, VA(P_AD)
    ld t1, 0(t0)
    CHECK(t1, MAGIC3, 44)
    ld t1, (8 * P_AD)(s1)
    andi t1, t1, AD
    CHECK(t1, PTE_A, 45)                       /* load: A */
    sd t1, 8(t0)
    ld t1, (8 * P_AD)(s1)
    andi t1, t1, AD
    CHECK(t1, PTE_A | PTE_D, 46)               /* store: D */
    li t0, VA(P_NOD)
    sw t1, 0(t0)
    ld t1, (8 * P_NOD)(s1)
    andi t1, t1, AD
    CHECK(t1, PTE_A | PTE_D, 47)
    li t0, VA(P_RX_NOA) + OFF_FN
    jalr t0
    ld t1, (8 * P_RX_NOA)(s1)
    andi t1, t1, AD
    CHECK(t1, PTE_A, 48)                       /* fetch: A */
    BACK_TO_M

    /* ---- MPRV (M-mode loads translated with MPP's privilege) ---- */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, PRV_S << 11
    csrs mstatus, t0
    li t0, MSTATUS_MPRV
    li t2, VA(P_RW)
    csrs mstatus, t0
    ld t1, 0(t2)
    csrc mstatus, t0
    CHECK(t1, MAGIC0, 50)
    li t2, VA(P_INV)
    CLEAR_TRAP
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, PRV_S << 11
    csrs mstatus, t0
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    ld t1, 0(t2)                               /* page fault, taken in M */
    csrc mstatus, t0
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA(P_INV), 51)
    li t2, VA(P_URW)                           /* MPP = S, SUM = 0 */
    CLEAR_TRAP
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, PRV_S << 11
    csrs mstatus, t0
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    ld t1, 0(t2)
    csrc mstatus, t0
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA(P_URW), 52)
    li t2, VA(P_URW)                           /* MPP = U */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    ld t1, 0(t2)
    csrc mstatus, t0
    CHECK(t1, MAGIC2, 53)
    li t2, VA(P_RW)                            /* MPP = U, non-U page */
    CLEAR_TRAP
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    ld t1, 0(t2)
    csrc mstatus, t0
    EXPECT_TRAP(CAUSE_LOAD_PAGE_FAULT, VA(P_RW), 54)
    /* MPRV does not affect instruction fetch: M code keeps running */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, PRV_S << 11
    csrs mstatus, t0
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    nop
    csrc mstatus, t0
    CHECK(x0, 0, 55)

    /* ---- SFENCE.VMA ---- */
    ENTER_MODE(PRV_S)
    la s1, l0
    li t0, VA(P_SWAP)
    ld t1, 0(t0)
    CHECK(t1, MAGIC0, 60)
    la t1, data1                               /* remap to data1 */
    srli t1, t1, 12
    slli t1, t1, 10
    ori t1, t1, PTE_V | PTE_R | PTE_W | AD
    sd t1, (8 * P_SWAP)(s1)
    sfence.vma
    ld t1, 0(t0)
    CHECK(t1, MAGIC1, 61)
    la t1, data2                               /* remap to data2, */
    srli t1, t1, 12                            /* sfence for that VA only */
    slli t1, t1, 10
    ori t1, t1, PTE_V | PTE_R | PTE_W | AD
    sd t1, (8 * P_SWAP)(s1)
    sfence.vma t0, zero
    ld t1, 0(t0)
    CHECK(t1, MAGIC2, 62)
    sd zero, (8 * P_SWAP)(s1)                  /* invalidate */
    sfence.vma t0
    TEST_FAULT(63, CAUSE_LOAD_PAGE_FAULT, VA(P_SWAP) + 0x10, ld t1, 0(s0))

    /* ---- page faults delegated to S ---- */
    BACK_TO_M
    la t0, _trap_s
    csrw stvec, t0
    li t0, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | (1 << CAUSE_FETCH_PAGE_FAULT)
    csrw medeleg, t0
    ENTER_MODE(PRV_S)
    CLEAR_TRAP
    CLEAR_STRAP
    li s0, VA(P_INV) + 0x20
    ld t1, 0(s0)
    EXPECT_STRAP(CAUSE_LOAD_PAGE_FAULT, VA(P_INV) + 0x20, 70)
    li s0, VA(P_RO) + 0x30
    sd t1, 0(s0)
    EXPECT_STRAP(CAUSE_STORE_PAGE_FAULT, VA(P_RO) + 0x30, 71)
    li s0, VA(P_INV)
    SET_SRESUME(1f)
    jalr s0
1:  EXPECT_STRAP(CAUSE_FETCH_PAGE_FAULT, VA(P_INV), 72)
    EXPECT_NO_TRAP(73)
    BACK_TO_M
    csrw medeleg, zero
    csrw satp, zero
    sfence.vma

    PASS

/* A page of position-independent code, mapped at VA(P_XO), VA(P_RX),
 * VA(P_URX) and VA(P_RX_NOA). */
    .balign 4096
code_page:
    .option push
    .option norvc
code_fn:
    li a0, 0x77
    ret
code_u_load:                                   /* U: load from a0 */
    ld a1, 0(a0)
    ecall
code_u_store:                                  /* U: store to a0 */
    sd a1, 0(a0)
    ecall
code_u_jump:                                   /* U: jump to a0 */
    jr a0
code_u_ret:
    ecall
    .option pop
    .if (code_fn - code_page - OFF_FN) | (code_u_load - code_page - OFF_U_LOAD) | (code_u_store - code_page - OFF_U_STORE) | (code_u_jump - code_page - OFF_U_JUMP) | (code_u_ret - code_page - OFF_U_RET)
    .error "code_page offsets"
    .endif
    .balign 4096

    .bss
    .balign 4096
root:  .skip 4096
l1:    .skip 4096
l0:    .skip 4096
data0: .skip 4096
data1: .skip 4096
data2: .skip 4096
data3: .skip 4096
data4: .skip 4096
