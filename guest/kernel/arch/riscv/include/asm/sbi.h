/* SPDX-License-Identifier: MIT */
#ifndef _ASM_RISCV_SBI_H
#define _ASM_RISCV_SBI_H

#define SBI_EXT_0_1_CONSOLE_PUTCHAR	0x1
#define SBI_EXT_0_1_CONSOLE_GETCHAR	0x2
#define SBI_EXT_BASE			0x10
#define SBI_EXT_TIME			0x54494D45
#define SBI_EXT_SRST			0x53525354

#define SBI_SRST_RESET_TYPE_SHUTDOWN	0
#define SBI_SRST_RESET_TYPE_COLD_REBOOT	1
#define SBI_SRST_RESET_REASON_NONE	0
#define SBI_SRST_RESET_REASON_SYS_FAILURE 1

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(int ext, int fid, unsigned long arg0,
			unsigned long arg1, unsigned long arg2,
			unsigned long arg3, unsigned long arg4,
			unsigned long arg5);
void sbi_set_timer(unsigned long long stime_value);
void sbi_console_putchar(int ch);
void sbi_srst_reset(unsigned long type, unsigned long reason);
long sbi_get_spec_version(void);
void sbi_init(void);

#endif
