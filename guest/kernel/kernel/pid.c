// SPDX-License-Identifier: MIT
/*
 * Process ids (kernel/pid.c).  Numbers are handed out cyclically, as
 * Linux's idr_alloc_cyclic does: after pid_max they wrap to RESERVED_PIDS.
 * A hash finds the task of a number (find_task_by_vpid).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>

struct pid_namespace {
	int last_pid;
	int pid_max;
};
struct pid_namespace init_pid_ns = { 0, PID_MAX_DEFAULT };

struct pid init_struct_pid = { .count = { 1 }, .nr = 0, .task = &init_task };

#define PIDHASH_SIZE	64
static struct hlist_head pid_hash[PIDHASH_SIZE];
static unsigned long pidmap[PID_MAX_DEFAULT / 64];
static struct kmem_cache *pid_cachep;

static bool pid_in_use(int nr)
{
	return pidmap[nr / 64] & (1UL << (nr % 64));
}

static int alloc_pidmap(struct pid_namespace *ns)
{
	int nr = ns->last_pid;

	for (int tries = 0; tries < ns->pid_max; tries++) {
		if (++nr >= ns->pid_max)
			nr = RESERVED_PIDS;
		if (!pid_in_use(nr)) {
			pidmap[nr / 64] |= 1UL << (nr % 64);
			ns->last_pid = nr;
			return nr;
		}
	}
	return -EAGAIN;
}

__fork_path struct pid *alloc_pid(struct pid_namespace *ns)
{
	struct pid *pid = kmem_cache_alloc(pid_cachep, GFP_KERNEL);
	int nr;

	if (!pid)
		return ERR_PTR(-ENOMEM);
	nr = alloc_pidmap(ns);
	if (nr < 0) {
		kmem_cache_free(pid_cachep, pid);
		return ERR_PTR(nr);
	}
	refcount_set(&pid->count, 1);
	pid->nr = nr;
	pid->task = NULL;
	hlist_add_head(&pid->pid_chain, &pid_hash[nr % PIDHASH_SIZE]);
	return pid;
}

void put_pid(struct pid *pid)
{
	if (pid && pid != &init_struct_pid && refcount_dec_and_test(&pid->count))
		kmem_cache_free(pid_cachep, pid);
}

/* The number is free again as soon as nobody is attached to it. */
void free_pid(struct pid *pid)
{
	pidmap[pid->nr / 64] &= ~(1UL << (pid->nr % 64));
	hlist_del(&pid->pid_chain);
	put_pid(pid);
}

void attach_pid(struct task_struct *task, struct pid *pid)
{
	task->thread_pid = pid;
	pid->task = task;
}

void detach_pid(struct task_struct *task)
{
	struct pid *pid = task->thread_pid;

	task->thread_pid = NULL;
	if (!pid || pid == &init_struct_pid)
		return;
	pid->task = NULL;
	free_pid(pid);
}

struct task_struct *find_task_by_vpid(pid_t nr)
{
	struct hlist_node *n;

	if (nr <= 0 || nr >= PID_MAX_DEFAULT)
		return NULL;
	for (n = pid_hash[nr % PIDHASH_SIZE].first; n; n = n->next) {
		struct pid *pid = container_of(n, struct pid, pid_chain);

		if (pid->nr == nr)
			return pid->task;
	}
	return NULL;
}

void __init pid_idr_init(void)
{
	pidmap[0] = 1;		/* pid 0 is the idle task's */
	pid_cachep = kmem_cache_create("pid", sizeof(struct pid));
}
