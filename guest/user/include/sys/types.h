/* SPDX-License-Identifier: MIT */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H
#include <stddef.h>
#include <stdint.h>
typedef int pid_t;
typedef long ssize_t;
typedef long off_t;
typedef unsigned int uid_t;
#endif
