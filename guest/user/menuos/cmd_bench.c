// SPDX-License-Identifier: MIT
/* MenuOS's "bench [ROUNDS]": run the CPU benchmark (/bin/bench) as a user program. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>
#include "commands.h"

int Bench(int argc, char *argv[])
{
	char *args[] = { "bench", argc > 1 ? argv[1] : NULL, NULL };
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve("/bin/bench", args, environ);
		printf("bench: execve /bin/bench failed: %s\n", errno_name(errno));
		exit(127);
	}
	waitpid(pid, &status, 0);
	printf("bench: child %d exited with status %d\n", pid, WEXITSTATUS(status));
	return 0;
}
