/* SPDX-License-Identifier: MIT */
/*
 * The kernel's view of memory (Sv39, Linux 6.1's layout):
 *   0xffffffd800000000  PAGE_OFFSET: all of DRAM, linearly (1 GiB pages)
 *   0xffffffc700000000  IO_VIRT_BASE: physical 0..1 GiB, the devices
 *   0xffffffff80000000  KERNEL_LINK_ADDR: the kernel image (2 MiB pages),
 *                       physically at 0x80200000
 */
#ifndef _ASM_RISCV_PAGE_H
#define _ASM_RISCV_PAGE_H

#include <rvlab/board.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define PAGE_OFFSET		0xffffffd800000000UL
#define IO_VIRT_BASE		0xffffffc700000000UL
#define KERNEL_LINK_ADDR	0xffffffff80000000UL
#define PHYS_RAM_BASE		0x80000000UL
#define KERNEL_PHYS_BASE	0x80200000UL
#define LINEAR_MAP_SIZE		(4UL << 30)	/* DRAM the linear map can reach */
#define KERNEL_VA_PA_OFFSET	(KERNEL_LINK_ADDR - KERNEL_PHYS_BASE)

#ifndef __ASSEMBLY__

#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

static inline unsigned long __pa(const void *va)
{
	unsigned long x = (unsigned long)va;

	if (x >= KERNEL_LINK_ADDR)
		return x - KERNEL_VA_PA_OFFSET;
	return x - PAGE_OFFSET + PHYS_RAM_BASE;
}

static inline void *__va(unsigned long pa)
{
	return (void *)(pa - PHYS_RAM_BASE + PAGE_OFFSET);
}

#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)	((unsigned long)(pfn) << PAGE_SHIFT)
#define virt_to_pfn(va)	PFN_DOWN(__pa(va))
#define pfn_to_virt(pfn) __va(PFN_PHYS(pfn))

static inline void clear_page(void *page)
{
	unsigned long *p = page, *end = p + PAGE_SIZE / sizeof(long);

	for (; p < end; p += 8) {
		p[0] = 0; p[1] = 0; p[2] = 0; p[3] = 0;
		p[4] = 0; p[5] = 0; p[6] = 0; p[7] = 0;
	}
}

static inline void copy_page(void *to, const void *from)
{
	unsigned long *d = to, *end = d + PAGE_SIZE / sizeof(long);
	const unsigned long *s = from;

	for (; d < end; d += 4, s += 4) {
		d[0] = s[0]; d[1] = s[1]; d[2] = s[2]; d[3] = s[3];
	}
}

#endif
#endif
