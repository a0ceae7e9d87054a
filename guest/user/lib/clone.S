/* SPDX-License-Identifier: MIT */
/*
 * clone() and vfork() must be written in assembly (as glibc does).
 *
 * clone: the child starts on a new stack and cannot return into C code
 * whose frame is on the parent's stack, so fn and arg travel on the new
 * stack and the child calls fn(arg), then exit(result).
 *
 * vfork: the child borrows the parent's stack until it execs or exits,
 * so this function must not touch the stack at all between the ecall and
 * its return.
 */
#include <uapi/asm-generic/unistd.h>
#include <uapi/linux/sched.h>

/* int clone(int (*fn)(void *), void *stack, int flags, void *arg,
 *           pid_t *parent_tid, void *tls, pid_t *child_tid) */
	.text
	.globl	clone
	.type	clone, @function
clone:
	andi	a1, a1, -16		/* align the child's stack */
	addi	a1, a1, -16
	sd	a0, 0(a1)		/* fn */
	sd	a3, 8(a1)		/* arg */
	/* CLONE_BACKWARDS: clone(flags, newsp, parent_tid, tls, child_tid) */
	mv	a0, a2
	mv	a2, a4
	mv	a3, a5
	mv	a4, a6
	li	a7, __NR_clone
	ecall
	beqz	a0, .Lthread_start
	tail	__syscall_ret		/* parent: tid, or -1 and errno */
.Lthread_start:
	ld	a1, 0(sp)
	ld	a0, 8(sp)
	jalr	a1			/* fn(arg) */
	li	a7, __NR_exit		/* just this thread */
	ecall
	unimp
	.size	clone, . - clone

/* pid_t vfork(void) */
	.globl	vfork
	.type	vfork, @function
vfork:
	li	a0, CLONE_VM | CLONE_VFORK | 17	/* SIGCHLD */
	mv	a1, sp
	li	a7, __NR_clone
	ecall
	tail	__syscall_ret
	.size	vfork, . - vfork
