// SPDX-License-Identifier: MIT
/*
 * sys_call_table[] (arch/riscv/kernel/syscall_table.c): indexed by a7,
 * called by handle_syscall with the user's a0..a5.  Linux's numbers;
 * every other slot is sys_ni_syscall (-ENOSYS).
 */
#include <linux/syscalls.h>
#include <uapi/asm-generic/unistd.h>

#define SYS(name) asmlinkage long sys_##name(void);
SYS(ioctl) SYS(close) SYS(read) SYS(write) SYS(writev)
SYS(exit) SYS(exit_group) SYS(set_tid_address) SYS(futex)
SYS(set_robust_list) SYS(sched_yield) SYS(kill) SYS(tgkill) SYS(reboot)
SYS(uname) SYS(getpid) SYS(getppid) SYS(getuid) SYS(geteuid) SYS(getgid)
SYS(getegid) SYS(gettid) SYS(sysinfo) SYS(brk) SYS(clone) SYS(execve)
SYS(wait4) SYS(prlimit64)
SYS(getrandom) SYS(clock_gettime) SYS(gettimeofday)
SYS(rvlab_ps)
#undef SYS

#define __SYSCALL(nr, call) [nr] = (call),

void * const sys_call_table[__NR_syscalls] = {
	[0 ... __NR_syscalls - 1] = sys_ni_syscall,
	__SYSCALL(__NR_ioctl, sys_ioctl)
	__SYSCALL(__NR_close, sys_close)
	__SYSCALL(__NR_read, sys_read)
	__SYSCALL(__NR_write, sys_write)
	__SYSCALL(__NR_writev, sys_writev)
	__SYSCALL(__NR_exit, sys_exit)
	__SYSCALL(__NR_exit_group, sys_exit_group)
	__SYSCALL(__NR_set_tid_address, sys_set_tid_address)
	__SYSCALL(__NR_futex, sys_futex)
	__SYSCALL(__NR_set_robust_list, sys_set_robust_list)
	__SYSCALL(__NR_clock_gettime, sys_clock_gettime)
	__SYSCALL(__NR_sched_yield, sys_sched_yield)
	__SYSCALL(__NR_kill, sys_kill)
	__SYSCALL(__NR_tgkill, sys_tgkill)
	__SYSCALL(__NR_reboot, sys_reboot)
	__SYSCALL(__NR_uname, sys_uname)
	__SYSCALL(__NR_gettimeofday, sys_gettimeofday)
	__SYSCALL(__NR_getpid, sys_getpid)
	__SYSCALL(__NR_getppid, sys_getppid)
	__SYSCALL(__NR_getuid, sys_getuid)
	__SYSCALL(__NR_geteuid, sys_geteuid)
	__SYSCALL(__NR_getgid, sys_getgid)
	__SYSCALL(__NR_getegid, sys_getegid)
	__SYSCALL(__NR_gettid, sys_gettid)
	__SYSCALL(__NR_sysinfo, sys_sysinfo)
	__SYSCALL(__NR_brk, sys_brk)
	__SYSCALL(__NR_clone, sys_clone)
	__SYSCALL(__NR_execve, sys_execve)
	__SYSCALL(__NR_wait4, sys_wait4)
	__SYSCALL(__NR_prlimit64, sys_prlimit64)
	__SYSCALL(__NR_getrandom, sys_getrandom)
	__SYSCALL(__NR_rvlab_ps, sys_rvlab_ps)
};
