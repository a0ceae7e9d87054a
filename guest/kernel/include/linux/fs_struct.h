/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FS_STRUCT_H
#define _LINUX_FS_STRUCT_H

#include <linux/types.h>

/* Root, cwd and umask: shared with CLONE_FS, copied otherwise. */
struct fs_struct {
	int users;
	int umask;
	char root[8];	/* always "/": there is one file system */
	char pwd[8];
};

extern struct fs_struct init_fs;
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void free_fs_struct(struct fs_struct *fs);
struct task_struct;
void exit_fs(struct task_struct *tsk);

#endif
