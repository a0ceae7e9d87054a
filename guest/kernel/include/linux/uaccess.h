/* SPDX-License-Identifier: MIT */
/*
 * Access to user memory.  The kernel never dereferences a user pointer:
 * these walk the task's page table and copy through the linear map (as
 * xv6's copyin/copyout do), so a bad pointer is an -EFAULT, never a
 * kernel fault, and a write to a copy-on-write page breaks the sharing
 * first.  They return the number of bytes NOT copied, like Linux's.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>

struct mm_struct;
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user_mm(struct mm_struct *mm, unsigned long to,
			      const void *from, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
int put_user_int(int val, int __user *ptr);
int get_user_int(int *val, const int __user *ptr);
int get_user_ulong(unsigned long *val, const unsigned long __user *ptr);

#endif
