// SPDX-License-Identifier: MIT
/*
 * The page allocator (mm/page_alloc.c): a binary buddy system over
 * mem_map[], one struct page per page frame of DRAM.
 *
 * free_area[order] lists free blocks of 2^order pages.  Allocating
 * splits a bigger block if needed (expand); freeing merges a block with
 * its buddy — the block whose index differs in bit "order" — as long as
 * that buddy is free too (__free_one_page).
 *
 * At boot, mem_init() places mem_map[] after the kernel image and hands
 * every page that is not reserved (firmware, kernel, mem_map, initrd,
 * device tree) to the allocator, in the biggest aligned blocks it can.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/of_fdt.h>

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;
};

static struct free_area free_area[MAX_ORDER];
static unsigned long nr_free;		/* pages in all free_area lists */

struct page *mem_map;
unsigned long min_low_pfn, max_pfn;
unsigned long totalram_pages;		/* pages given to the allocator at boot */

extern char _end[];

static inline struct page *buddy_of(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page) - min_low_pfn;

	return mem_map + (pfn ^ (1UL << order));
}

static inline bool page_is_buddy(struct page *buddy, unsigned int order)
{
	if (buddy < mem_map || buddy >= mem_map + (max_pfn - min_low_pfn))
		return false;
	return (buddy->flags & PG_buddy) && buddy->order == order;
}

static void add_to_free_list(struct page *page, unsigned int order)
{
	page->flags |= PG_buddy;
	page->order = order;
	list_add(&page->lru, &free_area[order].free_list);
	free_area[order].nr_free++;
}

static void del_from_free_list(struct page *page, unsigned int order)
{
	list_del(&page->lru);
	page->flags &= ~PG_buddy;
	free_area[order].nr_free--;
}

static void __free_one_page(struct page *page, unsigned int order)
{
	nr_free += 1UL << order;
	while (order < MAX_ORDER - 1) {
		struct page *buddy = buddy_of(page, order);

		if (!page_is_buddy(buddy, order))
			break;
		del_from_free_list(buddy, order);
		if (buddy < page)
			page = buddy;
		order++;
	}
	add_to_free_list(page, order);
}

/* Split a 2^high block down to 2^low, giving back the upper halves. */
static void expand(struct page *page, unsigned int low, unsigned int high)
{
	while (high > low) {
		high--;
		add_to_free_list(page + (1UL << high), high);
	}
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct page *page;

		if (list_empty(&free_area[o].free_list))
			continue;
		page = list_first_entry(&free_area[o].free_list, struct page, lru);
		del_from_free_list(page, o);
		expand(page, order, o);
		nr_free -= 1UL << order;
		page->order = order;
		atomic_set(&page->_refcount, 1);
		if (gfp & __GFP_ZERO)
			for (unsigned long i = 0; i < (1UL << order); i++)
				clear_page(page_address(page + i));
		return page;
	}
	return NULL;
}

void __free_pages(struct page *page, unsigned int order)
{
	if (atomic_dec_and_test(&page->_refcount))
		__free_one_page(page, order);
}

/* Drop a reference to an order-0 (user or page-table) page. */
void put_page(struct page *page)
{
	__free_pages(page, page->order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	return nr_free;
}

/* --- boot: memblock's job, in a few lines --- */

struct region {
	unsigned long start, end;	/* physical, page-aligned */
};

/* Hand [start_pfn, end_pfn) to the buddy allocator in aligned blocks. */
static void free_range(unsigned long start_pfn, unsigned long end_pfn)
{
	while (start_pfn < end_pfn) {
		unsigned int order = MAX_ORDER - 1;

		while (order && (((start_pfn - min_low_pfn) & ((1UL << order) - 1)) ||
				 start_pfn + (1UL << order) > end_pfn))
			order--;
		__free_one_page(pfn_to_page(start_pfn), order);
		totalram_pages += 1UL << order;
		start_pfn += 1UL << order;
	}
}

void __init mem_init(void)
{
	unsigned long mem_end = memory_base + min(memory_size, LINEAR_MAP_SIZE);
	unsigned long map_pa = PAGE_ALIGN(__pa(_end));
	unsigned long map_size, pfn, next;
	struct region reserved[4];
	int nr = 0;

	for (int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&free_area[o].free_list);

	min_low_pfn = PFN_DOWN(memory_base);
	max_pfn = PFN_DOWN(mem_end);
	map_size = PAGE_ALIGN((max_pfn - min_low_pfn) * sizeof(struct page));
	mem_map = __va(map_pa);
	memset(mem_map, 0, map_size);

	/* firmware + kernel image + mem_map, the initrd, the device tree */
	reserved[nr++] = (struct region){ memory_base, map_pa + map_size };
	if (initrd_end > initrd_start)
		reserved[nr++] = (struct region){ initrd_start & PAGE_MASK,
						  PAGE_ALIGN(initrd_end) };
	reserved[nr++] = (struct region){ dtb_early_pa & PAGE_MASK,
					  PAGE_ALIGN(dtb_early_pa + dtb_size) };

	/* Walk DRAM: free each run of pages up to the next reserved region. */
	for (pfn = min_low_pfn; pfn < max_pfn; pfn = next) {
		unsigned long in_end = 0;

		next = max_pfn;
		for (int i = 0; i < nr; i++) {
			unsigned long rs = PFN_DOWN(reserved[i].start);
			unsigned long re = PFN_DOWN(reserved[i].end);

			if (pfn >= rs && pfn < re)
				in_end = max(in_end, re);
			else if (rs > pfn && rs < next)
				next = rs;
		}
		if (in_end) {
			next = min(in_end, max_pfn);
			for (unsigned long r = pfn; r < next; r++)
				pfn_to_page(r)->flags |= PG_reserved;
		} else {
			free_range(pfn, next);
		}
	}
}
