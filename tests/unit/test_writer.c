/*
 * Unit tests of common/writer.c: quoting, TSV refusals, --crlf, --excel;
 * test_writer_values.c has the numbers writer_values.c formats.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fields.h"
#include "writer.h"
#include "writer_capture.h"

/* Rows of fields ("\n" ends a row, NULL ends the list), by rd_put_str. */
static void
put_fields(struct rd_writer *w, const void *arg)
{
	for (const char *const *f = arg; *f != NULL; f++) {
		if (strcmp(*f, "\n") == 0)
			rd_end_row(w);
		else
			rd_put_str(w, *f);
	}
}

/* The same through rd_put_clean. */
static void
put_fields_clean(struct rd_writer *w, const void *arg)
{
	for (const char *const *f = arg; *f != NULL; f++) {
		if (strcmp(*f, "\n") == 0)
			rd_end_row(w);
		else
			rd_put_clean(w, *f, strlen(*f));
	}
}

/* Writes rows of fields ("" ends a row, NULL ends the list) and returns the bytes. */
static char *
render(const struct rd_writer_config *cfg, const char *const *fields)
{
	static char out[4096];

	return capture(cfg, put_fields, fields, out, sizeof out);
}

/* Like render(), through rd_put_clean. */
static char *
render_clean(const struct rd_writer_config *cfg, const char *const *fields,
    char *out, size_t size)
{
	return capture(cfg, put_fields_clean, fields, out, size);
}

static void
put_dates(struct rd_writer *w, const void *arg)
{
	(void)arg;
	rd_put_date_or_empty(w, 20514);		/* 2026-03-02 */
	rd_put_date_or_empty(w, RD_NO_DATE);
	rd_put_date_or_empty(w, 0);		/* 1970-01-01 is a day */
	rd_end_row(w);
}

/* A date, or an empty field for "no such day". */
START_TEST(date_or_empty)
{
	static const struct rd_writer_config csv = { 0 };
	char out[64];

	ck_assert_str_eq(capture(&csv, put_dates, NULL, out, sizeof out),
	    "2026-03-02,,1970-01-01\n");
}
END_TEST

/* Clean values come out as rd_put writes them, in every format. */
START_TEST(clean_values_as_put)
{
	struct rd_writer_config cfgs[] = { { 0 }, { .tsv = true }, { .excel = true },
	    { .crlf = true } };
	const char *const f[] = { "-3.5", "2026-01-02", "no-show", "p000001", "",
	    "12", "\n", "x", "\n", NULL };
	char out[4096];

	for (size_t i = 0; i < sizeof cfgs / sizeof cfgs[0]; i++) {
		render_clean(&cfgs[i], f, out, sizeof out);
		ck_assert_str_eq(out, render(&cfgs[i], f));
	}
	ck_assert_str_eq(out, "-3.5,2026-01-02,no-show,p000001,,12\r\nx\r\n");
	render_clean(&cfgs[2], f, out, sizeof out);
	ck_assert_str_eq(out, "\xEF\xBB\xBF-3,5;2026-01-02;no-show;p000001;;12\r\nx\r\n");
}
END_TEST

/* One value after a first field "a", by rd_put. */
static void
put_after_a(struct rd_writer *w, const void *arg)
{
	rd_put_str(w, "a");
	rd_put_str(w, arg);
	rd_end_row(w);
}

/*
 * The writer tests values a word at a time: a byte that needs quoting is
 * found at every position of values of every length up to 40 bytes, and
 * bytes that need none (a tab in CSV, a comma or quote in TSV) pass.
 */
START_TEST(special_byte_at_every_position)
{
	static const struct rd_writer_config csv = { 0 }, tsv = { .tsv = true };
	/* Below 0x2D or not, and bytes from 0x80 up, next to the special ones. */
	const char bytes[] = ",\"\n\r\t;+ (-\001\377\200";
	char value[48], want[128], out[128];

	for (size_t len = 1; len <= 40; len++)
		for (size_t at = 0; at < len; at++)
			for (const char *b = bytes; *b != '\0'; b++) {
				int quote = strchr(",\"\n\r", *b) != NULL;
				size_t n = 0;

				memset(value, 'x', len);
				value[len] = '\0';
				value[at] = *b;
				n = (size_t)sprintf(want, "a,%s", quote ? "\"" : "");
				for (size_t i = 0; i < len; i++) {
					want[n++] = value[i];
					if (value[i] == '"')
						want[n++] = '"';
				}
				sprintf(want + n, "%s\n", quote ? "\"" : "");
				capture(&csv, put_after_a, value, out, sizeof out);
				ck_assert_str_eq(out, want);
				if (*b == '\t' || *b == '\n' || *b == '\r')
					continue;	/* TSV refuses them: tsv_refuses_* */
				sprintf(want, "a\t%s\n", value);
				capture(&tsv, put_after_a, value, out, sizeof out);
				ck_assert_str_eq(out, want);
			}
}
END_TEST

struct random_rows {
	unsigned long seed;
	char *want;		/* what the rule writes */
};

/* Random rows of random short values, by rd_put and rd_put_clean. */
static void
put_random(struct rd_writer *w, const void *arg)
{
	static const char bytes[] = "ab,\"\r\n -.09\t\377_";
	const struct random_rows *rr = arg;
	unsigned long seed = rr->seed;
	char *want = rr->want;
	size_t o = 0;

	for (int row = 0; row < 20000; row++) {
		int nf = 1 + row % 9;

		for (int f = 0; f < nf; f++) {
			char v[24];
			size_t len;
			int quote = 0, clean = 1;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			len = (seed >> 33) % 21;
			for (size_t i = 0; i < len; i++) {
				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				v[i] = bytes[(seed >> 33) % (sizeof bytes - 1)];
				quote |= strchr(",\"\r\n", v[i]) != NULL;
				clean &= strchr(",;\t\"\r\n", v[i]) == NULL;
			}
			if (f > 0)
				want[o++] = ',';
			if (quote)
				want[o++] = '"';
			for (size_t i = 0; i < len; i++) {
				want[o++] = v[i];
				if (v[i] == '"')
					want[o++] = '"';
			}
			if (quote)
				want[o++] = '"';
			if (clean && (seed >> 62) == 0)
				rd_put_clean(w, v, len);
			else
				rd_put(w, v, len);
		}
		want[o++] = '\n';
		rd_end_row(w);
	}
	want[o] = '\0';
}

/*
 * The in-line way of rd_put and rd_put_clean (writer.h) and the slow one
 * give minimal RFC 4180 quoting for every value, first in its row or
 * not, across many fills of the buffer.
 */
START_TEST(short_values_quoted_as_the_rule)
{
	static const struct rd_writer_config csv = { 0 };
	size_t cap = 20000 * 9 * 48;
	char *want = malloc(cap), *out = malloc(cap);
	struct random_rows arg = { 11, want };

	ck_assert_ptr_nonnull(want);
	ck_assert_ptr_nonnull(out);
	capture(&csv, put_random, &arg, out, cap);
	ck_assert_uint_gt(strlen(want), 2 * 64 * 1024);
	ck_assert(strcmp(out, want) == 0);
	free(want);
	free(out);
}
END_TEST

/* rd_put_plain of the first record of text read with rcfg, on a writer with wcfg. */
static int
plain_put(const char *text, struct rd_reader_config rcfg,
    struct rd_writer_config wcfg, int after_a, char *out, size_t size)
{
	struct rd_reader *r;
	struct rd_writer *w = rd_writer_new_mem(&wcfg);
	struct rd_record rec;
	unsigned long rows;
	size_t len;
	char *mem;
	int done;

	rcfg.no_header = true;
	r = rd_open_mem("t", text, strlen(text), &rcfg);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	if (after_a)
		rd_put_str(w, "a");
	done = rd_put_plain(w, &rec);
	if (!done && !after_a)
		rd_put_record(w, &rec);
	rd_end_row(w);
	mem = rd_writer_mem_take(w, &len, &rows);
	snprintf(out, size, "%.*s", (int)len, mem != NULL ? mem : "");
	free(mem);
	rd_writer_close(w);
	rd_close(r);
	return done;
}

/*
 * rd_put_plain writes a record in one copy only where that is what
 * rd_put_record writes: the line as read, with the writer's delimiter,
 * at the start of a row, no --excel, nothing trimmed.
 */
START_TEST(plain_record_only_as_put)
{
	struct rd_reader_config csv = { .delim = ',' }, semi = { .delim = ';' },
	    tsv = { .tsv = true }, trim = { .delim = ',', .trim = true };
	struct rd_writer_config wcsv = { 0 }, wtsv = { .tsv = true },
	    wexcel = { .excel = true };
	char out[256];

	ck_assert(plain_put("p1,,2026-01-02,\xC3\xA5 x\r\n", csv, wcsv, 0, out, sizeof out));
	ck_assert_str_eq(out, "p1,,2026-01-02,\xC3\xA5 x\n");
	ck_assert(plain_put("a\tb,c\t\n", tsv, wtsv, 0, out, sizeof out));
	ck_assert_str_eq(out, "a\tb,c\t\n");
	/* Another delimiter: a comma in a value must be quoted. */
	ck_assert(!plain_put("a,b;c\n", semi, wcsv, 0, out, sizeof out));
	ck_assert_str_eq(out, "\"a,b\",c\n");
	ck_assert(!plain_put("a\tb\n", tsv, wcsv, 0, out, sizeof out));
	ck_assert(!plain_put("a,b\n", csv, wtsv, 0, out, sizeof out));
	ck_assert(!plain_put("a,b\n", csv, wexcel, 0, out, sizeof out));
	ck_assert(!plain_put(" a , b\n", trim, wcsv, 0, out, sizeof out));
	ck_assert_str_eq(out, "a,b\n");
	/* Quotes: libcsv's record, or TSV's quote kept as it is. */
	ck_assert(!plain_put("\"a\",b\n", csv, wcsv, 0, out, sizeof out));
	ck_assert(!plain_put("\"a\tb\n", tsv, wtsv, 0, out, sizeof out));
	/* Not at the start of a row. */
	ck_assert(!plain_put("x,y\n", csv, wcsv, 1, out, sizeof out));
	ck_assert_str_eq(out, "a\n");
}
END_TEST

/*
 * Lines of every length from 1 to 70 bytes (the one copy goes 16 bytes a
 * step, the last step overlapping), separators anywhere, empty fields at
 * either end: rd_put_plain writes the line back as it was read.
 */
START_TEST(plain_record_every_length)
{
	struct rd_reader_config csv = { .delim = ',' }, tsv = { .tsv = true };
	struct rd_writer_config wcsv = { 0 }, wtsv = { .tsv = true };
	char line[80], want[100], got[100];

	for (size_t len = 1; len <= 70; len++)
		for (size_t every = 1; every <= 9; every += 4)
			for (int t = 0; t <= 1; t++) {
				char sep = t ? '\t' : ',';

				for (size_t i = 0; i < len; i++)
					line[i] = (i * 7 + len) % (every + 2) == 0 ?
					    sep : (char)('a' + i % 26);
				line[len] = '\n';
				line[len + 1] = '\0';
				ck_assert(plain_put(line, t ? tsv : csv, t ? wtsv : wcsv, 0,
				    got, sizeof got));
				snprintf(want, sizeof want, "%s", line);
				ck_assert_str_eq(got, want);
			}
}
END_TEST

/*
 * rd_put_run and rd_put_plain_fields write fields first to end - 1 of a
 * plain record as rd_put writes them one by one: every range of lines of
 * 1 to 45 bytes (in line as words or SSE moves up to 31 bytes, else the
 * copy), fields before and after it put one by one; true for every range.
 * rd_put_row_spliced with the range's own text as mid writes the row the
 * same (the fields around it copied: every length on either side).
 */
static void
put_range(struct rd_writer *w, const struct rd_record *rec, size_t first,
    size_t end, int how)
{
	if (how == 3) {
		/* The range as mid, the fields joined: the row in one call. */
		char mid[64], delim = rd_writer_delim(w);
		size_t n = 0;

		for (size_t i = first; i < end; i++) {
			if (i > first)
				mid[n++] = delim;
			memcpy(mid + n, rec->f[i], rec->len[i]);
			n += rec->len[i];
		}
		ck_assert(rd_put_row_spliced(w, rec, first, end, mid, n));
		return;
	}
	for (size_t i = 0; i < first; i++)
		rd_put(w, rec->f[i], rec->len[i]);
	if (how == 0)
		for (size_t i = first; i < end; i++)
			rd_put(w, rec->f[i], rec->len[i]);
	else if (how == 1)
		ck_assert(rd_put_run(w, rec, first, end));
	else
		ck_assert(rd_put_plain_fields(w, rec, first, end));
	for (size_t i = end; i < rec->n; i++)
		rd_put(w, rec->f[i], rec->len[i]);
	rd_end_row(w);
}

static char *
range_out(const char *line, bool tsv, size_t first, size_t end, int how,
    size_t *nf)
{
	struct rd_reader_config rcfg = { .delim = ',', .tsv = tsv, .no_header = true };
	struct rd_writer_config wcfg = { .tsv = tsv };
	struct rd_reader *r = rd_open_mem("t", line, strlen(line), &rcfg);
	struct rd_writer *w = rd_writer_new_mem(&wcfg);
	struct rd_record rec;
	unsigned long rows;
	size_t len;
	char *mem, *out;

	ck_assert_int_eq(rd_next(r, &rec), 1);
	*nf = rec.n;
	if (end <= rec.n)
		put_range(w, &rec, first, end, how);
	mem = rd_writer_mem_take(w, &len, &rows);
	out = malloc(len + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, mem != NULL ? mem : "", len);
	out[len] = '\0';
	free(mem);
	rd_writer_close(w);
	rd_close(r);
	return out;
}

START_TEST(plain_run_every_range)
{
	char line[64];

	for (size_t len = 1; len <= 45; len++)
		for (int t = 0; t <= 1; t++) {
			char sep = t ? '\t' : ',';
			size_t nf = 0;

			for (size_t i = 0; i < len; i++)
				line[i] = (i * 5 + len) % 4 == 0 ? sep : (char)('a' + i % 26);
			line[len] = '\n';
			line[len + 1] = '\0';
			free(range_out(line, t, 0, 0, 0, &nf));
			for (size_t first = 0; first < nf; first++)
				for (size_t end = first + 1; end <= nf; end++)
					for (int how = 1; how <= 3; how++) {
						char *want = range_out(line, t, first, end, 0, &nf);
						char *got = range_out(line, t, first, end, how, &nf);

						ck_assert_ptr_nonnull(want);
						ck_assert_ptr_nonnull(got);
						ck_assert_str_eq(got, want);
						free(want);
						free(got);
					}
		}
}
END_TEST

/* Across the 64 KiB buffer: every row whole, nothing lost. */
START_TEST(clean_values_fill_the_buffer)
{
	struct rd_writer_config cfg = { 0 };
	enum { ROWS = 20000 };
	static const char *f[3 * ROWS + 1];
	static char out[ROWS * 20];

	for (size_t i = 0; i < ROWS; i++) {
		f[3 * i] = "p000001";
		f[3 * i + 1] = "2026-01-02";
		f[3 * i + 2] = "\n";
	}
	render_clean(&cfg, f, out, sizeof out);
	ck_assert_uint_eq(strlen(out), ROWS * 19);
	for (size_t i = 0; i < ROWS; i++)
		ck_assert_int_eq(memcmp(out + 19 * i, "p000001,2026-01-02\n", 19), 0);
}
END_TEST

/*
 * rd_put_row_spliced on 20,000 rows (past many ends of the 64 KiB buffer:
 * every row whole), and its refusals, which write nothing: a record that
 * is not the line as read (quoted), a row that has a field already.
 */
static void
put_spliced(struct rd_writer *w, const void *arg)
{
	struct rd_reader_config rcfg = { .delim = ',', .no_header = true };
	const char *text = arg;
	struct rd_reader *r = rd_open_mem("t", text, strlen(text), &rcfg);
	struct rd_record rec;
	/* A mid is RD_MID_MAX bytes, its text first: all of it is read. */
	static const char mid[RD_MID_MAX] = "alcohol,etg";

	while (rd_next(r, &rec) == 1) {
		if (rec.plain_sep == 0) {
			ck_assert(!rd_put_row_spliced(w, &rec, 2, 3, mid, 11));
			rd_put_str(w, "quoted");
			rd_end_row(w);
			continue;
		}
		rd_put_str(w, "first");
		ck_assert(!rd_put_row_spliced(w, &rec, 2, 3, mid, 11));
		rd_end_row(w);
		/* A text longer than a mid holds: refused, nothing written. */
		ck_assert(!rd_put_row_spliced(w, &rec, 2, 3, mid, RD_MID_MAX + 1));
		ck_assert(rd_put_row_spliced(w, &rec, 2, 3, mid, 11));
	}
	rd_close(r);
}

START_TEST(spliced_rows_fill_the_buffer)
{
	struct rd_writer_config cfg = { 0 };
	enum { ROWS = 20000 };
	static const char row[] = "p000001,2024-01-02,EtG,u1\n";
	static const char want[] = "first\np000001,2024-01-02,alcohol,etg,u1\n";
	static char in[ROWS * sizeof row + 64], out[ROWS * sizeof want + 64];
	size_t at = 0, wlen = sizeof want - 1;

	for (size_t i = 0; i < ROWS; i++, at += sizeof row - 1)
		memcpy(in + at, row, sizeof row);
	memcpy(in + at, "\"p1\",a,b,c\n", 12);
	capture(&cfg, put_spliced, in, out, sizeof out);
	ck_assert_uint_eq(strlen(out), ROWS * wlen + 7);
	for (size_t i = 0; i < ROWS; i++)
		ck_assert_int_eq(memcmp(out + wlen * i, want, wlen), 0);
	ck_assert_str_eq(out + ROWS * wlen, "quoted\n");
}
END_TEST

/*
 * Every code of every list, a row a list, 300 times (past several ends of
 * the writer's buffer, at every offset), by rd_put_code when *arg, else
 * by rd_put_clean.
 */
static void
put_codes(struct rd_writer *w, const void *arg)
{
	const struct rd_codes *lists[] = { &rd_modality_codes, &rd_setting_codes,
	    &rd_end_reason_codes, &rd_substance_codes, &rd_primary_codes,
	    &rd_sex_codes, &rd_activity_codes, &rd_attendance_codes,
	    &rd_result_codes, &rd_domain_codes, &rd_set_by_codes, &rd_yes_no_codes };
	const int *by_code = arg;

	for (int rep = 0; rep < 300; rep++)
		for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
			for (size_t i = 0; i < lists[l]->n; i++)
				if (*by_code)
					rd_put_code(w, lists[l], (int)i);
				else
					rd_put_clean(w, lists[l]->code[i],
					    strlen(lists[l]->code[i]));
			rd_end_row(w);
		}
}

/* rd_put_code writes what rd_put_clean writes, in every output format. */
START_TEST(codes_as_put_clean)
{
	struct rd_writer_config cfgs[] = { { 0 }, { .tsv = true }, { .excel = true },
	    { .crlf = true } };
	static char a[600000], b[600000];
	const int yes = 1, no = 0;

	rd_codes_prepare();
	for (size_t i = 0; i < sizeof cfgs / sizeof cfgs[0]; i++) {
		capture(&cfgs[i], put_codes, &yes, a, sizeof a);
		capture(&cfgs[i], put_codes, &no, b, sizeof b);
		ck_assert_uint_gt(strlen(a), 200000);
		ck_assert_str_eq(a, b);
	}
}
END_TEST

START_TEST(minimal_quoting)
{
	struct rd_writer_config cfg = { 0 };
	const char *const f[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "cr\r",
	    "", " sp ", "\n", NULL };

	ck_assert_str_eq(render(&cfg, f),
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",, sp \n");
}
END_TEST

START_TEST(crlf)
{
	struct rd_writer_config cfg = { .crlf = true };
	const char *const f[] = { "a", "b", "\n", "c", "\n", NULL };

	ck_assert_str_eq(render(&cfg, f), "a,b\r\nc\r\n");
}
END_TEST

START_TEST(tsv_plain)
{
	struct rd_writer_config cfg = { .tsv = true };
	const char *const f[] = { "a,b", "\"q\"", "", "\n", NULL };

	ck_assert_str_eq(render(&cfg, f), "a,b\t\"q\"\t\n");
}
END_TEST

START_TEST(tsv_refuses_tab)
{
	struct rd_writer_config cfg = { .tsv = true };
	const char *const f[] = { "ok", "\n", "x", "has\ttab", "\n", NULL };

	render(&cfg, f);
}
END_TEST

START_TEST(tsv_refuses_newline)
{
	struct rd_writer_config cfg = { .tsv = true };
	const char *const f[] = { "two\nlines", "\n", NULL };

	render(&cfg, f);
}
END_TEST

START_TEST(excel)
{
	struct rd_writer_config cfg = { .excel = true };
	const char *const f[] = { "id", "0.8125", "-2", "=SUM(A1)", "+-o", "@x",
	    "-", "a;b", "12", "\n", NULL };

	ck_assert_str_eq(render(&cfg, f),
	    "\xEF\xBB\xBFid;0,8125;-2;'=SUM(A1);'+-o;'@x;'-;\"a;b\";12\r\n");
}
END_TEST


START_TEST(large_value)
{
	FILE *tmp = tmpfile();
	struct rd_writer_config cfg = { 0 };
	struct rd_writer *w = rd_writer_new_config(fileno(tmp), &cfg);
	size_t big = 200000;
	char *v = malloc(big);

	memset(v, 'x', big);
	rd_put_str(w, "a");
	rd_put(w, v, big);
	rd_end_row(w);
	rd_writer_close(w);
	ck_assert_int_eq(ftell(tmp) >= 0 ? (long)lseek(fileno(tmp), 0, SEEK_END) : -1,
	    (long)(big + 3));
	free(v);
	fclose(tmp);
}
END_TEST

START_TEST(full_disk_exits_1)
{
	FILE *full = fopen("/dev/full", "w");
	struct rd_writer_config cfg = { 0 };
	struct rd_writer *w;

	ck_assert_ptr_nonnull(full);
	w = rd_writer_new_config(fileno(full), &cfg);
	rd_put_str(w, "x");
	rd_end_row(w);
	rd_writer_close(w);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("writer");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, minimal_quoting);
	tcase_add_test(tc, date_or_empty);
	tcase_add_test(tc, clean_values_as_put);
	tcase_add_test(tc, clean_values_fill_the_buffer);
	tcase_add_test(tc, spliced_rows_fill_the_buffer);
	tcase_add_test(tc, special_byte_at_every_position);
	tcase_add_test(tc, short_values_quoted_as_the_rule);
	tcase_add_test(tc, plain_record_only_as_put);
	tcase_add_test(tc, plain_record_every_length);
	tcase_add_test(tc, codes_as_put_clean);
	tcase_add_test(tc, crlf);
	tcase_add_test(tc, tsv_plain);
	tcase_add_exit_test(tc, tsv_refuses_tab, 1);
	tcase_add_exit_test(tc, tsv_refuses_newline, 1);
	tcase_add_test(tc, excel);
	tcase_add_test(tc, large_value);
	tcase_add_test(tc, plain_run_every_range);
	tcase_add_exit_test(tc, full_disk_exits_1, 1);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
