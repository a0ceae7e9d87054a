/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CMD_MASK		(~FUTEX_PRIVATE_FLAG)

struct mm_struct;
int futex_wake(struct mm_struct *mm, unsigned long uaddr, int nr_wake);

#endif
