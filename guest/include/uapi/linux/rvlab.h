/* SPDX-License-Identifier: MIT */
/*
 * rvlab's one private interface: __NR_rvlab_ps fills an array of these,
 * one per task (threads included), in task-list order.
 */
#ifndef _UAPI_LINUX_RVLAB_H
#define _UAPI_LINUX_RVLAB_H

struct rvlab_task_info {
	int pid;
	int tgid;
	int ppid;
	int state;		/* 'R', 'S', 'D', 'Z', 'X' or 'N' (TASK_NEW) */
	char comm[16];
};

#endif
