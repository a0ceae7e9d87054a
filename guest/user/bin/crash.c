// SPDX-License-Identifier: MIT
/*
 * /bin/crash null|illegal|kernel: a program that faults on purpose.
 *   null     store to address 0          -> SIGSEGV (store page fault)
 *   illegal  execute an illegal opcode   -> SIGILL
 *   kernel   jump to the kernel's text   -> SIGSEGV (instruction page fault)
 * The kernel prints one line about it and kills the process.
 */
#include <stdio.h>
#include <string.h>

/*
 * The illegal instruction sits in its own section, placed right after
 * crt0 by user.lds, so that its address (in the kernel's message) does
 * not move when the rest of the program changes.
 */
void crash_illegal(void);
__asm__(".section .text.crash, \"ax\"\n"
	".globl crash_illegal\n"
	"crash_illegal:\n"
	"	.4byte 0\n"		/* all-zero: defined illegal */
	"	ret\n"
	".previous\n");

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "null"))
		*(volatile int *)0 = 42;
	else if (!strcmp(what, "illegal"))
		crash_illegal();
	else if (!strcmp(what, "kernel"))
		((void (*)(void))0xffffffff80000000UL)();
	else
		printf("usage: crash null|illegal|kernel\n");
	printf("crash: survived \"%s\"?!\n", what);
	return 1;
}
