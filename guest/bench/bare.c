// SPDX-License-Identifier: MIT
/*
 * The benchmark bare-metal: M-mode, no MMU, output on the UART, exit
 * status through the test finisher (0 = every checksum matched).
 * bench_rounds_wanted may be patched in the ELF (scripts/bench.js does).
 */
#include <stdint.h>
#include <rvlab/board.h>
#include "kernels.h"

volatile uint32_t bench_rounds_wanted = BENCH_DEFAULT_ROUNDS;

#define UART ((volatile uint8_t *)BOARD_UART0_BASE)

static void putch(char c)
{
	while (!(UART[5] & 0x20))
		;
	UART[0] = (uint8_t)c;
}

static void puts_(const char *s)
{
	while (*s)
		putch(*s++);
}

static void putdec(uint32_t v)
{
	char b[12];
	int n = 0;

	do b[n++] = (char)('0' + v % 10); while (v /= 10);
	while (n)
		putch(b[--n]);
}

static void puthex(uint32_t v)
{
	puts_("0x");
	for (int i = 28; i >= 0; i -= 4)
		putch("0123456789abcdef"[(v >> i) & 15]);
}

static void report(const char *name, uint32_t got, uint32_t want)
{
	puts_("bench: ");
	puts_(name);
	puts_(" checksum ");
	puthex(got);
	puts_(", want ");
	puthex(want);
	puts_("\n");
}

int main(void)
{
	uint32_t rounds = bench_rounds_wanted;
	int bad;

	bench_init();
	bad = bench_rounds(rounds, report);
	puts_("bench: ");
	putdec(BENCH_KERNELS);
	puts_(" kernels x ");
	putdec(rounds);
	puts_(" rounds: ");
	puts_(bad ? "FAILED\n" : "ok\n");
	return bad ? 1 : 0;
}
