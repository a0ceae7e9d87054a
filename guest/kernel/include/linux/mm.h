/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/mm_types.h>
#include <linux/gfp.h>

extern struct page *mem_map;
extern unsigned long min_low_pfn, max_pfn;	/* DRAM: [min_low_pfn, max_pfn) */
extern unsigned long totalram_pages;

static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + (pfn - min_low_pfn); }
static inline unsigned long page_to_pfn(struct page *p) { return (unsigned long)(p - mem_map) + min_low_pfn; }
static inline struct page *virt_to_page(const void *va) { return pfn_to_page(virt_to_pfn(va)); }
static inline void *page_address(struct page *p) { return pfn_to_virt(page_to_pfn(p)); }

static inline void get_page(struct page *p) { atomic_inc(&p->_refcount); }
static inline int page_count(struct page *p) { return atomic_read(&p->_refcount); }
void put_page(struct page *page);

unsigned long nr_free_pages(void);
void mem_init(void);

/* mm/memory.c */
pte_t *walk_page_table(pgd_t *pgd, unsigned long addr, bool alloc);
int map_user_page(struct mm_struct *mm, unsigned long addr, unsigned long prot);
void unmap_user_range(struct mm_struct *mm, unsigned long start, unsigned long end);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src);
void free_pgtables(struct mm_struct *mm);
int do_wp_page(struct mm_struct *mm, unsigned long addr, pte_t *ptep);

/* kernel/fork.c */
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);
struct task_struct;
void mm_release(struct task_struct *tsk, struct mm_struct *mm);

#endif
