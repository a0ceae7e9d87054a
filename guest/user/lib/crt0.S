/* SPDX-License-Identifier: MIT */
/*
 * Program entry.  The kernel starts us with sp pointing at argc, then
 * argv[], NULL, envp[], NULL, auxv (the ELF ABI); everything else zero.
 */
#include <uapi/asm-generic/unistd.h>

	.section .text.start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	mv	a0, sp
	andi	sp, sp, -16
	call	__libc_start_main	/* never returns */
	unimp
	.size	_start, . - _start
