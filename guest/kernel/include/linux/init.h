/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H
#include <linux/compiler.h>
extern char boot_command_line[];
void __noreturn start_kernel(void);
#endif
