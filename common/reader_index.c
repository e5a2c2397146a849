/*
 * The structural index of the reader's general way (scan.h rd_scan): lines
 * that the fast path (the batch, on the bit masks) leaves to it, found
 * and split from the index, which is made a step at a time as they are
 * read and moved with the buffer.
 */
#include <stdbool.h>
#include <stdint.h>

#include "reader_impl.h"
#include "scan.h"
#include "utf8.h"

/* The index no longer matches where reading goes on: rebuilt from beg. */
void
reader_index_reset(struct rd_reader *r)
{
	r->ix.n = 0;
	r->ix_next = 0;
	r->ix_search = 0;
	r->scanned = r->beg;
	r->bits.to = 0;
	r->batch.next = r->batch.count = 0;
}

/*
 * The fast path (the batch) moved beg on without the index: its entries
 * before beg go, or all of it when it does not reach beg.
 */
void
reader_index_catch_up(struct rd_reader *r)
{
	size_t k = r->ix_next;

	if (r->scanned < r->beg) {
		r->ix.n = r->ix_next = r->ix_search = 0;
		r->scanned = r->beg;
		return;
	}
	while (k < r->ix.n && r->ix.pos[k] < r->beg)
		k++;
	if (k > r->ix_next)
		r->ix_next = r->ix_search = k;
}

static void
scan_step(struct rd_reader *r, bool may_restart)
{
	size_t to = r->end - r->scanned > SCAN_STEP ? r->scanned + SCAN_STEP : r->end;

	if (may_restart && r->ix_next == r->ix.n && r->ix_search <= r->ix_next)
		r->ix.n = r->ix_next = r->ix_search = 0;
	rd_scan(&r->ix, r->buf, r->scanned, to, r->scan_sep);
	r->scanned = to;
}

/*
 * The LF that ends the line at beg, from the index (scanning what was
 * read since), or NULL when the bytes so far hold none.  Sets the line's
 * entries [line_ix_beg, line_ix_end) and line_flags.
 */
char *
reader_indexed_line_end(struct rd_reader *r)
{
	const uint32_t *pos;
	size_t k;
	unsigned flags;
	char sep = r->scan_sep;

	if (r->scanned < r->end)
		scan_step(r, true);
	pos = r->ix.pos;
	k = r->ix_next;
	while (k < r->ix.n && pos[k] < r->beg)
		k++;	/* a byte-order mark */
	r->ix_next = k;
	r->line_ix_beg = k;
	flags = 0;
	if (r->ix_search > k) {
		k = r->ix_search;	/* the line goes on: its bytes so far are seen */
		flags = r->line_flags;
	}
	for (;;) {
		for (; k < r->ix.n; k++) {
			char c = r->buf[pos[k]];

			if (c == '\n') {
				r->line_ix_end = k;
				r->ix_next = r->ix_search = k + 1;
				r->line_flags = flags;
				return r->buf + pos[k];
			}
			if (c != sep)
				flags |= c == '"' || c == '\r' ? LINE_QUOTE_CR : LINE_CHECK;
		}
		if (r->scanned >= r->end)
			break;	/* all read is indexed: no LF in it yet */
		scan_step(r, false);
		pos = r->ix.pos;
	}
	r->ix_search = k;
	r->line_flags = flags;
	return NULL;
}

/* The flags of the last line, which has no LF: its entries from line_ix_beg. */
void
reader_indexed_tail_flags(struct rd_reader *r)
{
	unsigned flags = 0;

	for (size_t k = r->line_ix_beg; k < r->ix.n; k++) {
		char c = r->buf[r->ix.pos[k]];

		if (c != r->scan_sep)
			flags |= c == '"' || c == '\r' ? LINE_QUOTE_CR : LINE_CHECK;
	}
	r->line_flags = flags;
}

/* After buf[0, keep) is dropped: the consumed entries go, the rest move down. */
void
reader_index_rebase(struct rd_reader *r, size_t keep)
{
	size_t k = r->ix_next, n = r->ix.n - k;

	for (size_t i = 0; i < n; i++)
		r->ix.pos[i] = r->ix.pos[k + i] - (uint32_t)keep;
	r->ix.n = n;
	r->ix_search -= k;
	r->ix_next = 0;
	r->scanned -= keep;
}

/*
 * The fast path from the index: the line's entries are its separators and
 * the bytes that need a look.  A CSV line with a quote or a CR before its
 * end goes to libcsv (0, nothing changed); otherwise the fields are split
 * in place (1), and the UTF-8 check runs only when the line has a byte
 * from 0x80 up or a NUL.
 */
int
reader_split_indexed(struct rd_reader *r, char *line, size_t body)
{
	const uint32_t *pos = r->ix.pos;
	size_t beg = r->line_ix_beg, end = r->line_ix_end;
	size_t off = (size_t)(line - r->buf), lim = off + body;
	char sep = r->scan_sep, *field = line;
	int plain = !(r->line_flags & LINE_CHECK);

	/* A quote or CR before the line's end (not the CR of CRLF): libcsv. */
	if (!r->cfg.tsv && (r->line_flags & LINE_QUOTE_CR))
		for (size_t k = beg; k < end && pos[k] < lim; k++)
			if (r->buf[pos[k]] == '"' || r->buf[pos[k]] == '\r')
				return 0;
	if (plain)
		r->text_checked = 1;
	else {
		int is_nul;

		r->text_checked = rd_utf8_check(line, body, &is_nul) < 0;
	}
	/* At most an entry a field and one more: room once, then plain stores. */
	for (size_t had = r->nf; had + (end - beg) + 1 > r->nf_cap; r->nf = had) {
		r->nf = r->nf_cap;	/* grow_fields grows a full array */
		reader_grow_fields(r);
	}
	char **ptrs = r->ptrs;
	size_t *lens = r->lens, nf = r->nf, longest = r->longest;
	for (size_t k = beg; k < end && pos[k] < lim; k++) {
		char *q = r->buf + pos[k];

		if (*q != sep)
			continue;
		ptrs[nf] = field;
		lens[nf] = (size_t)(q - field);
		longest = lens[nf] > longest ? lens[nf] : longest;
		nf++;
		*q = '\0';
		field = q + 1;
	}
	r->nf = nf;
	r->longest = longest;
	reader_push_field(r, field, line + body);
	return 1;
}
