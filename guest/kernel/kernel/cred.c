// SPDX-License-Identifier: MIT
/* Credentials (kernel/cred.c): copied at fork, shared by threads. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <uapi/linux/sched.h>

/* init_task's real_cred and cred; never freed. */
struct cred init_cred = { .usage = { 2 } };
static struct kmem_cache *cred_jar;

static const struct cred *get_cred(const struct cred *c)
{
	atomic_inc(&((struct cred *)c)->usage);
	return c;
}

static void put_cred(const struct cred *c)
{
	struct cred *cred = (struct cred *)c;

	if (cred && atomic_dec_and_test(&cred->usage) && cred != &init_cred)
		kmem_cache_free(cred_jar, cred);
}

__fork_path int copy_creds(struct task_struct *p, unsigned long clone_flags)
{
	struct cred *new;

	if (clone_flags & CLONE_THREAD) {
		p->real_cred = get_cred(p->cred);
		get_cred(p->cred);
		return 0;
	}
	new = kmem_cache_alloc(cred_jar, GFP_KERNEL);	/* prepare_creds */
	if (!new)
		return -ENOMEM;
	*new = *current->cred;
	atomic_set(&new->usage, 2);		/* real_cred and cred */
	p->real_cred = p->cred = new;
	return 0;
}

void exit_creds(struct task_struct *p)
{
	put_cred(p->real_cred);
	put_cred(p->cred);
	p->real_cred = p->cred = NULL;
}

void __init cred_init(void)
{
	cred_jar = kmem_cache_create("cred_jar", sizeof(struct cred));
}
