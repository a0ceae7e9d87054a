// SPDX-License-Identifier: MIT
/*
 * exit, exit_group, wait4 (kernel/exit.c).
 *
 * do_exit() gives back what the task holds (mm, files, fs), hands its
 * children to init, and becomes a zombie that its parent reaps with
 * wait4() — or, for a thread, disappears at once (autoreap).  The last
 * switch away from a dead task frees its stack (finish_task_switch).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/signal.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <uapi/linux/wait.h>
#include <asm/mmu_context.h>

static struct task_struct *child_reaper;	/* init, once it exists */

static void __unhash_process(struct task_struct *p)
{
	nr_threads--;
	detach_pid(p);
	if (thread_group_leader(p)) {
		list_del_init(&p->tasks);
		list_del_init(&p->sibling);
	} else {
		list_del_init(&p->thread_group);
	}
	list_del_init(&p->thread_node);
}

/* The task is reaped: unhash it and drop the references it held. */
void release_task(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	__unhash_process(p);
	if (!thread_group_leader(p))
		sig->nr_threads--;
	__cleanup_sighand(p->sighand);
	p->sighand = NULL;
	put_signal_struct(sig);
	p->signal = NULL;
	put_task_struct(p);
}

/* Stop using the address space (Linux's exit_mm). */
static void exit_mm(void)
{
	struct mm_struct *mm = current->mm;

	mm_release(current, mm);
	if (!mm)
		return;
	current->mm = NULL;
	/* Off this page table before it can be freed: borrow the kernel's. */
	switch_mm(mm, &init_mm);
	current->active_mm = &init_mm;
	mmput(mm);
}

void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (files) {
		tsk->files = NULL;
		put_files_struct(files);
	}
}

void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	if (fs) {
		tsk->fs = NULL;
		if (--fs->users == 0)
			free_fs_struct(fs);
	}
}

/* Wake a parent sleeping in wait4 (SIGCHLD itself is ignored by default). */
static void __wake_up_parent(struct task_struct *p, struct task_struct *parent)
{
	(void)p;
	wake_up(&parent->signal->wait_chldexit);
}

/*
 * Tell the parent we are dead.  Returns true if nobody will wait for us
 * (the parent ignores SIGCHLD): then we reap ourselves.
 */
static bool do_notify_parent(struct task_struct *tsk, int sig)
{
	bool autoreap = false;

	if (sig == SIGCHLD && tsk->parent->sighand &&
	    tsk->parent->sighand->action[SIGCHLD] == SIG_IGN)
		autoreap = true;
	__wake_up_parent(tsk, tsk->parent);
	return autoreap;
}

/* Our children become init's (there are no subreapers here). */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *p, *n, *reaper = child_reaper;

	if (!reaper || reaper == father)
		reaper = &init_task;
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		p->real_parent = p->parent = reaper;
		list_del_init(&p->sibling);
		list_add_tail(&p->sibling, &reaper->children);
		if (p->exit_state == EXIT_ZOMBIE)
			__wake_up_parent(p, reaper);
	}
}

static void exit_notify(struct task_struct *tsk, bool group_dead)
{
	bool autoreap;

	(void)group_dead;
	forget_original_parent(tsk);
	if (thread_group_leader(tsk))
		autoreap = do_notify_parent(tsk, tsk->exit_signal);
	else
		autoreap = true;	/* threads (exit_signal -1) reap themselves */
	tsk->exit_state = autoreap ? EXIT_DEAD : EXIT_ZOMBIE;
	if (autoreap)
		release_task(tsk);
}

void __noreturn do_exit(long code)
{
	struct task_struct *tsk = current;
	bool group_dead;

	if (unlikely(tsk->flags & PF_EXITING))
		panic("Recursive fault in %s[%d]", tsk->comm, tsk->pid);
	tsk->flags |= PF_EXITING;
	group_dead = atomic_dec_and_test(&tsk->signal->live);
	if (group_dead && unlikely(is_global_init(tsk)))
		panic("Attempted to kill init! exitcode=0x%08lx", code);

	tsk->exit_code = (int)code;
	exit_mm();
	exit_files(tsk);
	exit_fs(tsk);
	exit_notify(tsk, group_dead);
	do_task_dead();
}

/* Kill the other threads of the group: they die on their way to user mode. */
static void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	list_for_each_entry(t, &p->signal->thread_head, thread_node)
		if (t != p)
			send_sig(SIGKILL, t);
}

/*
 * Take down every thread in the thread group.  This is called by fatal
 * signals as well as by sys_exit_group (below).
 */
void __noreturn do_group_exit(int exit_code)
{
	struct signal_struct *sig = current->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;
	} else {
		sig->group_exit_code = exit_code;
		sig->flags |= SIGNAL_GROUP_EXIT;
		zap_other_threads(current);
	}
	do_exit(exit_code);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

struct wait_opts {
	pid_t wo_pid;		/* > 0: that child; -1 (or <= 0): any */
	int wo_flags;
	int __user *wo_stat;
};

static bool eligible_child(struct wait_opts *wo, struct task_struct *p)
{
	if (wo->wo_pid > 0 && p->pid != wo->wo_pid)
		return false;
	/*
	 * Wait for all children (clone and not) if __WALL is set, otherwise
	 * only those whose exit signal is SIGCHLD (or only the others, with
	 * __WCLONE).
	 */
	if (((p->exit_signal != SIGCHLD) ^ !!(wo->wo_flags & __WCLONE)) &&
	    !(wo->wo_flags & __WALL))
		return false;
	return true;
}

static pid_t wait_task_zombie(struct wait_opts *wo, struct task_struct *p)
{
	pid_t pid = task_pid_vnr(p);
	int status = (p->signal->flags & SIGNAL_GROUP_EXIT) ?
		     p->signal->group_exit_code : p->exit_code;

	if (wo->wo_stat && put_user_int(status, wo->wo_stat))
		return -EFAULT;
	p->exit_state = EXIT_DEAD;
	release_task(p);
	return pid;
}

/* Scan the children of every thread of our group; reap one zombie. */
static long do_wait(struct wait_opts *wo)
{
	struct wait_queue_entry wait;
	long retval;

	INIT_LIST_HEAD(&wait.entry);
	for (;;) {
		struct task_struct *tsk, *p;
		bool found = false;

		prepare_to_wait(&current->signal->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		list_for_each_entry(tsk, &current->signal->thread_head, thread_node) {
			list_for_each_entry(p, &tsk->children, sibling) {
				if (!eligible_child(wo, p))
					continue;
				found = true;
				if (p->exit_state == EXIT_ZOMBIE) {
					retval = wait_task_zombie(wo, p);
					goto out;
				}
			}
			if (wo->wo_flags & __WNOTHREAD)
				break;
		}
		retval = -ECHILD;
		if (!found)
			break;
		retval = 0;
		if (wo->wo_flags & WNOHANG)
			break;
		retval = -EINTR;
		if (signal_pending_current())
			break;
		schedule();
	}
out:
	finish_wait(&current->signal->wait_chldexit, &wait);
	return retval;
}

long kernel_wait4(pid_t upid, int __user *stat_addr, int options)
{
	struct wait_opts wo = {
		.wo_pid = upid,
		.wo_flags = options,
		.wo_stat = stat_addr,
	};

	if (options & ~(WNOHANG|WUNTRACED|__WNOTHREAD|__WCLONE|__WALL))
		return -EINVAL;
	return do_wait(&wo);
}

SYSCALL_DEFINE4(wait4, pid_t, upid, int __user *, stat_addr,
		int, options, void __user *, ru)
{
	(void)ru;		/* no resource accounting */
	return kernel_wait4(upid, stat_addr, options);
}

void set_child_reaper(struct task_struct *init)
{
	child_reaper = init;
}
