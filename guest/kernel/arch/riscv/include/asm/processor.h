/* SPDX-License-Identifier: MIT */
#ifndef _ASM_RISCV_PROCESSOR_H
#define _ASM_RISCV_PROCESSOR_H

#include <asm/ptrace.h>

/*
 * User space owns the low 256 GiB of the Sv39 address space (root page
 * table entries 0..255); the kernel the high half.
 */
#define TASK_SIZE	0x4000000000UL
#define STACK_TOP	TASK_SIZE
#define USER_STACK_PAGES 16		/* 64 KiB, mapped at exec time */

#ifndef __ASSEMBLY__

/*
 * CPU-specific state of a task that is not running: what __switch_to()
 * saves and restores (the callee-saved registers), nothing else.
 */
struct thread_struct {
	unsigned long ra;
	unsigned long sp;	/* kernel sp: the saved context is below it */
	unsigned long s[12];	/* s[0] is the frame pointer */
	unsigned long bad_cause;
};

struct task_struct;
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp);

static inline void cpu_relax(void)
{
	__asm__ __volatile__ ("nop");
}

static inline void wait_for_interrupt(void)
{
	__asm__ __volatile__ ("wfi");
}

#endif
#endif
