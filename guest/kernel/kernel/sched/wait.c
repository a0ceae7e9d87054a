// SPDX-License-Identifier: MIT
/* Wait queues and completions (kernel/sched/wait.c, completion.c). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/errno.h>

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     unsigned int state)
{
	w->private = current;
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	set_current_state(state);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	(void)wq;
	__set_current_state(TASK_RUNNING);
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
}

/* Wake every sleeper; each re-checks its condition. */
void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;

	list_for_each_entry(w, &wq->head, entry)
		wake_up_state(w->private, TASK_NORMAL);
}

bool signal_pending_current(void)
{
	return signal_pending(current);
}

void complete(struct completion *x)
{
	x->done++;
	wake_up(&x->wait);
}

static int do_wait_for_common(struct completion *x, unsigned int state)
{
	struct wait_queue_entry w;
	int ret = 0;

	INIT_LIST_HEAD(&w.entry);
	for (;;) {
		prepare_to_wait(&x->wait, &w, state);
		if (x->done)
			break;
		if ((state & TASK_WAKEKILL) && fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&x->wait, &w);
	if (!ret)
		x->done--;
	return ret;
}

void wait_for_completion(struct completion *x)
{
	do_wait_for_common(x, TASK_UNINTERRUPTIBLE);
}

int wait_for_completion_killable(struct completion *x)
{
	return do_wait_for_common(x, TASK_KILLABLE);
}
