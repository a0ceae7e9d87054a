// SPDX-License-Identifier: MIT
/*
 * /bin/bench: the benchmark as a user program (U-mode, Sv39), started by
 * MenuOS's "bench [ROUNDS]" command.  Exit status 0 = every checksum matched.
 */
#include <stdio.h>
#include <stdlib.h>
#include "kernels.h"

static void report(const char *name, uint32_t got, uint32_t want)
{
	printf("bench: %s checksum 0x%08x, want 0x%08x\n", name, (unsigned)got, (unsigned)want);
}

int main(int argc, char *argv[])
{
	uint32_t rounds = BENCH_DEFAULT_ROUNDS;
	int bad;

	if (argc > 1)
		rounds = (uint32_t)atoi(argv[1]);
	bench_init();
	bad = bench_rounds(rounds, report);
	printf("bench: %d kernels x %u rounds: %s\n", BENCH_KERNELS, (unsigned)rounds, bad ? "FAILED" : "ok");
	return bad ? 1 : 0;
}
