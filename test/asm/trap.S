/*
 * trap.S -- exceptions, delegation and trap return.
 *
 *   1-9     ECALL from M/S/U: mcause 11/9/8, mepc = the ecall, mtval = 0,
 *           mstatus.MPP = the mode it came from
 *   10-19   EBREAK / C.EBREAK: mcause 3, mepc = it, mtval = 0 (QEMU 7.2)
 *   20-39   illegal 32-bit instructions: mcause 2, mtval = the instruction
 *           (F, V, H, Zba/Zbb, reserved shift encodings, custom-0, WFI in U)
 *   40-49   access faults: load/store/fetch outside any device or RAM
 *           (mcause 5/7/1, mtval = the address)
 *   50-69   delegation (medeleg) to S: scause/sepc/stval, SPP, SPIE/SIE;
 *           M-mode exceptions are never delegated
 *   70-89   MRET/SRET: MIE/MPIE/MPP, SIE/SPIE/SPP, SRET from M (whether
 *           an xRET below M clears MPRV is not checked: QEMU 7.2 does not)
 *   90-99   TSR, TW, TVM traps in S-mode; MRET in S/U, SRET in U
 *   100-109 vectored mtvec: exceptions at base, interrupts at base + 4 * cause
 *   110-119 PAUSE and FENCE.TSO are no-ops, FENCE.I makes stores to code
 *           visible to instruction fetch
 */
#include "common.h"

    .text
    .globl main
main:
    PUTS("trap\n")
    li a7, 0

    /* ---- ECALL ---- */
    CLEAR_TRAP
.Lecall_m:
    ecall
    CHECK_MEM_ADDR(trap_epc, .Lecall_m, 1)
    la t0, trap_status
    ld t0, 0(t0)
    srli t0, t0, 11
    andi t0, t0, 3
    CHECK(t0, PRV_M, 2)                        /* MPP = M */
    EXPECT_TRAP(CAUSE_ECALL_M, 0, 3)
    ENTER_MODE(PRV_S)
    CLEAR_TRAP
.Lecall_s:
    ecall
    CHECK_MEM_ADDR(trap_epc, .Lecall_s, 4)
    la t0, trap_status
    ld t0, 0(t0)
    srli t0, t0, 11
    andi t0, t0, 3
    CHECK(t0, PRV_S, 5)
    EXPECT_TRAP(CAUSE_ECALL_S, 0, 6)
    BACK_TO_M
    ENTER_MODE(PRV_U)
    CLEAR_TRAP
.Lecall_u:
    ecall
    CHECK_MEM_ADDR(trap_epc, .Lecall_u, 7)
    la t0, trap_status
    ld t0, 0(t0)
    srli t0, t0, 11
    andi t0, t0, 3
    CHECK(t0, PRV_U, 8)
    EXPECT_TRAP(CAUSE_ECALL_U, 0, 9)
    BACK_TO_M

    /* ---- EBREAK ---- */
    CLEAR_TRAP
.Lebreak:
    .option push
    .option norvc
    ebreak
    .option pop
    CHECK_MEM_ADDR(trap_epc, .Lebreak, 10)
    EXPECT_TRAP(CAUSE_BREAKPOINT, 0, 11)
    CLEAR_TRAP
.Lcebreak:
    c.ebreak
    CHECK_MEM_ADDR(trap_epc, .Lcebreak, 12)
    EXPECT_TRAP(CAUSE_BREAKPOINT, 0, 13)
    ENTER_MODE(PRV_U)
    CLEAR_TRAP
.Lebreak_u:
    .option push
    .option norvc
    ebreak
    .option pop
    CHECK_MEM_ADDR(trap_epc, .Lebreak_u, 14)
    EXPECT_TRAP(CAUSE_BREAKPOINT, 0, 15)
    BACK_TO_M

    /* ---- illegal 32-bit instructions (mtval = the instruction) ---- */
    TEST_ILLEGAL(20, .word 0x00002007)         /* flw f0, 0(x0): no F */
    TEST_ILLEGAL(21, .word 0x00000053)         /* fadd.s: no F */
    TEST_ILLEGAL(22, .word 0x02000053)         /* fadd.d: no D */
    TEST_ILLEGAL(23, .word 0x00007057)         /* vsetvli: no V */
    TEST_ILLEGAL(24, .word 0x22000073)         /* hfence.vvma: no H */
    TEST_ILLEGAL(25, .word 0x40737333)         /* andn t1, t1, t2: no Zbb */
    TEST_ILLEGAL(26, .word 0x20732333)         /* sh1add: no Zba */
    TEST_ILLEGAL(27, .word 0x04005293)         /* srli funct6 = 000001 */
    TEST_ILLEGAL(28, .word 0x0200129b)         /* slliw shamt[5] = 1 */
    TEST_ILLEGAL(29, .word 0x0200529b)         /* srliw shamt[5] = 1 */
    TEST_ILLEGAL(30, .word 0xfe000033)         /* OP funct7 = 1111111 */
    TEST_ILLEGAL(31, .word 0x0000000b)         /* custom-0 */
    TEST_ILLEGAL(32, .word 0x0200103b)         /* OP-32 funct7 1 funct3 001 */
    TEST_ILLEGAL(33, .word 0x00007003)         /* LOAD funct3 111: reserved */
    TEST_ILLEGAL(34, .word 0x00007023)         /* STORE funct3 111: reserved */
    TEST_ILLEGAL(35, .word 0x00002063)         /* BRANCH funct3 010: reserved */
    TEST_ILLEGAL(36, .word 0x000010e7)         /* JALR funct3 001: reserved */
    ENTER_MODE(PRV_U)
    TEST_ILLEGAL(37, wfi)                      /* WFI in U-mode */
    TEST_ILLEGAL(38, sfence.vma)               /* SFENCE.VMA in U-mode */
    BACK_TO_M

    /* ---- access faults (nothing is mapped at 0x88000000, just past the
     * 128 MiB of RAM) ---- */
    li s0, 0x88000000
    CLEAR_TRAP
    ld t0, 0(s0)
    EXPECT_TRAP(CAUSE_LOAD_ACCESS, 0x88000000, 40)
    CLEAR_TRAP
    sw t0, 8(s0)
    EXPECT_TRAP(CAUSE_STORE_ACCESS, 0x88000008, 41)
    CLEAR_TRAP
    SET_RESUME(.Lfetch_fault_back)
    jr s0
.Lfetch_fault_back:
    EXPECT_TRAP(CAUSE_FETCH_ACCESS, 0x88000000, 42)
    li s0, 0x01000000                          /* a hole below the CLINT */
    CLEAR_TRAP
    lw t0, 4(s0)
    EXPECT_TRAP(CAUSE_LOAD_ACCESS, 0x01000004, 43)

    /* ---- delegation to S-mode ---- */
    la t0, _trap_s
    csrw stvec, t0
    li t0, (1 << CAUSE_ILLEGAL_INSN) | (1 << CAUSE_ECALL_U) | (1 << CAUSE_BREAKPOINT)
    csrw medeleg, t0
    /* illegal instruction in S-mode with SIE = 1 */
    csrsi sstatus, MSTATUS_SIE
    ENTER_MODE(PRV_S)
    CLEAR_TRAP
    CLEAR_STRAP
.Lill_s:
    .word 0x00002007                           /* flw */
    EXPECT_NO_TRAP(50)                         /* not seen by M */
    CHECK_MEM_ADDR(s_trap_epc, .Lill_s, 51)
    la t0, s_trap_status
    ld t0, 0(t0)
    andi t0, t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    CHECK(t0, MSTATUS_SPIE | MSTATUS_SPP, 52)  /* SIE -> SPIE, SIE = 0, SPP = S */
    EXPECT_STRAP(CAUSE_ILLEGAL_INSN, 0x00002007, 53)
    csrr t0, sstatus                           /* sret restored SIE */
    andi t0, t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    CHECK(t0, MSTATUS_SIE | MSTATUS_SPIE, 54)
    csrci sstatus, MSTATUS_SIE
    BACK_TO_M
    /* ecall from U goes to S, SPP = U */
    ENTER_MODE(PRV_U)
    CLEAR_STRAP
.Lecall_u2:
    ecall
    CHECK_MEM_ADDR(s_trap_epc, .Lecall_u2, 55)
    la t0, s_trap_status
    ld t0, 0(t0)
    andi t0, t0, MSTATUS_SPP
    CHECK(t0, 0, 56)                           /* SPP = U */
    EXPECT_STRAP(CAUSE_ECALL_U, 0, 57)
    /* ebreak from U goes to S as well */
    CLEAR_STRAP
    c.ebreak
    EXPECT_STRAP(CAUSE_BREAKPOINT, 0, 58)
    EXPECT_NO_TRAP(59)
    BACK_TO_S                                  /* ecall from U goes to S now */
    BACK_TO_M
    /* ecall from S is not delegated (bit 9 clear): goes to M */
    ENTER_MODE(PRV_S)
    CLEAR_TRAP
    CLEAR_STRAP
    ecall
    EXPECT_NO_STRAP(60)
    EXPECT_TRAP(CAUSE_ECALL_S, 0, 61)
    BACK_TO_M
    /* exceptions in M-mode are never delegated */
    CLEAR_TRAP
    CLEAR_STRAP
    .word 0x00002007
    EXPECT_NO_STRAP(62)
    EXPECT_TRAP(CAUSE_ILLEGAL_INSN, 0x00002007, 63)
    /* S-mode ecall delegated (bit 9) is taken in S */
    li t0, 1 << CAUSE_ECALL_S
    csrw medeleg, t0
    ENTER_MODE(PRV_S)
    CLEAR_STRAP
    CLEAR_TRAP
    ecall
    EXPECT_STRAP(CAUSE_ECALL_S, 0, 64)
    EXPECT_NO_TRAP(65)
    /* back to M through a non-delegated exception with a resume address
     * (BACK_TO_M's ecall would be delegated now) */
    SET_RESUME(1f)
    .word 0x00002007
1:  EXPECT_TRAP(CAUSE_ILLEGAL_INSN, 0x00002007, 66)
    csrw medeleg, zero

    /* ---- MRET ---- */
    /* mret to M: MIE = MPIE, MPIE = 1, MPP = U */
    li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPIE | MSTATUS_MPP
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  csrr t1, mstatus
    li t2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and t1, t1, t2
    csrci mstatus, MSTATUS_MIE
    CHECK(t1, MSTATUS_MIE | MSTATUS_MPIE, 70)
    li t0, MSTATUS_MIE | MSTATUS_MPIE
    csrc mstatus, t0
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  csrr t1, mstatus
    li t2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and t1, t1, t2
    CHECK(t1, MSTATUS_MPIE, 71)                /* MIE = 0 (old MPIE) */
    /* mret to S (with MPRV = 1: priv 1.12 says mret to a mode below M
     * clears MPRV, but QEMU 7.2 does not, so MPRV is not checked) */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MSTATUS_MPRV | (PRV_S << 11)
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  CLEAR_TRAP
    ecall
    la t0, trap_status
    ld t0, 0(t0)
    li t1, MSTATUS_MPP
    and t0, t0, t1
    CHECK(t0, PRV_S << 11, 72)
    EXPECT_TRAP(CAUSE_ECALL_S, 0, 73)
    BACK_TO_M
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    /* mret to U */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  CLEAR_TRAP
    ecall
    EXPECT_TRAP(CAUSE_ECALL_U, 0, 74)
    BACK_TO_M

    /* ---- SRET ---- */
    /* sret from S to U: SIE = SPIE, SPIE = 1, SPP = U */
    ENTER_MODE(PRV_S)
    li t0, MSTATUS_SIE | MSTATUS_SPP
    csrc sstatus, t0
    li t0, MSTATUS_SPIE
    csrs sstatus, t0
    la t0, 1f
    csrw sepc, t0
    sret
1:  CLEAR_TRAP
    ecall                                      /* cause 8: now in U */
    la t0, trap_status
    ld t0, 0(t0)
    andi t0, t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    CHECK(t0, MSTATUS_SIE | MSTATUS_SPIE, 75)
    EXPECT_TRAP(CAUSE_ECALL_U, 0, 76)
    BACK_TO_M
    csrci mstatus, MSTATUS_SIE
    /* sret from S to S with SPIE = 0 */
    ENTER_MODE(PRV_S)
    li t0, MSTATUS_SPP
    csrs sstatus, t0
    li t0, MSTATUS_SPIE | MSTATUS_SIE
    csrc sstatus, t0
    la t0, 1f
    csrw sepc, t0
    sret
1:  csrr t0, sstatus                           /* still S: sstatus readable */
    andi t0, t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    CHECK(t0, MSTATUS_SPIE, 77)
    BACK_TO_M
    /* sret from M (allowed): to S (MPRV not checked, see above) */
    li t0, MSTATUS_SPP | MSTATUS_MPRV
    csrs mstatus, t0
    li t0, MSTATUS_MPP
    csrs mstatus, t0                           /* MPP = M: MPRV harmless */
    la t0, 1f
    csrw sepc, t0
    sret
1:  CLEAR_TRAP
    ecall
    EXPECT_TRAP(CAUSE_ECALL_S, 0, 79)
    BACK_TO_M
    li t0, MSTATUS_MPRV
    csrc mstatus, t0

    /* ---- TSR / TW / TVM, xRET privilege ---- */
    li t0, MSTATUS_TSR
    csrs mstatus, t0
    ENTER_MODE(PRV_S)
    TEST_ILLEGAL(90, sret)
    BACK_TO_M
    li t0, MSTATUS_TSR
    csrc mstatus, t0
    li t0, MSTATUS_TW
    csrs mstatus, t0
    ENTER_MODE(PRV_S)
    TEST_ILLEGAL(91, wfi)
    BACK_TO_M
    li t0, MSTATUS_TW
    csrc mstatus, t0
    li t0, MSTATUS_TVM
    csrs mstatus, t0
    ENTER_MODE(PRV_S)
    TEST_ILLEGAL(92, sfence.vma)
    TEST_ILLEGAL(93, sfence.vma a0, a1)
    TEST_ILLEGAL(94, csrr t0, satp)
    TEST_ILLEGAL(95, csrw satp, zero)
    BACK_TO_M
    li t0, MSTATUS_TVM
    csrc mstatus, t0
    ENTER_MODE(PRV_S)
    TEST_NO_TRAP(96, csrr t0, satp; sfence.vma)
    TEST_ILLEGAL(97, mret)
    BACK_TO_M
    ENTER_MODE(PRV_U)
    TEST_ILLEGAL(98, mret)
    TEST_ILLEGAL(99, sret)
    BACK_TO_M

    /* ---- vectored mtvec ---- */
    la t0, vec_table
    ori t0, t0, 1
    csrw mtvec, t0
    la t0, vec_hit
    sd zero, 0(t0)
    /* an exception goes to the base */
    CLEAR_TRAP
    ecall
    CHECK_MEM(vec_hit, 0x100, 100)
    EXPECT_TRAP(CAUSE_ECALL_M, 0, 101)
    /* machine software interrupt: base + 4 * 3 */
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, MIP_MSIP
    csrs mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    CHECK_MEM(vec_hit, 3, 102)
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_SOFT, 0, 103)
    /* supervisor software interrupt, not delegated, taken in M: base + 4 */
    li t0, MIP_SSIP
    csrs mip, t0
    csrs mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    li t0, MIP_SSIP
    csrc mip, t0
    CHECK_MEM(vec_hit, 1, 104)
    EXPECT_TRAP(CAUSE_INTR | IRQ_S_SOFT, 0, 105)
    la t0, _trap_m
    csrw mtvec, t0
    csrw mie, zero

    /* ---- PAUSE, FENCE.TSO, FENCE.I ---- */
    li a0, 0x1234
    TEST_NO_TRAP(110, .word 0x0100000f; .word 0x8330000f; fence.i)
    CHECK(a0, 0x1234, 111)
    jal .Lpatch_site
    CHECK(a0, 1, 112)
    la t0, .Lpatch_site
    li t1, 0x00200513                          /* addi a0, zero, 2 */
    sw t1, 0(t0)
    fence.i
    jal .Lpatch_site
    CHECK(a0, 2, 113)
    li t1, 0x00300513                          /* addi a0, zero, 3 */
    sw t1, 0(t0)
    fence.i
    jal .Lpatch_site
    CHECK(a0, 3, 114)

    PASS

    .option push
    .option norvc
    .balign 4
.Lpatch_site:
    addi a0, zero, 1
    ret
    .option pop

/* Vector table: each entry records its index in vec_hit, then runs the
 * default handler. */
#define VEC_STUB(idx)                                                    \
    csrrw sp, mscratch, sp; addi sp, sp, -16; sd t0, 0(sp); sd t1, 8(sp); \
    la t0, vec_hit; li t1, idx; sd t1, 0(t0);                            \
    ld t1, 8(sp); ld t0, 0(sp); addi sp, sp, 16; csrrw sp, mscratch, sp; \
    j _trap_m
    .option push
    .option norvc
    .balign 256
vec_table:
    j .Lvec0
    j .Lvec1
    j .Lvec_bad
    j .Lvec3
    j .Lvec_bad
    j .Lvec5
    j .Lvec_bad
    j .Lvec7
    j .Lvec_bad
    j .Lvec9
    j .Lvec_bad
    j .Lvec11
    .option pop
.Lvec0:  VEC_STUB(0x100)
.Lvec1:  VEC_STUB(1)
.Lvec3:  VEC_STUB(3)
.Lvec5:  VEC_STUB(5)
.Lvec7:  VEC_STUB(7)
.Lvec9:  VEC_STUB(9)
.Lvec11: VEC_STUB(11)
.Lvec_bad: VEC_STUB(0xbad)

    .data
    .balign 8
vec_hit:
    .dword 0
