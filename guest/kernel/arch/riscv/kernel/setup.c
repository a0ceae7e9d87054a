// SPDX-License-Identifier: MIT
/* Architecture setup (arch/riscv/kernel/setup.c). */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/of_fdt.h>
#include <asm/page.h>
#include <asm/sbi.h>

void paging_init(void);
void init_gp_in_global(void);

void __init setup_arch(void)
{
	unsigned long pa = dtb_early_pa;
	void *dtb = pa >= PHYS_RAM_BASE ? __va(pa) : (void *)(IO_VIRT_BASE + pa);

	paging_init();
	init_gp_in_global();
	if (!early_init_dt_scan(dtb))
		panic("no valid device tree at physical 0x%lx", pa);
	sbi_init();
}
