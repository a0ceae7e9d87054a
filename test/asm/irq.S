/*
 * irq.S -- interrupts.
 *
 *   1-9     machine software interrupt through CLINT msip: mip.MSIP follows
 *           msip, mcause 0x8000000000000003, mepc = the next instruction,
 *           MPIE = 1 / MPP = M on entry
 *   10-19   machine timer: mtime is monotonic, mip.MTIP = (mtime >= mtimecmp),
 *           the interrupt arrives, mcause 0x8000000000000007; mtimecmp halves
 *   20-29   WFI returns when an interrupt is pending and enabled in mie even
 *           with mstatus.MIE = 0 (and no trap is taken until MIE = 1)
 *   30-39   M-level interrupts are taken in S and U mode whatever MIE is;
 *           a non-delegated S-level interrupt is taken in M from S
 *   40-49   supervisor software interrupt (mip.SSIP) delegated to S: never
 *           taken in M, taken in S only with SIE = 1, in U always
 *   50-59   supervisor timer through Sstc stimecmp (menvcfg.STCE = 1)
 *           delegated to S, sip.STIP follows stimecmp
 *   60-69   priority: {MSI, MTI, SEI} pending at once are taken in that
 *           order, {SSI, STI} too, and an M-level interrupt before a
 *           delegated S-level one (see the note there about QEMU 7.2)
 *   70-79   machine external interrupt: UART THR-empty interrupt through
 *           PLIC context 0; claim returns source 10, completion clears MEIP
 *
 * Nothing here depends on the value of mtime beyond monotonicity.
 */
#include "common.h"

#define PLIC_PRIORITY(src)   (PLIC_BASE + 4 * (src))
#define PLIC_ENABLE_CTX0     (PLIC_BASE + 0x2000)
#define PLIC_THRESHOLD_CTX0  (PLIC_BASE + 0x200000)
#define PLIC_CLAIM_CTX0      (PLIC_BASE + 0x200004)
#define UART_IRQ             10

/* Timer deadlines are set TIMER_DELTA ticks ahead, and the waits for them
 * are busy loops: a WFI that sleeps until the timer fires sometimes never
 * wakes up on QEMU 7.2 when the host is loaded (a lost wake-up), so WFI is
 * only executed here with an interrupt already pending.  Sleeping WFIs are
 * tested by wfi.S (emulator-only). */
#define TIMER_DELTA 1000

/* Spin until the doubleword at `sym` is non-zero; clobbers t0. */
#define SPIN_UNTIL_NONZERO(sym)                                          \
9910: nop; la t0, sym; ld t0, 0(t0); beqz t0, 9910b

/* Spin until mip has one of the bits in `mask`; clobbers t0. */
#define SPIN_UNTIL_MIP(mask)                                             \
9911: csrr t0, mip; andi t0, t0, mask; beqz t0, 9911b

    .text
    .globl main
main:
    PUTS("irq\n")
    csrw mie, zero
    csrw mideleg, zero
    csrw medeleg, zero
    li s0, CLINT_MSIP
    li s1, CLINT_MTIME
    li s2, CLINT_MTIMECMP

    /* ---- machine software interrupt ---- */
    li t0, 1
    sw t0, 0(s0)
    csrr t1, mip
    andi t1, t1, MIP_MSIP
    CHECK(t1, MIP_MSIP, 1)
    li t0, MIP_MSIP
    csrs mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
.Lmsi_next:
    csrci mstatus, MSTATUS_MIE
    CHECK_MEM_ADDR(trap_epc, .Lmsi_next, 2)
    la t0, trap_status
    ld t0, 0(t0)
    li t1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
    and t0, t0, t1
    CHECK(t0, MSTATUS_MPIE | MSTATUS_MPP, 3)
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_SOFT, 0, 4)
    csrr t1, mie                               /* masked by the handler */
    CHECK(t1, 0, 5)
    sw zero, 0(s0)
    csrr t1, mip
    andi t1, t1, MIP_MSIP
    CHECK(t1, 0, 6)
    lw t1, 0(s0)
    CHECK(t1, 0, 7)

    /* ---- machine timer ---- */
    ld t0, 0(s1)
    ld t1, 0(s1)
    sltu t2, t1, t0
    CHECK(t2, 0, 10)                           /* monotonic */
    sd zero, 0(s2)                             /* mtimecmp = 0: pending */
    csrr t1, mip
    andi t1, t1, MIP_MTIP
    CHECK(t1, MIP_MTIP, 11)
    li t0, -1
    sd t0, 0(s2)
    csrr t1, mip
    andi t1, t1, MIP_MTIP
    CHECK(t1, 0, 12)
    ld t0, 0(s1)
    li t1, TIMER_DELTA
    add t0, t0, t1
    sd t0, 0(s2)
    li t0, MIP_MTIP
    csrs mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
    SPIN_UNTIL_NONZERO(trap_count)
    csrci mstatus, MSTATUS_MIE
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_TIMER, 0, 13)
    ld t0, 0(s1)
    ld t1, 0(s2)
    sltu t2, t0, t1
    CHECK(t2, 0, 14)                           /* mtime >= mtimecmp */
    csrr t1, mip
    andi t1, t1, MIP_MTIP
    CHECK(t1, MIP_MTIP, 15)                    /* still pending */
    li t0, -1
    sd t0, 0(s2)
    csrr t1, mip
    andi t1, t1, MIP_MTIP
    CHECK(t1, 0, 16)
    /* 32-bit halves of mtimecmp */
    li t0, 0x12345678
    sw t0, 0(s2)
    ld t1, 0(s2)
    CHECK(t1, 0xffffffff12345678, 17)
    sw zero, 4(s2)
    lwu t1, 4(s2)
    CHECK(t1, 0, 18)
    li t0, -1
    sd t0, 0(s2)

    /* ---- WFI with MIE = 0 ---- */
    li t0, 1
    sw t0, 0(s0)
    li t0, MIP_MSIP
    csrw mie, t0
    CLEAR_TRAP
    wfi                                        /* MSI pending and enabled */
    EXPECT_NO_TRAP(20)
    sw zero, 0(s0)
    ld t0, 0(s1)
    li t1, TIMER_DELTA
    add t0, t0, t1
    sd t0, 0(s2)
    li t0, MIP_MTIP
    csrw mie, t0
    CLEAR_TRAP
    SPIN_UNTIL_MIP(MIP_MTIP)
    wfi                                        /* MTI pending and enabled */
    EXPECT_NO_TRAP(21)
    csrsi mstatus, MSTATUS_MIE                 /* now it is taken */
    nop
    csrci mstatus, MSTATUS_MIE
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_TIMER, 0, 22)
    li t0, -1
    sd t0, 0(s2)
    csrw mie, zero

    /* ---- M interrupts in lower modes, whatever MIE ---- */
    li t0, 1
    sw t0, 0(s0)
    li t0, MIP_MSIP
    csrw mie, t0
    CLEAR_TRAP
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0
    li t0, PRV_S << 11
    csrs mstatus, t0
    la t0, .Ls_first
    csrw mepc, t0
    mret
.Ls_first:
    nop
    BACK_TO_M
    CHECK_MEM_ADDR(trap_epc, .Ls_first, 30)
    la t0, trap_status
    ld t0, 0(t0)
    li t1, MSTATUS_MPP
    and t0, t0, t1
    CHECK(t0, PRV_S << 11, 31)
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_SOFT, 0, 32)
    sw zero, 0(s0)
    /* timer, U-mode */
    sd zero, 0(s2)
    li t0, MIP_MTIP
    csrw mie, t0
    CLEAR_TRAP
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0
    la t0, .Lu_first
    csrw mepc, t0
    mret
.Lu_first:
    nop
    BACK_TO_M
    CHECK_MEM_ADDR(trap_epc, .Lu_first, 33)
    la t0, trap_status
    ld t0, 0(t0)
    li t1, MSTATUS_MPP
    and t0, t0, t1
    CHECK(t0, PRV_U << 11, 34)
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_TIMER, 0, 35)
    li t0, -1
    sd t0, 0(s2)
    /* SSI not delegated: an M-level interrupt, taken from S even with
     * SIE = 0 */
    li t0, MIP_SSIP
    csrs mip, t0
    csrw mie, t0
    csrci mstatus, MSTATUS_SIE
    CLEAR_TRAP
    ENTER_MODE(PRV_S)
    nop
    BACK_TO_M
    EXPECT_TRAP(CAUSE_INTR | IRQ_S_SOFT, 0, 36)
    li t0, MIP_SSIP
    csrc mip, t0
    csrw mie, zero

    /* ---- SSI delegated to S ---- */
    la t0, _trap_s
    csrw stvec, t0
    li t0, MIP_SSIP
    csrw mideleg, t0
    csrs mip, t0
    csrs mie, t0
    CLEAR_TRAP
    CLEAR_STRAP
    csrsi mstatus, MSTATUS_MIE                 /* never taken in M */
    nop
    nop
    csrci mstatus, MSTATUS_MIE
    EXPECT_NO_TRAP(40)
    EXPECT_NO_STRAP(41)
    ENTER_MODE(PRV_S)
    nop
    EXPECT_NO_STRAP(42)                        /* SIE = 0 in S */
    csrr t0, sip
    CHECK(t0, MIP_SSIP, 43)
    csrsi sstatus, MSTATUS_SIE
.Lssi_next:
    csrci sstatus, MSTATUS_SIE
    CHECK_MEM_ADDR(s_trap_epc, .Lssi_next, 44)
    la t0, s_trap_status
    ld t0, 0(t0)
    andi t0, t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    CHECK(t0, MSTATUS_SPIE | MSTATUS_SPP, 45)
    EXPECT_STRAP(CAUSE_INTR | IRQ_S_SOFT, 0, 46)
    EXPECT_NO_TRAP(47)
    csrr t0, sie                               /* masked by _trap_s */
    CHECK(t0, 0, 48)
    li t0, MIP_SSIP                            /* still pending: re-enable */
    csrs sie, t0
    BACK_TO_M
    /* in U-mode it is taken even with SIE = 0 */
    CLEAR_STRAP
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0
    la t0, .Lu_first2
    csrw mepc, t0
    mret
.Lu_first2:
    nop
    BACK_TO_M
    CHECK_MEM_ADDR(s_trap_epc, .Lu_first2, 49)
    la t0, s_trap_status
    ld t0, 0(t0)
    andi t0, t0, MSTATUS_SPP
    CHECK(t0, 0, 50)
    EXPECT_STRAP(CAUSE_INTR | IRQ_S_SOFT, 0, 51)
    li t0, MIP_SSIP
    csrc mip, t0
    csrw mie, zero
    csrw mideleg, zero

    /* ---- supervisor timer through Sstc, delegated ---- */
    li t0, MENVCFG_STCE
    csrw menvcfg, t0
    li t0, 2                                   /* TM: S may use stimecmp */
    csrw mcounteren, t0
    li t0, -1
    csrw stimecmp, t0
    li t0, MIP_STIP
    csrw mideleg, t0
    ENTER_MODE(PRV_S)
    CLEAR_STRAP
    li t0, MIP_STIP
    csrs sie, t0
    csrsi sstatus, MSTATUS_SIE
    csrr t0, time
    li t1, TIMER_DELTA
    add t0, t0, t1
    csrw stimecmp, t0
    SPIN_UNTIL_NONZERO(s_trap_count)
    csrci sstatus, MSTATUS_SIE
    EXPECT_STRAP(CAUSE_INTR | IRQ_S_TIMER, 0, 52)
    csrr t0, sip
    andi t0, t0, MIP_STIP
    CHECK(t0, MIP_STIP, 53)                    /* still pending */
    li t0, -1
    csrw stimecmp, t0
    csrr t0, sip
    andi t0, t0, MIP_STIP
    CHECK(t0, 0, 54)
    BACK_TO_M
    csrw mideleg, zero
    csrw mcounteren, zero
    csrw menvcfg, zero

    /* ---- priority ----
     * The spec order is MEI > MSI > MTI > SEI > SSI > STI, but QEMU 7.2
     * (without AIA) takes the lowest-numbered pending interrupt first, so
     * only groups where both agree are checked: {MSI, MTI, SEI} and
     * {SSI, STI}, and M-level before S-level (delegated) interrupts. */
    li t0, 1
    sw t0, 0(s0)                               /* MSI */
    sd zero, 0(s2)                             /* MTI */
    li t0, MIP_SEIP                            /* SEI (software-writable) */
    csrs mip, t0
    li t0, MIP_MSIP | MIP_MTIP | MIP_SEIP
    csrw mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    CHECK_MEM(trap_count, 3, 60)
    CHECK_MEM(trap_log + 0, CAUSE_INTR | IRQ_M_SOFT, 61)
    CHECK_MEM(trap_log + 8, CAUSE_INTR | IRQ_M_TIMER, 62)
    CHECK_MEM(trap_log + 16, CAUSE_INTR | IRQ_S_EXT, 63)
    sw zero, 0(s0)
    li t0, -1
    sd t0, 0(s2)
    li t0, MIP_SEIP
    csrc mip, t0
    /* SSI before STI (not delegated, STIP software-writable: STCE = 0) */
    li t0, MIP_SSIP | MIP_STIP
    csrs mip, t0
    csrw mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    CHECK_MEM(trap_count, 2, 64)
    CHECK_MEM(trap_log + 0, CAUSE_INTR | IRQ_S_SOFT, 65)
    CHECK_MEM(trap_log + 8, CAUSE_INTR | IRQ_S_TIMER, 66)
    li t0, MIP_SSIP | MIP_STIP
    csrc mip, t0
    /* in S-mode with SIE = 1: M-level MTI (not delegated) before the
     * delegated SSI */
    li t0, MIP_SSIP
    csrw mideleg, t0
    csrs mip, t0
    li t0, MIP_SSIP | MIP_MTIP
    csrw mie, t0
    csrsi mstatus, MSTATUS_SIE
    sd zero, 0(s2)
    CLEAR_TRAP
    CLEAR_STRAP
    ENTER_MODE(PRV_S)
    nop
    csrci sstatus, MSTATUS_SIE
    BACK_TO_M
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_TIMER, 0, 67)
    EXPECT_STRAP(CAUSE_INTR | IRQ_S_SOFT, 0, 68)
    la t0, trap_seq
    ld t0, 0(t0)
    la t1, s_trap_seq
    ld t1, 0(t1)
    sltu t2, t0, t1
    CHECK(t2, 1, 69)                           /* M trap came first */
    li t0, -1
    sd t0, 0(s2)
    li t0, MIP_SSIP
    csrc mip, t0
    csrw mideleg, zero
    csrw mie, zero

    /* ---- machine external interrupt: UART THR-empty interrupt
     * (IER.ETBEI) through PLIC context 0 (hart 0 M-mode) ---- */
    li t0, PLIC_PRIORITY(UART_IRQ)
    li t1, 1
    sw t1, 0(t0)
    li t0, PLIC_ENABLE_CTX0
    li t1, 1 << UART_IRQ
    sw t1, 0(t0)
    li t0, PLIC_THRESHOLD_CTX0
    sw zero, 0(t0)
    li t0, UART_BASE
1:  lbu t1, UART_LSR(t0)                       /* transmitter empty */
    andi t1, t1, 0x40
    beqz t1, 1b
    li t1, 0x02
    sb t1, UART_IER(t0)
    csrr s3, mip
    li t0, MIP_MEIP
    csrw mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    /* claim the UART source while it is still asserted, quiet the UART,
     * complete */
    li t0, PLIC_CLAIM_CTX0
    lw s4, 0(t0)
    li t2, UART_BASE
    sb zero, UART_IER(t2)
    sw s4, 0(t0)
    srli s3, s3, IRQ_M_EXT
    andi s3, s3, 1
    CHECK(s3, 1, 70)                           /* MEIP was pending */
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_EXT, 0, 71)
    CHECK(s4, UART_IRQ, 72)
    csrr t1, mip
    srli t1, t1, IRQ_M_EXT
    andi t1, t1, 1
    CHECK(t1, 0, 73)
    li t0, PLIC_CLAIM_CTX0
    lw t1, 0(t0)                               /* nothing left to claim */
    CHECK(t1, 0, 74)
    csrw mie, zero
    li t0, PLIC_ENABLE_CTX0
    sw zero, 0(t0)

    PASS
