// SPDX-License-Identifier: MIT
/*
 * Threads the way glibc's pthread_create makes them: clone with
 * CLONE_VM|FS|FILES|SYSVSEM|SIGHAND|THREAD|SETTLS|PARENT_SETTID|
 * CHILD_CLEARTID (0x3d0f00) and exit signal 0.  The tid word is set by
 * the kernel before clone returns (PARENT_SETTID) and cleared, with a
 * futex wake, when the thread exits (CHILD_CLEARTID): join waits on it.
 */
#include <syscall.h>
#include <sched.h>
#include <errno.h>

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | \
		      CLONE_SIGHAND | CLONE_THREAD | CLONE_SETTLS | \
		      CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
/* Not FUTEX_PRIVATE: the kernel's CLEARTID wake is a shared one (as in glibc). */
#define FUTEX_WAIT	0

int rv_thread_create(struct rv_thread *t, int (*fn)(void *), void *arg,
		     void *stack, size_t stack_size)
{
	int r = clone(fn, (char *)stack + stack_size, THREAD_FLAGS, arg,
		      (pid_t *)&t->tid, t->tls, (pid_t *)&t->tid);

	return r < 0 ? -1 : 0;
}

int rv_thread_join(struct rv_thread *t)
{
	pid_t tid;

	while ((tid = t->tid) != 0)
		__syscall6(__NR_futex, (long)&t->tid, FUTEX_WAIT, tid, 0, 0, 0);
	return 0;
}
