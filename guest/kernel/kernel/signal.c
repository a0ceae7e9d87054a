// SPDX-License-Identifier: MIT
/*
 * Sending signals (kernel/signal.c).  There are no user handlers: a
 * signal is either ignored or, by its default action, fatal to the
 * thread group — delivered in do_notify_resume() on the way to user mode.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/pid.h>
#include <linux/syscalls.h>

bool signal_pending(struct task_struct *p)
{
	return p->thread_info.flags & _TIF_SIGPENDING;
}

/* Every signal that gets queued is fatal (the ignored ones never are). */
bool fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p);
}

void recalc_sigpending(void)
{
	if (!current->pending && !current->signal->shared_pending)
		current->thread_info.flags &= ~_TIF_SIGPENDING;
}

static bool sig_ignored(struct task_struct *t, int sig)
{
	if (sig == SIGKILL)
		return false;
	if (t->sighand->action[sig] == SIG_IGN)
		return true;
	/* default action "ignore" */
	return sig == SIGCHLD || sig == 18 || sig == 23 || sig == 28;
}

static void signal_wake_up(struct task_struct *t, bool fatal)
{
	t->thread_info.flags |= _TIF_SIGPENDING;
	wake_up_state(t, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0));
}

/* A signal for one thread. */
int send_sig(int sig, struct task_struct *p)
{
	if (!p->sighand || sig_ignored(p, sig))
		return 0;
	p->pending |= 1UL << sig;
	signal_wake_up(p, sig == SIGKILL);
	return 0;
}

/* A signal for a whole process; init ignores what it does not handle. */
int do_send_sig_info_group(int sig, struct task_struct *p)
{
	struct task_struct *t;

	if (!p->sighand || sig_ignored(p, sig) ||
	    (p->signal->flags & SIGNAL_UNKILLABLE))
		return 0;
	p->signal->shared_pending |= 1UL << sig;
	list_for_each_entry(t, &p->signal->thread_head, thread_node)
		signal_wake_up(t, sig == SIGKILL);
	return 0;
}

/*
 * A user fault: report it on the console (the one-line message of
 * Linux's show_unhandled_signals), then make the signal unstoppable.
 */
void force_sig_fault(int sig, int code, unsigned long addr, const char *what)
{
	struct task_struct *tsk = current;

	pr_info("%s[%d]: unhandled signal %d code 0x%x at 0x%016lx (%s)\n",
		tsk->comm, task_pid_nr(tsk), sig, code, addr, what);
	tsk->sighand->action[sig] = SIG_DFL;
	tsk->signal->flags &= ~SIGNAL_UNKILLABLE;
	tsk->pending |= 1UL << sig;
	tsk->thread_info.flags |= _TIF_SIGPENDING;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	struct task_struct *p;
	int count = 0;

	if (sig < 0 || sig >= _NSIG)
		return -EINVAL;
	if (pid > 0) {
		p = find_task_by_vpid(pid);
		if (!p || p->exit_state)
			return -ESRCH;
		return sig ? do_send_sig_info_group(sig, p->group_leader) : 0;
	}
	if (pid == -1) {	/* everybody but init and ourselves */
		for_each_process(p) {
			if (p->pid > 1 && p->tgid != current->tgid &&
			    !(p->flags & PF_KTHREAD) && !p->exit_state) {
				if (sig)
					do_send_sig_info_group(sig, p);
				count++;
			}
		}
		return count ? 0 : -ESRCH;
	}
	return -ESRCH;		/* no process groups in rvlab */
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	struct task_struct *p;

	if (pid <= 0 || tgid <= 0 || sig < 0 || sig >= _NSIG)
		return -EINVAL;
	p = find_task_by_vpid(pid);
	if (!p || p->tgid != tgid || p->exit_state)
		return -ESRCH;
	return sig ? send_sig(sig, p) : 0;
}
