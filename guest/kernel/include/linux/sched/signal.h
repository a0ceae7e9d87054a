/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <uapi/linux/signal.h>

#define SIG_DFL	0UL
#define SIG_IGN	1UL

/* Signal handlers, shared with CLONE_SIGHAND (only SIG_DFL/SIG_IGN here). */
struct sighand_struct {
	refcount_t count;
	unsigned long action[_NSIG];
};

#define SIGNAL_UNKILLABLE	0x00000040	/* for init: ignore fatal signals */
#define SIGNAL_GROUP_EXIT	0x00000004	/* exit_group or a fatal signal */

/* Shared by all threads of a process (a thread group). */
struct signal_struct {
	refcount_t sig_cnt;		/* Linux: sigcnt */
	atomic_t live;			/* threads not yet exited */
	int nr_threads;
	struct list_head thread_head;	/* all threads, via task->thread_node */
	struct wait_queue_head wait_chldexit;	/* for wait4() */
	unsigned int flags;
	int group_exit_code;
	unsigned long shared_pending;	/* process-wide pending signals */
};

extern struct signal_struct init_signals;
extern struct sighand_struct init_sighand;

#define thread_group_leader(p)	((p)->exit_signal >= 0)
static inline bool is_global_init(struct task_struct *t) { return t->pid == 1; }

int send_sig(int sig, struct task_struct *p);
int do_send_sig_info_group(int sig, struct task_struct *p);
void force_sig_fault(int sig, int code, unsigned long addr, const char *what);
bool fatal_signal_pending(struct task_struct *p);
bool signal_pending(struct task_struct *p);
void recalc_sigpending(void);
void __cleanup_sighand(struct sighand_struct *sighand);
void put_signal_struct(struct signal_struct *sig);
void __noreturn do_group_exit(int exit_code);
void __noreturn do_exit(long code);

#endif
