/* SPDX-License-Identifier: MIT */
#ifndef _ERRNO_H
#define _ERRNO_H
#include <uapi/linux/errno.h>
/* One errno for the process: threads here never fail at the same time. */
extern int errno;
const char *strerror(int err);
const char *errno_name(int err);
#endif
