// SPDX-License-Identifier: MIT
/* MenuOS commands about the system: quit, ps, meminfo, the crash tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <syscall.h>
#include <sys/wait.h>
#include <sys/sysinfo.h>
#include <uapi/linux/reboot.h>
#include <uapi/linux/rvlab.h>
#include "commands.h"

/* Unlike the lab's empty handler: really power off (SBI SRST). */
int Quit(int argc, char *argv[])
{
	long r;

	(void)argc; (void)argv;
	fflush(stdout);
	r = __syscall4(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		       LINUX_REBOOT_CMD_POWER_OFF, 0);
	printf("quit: reboot() = %ld (%s)\n", r, errno_name((int)-r));
	return 0;
}

int Ps(int argc, char *argv[])
{
	static struct rvlab_task_info tasks[80];
	long n;

	(void)argc; (void)argv;
	n = __syscall2(__NR_rvlab_ps, tasks, 80);
	if (n < 0) {
		printf("ps: %s (rvlab's ps needs the rvlab kernel)\n", errno_name((int)-n));
		return 0;
	}
	printf("  PID  PPID  TGID S COMMAND\n");
	for (long i = 0; i < n; i++)
		printf("%5d %5d %5d %c %s\n", tasks[i].pid, tasks[i].ppid, tasks[i].tgid,
		       tasks[i].state, tasks[i].comm);
	return 0;
}

long free_pages(void)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return -1;
	return (long)(si.freeram * si.mem_unit / 4096);
}

int MemInfo(int argc, char *argv[])
{
	struct sysinfo si;

	(void)argc; (void)argv;
	if (sysinfo(&si)) {
		printf("meminfo: sysinfo failed: %s\n", errno_name(errno));
		return 0;
	}
	printf("MemTotal:  %8lu kB\n", si.totalram * si.mem_unit / 1024);
	printf("MemFree:   %8lu kB\n", si.freeram * si.mem_unit / 1024);
	printf("FreePages: %8lu\n", si.freeram * si.mem_unit / 4096);
	printf("Tasks:     %8u\n", si.procs);
	return 0;
}

/* Run /bin/crash WHAT in a child; the kernel reports the fault and kills it. */
static int run_crash(const char *cmd, const char *what)
{
	char *args[] = { "crash", (char *)what, NULL };
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve("/bin/crash", args, environ);
		printf("%s: execve /bin/crash failed: %s\n", cmd, errno_name(errno));
		exit(127);
	}
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		printf("%s: child %d killed by signal %d\n", cmd, pid, WTERMSIG(status));
	else
		printf("%s: child %d exited with status %d\n", cmd, pid, WEXITSTATUS(status));
	return 0;
}

int CrashNull(int argc, char *argv[]) { (void)argc; (void)argv; return run_crash("crash-null", "null"); }
int CrashIllegal(int argc, char *argv[]) { (void)argc; (void)argv; return run_crash("crash-illegal", "illegal"); }
int CrashKernel(int argc, char *argv[]) { (void)argc; (void)argv; return run_crash("crash-kernel", "kernel"); }
