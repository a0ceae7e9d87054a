// SPDX-License-Identifier: MIT
/*
 * futex WAIT and WAKE (kernel/futex/), enough for a thread join: the
 * joiner sleeps on the thread's tid word until the exiting thread clears
 * it and wakes it (CLONE_CHILD_CLEARTID, see mm_release()).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/futex.h>

struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct mm_struct *mm;		/* (mm, uaddr) is the key of a private futex */
	unsigned long uaddr;
	bool woken;
};

static LIST_HEAD(futex_queue);

int futex_wake(struct mm_struct *mm, unsigned long uaddr, int nr_wake)
{
	struct futex_q *q, *n;
	int woken = 0;

	list_for_each_entry_safe(q, n, &futex_queue, list) {
		if (woken >= nr_wake)
			break;
		if (q->mm != mm || q->uaddr != uaddr)
			continue;
		list_del_init(&q->list);
		q->woken = true;
		wake_up_state(q->task, TASK_INTERRUPTIBLE);
		woken++;
	}
	return woken;
}

static int futex_wait(unsigned long uaddr, u32 val)
{
	struct futex_q q = { .task = current, .mm = current->mm, .uaddr = uaddr };
	int cur;

	if (get_user_int(&cur, (int __user *)uaddr))
		return -EFAULT;
	if ((u32)cur != val)
		return -EAGAIN;
	list_add_tail(&q.list, &futex_queue);
	set_current_state(TASK_INTERRUPTIBLE);
	if (!signal_pending(current))
		schedule();
	__set_current_state(TASK_RUNNING);
	if (!q.woken) {
		list_del_init(&q.list);
		return -EINTR;
	}
	return 0;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		void __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	(void)utime; (void)uaddr2; (void)val3;	/* no timeouts, no requeue */
	switch (op & FUTEX_CMD_MASK) {
	case FUTEX_WAIT:
		return futex_wait((unsigned long)uaddr, val);
	case FUTEX_WAKE:
		return futex_wake(current->mm, (unsigned long)uaddr, (int)val);
	}
	return -ENOSYS;
}
