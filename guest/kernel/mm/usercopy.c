// SPDX-License-Identifier: MIT
/*
 * copy_{to,from}_user and friends: user memory is reached through the
 * task's page table and the linear map (see linux/uaccess.h for why).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

/*
 * The kernel address of user address addr in mm, if user mode could
 * access it (for writing, if write).  A copy-on-write page is split first.
 */
static void *user_addr(struct mm_struct *mm, unsigned long addr, bool write)
{
	pte_t *ptep;

	if (!mm)
		return NULL;
	ptep = walk_page_table(mm->pgd, addr, false);
	if (!ptep || !pte_present(*ptep) || !(*ptep & _PAGE_USER))
		return NULL;
	if (write && !(*ptep & _PAGE_WRITE)) {
		if (!(*ptep & _PAGE_COW) || do_wp_page(mm, addr & PAGE_MASK, ptep))
			return NULL;
	}
	if (!write && !(*ptep & _PAGE_READ))
		return NULL;
	return (char *)pte_page_vaddr(*ptep) + (addr & ~PAGE_MASK);
}

unsigned long copy_to_user_mm(struct mm_struct *mm, unsigned long to,
			      const void *from, unsigned long n)
{
	while (n) {
		unsigned long chunk = min(n, PAGE_SIZE - (to & ~PAGE_MASK));
		void *dst = user_addr(mm, to, true);

		if (!dst)
			return n;
		memcpy(dst, from, chunk);
		to += chunk;
		from = (const char *)from + chunk;
		n -= chunk;
	}
	return 0;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return copy_to_user_mm(current->mm, (unsigned long)to, from, n);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long src = (unsigned long)from;

	while (n) {
		unsigned long chunk = min(n, PAGE_SIZE - (src & ~PAGE_MASK));
		void *p = user_addr(current->mm, src, false);

		if (!p)
			return n;
		memcpy(to, p, chunk);
		to = (char *)to + chunk;
		src += chunk;
		n -= chunk;
	}
	return 0;
}

/* Copy a NUL-terminated string; its length, or -EFAULT / -ENAMETOOLONG. */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	for (long i = 0; i < count; i++) {
		const char *p = user_addr(current->mm, (unsigned long)src + i, false);

		if (!p)
			return -EFAULT;
		dst[i] = *p;
		if (!*p)
			return i;
	}
	return -ENAMETOOLONG;
}

int put_user_int(int val, int __user *ptr)
{
	return copy_to_user(ptr, &val, sizeof(val)) ? -EFAULT : 0;
}

int get_user_int(int *val, const int __user *ptr)
{
	return copy_from_user(val, ptr, sizeof(*val)) ? -EFAULT : 0;
}

int get_user_ulong(unsigned long *val, const unsigned long __user *ptr)
{
	return copy_from_user(val, ptr, sizeof(*val)) ? -EFAULT : 0;
}
