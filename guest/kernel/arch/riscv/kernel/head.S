/* SPDX-License-Identifier: MIT */
/*
 * The kernel's first instructions (arch/riscv/kernel/head.S).
 *
 * The firmware jumps here, at physical 0x80200000, in S-mode with the MMU
 * off, a0 = hartid and a1 = the device tree.  The image is linked at
 * 0xffffffff80000000, so until the MMU is on only PC-relative addressing
 * works: that is what -mcmodel=medany gives the C code of setup_vm().
 *
 *   1. clear .bss, take init_task's stack (still physical);
 *   2. setup_vm() builds swapper_pg_dir: the kernel image high, the
 *      linear map of DRAM, the devices, and — for the next few
 *      instructions only — DRAM at its own physical address;
 *   3. turn on Sv39 and jump to the high alias of the next instruction;
 *   4. switch gp, sp, tp to their virtual values, install the trap
 *      vector and call start_kernel(), which never returns.
 */
#include <asm/asm.h>
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/thread_info.h>

	.section .head.text, "ax"
ENTRY(_start)
	csrw	CSR_IE, zero
	csrw	CSR_IP, zero
	/* The time and instruction counters are readable from user mode. */
	li	t0, 7
	csrw	CSR_SCOUNTEREN, t0

	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop

	/* Clear .bss: init_task, its stack and the page tables live there. */
	lla	t0, __bss_start
	lla	t1, __bss_stop
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	lla	sp, init_stack + THREAD_SIZE
	mv	s0, a0			/* hartid */
	mv	s1, a1			/* device tree, physical */
	mv	a0, s1
	call	setup_vm

	/* Turn on the MMU: the identity map keeps this fetch stream alive. */
	lla	a0, swapper_pg_dir
	srli	a0, a0, PAGE_SHIFT
	li	a1, SATP_MODE_39
	or	a0, a0, a1
	sfence.vma
	csrw	CSR_SATP, a0

	/* Continue at the same instruction's kernel virtual address. */
	li	t0, KERNEL_VA_PA_OFFSET
	lla	t1, .Lvirtual
	add	t1, t1, t0
	jr	t1
.Lvirtual:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, init_stack + THREAD_SIZE
	la	tp, init_task
	la	t0, handle_exception
	csrw	CSR_TVEC, t0
	csrw	CSR_SCRATCH, zero	/* we are in the kernel */
	mv	a0, s0
	mv	a1, s1
	tail	start_kernel
ENDPROC(_start)
