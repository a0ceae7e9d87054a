/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/types.h>

/* Credentials: everybody is root, but fork still copies them (copy_creds). */
struct cred {
	atomic_t usage;
	uid_t uid, euid;
	gid_t gid, egid;
};

extern struct cred init_cred;
struct task_struct;
int copy_creds(struct task_struct *p, unsigned long clone_flags);
void exit_creds(struct task_struct *p);
void cred_init(void);

#endif
