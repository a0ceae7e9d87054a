/* SPDX-License-Identifier: MIT */
#ifndef _ASM_RISCV_IO_H
#define _ASM_RISCV_IO_H

#include <linux/types.h>
#include <asm/page.h>

/* Every device sits in the first GiB, mapped once at IO_VIRT_BASE. */
static inline void __iomem *ioremap(unsigned long phys, unsigned long size)
{
	(void)size;
	return (void __iomem *)(IO_VIRT_BASE + phys);
}

static inline u8 readb(const volatile void __iomem *a) { return *(const volatile u8 *)a; }
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writeb(u8 v, volatile void __iomem *a) { *(volatile u8 *)a = v; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

#endif
