/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_OF_FDT_H
#define _LINUX_OF_FDT_H

#include <linux/types.h>

/* What the kernel learns from the device tree (drivers/of/fdt.c). */
extern unsigned long dtb_early_pa;
extern unsigned long memory_base, memory_size;
extern unsigned long initrd_start, initrd_end;	/* physical; 0 if none */
extern unsigned long dtb_size;

bool early_init_dt_scan(void *dtb);

#endif
