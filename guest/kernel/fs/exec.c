// SPDX-License-Identifier: MIT
/*
 * execve (fs/exec.c).
 *
 *   do_execveat_common: copy filename, argv and envp into the kernel
 *   (they live in the address space we are about to drop);
 *   bprm_execve -> load_elf_binary (fs/binfmt_elf.c): build the new mm
 *   completely, then the point of no return: begin_new_exec() switches
 *   to it (releasing a vfork parent), and start_thread() points the
 *   saved user registers at the new program.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/binfmts.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <asm/mmu_context.h>

void __set_task_comm(struct task_struct *tsk, const char *from)
{
	strscpy(tsk->comm, from, sizeof(tsk->comm));
}

/* Append one string to bprm->strings. */
static int copy_string(struct linux_binprm *bprm, const char *s, bool from_kernel)
{
	long room = MAX_ARG_BYTES - bprm->strings_len;
	long n;

	if (from_kernel) {
		n = strnlen(s, room);
		if (n >= room)
			return -E2BIG;
		memcpy(bprm->strings + bprm->strings_len, s, n + 1);
	} else {
		n = strncpy_from_user(bprm->strings + bprm->strings_len, s, room);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return n;
	}
	bprm->strings_len += n + 1;
	return 0;
}

/* Copy a NULL-terminated array of strings; returns how many. */
static int copy_strings(struct linux_binprm *bprm, const char *const *argv,
			bool from_kernel)
{
	int count = 0;

	if (!argv)
		return 0;
	for (;; count++) {
		unsigned long ptr;
		int err;

		if (from_kernel)
			ptr = (unsigned long)argv[count];
		else if (get_user_ulong(&ptr, (const unsigned long __user *)&argv[count]))
			return -EFAULT;
		if (!ptr)
			return count;
		if (count >= MAX_ARG_STRINGS)
			return -E2BIG;
		err = copy_string(bprm, (const char *)ptr, from_kernel);
		if (err)
			return err;
	}
}

/*
 * Switch current to the new address space.  Letting go of the old one
 * (mm_release) is what wakes a vfork parent.
 */
static int exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_mm = tsk->mm, *active_mm = tsk->active_mm;

	mm_release(tsk, old_mm);
	tsk->mm = mm;
	tsk->active_mm = mm;
	switch_mm(active_mm, mm);
	if (old_mm)
		mmput(old_mm);
	return 0;
}

/* The point of no return: from here on the old program is gone. */
int begin_new_exec(struct linux_binprm *bprm)
{
	struct task_struct *me = current;

	exec_mmap(bprm->mm);
	bprm->mm = NULL;
	/* A kernel thread that execs becomes a user process (init does). */
	me->flags &= ~(PF_FORKNOEXEC | PF_KTHREAD);
	__set_task_comm(me, kbasename(bprm->filename));
	/* Handlers do not survive exec; SIG_IGN does. */
	for (int i = 0; i < _NSIG; i++)
		if (me->sighand->action[i] != SIG_IGN)
			me->sighand->action[i] = SIG_DFL;
	return 0;
}

static int bprm_execve(struct linux_binprm *bprm)
{
	bprm->file = initramfs_lookup(bprm->filename);
	if (!bprm->file)
		return -ENOENT;
	if (!(bprm->file->mode & 0111))
		return -EACCES;
	return load_elf_binary(bprm);
}

static int do_execveat_common(const char *filename, const char *const *argv,
			      const char *const *envp, bool from_kernel)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm) + 256, GFP_KERNEL);
	char *name;
	int retval;

	if (!bprm)
		return -ENOMEM;
	name = (char *)(bprm + 1);
	bprm->filename = name;
	if (from_kernel)
		strscpy(name, filename, 256);
	else if ((retval = strncpy_from_user(name, filename, 256)) < 0)
		goto out;

	retval = copy_strings(bprm, argv, from_kernel);
	if (retval < 0)
		goto out;
	bprm->argc = retval;
	retval = copy_strings(bprm, envp, from_kernel);
	if (retval < 0)
		goto out;
	bprm->envc = retval;

	retval = bprm_execve(bprm);
out:
	if (bprm->mm)
		mmput(bprm->mm);	/* failed before the point of no return */
	kfree(bprm);
	return retval;
}

int kernel_execve(const char *filename, const char *const *argv,
		  const char *const *envp)
{
	return do_execveat_common(filename, argv, envp, true);
}

SYSCALL_DEFINE3(execve,
		const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	return do_execveat_common(filename, argv, envp, false);
}
