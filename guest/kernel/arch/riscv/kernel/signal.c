// SPDX-License-Identifier: MIT
/*
 * Signal delivery on the way back to user space (arch/riscv/kernel/signal.c).
 * rvlab has no user signal handlers: a pending signal whose default action
 * is to terminate kills the thread group; the others are dropped.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/ptrace.h>

void do_group_exit(int exit_code);

static bool sig_kernel_ignore(int sig)
{
	return sig == SIGCHLD || sig == 23 /* SIGURG */ || sig == 28 /* SIGWINCH */ ||
	       sig == 18 /* SIGCONT */;
}

static void do_signal(struct pt_regs *regs)
{
	struct task_struct *tsk = current;

	(void)regs;
	while (tsk->pending || tsk->signal->shared_pending) {
		unsigned long *set = tsk->pending ? &tsk->pending
						  : &tsk->signal->shared_pending;
		int sig = 1;

		while (!(*set & (1UL << sig)))
			sig++;

		*set &= ~(1UL << sig);
		if (sig_kernel_ignore(sig) ||
		    tsk->sighand->action[sig] == SIG_IGN)
			continue;
		do_group_exit(sig);
	}
	recalc_sigpending();
}

asmlinkage void do_notify_resume(struct pt_regs *regs, unsigned long thread_info_flags);
asmlinkage void do_notify_resume(struct pt_regs *regs, unsigned long thread_info_flags)
{
	if (thread_info_flags & _TIF_SIGPENDING)
		do_signal(regs);
}
