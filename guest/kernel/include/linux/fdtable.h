/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

#include <linux/fs.h>

#define NR_OPEN_DEFAULT	16

/* A table of open files, shared by tasks created with CLONE_FILES. */
struct files_struct {
	atomic_t count;
	struct file *fd_array[NR_OPEN_DEFAULT];
};

extern struct files_struct init_files;
struct files_struct *dup_fd(struct files_struct *oldf, int *errorp);
void put_files_struct(struct files_struct *files);
struct task_struct;
void exit_files(struct task_struct *tsk);
int fd_install_console(struct files_struct *files);
void files_init(void);

#endif
