// SPDX-License-Identifier: MIT
/*
 * Generates include/generated/asm-offsets.h (for the .S files) and
 * kernel-offsets.json (for rvlab's debugger), as Linux's asm-offsets.c
 * does: this file is only compiled to assembly, and the build extracts
 * the "->NAME value" and "=>struct field value" markers the compiler
 * wrote.  No offset is ever typed by hand.
 */
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <asm/ptrace.h>

#define DEFINE(sym, val) \
	__asm__ volatile ("\n.ascii \"->" #sym " %0 " #val "\"" : : "i" (val))
#define OFFSET(sym, str, mem)	DEFINE(sym, offsetof(struct str, mem))
/* A field for the JSON: struct name, field name (as written), offset. */
#define FIELD(str, mem) \
	__asm__ volatile ("\n.ascii \"=>" #str " " #mem " %0\"" : : "i" (offsetof(struct str, mem)))
#define SIZE(str) \
	__asm__ volatile ("\n.ascii \"=>" #str " __size %0\"" : : "i" (sizeof(struct str)))
#define CONST(name) \
	__asm__ volatile ("\n.ascii \"=>constants " #name " %0\"" : : "i" (name))

void asm_offsets(void);
void asm_offsets(void)
{
	/* For entry.S and __switch_to */
	OFFSET(TASK_TI_FLAGS, task_struct, thread_info.flags);
	OFFSET(TASK_TI_PREEMPT_COUNT, task_struct, thread_info.preempt_count);
	OFFSET(TASK_TI_KERNEL_SP, task_struct, thread_info.kernel_sp);
	OFFSET(TASK_TI_USER_SP, task_struct, thread_info.user_sp);
	OFFSET(TASK_THREAD_RA, task_struct, thread.ra);
	OFFSET(TASK_THREAD_SP, task_struct, thread.sp);
	OFFSET(TASK_THREAD_S0, task_struct, thread.s[0]);
	OFFSET(TASK_THREAD_S1, task_struct, thread.s[1]);
	OFFSET(TASK_THREAD_S2, task_struct, thread.s[2]);
	OFFSET(TASK_THREAD_S3, task_struct, thread.s[3]);
	OFFSET(TASK_THREAD_S4, task_struct, thread.s[4]);
	OFFSET(TASK_THREAD_S5, task_struct, thread.s[5]);
	OFFSET(TASK_THREAD_S6, task_struct, thread.s[6]);
	OFFSET(TASK_THREAD_S7, task_struct, thread.s[7]);
	OFFSET(TASK_THREAD_S8, task_struct, thread.s[8]);
	OFFSET(TASK_THREAD_S9, task_struct, thread.s[9]);
	OFFSET(TASK_THREAD_S10, task_struct, thread.s[10]);
	OFFSET(TASK_THREAD_S11, task_struct, thread.s[11]);

	OFFSET(PT_EPC, pt_regs, epc);
	OFFSET(PT_RA, pt_regs, ra);
	OFFSET(PT_SP, pt_regs, sp);
	OFFSET(PT_GP, pt_regs, gp);
	OFFSET(PT_TP, pt_regs, tp);
	OFFSET(PT_T0, pt_regs, t0);
	OFFSET(PT_T1, pt_regs, t1);
	OFFSET(PT_T2, pt_regs, t2);
	OFFSET(PT_S0, pt_regs, s0);
	OFFSET(PT_S1, pt_regs, s1);
	OFFSET(PT_A0, pt_regs, a0);
	OFFSET(PT_A1, pt_regs, a1);
	OFFSET(PT_A2, pt_regs, a2);
	OFFSET(PT_A3, pt_regs, a3);
	OFFSET(PT_A4, pt_regs, a4);
	OFFSET(PT_A5, pt_regs, a5);
	OFFSET(PT_A6, pt_regs, a6);
	OFFSET(PT_A7, pt_regs, a7);
	OFFSET(PT_S2, pt_regs, s2);
	OFFSET(PT_S3, pt_regs, s3);
	OFFSET(PT_S4, pt_regs, s4);
	OFFSET(PT_S5, pt_regs, s5);
	OFFSET(PT_S6, pt_regs, s6);
	OFFSET(PT_S7, pt_regs, s7);
	OFFSET(PT_S8, pt_regs, s8);
	OFFSET(PT_S9, pt_regs, s9);
	OFFSET(PT_S10, pt_regs, s10);
	OFFSET(PT_S11, pt_regs, s11);
	OFFSET(PT_T3, pt_regs, t3);
	OFFSET(PT_T4, pt_regs, t4);
	OFFSET(PT_T5, pt_regs, t5);
	OFFSET(PT_T6, pt_regs, t6);
	OFFSET(PT_STATUS, pt_regs, status);
	OFFSET(PT_BADADDR, pt_regs, badaddr);
	OFFSET(PT_CAUSE, pt_regs, cause);
	OFFSET(PT_ORIG_A0, pt_regs, orig_a0);
	/* pt_regs on the stack keeps sp 16-byte aligned */
	DEFINE(PT_SIZE_ON_STACK, ALIGN(sizeof(struct pt_regs), 16));

	/* For the host's debugger (kernel-offsets.json) */
	SIZE(task_struct);
	FIELD(task_struct, thread_info);
	FIELD(task_struct, thread_info.flags);
	FIELD(task_struct, thread_info.kernel_sp);
	FIELD(task_struct, thread_info.user_sp);
	FIELD(task_struct, __state);
	FIELD(task_struct, stack);
	FIELD(task_struct, usage);
	FIELD(task_struct, flags);
	FIELD(task_struct, on_rq);
	FIELD(task_struct, run_list);
	FIELD(task_struct, tasks);
	FIELD(task_struct, mm);
	FIELD(task_struct, active_mm);
	FIELD(task_struct, exit_state);
	FIELD(task_struct, exit_code);
	FIELD(task_struct, exit_signal);
	FIELD(task_struct, pid);
	FIELD(task_struct, tgid);
	FIELD(task_struct, real_parent);
	FIELD(task_struct, parent);
	FIELD(task_struct, children);
	FIELD(task_struct, sibling);
	FIELD(task_struct, group_leader);
	FIELD(task_struct, thread_group);
	FIELD(task_struct, thread_node);
	FIELD(task_struct, thread_pid);
	FIELD(task_struct, vfork_done);
	FIELD(task_struct, set_child_tid);
	FIELD(task_struct, clear_child_tid);
	FIELD(task_struct, real_cred);
	FIELD(task_struct, cred);
	FIELD(task_struct, comm);
	FIELD(task_struct, fs);
	FIELD(task_struct, files);
	FIELD(task_struct, signal);
	FIELD(task_struct, sighand);
	FIELD(task_struct, pending);
	FIELD(task_struct, thread);
	FIELD(task_struct, thread.ra);
	FIELD(task_struct, thread.sp);
	FIELD(task_struct, thread.s);

	SIZE(thread_info);
	FIELD(thread_info, flags);
	FIELD(thread_info, preempt_count);
	FIELD(thread_info, kernel_sp);
	FIELD(thread_info, user_sp);
	FIELD(thread_info, cpu);

	SIZE(thread_struct);
	FIELD(thread_struct, ra);
	FIELD(thread_struct, sp);
	FIELD(thread_struct, s);
	FIELD(thread_struct, bad_cause);

	SIZE(pt_regs);
	FIELD(pt_regs, epc);
	FIELD(pt_regs, ra);
	FIELD(pt_regs, sp);
	FIELD(pt_regs, gp);
	FIELD(pt_regs, tp);
	FIELD(pt_regs, t0);
	FIELD(pt_regs, t1);
	FIELD(pt_regs, t2);
	FIELD(pt_regs, s0);
	FIELD(pt_regs, s1);
	FIELD(pt_regs, a0);
	FIELD(pt_regs, a1);
	FIELD(pt_regs, a2);
	FIELD(pt_regs, a3);
	FIELD(pt_regs, a4);
	FIELD(pt_regs, a5);
	FIELD(pt_regs, a6);
	FIELD(pt_regs, a7);
	FIELD(pt_regs, s2);
	FIELD(pt_regs, s3);
	FIELD(pt_regs, s4);
	FIELD(pt_regs, s5);
	FIELD(pt_regs, s6);
	FIELD(pt_regs, s7);
	FIELD(pt_regs, s8);
	FIELD(pt_regs, s9);
	FIELD(pt_regs, s10);
	FIELD(pt_regs, s11);
	FIELD(pt_regs, t3);
	FIELD(pt_regs, t4);
	FIELD(pt_regs, t5);
	FIELD(pt_regs, t6);
	FIELD(pt_regs, status);
	FIELD(pt_regs, badaddr);
	FIELD(pt_regs, cause);
	FIELD(pt_regs, orig_a0);

	SIZE(mm_struct);
	FIELD(mm_struct, pgd);
	FIELD(mm_struct, mm_users);
	FIELD(mm_struct, mm_count);
	FIELD(mm_struct, map_count);
	FIELD(mm_struct, total_vm);
	FIELD(mm_struct, start_code);
	FIELD(mm_struct, end_code);
	FIELD(mm_struct, start_data);
	FIELD(mm_struct, end_data);
	FIELD(mm_struct, start_brk);
	FIELD(mm_struct, brk);
	FIELD(mm_struct, start_stack);
	FIELD(mm_struct, arg_start);
	FIELD(mm_struct, arg_end);
	FIELD(mm_struct, env_start);
	FIELD(mm_struct, env_end);

	SIZE(list_head);
	FIELD(list_head, next);
	FIELD(list_head, prev);

	SIZE(pid);
	FIELD(pid, count);
	FIELD(pid, nr);
	FIELD(pid, task);

	SIZE(signal_struct);
	FIELD(signal_struct, nr_threads);
	FIELD(signal_struct, flags);
	FIELD(signal_struct, group_exit_code);

	SIZE(page);
	FIELD(page, flags);
	FIELD(page, _refcount);

	CONST(THREAD_SIZE);
	CONST(TASK_COMM_LEN);
	CONST(TASK_SIZE);
	CONST(PAGE_SIZE);
	CONST(PAGE_OFFSET);
	CONST(KERNEL_LINK_ADDR);
	CONST(KERNEL_PHYS_BASE);
	CONST(PHYS_RAM_BASE);
	CONST(STACK_END_MAGIC);
	CONST(TASK_RUNNING);
	CONST(TASK_INTERRUPTIBLE);
	CONST(TASK_UNINTERRUPTIBLE);
	CONST(TASK_DEAD);
	CONST(TASK_NEW);
	CONST(EXIT_ZOMBIE);
	CONST(EXIT_DEAD);
	CONST(PF_KTHREAD);
	CONST(_TIF_NEED_RESCHED);
	CONST(_TIF_SIGPENDING);
}
