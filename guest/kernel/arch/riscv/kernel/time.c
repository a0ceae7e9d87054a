// SPDX-License-Identifier: MIT
/*
 * The timer (arch/riscv/kernel/time.c and drivers/clocksource/timer-riscv.c).
 *
 * No periodic tick: the scheduler arms a one-shot SBI timer for the end
 * of the running task's time slice, and the interrupt only asks for a
 * reschedule.  Time is the board's 10 MHz counter (rdtime).
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/sched.h>
#include <asm/sbi.h>
#include <asm/csr.h>

void riscv_timer_interrupt(void)
{
	/* Disarm (this also clears the pending S-mode timer interrupt). */
	sbi_set_timer(~0ULL);
	scheduler_tick();
}

void __init time_init(void)
{
	sbi_set_timer(~0ULL);
	csr_set(CSR_IE, IE_TIE);
}
