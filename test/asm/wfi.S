/*
 * wfi.S -- WFI sleeping until a timer interrupt (emulator-only: listed in
 * no-qemu.txt).  It passes on QEMU 7.2 on an idle host, but there a WFI
 * sometimes never wakes up when the host is loaded (a lost wake-up in
 * QEMU), so it is not part of the QEMU differential.  irq.S covers the rest
 * of the interrupt behaviour with busy waits.
 *
 *   1-4     M-mode, MIE = 1: wfi until the machine timer interrupt; mepc = the
 *           instruction after the wfi; mtime >= mtimecmp afterwards
 *   5-6     M-mode, MIE = 0: wfi returns once MTIP is pending (enabled in mie),
 *           no trap
 *   7-9     S-mode, SIE = 1: wfi until the Sstc supervisor timer interrupt
 *           (delegated), sepc = the instruction after the wfi
 *   10-11   S-mode, SIE = 0: wfi returns once STIP is pending, no trap
 */
#include "common.h"

#define TIMER_DELTA 10000

    .text
    .globl main
main:
    PUTS("wfi\n")
    csrw mie, zero
    csrw mideleg, zero
    li s1, CLINT_MTIME
    li s2, CLINT_MTIMECMP

    /* ---- M-mode, MIE = 1 ---- */
    ld t0, 0(s1)
    li t1, TIMER_DELTA
    add t0, t0, t1
    sd t0, 0(s2)
    li t0, MIP_MTIP
    csrw mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
1:  wfi
.Lm_after_wfi:
    la t0, trap_count
    ld t0, 0(t0)
    beqz t0, 1b
    csrci mstatus, MSTATUS_MIE
    CHECK_MEM_ADDR(trap_epc, .Lm_after_wfi, 1)
    EXPECT_TRAP(CAUSE_INTR | IRQ_M_TIMER, 0, 2)
    ld t0, 0(s1)
    ld t1, 0(s2)
    sltu t2, t0, t1
    CHECK(t2, 0, 3)                            /* mtime >= mtimecmp */
    li t0, -1
    sd t0, 0(s2)
    csrr t1, mip
    andi t1, t1, MIP_MTIP
    CHECK(t1, 0, 4)

    /* ---- M-mode, MIE = 0 ---- */
    ld t0, 0(s1)
    li t1, TIMER_DELTA
    add t0, t0, t1
    sd t0, 0(s2)
    li t0, MIP_MTIP
    csrw mie, t0
    CLEAR_TRAP
1:  wfi
    csrr t0, mip
    andi t0, t0, MIP_MTIP
    beqz t0, 1b
    EXPECT_NO_TRAP(5)
    ld t0, 0(s1)
    ld t1, 0(s2)
    sltu t2, t0, t1
    CHECK(t2, 0, 6)
    li t0, -1
    sd t0, 0(s2)
    csrw mie, zero

    /* ---- S-mode, Sstc timer, SIE = 1 ---- */
    la t0, _trap_s
    csrw stvec, t0
    li t0, MENVCFG_STCE
    csrw menvcfg, t0
    li t0, 2                                   /* mcounteren.TM */
    csrw mcounteren, t0
    li t0, -1
    csrw stimecmp, t0
    li t0, MIP_STIP
    csrw mideleg, t0
    ENTER_MODE(PRV_S)
    li t0, MIP_STIP
    csrs sie, t0
    CLEAR_STRAP
    csrr t0, time
    li t1, TIMER_DELTA
    add t0, t0, t1
    csrw stimecmp, t0
    csrsi sstatus, MSTATUS_SIE
1:  wfi
.Ls_after_wfi:
    la t0, s_trap_count
    ld t0, 0(t0)
    beqz t0, 1b
    csrci sstatus, MSTATUS_SIE
    CHECK_MEM_ADDR(s_trap_epc, .Ls_after_wfi, 7)
    EXPECT_STRAP(CAUSE_INTR | IRQ_S_TIMER, 0, 8)
    li t0, -1
    csrw stimecmp, t0
    csrr t0, sip
    andi t0, t0, MIP_STIP
    CHECK(t0, 0, 9)

    /* ---- S-mode, SIE = 0 ---- */
    li t0, MIP_STIP
    csrs sie, t0
    CLEAR_STRAP
    csrr t0, time
    li t1, TIMER_DELTA
    add t0, t0, t1
    csrw stimecmp, t0
1:  wfi
    csrr t0, sip
    andi t0, t0, MIP_STIP
    beqz t0, 1b
    EXPECT_NO_STRAP(10)
    li t0, -1
    csrw stimecmp, t0
    csrr t0, sip
    andi t0, t0, MIP_STIP
    CHECK(t0, 0, 11)
    csrw sie, zero
    BACK_TO_M
    csrw mideleg, zero
    csrw mcounteren, zero
    csrw menvcfg, zero

    PASS
