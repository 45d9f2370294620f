/*
 * prng.h — a deterministic pseudo-random generator for generated corpora.
 *
 * xorshift64* with a fixed seed per test: every run checks the same values,
 * so a failure reproduces, and no libc rand() state is shared.
 */
#ifndef YIWANG_TEST_PRNG_H
#define YIWANG_TEST_PRNG_H

#include <stdint.h>
#include <string.h>

typedef struct prng
{
	uint64_t	state;			/* never zero */
} prng;

static inline prng
prng_seeded(uint64_t seed)
{
	prng		generator = {seed ? seed : UINT64_C(0x9E3779B97F4A7C15)};

	return generator;
}

static inline uint64_t
prng_next(prng *generator)
{
	uint64_t	x = generator->state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	generator->state = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

/* Uniform enough in [0, bound) for test data (bound is small). */
static inline uint32_t
prng_below(prng *generator, uint32_t bound)
{
	return (uint32_t) ((prng_next(generator) >> 32) % bound);
}

/* One character of an alphabet. */
static inline char
prng_pick(prng *generator, const char *alphabet)
{
	return alphabet[prng_below(generator, (uint32_t) strlen(alphabet))];
}

#endif
