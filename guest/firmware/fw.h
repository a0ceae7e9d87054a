/* SPDX-License-Identifier: MIT */
/* rvlab-sbi: what the firmware's C files share. */
#ifndef FW_H
#define FW_H

#include <stdint.h>
#include <rvlab/board.h>

#define csr_read(csr) ({ unsigned long __v; \
	__asm__ volatile ("csrr %0, " #csr : "=r"(__v)); __v; })
#define csr_write(csr, val) \
	__asm__ volatile ("csrw " #csr ", %0" :: "rK"((unsigned long)(val)))
#define csr_set(csr, val) \
	__asm__ volatile ("csrs " #csr ", %0" :: "rK"((unsigned long)(val)))
#define csr_clear(csr, val) \
	__asm__ volatile ("csrc " #csr ", %0" :: "rK"((unsigned long)(val)))

#define MSTATUS_MPP_MASK	(3UL << 11)
#define MSTATUS_MPP_S		(1UL << 11)
#define MSTATUS_MPIE		(1UL << 7)

#define MIP_SSIP		(1UL << 1)
#define MIP_STIP		(1UL << 5)
#define MIP_MTIP		(1UL << 7)
#define MIP_SEIP		(1UL << 9)

#define MCAUSE_INTR		(1UL << 63)
#define IRQ_M_TIMER		7
#define EXC_ECALL_S		9

/* The trap frame built by fw_trap_vector: x[n] is register xn. */
struct fw_regs {
	unsigned long x[32];
};
#define REG_A0	10
#define REG_A1	11
#define REG_A6	16
#define REG_A7	17

struct sbiret {
	long error;
	long value;
};

/* uart.c */
void uart_init(void);
void uart_putc(int c);
int uart_getc(void);
void uart_puts(const char *s);
void uart_puthex(unsigned long v);

/* sbi.c */
struct sbiret sbi_ecall_handler(unsigned long eid, unsigned long fid,
				unsigned long a0, unsigned long a1,
				unsigned long a2);
void sbi_timer_interrupt(void);
void __attribute__((noreturn)) sbi_system_reset(unsigned long type,
						unsigned long reason);

#endif
