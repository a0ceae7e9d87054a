// SPDX-License-Identifier: MIT
/*
 * Polled 16550A driver: all the firmware needs for the legacy console
 * calls and its own messages.  The kernel has its own, interrupt-driven,
 * driver for the same UART.
 */
#include "fw.h"

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_LSR	5
#define  UART_LSR_DR	0x01	/* a received byte is waiting */
#define  UART_LSR_THRE	0x20	/* the transmitter can take a byte */

static volatile uint8_t *const uart = (volatile uint8_t *)BOARD_UART0_BASE;

void uart_init(void)
{
	uart[UART_IER] = 0x00;		/* no interrupts: polled */
	uart[UART_LCR] = 0x80;		/* DLAB, to set the divisor */
	uart[0] = 0x01;			/* divisor low: fastest rate */
	uart[1] = 0x00;			/* divisor high */
	uart[UART_LCR] = 0x03;		/* 8 data bits, no parity, 1 stop bit */
	uart[UART_FCR] = 0x07;		/* enable and clear both FIFOs */
}

void uart_putc(int c)
{
	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[UART_THR] = (uint8_t)c;
}

int uart_getc(void)
{
	if (!(uart[UART_LSR] & UART_LSR_DR))
		return -1;
	return uart[UART_RBR];
}

void uart_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

void uart_puthex(unsigned long v)
{
	uart_puts("0x");
	for (int shift = 60; shift >= 0; shift -= 4)
		uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}
