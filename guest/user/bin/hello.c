// SPDX-License-Identifier: MIT
/* /bin/hello: what exec gives a program: argv, pid, parent. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	printf("hello: pid %d, ppid %d, argv:", getpid(), getppid());
	for (int i = 0; i < argc; i++)
		printf(" \"%s\"", argv[i]);
	printf("\n");
	return 0;
}
