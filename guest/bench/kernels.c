// SPDX-License-Identifier: MIT
/*
 * The benchmark kernels.  Everything is fixed-width integer arithmetic with
 * no undefined or implementation-defined behaviour, so the checksums are the
 * same on any host (they were computed on x86-64 and checked on QEMU).
 */
#include "kernels.h"

/*
 * Sixteen functions that never run, between the kernels (so on the same
 * pages): scripts/bench.js arms a breakpoint on each of them to measure
 * what armed-but-unhit breakpoints cost.
 */
#define COLD(n) \
	uint32_t bench_cold_##n(uint32_t x); \
	__attribute__((noinline)) uint32_t bench_cold_##n(uint32_t x) \
	{ \
		return (x ^ (0x9e3779b9u * (n + 1))) + (x >> (n % 7 + 1)); \
	}
COLD(0) COLD(1) COLD(2) COLD(3)

/* xorshift32: the inputs' only source of "randomness". */
static uint32_t rng_state;
static uint32_t rng(void)
{
	uint32_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

/* --- CRC-32 (IEEE 802.3, reflected, table-driven) over 32 KiB --- */
#define CRC_BYTES 32768
static uint8_t crc_buf[CRC_BYTES];
static uint32_t crc_table[256];

static uint32_t k_crc32(void)
{
	uint32_t crc = 0xffffffffu;

	for (uint32_t i = 0; i < CRC_BYTES; i++)
		crc = crc_table[(crc ^ crc_buf[i]) & 0xff] ^ (crc >> 8);
	return ~crc;
}

COLD(4) COLD(5) COLD(6) COLD(7)

/* --- Sieve of Eratosthenes up to 200000 --- */
#define SIEVE_N 200000
static uint8_t sieve[SIEVE_N];

static uint32_t k_sieve(void)
{
	uint32_t count = 0, sum = 0;

	for (uint32_t i = 0; i < SIEVE_N; i++)
		sieve[i] = 1;
	sieve[0] = sieve[1] = 0;
	for (uint32_t i = 2; i * i < SIEVE_N; i++)
		if (sieve[i])
			for (uint32_t j = i * i; j < SIEVE_N; j += i)
				sieve[j] = 0;
	for (uint32_t i = 0; i < SIEVE_N; i++)
		if (sieve[i]) {
			count++;
			sum += i;
		}
	return count * 0x9e3779b1u + sum;
}

/* --- Quicksort of 10000 words (Hoare partition, insertion sort below 16) --- */
#define SORT_N 10000
static uint32_t sort_src[SORT_N], sort_buf[SORT_N];

static void insertion_sort(uint32_t *a, long n)
{
	for (long i = 1; i < n; i++) {
		uint32_t v = a[i];
		long j = i - 1;

		while (j >= 0 && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static void quicksort(uint32_t *a, long n)
{
	while (n > 16) {
		uint32_t p = a[n / 2];
		long i = -1, j = n;

		for (;;) {
			do i++; while (a[i] < p);
			do j--; while (a[j] > p);
			if (i >= j)
				break;
			uint32_t t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		/* Recurse into the smaller half, loop on the larger. */
		if (j + 1 < n - j - 1) {
			quicksort(a, j + 1);
			a += j + 1;
			n -= j + 1;
		} else {
			quicksort(a + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	insertion_sort(a, n);
}

static uint32_t k_qsort(void)
{
	uint32_t h = 0;

	for (long i = 0; i < SORT_N; i++)
		sort_buf[i] = sort_src[i];
	quicksort(sort_buf, SORT_N);
	for (long i = 0; i < SORT_N; i++) {
		if (i && sort_buf[i - 1] > sort_buf[i])
			return 0;	/* not sorted */
		h = (h ^ sort_buf[i]) * 0x01000193u;
	}
	return h;
}

COLD(8) COLD(9) COLD(10) COLD(11)

/* --- 40x40 integer matrix multiply --- */
#define MAT_N 40
static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static uint32_t k_matmul(void)
{
	uint32_t sum = 0;

	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++) {
			int64_t acc = 0;

			for (int k = 0; k < MAT_N; k++)
				acc += (int64_t)mat_a[i][k] * mat_b[k][j];
			mat_c[i][j] = (int32_t)(uint32_t)(uint64_t)acc;
		}
	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++)
			sum += (uint32_t)mat_c[i][j] * (uint32_t)(i * MAT_N + j + 1);
	return sum;
}

/* --- Open-addressing hash table: 3000 inserts, 6000 lookups (64-bit keys, MUL and REMU) --- */
#define HASH_SLOTS 4099		/* prime */
#define HASH_KEYS 3000
static uint64_t hash_keys[HASH_SLOTS];
static uint32_t hash_vals[HASH_SLOTS];
static uint64_t hash_input[HASH_KEYS];

static uint32_t k_hash(void)
{
	uint32_t found = 0, sum = 0;

	for (uint32_t i = 0; i < HASH_SLOTS; i++)
		hash_keys[i] = 0;
	for (uint32_t i = 0; i < HASH_KEYS; i++) {
		uint64_t k = hash_input[i];
		uint64_t s = (k * 0x9e3779b97f4a7c15ull) % HASH_SLOTS;

		while (hash_keys[s] != 0 && hash_keys[s] != k)
			s = s + 1 == HASH_SLOTS ? 0 : s + 1;
		hash_keys[s] = k;
		hash_vals[s] = i;
	}
	for (uint32_t i = 0; i < 2 * HASH_KEYS; i++) {
		/* Every other probe is a key that was inserted. */
		uint64_t k = (i & 1) ? hash_input[i / 2] : hash_input[i / 2] ^ 0x5555;
		uint64_t s = (k * 0x9e3779b97f4a7c15ull) % HASH_SLOTS;

		while (hash_keys[s] != 0) {
			if (hash_keys[s] == k) {
				found++;
				sum += hash_vals[s];
				break;
			}
			s = s + 1 == HASH_SLOTS ? 0 : s + 1;
		}
	}
	return found * 0x10001u + sum;
}

COLD(12) COLD(13) COLD(14) COLD(15)

/* --- Byte strings: a naive substring search and a byte histogram --- */
#define TEXT_BYTES 8192
static uint8_t text[TEXT_BYTES];

static uint32_t k_strings(void)
{
	static const uint8_t pat[] = "abcab";
	uint32_t hits = 0, hist[4] = { 0, 0, 0, 0 };

	for (uint32_t i = 0; i + 5 <= TEXT_BYTES; i++) {
		uint32_t j = 0;

		while (j < 5 && text[i + j] == pat[j])
			j++;
		if (j == 5)
			hits++;
	}
	for (uint32_t i = 0; i < TEXT_BYTES; i++)
		hist[text[i] - 'a']++;
	return hits * 0x1000193u + hist[0] * 3 + hist[1] * 5 + hist[2] * 7 + hist[3] * 11;
}

void bench_init(void)
{
	rng_state = 2463534242u;
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	for (uint32_t i = 0; i < CRC_BYTES; i++)
		crc_buf[i] = (uint8_t)rng();
	for (uint32_t i = 0; i < SORT_N; i++)
		sort_src[i] = rng();
	for (int i = 0; i < MAT_N; i++)
		for (int j = 0; j < MAT_N; j++) {
			mat_a[i][j] = (int32_t)(rng() % 2001) - 1000;
			mat_b[i][j] = (int32_t)(rng() % 2001) - 1000;
		}
	for (uint32_t i = 0; i < HASH_KEYS; i++)
		hash_input[i] = ((uint64_t)rng() << 32 | rng()) | 1;
	for (uint32_t i = 0; i < TEXT_BYTES; i++)
		text[i] = (uint8_t)('a' + rng() % 3 + (rng() % 16 == 0));
}

const struct bench_kernel bench_kernels[BENCH_KERNELS] = {
	{ "crc32", k_crc32, 0x84259b0bu },
	{ "sieve", k_sieve, 0x1f0b426du },
	{ "qsort", k_qsort, 0xc5b503bdu },
	{ "matmul", k_matmul, 0xda797f46u },
	{ "hash", k_hash, 0x0bfcaffcu },
	{ "strings", k_strings, 0x1a00cdd6u },
};

int bench_rounds(uint32_t rounds,
		 void (*report)(const char *name, uint32_t got, uint32_t want))
{
	int bad = 0;

	for (uint32_t r = 0; r < rounds; r++)
		for (int k = 0; k < BENCH_KERNELS; k++) {
			uint32_t got = bench_kernels[k].run();

			if (got != bench_kernels[k].want) {
				bad++;
				if (report)
					report(bench_kernels[k].name, got, bench_kernels[k].want);
			}
		}
	return bad;
}
