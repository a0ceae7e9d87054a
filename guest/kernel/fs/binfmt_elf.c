// SPDX-License-Identifier: MIT
/*
 * Static ELF executables (fs/binfmt_elf.c): RV64, ET_EXEC, PT_LOAD
 * segments copied into freshly allocated pages (the file lives in the
 * initramfs, so there is nothing to map), a 64 KiB stack below
 * STACK_TOP, and the heap (brk) right after the highest segment.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/elf.h>
#include <linux/binfmts.h>
#include <linux/uaccess.h>
#include <asm/pgtable.h>

/* Copy into mm's pages whatever their protection (text is not writable). */
static int load_bytes(struct mm_struct *mm, unsigned long va, const void *src,
		      unsigned long n)
{
	while (n) {
		unsigned long chunk = min(n, PAGE_SIZE - (va & ~PAGE_MASK));
		pte_t *ptep = walk_page_table(mm->pgd, va, false);

		if (!ptep || !pte_present(*ptep))
			return -EFAULT;
		memcpy((char *)pte_page_vaddr(*ptep) + (va & ~PAGE_MASK), src, chunk);
		va += chunk;
		src = (const char *)src + chunk;
		n -= chunk;
	}
	return 0;
}

static unsigned long make_prot(u32 p_flags)
{
	unsigned long prot = 0;

	if (p_flags & PF_R)
		prot |= _PAGE_READ;
	if (p_flags & PF_W)
		prot |= _PAGE_READ | _PAGE_WRITE;
	if (p_flags & PF_X)
		prot |= _PAGE_EXEC;
	return prot;
}

static int load_segment(struct mm_struct *mm, const struct initramfs_file *file,
			const struct elf64_phdr *ph)
{
	unsigned long start = ph->p_vaddr & PAGE_MASK;
	unsigned long end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
	int err;

	if (ph->p_filesz > ph->p_memsz || ph->p_offset + ph->p_filesz > file->size ||
	    end > TASK_SIZE || end < start)
		return -ENOEXEC;
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		err = map_user_page(mm, va, make_prot(ph->p_flags));
		if (err)
			return err;
	}
	/* The pages are zeroed: the rest of the segment is its bss. */
	return load_bytes(mm, ph->p_vaddr, (const char *)file->data + ph->p_offset,
			  ph->p_filesz);
}

/*
 * The initial stack, as the ELF ABI wants it (from sp upwards):
 * argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL; then the
 * strings and 16 AT_RANDOM bytes near STACK_TOP.
 */
int create_elf_tables(struct linux_binprm *bprm, unsigned long entry,
		      unsigned long phdr, unsigned int phnum)
{
	struct mm_struct *mm = bprm->mm;
	unsigned long strings = STACK_TOP - ALIGN(bprm->strings_len, 16);
	unsigned long random = strings - 16;
	unsigned long auxv[] = {
		AT_HWCAP, (1UL << ('I' - 'A')) | (1UL << ('M' - 'A')) |
			  (1UL << ('A' - 'A')) | (1UL << ('C' - 'A')),
		AT_PAGESZ, PAGE_SIZE,
		AT_CLKTCK, 100,
		AT_PHDR, phdr,
		AT_PHENT, sizeof(struct elf64_phdr),
		AT_PHNUM, phnum,
		AT_ENTRY, entry,
		AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0,
		AT_RANDOM, random,
		AT_EXECFN, strings,
		AT_NULL, 0,
	};
	unsigned long items = 1 + bprm->argc + 1 + bprm->envc + 1;
	unsigned long sp = (random - items * 8 - sizeof(auxv)) & ~15UL;
	unsigned long p = sp, s = strings;
	static const u8 random_bytes[16] = "rvlab-not-random";

	if (load_bytes(mm, strings, bprm->strings, bprm->strings_len) ||
	    load_bytes(mm, random, random_bytes, 16))
		return -EFAULT;
	mm->start_stack = sp;
	mm->arg_start = strings;
	items = bprm->argc;
	if (load_bytes(mm, p, &items, 8))
		return -EFAULT;
	p += 8;
	for (int i = 0; i < bprm->argc + bprm->envc + 2; i++, p += 8) {
		unsigned long ptr = 0;

		if (i != bprm->argc && i != bprm->argc + bprm->envc + 1) {
			ptr = s;
			s += strlen(bprm->strings + (s - strings)) + 1;
		}
		if (i == bprm->argc)
			mm->arg_end = mm->env_start = s;
		if (load_bytes(mm, p, &ptr, 8))
			return -EFAULT;
	}
	mm->env_end = s;
	if (load_bytes(mm, p, auxv, sizeof(auxv)))
		return -EFAULT;
	bprm->p = sp;
	return 0;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	const struct initramfs_file *file = bprm->file;
	const struct elf64_hdr *eh = file->data;
	const struct elf64_phdr *ph;
	unsigned long elf_brk = 0, phdr_addr = 0;
	struct mm_struct *mm;
	int retval;

	if (file->size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) ||
	    eh->e_ident[4] != ELFCLASS64 || eh->e_type != ET_EXEC ||
	    eh->e_machine != EM_RISCV || eh->e_phentsize != sizeof(*ph) ||
	    eh->e_phoff + eh->e_phnum * sizeof(*ph) > file->size)
		return -ENOEXEC;
	ph = (const struct elf64_phdr *)((const char *)file->data + eh->e_phoff);

	mm = bprm->mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		retval = load_segment(mm, file, &ph[i]);
		if (retval)
			return retval;
		if (eh->e_phoff >= ph[i].p_offset &&
		    eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			phdr_addr = ph[i].p_vaddr + eh->e_phoff - ph[i].p_offset;
		if (ph[i].p_flags & PF_X) {
			mm->start_code = ph[i].p_vaddr;
			mm->end_code = ph[i].p_vaddr + ph[i].p_filesz;
		} else {
			mm->start_data = ph[i].p_vaddr;
			mm->end_data = ph[i].p_vaddr + ph[i].p_filesz;
		}
		elf_brk = max(elf_brk, (unsigned long)(ph[i].p_vaddr + ph[i].p_memsz));
	}
	mm->start_brk = mm->brk = PAGE_ALIGN(elf_brk);

	for (unsigned long va = STACK_TOP - USER_STACK_PAGES * PAGE_SIZE;
	     va < STACK_TOP; va += PAGE_SIZE) {
		retval = map_user_page(mm, va, _PAGE_READ | _PAGE_WRITE);
		if (retval)
			return retval;
	}
	retval = create_elf_tables(bprm, eh->e_entry, phdr_addr, eh->e_phnum);
	if (retval)
		return retval;

	/* Point of no return */
	begin_new_exec(bprm);
	local_flush_icache_all();
	start_thread(current_pt_regs(), eh->e_entry, mm->start_stack);
	return 0;
}
