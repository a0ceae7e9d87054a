// SPDX-License-Identifier: MIT
/* Start-up, exit and a minimal malloc. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>
#include <syscall.h>

char **environ;
extern pid_t __self_tid;
int main(int argc, char **argv, char **envp);

static void (*atexit_fns[8])(void);
static int nr_atexit;

/* Called by crt0 with the initial stack pointer. */
void __libc_start_main(long *sp) __attribute__((noreturn));
void __libc_start_main(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);

	environ = argv + argc + 1;
	/* As glibc: learn our tid, and have it cleared if we are a thread. */
	__self_tid = __syscall1(__NR_set_tid_address, &__self_tid);
	exit(main(argc, argv, environ));
}

int atexit(void (*fn)(void))
{
	if (nr_atexit == 8)
		return -1;
	atexit_fns[nr_atexit++] = fn;
	return 0;
}

/* exit() flushes stdio — in every process that calls it. */
void exit(int status)
{
	while (nr_atexit)
		atexit_fns[--nr_atexit]();
	fflush(NULL);
	_exit(status);
}

void abort(void)
{
	kill(getpid(), SIGABRT);
	_exit(127);
}

char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

/* A bump allocator on brk: free() does not give memory back. */
void *malloc(size_t size)
{
	void *p = sbrk((long)((size + 15) & ~15UL));

	return p == (void *)-1 ? NULL : p;
}

void *calloc(size_t n, size_t size)
{
	void *p = malloc(n * size);

	if (p)
		memset(p, 0, n * size);
	return p;
}

void free(void *p)
{
	(void)p;
}

static const char *const names[] = {
	[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
	[EIO] = "EIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC", [EBADF] = "EBADF",
	[ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES", [EFAULT] = "EFAULT", [EINVAL] = "EINVAL",
	[ENOTTY] = "ENOTTY", [ENOSYS] = "ENOSYS",
};

const char *errno_name(int err)
{
	if (err > 0 && err < (int)(sizeof(names) / sizeof(names[0])) && names[err])
		return names[err];
	return "E?";
}

const char *strerror(int err)
{
	static const char *const msgs[] = {
		[EPERM] = "Operation not permitted",
		[ENOENT] = "No such file or directory",
		[ESRCH] = "No such process",
		[ECHILD] = "No child processes",
		[EAGAIN] = "Resource temporarily unavailable",
		[ENOMEM] = "Cannot allocate memory",
		[EFAULT] = "Bad address",
		[EINVAL] = "Invalid argument",
		[ENOSYS] = "Function not implemented",
	};

	if (err > 0 && err < (int)(sizeof(msgs) / sizeof(msgs[0])) && msgs[err])
		return msgs[err];
	return "Unknown error";
}
