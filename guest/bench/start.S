/* SPDX-License-Identifier: MIT */
/* Bare-metal entry (qemu -M virt -bios none / rvlab run): stack, bss, main. */
	.section .text.start, "ax"
	.globl	_start
_start:
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	lla	sp, _stack_top
	lla	t0, _bss_start
	lla	t1, _bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	main
	/* main returned its status: the test finisher ends the run with it. */
	li	t0, 0x100000
	li	t1, 0x5555
	beqz	a0, 3f
	slli	a0, a0, 16
	li	t1, 0x3333
	or	t1, t1, a0
3:	sw	t1, 0(t0)
4:	wfi
	j	4b
