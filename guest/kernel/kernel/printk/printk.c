// SPDX-License-Identifier: MIT
/*
 * printk: formats into a small buffer and writes it to the UART, polled,
 * with "\n" -> "\r\n".  No ring buffer, no levels, no timestamps.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/tty.h>

void console_putchar(int c)
{
	if (c == '\n')
		serial8250_putchar('\r');
	serial8250_putchar(c);
}

int printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (char *p = buf; *p; p++)
		console_putchar(*p);
	return n;
}
