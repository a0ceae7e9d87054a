/* SPDX-License-Identifier: MIT */
/*
 * System call numbers: the generic table that riscv64 Linux uses
 * (include/uapi/asm-generic/unistd.h).  Only the ones rvlab implements or
 * that a static libc calls at start-up are listed; the values are Linux's.
 */
#ifndef _UAPI_ASM_GENERIC_UNISTD_H
#define _UAPI_ASM_GENERIC_UNISTD_H

#define __NR_ioctl		29
#define __NR_close		57
#define __NR_read		63
#define __NR_write		64
#define __NR_readv		65
#define __NR_writev		66
#define __NR_ppoll		73
#define __NR_readlinkat		78
#define __NR_newfstatat		79
#define __NR_fstat		80
#define __NR_exit		93
#define __NR_exit_group		94
#define __NR_set_tid_address	96
#define __NR_futex		98
#define __NR_set_robust_list	99
#define __NR_nanosleep		101
#define __NR_clock_gettime	113
#define __NR_sched_yield	124
#define __NR_kill		129
#define __NR_tgkill		131
#define __NR_rt_sigaction	134
#define __NR_rt_sigprocmask	135
#define __NR_reboot		142
#define __NR_uname		160
#define __NR_gettimeofday	169
#define __NR_getpid		172
#define __NR_getppid		173
#define __NR_getuid		174
#define __NR_geteuid		175
#define __NR_getgid		176
#define __NR_getegid		177
#define __NR_gettid		178
#define __NR_sysinfo		179
#define __NR_brk		214
#define __NR_munmap		215
#define __NR_clone		220
#define __NR_execve		221
#define __NR_mmap		222
#define __NR_mprotect		226
#define __NR_wait4		260
#define __NR_prlimit64		261
#define __NR_getrandom		278
#define __NR_clone3		435

/*
 * rvlab's own calls, far above Linux's table so that Linux answers them
 * with -ENOSYS (user space then says "not supported").
 */
#define __NR_rvlab_ps		500	/* snapshot of the task list */

#define __NR_syscalls		501

#endif
