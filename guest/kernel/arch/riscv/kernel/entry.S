/* SPDX-License-Identifier: MIT */
/*
 * Trap entry and exit, context switch, and the first steps of a new task
 * (arch/riscv/kernel/entry.S, as in Linux 6.1).
 *
 * stvec = handle_exception for every trap.  While a task runs in user mode
 * sscratch holds its task_struct pointer; in the kernel sscratch is 0 and
 * tp is the task.  So the csrrw below tells where we came from.
 */
#include <asm/asm.h>
#include <asm/csr.h>
#include <asm/thread_info.h>
#include <generated/asm-offsets.h>
#include <uapi/asm-generic/unistd.h>

	.text
ENTRY(handle_exception)
	/*
	 * If coming from user space, sscratch is the task: swap it into tp
	 * (the user's tp goes to sscratch).  From the kernel, tp is 0 now.
	 */
	csrrw	tp, CSR_SCRATCH, tp
	bnez	tp, _save_context

_restore_kernel_tpsp:
	csrr	tp, CSR_SCRATCH
	REG_S	sp, TASK_TI_KERNEL_SP(tp)	/* trap in the kernel: keep using this stack */
_save_context:
	REG_S	sp, TASK_TI_USER_SP(tp)
	REG_L	sp, TASK_TI_KERNEL_SP(tp)
	addi	sp, sp, -(PT_SIZE_ON_STACK)
	REG_S	x1,  PT_RA(sp)
	REG_S	x3,  PT_GP(sp)
	REG_S	x5,  PT_T0(sp)
	REG_S	x6,  PT_T1(sp)
	REG_S	x7,  PT_T2(sp)
	REG_S	x8,  PT_S0(sp)
	REG_S	x9,  PT_S1(sp)
	REG_S	x10, PT_A0(sp)
	REG_S	x11, PT_A1(sp)
	REG_S	x12, PT_A2(sp)
	REG_S	x13, PT_A3(sp)
	REG_S	x14, PT_A4(sp)
	REG_S	x15, PT_A5(sp)
	REG_S	x16, PT_A6(sp)
	REG_S	x17, PT_A7(sp)
	REG_S	x18, PT_S2(sp)
	REG_S	x19, PT_S3(sp)
	REG_S	x20, PT_S4(sp)
	REG_S	x21, PT_S5(sp)
	REG_S	x22, PT_S6(sp)
	REG_S	x23, PT_S7(sp)
	REG_S	x24, PT_S8(sp)
	REG_S	x25, PT_S9(sp)
	REG_S	x26, PT_S10(sp)
	REG_S	x27, PT_S11(sp)
	REG_S	x28, PT_T3(sp)
	REG_S	x29, PT_T4(sp)
	REG_S	x30, PT_T5(sp)
	REG_S	x31, PT_T6(sp)

	/* The kernel never touches user memory directly: SUM stays off. */
	li	t0, SR_SUM | SR_FS
	REG_L	s0, TASK_TI_USER_SP(tp)
	csrrc	s1, CSR_STATUS, t0
	csrr	s2, CSR_EPC
	csrr	s3, CSR_TVAL
	csrr	s4, CSR_CAUSE
	csrr	s5, CSR_SCRATCH
	REG_S	s0, PT_SP(sp)
	REG_S	s1, PT_STATUS(sp)
	REG_S	s2, PT_EPC(sp)
	REG_S	s3, PT_BADADDR(sp)
	REG_S	s4, PT_CAUSE(sp)
	REG_S	s5, PT_TP(sp)

	/* In the kernel now: a nested trap must see sscratch == 0. */
	csrw	CSR_SCRATCH, x0

	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop

	la	ra, ret_from_exception
	/* MSB of cause: interrupt (bge on the sign of cause) */
	bge	s4, zero, 1f
	move	a0, sp				/* pt_regs */
	tail	do_irq
1:
	/* Syscalls run with the saved a0..a7 still in the registers. */
	li	t0, EXC_SYSCALL
	beq	s4, t0, handle_syscall

	/* Other exceptions: excp_vect_table[cause](regs) */
	slli	t0, s4, RISCV_LGPTR
	la	t1, excp_vect_table
	la	t2, excp_vect_table_end
	move	a0, sp				/* pt_regs */
	add	t0, t1, t0
	bgeu	t0, t2, 1f
	REG_L	t0, 0(t0)
	jr	t0
1:
	tail	do_trap_unknown

handle_syscall:
	/* save the initial A0 value (needed in signal handlers) */
	REG_S	a0, PT_ORIG_A0(sp)
	/*
	 * Advance SEPC to avoid executing the original scall instruction on
	 * sret.  Done before the call so that a child created by clone
	 * copies pt_regs that already point past its parent's ecall.
	 */
	addi	s2, s2, 0x4
	REG_S	s2, PT_EPC(sp)
check_syscall_nr:
	/* Check to make sure we don't jump to a bogus syscall number. */
	li	t0, __NR_syscalls
	la	s0, sys_ni_syscall
	bgeu	a7, t0, 1f
	la	s0, sys_call_table
	slli	t0, a7, RISCV_LGPTR
	add	s0, s0, t0
	REG_L	s0, 0(s0)
1:
	jalr	s0

ret_from_syscall:
	/* Set user a0 to kernel a0 */
	REG_S	a0, PT_A0(sp)

ret_from_exception:
	REG_L	s0, PT_STATUS(sp)
	csrc	CSR_STATUS, SR_IE
	andi	s0, s0, SR_SPP
	bnez	s0, resume_kernel

resume_userspace:
	/* Interrupts are off here, so the flags are checked atomically. */
	REG_L	s0, TASK_TI_FLAGS(tp)	/* current_thread_info->flags */
	andi	s1, s0, _TIF_WORK_MASK
	bnez	s1, work_pending

	/* Save unwound kernel stack pointer in thread_info */
	addi	s0, sp, PT_SIZE_ON_STACK
	REG_S	s0, TASK_TI_KERNEL_SP(tp)

	/* Save TP into the scratch register, so we can find the kernel data structures again. */
	csrw	CSR_SCRATCH, tp

restore_all:
	REG_L	a0, PT_STATUS(sp)
	/*
	 * The current load reservation is effectively part of the
	 * processor's state: clear it with a dummy store-conditional.
	 */
	REG_L	a2, PT_EPC(sp)
	REG_SC	x0, a2, PT_EPC(sp)

	csrw	CSR_STATUS, a0
	csrw	CSR_EPC, a2

	REG_L	x1,  PT_RA(sp)
	REG_L	x3,  PT_GP(sp)
	REG_L	x4,  PT_TP(sp)
	REG_L	x5,  PT_T0(sp)
	REG_L	x6,  PT_T1(sp)
	REG_L	x7,  PT_T2(sp)
	REG_L	x8,  PT_S0(sp)
	REG_L	x9,  PT_S1(sp)
	REG_L	x10, PT_A0(sp)
	REG_L	x11, PT_A1(sp)
	REG_L	x12, PT_A2(sp)
	REG_L	x13, PT_A3(sp)
	REG_L	x14, PT_A4(sp)
	REG_L	x15, PT_A5(sp)
	REG_L	x16, PT_A6(sp)
	REG_L	x17, PT_A7(sp)
	REG_L	x18, PT_S2(sp)
	REG_L	x19, PT_S3(sp)
	REG_L	x20, PT_S4(sp)
	REG_L	x21, PT_S5(sp)
	REG_L	x22, PT_S6(sp)
	REG_L	x23, PT_S7(sp)
	REG_L	x24, PT_S8(sp)
	REG_L	x25, PT_S9(sp)
	REG_L	x26, PT_S10(sp)
	REG_L	x27, PT_S11(sp)
	REG_L	x28, PT_T3(sp)
	REG_L	x29, PT_T4(sp)
	REG_L	x30, PT_T5(sp)
	REG_L	x31, PT_T6(sp)

	REG_L	x2,  PT_SP(sp)
	sret

resume_kernel:
	/* The kernel is not preemptible: just go back. */
	j	restore_all

work_pending:
	/* Enter slow path for supplementary processing */
	la	ra, ret_from_exception
	andi	s1, s0, _TIF_NEED_RESCHED
	bnez	s1, work_resched
work_notifysig:
	/* Handle pending signals (here: the fatal ones) */
	move	a0, sp				/* pt_regs */
	move	a1, s0				/* current_thread_info->flags */
	tail	do_notify_resume
work_resched:
	tail	schedule
ENDPROC(handle_exception)

/*
 * A forked user task starts here, on its first __switch_to (thread.ra):
 * finish the switch, then return to user space through the pt_regs that
 * copy_thread copied from the parent (with a0 = 0).
 */
ENTRY(ret_from_fork)
	la	ra, ret_from_exception
	tail	schedule_tail
ENDPROC(ret_from_fork)

/*
 * A kernel thread starts here: schedule_tail(prev), then fn(arg) with
 * fn in s0 and arg in s1 (set by copy_thread).  If fn returns — as
 * kernel_init does after a successful execve — we go to user space.
 */
ENTRY(ret_from_kernel_thread)
	call	schedule_tail
	/* Call fn(arg) */
	la	ra, ret_from_exception
	move	a0, s1
	jr	s0
ENDPROC(ret_from_kernel_thread)

/*
 * Integer register context switch
 * The callee-saved registers must be saved and restored.
 *
 *   a0: previous task_struct (must be preserved across the switch)
 *   a1: next task_struct
 *
 * The value of a0 and a1 must be preserved by this function, as that's how
 * arguments are passed to schedule_tail.
 */
ENTRY(__switch_to)
	/* Save context into prev->thread */
	li	a4,  TASK_THREAD_RA
	add	a3, a0, a4
	add	a4, a1, a4
	REG_S	ra,  TASK_THREAD_RA - TASK_THREAD_RA(a3)
	REG_S	sp,  TASK_THREAD_SP - TASK_THREAD_RA(a3)
	REG_S	s0,  TASK_THREAD_S0 - TASK_THREAD_RA(a3)
	REG_S	s1,  TASK_THREAD_S1 - TASK_THREAD_RA(a3)
	REG_S	s2,  TASK_THREAD_S2 - TASK_THREAD_RA(a3)
	REG_S	s3,  TASK_THREAD_S3 - TASK_THREAD_RA(a3)
	REG_S	s4,  TASK_THREAD_S4 - TASK_THREAD_RA(a3)
	REG_S	s5,  TASK_THREAD_S5 - TASK_THREAD_RA(a3)
	REG_S	s6,  TASK_THREAD_S6 - TASK_THREAD_RA(a3)
	REG_S	s7,  TASK_THREAD_S7 - TASK_THREAD_RA(a3)
	REG_S	s8,  TASK_THREAD_S8 - TASK_THREAD_RA(a3)
	REG_S	s9,  TASK_THREAD_S9 - TASK_THREAD_RA(a3)
	REG_S	s10, TASK_THREAD_S10 - TASK_THREAD_RA(a3)
	REG_S	s11, TASK_THREAD_S11 - TASK_THREAD_RA(a3)
	/* Restore context from next->thread */
	REG_L	ra,  TASK_THREAD_RA - TASK_THREAD_RA(a4)
	REG_L	sp,  TASK_THREAD_SP - TASK_THREAD_RA(a4)
	REG_L	s0,  TASK_THREAD_S0 - TASK_THREAD_RA(a4)
	REG_L	s1,  TASK_THREAD_S1 - TASK_THREAD_RA(a4)
	REG_L	s2,  TASK_THREAD_S2 - TASK_THREAD_RA(a4)
	REG_L	s3,  TASK_THREAD_S3 - TASK_THREAD_RA(a4)
	REG_L	s4,  TASK_THREAD_S4 - TASK_THREAD_RA(a4)
	REG_L	s5,  TASK_THREAD_S5 - TASK_THREAD_RA(a4)
	REG_L	s6,  TASK_THREAD_S6 - TASK_THREAD_RA(a4)
	REG_L	s7,  TASK_THREAD_S7 - TASK_THREAD_RA(a4)
	REG_L	s8,  TASK_THREAD_S8 - TASK_THREAD_RA(a4)
	REG_L	s9,  TASK_THREAD_S9 - TASK_THREAD_RA(a4)
	REG_L	s10, TASK_THREAD_S10 - TASK_THREAD_RA(a4)
	REG_L	s11, TASK_THREAD_S11 - TASK_THREAD_RA(a4)
	/* The offset of thread_info in task_struct is zero. */
	move	tp, a1
	ret
ENDPROC(__switch_to)

	.section ".rodata"
	.align	LGREG
	/* Exception vector table */
ENTRY(excp_vect_table)
	.dword	do_trap_insn_misaligned
	.dword	do_trap_insn_fault
	.dword	do_trap_insn_illegal
	.dword	do_trap_break
	.dword	do_trap_load_misaligned
	.dword	do_trap_load_fault
	.dword	do_trap_store_misaligned
	.dword	do_trap_store_fault
	.dword	do_trap_ecall_u		/* system call, gets intercepted */
	.dword	do_trap_ecall_s
	.dword	do_trap_unknown
	.dword	do_trap_ecall_m
	.dword	do_page_fault		/* instruction page fault */
	.dword	do_page_fault		/* load page fault */
	.dword	do_trap_unknown
	.dword	do_page_fault		/* store page fault */
excp_vect_table_end:
END(excp_vect_table)
