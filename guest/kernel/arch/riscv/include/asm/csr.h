/* SPDX-License-Identifier: MIT */
/* Supervisor CSRs and their bits (arch/riscv/include/asm/csr.h). */
#ifndef _ASM_RISCV_CSR_H
#define _ASM_RISCV_CSR_H

#define SR_SIE		0x00000002UL	/* supervisor interrupt enable */
#define SR_SPIE		0x00000020UL	/* previous SIE */
#define SR_SPP		0x00000100UL	/* previously supervisor */
#define SR_FS		0x00006000UL	/* floating point: off, we have none */
#define SR_SUM		0x00040000UL	/* supervisor may access user memory */
#define SR_IE		SR_SIE
#define SR_PIE		SR_SPIE
#define SR_PP		SR_SPP

#define SATP_MODE_39	0x8000000000000000UL
#define SATP_PPN	0x00000FFFFFFFFFFFUL

#define CAUSE_IRQ_FLAG	(1UL << 63)

#define IRQ_S_SOFT	1
#define IRQ_S_TIMER	5
#define IRQ_S_EXT	9

#define EXC_INST_MISALIGNED	0
#define EXC_INST_ACCESS		1
#define EXC_INST_ILLEGAL	2
#define EXC_BREAKPOINT		3
#define EXC_LOAD_MISALIGNED	4
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_MISALIGNED	6
#define EXC_STORE_ACCESS	7
#define EXC_SYSCALL		8
#define EXC_HYPERVISOR_SYSCALL	9
#define EXC_SUPERVISOR_SYSCALL	10
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15

#define IE_SIE		(1UL << IRQ_S_SOFT)
#define IE_TIE		(1UL << IRQ_S_TIMER)
#define IE_EIE		(1UL << IRQ_S_EXT)

#define CSR_SSTATUS	0x100
#define CSR_SIE		0x104
#define CSR_STVEC	0x105
#define CSR_SCOUNTEREN	0x106
#define CSR_SSCRATCH	0x140
#define CSR_SEPC	0x141
#define CSR_SCAUSE	0x142
#define CSR_STVAL	0x143
#define CSR_SIP		0x144
#define CSR_SATP	0x180

#define CSR_STATUS	CSR_SSTATUS
#define CSR_IE		CSR_SIE
#define CSR_TVEC	CSR_STVEC
#define CSR_SCRATCH	CSR_SSCRATCH
#define CSR_EPC		CSR_SEPC
#define CSR_CAUSE	CSR_SCAUSE
#define CSR_TVAL	CSR_STVAL
#define CSR_IP		CSR_SIP

#ifndef __ASSEMBLY__

#define __ASM_STR(x)	#x

#define csr_read(csr) ({ unsigned long __v; \
	__asm__ __volatile__ ("csrr %0, " __ASM_STR(csr) : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__ ("csrw " __ASM_STR(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__ ("csrs " __ASM_STR(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ __volatile__ ("csrc " __ASM_STR(csr) ", %0" :: "rK"(__v) : "memory"); })

#endif
#endif
