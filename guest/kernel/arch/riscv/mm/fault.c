// SPDX-License-Identifier: MIT
/*
 * Page faults (arch/riscv/mm/fault.c).
 *
 * The only fault the kernel resolves is a user store to a copy-on-write
 * page.  Any other user fault is a bad access: SIGSEGV, with SEGV_ACCERR
 * if the page is mapped for the user but not for this kind of access,
 * SEGV_MAPERR if user space has no page there (including any kernel
 * address).  A fault in kernel mode is a kernel bug.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/mm.h>
#include <asm/ptrace.h>
#include <asm/csr.h>

void __noreturn die(struct pt_regs *regs, const char *str);

static const char *fault_name(unsigned long cause)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT: return "instruction page fault";
	case EXC_LOAD_PAGE_FAULT: return "load page fault";
	default: return "store page fault";
	}
}

static bool access_ok_for(pte_t pte, unsigned long cause)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT: return pte & _PAGE_EXEC;
	case EXC_LOAD_PAGE_FAULT: return pte & _PAGE_READ;
	default: return pte & _PAGE_WRITE;
	}
}

asmlinkage void do_page_fault(struct pt_regs *regs);
asmlinkage void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr, cause = regs->cause;
	struct mm_struct *mm = current->mm;
	pte_t *ptep = NULL;
	int code = SEGV_MAPERR;

	if (!user_mode(regs)) {
		pr_err("Unable to handle kernel paging request at virtual address %016lx\n", addr);
		die(regs, fault_name(cause));
	}

	if (mm)
		ptep = walk_page_table(mm->pgd, addr, false);
	if (ptep && pte_present(*ptep) && (*ptep & _PAGE_USER)) {
		if (cause == EXC_STORE_PAGE_FAULT && (*ptep & _PAGE_COW) &&
		    do_wp_page(mm, addr & PAGE_MASK, ptep) == 0)
			return;			/* copy-on-write done: retry the store */
		if (access_ok_for(*ptep, cause)) {
			/* a stale TLB entry: the page table already allows it */
			local_flush_tlb_page(addr);
			return;
		}
		code = SEGV_ACCERR;
	}
	force_sig_fault(SIGSEGV, code, addr, fault_name(cause));
}
