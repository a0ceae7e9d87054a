/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H

struct pt_regs;
void plic_init(void);
void plic_handle_irq(void);
void do_irq(struct pt_regs *regs);
void riscv_timer_interrupt(void);
void time_init(void);

#endif
