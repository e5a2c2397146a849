/*
 * Cutting the input into jobs (par.c): reads onto a carry buffer and cuts
 * it at a line end near the chunk size, one where the quotes before it
 * balance, so that no job begins inside a quoted field it cannot see.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "par_impl.h"
#include "scan.h"

/* Line ends tried, back from the cut, for one where the quotes balance. */
#define PARITY_TRIES 64

/* Reads more input onto the carry; sets eof at its end. */
void
par_read_more(struct par *p)
{
	ssize_t got;
	size_t want;

	if (p->carry_off > 0) {
		p->carry_len -= p->carry_off;
		memmove(p->carry, p->carry + p->carry_off, p->carry_len);
		p->carry_off = 0;
	}
	/* Up to a chunk in all, so that a cut leaves little (take_chunk). */
	want = p->carry_len < p->chunk_bytes ? p->chunk_bytes - p->carry_len :
	    p->chunk_bytes;
	if (p->carry_cap - p->carry_len < want + 1) {
		p->carry_cap = p->carry_len + want + 1;
		p->carry = rd_realloc(p->carry, p->carry_cap);
	}
	do
		got = read(p->fd, p->carry + p->carry_len, want);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		rd_die_errno(RD_EXIT_DATA, "%s: read error", rd_name(p->parent));
	if (got == 0)
		p->eof = true;
	p->carry_len += (size_t)got;
}

/*
 * rd_par_cut; *unquoted set when it found no quote in c[0, cut) (CSV,
 * where it looks), so that the caller need not look again.
 */
static size_t
cut_at(const char *c, size_t n, size_t want, bool at_eof, bool tsv,
    bool *unquoted)
{
	const char *nl;
	size_t lim = n < want ? n : want;
	size_t cut, quotes;

	*unquoted = false;
	if (n < want && !at_eof)
		return 0;
	if (at_eof && n <= want)
		return n;
	nl = memrchr(c, '\n', lim);
	if (nl == NULL)
		nl = memchr(c + lim, '\n', n - lim);
	if (nl == NULL)
		return at_eof ? n : 0;
	cut = (size_t)(nl - c) + 1;
	if (tsv)
		return cut;
	if (memchr(c, '"', cut) == NULL) {
		*unquoted = true;
		return cut;
	}
	quotes = rd_scan_count(c, cut, '"');
	for (size_t try = 0, at = cut; (quotes & 1) && try < PARITY_TRIES; try++) {
		const char *prev = at > 1 ? memrchr(c, '\n', at - 1) : NULL;
		size_t from;

		if (prev == NULL)
			break;
		from = (size_t)(prev - c) + 1;
		quotes -= rd_scan_count(c + from, at - from, '"');
		at = from;
		if (!(quotes & 1))
			return at;
	}
	return cut;
}

size_t
rd_par_cut(const char *c, size_t n, size_t want, bool at_eof, bool tsv)
{
	bool unquoted;

	return cut_at(c, n, want, at_eof, tsv, &unquoted);
}

/*
 * Where the next job ends in the carry; 0 when more input is needed
 * first.  *unquoted: no quote before the cut, for sure.
 */
static size_t
find_cut(const struct par *p, bool *unquoted)
{
	return cut_at(p->carry + p->carry_off, p->carry_len - p->carry_off,
	    p->chunk_bytes, p->eof, p->tsv, unquoted);
}

/*
 * Gives the cut bytes at the carry's start to job j.  Reads fill the carry
 * to about a chunk, so what follows the cut is mostly a partial line: the
 * carry buffer itself becomes the job's, and that little is copied to a
 * new one, instead of the whole chunk to the job (the reading thread's
 * copy was a tenth of its time in a summary).
 */
static void
take_chunk(struct par *p, struct job *j, size_t cut)
{
	size_t rest = p->carry_len - p->carry_off - cut;
	char *next;

	if (p->carry_off != 0 || rest > cut / 4) {
		j->data = rd_malloc(cut + 1);
		memcpy(j->data, p->carry + p->carry_off, cut);
		p->carry_off += cut;
		return;
	}
	next = rd_malloc(p->carry_cap);
	memcpy(next, p->carry + cut, rest);
	j->data = p->carry;	/* carry_cap > carry_len: the spare byte */
	p->carry = next;
	p->carry_len = rest;
}

/* The next job cut from the input; false at its end or at a line too long. */
bool
par_cut_job(struct par *p, struct job *j)
{
	size_t cut;
	const char *c;
	bool unquoted;

	while ((cut = find_cut(p, &unquoted)) == 0) {
		if (p->eof)
			return false;	/* at the end, find_cut is 0 only with nothing left */
		if (p->carry_len - p->carry_off > p->max_line_bytes) {
			p->too_long = true;
			return false;
		}
		par_read_more(p);
	}
	c = p->carry + p->carry_off;
	*j = (struct job){ .out = j->out, .out_cap = j->out_cap };
	j->len = cut;
	j->line = p->carry_line;
	j->last = p->eof && cut == p->carry_len - p->carry_off;
	j->rest = cut;
	if (!p->tsv && !p->quoted && !unquoted)
		p->quoted = memchr(c, '"', cut) != NULL;
	j->in_place = p->take != NULL && (p->tsv || !p->quoted);
	p->carry_line += (long)rd_scan_count(c, cut, '\n');
	take_chunk(p, j, cut);
	return true;
}
