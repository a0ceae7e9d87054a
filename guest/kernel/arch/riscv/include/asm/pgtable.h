/* SPDX-License-Identifier: MIT */
/*
 * Sv39 page tables: three levels of 512 entries (pgd -> pmd -> pte, as
 * Linux names them when it folds p4d and pud), 4 KiB pages, 2 MiB and
 * 1 GiB leaves allowed at the upper levels.
 */
#ifndef _ASM_RISCV_PGTABLE_H
#define _ASM_RISCV_PGTABLE_H

#include <asm/page.h>
#include <asm/processor.h>

#define _PAGE_PRESENT	(1UL << 0)	/* V */
#define _PAGE_READ	(1UL << 1)
#define _PAGE_WRITE	(1UL << 2)
#define _PAGE_EXEC	(1UL << 3)
#define _PAGE_USER	(1UL << 4)
#define _PAGE_GLOBAL	(1UL << 5)
#define _PAGE_ACCESSED	(1UL << 6)
#define _PAGE_DIRTY	(1UL << 7)
/*
 * Software bit (RSW): the page is shared copy-on-write.  It stays set on
 * both sides after fork while _PAGE_WRITE is cleared; a store fault on
 * such a page copies it (mm/memory.c, do_wp_page()).
 */
#define _PAGE_COW	(1UL << 8)

#define _PAGE_PFN_SHIFT	10
#define _PAGE_LEAF	(_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)

/* A and D are set up front: the hart need not (or may not) update them. */
#define PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_READ | _PAGE_WRITE | _PAGE_EXEC | \
			 _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL_IO	(_PAGE_PRESENT | _PAGE_READ | _PAGE_WRITE | \
			 _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_USER_BASE	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)

#define PTRS_PER_PGD	512
#define PTRS_PER_PMD	512
#define PTRS_PER_PTE	512
#define PGDIR_SHIFT	30
#define PMD_SHIFT	21
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define USER_PTRS_PER_PGD (TASK_SIZE / PGDIR_SIZE)	/* 256 */

#ifndef __ASSEMBLY__

typedef unsigned long pte_t;
typedef pte_t pgd_t;
typedef pte_t pmd_t;

#define pgd_index(a)	(((a) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pmd_index(a)	(((a) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(a)	(((a) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

static inline pte_t pfn_pte(unsigned long pfn, unsigned long prot)
{
	return (pfn << _PAGE_PFN_SHIFT) | prot;
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return pte >> _PAGE_PFN_SHIFT;
}

static inline int pte_present(pte_t pte) { return pte & _PAGE_PRESENT; }
static inline int pte_leaf(pte_t pte) { return pte & _PAGE_LEAF; }
static inline void *pte_page_vaddr(pte_t pte) { return pfn_to_virt(pte_pfn(pte)); }

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

static inline void local_flush_tlb_all(void)
{
	__asm__ __volatile__ ("sfence.vma" ::: "memory");
}

static inline void local_flush_tlb_page(unsigned long addr)
{
	__asm__ __volatile__ ("sfence.vma %0" :: "r"(addr) : "memory");
}

static inline void local_flush_icache_all(void)
{
	__asm__ __volatile__ ("fence.i" ::: "memory");
}

#endif
#endif
