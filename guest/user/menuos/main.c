// SPDX-License-Identifier: MIT
/*
 * /init: MenuOS, the shell of the fork lab.
 *
 *   /init            the interactive menu (what the kernel runs as pid 1)
 *   /init CMD ARGS   run one command and exit (used to compare with Linux
 *                    under qemu-riscv64, where these same sources build)
 */
#include <stdio.h>
#include <stdlib.h>
#include "menu.h"
#include "commands.h"

static void banner(void)
{
	printf("\n"
	       " __  __                   ___  ____  \n"
	       "|  \\/  | ___ _ __  _   _ / _ \\/ ___| \n"
	       "| |\\/| |/ _ \\ '_ \\| | | | | | \\___ \\ \n"
	       "| |  | |  __/ | | | |_| | |_| |___) |\n"
	       "|_|  |_|\\___|_| |_|\\__,_|\\___/|____/ \n"
	       "\n"
	       "MenuOS on rvlab: the Linux 6.1 fork lab. Type help for the commands.\n"
	       "\n");
}

int main(int argc, char *argv[])
{
	SetPrompt("MenuOS>>");
	MenuConfig("version", "MenuOS V1.0 (rvlab, the fork path of Linux 6.1)", NULL);
	MenuConfig("quit", "power off (SBI system reset)", Quit);
	MenuConfig("fork-new", "Fork a new process", ForkProcess);
	MenuConfig("fork-puzzle", "fork twice after a buffered printf: count the + and -", ForkPuzzle);
	MenuConfig("vfork-demo", "vfork shares the parent's memory, fork copies it", VforkDemo);
	MenuConfig("thread-demo", "a CLONE_VM|CLONE_THREAD thread shares memory", ThreadDemo);
	MenuConfig("preempt-demo", "a thread that never yields is preempted by the timer", PreemptDemo);
	MenuConfig("clone-check", "invalid clone flag combinations fail with -EINVAL", CloneCheck);
	MenuConfig("fork-limit", "fork until -EAGAIN, then reap every child", ForkLimit);
	MenuConfig("cow-demo", "copy-on-write: a child's writes copy pages, the parent's stay", CowDemo);
	MenuConfig("exec", "fork and execve /bin/hello", Exec);
	MenuConfig("ps", "list the tasks", Ps);
	MenuConfig("meminfo", "show free memory", MemInfo);
	MenuConfig("crash-null", "run a program that writes through a NULL pointer", CrashNull);
	MenuConfig("crash-illegal", "run a program that executes an illegal instruction", CrashIllegal);
	MenuConfig("crash-kernel", "run a program that jumps into kernel memory", CrashKernel);
	MenuConfig("bench", "run the CPU benchmark as a user program: bench [ROUNDS]", Bench);

	if (argc > 1)
		return RunCommand(argc - 1, argv + 1) ? 1 : 0;
	banner();
	ExecuteMenu();
	return 0;
}
