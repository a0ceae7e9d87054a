/* SPDX-License-Identifier: MIT */
/*
 * SYSCALL_DEFINEn, as Linux 6.1 expands it on RISC-V (which has no
 * ARCH_HAS_SYSCALL_WRAPPER yet): the table entry sys_NAME is an *alias* of
 * __se_sys_NAME (same address, so gdb shows __se_sys_clone for a break on
 * sys_clone), which takes longs and calls the inlined __do_sys_NAME with
 * the declared types.  Arguments arrive in a0..a5 straight from entry.S.
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>

#define __MAP0(m, ...)
#define __MAP1(m, t, a, ...) m(t, a)
#define __MAP2(m, t, a, ...) m(t, a), __MAP1(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...) m(t, a), __MAP2(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...) m(t, a), __MAP3(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...) m(t, a), __MAP4(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...) m(t, a), __MAP5(m, __VA_ARGS__)
#define __MAP(n, ...) __MAP##n(__VA_ARGS__)

#define __SC_DECL(t, a)	t a
#define __SC_LONG(t, a)	long a
#define __SC_CAST(t, a)	(t)a

#define SYSCALL_DEFINE0(sname)					\
	asmlinkage long sys_##sname(void);			\
	asmlinkage long sys_##sname(void)

#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, _##name, __VA_ARGS__)

#define SYSCALL_DEFINEx(x, name, ...)					\
	asmlinkage long sys##name(__MAP(x, __SC_DECL, __VA_ARGS__))	\
		__attribute__((alias("__se_sys" #name)));		\
	static inline long __do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__)); \
	asmlinkage long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__)); \
	asmlinkage long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__)) \
	{								\
		long ret = __do_sys##name(__MAP(x, __SC_CAST, __VA_ARGS__)); \
		return ret;						\
	}								\
	static inline long __do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__))

asmlinkage long sys_ni_syscall(void);

#endif
