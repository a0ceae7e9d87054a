// SPDX-License-Identifier: MIT
/*
 * From start_kernel() to /init (init/main.c).
 *
 * As in Linux, rest_init() creates process 1 with user_mode_thread()
 * (a kernel thread, kernel_init, that becomes the first user process by
 * exec'ing /init) and then kthreadd (pid 2); pid 0 becomes the idle task.
 * Both go through kernel_clone -> copy_process -> dup_task_struct ->
 * copy_thread: arm your breakpoints after the prompt if you only want to
 * see user space forks.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/signal.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/pid.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/tty.h>
#include <linux/irq.h>
#include <linux/binfmts.h>
#include <linux/completion.h>
#include <linux/of_fdt.h>
#include <uapi/linux/sched.h>

void setup_arch(void);
void set_child_reaper(struct task_struct *init);

static const char linux_banner[] =
	"Linux version 6.1.0-rvlab (rvlab teaching kernel: Linux 6.1's fork path) #1\n";

static const char *argv_init[] = { "/init", NULL };
static const char *envp_init[] = { "HOME=/", "TERM=linux", NULL };

static DECLARE_COMPLETION(kthreadd_done);

/* pid 2.  Linux's kthreadd creates kernel threads on request; ours only sleeps. */
static int kthreadd(void *unused)
{
	(void)unused;
	__set_task_comm(current, "kthreadd");
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	return 0;
}

static int run_init_process(const char *init_filename)
{
	argv_init[0] = init_filename;
	pr_info("Run %s as init process\n", init_filename);
	return kernel_execve(init_filename, argv_init, envp_init);
}

static void __init kernel_init_freeable(void)
{
	int err = populate_rootfs();

	if (err)
		pr_err("initramfs unpacking failed: %d\n", err);
	/* Open /dev/console on the rootfs: fds 0, 1, 2 */
	fd_install_console(current->files);
}

/* pid 1: a kernel thread until run_init_process() succeeds. */
static int kernel_init(void *unused)
{
	int ret;

	(void)unused;
	/* Wait until kthreadd is all set-up. */
	wait_for_completion(&kthreadd_done);
	kernel_init_freeable();
	set_child_reaper(current);
	current->signal->flags |= SIGNAL_UNKILLABLE;

	ret = run_init_process("/init");
	if (!ret)
		return 0;	/* to user space, through ret_from_kernel_thread */
	pr_err("Failed to execute /init (error %d)\n", ret);
	panic("No working init found.");
}

static noinline void __noreturn rest_init(void)
{
	/*
	 * We need to spawn init first so that it obtains pid 1, however
	 * the init task will end up wanting to create kthreads, which, if
	 * we schedule it before we create kthreadd, will OOPS.
	 */
	user_mode_thread(kernel_init, NULL, CLONE_FS);
	kernel_thread(kthreadd, NULL, CLONE_FS | CLONE_FILES);
	complete(&kthreadd_done);

	/* The boot idle thread must execute schedule() at least once to get things moving. */
	schedule();
	cpu_startup_entry();
}

void __init start_kernel(void)
{
	*end_of_stack(&init_task) = STACK_END_MAGIC;
	setup_arch();
	pr_info("%s", linux_banner);
	if (boot_command_line[0])
		pr_info("Kernel command line: %s\n", boot_command_line);

	mem_init();
	kmem_cache_init();
	pr_info("Memory: %luK/%luK available\n", nr_free_pages() * (PAGE_SIZE / 1024),
		memory_size / 1024);
	sched_init();
	pid_idr_init();
	fork_init();
	cred_init();
	tty_init();
	time_init();
	plic_init();
	serial8250_init();
	rest_init();
}
