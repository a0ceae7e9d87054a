/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <linux/compiler.h>

/*
 * No log levels and no timestamps: every message goes to the console, and
 * the boot log is the same at every boot (rvlab's tests compare it).
 */
int printk(const char *fmt, ...) __printf(1, 2);
#define pr_info(...)	printk(__VA_ARGS__)
#define pr_err(...)	printk(__VA_ARGS__)
#define pr_warn(...)	printk(__VA_ARGS__)
#define pr_cont(...)	printk(__VA_ARGS__)
void console_putchar(int c);

#endif
