/* SPDX-License-Identifier: MIT */
/*
 * rvlab's CPU-bound benchmark: integer, memory and branch-heavy kernels,
 * each returning a checksum of its work.  The same file is built bare-metal
 * (bare.c, for -bios none) and as a MenuOS user program (user.c).
 */
#ifndef BENCH_KERNELS_H
#define BENCH_KERNELS_H

#include <stdint.h>

struct bench_kernel {
	const char *name;
	uint32_t (*run)(void);
	uint32_t want;		/* the checksum every round must produce */
};

#define BENCH_KERNELS 6
extern const struct bench_kernel bench_kernels[BENCH_KERNELS];

/* Iterations when nobody says otherwise (about 635 million instructions). */
#define BENCH_DEFAULT_ROUNDS 100

/* Build the inputs (deterministic); call once before the rounds. */
void bench_init(void);

/* Run `rounds` rounds of every kernel; returns the number of checksum
 * mismatches, and reports each through `report` (may be NULL). */
int bench_rounds(uint32_t rounds,
		 void (*report)(const char *name, uint32_t got, uint32_t want));

#endif
