/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define __user
#define __iomem
#define __init
#define __initdata
#define asmlinkage
#define __always_inline	inline __attribute__((__always_inline__))
#define noinline	__attribute__((__noinline__))
#define __noreturn	__attribute__((__noreturn__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __section(s)	__attribute__((__section__(s)))
#define __used		__attribute__((__used__))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define barrier()	__asm__ __volatile__ ("" ::: "memory")
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

/*
 * A function of the fork path that a student puts a breakpoint on: it
 * must stay a function of its own, under its own name (no inlining, no
 * .constprop/.isra clones), whatever the optimiser thinks.
 */
#define __fork_path	noinline __attribute__((__noclone__, __used__))

#endif
