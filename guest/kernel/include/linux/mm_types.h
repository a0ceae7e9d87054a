/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <asm/pgtable.h>

/*
 * One struct page per physical page frame (mem_map[]), as in Linux.
 * _refcount counts the users of a page: a page shared copy-on-write after
 * fork has _refcount 2, and goes back to the allocator when it drops to 0.
 */
struct kmem_cache;
struct page {
	unsigned long flags;		/* PG_* */
	atomic_t _refcount;
	unsigned int order;		/* buddy: order of a free block; else of the allocation */
	struct list_head lru;		/* free list, or the slab cache's partial list */
	struct kmem_cache *slab_cache;	/* PG_slab: the cache owning this page */
	void *freelist;			/* PG_slab: first free object */
	unsigned int inuse;		/* PG_slab: objects handed out */
};

#define PG_reserved	0x1	/* never given to the allocator */
#define PG_buddy	0x2	/* head of a free block in free_area[order] */
#define PG_slab		0x4	/* owned by a kmem_cache */

/*
 * An address space.  rvlab keeps no VMA list: the user page table is the
 * map (eagerly populated by exec and brk), and a _PAGE_COW bit in a PTE
 * says "copy on write".  The fields are Linux's names for what is left.
 */
struct mm_struct {
	pgd_t *pgd;
	atomic_t mm_users;	/* tasks using this mm (CLONE_VM shares) */
	atomic_t mm_count;	/* references to the struct itself */
	int map_count;
	unsigned long total_vm;	/* user pages mapped */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
};

extern struct mm_struct init_mm;

#endif
