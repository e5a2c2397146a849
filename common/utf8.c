#include "utf8.h"

#include <stdint.h>
#include <string.h>

/* True when any byte of w has its high bit set or is zero. */
static int
word_needs_look(uint64_t w)
{
	const uint64_t lo = 0x0101010101010101ULL, hi = 0x8080808080808080ULL;

	return ((w | ((w - lo) & ~w)) & hi) != 0;
}

/* Length of the UTF-8 sequence at s (at most avail bytes), 0 if invalid. */
static size_t
sequence_length(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	size_t need;
	uint32_t cp;

	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		need = 2;
		cp = c & 0x1F;
	} else if (c < 0xF0) {
		need = 3;
		cp = c & 0x0F;
	} else if (c < 0xF5) {
		need = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (avail < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return need;
}

long
rd_utf8_check(const char *text, size_t len, int *is_nul)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	*is_nul = 0;
	while (i < len) {
		if (i + 8 <= len) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (!word_needs_look(w)) {
				i += 8;
				continue;
			}
		}
		if (s[i] == 0) {
			*is_nul = 1;
			return (long)i;
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = sequence_length(s + i, len - i);
		if (n == 0)
			return (long)i;
		i += n;
	}
	return -1;
}

/* Windows-1252 0x80..0x9F; the five undefined bytes keep their C1 code. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

size_t
rd_latin1_to_utf8(const char *in, size_t len, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		uint32_t cp = c;

		if (c < 0x80) {
			out[o++] = (char)c;
			continue;
		}
		if (c < 0xA0)
			cp = cp1252_high[c - 0x80];
		if (cp < 0x800) {
			out[o++] = (char)(0xC0 | (cp >> 6));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			out[o++] = (char)(0xE0 | (cp >> 12));
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	return o;
}
