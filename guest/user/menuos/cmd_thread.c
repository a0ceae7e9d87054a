// SPDX-License-Identifier: MIT
/* MenuOS commands about threads and clone flags. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <signal.h>
#include <sys/wait.h>
#include "commands.h"

static volatile int shared = 1;
static char thread_stack[16384] __attribute__((aligned(16)));
static char thread_tls[64] __attribute__((aligned(16)));
static pid_t thread_pid, thread_tid;

static int thread_fn(void *arg)
{
	(void)arg;
	thread_pid = getpid();
	thread_tid = gettid();
	printf("thread: getpid() = %d, gettid() = %d, sets shared = 2\n",
	       thread_pid, thread_tid);
	shared = 2;
	return 0;
}

/* A thread shares our memory: its write to "shared" is ours. */
int ThreadDemo(int argc, char *argv[])
{
	struct rv_thread t = { 0, thread_tls };
	pid_t tid;

	(void)argc; (void)argv;
	shared = 1;
	printf("main:   getpid() = %d, gettid() = %d, shared = %d\n",
	       getpid(), gettid(), shared);
	fflush(stdout);
	if (rv_thread_create(&t, thread_fn, NULL, thread_stack, sizeof(thread_stack))) {
		printf("thread-demo: clone failed: %s\n", errno_name(errno));
		return 0;
	}
	tid = t.tid;
	rv_thread_join(&t);
	printf("main:   joined thread %d, shared = %d\n", tid, shared);
	printf("same getpid(): %s, different gettid(): %s\n",
	       thread_pid == getpid() ? "yes" : "no",
	       thread_tid != gettid() ? "yes" : "no");
	return 0;
}

struct bad_clone {
	unsigned long flags;
	const char *name;
	const char *rule;
};

/* The flag checks at the top of copy_process(), in Linux 6.1's order. */
static const struct bad_clone bad_clones[] = {
	{ CLONE_NEWNS | CLONE_FS, "CLONE_NEWNS|CLONE_FS", "a new mount namespace cannot share fs" },
	{ CLONE_NEWUSER | CLONE_FS, "CLONE_NEWUSER|CLONE_FS", "a new user namespace cannot share fs" },
	{ CLONE_THREAD, "CLONE_THREAD", "threads must share signal handlers" },
	{ CLONE_SIGHAND, "CLONE_SIGHAND", "shared signal handlers need a shared VM" },
	{ CLONE_PIDFD | CLONE_DETACHED, "CLONE_PIDFD|CLONE_DETACHED", "no pidfd for a detached child" },
	{ CLONE_PIDFD | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM,
	  "CLONE_PIDFD|CLONE_THREAD|CLONE_SIGHAND|CLONE_VM", "no pidfd for a thread" },
};

int CloneCheck(int argc, char *argv[])
{
	int pidfd = -1;

	(void)argc; (void)argv;
	fflush(stdout);
	for (unsigned i = 0; i < sizeof(bad_clones) / sizeof(bad_clones[0]); i++) {
		const struct bad_clone *c = &bad_clones[i];
		long r = __syscall5(__NR_clone, c->flags | SIGCHLD, 0, &pidfd, 0, 0);

		if (r == 0)
			_exit(0);		/* should not happen: leave at once */
		if (r > 0) {
			waitpid((pid_t)r, NULL, __WALL);
			printf("clone(%s) succeeded: WRONG\n", c->name);
			continue;
		}
		printf("clone(%s) = %ld (%s): %s\n", c->name, r, errno_name((int)-r), c->rule);
	}
	return 0;
}

static volatile int go;
static char spin_stack[8192] __attribute__((aligned(16)));
static char set_stack[8192] __attribute__((aligned(16)));
static char spin_tls[64] __attribute__((aligned(16))), set_tls[64] __attribute__((aligned(16)));

static int spinner(void *arg)
{
	(void)arg;
	while (!go)		/* never yields: only the timer can take the CPU away */
		;
	return 0;
}

static int setter(void *arg)
{
	(void)arg;
	go = 1;
	return 0;
}

/*
 * Two threads: the first spins until the second sets a flag.  The
 * spinner runs first and never gives the CPU up, so this only ends
 * because the timer interrupt preempts it at the end of its time slice.
 */
int PreemptDemo(int argc, char *argv[])
{
	struct rv_thread a = { 0, spin_tls }, b = { 0, set_tls };

	(void)argc; (void)argv;
	go = 0;
	if (rv_thread_create(&a, spinner, NULL, spin_stack, sizeof(spin_stack)) ||
	    rv_thread_create(&b, setter, NULL, set_stack, sizeof(set_stack))) {
		printf("preempt-demo: clone failed: %s\n", errno_name(errno));
		return 0;
	}
	rv_thread_join(&a);
	rv_thread_join(&b);
	printf("preempt-demo: the spinning thread was preempted, the other one set the flag\n");
	return 0;
}
