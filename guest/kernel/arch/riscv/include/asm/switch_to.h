/* SPDX-License-Identifier: MIT */
#ifndef _ASM_RISCV_SWITCH_TO_H
#define _ASM_RISCV_SWITCH_TO_H

struct task_struct;

/* entry.S: saves ra, sp, s0-s11 in prev->thread, loads next's, tp = next. */
extern struct task_struct *__switch_to(struct task_struct *prev,
				       struct task_struct *next);

#define switch_to(prev, next, last)			\
do {							\
	struct task_struct *__prev = (prev);		\
	struct task_struct *__next = (next);		\
	((last) = __switch_to(__prev, __next));		\
} while (0)

#endif
