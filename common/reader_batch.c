/*
 * The fast path: the usual lines split many at a time, in one walk over
 * the bit masks (scan.h), then handed out by rd_next one a call.  Walking
 * a line a call, about two thirds of the instructions were what a call
 * costs (setting up the walk, the record's state, the checks of every
 * record), not the splitting; here the walk goes on from line to line,
 * and rd_next hands out a line that needs nothing more with a few stores.
 *
 * A line joins the batch when it is ended by LF or CR LF within the
 * masks, is not empty, is no longer than max_line_bytes, and in CSV has
 * no quote or bare CR.  The batch ends before the first line that is not;
 * that line goes the general way (the index, libcsv).  A line whose
 * record needs more than the split (a UTF-8 check, the wrong number of
 * fields, a field that may be too long, TSV's quotes and CRs, --trim or
 * --excel) is marked slow: rd_next checks it as the general way's records
 * are checked.
 */
#include "reader_impl.h"

#include <stdlib.h>

#include "diag.h"

/* Lines a batch holds at most: their fields stay in the core's cache. */
#define BATCH_LINES 64

/*
 * The bit masks of a line of up to half a step from beg are set (a longer
 * one goes the general way, reader_indexed_line_end).
 */
static inline void
bits_ahead(struct rd_reader *r)
{
	size_t from = r->bits.to, start = r->beg & ~(size_t)63;

	if (from < r->end && from < r->beg + SCAN_STEP / 2) {
		if (from < start)
			from = start;
		rd_scan_bits(&r->bits, r->buf, from,
		    r->end - from > SCAN_STEP ? from + SCAN_STEP : r->end,
		    r->scan_sep);
	}
}

/*
 * One step of the walk over the bit masks: the fields that end at the
 * separators of the word at base before its first other byte (o; none:
 * all of them), from *field on, go into ptrs and lens from nf, which has
 * room for 64 more; those separators become NULs and leave *s.  Returns
 * the new count of fields.
 */
static inline __attribute__((always_inline)) size_t
word_fields(char *base, uint64_t *s, uint64_t o, char **field,
    char **ptrs, size_t *lens, size_t nf)
{
	uint64_t before = o != 0 ? (o & -o) - 1 : ~0ULL, at = *s & before;
	char *f = *field;

	*s &= ~before;
	for (; at != 0; at &= at - 1) {
		char *q = base + (unsigned)__builtin_ctzll(at);

		ptrs[nf] = f;
		lens[nf++] = (size_t)(q - f);
		*q = '\0';
		f = q + 1;
	}
	*field = f;
	return nf;
}

/* Room for need fields in the batch's arrays. */
static void
batch_grow_fields(struct rd_batch *b, size_t need)
{
	while (b->fields_cap < need) {
		b->fields_cap = b->fields_cap ? 2 * b->fields_cap : 1024;
		b->ptrs = rd_realloc(b->ptrs, b->fields_cap * sizeof *b->ptrs);
		b->lens = rd_realloc(b->lens, b->fields_cap * sizeof *b->lens);
	}
}

/* Fields [from, to) get their separators back. */
static void
batch_unsplit(struct rd_batch *b, size_t from, size_t to, char sep)
{
	for (size_t i = from; i < to; i++)
		b->ptrs[i][b->lens[i]] = sep;
}

/*
 * What the walk over a batch's lines reads of the reader, in locals: the
 * NULs it writes through a char pointer could be any of the reader's
 * bytes, so every field read through r would be read again after each.
 */
struct batch_walk {
	size_t bits_to, max_line, want, max_field;
	int tsv, infix;
};

/*
 * Whether a line is slow: it asks for more than the split (flags, --trim,
 * --excel), has not the fields the header has, or may have a field longer
 * than max_field_bytes (len, the line's length).
 */
static inline unsigned char
batch_line_slow(const struct batch_walk *k, unsigned flags, size_t nf,
    size_t len)
{
	return flags != 0 || k->infix || (k->want > 0 && nf != k->want) ||
	    len > k->max_field;
}

/*
 * The batch from beg: the lines split (their separators and line ends
 * made NULs), or none.  Call it with the batch empty.
 */
static inline __attribute__((always_inline)) void
batch_split(struct rd_reader *r)
{
	struct rd_batch *b = &r->batch;

	bits_ahead(r);
	const struct batch_walk k = { r->bits.to, r->max_line_bytes,
	    r->want_fields, r->cfg.max_field_bytes, r->cfg.tsv,
	    r->cfg.trim || r->cfg.excel };
	size_t beg = r->beg, nf = 0, first = 0, count = 0, w, last;
	char *buf = r->buf, *line = buf + beg, *field = line, *base, *q;
	const uint64_t *sep_bits = r->bits.sep, *other_bits = r->bits.other;
	struct rd_batch_line *lines;
	char **ptrs;
	size_t *lens;
	uint64_t s, o;
	unsigned flags = 0;
	int crlf = 0;

	b->next = b->count = 0;
	b->unended = 1;
	if (beg >= k.bits_to)
		return;
	if (b->lines == NULL)
		b->lines = rd_malloc(BATCH_LINES * sizeof *b->lines);
	batch_grow_fields(b, 65);
	lines = b->lines;
	ptrs = b->ptrs;
	lens = b->lens;
	w = beg / 64;
	last = (k.bits_to - 1) / 64;
	s = sep_bits[w] & (~0ULL << (beg % 64));
	o = other_bits[w] & (~0ULL << (beg % 64));
	for (;;) {
		base = buf + 64 * w;
		nf = word_fields(base, &s, o, &field, ptrs, lens, nf);
		/* Room for the next word's fields (64 at most) and a line's last. */
		if (nf + 65 > b->fields_cap) {
			batch_grow_fields(b, nf + 65);
			ptrs = b->ptrs;
			lens = b->lens;
		}
		if (o == 0) {
			if (++w > last)
				break;	/* the masks end: unended stays 1 */
			s = sep_bits[w];
			o = other_bits[w];
			continue;
		}
		q = base + (unsigned)__builtin_ctzll(o);
		o &= o - 1;
		if (*q == '\r' && !crlf && (size_t)(q + 1 - buf) < k.bits_to &&
		    q[1] == '\n') {
			crlf = 1;	/* the CR of CR LF: the LF ends the line */
			continue;
		}
		if (*q != '\n') {
			if (!k.tsv && (*q == '"' || *q == '\r')) {
				b->unended = 0;
				break;
			}
			flags |= *q == '"' || *q == '\r' ? LINE_QUOTE_CR : LINE_CHECK;
			continue;
		}
		q -= crlf;
		if (q == line || (size_t)(q - line) + (size_t)crlf > k.max_line) {
			b->unended = 0;
			break;	/* empty or too long: not in the batch */
		}
		ptrs[nf] = field;
		lens[nf++] = (size_t)(q - field);
		*q = '\0';
		lines[count] = (struct rd_batch_line){ .first = first,
		    .nf = nf - first, .end = (size_t)(q - buf),
		    .next_beg = (size_t)(q - buf) + 1 + (size_t)crlf,
		    .flags = (unsigned char)flags,
		    .slow = batch_line_slow(&k, flags, nf - first,
			(size_t)(q - line)) };
		first = nf;
		line = field = q + 1 + crlf;
		flags = 0;
		crlf = 0;
		if (++count == BATCH_LINES)
			break;
	}
	batch_unsplit(b, first, nf, r->scan_sep);	/* a line not ended */
	b->count = count;
}

/*
 * With BMI (which the AVX2 scan asks for too) a field's end is one tzcnt
 * and its bit cleared by one blsr: 2 instructions fewer a field.
 */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("bmi"))) static void
batch_split_bmi(struct rd_reader *r)
{
	batch_split(r);
}
#endif

static void
batch_split_portable(struct rd_reader *r)
{
	batch_split(r);
}

void
reader_batch_split(struct rd_reader *r)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (rd_scan_simd()) {
		batch_split_bmi(r);
		return;
	}
#endif
	batch_split_portable(r);
}

void
reader_batch_drop(struct rd_reader *r)
{
	struct rd_batch *b = &r->batch;

	for (size_t i = b->next; i < b->count; i++) {
		const struct rd_batch_line *l = &b->lines[i];

		batch_unsplit(b, l->first, l->first + l->nf - 1, r->scan_sep);
		r->buf[l->end] = l->next_beg - l->end > 1 ? '\r' : '\n';
	}
	b->next = b->count = 0;
}

void
reader_batch_free(struct rd_reader *r)
{
	free(r->batch.ptrs);
	free(r->batch.lens);
	free(r->batch.lines);
}
