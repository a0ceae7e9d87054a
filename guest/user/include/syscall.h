/* SPDX-License-Identifier: MIT */
/*
 * Raw Linux riscv64 system calls: number in a7, arguments in a0..a5,
 * result in a0 (a negative errno on failure).  No errno handling here.
 */
#ifndef _SYSCALL_H
#define _SYSCALL_H

#include <uapi/asm-generic/unistd.h>

static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;

	__asm__ volatile ("ecall"
			  : "+r"(a0)
			  : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			  : "memory");
	return a0;
}

#define __syscall0(n)			__syscall6(n, 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a)		__syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(n, a, b)		__syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(n, a, b, c)		__syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(n, a, b, c, d)	__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define __syscall5(n, a, b, c, d, e)	__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* glibc's convention: -1 and errno for failures. */
long __syscall_ret(long r);

#endif
