// SPDX-License-Identifier: MIT
/* System call wrappers: -1 and errno on failure, as in glibc. */
#include <syscall.h>
#include <errno.h>
#include <unistd.h>
#include <signal.h>
#include <sched.h>
#include <sys/wait.h>
#include <sys/sysinfo.h>
#include <uapi/linux/sched.h>

int errno;
pid_t __self_tid;		/* our tid: set by the kernel (CLONE_CHILD_SETTID) */

long __syscall_ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

ssize_t read(int fd, void *buf, size_t count)
{
	return __syscall_ret(__syscall3(__NR_read, fd, buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return __syscall_ret(__syscall3(__NR_write, fd, buf, count));
}

int close(int fd)
{
	return __syscall_ret(__syscall1(__NR_close, fd));
}

void _exit(int status)
{
	for (;;)
		__syscall1(__NR_exit_group, status);
}

/* glibc's fork: CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD = 0x1200011 */
pid_t fork(void)
{
	return __syscall_ret(__syscall5(__NR_clone,
			CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
			0, 0, 0, &__self_tid));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __syscall_ret(__syscall3(__NR_execve, path, argv, envp));
}

pid_t getpid(void) { return __syscall0(__NR_getpid); }
pid_t getppid(void) { return __syscall0(__NR_getppid); }
pid_t gettid(void) { return __syscall0(__NR_gettid); }
int sched_yield(void) { return __syscall_ret(__syscall0(__NR_sched_yield)); }

int kill(pid_t pid, int sig)
{
	return __syscall_ret(__syscall2(__NR_kill, pid, sig));
}

pid_t wait4(pid_t pid, int *status, int options, void *rusage)
{
	return __syscall_ret(__syscall4(__NR_wait4, pid, status, options, rusage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, 0);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, 0);
}

int isatty(int fd)
{
	unsigned int termios[15];	/* struct termios is 60 bytes */

	return __syscall3(__NR_ioctl, fd, 0x5401 /* TCGETS */, termios) == 0;
}

int sysinfo(struct sysinfo *info)
{
	return __syscall_ret(__syscall1(__NR_sysinfo, info));
}

static unsigned long cur_brk;

int brk(void *addr)
{
	unsigned long r = __syscall1(__NR_brk, addr);

	cur_brk = r;
	if (r < (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	unsigned long old;

	if (!cur_brk)
		cur_brk = __syscall1(__NR_brk, 0);
	old = cur_brk;
	if (increment && brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}
