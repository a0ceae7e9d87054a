// SPDX-License-Identifier: MIT
/*
 * User page tables and copy-on-write (mm/memory.c).
 *
 * A user address space is the page table itself: entries 0..255 of the
 * root (the low 256 GiB), filled eagerly by exec and brk.  Entries
 * 256..511 are copies of swapper_pg_dir's, so the kernel is mapped in
 * every address space (without _PAGE_USER).
 *
 * fork does not copy user memory: copy_page_range() makes both page
 * tables point at the same pages, read-only and marked _PAGE_COW, and
 * takes a reference on each page.  The first write from either side
 * faults, and do_wp_page() gives the writer its own copy — or, if it is
 * the last user of the page, simply makes it writable again.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/errno.h>
#include <asm/pgtable.h>

static pte_t *pte_table(pte_t entry)
{
	return pte_page_vaddr(entry);
}

/*
 * The leaf PTE for a user address, allocating the intermediate tables
 * when asked to (NULL if absent or out of memory).
 */
pte_t *walk_page_table(pgd_t *pgd, unsigned long addr, bool alloc)
{
	pte_t *table = pgd;

	if (addr >= TASK_SIZE)
		return NULL;
	for (int shift = PGDIR_SHIFT; shift > PAGE_SHIFT; shift -= 9) {
		pte_t *entry = &table[(addr >> shift) & 511];

		if (!pte_present(*entry)) {
			unsigned long page;

			if (!alloc || !(page = get_zeroed_page(GFP_KERNEL)))
				return NULL;
			*entry = pfn_pte(virt_to_pfn((void *)page), _PAGE_PRESENT);
		}
		table = pte_table(*entry);
	}
	return &table[pte_index(addr)];
}

/* Map a new zeroed page at addr (prot: _PAGE_READ/WRITE/EXEC). */
int map_user_page(struct mm_struct *mm, unsigned long addr, unsigned long prot)
{
	pte_t *ptep = walk_page_table(mm->pgd, addr, true);
	unsigned long page;

	if (!ptep)
		return -ENOMEM;
	if (pte_present(*ptep)) {		/* already there: widen its rights */
		*ptep |= prot;
		return 0;
	}
	page = get_zeroed_page(GFP_USER);
	if (!page)
		return -ENOMEM;
	*ptep = pfn_pte(virt_to_pfn((void *)page), PAGE_USER_BASE | prot);
	mm->total_vm++;
	return 0;
}

/* Unmap [start, end) and drop the pages. */
void unmap_user_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = walk_page_table(mm->pgd, addr, false);

		if (!ptep || !pte_present(*ptep))
			continue;
		put_page(pfn_to_page(pte_pfn(*ptep)));
		*ptep = 0;
		mm->total_vm--;
	}
	local_flush_tlb_all();
}

/* Copy one leaf table: share every page, copy-on-write if writable. */
static int copy_pte_range(struct mm_struct *dst, pte_t *dst_pte, pte_t *src_pte)
{
	for (int i = 0; i < PTRS_PER_PTE; i++) {
		pte_t pte = src_pte[i];

		if (!pte_present(pte))
			continue;
		if (pte & (_PAGE_WRITE | _PAGE_COW)) {
			pte = (pte & ~_PAGE_WRITE) | _PAGE_COW;
			src_pte[i] = pte;	/* the parent loses write access too */
		}
		get_page(pfn_to_page(pte_pfn(pte)));
		dst_pte[i] = pte;
		dst->total_vm++;
	}
	return 0;
}

/* fork without CLONE_VM: the user half of src's page table, shared COW. */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src)
{
	for (int i = 0; i < (int)USER_PTRS_PER_PGD; i++) {
		pte_t *src_pmd, *dst_pmd;
		unsigned long page;

		if (!pte_present(src->pgd[i]))
			continue;
		if (!(page = get_zeroed_page(GFP_KERNEL)))
			return -ENOMEM;
		dst->pgd[i] = pfn_pte(virt_to_pfn((void *)page), _PAGE_PRESENT);
		src_pmd = pte_table(src->pgd[i]);
		dst_pmd = (pte_t *)page;
		for (int j = 0; j < PTRS_PER_PMD; j++) {
			if (!pte_present(src_pmd[j]))
				continue;
			if (!(page = get_zeroed_page(GFP_KERNEL)))
				return -ENOMEM;
			dst_pmd[j] = pfn_pte(virt_to_pfn((void *)page), _PAGE_PRESENT);
			copy_pte_range(dst, (pte_t *)page, pte_table(src_pmd[j]));
		}
	}
	local_flush_tlb_all();		/* the parent's PTEs changed */
	return 0;
}

/* Tear down the user half: drop every page, free the tables. */
void free_pgtables(struct mm_struct *mm)
{
	for (int i = 0; i < (int)USER_PTRS_PER_PGD; i++) {
		pte_t *pmd;

		if (!pte_present(mm->pgd[i]))
			continue;
		pmd = pte_table(mm->pgd[i]);
		for (int j = 0; j < PTRS_PER_PMD; j++) {
			pte_t *pte;

			if (!pte_present(pmd[j]))
				continue;
			pte = pte_table(pmd[j]);
			for (int k = 0; k < PTRS_PER_PTE; k++)
				if (pte_present(pte[k]))
					put_page(pfn_to_page(pte_pfn(pte[k])));
			free_page((unsigned long)pte);
		}
		free_page((unsigned long)pmd);
		mm->pgd[i] = 0;
	}
	mm->total_vm = 0;
}

/*
 * A write to a _PAGE_COW page (from a store fault or from copy_to_user).
 * Last user: keep the page and make it writable (Linux's wp_page_reuse).
 * Otherwise: copy it, map the copy writable, drop our reference to the
 * shared one (wp_page_copy).
 */
int do_wp_page(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	struct page *old = pfn_to_page(pte_pfn(*ptep));
	unsigned long prot = (*ptep & ((1UL << _PAGE_PFN_SHIFT) - 1) & ~_PAGE_COW) | _PAGE_WRITE;

	(void)mm;
	if (page_count(old) == 1) {
		*ptep = pfn_pte(pte_pfn(*ptep), prot);
	} else {
		unsigned long copy = __get_free_page(GFP_USER);

		if (!copy)
			return -ENOMEM;
		copy_page((void *)copy, page_address(old));
		*ptep = pfn_pte(virt_to_pfn((void *)copy), prot);
		put_page(old);
	}
	local_flush_tlb_page(addr);
	return 0;
}
