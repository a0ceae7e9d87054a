// SPDX-License-Identifier: MIT
/*
 * The architecture half of fork and exec (arch/riscv/kernel/process.c).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <uapi/linux/sched.h>
#include <asm/ptrace.h>
#include <asm/csr.h>

extern asmlinkage void ret_from_fork(void);
extern asmlinkage void ret_from_kernel_thread(void);

/* gp for kernel threads: what head.S loaded (the kernel's __global_pointer$). */
static unsigned long gp_in_global;

void __init init_gp_in_global(void);
void __init init_gp_in_global(void)
{
	__asm__ ("mv %0, gp" : "=r"(gp_in_global));
}

/* exec: the new program starts at pc with stack sp, in user mode. */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp)
{
	regs->status = SR_PIE;	/* user mode (SPP = 0), interrupts on */
	regs->epc = pc;
	regs->sp = sp;
}

/*
 * Prepare the new task's kernel stack so that its first __switch_to
 * "returns" into ret_from_fork (a user fork: back to user space with the
 * parent's registers and a0 = 0) or ret_from_kernel_thread (fn(arg)).
 * The child's pt_regs sit at the top of its stack, thread.sp points at
 * them: that is where __switch_to will load sp from.
 */
__fork_path int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	unsigned long clone_flags = args->flags;
	unsigned long usp = args->stack;
	unsigned long tls = args->tls;
	struct pt_regs *childregs = task_pt_regs(p);

	memset(&p->thread.s, 0, sizeof(p->thread.s));

	/* p->thread holds context to be restored by __switch_to() */
	if (unlikely(args->fn)) {
		/* Kernel thread */
		memset(childregs, 0, sizeof(struct pt_regs));
		childregs->gp = gp_in_global;
		/* Supervisor/Machine, irqs on: */
		childregs->status = SR_PP | SR_PIE;

		p->thread.ra = (unsigned long)ret_from_kernel_thread;
		p->thread.s[0] = (unsigned long)args->fn;
		p->thread.s[1] = (unsigned long)args->fn_arg;
	} else {
		*childregs = *(current_pt_regs());
		if (usp) /* User fork */
			childregs->sp = usp;
		if (clone_flags & CLONE_SETTLS)
			childregs->tp = tls;
		childregs->a0 = 0; /* Return value of fork() */
		p->thread.ra = (unsigned long)ret_from_fork;
	}
	p->thread.sp = (unsigned long)childregs; /* kernel sp */
	return 0;
}
