/* SPDX-License-Identifier: MIT */
#ifndef _ASM_RISCV_MMU_CONTEXT_H
#define _ASM_RISCV_MMU_CONTEXT_H

#include <asm/csr.h>
#include <asm/pgtable.h>
#include <linux/mm_types.h>

/*
 * One address space at a time and no ASIDs: switching means writing satp
 * and flushing the whole TLB.  Kernel threads run on init_mm.
 */
static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	if (prev == next)
		return;
	csr_write(CSR_SATP, PFN_DOWN(__pa(next->pgd)) | SATP_MODE_39);
	local_flush_tlb_all();
}

#endif
