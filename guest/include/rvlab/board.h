/* SPDX-License-Identifier: MIT */
/*
 * The QEMU "virt" board as rvlab emulates it.  This is the only file, with
 * the syscall numbers in uapi/, that firmware, kernel and user space share.
 * Physical addresses; usable from C and from assembly.
 */
#ifndef RVLAB_BOARD_H
#define RVLAB_BOARD_H

#define BOARD_DRAM_BASE		0x80000000
#define BOARD_KERNEL_PHYS	0x80200000	/* where QEMU and rvlab load the kernel */

#define BOARD_TEST_BASE		0x00100000	/* SiFive test finisher */
#define  BOARD_TEST_PASS	0x5555		/* power off */
#define  BOARD_TEST_RESET	0x7777		/* reboot */
#define  BOARD_TEST_FAIL	0x3333		/* (code << 16) | FAIL: exit code */

#define BOARD_CLINT_BASE	0x02000000
#define BOARD_CLINT_MTIMECMP	0x02004000	/* hart 0 */
#define BOARD_CLINT_MTIME	0x0200bff8
#define BOARD_TIMEBASE_HZ	10000000	/* 10 MHz */

#define BOARD_PLIC_BASE		0x0c000000
#define BOARD_PLIC_SIZE		0x00400000
#define BOARD_PLIC_CTX_S	1		/* hart 0, S-mode */

#define BOARD_UART0_BASE	0x10000000	/* 16550A */
#define BOARD_UART0_IRQ		10

#endif
