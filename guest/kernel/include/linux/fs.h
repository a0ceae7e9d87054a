/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>

struct file;
struct file_operations {
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
};

/* An open file: only the console exists, but fds still share files. */
struct file {
	atomic_t f_count;
	const struct file_operations *f_op;
	unsigned int f_flags;
	loff_t f_pos;
	void *private_data;
};

struct file *fget(unsigned int fd);
void get_file(struct file *f);
void fput(struct file *f);

/* fs/initramfs.c: the files of the cpio archive, used in place. */
struct initramfs_file {
	const char *name;	/* without the leading "/" */
	unsigned int mode;
	const void *data;
	unsigned long size;
};
int populate_rootfs(void);
const struct initramfs_file *initramfs_lookup(const char *path);

#endif
