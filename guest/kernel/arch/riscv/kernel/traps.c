// SPDX-License-Identifier: MIT
/*
 * Exceptions other than syscalls and page faults (arch/riscv/kernel/traps.c).
 *
 * A user program that traps is sent the signal Linux would send; nothing
 * catches signals here, so it dies (printing the one-line report in
 * force_sig_fault()).  In the kernel any of these is a bug: die().
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/reboot.h>
#include <asm/ptrace.h>
#include <asm/csr.h>
#include <linux/irq.h>

void __noreturn die(struct pt_regs *regs, const char *str)
{
	pr_err("Oops - %s [#1]\n", str);
	pr_err("epc : %016lx ra : %016lx sp : %016lx\n", regs->epc, regs->ra, regs->sp);
	pr_err("status: %016lx badaddr: %016lx cause: %016lx\n",
	       regs->status, regs->badaddr, regs->cause);
	panic("Fatal exception in %s[%d]", current->comm, current->pid);
}

static void do_trap_error(struct pt_regs *regs, int signo, int code,
			  unsigned long addr, const char *str)
{
	if (user_mode(regs))
		force_sig_fault(signo, code, addr, str);
	else
		die(regs, str);
}

#define DO_ERROR_INFO(name, signo, code, str)				\
void name(struct pt_regs *regs);					\
void name(struct pt_regs *regs)						\
{									\
	do_trap_error(regs, signo, code, regs->epc, str);	\
}

DO_ERROR_INFO(do_trap_unknown, SIGILL, ILL_ILLOPC, "unknown exception");
DO_ERROR_INFO(do_trap_insn_misaligned, SIGBUS, BUS_ADRALN, "instruction address misaligned");
DO_ERROR_INFO(do_trap_insn_fault, SIGSEGV, SEGV_ACCERR, "instruction access fault");
DO_ERROR_INFO(do_trap_insn_illegal, SIGILL, ILL_ILLOPC, "illegal instruction");
DO_ERROR_INFO(do_trap_load_fault, SIGSEGV, SEGV_ACCERR, "load access fault");
DO_ERROR_INFO(do_trap_load_misaligned, SIGBUS, BUS_ADRALN, "load address misaligned");
DO_ERROR_INFO(do_trap_store_misaligned, SIGBUS, BUS_ADRALN, "store (or AMO) address misaligned");
DO_ERROR_INFO(do_trap_store_fault, SIGSEGV, SEGV_ACCERR, "store (or AMO) access fault");
DO_ERROR_INFO(do_trap_ecall_u, SIGILL, ILL_ILLOPC, "environment call from U-mode");
DO_ERROR_INFO(do_trap_ecall_s, SIGILL, ILL_ILLOPC, "environment call from S-mode");
DO_ERROR_INFO(do_trap_ecall_m, SIGILL, ILL_ILLOPC, "environment call from M-mode");
DO_ERROR_INFO(do_trap_break, SIGTRAP, TRAP_BRKPT, "breakpoint");

/* Interrupts: the timer, and the PLIC for the UART. */
void do_irq(struct pt_regs *regs)
{
	unsigned long cause = regs->cause & ~CAUSE_IRQ_FLAG;

	switch (cause) {
	case IRQ_S_TIMER:
		riscv_timer_interrupt();
		break;
	case IRQ_S_EXT:
		plic_handle_irq();
		break;
	default:
		pr_warn("unexpected interrupt cause %lu\n", cause);
		csr_clear(CSR_IP, 1UL << cause);
	}
}
