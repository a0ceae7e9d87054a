// SPDX-License-Identifier: MIT
/*
 * The scheduler (kernel/sched/core.c), for one hart.
 *
 * Policy: round robin.  The runqueue is a FIFO of runnable tasks; the
 * running task (rq->curr) is not in it.  A task runs until it sleeps,
 * yields, or uses up its time slice (10 ms of the 10 MHz timer, about a
 * million instructions in rvlab); then it goes to the back of the queue.
 * When nothing is runnable the idle task (init_task, pid 0) waits for an
 * interrupt.
 *
 * After fork the parent keeps running and the child waits at the back of
 * the queue, as Linux does by default (sched_child_runs_first = 0).  So
 * in MenuOS's fork-new the parent prints first, and the child runs when
 * the parent blocks in wait().  The slice starts anew at every switch,
 * and a command's short burst of work fits easily in one: the timer
 * never decides the order of the lab's output.
 *
 * The kernel itself is not preemptible (interrupts are off in it, except
 * in the idle loop): TIF_NEED_RESCHED is acted on when returning to user
 * mode (entry.S), or when a task blocks.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/mm.h>
#include <asm/switch_to.h>
#include <asm/mmu_context.h>
#include <asm/irqflags.h>
#include <asm/timex.h>
#include <asm/sbi.h>

#define SCHED_SLICE_TICKS	(BOARD_TIMEBASE_HZ / 100)	/* 10 ms */

struct rq {
	struct list_head queue;		/* runnable tasks, in order */
	unsigned int nr_running;	/* tasks in queue */
	struct task_struct *curr;
	struct task_struct *idle;
	unsigned long nr_switches;
	bool timer_armed;
};

static struct rq runqueue;

static void enqueue_task(struct rq *rq, struct task_struct *p)
{
	list_add_tail(&p->run_list, &rq->queue);
	p->on_rq = 1;
	rq->nr_running++;
}

static void dequeue_task(struct rq *rq, struct task_struct *p)
{
	list_del_init(&p->run_list);
	p->on_rq = 0;
	rq->nr_running--;
}

/* A task became runnable: if the hart is idling, stop. */
static void check_preempt_curr(struct rq *rq)
{
	if (rq->curr == rq->idle)
		set_tsk_need_resched(rq->idle);
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	struct rq *rq = &runqueue;

	if (!(p->__state & state))
		return 0;
	p->__state = TASK_RUNNING;
	if (!p->on_rq && p != rq->curr) {
		enqueue_task(rq, p);
		check_preempt_curr(rq);
	}
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

/* fork-time scheduler setup: the child is TASK_NEW until woken. */
__fork_path int sched_fork(unsigned long clone_flags, struct task_struct *p)
{
	(void)clone_flags;
	p->__state = TASK_NEW;
	p->on_rq = 0;
	INIT_LIST_HEAD(&p->run_list);
	p->nvcsw = p->nivcsw = 0;
	p->thread_info.cpu = 0;
	return 0;
}

/*
 * wake_up_new_task - wake up a newly created task for the first time.
 * It goes to the back of the runqueue: the parent runs on.
 */
__fork_path void wake_up_new_task(struct task_struct *p)
{
	struct rq *rq = &runqueue;

	p->__state = TASK_RUNNING;
	enqueue_task(rq, p);
	check_preempt_curr(rq);
}

/*
 * After the switch, on the new task's stack: free what a dead prev
 * leaves behind (its stack, our reference to it).
 */
static void finish_task_switch(struct task_struct *prev)
{
	if (unlikely(prev->__state == TASK_DEAD)) {
		put_task_stack(prev);
		put_task_struct(prev);
	}
}

/**
 * schedule_tail - first thing a freshly forked thread must call.
 * @prev: the thread we just switched away from.
 */
__fork_path void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	if (current->set_child_tid)
		put_user_int(task_pid_vnr(current), current->set_child_tid);
}

/* One-shot timer for the end of next's slice; none while idle. */
static void arm_slice_timer(struct rq *rq, struct task_struct *next)
{
	if (next == rq->idle) {
		if (rq->timer_armed)
			sbi_set_timer(~0ULL);
		rq->timer_armed = false;
	} else {
		sbi_set_timer(get_cycles() + SCHED_SLICE_TICKS);
		rq->timer_armed = true;
	}
}

static struct task_struct *context_switch(struct rq *rq, struct task_struct *prev,
					  struct task_struct *next)
{
	(void)rq;
	switch_mm(prev->active_mm, next->active_mm);
	switch_to(prev, next, prev);
	barrier();
	return prev;
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *next;

	if (list_empty(&rq->queue))
		return rq->idle;
	next = list_first_entry(&rq->queue, struct task_struct, run_list);
	dequeue_task(rq, next);
	return next;
}

static void __schedule(void)
{
	struct rq *rq = &runqueue;
	struct task_struct *prev = rq->curr, *next;

	if (unlikely(*end_of_stack(prev) != STACK_END_MAGIC))
		panic("corrupted stack end detected inside scheduler");
	clear_tsk_need_resched(prev);
	if (prev->__state == TASK_RUNNING) {
		if (prev != rq->idle)
			enqueue_task(rq, prev);		/* preempted or yielding */
		prev->nivcsw++;
	} else {
		prev->nvcsw++;				/* going to sleep */
	}
	next = pick_next_task(rq);
	arm_slice_timer(rq, next);
	if (likely(prev != next)) {
		rq->curr = next;
		rq->nr_switches++;
		prev = context_switch(rq, prev, next);
		finish_task_switch(prev);
	}
}

asmlinkage void schedule(void)
{
	__schedule();
}

void __noreturn do_task_dead(void)
{
	current->__state = TASK_DEAD;
	__schedule();
	BUG();
}

/* The timer says the slice is over. */
void scheduler_tick(void)
{
	struct rq *rq = &runqueue;

	rq->timer_armed = false;
	if (rq->curr != rq->idle)
		set_tsk_need_resched(rq->curr);
}

SYSCALL_DEFINE0(sched_yield)
{
	schedule();
	return 0;
}

/*
 * The idle loop (kernel/sched/idle.c).  wfi wakes up when an enabled
 * interrupt is pending even with sstatus.SIE off, so there is no window
 * in which a wakeup could be missed; the interrupt is then taken by
 * briefly enabling interrupts.
 */
static void do_idle(void)
{
	while (!need_resched()) {
		wait_for_interrupt();
		local_irq_enable();
		local_irq_disable();
	}
	__schedule();
}

void __noreturn cpu_startup_entry(void)
{
	for (;;)
		do_idle();
}

void __init sched_init(void)
{
	struct rq *rq = &runqueue;

	INIT_LIST_HEAD(&rq->queue);
	rq->curr = rq->idle = &init_task;
	init_task.flags |= PF_IDLE;
}
