// SPDX-License-Identifier: MIT
/*
 * The kernel's page tables (arch/riscv/mm/init.c).
 *
 * setup_vm() runs from head.S with the MMU off, at physical addresses.
 * It may only use PC-relative addressing (-mcmodel=medany does that for
 * globals) and no absolute pointers held in data — so no string literals,
 * no switch tables, no calls through pointers.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/of_fdt.h>
#include <asm/pgtable.h>

extern char _start[], _end[];

pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);
/* The 2 MiB leaves of the kernel image, under pgd entry 510. */
static pmd_t kernel_pmd[PTRS_PER_PMD] __aligned(PAGE_SIZE);

unsigned long dtb_early_pa;

void __init setup_vm(unsigned long dtb_pa);
void __init setup_vm(unsigned long dtb_pa)
{
	unsigned long pa, va, i;
	/* With the MMU off this is the physical address of the image. */
	unsigned long kernel_pa = (unsigned long)_start;
	unsigned long kernel_end_pa = (unsigned long)_end;

	dtb_early_pa = dtb_pa;

	/* DRAM at its physical address: only for head.S's jump. */
	swapper_pg_dir[pgd_index(PHYS_RAM_BASE)] =
		pfn_pte(PFN_DOWN(PHYS_RAM_BASE), PAGE_KERNEL);

	/* The linear map: DRAM at PAGE_OFFSET, in 1 GiB pages. */
	for (pa = PHYS_RAM_BASE, va = PAGE_OFFSET;
	     pa < PHYS_RAM_BASE + LINEAR_MAP_SIZE; pa += PGDIR_SIZE, va += PGDIR_SIZE)
		swapper_pg_dir[pgd_index(va)] = pfn_pte(PFN_DOWN(pa), PAGE_KERNEL);

	/* The devices: physical 0..1 GiB at IO_VIRT_BASE, not executable. */
	swapper_pg_dir[pgd_index(IO_VIRT_BASE)] = pfn_pte(0, PAGE_KERNEL_IO);

	/* The kernel image at KERNEL_LINK_ADDR, in 2 MiB pages. */
	swapper_pg_dir[pgd_index(KERNEL_LINK_ADDR)] =
		pfn_pte(PFN_DOWN((unsigned long)kernel_pmd), _PAGE_PRESENT);
	for (i = 0, pa = kernel_pa; pa < kernel_end_pa; i++, pa += PMD_SIZE)
		kernel_pmd[pmd_index(KERNEL_LINK_ADDR) + i] =
			pfn_pte(PFN_DOWN(pa), PAGE_KERNEL);
}

/* Now running at the high addresses: drop the identity map. */
void __init paging_init(void)
{
	swapper_pg_dir[pgd_index(PHYS_RAM_BASE)] = 0;
	local_flush_tlb_all();
}
