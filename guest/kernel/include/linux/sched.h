/* SPDX-License-Identifier: MIT */
/*
 * struct task_struct: one per thread, as in Linux.  The fields keep the
 * names of include/linux/sched.h (those the fork lab talks about:
 * __state, stack, pid, tgid, real_parent, parent, children, sibling, mm,
 * active_mm, files, fs, sighand, signal, thread, exit_code, exit_signal,
 * comm, vfork_done, set_child_tid, clear_child_tid), in a similar order,
 * with thread_info first and thread last.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <asm/thread_info.h>
#include <asm/processor.h>
#include <asm/current.h>

/* task->__state */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define __TASK_STOPPED		0x0004
#define __TASK_TRACED		0x0008
#define TASK_DEAD		0x0080
#define TASK_WAKEKILL		0x0100
#define TASK_NEW		0x0800
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
/* task->exit_state */
#define EXIT_DEAD		0x0010
#define EXIT_ZOMBIE		0x0020

/* task->flags */
#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_FORKNOEXEC		0x00000040
#define PF_KTHREAD		0x00200000

#define TASK_COMM_LEN		16
#define STACK_END_MAGIC		0x57AC6E9D

struct mm_struct;
struct files_struct;
struct fs_struct;
struct sighand_struct;
struct signal_struct;
struct completion;
struct cred;
struct pid;

struct task_struct {
	struct thread_info thread_info;	/* must be first (tp points here) */
	unsigned int __state;
	void *stack;			/* the 16 KiB kernel stack */
	refcount_t usage;
	unsigned int flags;		/* PF_* */

	/* kernel/sched/core.c */
	int on_rq;
	struct list_head run_list;	/* in the runqueue while runnable */
	unsigned long nvcsw, nivcsw;	/* voluntary / involuntary switches */

	struct list_head tasks;		/* all processes, from init_task */

	struct mm_struct *mm;		/* NULL for kernel threads */
	struct mm_struct *active_mm;	/* the page table in use */

	int exit_state;			/* EXIT_ZOMBIE, EXIT_DEAD */
	int exit_code;			/* wait4() status */
	int exit_signal;		/* sent to the parent on exit; -1 for threads */

	pid_t pid;
	pid_t tgid;

	struct task_struct *real_parent;	/* who forked us (or init) */
	struct task_struct *parent;		/* who gets SIGCHLD and wait4 */
	struct list_head children;		/* our children */
	struct list_head sibling;		/* in the parent's children list */
	struct task_struct *group_leader;	/* the thread group's main thread */
	struct list_head thread_group;		/* in the leader's thread_group */
	struct list_head thread_node;		/* in signal->thread_head */

	struct pid *thread_pid;

	struct completion *vfork_done;	/* for CLONE_VFORK */
	int __user *set_child_tid;	/* CLONE_CHILD_SETTID */
	int __user *clear_child_tid;	/* CLONE_CHILD_CLEARTID */

	const struct cred *real_cred;
	const struct cred *cred;

	char comm[TASK_COMM_LEN];	/* executable name, without the path */

	struct fs_struct *fs;
	struct files_struct *files;
	struct signal_struct *signal;
	struct sighand_struct *sighand;
	unsigned long pending;		/* private pending signals (bit n = signal n) */

	/* CPU-specific state of this task: must stay last, as in Linux */
	struct thread_struct thread;
};

static inline struct pt_regs *task_pt_regs(struct task_struct *tsk)
{
	return (struct pt_regs *)((char *)tsk->stack + THREAD_SIZE) - 1;
}
#define current_pt_regs() task_pt_regs(current)

static inline unsigned long *end_of_stack(struct task_struct *p)
{
	return p->stack;
}

static inline pid_t task_pid_nr(struct task_struct *t) { return t->pid; }
static inline pid_t task_pid_vnr(struct task_struct *t) { return t->pid; }
static inline pid_t task_tgid_vnr(struct task_struct *t) { return t->tgid; }

static inline void set_tsk_need_resched(struct task_struct *t)
{
	t->thread_info.flags |= _TIF_NEED_RESCHED;
}
static inline void clear_tsk_need_resched(struct task_struct *t)
{
	t->thread_info.flags &= ~_TIF_NEED_RESCHED;
}
static inline bool need_resched(void)
{
	return current->thread_info.flags & _TIF_NEED_RESCHED;
}

#define set_current_state(s)	(current->__state = (s))
#define __set_current_state(s)	(current->__state = (s))

#define next_task(p)	list_entry((p)->tasks.next, struct task_struct, tasks)
#define for_each_process(p) \
	for (p = &init_task; (p = next_task(p)) != &init_task; )

void schedule(void);
void schedule_tail(struct task_struct *prev);
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);
void scheduler_tick(void);
void __noreturn do_task_dead(void);
void __set_task_comm(struct task_struct *tsk, const char *from);
extern struct task_struct init_task;

#endif
