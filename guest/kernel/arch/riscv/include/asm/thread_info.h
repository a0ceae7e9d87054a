/* SPDX-License-Identifier: MIT */
#ifndef _ASM_RISCV_THREAD_INFO_H
#define _ASM_RISCV_THREAD_INFO_H

#define THREAD_SIZE_ORDER	2
#define THREAD_SIZE		(4096 << THREAD_SIZE_ORDER)	/* 16 KiB */

#define TIF_SIGPENDING		1	/* a signal is pending */
#define TIF_NEED_RESCHED	2	/* schedule() on the way back to user */
#define _TIF_SIGPENDING		(1 << TIF_SIGPENDING)
#define _TIF_NEED_RESCHED	(1 << TIF_NEED_RESCHED)
#define _TIF_WORK_MASK		(_TIF_SIGPENDING | _TIF_NEED_RESCHED)

#ifndef __ASSEMBLY__
/*
 * First member of task_struct, so that tp (== current) also points at it:
 * entry.S finds the kernel stack through tp->kernel_sp.
 */
struct thread_info {
	unsigned long flags;	/* TIF_* */
	int preempt_count;
	long kernel_sp;		/* kernel stack pointer while in user mode */
	long user_sp;		/* user sp, briefly, during trap entry */
	int cpu;
};
#endif
#endif
