// SPDX-License-Identifier: MIT
/*
 * brk (mm/mmap.c): the heap is [start_brk, brk), right after the
 * program's bss, mapped eagerly a page at a time.
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/sched.h>
#include <linux/mm.h>

#define BRK_LIMIT	(64UL << 20)	/* at most 64 MiB of heap */

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long oldbrk = PAGE_ALIGN(mm->brk), newbrk = PAGE_ALIGN(brk);

	if (brk < mm->start_brk || brk > mm->start_brk + BRK_LIMIT)
		return mm->brk;
	if (newbrk < oldbrk) {
		unmap_user_range(mm, newbrk, oldbrk);
	} else {
		for (unsigned long addr = oldbrk; addr < newbrk; addr += PAGE_SIZE) {
			if (map_user_page(mm, addr, _PAGE_READ | _PAGE_WRITE)) {
				unmap_user_range(mm, oldbrk, addr);
				return mm->brk;
			}
		}
	}
	mm->brk = brk;
	return brk;
}
