// SPDX-License-Identifier: MIT
/* Calls into the M-mode firmware (arch/riscv/kernel/sbi.c). */
#include <linux/kernel.h>
#include <asm/sbi.h>

struct sbiret sbi_ecall(int ext, int fid, unsigned long arg0,
			unsigned long arg1, unsigned long arg2,
			unsigned long arg3, unsigned long arg4,
			unsigned long arg5)
{
	struct sbiret ret;

	register unsigned long a0 __asm__ ("a0") = arg0;
	register unsigned long a1 __asm__ ("a1") = arg1;
	register unsigned long a2 __asm__ ("a2") = arg2;
	register unsigned long a3 __asm__ ("a3") = arg3;
	register unsigned long a4 __asm__ ("a4") = arg4;
	register unsigned long a5 __asm__ ("a5") = arg5;
	register unsigned long a6 __asm__ ("a6") = fid;
	register unsigned long a7 __asm__ ("a7") = ext;
	__asm__ volatile ("ecall"
			  : "+r" (a0), "+r" (a1)
			  : "r" (a2), "r" (a3), "r" (a4), "r" (a5), "r" (a6), "r" (a7)
			  : "memory");
	ret.error = a0;
	ret.value = a1;
	return ret;
}

void sbi_set_timer(unsigned long long stime_value)
{
	sbi_ecall(SBI_EXT_TIME, 0, stime_value, 0, 0, 0, 0, 0);
}

void sbi_console_putchar(int ch)
{
	sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, ch, 0, 0, 0, 0, 0);
}

void sbi_srst_reset(unsigned long type, unsigned long reason)
{
	sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0, 0, 0, 0);
}

long sbi_get_spec_version(void)
{
	return sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0, 0).value;
}

void sbi_init(void)
{
	long v = sbi_get_spec_version();

	pr_info("SBI specification v%ld.%ld detected\n", (v >> 24) & 0x7f, v & 0xffffff);
}
