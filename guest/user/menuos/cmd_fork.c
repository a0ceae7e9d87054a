// SPDX-License-Identifier: MIT
/* MenuOS commands about fork, vfork, copy-on-write and exec. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>
#include "commands.h"

/*
 * The lab's ForkProcess.  Unlike the lab, the child exits after its line,
 * so the parent's wait() returns and "Child Complete!" appears.
 * The parent prints first: after fork the parent keeps the CPU and the
 * child waits in the runqueue (Linux's sched_child_runs_first = 0).
 */
int ForkProcess(int argc, char *argv[])
{
	int pid;

	(void)argc; (void)argv;
	/* fork another process */
	pid = fork();
	if (pid < 0) {
		/* error occurred */
		fprintf(stderr, "Fork Failed!");
		exit(-1);
	} else if (pid == 0) {
		/* child process */
		printf("This is Child Process!\n");
		exit(0);
	} else {
		/* parent process */
		printf("This is Parent Process!\n");
		/* parent will wait for the child to complete */
		wait(NULL);
		printf("Child Complete!\n");
	}
	return 0;
}

/*
 * for (i = 0; i < 2; i++) { fork(); printf("+"); write(1, "-", 1); }
 * with stdout fully buffered: 6 '-' (written at once by 2 + 4
 * processes) and 8 '+' (the "+" still in the buffer is copied by the
 * second fork; each of the 4 processes flushes "++" when it exits).
 * Everything runs in a child, so that MenuOS's own stdout is untouched.
 */
static void __attribute__((noreturn)) fork_puzzle(void)
{
	setvbuf(stdout, NULL, _IOFBF, BUFSIZ);
	for (int i = 0; i < 2; i++) {
		fork();
		printf("+");
		write(1, "-", 1);
	}
	while (wait(NULL) > 0)		/* every process reaps its children */
		;
	exit(0);			/* ... and flushes its "++" */
}

int ForkPuzzle(int argc, char *argv[])
{
	pid_t pid;

	(void)argc; (void)argv;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		fork_puzzle();
	waitpid(pid, NULL, 0);
	printf("\n6 '-' from write(), 8 '+' from the stdio buffers flushed at exit\n");
	return 0;
}

static char message[] = "hello, world";

static void to_upper(char *s)
{
	for (; *s; s++)
		*s = toupper(*s);
}

/*
 * vfork: the child runs in the parent's address space (and on its
 * stack) while the parent sleeps, so its change is the parent's too.
 * fork: the child changes its own copy-on-write copy.
 * Both children leave with _exit(), as a vfork child must.
 */
int VforkDemo(int argc, char *argv[])
{
	char line[64];
	pid_t pid;

	(void)argc; (void)argv;
	printf("before:              \"%s\"\n", message);
	fflush(stdout);

	pid = vfork();
	if (pid == 0) {
		to_upper(message);
		write(1, line, snprintf(line, sizeof(line),
					"vfork child changed it to \"%s\"\n", message));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	printf("after vfork, parent: \"%s\" (shared memory)\n", message);

	strcpy(message, "hello, world");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		to_upper(message);
		write(1, line, snprintf(line, sizeof(line),
					"fork child changed it to \"%s\"\n", message));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	printf("after fork, parent:  \"%s\" (its own copy)\n", message);
	return 0;
}

/*
 * Fork until the kernel says -EAGAIN (its task limit), then reap.
 * The children exit at once but stay zombies, and so keep counting,
 * until they are reaped.
 */
int ForkLimit(int argc, char *argv[])
{
	int forked = 0, reaped = 0, err;
	pid_t pid;

	(void)argc; (void)argv;
	fflush(stdout);
	for (;;) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0 || forked == 4096)
			break;
		forked++;
	}
	err = pid < 0 ? errno : 0;
	while (wait(NULL) > 0)
		reaped++;
	printf("fork-limit: %d children forked, then fork() = -%d (%s)\n",
	       forked, err, errno_name(err));
	printf("fork-limit: %d children reaped\n", reaped);
	return 0;
}

#define COW_PAGES 4
static char cow_buf[COW_PAGES][4096] __attribute__((aligned(4096)));

/*
 * After fork, parent and child share these pages read-only.  The child
 * writes one byte in each: four faults, four private copies (visible as
 * four fewer free pages).  The parent's pages keep the parent's data.
 */
int CowDemo(int argc, char *argv[])
{
	long before_fork, after_reap;
	pid_t pid;
	int same = 1;

	(void)argc; (void)argv;
	for (int i = 0; i < COW_PAGES; i++)
		memset(cow_buf[i], 'P', sizeof(cow_buf[i]));
	fflush(stdout);
	before_fork = free_pages();
	pid = fork();
	if (pid == 0) {
		long before, after;

		free_pages();		/* our stack page is already our own */
		before = free_pages();
		for (int i = 0; i < COW_PAGES; i++)
			cow_buf[i][0] = 'C';
		after = free_pages();
		printf("child:  wrote %d shared pages, %ld pages were copied\n",
		       COW_PAGES, before - after);
		exit(0);
	}
	waitpid(pid, NULL, 0);
	after_reap = free_pages();
	for (int i = 0; i < COW_PAGES; i++)
		for (int j = 0; j < 4096; j++)
			same &= cow_buf[i][j] == 'P';
	printf("parent: its %d pages still hold its own data: %s\n",
	       COW_PAGES, same ? "yes" : "no");
	printf("parent: free pages after reaping the child: %s\n",
	       after_reap == before_fork ? "as before the fork" : "CHANGED");
	return 0;
}

int Exec(int argc, char *argv[])
{
	char *args[] = { "hello", "from", "MenuOS", NULL };
	int status = 0;
	pid_t pid;

	(void)argc; (void)argv;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve("/bin/hello", args, environ);
		printf("exec: execve /bin/hello failed: %s\n", errno_name(errno));
		exit(127);
	}
	waitpid(pid, &status, 0);
	printf("exec: child %d exited with status %d\n", pid, WEXITSTATUS(status));
	return 0;
}
