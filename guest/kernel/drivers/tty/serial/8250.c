// SPDX-License-Identifier: MIT
/*
 * The board's 16550A UART (drivers/tty/serial/8250/, much reduced).
 * Output is polled: a byte at a time, waiting for the transmitter.
 * Input is interrupt-driven: "received data available" raises PLIC
 * source 10, and the handler passes each byte to the tty layer.
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <asm/io.h>

#define UART_RX		0	/* In:  receive buffer */
#define UART_TX		0	/* Out: transmit buffer */
#define UART_IER	1	/* Out: interrupt enable register */
#define  UART_IER_RDI	0x01	/* enable receiver data interrupt */
#define UART_FCR	2	/* Out: FIFO control register */
#define UART_MCR	4	/* Out: modem control register */
#define  UART_MCR_OUT2	0x08
#define  UART_MCR_RTS	0x02
#define  UART_MCR_DTR	0x01
#define UART_LSR	5	/* In:  line status register */
#define  UART_LSR_DR	0x01	/* receiver data ready */
#define  UART_LSR_THRE	0x20	/* transmit-hold-register empty */

/* Usable as soon as the MMU is on: the IO mapping comes from setup_vm(). */
static u8 __iomem *const port = (u8 __iomem *)(IO_VIRT_BASE + BOARD_UART0_BASE);

void serial8250_putchar(int c)
{
	while (!(readb(port + UART_LSR) & UART_LSR_THRE))
		;
	writeb((u8)c, port + UART_TX);
}

void __init serial8250_init(void)
{
	/* Drain what arrived before we listened, then ask for RX interrupts. */
	while (readb(port + UART_LSR) & UART_LSR_DR)
		(void)readb(port + UART_RX);
	writeb(0x07, port + UART_FCR);
	writeb(UART_MCR_OUT2 | UART_MCR_RTS | UART_MCR_DTR, port + UART_MCR);
	writeb(UART_IER_RDI, port + UART_IER);
}

void serial8250_interrupt(void)
{
	while (readb(port + UART_LSR) & UART_LSR_DR)
		tty_receive_char(readb(port + UART_RX));
}
