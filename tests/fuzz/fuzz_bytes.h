/*
 * Shared by the harnesses that build structured input (settings, dates,
 * rows) from the fuzzer's bytes: take() reads the next byte, 0 once the
 * bytes are used up, so every input gives a complete (if dull) case.
 */
#ifndef FUZZ_BYTES_H
#define FUZZ_BYTES_H

#include <stddef.h>
#include <stdint.h>

struct bytes {
	const uint8_t *p;
	size_t n;
};

static unsigned
take(struct bytes *b)
{
	unsigned v = 0;

	if (b->n > 0) {
		v = *b->p++;
		b->n--;
	}
	return v;
}

#endif
