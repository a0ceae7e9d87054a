// SPDX-License-Identifier: MIT
/*
 * The SBI v1.0 calls the kernel can make (a7 = extension id, a6 = function
 * id, arguments in a0..a5, result in a0 = error and a1 = value):
 *   Base, TIME, IPI and RFENCE (single hart: local or no-ops), SRST, and the
 *   legacy console putchar/getchar, set_timer and shutdown.
 * Anything else answers SBI_ERR_NOT_SUPPORTED.
 */
#include "fw.h"

#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			-1
#define SBI_ERR_NOT_SUPPORTED		-2
#define SBI_ERR_INVALID_PARAM		-3

#define SBI_SPEC_VERSION		((1UL << 24) | 0)	/* v1.0 */
#define SBI_IMPL_ID			0x72766c62		/* "rvlb" */
#define SBI_IMPL_VERSION		1

#define SBI_EXT_0_1_SET_TIMER		0x00
#define SBI_EXT_0_1_CONSOLE_PUTCHAR	0x01
#define SBI_EXT_0_1_CONSOLE_GETCHAR	0x02
#define SBI_EXT_0_1_CLEAR_IPI		0x03
#define SBI_EXT_0_1_SEND_IPI		0x04
#define SBI_EXT_0_1_REMOTE_FENCE_I	0x05
#define SBI_EXT_0_1_REMOTE_SFENCE_VMA	0x06
#define SBI_EXT_0_1_REMOTE_SFENCE_ASID	0x07
#define SBI_EXT_0_1_SHUTDOWN		0x08
#define SBI_EXT_BASE			0x10
#define SBI_EXT_TIME			0x54494D45
#define SBI_EXT_IPI			0x735049
#define SBI_EXT_RFENCE			0x52464E43
#define SBI_EXT_SRST			0x53525354

#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_TYPE_COLD_REBOOT	1
#define SBI_SRST_TYPE_WARM_REBOOT	2
#define SBI_SRST_REASON_SYS_FAILURE	1

static volatile uint64_t *const mtimecmp = (volatile uint64_t *)BOARD_CLINT_MTIMECMP;
static volatile uint32_t *const test_dev = (volatile uint32_t *)BOARD_TEST_BASE;

/*
 * The timer is the CLINT's: program mtimecmp, clear any pending S timer
 * interrupt and let the M timer interrupt tell us when it is due
 * (sbi_timer_interrupt then raises the S-mode one).  The hart has Sstc,
 * but menvcfg.STCE stays 0 so that the kernel goes through SBI like
 * Linux's timer-riscv driver on a firmware without Sstc.
 */
static void sbi_set_timer(uint64_t stime_value)
{
	*mtimecmp = stime_value;
	csr_clear(mip, MIP_STIP);
	csr_set(mie, MIP_MTIP);
}

void sbi_timer_interrupt(void)
{
	csr_clear(mie, MIP_MTIP);
	csr_set(mip, MIP_STIP);
}

void sbi_system_reset(unsigned long type, unsigned long reason)
{
	if (type == SBI_SRST_TYPE_SHUTDOWN)
		*test_dev = reason == SBI_SRST_REASON_SYS_FAILURE ?
			    (1U << 16) | BOARD_TEST_FAIL : BOARD_TEST_PASS;
	else
		*test_dev = BOARD_TEST_RESET;
	for (;;)
		__asm__ volatile ("wfi");
}

static long sbi_probe(unsigned long eid)
{
	switch (eid) {
	case SBI_EXT_0_1_SET_TIMER ... SBI_EXT_0_1_SHUTDOWN:
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_SRST:
		return 1;
	}
	return 0;
}

static struct sbiret sbi_base(unsigned long fid, unsigned long a0)
{
	struct sbiret ret = { SBI_SUCCESS, 0 };

	switch (fid) {
	case 0: ret.value = SBI_SPEC_VERSION; break;
	case 1: ret.value = SBI_IMPL_ID; break;
	case 2: ret.value = SBI_IMPL_VERSION; break;
	case 3: ret.value = sbi_probe(a0); break;
	case 4: ret.value = csr_read(mvendorid); break;
	case 5: ret.value = csr_read(marchid); break;
	case 6: ret.value = csr_read(mimpid); break;
	default: ret.error = SBI_ERR_NOT_SUPPORTED;
	}
	return ret;
}

/* One hart: a remote fence is a local one, and an IPI has nobody to reach. */
static struct sbiret sbi_rfence(unsigned long fid)
{
	struct sbiret ret = { SBI_SUCCESS, 0 };

	if (fid == 0)
		__asm__ volatile ("fence.i" ::: "memory");
	else if (fid <= 6)
		__asm__ volatile ("sfence.vma" ::: "memory");
	else
		ret.error = SBI_ERR_NOT_SUPPORTED;
	return ret;
}

static struct sbiret sbi_srst(unsigned long fid, unsigned long type,
			      unsigned long reason)
{
	struct sbiret ret = { SBI_ERR_NOT_SUPPORTED, 0 };

	if (fid != 0)
		return ret;
	if (type > SBI_SRST_TYPE_WARM_REBOOT || reason > SBI_SRST_REASON_SYS_FAILURE) {
		ret.error = SBI_ERR_INVALID_PARAM;
		return ret;
	}
	sbi_system_reset(type, reason);
}

/* Legacy (v0.1) calls return their result in a0 alone. */
static long sbi_legacy(unsigned long eid, unsigned long a0)
{
	switch (eid) {
	case SBI_EXT_0_1_SET_TIMER:
		sbi_set_timer(a0);
		return 0;
	case SBI_EXT_0_1_CONSOLE_PUTCHAR:
		uart_putc((int)a0);
		return 0;
	case SBI_EXT_0_1_CONSOLE_GETCHAR:
		return uart_getc();
	case SBI_EXT_0_1_REMOTE_FENCE_I:
		__asm__ volatile ("fence.i" ::: "memory");
		return 0;
	case SBI_EXT_0_1_REMOTE_SFENCE_VMA:
	case SBI_EXT_0_1_REMOTE_SFENCE_ASID:
		__asm__ volatile ("sfence.vma" ::: "memory");
		return 0;
	case SBI_EXT_0_1_SHUTDOWN:
		sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN, 0);
	default:		/* clear_ipi, send_ipi: nothing to do */
		return 0;
	}
}

struct sbiret sbi_ecall_handler(unsigned long eid, unsigned long fid,
				unsigned long a0, unsigned long a1,
				unsigned long a2)
{
	struct sbiret ret = { SBI_ERR_NOT_SUPPORTED, 0 };

	(void)a2;
	if (eid <= SBI_EXT_0_1_SHUTDOWN) {
		ret.error = sbi_legacy(eid, a0);
		ret.value = a1;		/* legacy calls leave a1 alone */
		return ret;
	}
	switch (eid) {
	case SBI_EXT_BASE:
		return sbi_base(fid, a0);
	case SBI_EXT_TIME:
		if (fid != 0)
			break;
		sbi_set_timer(a0);
		ret.error = SBI_SUCCESS;
		break;
	case SBI_EXT_IPI:
		if (fid == 0)
			ret.error = SBI_SUCCESS;
		break;
	case SBI_EXT_RFENCE:
		return sbi_rfence(fid);
	case SBI_EXT_SRST:
		return sbi_srst(fid, a0, a1);
	}
	return ret;
}
