// SPDX-License-Identifier: MIT
/* Power off and reboot through SBI SRST (arch/riscv/kernel/reset.c). */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/sbi.h>

void machine_power_off(void)
{
	pr_info("reboot: Power down\n");
	sbi_srst_reset(SBI_SRST_RESET_TYPE_SHUTDOWN, SBI_SRST_RESET_REASON_NONE);
	for (;;)
		__asm__ volatile ("wfi");
}

void machine_restart(void)
{
	pr_info("reboot: Restarting system\n");
	sbi_srst_reset(SBI_SRST_RESET_TYPE_COLD_REBOOT, SBI_SRST_RESET_REASON_NONE);
	for (;;)
		__asm__ volatile ("wfi");
}

/* After a panic: power off with a failure code (the board's exit status). */
void machine_halt_failure(void)
{
	sbi_srst_reset(SBI_SRST_RESET_TYPE_SHUTDOWN, SBI_SRST_RESET_REASON_SYS_FAILURE);
	for (;;)
		__asm__ volatile ("wfi");
}
