/* SPDX-License-Identifier: MIT */
/* Wait queues (include/linux/wait.h, the subset we use). */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/errno.h>

struct task_struct;

struct wait_queue_entry {
	struct task_struct *private;	/* the sleeping task */
	struct list_head entry;
};

struct wait_queue_head {
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     unsigned int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
void wake_up(struct wait_queue_head *wq);
bool signal_pending_current(void);
void schedule(void);

/*
 * Sleep (interruptibly) until cond is true, or return -EINTR if a signal
 * arrives first (Linux says -ERESTARTSYS; nothing restarts here).
 */
#define wait_event_interruptible(wq, cond)				\
({									\
	int __ret = 0;							\
	struct wait_queue_entry __w;					\
	INIT_LIST_HEAD(&__w.entry);					\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		if (signal_pending_current()) {				\
			__ret = -EINTR;					\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__w);					\
	__ret;								\
})

#endif
