/*
 * The generator's own random numbers: xoshiro256** seeded through
 * splitmix64 (Blackman and Vigna).  Integer arithmetic only, so the same
 * seed gives the same numbers on every machine and C library; rand() and
 * floating point are never used.
 *
 * Every patient and every table has a stream of its own, derived from the
 * seed, the patient number and a stream number: patient 17 is the same
 * whatever --patients says, and a change in how one table is made does
 * not shift the numbers of another.
 */
#ifndef SC_RNG_H
#define SC_RNG_H

#include <stdbool.h>
#include <stdint.h>

struct sc_rng {
	uint64_t s[4];
};

/* splitmix64: the next output of the sequence with state *x. */
uint64_t sc_splitmix64(uint64_t *x);
/* The stream of one patient (numbered from 1) and one purpose. */
void sc_rng_init(struct sc_rng *, uint64_t seed, uint64_t patient, unsigned stream);
uint64_t sc_rng_next(struct sc_rng *);
/* Uniform in 0..n-1 without modulo bias; n > 0. */
uint32_t sc_rng_below(struct sc_rng *, uint32_t n);
/* Uniform in lo..hi (inclusive). */
int sc_rng_range(struct sc_rng *, int lo, int hi);
/* True with probability permille / 1000. */
bool sc_rng_chance(struct sc_rng *, int permille);
/* Index i with probability weight[i] / sum of the n weights. */
int sc_rng_weighted(struct sc_rng *, const int *weight, int n);

#endif
