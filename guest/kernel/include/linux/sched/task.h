/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include <linux/sched.h>

/* What the fork path passes around (include/linux/sched/task.h). */
struct kernel_clone_args {
	u64 flags;
	int __user *pidfd;
	int __user *child_tid;
	int __user *parent_tid;
	int exit_signal;
	unsigned long stack;
	unsigned long stack_size;
	unsigned long tls;
	pid_t *set_tid;
	size_t set_tid_size;
	int cgroup;
	int io_thread;
	int kthread;
	int idle;
	int (*fn)(void *);
	void *fn_arg;
};

extern struct task_struct init_task;
extern int nr_threads;
extern int max_threads;
extern unsigned long total_forks;

pid_t kernel_clone(struct kernel_clone_args *kargs);
struct task_struct *copy_process(struct pid *pid, int trace, int node,
				 struct kernel_clone_args *args);
pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
pid_t user_mode_thread(int (*fn)(void *), void *arg, unsigned long flags);
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args);
int sched_fork(unsigned long clone_flags, struct task_struct *p);
void wake_up_new_task(struct task_struct *p);
void sched_init(void);
void __noreturn cpu_startup_entry(void);
void fork_init(void);
void put_task_struct(struct task_struct *t);
static inline void get_task_struct(struct task_struct *t) { refcount_inc(&t->usage); }
void put_task_stack(struct task_struct *t);
void release_task(struct task_struct *p);

#endif
