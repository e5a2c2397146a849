#include "writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "diag.h"
#include "fields.h"
#include "scan.h"
#include "wordload.h"

#define OUT_BUF (64 * 1024)
#define RAW_END (OUT_BUF - 31)	/* rd_write_raw's 32 bytes fit below it */
#define BYTES 0x0101010101010101ULL	/* a byte value times this: it in every byte */

struct rd_writer;
/* The writer of standard output, flushed row-whole by the exit hook. */
static struct rd_writer *stdout_writer;

struct rd_writer {
	struct rd_writer_hot h;	/* buf, used, col, delim, short_end, below_word */
	int fd;
	struct rd_writer_config cfg;
	size_t row_start;	/* where the current row begins in buf */
	unsigned long row;	/* data rows written (the header is row 0) */
	char **names;		/* header names, for error messages */
	size_t nnames;
	int bom_pending;
	/*
	 * Neither --excel nor a BOM still to write: a value that needs no
	 * care goes straight into the buffer (h.short_end, writer.h, is 0
	 * when not plain).
	 */
	int plain;
	unsigned char special[256];	/* bytes that need quoting or refusal */
	/* The same bytes, each repeated over a word, for a word-wide test. */
	uint64_t special_word[4];
	struct rd_reader *pass;	/* rd_writer_pass: rows as read come from it */
	char *span_from;	/* the first of the rows as read held (h.span_to) */
	char *mem;		/* fd -1: what was written (rd_writer_new_mem) */
	size_t mem_len, mem_cap;
};

/* On a fatal error: the complete rows go out, a half-written one does not. */
static void
flush_complete_rows(void)
{
	struct rd_writer *w = stdout_writer;

	if (w == NULL)
		return;
	w->h.used = w->row_start;
	rd_writer_flush(w);
}

struct rd_writer *
rd_writer_new_config(int fd, const struct rd_writer_config *cfg)
{
	struct rd_writer *w = rd_calloc(1, sizeof *w);

	w->fd = fd;
	w->cfg = *cfg;
	if (w->cfg.excel) {
		w->cfg.tsv = false;
		w->cfg.crlf = true;
	}
	w->h.delim = w->cfg.tsv ? '\t' : w->cfg.excel ? ';' : ',';
	w->h.buf = rd_malloc(OUT_BUF);
	w->bom_pending = w->cfg.excel;
	w->special[(unsigned char)'\n'] = w->special[(unsigned char)'\r'] = 1;
	w->special[(unsigned char)w->h.delim] = 1;
	if (!w->cfg.tsv)
		w->special[(unsigned char)'"'] = 1;
	/* TSV has three such bytes: LF stands in for the fourth. */
	w->special_word[0] = BYTES * '\n';
	w->special_word[1] = BYTES * '\r';
	w->special_word[2] = BYTES * (unsigned char)w->h.delim;
	w->special_word[3] = BYTES * (w->cfg.tsv ? '\n' : '"');
	for (int c = 0; c < 256; c++)
		if (w->special[c])
			w->h.below_word = BYTES * (unsigned)(c + 1);
	if (w->h.below_word > BYTES * 128)
		w->h.below_word = BYTES * 128;	/* ';' of --excel is 0x3B: not reached */
	w->plain = !w->cfg.excel;	/* a BOM is written only with --excel */
	w->h.short_end = w->plain ? OUT_BUF - 16 : 0;
	w->h.raw_end = RAW_END;
	if (fd == STDOUT_FILENO) {
		stdout_writer = w;
		rd_exit_hook = flush_complete_rows;
	}
	return w;
}

static void
write_all(struct rd_writer *w, const char *p, size_t len)
{
	size_t done = 0;

	if (w->fd < 0) {
		if (len == 0)
			return;
		if (w->mem_len + len > w->mem_cap) {
			w->mem_cap = 2 * (w->mem_len + len);
			w->mem = rd_realloc(w->mem, w->mem_cap);
		}
		memcpy(w->mem + w->mem_len, p, len);
		w->mem_len += len;
		return;
	}
	while (done < len) {
		ssize_t n = write(w->fd, p + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* Nothing more can go out: no second try on the way out. */
			if (w == stdout_writer)
				rd_exit_hook = NULL;
			rd_die(RD_EXIT_DATA, "write error on %s: %s",
			    w->cfg.name != NULL ? w->cfg.name :
			    w->fd == STDOUT_FILENO ? "standard output" : "output",
			    strerror(n < 0 ? errno : EIO));
		}
		done += (size_t)n;
	}
}

/*
 * s[0, len) to d with every NUL made delim, 16 bytes a step (the last
 * step overlaps the one before): the line of a plain record, whose only
 * NULs are the separators the reader made NULs.  False, nothing written,
 * for a line shorter than a step or without SSE2.
 */
static inline __attribute__((always_inline)) bool
copy_nuls_as(char *d, const char *s, size_t len, char delim)
{
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128(), dv = _mm_set1_epi8(delim);
	size_t i = 0;
	__m128i v;

	if (len < 16)
		return false;
	for (; i + 16 <= len; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		v = _mm_or_si128(v, _mm_and_si128(_mm_cmpeq_epi8(v, zero), dv));
		_mm_storeu_si128((__m128i *)(void *)(d + i), v);
	}
	if (i < len) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
		v = _mm_or_si128(v, _mm_and_si128(_mm_cmpeq_epi8(v, zero), dv));
		_mm_storeu_si128((__m128i *)(void *)(d + len - 16), v);
	}
	return true;
#else
	(void)d;
	(void)s;
	(void)len;
	(void)delim;
	return false;
#endif
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_NULS 1
/* copy_nuls_as 32 bytes a step, for a run of rows (len >= 32). */
__attribute__((target("avx2"))) static void
nuls_as_avx2(char *d, const char *s, size_t len, char delim)
{
	const __m256i zero = _mm256_setzero_si256(), dv = _mm256_set1_epi8(delim);
	size_t i = 0;
	__m256i v;

	for (; i + 32 <= len; i += 32) {
		v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		v = _mm256_or_si256(v, _mm256_and_si256(_mm256_cmpeq_epi8(v, zero), dv));
		_mm256_storeu_si256((__m256i *)(void *)(d + i), v);
	}
	if (i < len) {
		v = _mm256_loadu_si256((const __m256i *)(const void *)(s + len - 32));
		v = _mm256_or_si256(v, _mm256_and_si256(_mm256_cmpeq_epi8(v, zero), dv));
		_mm256_storeu_si256((__m256i *)(void *)(d + len - 32), v);
	}
}
#endif

/*
 * copy_nuls_as for any length; d may be s.  A run of rows as read is
 * long: AVX2 where the scan uses it (scan.h, RUSDATA_SIMD).
 */
static void
nuls_as(char *d, const char *s, size_t len, char delim)
{
#ifdef HAVE_AVX2_NULS
	if (len >= 32 && rd_scan_simd()) {
		nuls_as_avx2(d, s, len, delim);
		return;
	}
#endif
	if (!copy_nuls_as(d, s, len, delim))
		for (size_t i = 0; i < len; i++)
			d[i] = s[i] == '\0' ? delim : s[i];
}

/*
 * The rows as read held in the reader's buffer go out (rd_put_as_read):
 * after the rows in the buffer, which all came before them.  A short run
 * is copied into the buffer with the separators put back; a long one
 * gets them back where it is and is written from there, without a copy.
 * In either case the reader's bytes become the line as read again.
 */
static __attribute__((noinline)) void
span_out_now(struct rd_writer *w)
{
	char *from = w->span_from, *to = w->h.span_to;
	size_t len = (size_t)(to - from);

	w->h.span_to = NULL;
	w->span_from = NULL;
	w->h.short_end = w->plain ? OUT_BUF - 16 : 0;
	w->h.raw_end = RAW_END;
	to[-1] = '\n';
	if (len <= OUT_BUF - w->h.used) {
		nuls_as(w->h.buf + w->h.used, from, len, w->h.delim);
		w->h.used += len;
	} else {
		nuls_as(from, from, len, w->h.delim);
		write_all(w, w->h.buf, w->h.used);
		w->h.used = 0;
		write_all(w, from, len);
	}
	w->row_start = w->h.used;
	w->row += w->h.span_rows;
	w->h.span_rows = 0;
}

/* Every write out of line starts here: only a test in line when none. */
static inline void
span_out(struct rd_writer *w)
{
	if (w->h.span_to != NULL)
		span_out_now(w);
}

void
rd_writer_flush(struct rd_writer *w)
{
	span_out(w);
	write_all(w, w->h.buf, w->h.used);
	w->h.used = 0;
	w->row_start = 0;
}

/*
 * Makes room in a full buffer by writing the complete rows only, so that a
 * tool stopped by an error never leaves half a row behind; a row longer
 * than the buffer is the exception.
 */
static void
make_room(struct rd_writer *w)
{
	size_t partial = w->h.used - w->row_start;

	if (w->row_start == 0 || partial > OUT_BUF / 2) {
		rd_writer_flush(w);
		return;
	}
	write_all(w, w->h.buf, w->row_start);
	memmove(w->h.buf, w->h.buf + w->row_start, partial);
	w->h.used = partial;
	w->row_start = 0;
}

static void
emit(struct rd_writer *w, const char *s, size_t len)
{
	span_out(w);
	if (len > OUT_BUF - w->h.used)
		make_room(w);
	if (len > OUT_BUF - w->h.used) {
		rd_writer_flush(w);
		if (len > OUT_BUF) {
			/* A value larger than the buffer goes out directly. */
			write_all(w, s, len);
			return;
		}
	}
	memcpy(w->h.buf + w->h.used, s, len);
	w->h.used += len;
}

static void
emit_byte(struct rd_writer *w, char c)
{
	span_out(w);
	if (w->h.used == OUT_BUF)
		make_room(w);
	w->h.buf[w->h.used++] = c;
}

void
rd_write_raw_slow(struct rd_writer *w, const char *s, size_t len)
{
	emit(w, s, len);
}

static const char *
column_name(const struct rd_writer *w)
{
	return w->h.col < w->nnames ? w->names[w->h.col] : "?";
}

/* "12", "-3.5": values Excel must see as numbers, not as formulas. */
static int
looks_numeric(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && s[i] == '-')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	return digits > 0 && i == len;
}

static void
put_excel(struct rd_writer *w, const char *s, size_t len)
{
	if (looks_numeric(s, len)) {
		const char *dot = memchr(s, '.', len);

		if (dot == NULL) {
			emit(w, s, len);
			return;
		}
		emit(w, s, (size_t)(dot - s));
		emit_byte(w, ',');
		emit(w, dot + 1, len - (size_t)(dot - s) - 1);
		return;
	}
	int needs_quote = memchr(s, ';', len) || memchr(s, '"', len) ||
	    memchr(s, '\n', len) || memchr(s, '\r', len);
	int formula = len > 0 && strchr("=+-@", s[0]) != NULL;

	if (needs_quote)
		emit_byte(w, '"');
	if (formula)
		emit_byte(w, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			emit_byte(w, '"');
		emit_byte(w, s[i]);
	}
	if (needs_quote)
		emit_byte(w, '"');
}

/* High bit of some byte set when some byte of x is zero (exact as a yes/no). */
static inline uint64_t
some_zero(uint64_t x)
{
	return (x - BYTES) & ~x;
}

/*
 * Whether the word x holds one of the writer's special bytes.  First
 * whether it has a byte below below_word at all ((x - n) & ~x, exact as
 * a yes/no for n up to 128): ids, dates, codes and numbers have none.
 */
static inline int
special_in(const struct rd_writer *w, uint64_t x)
{
	if ((((x - w->h.below_word) & ~x) & (BYTES << 7)) == 0)
		return 0;
	return ((some_zero(x ^ w->special_word[0]) | some_zero(x ^ w->special_word[1]) |
	    some_zero(x ^ w->special_word[2]) | some_zero(x ^ w->special_word[3])) &
	    (BYTES << 7)) != 0;
}

/*
 * Whether s holds a byte that needs care (quoting in CSV, a refusal in
 * TSV).  Runs for every field written and most values are a few bytes
 * long: a word at a time, the last word overlapping the one before.
 */
static int
has_special(const struct rd_writer *w, const char *s, size_t len)
{
	size_t i;

	if (len < 8) {
		const unsigned char *p = (const unsigned char *)s;
		int any = 0;

		for (i = 0; i < len; i++)
			any |= w->special[p[i]];
		return any;
	}
	for (i = 0; i + 8 < len; i += 8)
		if (special_in(w, rd_load64(s + i)))
			return 1;
	return special_in(w, rd_load64(s + len - 8));
}

static void
put_csv(struct rd_writer *w, const char *s, size_t len)
{
	if (!has_special(w, s, len)) {
		emit(w, s, len);
		return;
	}
	emit_byte(w, '"');
	for (const char *p = s, *end = s + len; p < end;) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (q == NULL) {
			emit(w, p, (size_t)(end - p));
			break;
		}
		emit(w, p, (size_t)(q - p) + 1);
		emit_byte(w, '"');
		p = q + 1;
	}
	emit_byte(w, '"');
}

static _Noreturn void
refuse_for_tsv(struct rd_writer *w, const char *s, size_t len)
{
	int tab = memchr(s, '\t', len) != NULL;
	const char *name = column_name(w);
	char ex[64];

	/* The rows before go out whole (rd_die's exit hook); this one not at all. */
	rd_die(RD_EXIT_DATA, "output row %lu, column %s: value contains a %s, "
	    "which TSV cannot hold (use CSV output)", w->row,
	    rd_excerpt(name, strlen(name), ex, sizeof ex), tab ? "tab" : "line break");
}

/*
 * Everything but a short clean value: the BOM, quoting, refusals, --excel.
 * Out of line, so that rd_put's usual way stays short.
 */
static __attribute__((noinline)) void
put_general(struct rd_writer *w, const char *s, size_t len)
{
	if (w->bom_pending) {
		emit(w, "\xEF\xBB\xBF", 3);
		w->bom_pending = 0;
	}
	if (w->h.col > 0)
		emit_byte(w, w->h.delim);
	if (w->cfg.tsv) {
		if (has_special(w, s, len))
			refuse_for_tsv(w, s, len);
		emit(w, s, len);
	} else if (w->cfg.excel)
		put_excel(w, s, len);
	else
		put_csv(w, s, len);
	w->h.col++;
}

void
rd_put_slow(struct rd_writer *w, const char *s, size_t len)
{
	span_out(w);
	/* A short value with a blank, say: the full test, then the short way. */
	if (len <= 16 && !has_special(w, s, len) && rd_put_short(w, s, len, 0))
		return;
	/* A longer value that needs no care: still one copy. */
	if (w->plain && len + 1 <= OUT_BUF - w->h.used && !has_special(w, s, len)) {
		if (w->h.col > 0)
			w->h.buf[w->h.used++] = w->h.delim;
		memcpy(w->h.buf + w->h.used, s, len);
		w->h.used += len;
		w->h.col++;
		return;
	}
	put_general(w, s, len);
}

/* rd_put_clean's value is long, or the buffer nearly full, or not plain. */
void
rd_put_clean_slow(struct rd_writer *w, const char *s, size_t len)
{
	span_out(w);
	if (!w->plain || len + 1 > OUT_BUF - w->h.used) {
		rd_put_slow(w, s, len);
		return;
	}
	if (w->h.col > 0)
		w->h.buf[w->h.used++] = w->h.delim;
	memcpy(w->h.buf + w->h.used, s, len);
	w->h.used += len;
	w->h.col++;
}

/* rd_put_plain_fields, in line in it and in rd_put_plain (first 0, end n). */
static inline __attribute__((always_inline)) bool
put_fields(struct rd_writer *w, const struct rd_record *rec, size_t first,
    size_t end)
{
	const char *from, *to;
	size_t sep = w->h.col > 0, len;
	char *d;

	span_out(w);
	if (rec->plain_sep != w->h.delim || rec->plain_sep == '\0' ||
	    first >= end || end > rec->n || w->h.short_end == 0)
		return false;
	from = rec->f[first];
	to = rec->f[end - 1] + rec->len[end - 1];
	len = (size_t)(to - from);
	if (w->h.used >= w->h.short_end || len + sep > w->h.short_end - w->h.used)
		return false;	/* the field by field way makes room */
	d = w->h.buf + w->h.used;
	*d = w->h.delim;	/* overwritten by the copy when sep is 0 */
	d += sep;
	if (!copy_nuls_as(d, from, len, w->h.delim)) {
		memcpy(d, from, len);
		/*
		 * The separators are NULs in the record: the delimiter again.
		 * In locals: a store through d could alias rec, and rec be
		 * read again.
		 */
		char *const *f = rec->f;
		const size_t *flen = rec->len;
		char delim = w->h.delim;
		for (size_t i = first; i + 1 < end; i++)
			d[f[i] + flen[i] - from] = delim;
	}
	w->h.used += len + sep;
	w->h.col += end - first;
	return true;
}

bool
rd_put_plain_fields(struct rd_writer *w, const struct rd_record *rec,
    size_t first, size_t end)
{
	return put_fields(w, rec, first, end);
}

bool
rd_put_plain(struct rd_writer *w, const struct rd_record *rec)
{
	return w->h.col == 0 && put_fields(w, rec, 0, rec->n);
}

/* A plain record's fields [first, end) from d on, NULs as delim; the length. */
static inline __attribute__((always_inline)) size_t
copy_fields(char *d, const struct rd_record *rec, size_t first, size_t end,
    char delim)
{
	const char *from = rec->f[first];
	size_t len = (size_t)(rec->f[end - 1] + rec->len[end - 1] - from);

	if (len >= 4 && len <= 31)
		rd_copy_nuls_as_short(d, from, len, delim);
	else
		nuls_as(d, from, len, delim);
	return len;
}

bool
rd_put_row_spliced(struct rd_writer *w, const struct rd_record *rec,
    size_t lo, size_t hi, const char *mid, size_t mid_len)
{
	size_t n = rec->n, room;
	char *d, delim = w->h.delim;

	span_out(w);
	if (rec->plain_sep != delim || delim == '\0' || w->h.short_end == 0 ||
	    w->h.col != 0 || lo > hi || hi > n || mid_len > RD_MID_MAX)
		return false;
	/* At most the line's bytes, all RD_MID_MAX of mid, 2 delimiters, CR LF. */
	room = (n > 0 ? (size_t)(rec->f[n - 1] + rec->len[n - 1] - rec->f[0]) : 0) +
	    RD_MID_MAX + 4;
	if (room > OUT_BUF - w->h.used)
		rd_writer_flush(w);
	if (room > OUT_BUF - w->h.used)
		return false;
	d = w->h.buf + w->h.used;
	if (lo > 0) {
		d += copy_fields(d, rec, 0, lo, delim);
		*d++ = delim;
	}
	memcpy(d, mid, RD_MID_MAX);	/* what follows overwrites the rest */
	d += mid_len;
	if (hi < n) {
		*d++ = delim;
		d += copy_fields(d, rec, hi, n, delim);
	}
	if (w->cfg.crlf)
		*d++ = '\r';
	*d++ = '\n';
	w->h.used = (size_t)(d - w->h.buf);
	w->row_start = w->h.used;
	w->row++;
	return true;
}

void
rd_end_row(struct rd_writer *w)
{
	if (w->cfg.crlf)
		emit_byte(w, '\r');
	emit_byte(w, '\n');
	w->row_start = w->h.used;
	w->h.col = 0;
	w->row++;
}

/* The reader is about to move the bytes of the rows held: out they go. */
static void
pass_moved(void *arg)
{
	span_out(arg);
}

void
rd_writer_pass(struct rd_writer *w, struct rd_reader *r)
{
	span_out(w);
	if (w->pass != NULL)
		rd_reader_on_move(w->pass, NULL, NULL);
	w->pass = r;
	if (r != NULL)
		rd_reader_on_move(r, pass_moved, w);
}

/*
 * The first row of a run (or a row rd_put_as_read cannot add to one):
 * held when it can go out as read, after the run before it.
 */
bool
rd_put_as_read_slow(struct rd_writer *w, const struct rd_record *rec)
{
	if (w->pass == NULL || rec->plain_sep != w->h.delim || !w->plain ||
	    w->cfg.crlf || !rd_reader_holds(w->pass, rec))
		return false;
	span_out(w);
	if (w->h.col != 0)
		return false;
	w->span_from = rec->f[0];
	w->h.span_to = rec->f[rec->n - 1] + rec->len[rec->n - 1] + 1;
	w->h.span_rows = 1;
	/* Every other write now goes the way that writes the run first. */
	w->h.short_end = 0;
	w->h.raw_end = 0;
	return true;
}

static void
remember_name(struct rd_writer *w, const char *name)
{
	w->names = rd_realloc(w->names, (w->nnames + 1) * sizeof *w->names);
	w->names[w->nnames++] = rd_strdup(name);
}

void
rd_put_header(struct rd_writer *w, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		remember_name(w, names[i]);
		rd_put_str(w, names[i]);
	}
	rd_end_row(w);
}

void
rd_put_header_rec(struct rd_writer *w, const struct rd_record *in,
    const char *const *extra, size_t nextra)
{
	for (size_t i = 0; i < in->n; i++) {
		remember_name(w, in->f[i]);
		rd_put(w, in->f[i], in->len[i]);
	}
	for (size_t i = 0; i < nextra; i++) {
		remember_name(w, extra[i]);
		rd_put_str(w, extra[i]);
	}
	rd_end_row(w);
}

void
rd_writer_close(struct rd_writer *w)
{
	if (w == NULL)
		return;
	rd_writer_pass(w, NULL);
	rd_writer_flush(w);
	if (w == stdout_writer) {
		stdout_writer = NULL;
		rd_exit_hook = NULL;
	}
	for (size_t i = 0; i < w->nnames; i++)
		free(w->names[i]);
	free(w->names);
	free(w->h.buf);
	free(w->mem);
	free(w);
}

struct rd_writer *
rd_writer_new_mem(const struct rd_writer_config *cfg)
{
	struct rd_writer *w = rd_writer_new_config(-1, cfg);

	w->bom_pending = 0;	/* the BOM is the real output's, once */
	return w;
}

char *
rd_writer_mem_take(struct rd_writer *w, size_t *len, unsigned long *rows)
{
	char *mem;

	rd_writer_flush(w);
	mem = w->mem;
	*len = w->mem_len;
	*rows = w->row;
	/* The next chunk's rows likely need as much room: no growing again. */
	w->mem = w->mem_cap > 0 ? rd_malloc(w->mem_cap) : NULL;
	w->mem_len = 0;
	w->h.col = 0;
	w->row = 0;
	return mem;
}

void
rd_writer_mem_swap(struct rd_writer *w, char **buf, size_t *cap, size_t *len,
    unsigned long *rows)
{
	char *spare = *buf;
	size_t spare_cap = *cap;

	rd_writer_flush(w);
	*buf = w->mem;
	*cap = w->mem_cap;
	*len = w->mem_len;
	*rows = w->row;
	w->mem = spare;
	w->mem_cap = spare_cap;
	w->mem_len = 0;
	w->h.col = 0;
	w->row = 0;
}

size_t
rd_writer_mem_len(const struct rd_writer *w)
{
	return w->mem_len + w->h.used +
	    (w->h.span_to != NULL ? (size_t)(w->h.span_to - w->span_from) : 0);
}

void
rd_write_rows(struct rd_writer *w, const char *rows, size_t len,
    unsigned long nrows)
{
	emit(w, rows, len);
	w->row_start = w->h.used;
	w->row += nrows;
}

char
rd_writer_delim(const struct rd_writer *w)
{
	return w->h.delim;
}

const struct rd_writer_config *
rd_writer_settings(const struct rd_writer *w)
{
	return &w->cfg;
}
