/*
 * Differential libFuzzer harness: the quote-free fast path and libcsv must
 * give the same records, field for field, with the same line numbers and
 * the same verdict (good or bad) for every record.  A bad record too
 * holds the same fields (a line that does not parse is its raw text).
 * The fast path runs three ways: the usual lines split in batches on the
 * AVX2 structural scan and on the portable one, and every line the
 * general way (the index, without batches; scan.h, reader.h); TSV is read
 * in batches and the general way too.  All must give the same records.  The two scans (the index and the bit masks)
 * are also compared directly, on ranges that start and end anywhere (as
 * when a read ends mid-line and the rest is scanned after the next read)
 * and with every separator (',' ';' TAB): a reader of a small input scans
 * it in one go.
 * The first input byte, when it is a digit N, makes every record need N
 * fields, so a quoted field that runs over a line end into a record of
 * another width is recovered from (rejected as its first line) on both
 * paths alike.  A ';' next (after the digit, if any) makes ';' the
 * delimiter, as -d ';' and Excel's files do.
 */
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "reader.h"
#include "scan.h"

static int
same_record(int got_a, const struct rd_record *a, const struct rd_reader *ra,
    int got_b, const struct rd_record *b, const struct rd_reader *rb)
{
	if (got_a != got_b)
		return 0;
	if (got_a == 0)
		return 1;
	if (a->line != b->line || rd_error(ra)->line != rd_error(rb)->line)
		return 0;
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->len[i] != b->len[i] || memcmp(a->f[i], b->f[i], a->len[i]) != 0)
			return 0;
	return 1;
}

/* A reader of data that reads every line the general way (no batch). */
static struct rd_reader *
unbatched_mem(const uint8_t *data, size_t size,
    const struct rd_reader_config *cfg)
{
	struct rd_reader *r;

	rd_reader_use_batch(0);
	r = rd_open_mem("fuzz", data, size, cfg);
	rd_reader_use_batch(1);
	return r;
}

/* One record from r, scanned with AVX2 (when the CPU has it) or portably. */
static int
next_with(struct rd_reader *r, struct rd_record *rec, int simd)
{
	rd_scan_use_simd(simd);
	return rd_next(r, rec);
}

/* The index of data[from, to) with AVX2 (when the CPU has it) or portably. */
static void
scan_with(struct rd_scan_index *ix, const uint8_t *data, size_t from, size_t to,
    char sep, int simd)
{
	rd_scan_use_simd(simd);
	rd_scan(ix, (const char *)data, from, to, sep);
}

/* Both scans give the same bit masks of data[from, to) (scan.h). */
static void
bits_agree(const uint8_t *data, size_t from, size_t to, char sep)
{
	struct rd_scan_bits a = { 0 }, b = { 0 };
	size_t w = from / 64, words = (to + 63) / 64 - w;

	rd_scan_use_simd(1);
	rd_scan_bits(&a, (const char *)data, from, to, sep);
	rd_scan_use_simd(0);
	rd_scan_bits(&b, (const char *)data, from, to, sep);
	if (memcmp(a.sep + w, b.sep + w, words * sizeof *a.sep) != 0 ||
	    memcmp(a.other + w, b.other + w, words * sizeof *a.other) != 0)
		abort();
	rd_scan_bits_free(&a);
	rd_scan_bits_free(&b);
}

/*
 * Both scans index the same bytes of a few ranges [from, to): the whole
 * input, and from every start in the first 33 bytes (every alignment) a
 * range of up to 100 bytes whose length the input's size moves, appended
 * to an index that already holds entries, as the reader's does.
 */
static void
scans_agree(const uint8_t *data, size_t size)
{
	static const char seps[] = { ',', ';', '\t' };
	struct rd_scan_index a = { 0 }, b = { 0 };

	for (size_t from = 0; from < size && from < 33; from++) {
		size_t room = size - from < 100 ? size - from : 100;
		size_t to = from + 1 + (from * 7 + size) % room;

		for (size_t k = 0; k < sizeof seps; k++) {
			a.n = b.n = 0;
			if (from == 0) {
				scan_with(&a, data, 0, size, seps[k], 1);
				scan_with(&b, data, 0, size, seps[k], 0);
			}
			scan_with(&a, data, from, to, seps[k], 1);
			scan_with(&b, data, from, to, seps[k], 0);
			if (a.n != b.n ||
			    (a.n > 0 && memcmp(a.pos, b.pos, a.n * sizeof *a.pos) != 0))
				abort();
			bits_agree(data, from, to, seps[k]);
		}
	}
	rd_scan_free(&a);
	rd_scan_free(&b);
}

/*
 * TSV: the AVX2 scan in batches and the portable scan the general way give
 * the same records.
 */
static void
tsv_both_scans(const uint8_t *data, size_t size, size_t expect)
{
	struct rd_reader_config cfg = { .tsv = true, .delim = '\t', .no_header = true,
	    .max_field_bytes = 64, .expect_fields = expect };
	struct rd_reader *x = rd_open_mem("fuzz", data, size, &cfg);
	struct rd_reader *y = unbatched_mem(data, size, &cfg);
	struct rd_record a, b;
	int got_a, got_b;

	do {
		got_a = next_with(x, &a, 1);
		got_b = next_with(y, &b, 0);
		if (!same_record(got_a, &a, x, got_b, &b, y))
			abort();
	} while (got_a != 0);
	rd_close(x);
	rd_close(y);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_reader_config fast_cfg = { .delim = ',', .no_header = true,
	    .max_field_bytes = 64 };
	struct rd_reader_config slow_cfg = fast_cfg;
	struct rd_reader *fast, *portable, *general, *slow;
	struct rd_record a, b, c, d;
	int got_a, got_b, got_c, got_d;

	if (size > 0 && data[0] >= '1' && data[0] <= '9') {
		fast_cfg.expect_fields = (size_t)(data[0] - '0');
		data++;
		size--;
	}
	if (size > 0 && data[0] == ';') {
		fast_cfg.delim = ';';
		data++;
		size--;
	}
	slow_cfg = fast_cfg;
	slow_cfg.no_fast_path = true;
	fast = rd_open_mem("fuzz", data, size, &fast_cfg);
	portable = rd_open_mem("fuzz", data, size, &fast_cfg);
	general = unbatched_mem(data, size, &fast_cfg);
	slow = rd_open_mem("fuzz", data, size, &slow_cfg);
	do {
		got_a = next_with(fast, &a, 1);
		got_c = next_with(portable, &c, 0);
		got_d = next_with(general, &d, 0);
		got_b = rd_next(slow, &b);
		if (!same_record(got_a, &a, fast, got_b, &b, slow) ||
		    !same_record(got_a, &a, fast, got_c, &c, portable) ||
		    !same_record(got_a, &a, fast, got_d, &d, general))
			abort();
	} while (got_a != 0);
	rd_close(portable);
	rd_close(general);
	rd_close(fast);
	rd_close(slow);
	tsv_both_scans(data, size, fast_cfg.expect_fields);
	scans_agree(data, size);
	return 0;
}
