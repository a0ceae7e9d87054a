// SPDX-License-Identifier: MIT
/*
 * fork, vfork, clone, kernel threads (kernel/fork.c).
 *
 * The path a student follows from user space, as in Linux 6.1 on RISC-V:
 *
 *   ecall (a7 = 220) -> handle_exception -> sys_clone (== __se_sys_clone)
 *     -> kernel_clone()
 *          -> copy_process()
 *               flag checks (-EINVAL)
 *               dup_task_struct()       task_struct + kernel stack
 *               copy_creds(), task limit (-EAGAIN)
 *               sched_fork()            TASK_NEW
 *               copy_files() copy_fs() copy_sighand() copy_signal()
 *               copy_mm() -> dup_mm() -> dup_mmap()  copy-on-write
 *               copy_thread()           arch/riscv/kernel/process.c
 *               alloc_pid()             the pid comes last
 *               links: parent, children/sibling, task list
 *          CLONE_PARENT_SETTID, wake_up_new_task(), CLONE_VFORK wait
 *   ...and the child's first run: __switch_to -> ret_from_fork
 *        -> schedule_tail() -> ret_from_exception -> user mode, a0 = 0.
 *
 * Every function on that path is __fork_path: a real, un-inlined symbol.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/signal.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/pid.h>
#include <linux/cred.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/futex.h>
#include <uapi/linux/sched.h>
#include <asm/mmu_context.h>

int nr_threads;			/* The idle threads do not count.. */
int max_threads = 64;		/* tunable limit on nr_threads */
unsigned long total_forks;	/* Handle normal Linux uptimes. */

static struct kmem_cache *task_struct_cachep;
static struct kmem_cache *sighand_cachep;
static struct kmem_cache *signal_cachep;
static struct kmem_cache *files_cachep;
static struct kmem_cache *fs_cachep;
static struct kmem_cache *mm_cachep;

/* --- task_struct and its stack --- */

static void set_task_stack_end_magic(struct task_struct *tsk)
{
	*end_of_stack(tsk) = STACK_END_MAGIC;	/* for overflow detection */
}

void put_task_stack(struct task_struct *tsk)
{
	if (tsk->stack) {
		free_pages((unsigned long)tsk->stack, THREAD_SIZE_ORDER);
		tsk->stack = NULL;
	}
}

static void free_task(struct task_struct *tsk)
{
	put_task_stack(tsk);
	exit_creds(tsk);
	kmem_cache_free(task_struct_cachep, tsk);
}

void put_task_struct(struct task_struct *t)
{
	if (refcount_dec_and_test(&t->usage))
		free_task(t);
}

/*
 * A copy of orig's task_struct with a stack of its own.  Two references:
 * one dropped when the task is switched out for the last time, one when
 * it is reaped (release_task).
 */
static __fork_path struct task_struct *dup_task_struct(struct task_struct *orig, int node)
{
	struct task_struct *tsk;
	unsigned long stack;

	(void)node;
	tsk = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);
	if (!tsk)
		return NULL;
	stack = __get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!stack) {
		kmem_cache_free(task_struct_cachep, tsk);
		return NULL;
	}
	*tsk = *orig;			/* arch_dup_task_struct */
	tsk->stack = (void *)stack;
	set_task_stack_end_magic(tsk);
	clear_tsk_need_resched(tsk);
	tsk->thread_info.flags = 0;
	refcount_set(&tsk->usage, 2);
	return tsk;
}

/* --- the parts a child may share or copy --- */

static __fork_path int copy_files(unsigned long clone_flags, struct task_struct *tsk)
{
	struct files_struct *oldf = current->files, *newf;
	int error = 0;

	if (!oldf)
		return 0;
	if (clone_flags & CLONE_FILES) {
		atomic_inc(&oldf->count);
		return 0;
	}
	newf = dup_fd(oldf, &error);
	if (!newf)
		return error;
	tsk->files = newf;
	return 0;
}

struct files_struct *dup_fd(struct files_struct *oldf, int *errorp)
{
	struct files_struct *newf = kmem_cache_alloc(files_cachep, GFP_KERNEL);

	if (!newf) {
		*errorp = -ENOMEM;
		return NULL;
	}
	atomic_set(&newf->count, 1);
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		newf->fd_array[fd] = oldf->fd_array[fd];
		if (newf->fd_array[fd])
			get_file(newf->fd_array[fd]);
	}
	return newf;
}

void put_files_struct(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	for (int fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (files->fd_array[fd])
			fput(files->fd_array[fd]);
	if (files != &init_files)
		kmem_cache_free(files_cachep, files);
}

static __fork_path int copy_fs(unsigned long clone_flags, struct task_struct *tsk)
{
	struct fs_struct *fs = current->fs;

	if (clone_flags & CLONE_FS) {
		fs->users++;
		return 0;
	}
	tsk->fs = copy_fs_struct(fs);
	return tsk->fs ? 0 : -ENOMEM;
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kmem_cache_alloc(fs_cachep, GFP_KERNEL);

	if (fs) {
		*fs = *old;
		fs->users = 1;
	}
	return fs;
}

void free_fs_struct(struct fs_struct *fs)
{
	if (fs != &init_fs)
		kmem_cache_free(fs_cachep, fs);
}

static __fork_path int copy_sighand(unsigned long clone_flags, struct task_struct *tsk)
{
	struct sighand_struct *sig;

	if (clone_flags & CLONE_SIGHAND) {
		refcount_inc(&current->sighand->count);
		return 0;
	}
	sig = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	refcount_set(&sig->count, 1);
	memcpy(sig->action, current->sighand->action, sizeof(sig->action));
	tsk->sighand = sig;
	return 0;
}

void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (refcount_dec_and_test(&sighand->count) && sighand != &init_sighand)
		kmem_cache_free(sighand_cachep, sighand);
}

static __fork_path int copy_signal(unsigned long clone_flags, struct task_struct *tsk)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD)
		return 0;		/* threads share current->signal */
	sig = kmem_cache_zalloc(signal_cachep, GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	tsk->signal = sig;
	sig->nr_threads = 1;
	atomic_set(&sig->live, 1);
	refcount_set(&sig->sig_cnt, 1);
	INIT_LIST_HEAD(&sig->thread_head);
	init_waitqueue_head(&sig->wait_chldexit);
	return 0;
}

void put_signal_struct(struct signal_struct *sig)
{
	if (refcount_dec_and_test(&sig->sig_cnt) && sig != &init_signals)
		kmem_cache_free(signal_cachep, sig);
}

/* --- address spaces --- */

/* A new mm whose page table maps the kernel and nothing else. */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);
	pgd_t *pgd;

	if (!mm)
		return NULL;
	pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);
	if (!pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	memcpy(pgd + USER_PTRS_PER_PGD, swapper_pg_dir + USER_PTRS_PER_PGD,
	       (PTRS_PER_PGD - USER_PTRS_PER_PGD) * sizeof(pgd_t));
	mm->pgd = pgd;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	return mm;
}

void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count)) {
		free_page((unsigned long)mm->pgd);
		kmem_cache_free(mm_cachep, mm);
	}
}

/* The last user of an address space is gone: free its pages (exit_mmap). */
void mmput(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_users)) {
		free_pgtables(mm);
		mmdrop(mm);
	}
}

static void complete_vfork_done(struct task_struct *tsk)
{
	struct completion *vfork = tsk->vfork_done;

	if (vfork) {
		tsk->vfork_done = NULL;
		complete(vfork);
	}
}

/*
 * The task lets go of mm (exit or exec).  CLONE_CHILD_CLEARTID: if
 * somebody else still uses the mm (a thread), clear the tid word and wake
 * a futex waiter on it — that is how pthread_join learns of the exit.
 * CLONE_VFORK: let the parent run again.
 */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	if (tsk->clear_child_tid) {
		if (mm && atomic_read(&mm->mm_users) > 1) {
			put_user_int(0, tsk->clear_child_tid);
			futex_wake(mm, (unsigned long)tsk->clear_child_tid, 1);
		}
		tsk->clear_child_tid = NULL;
	}
	if (tsk->vfork_done)
		complete_vfork_done(tsk);
}

/* What Linux does per VMA; here the whole user half at once. */
static __fork_path int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	return copy_page_range(mm, oldmm);
}

static __fork_path struct mm_struct *dup_mm(struct task_struct *tsk, struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	pgd_t *pgd;

	(void)tsk;
	if (!mm)
		return NULL;
	pgd = mm->pgd;
	*mm = *oldmm;			/* brk, code and stack bounds, ... */
	mm->pgd = pgd;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	mm->total_vm = 0;
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

static __fork_path int copy_mm(unsigned long clone_flags, struct task_struct *tsk)
{
	struct mm_struct *mm, *oldmm = current->mm;

	tsk->mm = NULL;
	tsk->active_mm = &init_mm;
	/* Are we cloning a kernel thread?  We need not copy anything then. */
	if (!oldmm)
		return 0;
	if (clone_flags & CLONE_VM) {
		atomic_inc(&oldmm->mm_users);	/* mmget */
		mm = oldmm;
	} else {
		mm = dup_mm(tsk, current->mm);
		if (!mm)
			return -ENOMEM;
	}
	tsk->mm = mm;
	tsk->active_mm = mm;
	return 0;
}

/* --- copy_process and kernel_clone --- */

/*
 * This creates a new process as a copy of the old one, but does not
 * actually start it yet.  It copies the registers, and all the
 * appropriate parts of the process environment (as per the clone flags).
 * The actual kick-off is left to the caller.
 */
__fork_path struct task_struct *copy_process(struct pid *pid, int trace, int node,
					     struct kernel_clone_args *args)
{
	int retval;
	struct task_struct *p;
	const u64 clone_flags = args->flags;

	(void)trace;
	/* The checks of Linux 6.1, in its order. */
	if ((clone_flags & (CLONE_NEWNS|CLONE_FS)) == (CLONE_NEWNS|CLONE_FS))
		return ERR_PTR(-EINVAL);
	if ((clone_flags & (CLONE_NEWUSER|CLONE_FS)) == (CLONE_NEWUSER|CLONE_FS))
		return ERR_PTR(-EINVAL);
	/* Thread groups must share signals as well. */
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return ERR_PTR(-EINVAL);
	/* Shared signal handlers imply shared VM. */
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return ERR_PTR(-EINVAL);
	/* Siblings of global init would stay zombies: init may not have them. */
	if ((clone_flags & CLONE_PARENT) &&
	    current->signal->flags & SIGNAL_UNKILLABLE)
		return ERR_PTR(-EINVAL);
	if (clone_flags & CLONE_PIDFD) {
		if (clone_flags & (CLONE_DETACHED | CLONE_THREAD))
			return ERR_PTR(-EINVAL);
	}
	/* rvlab has no namespaces and no pidfds: refuse rather than ignore. */
	if (clone_flags & (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |
			   CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP | CLONE_PIDFD))
		return ERR_PTR(-EINVAL);

	retval = -ENOMEM;
	p = dup_task_struct(current, node);
	if (!p)
		goto fork_out;

	p->flags &= ~(PF_IDLE | PF_KTHREAD | PF_EXITING);
	p->flags |= PF_FORKNOEXEC;
	if (args->kthread)
		p->flags |= PF_KTHREAD;
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? args->child_tid : NULL;
	/* Clear TID on mm_release()? */
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? args->child_tid : NULL;

	retval = copy_creds(p, clone_flags);
	if (retval < 0) {
		p->real_cred = p->cred = NULL;	/* still the parent's */
		goto bad_fork_free;
	}

	retval = -EAGAIN;
	if (nr_threads >= max_threads)
		goto bad_fork_cleanup_count;

	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->thread_group);
	INIT_LIST_HEAD(&p->thread_node);
	p->vfork_done = NULL;
	p->pending = 0;
	p->exit_state = 0;
	p->exit_code = 0;

	/* Perform scheduler related setup. Assign this task to a CPU. */
	retval = sched_fork(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_count;

	/* copy all the process information */
	retval = copy_files(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_count;
	retval = copy_fs(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_files;
	retval = copy_sighand(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_fs;
	retval = copy_signal(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_sighand;
	retval = copy_mm(clone_flags, p);
	if (retval)
		goto bad_fork_cleanup_signal;
	/* (copy_namespaces, copy_io: nothing to copy in rvlab) */
	retval = copy_thread(p, args);
	if (retval)
		goto bad_fork_cleanup_mm;

	if (pid != &init_struct_pid) {
		pid = alloc_pid(&init_pid_ns);
		if (IS_ERR(pid)) {
			retval = PTR_ERR(pid);
			goto bad_fork_cleanup_mm;
		}
	}
	p->pid = pid_nr(pid);
	if (clone_flags & CLONE_THREAD) {
		p->group_leader = current->group_leader;
		p->tgid = current->tgid;
	} else {
		p->group_leader = p;
		p->tgid = p->pid;
	}

	/* CLONE_PARENT re-uses the old parent */
	if (clone_flags & (CLONE_PARENT|CLONE_THREAD)) {
		p->real_parent = current->real_parent;
		if (clone_flags & CLONE_THREAD)
			p->exit_signal = -1;
		else
			p->exit_signal = current->group_leader->exit_signal;
	} else {
		p->real_parent = current;
		p->exit_signal = args->exit_signal;
	}
	p->parent = p->real_parent;

	attach_pid(p, pid);
	if (thread_group_leader(p)) {
		list_add_tail(&p->sibling, &p->real_parent->children);
		list_add_tail(&p->tasks, &init_task.tasks);
	} else {
		current->signal->nr_threads++;
		atomic_inc(&current->signal->live);
		refcount_inc(&current->signal->sig_cnt);
		list_add_tail(&p->thread_group, &p->group_leader->thread_group);
	}
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	nr_threads++;
	total_forks++;
	return p;

bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm);
bad_fork_cleanup_signal:
	if (!(clone_flags & CLONE_THREAD))
		put_signal_struct(p->signal);
bad_fork_cleanup_sighand:
	__cleanup_sighand(p->sighand);
bad_fork_cleanup_fs:
	if (p->fs && --p->fs->users == 0)
		free_fs_struct(p->fs);
bad_fork_cleanup_files:
	if (p->files)
		put_files_struct(p->files);
bad_fork_cleanup_count:
bad_fork_free:
	p->__state = TASK_DEAD;
	refcount_set(&p->usage, 1);
	put_task_struct(p);
fork_out:
	return ERR_PTR(retval);
}

/* The parent of a vfork sleeps here until the child execs or exits. */
static int wait_for_vfork_done(struct task_struct *child, struct completion *vfork)
{
	int killed = wait_for_completion_killable(vfork);

	if (killed)
		child->vfork_done = NULL;
	put_task_struct(child);
	return killed;
}

/*
 *  Ok, this is the main fork-routine.
 *
 * It copies the process, and if successful kick-starts
 * it and waits for it to finish using the VM if required.
 *
 * args->exit_signal is expected to be checked for sanity by the caller.
 */
__fork_path pid_t kernel_clone(struct kernel_clone_args *args)
{
	u64 clone_flags = args->flags;
	struct completion vfork;
	struct pid *pid;
	struct task_struct *p;
	pid_t nr;

	/*
	 * For legacy clone() calls, CLONE_PIDFD uses the parent_tid argument
	 * to return the pidfd. Hence, CLONE_PIDFD and CLONE_PARENT_SETTID are
	 * mutually exclusive.
	 */
	if ((args->flags & CLONE_PIDFD) &&
	    (args->flags & CLONE_PARENT_SETTID) &&
	    (args->pidfd == args->parent_tid))
		return -EINVAL;

	p = copy_process(NULL, 0, 0, args);
	if (IS_ERR(p))
		return PTR_ERR(p);

	/*
	 * Do this prior waking up the new thread - the thread pointer
	 * might get invalid after that point, if the thread exits quickly.
	 */
	pid = p->thread_pid;
	refcount_inc(&pid->count);		/* get_task_pid */
	nr = pid_nr(pid);

	if (clone_flags & CLONE_PARENT_SETTID)
		put_user_int(nr, args->parent_tid);

	if (clone_flags & CLONE_VFORK) {
		p->vfork_done = &vfork;
		init_completion(&vfork);
		get_task_struct(p);
	}

	wake_up_new_task(p);

	if (clone_flags & CLONE_VFORK)
		wait_for_vfork_done(p, &vfork);

	put_pid(pid);
	return nr;
}

/*
 * Create a kernel thread.
 */
pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct kernel_clone_args args = {
		.flags		= ((lower_32_bits(flags) | CLONE_VM |
				    CLONE_UNTRACED) & ~CSIGNAL),
		.exit_signal	= (lower_32_bits(flags) & CSIGNAL),
		.fn		= fn,
		.fn_arg		= arg,
		.kthread	= 1,
	};

	return kernel_clone(&args);
}

/*
 * Create a user mode thread (init: a kernel thread until it execs /init).
 */
pid_t user_mode_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct kernel_clone_args args = {
		.flags		= ((lower_32_bits(flags) | CLONE_VM |
				    CLONE_UNTRACED) & ~CSIGNAL),
		.exit_signal	= (lower_32_bits(flags) & CSIGNAL),
		.fn		= fn,
		.fn_arg		= arg,
	};

	return kernel_clone(&args);
}

/*
 * clone(flags, newsp, parent_tidptr, tls, child_tidptr): the
 * CLONE_BACKWARDS argument order that RISC-V uses.  fork() is
 * clone(SIGCHLD, 0) (glibc adds CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID),
 * vfork() is clone(CLONE_VM|CLONE_VFORK|SIGCHLD, sp).
 */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		 int __user *, parent_tidptr,
		 unsigned long, tls,
		 int __user *, child_tidptr)
{
	struct kernel_clone_args args = {
		.flags		= (lower_32_bits(clone_flags) & ~CSIGNAL),
		.pidfd		= parent_tidptr,
		.child_tid	= child_tidptr,
		.parent_tid	= parent_tidptr,
		.exit_signal	= (lower_32_bits(clone_flags) & CSIGNAL),
		.stack		= newsp,
		.tls		= tls,
	};

	return kernel_clone(&args);
}

SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return task_pid_vnr(current);
}

void __init fork_init(void)
{
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct));
	sighand_cachep = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct));
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct));
	files_cachep = kmem_cache_create("files_cache", sizeof(struct files_struct));
	fs_cachep = kmem_cache_create("fs_cache", sizeof(struct fs_struct));
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct));
}
