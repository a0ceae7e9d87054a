/* SPDX-License-Identifier: MIT */
#ifndef _ASM_RISCV_CURRENT_H
#define _ASM_RISCV_CURRENT_H

struct task_struct;

/* In the kernel tp always holds the running task (see entry.S). */
static __always_inline struct task_struct *get_current(void)
{
	register struct task_struct *tp __asm__("tp");
	return tp;
}
#define current get_current()

#endif
