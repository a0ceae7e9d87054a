// SPDX-License-Identifier: MIT
/* Small system calls (kernel/sys.c, kernel/time/, kernel/reboot.c). */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/signal.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/reboot.h>
#include <linux/cred.h>
#include <uapi/linux/reboot.h>
#include <uapi/linux/rvlab.h>
#include <asm/timex.h>

SYSCALL_DEFINE0(getpid)
{
	return task_tgid_vnr(current);
}

/* Thread ID - the internal kernel "pid" */
SYSCALL_DEFINE0(gettid)
{
	return task_pid_vnr(current);
}

SYSCALL_DEFINE0(getppid)
{
	return task_tgid_vnr(current->real_parent);
}

SYSCALL_DEFINE0(getuid) { return current->cred->uid; }
SYSCALL_DEFINE0(geteuid) { return current->cred->euid; }
SYSCALL_DEFINE0(getgid) { return current->cred->gid; }
SYSCALL_DEFINE0(getegid) { return current->cred->egid; }

SYSCALL_DEFINE2(set_robust_list, void __user *, head, size_t, len)
{
	(void)head; (void)len;
	return 0;		/* accepted, never used: no robust futexes */
}

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strscpy(u.sysname, "Linux", sizeof(u.sysname));
	strscpy(u.nodename, "rvlab", sizeof(u.nodename));
	strscpy(u.release, "6.1.0-rvlab", sizeof(u.release));
	strscpy(u.version, "#1 rvlab teaching kernel", sizeof(u.version));
	strscpy(u.machine, "riscv64", sizeof(u.machine));
	strscpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

/* Memory in bytes (mem_unit 1, as 64-bit Linux reports it). */
SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo val;

	memset(&val, 0, sizeof(val));
	val.uptime = get_cycles() / BOARD_TIMEBASE_HZ;
	val.totalram = totalram_pages * PAGE_SIZE;
	val.freeram = nr_free_pages() * PAGE_SIZE;
	val.procs = nr_threads;
	val.mem_unit = 1;
	return copy_to_user(info, &val, sizeof(val)) ? -EFAULT : 0;
}

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

/* Read-only limits: what a static libc asks about at start-up. */
SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim,
		struct rlimit64 __user *, old_rlim)
{
	struct rlimit64 r = { ~0ULL, ~0ULL };

	if (pid && pid != current->tgid)
		return -ESRCH;
	if (new_rlim)
		return -EPERM;
	if (resource == 3)		/* RLIMIT_STACK */
		r.rlim_cur = r.rlim_max = USER_STACK_PAGES * PAGE_SIZE;
	else if (resource == 6)		/* RLIMIT_NPROC */
		r.rlim_cur = r.rlim_max = max_threads;
	if (old_rlim && copy_to_user(old_rlim, &r, sizeof(r)))
		return -EFAULT;
	return 0;
}

/* Not random at all, on purpose: rvlab runs must be reproducible. */
SYSCALL_DEFINE3(getrandom, char __user *, buf, size_t, count, unsigned int, flags)
{
	static u64 state = 0x2545F4914F6CDD1DULL;
	size_t done = 0;

	(void)flags;
	while (done < count) {
		u8 b;

		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		b = (u8)state;
		if (copy_to_user(buf + done, &b, 1))
			return -EFAULT;
		done++;
	}
	return done;
}

struct timespec64 { long tv_sec; long tv_nsec; };
struct timeval64 { long tv_sec; long tv_usec; };

/* Time since boot, from the board's 10 MHz counter. */
SYSCALL_DEFINE2(clock_gettime, int, which_clock, struct timespec64 __user *, tp)
{
	unsigned long t = get_cycles();
	struct timespec64 ts = { t / BOARD_TIMEBASE_HZ,
				 (t % BOARD_TIMEBASE_HZ) * (1000000000 / BOARD_TIMEBASE_HZ) };

	(void)which_clock;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(gettimeofday, struct timeval64 __user *, tv, void __user *, tz)
{
	unsigned long t = get_cycles();
	struct timeval64 v = { t / BOARD_TIMEBASE_HZ,
			       (t % BOARD_TIMEBASE_HZ) / (BOARD_TIMEBASE_HZ / 1000000) };

	(void)tz;
	if (tv && copy_to_user(tv, &v, sizeof(v)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
	(void)arg;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		machine_power_off();
	case LINUX_REBOOT_CMD_RESTART:
		machine_restart();
	}
	return -EINVAL;
}

static char task_state_char(struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if (p->exit_state == EXIT_DEAD || p->__state == TASK_DEAD)
		return 'X';
	if (p->__state == TASK_RUNNING)
		return 'R';
	if (p->__state & TASK_NEW)
		return 'N';
	if (p->__state & TASK_INTERRUPTIBLE)
		return 'S';
	return 'D';
}

static int fill_task_info(struct rvlab_task_info __user *buf, int n, int max,
			  struct task_struct *p)
{
	struct rvlab_task_info info;

	if (n >= max)
		return n;
	memset(&info, 0, sizeof(info));
	info.pid = p->pid;
	info.tgid = p->tgid;
	info.ppid = p->real_parent->tgid;
	info.state = task_state_char(p);
	strscpy(info.comm, p->comm, sizeof(info.comm));
	if (copy_to_user(buf + n, &info, sizeof(info)))
		return -EFAULT;
	return n + 1;
}

/*
 * rvlab's ps: every task (each thread group leader, then its other
 * threads), in task-list order, i.e. by creation.  Returns the count.
 */
SYSCALL_DEFINE2(rvlab_ps, struct rvlab_task_info __user *, buf, int, max)
{
	struct task_struct *p, *t;
	int n = 0;

	for_each_process(p) {
		n = fill_task_info(buf, n, max, p);
		if (n < 0)
			return n;
		list_for_each_entry(t, &p->thread_group, thread_group) {
			n = fill_task_info(buf, n, max, t);
			if (n < 0)
				return n;
		}
	}
	return n;
}

/* Every syscall number without an implementation. */
asmlinkage long sys_ni_syscall(void)
{
	return -ENOSYS;
}
