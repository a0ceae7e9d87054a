/* SPDX-License-Identifier: MIT */
/* Completions: the vfork parent waits on one until the child lets go. */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/wait.h>

struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

#define DECLARE_COMPLETION(work) \
	struct completion work = { 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

void complete(struct completion *x);
void wait_for_completion(struct completion *x);
int wait_for_completion_killable(struct completion *x);

#endif
