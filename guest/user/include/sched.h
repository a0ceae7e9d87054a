/* SPDX-License-Identifier: MIT */
#ifndef _SCHED_H
#define _SCHED_H
#include <sys/types.h>
#include <uapi/linux/sched.h>

/* glibc's clone(): fn(arg) runs in the child on the given stack. */
int clone(int (*fn)(void *), void *stack, int flags, void *arg,
	  pid_t *parent_tid, void *tls, pid_t *child_tid);
int sched_yield(void);

/* A clone-based thread, as pthread_create would make it. */
struct rv_thread {
	volatile pid_t tid;	/* set by CLONE_PARENT_SETTID, cleared at exit */
	void *tls;
};
int rv_thread_create(struct rv_thread *t, int (*fn)(void *), void *arg,
		     void *stack, size_t stack_size);
int rv_thread_join(struct rv_thread *t);
#endif
