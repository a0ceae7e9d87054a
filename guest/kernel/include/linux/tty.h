/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/fs.h>

extern const struct file_operations tty_fops;
extern struct file console_file;
void tty_receive_char(unsigned char c);
void tty_init(void);

/* drivers/tty/serial/8250.c */
void serial8250_early_init(void);
void serial8250_init(void);
void serial8250_putchar(int c);
void serial8250_interrupt(void);

#endif
