// SPDX-License-Identifier: MIT
/*
 * The platform-level interrupt controller (drivers/irqchip/irq-sifive-plic.c).
 * One source matters: the UART (10), routed to hart 0's S-mode context.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/tty.h>
#include <asm/io.h>
#include <asm/csr.h>

#define PRIORITY_BASE		0x0
#define CONTEXT_ENABLE_BASE	0x2000
#define CONTEXT_ENABLE_SIZE	0x80
#define CONTEXT_BASE		0x200000
#define CONTEXT_SIZE		0x1000
#define CONTEXT_THRESHOLD	0x00
#define CONTEXT_CLAIM		0x04

static u8 __iomem *plic_regs;

static u8 __iomem *plic_ctx(void)
{
	return plic_regs + CONTEXT_BASE + BOARD_PLIC_CTX_S * CONTEXT_SIZE;
}

void __init plic_init(void)
{
	u32 __iomem *enable;

	plic_regs = ioremap(BOARD_PLIC_BASE, BOARD_PLIC_SIZE);
	writel(1, plic_regs + PRIORITY_BASE + 4 * BOARD_UART0_IRQ);
	enable = (u32 __iomem *)(plic_regs + CONTEXT_ENABLE_BASE +
				 BOARD_PLIC_CTX_S * CONTEXT_ENABLE_SIZE);
	writel(1U << (BOARD_UART0_IRQ % 32), enable + BOARD_UART0_IRQ / 32);
	writel(0, plic_ctx() + CONTEXT_THRESHOLD);
	csr_set(CSR_IE, IE_EIE);
}

/* Claim, handle, complete, until nothing is pending. */
void plic_handle_irq(void)
{
	u32 hwirq;

	while ((hwirq = readl(plic_ctx() + CONTEXT_CLAIM))) {
		if (hwirq == BOARD_UART0_IRQ)
			serial8250_interrupt();
		else
			pr_warn("plic: unexpected irq %u\n", hwirq);
		writel(hwirq, plic_ctx() + CONTEXT_CLAIM);
	}
}
