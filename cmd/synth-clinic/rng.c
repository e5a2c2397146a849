#include "rng.h"

uint64_t
sc_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void
sc_rng_init(struct sc_rng *r, uint64_t seed, uint64_t patient, unsigned stream)
{
	uint64_t a = seed, b = patient * 64 + stream, x;

	/* Mix the three numbers so that nearby patients get unrelated streams. */
	x = sc_splitmix64(&a) ^ sc_splitmix64(&b);
	for (int i = 0; i < 4; i++)
		r->s[i] = sc_splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
sc_rng_next(struct sc_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t
sc_rng_below(struct sc_rng *r, uint32_t n)
{
	/* Values under 2^32 mod n would favour small results: draw again. */
	uint32_t threshold = (uint32_t)-n % n;

	for (;;) {
		uint32_t v = (uint32_t)(sc_rng_next(r) >> 32);

		if (v >= threshold)
			return v % n;
	}
}

int
sc_rng_range(struct sc_rng *r, int lo, int hi)
{
	return lo + (int)sc_rng_below(r, (uint32_t)(hi - lo + 1));
}

bool
sc_rng_chance(struct sc_rng *r, int permille)
{
	return (int)sc_rng_below(r, 1000) < permille;
}

int
sc_rng_weighted(struct sc_rng *r, const int *weight, int n)
{
	int total = 0, pick;

	for (int i = 0; i < n; i++)
		total += weight[i];
	pick = (int)sc_rng_below(r, (uint32_t)total);
	for (int i = 0; i < n; i++) {
		if (pick < weight[i])
			return i;
		pick -= weight[i];
	}
	return n - 1;
}
