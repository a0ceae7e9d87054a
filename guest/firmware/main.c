// SPDX-License-Identifier: MIT
/*
 * rvlab-sbi: the M-mode firmware, in the role OpenSBI plays under Linux.
 *
 * fw_main() prepares the hart for an S-mode kernel — trap delegation,
 * PMP, counters, timer — and mrets to 0x80200000 with a0 = hartid and
 * a1 = the device tree.  After that the firmware only runs from
 * sbi_trap_handler(): SBI calls and the machine timer.
 */
#include "fw.h"

void fw_trap_vector(void);

/* Exceptions the kernel handles itself (everything but ecalls from S/M). */
#define DELEGATED_EXCEPTIONS \
	((1UL << 0) |	/* instruction address misaligned */ \
	 (1UL << 1) |	/* instruction access fault */ \
	 (1UL << 2) |	/* illegal instruction */ \
	 (1UL << 3) |	/* breakpoint */ \
	 (1UL << 4) |	/* load address misaligned */ \
	 (1UL << 5) |	/* load access fault */ \
	 (1UL << 6) |	/* store address misaligned */ \
	 (1UL << 7) |	/* store access fault */ \
	 (1UL << 8) |	/* ecall from U-mode: the kernel's syscalls */ \
	 (1UL << 12) |	/* instruction page fault */ \
	 (1UL << 13) |	/* load page fault */ \
	 (1UL << 15))	/* store page fault */
#define DELEGATED_INTERRUPTS	(MIP_SSIP | MIP_STIP | MIP_SEIP)

#define PMP_R		0x01
#define PMP_W		0x02
#define PMP_X		0x04
#define PMP_A_NAPOT	0x18
#define FW_PROTECT_SIZE	0x40000		/* 256 KiB, see firmware.lds */

/*
 * PMP entry 0 hides the firmware from S and U mode (no permissions, not
 * locked, so M-mode still uses it); entry 1 opens everything else.
 */
static void setup_pmp(void)
{
	unsigned long fw = (BOARD_DRAM_BASE >> 2) | ((FW_PROTECT_SIZE >> 3) - 1);
	unsigned long all = ~0UL >> 10;

	csr_write(pmpaddr0, fw);
	csr_write(pmpaddr1, all);
	csr_write(pmpcfg0, (unsigned long)PMP_A_NAPOT |
		  (unsigned long)(PMP_A_NAPOT | PMP_R | PMP_W | PMP_X) << 8);
}

extern char _fw_stack_top[];
void fw_skip_trap(void);

void __attribute__((noreturn)) fw_main(unsigned long hartid, unsigned long dtb)
{
	uart_init();
	uart_puts("rvlab-sbi: SBI v1.0, entering the kernel at 0x80200000 in S-mode\n");

	/*
	 * A hart without some of these CSRs (PMP is optional) must still
	 * boot: while we write them, a trap just skips the instruction.
	 */
	csr_write(mtvec, fw_skip_trap);
	csr_write(medeleg, DELEGATED_EXCEPTIONS);
	csr_write(mideleg, DELEGATED_INTERRUPTS);
	csr_write(mcounteren, 7);		/* S may read cycle, time, instret */
	setup_pmp();
	csr_write(mtvec, fw_trap_vector);
	csr_write(mscratch, _fw_stack_top);
	*(volatile uint64_t *)BOARD_CLINT_MTIMECMP = ~0ULL;	/* no timer yet */
	csr_write(mie, 0);

	csr_write(satp, 0);
	csr_write(stvec, BOARD_KERNEL_PHYS);
	csr_write(mepc, BOARD_KERNEL_PHYS);
	csr_clear(mstatus, MSTATUS_MPP_MASK | MSTATUS_MPIE);
	csr_set(mstatus, MSTATUS_MPP_S);

	register unsigned long a0 __asm__("a0") = hartid;
	register unsigned long a1 __asm__("a1") = dtb;
	__asm__ volatile ("mret" :: "r"(a0), "r"(a1));
	__builtin_unreachable();
}

static void __attribute__((noreturn)) fw_unexpected_trap(struct fw_regs *regs)
{
	(void)regs;
	uart_puts("rvlab-sbi: unexpected trap, mcause ");
	uart_puthex(csr_read(mcause));
	uart_puts(" mepc ");
	uart_puthex(csr_read(mepc));
	uart_puts(" mtval ");
	uart_puthex(csr_read(mtval));
	uart_puts("\n");
	sbi_system_reset(0, 1);
}

void sbi_trap_handler(struct fw_regs *regs)
{
	unsigned long cause = csr_read(mcause);

	if (cause & MCAUSE_INTR) {
		if ((cause & ~MCAUSE_INTR) == IRQ_M_TIMER)
			sbi_timer_interrupt();
		else
			fw_unexpected_trap(regs);
		return;
	}
	if (cause != EXC_ECALL_S)
		fw_unexpected_trap(regs);

	struct sbiret ret = sbi_ecall_handler(regs->x[REG_A7], regs->x[REG_A6],
					      regs->x[REG_A0], regs->x[REG_A1],
					      regs->x[12]);
	regs->x[REG_A0] = ret.error;
	regs->x[REG_A1] = ret.value;
	csr_write(mepc, csr_read(mepc) + 4);
}
