/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>

#define MAX_ARG_STRINGS	64
#define MAX_ARG_BYTES	2048

/* What exec carries from the old program to the new one (fs/exec.c). */
struct linux_binprm {
	struct mm_struct *mm;		/* the new address space */
	const struct initramfs_file *file;
	const char *filename;
	int argc, envc;
	char strings[MAX_ARG_BYTES];	/* argv then envp, NUL-separated */
	unsigned long strings_len;
	unsigned long p;		/* the new user stack pointer */
};

int kernel_execve(const char *filename, const char *const *argv,
		  const char *const *envp);
int load_elf_binary(struct linux_binprm *bprm);
int begin_new_exec(struct linux_binprm *bprm);
int create_elf_tables(struct linux_binprm *bprm, unsigned long entry,
		      unsigned long phdr, unsigned int phnum);

#endif
