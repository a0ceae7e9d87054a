// SPDX-License-Identifier: MIT
/*
 * The first task (init/init_task.c): pid 0, "swapper", built at compile
 * time.  It runs start_kernel() on init_stack, forks init (pid 1) and
 * kthreadd (pid 2), and then is the idle task.
 */
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/mm_types.h>
#include <linux/pid.h>
#include <linux/cred.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>

extern struct files_struct init_files;

unsigned long init_stack[THREAD_SIZE / sizeof(unsigned long)] __aligned(THREAD_SIZE);

struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
	.mm_users = { 2 },
	.mm_count = { 1 },
};

struct sighand_struct init_sighand = {
	.count = { 1 },
};

struct signal_struct init_signals = {
	.sig_cnt = { 1 },
	.live = { 1 },
	.nr_threads = 1,
	.thread_head = LIST_HEAD_INIT(init_task.thread_node),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_signals.wait_chldexit),
};

struct task_struct init_task __aligned(64) = {
	.__state	= TASK_RUNNING,
	.stack		= init_stack,
	.usage		= { 2 },
	.flags		= PF_KTHREAD,
	.run_list	= LIST_HEAD_INIT(init_task.run_list),
	.tasks		= LIST_HEAD_INIT(init_task.tasks),
	.mm		= NULL,
	.active_mm	= &init_mm,
	.exit_signal	= 0,
	.pid		= 0,
	.tgid		= 0,
	.real_parent	= &init_task,
	.parent		= &init_task,
	.children	= LIST_HEAD_INIT(init_task.children),
	.sibling	= LIST_HEAD_INIT(init_task.sibling),
	.group_leader	= &init_task,
	.thread_group	= LIST_HEAD_INIT(init_task.thread_group),
	.thread_node	= LIST_HEAD_INIT(init_signals.thread_head),
	.thread_pid	= &init_struct_pid,
	.real_cred	= &init_cred,
	.cred		= &init_cred,
	.comm		= "swapper",
	.fs		= &init_fs,
	.files		= &init_files,
	.signal		= &init_signals,
	.sighand	= &init_sighand,
};
