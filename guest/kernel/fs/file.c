// SPDX-License-Identifier: MIT
/* Open files and file tables (fs/file.c, fs/file_table.c, fs/open.c). */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/tty.h>
#include <linux/syscalls.h>

/* The kernel threads' (empty) table; init gets its own copy at fork. */
struct files_struct init_files = { .count = { 1 } };

void get_file(struct file *f)
{
	atomic_inc(&f->f_count);
}

/* The console file is static: its count never drops to zero. */
void fput(struct file *f)
{
	atomic_dec_and_test(&f->f_count);
}

struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd >= NR_OPEN_DEFAULT)
		return NULL;
	return files->fd_array[fd];
}

/* Like Linux's console_on_rootfs(): /dev/console as fds 0, 1 and 2. */
int fd_install_console(struct files_struct *files)
{
	for (int fd = 0; fd < 3; fd++) {
		get_file(&console_file);
		files->fd_array[fd] = &console_file;
	}
	return 0;
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files->fd_array[fd] = NULL;
	fput(f);
	return 0;
}
