// SPDX-License-Identifier: MIT
/*
 * Small-object allocator (the role of mm/slub.c).
 *
 * A kmem_cache hands out objects of one size, carved from whole pages
 * ("slabs").  Each slab page keeps its own free list and an in-use count
 * in its struct page; a cache lists the slabs that still have room.
 * When a slab's last object is freed the page goes straight back to the
 * page allocator, so after every fork has been reaped the free page
 * count is exactly what it was (the MenuOS meminfo command shows it).
 *
 * kmalloc() picks a cache by size; bigger requests get whole pages.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/mm.h>

struct kmem_cache {
	const char *name;
	unsigned int size;		/* object size, a multiple of 16 */
	struct list_head partial;	/* slabs with free objects */
	unsigned long active;		/* objects handed out */
};

#define MAX_CACHES 24
static struct kmem_cache caches[MAX_CACHES];
static int nr_caches;
static struct kmem_cache *kmalloc_caches[8];	/* 16 .. 2048 bytes */

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size)
{
	struct kmem_cache *s;

	BUG_ON(nr_caches == MAX_CACHES || size > PAGE_SIZE / 2);
	s = &caches[nr_caches++];
	s->name = name;
	s->size = ALIGN(size, 16);
	INIT_LIST_HEAD(&s->partial);
	return s;
}

/* A fresh page, cut into objects chained through their first word. */
static struct page *new_slab(struct kmem_cache *s)
{
	struct page *page = alloc_page(GFP_KERNEL);
	char *base;
	int n;

	if (!page)
		return NULL;
	base = page_address(page);
	page->flags |= PG_slab;
	page->slab_cache = s;
	page->inuse = 0;
	page->freelist = NULL;
	for (n = PAGE_SIZE / s->size - 1; n >= 0; n--) {
		void *obj = base + n * s->size;

		*(void **)obj = page->freelist;
		page->freelist = obj;
	}
	list_add(&page->lru, &s->partial);
	return page;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page;
	void *obj;

	if (list_empty(&s->partial) && !new_slab(s))
		return NULL;
	page = list_first_entry(&s->partial, struct page, lru);
	obj = page->freelist;
	page->freelist = *(void **)obj;
	page->inuse++;
	s->active++;
	if (!page->freelist)
		list_del(&page->lru);		/* full: off the partial list */
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->size);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *page = virt_to_page(obj);
	bool was_full = !page->freelist;

	BUG_ON(!(page->flags & PG_slab) || page->slab_cache != s);
	*(void **)obj = page->freelist;
	page->freelist = obj;
	page->inuse--;
	s->active--;
	if (page->inuse == 0) {
		if (!was_full)
			list_del(&page->lru);
		page->flags &= ~PG_slab;
		page->slab_cache = NULL;
		__free_page(page);
	} else if (was_full) {
		list_add(&page->lru, &s->partial);
	}
}

void *kmalloc(size_t size, gfp_t gfp)
{
	unsigned int order = 0;
	int i;

	for (i = 0; i < 8; i++)
		if (size <= (16UL << i))
			return kmem_cache_alloc(kmalloc_caches[i], gfp);
	while ((PAGE_SIZE << order) < size)
		order++;
	return (void *)__get_free_pages(gfp, order);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void kfree(const void *obj)
{
	struct page *page;

	if (!obj)
		return;
	page = virt_to_page(obj);
	if (page->flags & PG_slab)
		kmem_cache_free(page->slab_cache, (void *)obj);
	else
		__free_pages(page, page->order);
}

void __init kmem_cache_init(void)
{
	static const char *const names[8] = {
		"kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
		"kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k",
	};

	for (int i = 0; i < 8; i++)
		kmalloc_caches[i] = kmem_cache_create(names[i], 16U << i);
}
