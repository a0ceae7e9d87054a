/* SPDX-License-Identifier: MIT */
#ifndef _ASM_RISCV_TIMEX_H
#define _ASM_RISCV_TIMEX_H

typedef unsigned long cycles_t;

/* The time CSR: the CLINT's mtime, 10 MHz on this board. */
static inline cycles_t get_cycles(void)
{
	unsigned long t;
	__asm__ __volatile__ ("rdtime %0" : "=r"(t));
	return t;
}

static inline unsigned long get_instret(void)
{
	unsigned long n;
	__asm__ __volatile__ ("rdinstret %0" : "=r"(n));
	return n;
}

#endif
