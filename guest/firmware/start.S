/* SPDX-License-Identifier: MIT */
/*
 * rvlab-sbi entry and M-mode trap vector.
 *
 * The board's reset code jumps here in M-mode with a0 = hartid and
 * a1 = the device tree.  We set up a stack, clear .bss and let fw_main()
 * (C) configure the hart and mret into the kernel.
 *
 * Once the kernel runs, M-mode is only entered through traps: ecalls from
 * S-mode (SBI calls) and the machine timer interrupt.  mscratch holds the
 * top of the M-mode stack so that the trap vector can switch stacks with
 * a single csrrw, without touching any S-mode register first.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	csrw	mie, zero
	csrw	mip, zero
	/* Only hart 0 boots: the virt board as rvlab emulates it has one. */
	bnez	a0, .Lpark

	.option push
	.option norelax
	lla	sp, _fw_stack_top
	.option pop
	csrw	mscratch, sp

	/* Clear .bss (a0/a1 are preserved). */
	lla	t0, _bss_start
	lla	t1, _bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	lla	t0, fw_trap_vector
	csrw	mtvec, t0
	tail	fw_main			/* fw_main(hartid, dtb) never returns */

.Lpark:
	wfi
	j	.Lpark

/*
 * Used only while fw_main() probes optional CSRs: skip the (4-byte CSR)
 * instruction that trapped.  mscratch is borrowed; fw_main resets it.
 */
	.text
	.align	2
	.globl	fw_skip_trap
fw_skip_trap:
	csrw	mscratch, t0
	csrr	t0, mepc
	addi	t0, t0, 4
	csrw	mepc, t0
	csrr	t0, mscratch
	mret

/*
 * Trap frame: x1..x31 at offset 8*n (x0's slot is unused), so C sees
 * struct fw_regs with regs->x[n] == register n.
 */
	.text
	.align	2
	.globl	fw_trap_vector
fw_trap_vector:
	csrrw	sp, mscratch, sp	/* sp = M stack, mscratch = interrupted sp */
	addi	sp, sp, -256
	sd	x1, 8(sp)
	sd	x3, 24(sp)
	sd	x4, 32(sp)
	sd	x5, 40(sp)
	sd	x6, 48(sp)
	sd	x7, 56(sp)
	sd	x8, 64(sp)
	sd	x9, 72(sp)
	sd	x10, 80(sp)
	sd	x11, 88(sp)
	sd	x12, 96(sp)
	sd	x13, 104(sp)
	sd	x14, 112(sp)
	sd	x15, 120(sp)
	sd	x16, 128(sp)
	sd	x17, 136(sp)
	sd	x18, 144(sp)
	sd	x19, 152(sp)
	sd	x20, 160(sp)
	sd	x21, 168(sp)
	sd	x22, 176(sp)
	sd	x23, 184(sp)
	sd	x24, 192(sp)
	sd	x25, 200(sp)
	sd	x26, 208(sp)
	sd	x27, 216(sp)
	sd	x28, 224(sp)
	sd	x29, 232(sp)
	sd	x30, 240(sp)
	sd	x31, 248(sp)
	csrr	t0, mscratch
	sd	t0, 16(sp)

	mv	a0, sp
	call	sbi_trap_handler

	ld	x1, 8(sp)
	ld	x3, 24(sp)
	ld	x4, 32(sp)
	ld	x5, 40(sp)
	ld	x6, 48(sp)
	ld	x7, 56(sp)
	ld	x8, 64(sp)
	ld	x9, 72(sp)
	ld	x10, 80(sp)
	ld	x11, 88(sp)
	ld	x12, 96(sp)
	ld	x13, 104(sp)
	ld	x14, 112(sp)
	ld	x15, 120(sp)
	ld	x16, 128(sp)
	ld	x17, 136(sp)
	ld	x18, 144(sp)
	ld	x19, 152(sp)
	ld	x20, 160(sp)
	ld	x21, 168(sp)
	ld	x22, 176(sp)
	ld	x23, 184(sp)
	ld	x24, 192(sp)
	ld	x25, 200(sp)
	ld	x26, 208(sp)
	ld	x27, 216(sp)
	ld	x28, 224(sp)
	ld	x29, 232(sp)
	ld	x30, 240(sp)
	ld	x31, 248(sp)
	addi	sp, sp, 256
	csrrw	sp, mscratch, sp	/* back to the interrupted sp */
	mret
