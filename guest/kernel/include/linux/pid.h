/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/types.h>

#define PID_MAX_DEFAULT	0x8000
#define RESERVED_PIDS	300

/*
 * A pid number in use.  Linux keeps one struct upid per namespace level;
 * rvlab has only the initial namespace, so the number lives here.
 */
struct pid {
	refcount_t count;
	int nr;
	struct hlist_node pid_chain;	/* in pid_hash[] */
	struct task_struct *task;	/* PIDTYPE_PID */
};

struct pid_namespace;
extern struct pid_namespace init_pid_ns;
extern struct pid init_struct_pid;

struct pid *alloc_pid(struct pid_namespace *ns);
void free_pid(struct pid *pid);
void put_pid(struct pid *pid);
void attach_pid(struct task_struct *task, struct pid *pid);
void detach_pid(struct task_struct *task);
struct task_struct *find_task_by_vpid(pid_t nr);
static inline pid_t pid_nr(struct pid *pid) { return pid ? pid->nr : 0; }
void pid_idr_init(void);

#endif
