// SPDX-License-Identifier: MIT
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/irqflags.h>

/* Print, then power the board off with a failure code. */
void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("Kernel panic - not syncing: %s\n", buf);
	machine_halt_failure();
}
