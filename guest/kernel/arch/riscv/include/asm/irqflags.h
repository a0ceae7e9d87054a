/* SPDX-License-Identifier: MIT */
/*
 * The kernel runs with interrupts off (sstatus.SIE = 0) except in the
 * idle loop: a non-preemptible kernel on one hart needs no locks.  User
 * mode is always interruptible.
 */
#ifndef _ASM_RISCV_IRQFLAGS_H
#define _ASM_RISCV_IRQFLAGS_H

#include <asm/csr.h>

static inline void local_irq_enable(void) { csr_set(CSR_STATUS, SR_IE); }
static inline void local_irq_disable(void) { csr_clear(CSR_STATUS, SR_IE); }

#endif
