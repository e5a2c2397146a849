/* Unit tests of common/reader.c: CSV and TSV records, line numbers, errors. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"
#include "scan.h"

static struct rd_reader *
open_csv(const char *text, int fast)
{
	struct rd_reader_config cfg = { .delim = ',', .no_header = true,
	    .no_fast_path = !fast };

	return rd_open_mem("t", text, strlen(text), &cfg);
}

/*
 * Reads every record of text as "f1|f2|...@line" joined by newlines, a
 * bad record marked with "!"; every record must have want fields (0: any).
 */
static char *
dump_n(const char *text, int fast, int tsv, size_t want, size_t max_field)
{
	struct rd_reader_config cfg = { .delim = ',', .no_header = true,
	    .no_fast_path = !fast, .tsv = tsv, .expect_fields = want,
	    .max_field_bytes = max_field };
	struct rd_reader *r = rd_open_mem("t", text, strlen(text), &cfg);
	struct rd_record rec;
	static char out[4096];
	size_t o = 0;
	int got;

	out[0] = '\0';
	while ((got = rd_next(r, &rec)) != 0) {
		for (size_t i = 0; i < rec.n; i++)
			o += (size_t)snprintf(out + o, sizeof out - o, "%s%s",
			    i ? "|" : "", rec.f[i]);
		o += (size_t)snprintf(out + o, sizeof out - o, "@%ld%s\n", rec.line,
		    got < 0 ? "!" : "");
	}
	rd_close(r);
	return out;
}

static char *
dump(const char *text, int fast, int tsv)
{
	return dump_n(text, fast, tsv, 0, 0);
}

START_TEST(quoted_fields)
{
	const char *in = "a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",x,y\nlast,1,2\n";
	const char *want = "a|b,c|say \"hi\"@1\nmulti\nline|x|y@2\nlast|1|2@4\n";

	ck_assert_str_eq(dump(in, 1, 0), want);
	ck_assert_str_eq(dump(in, 0, 0), want);
}
END_TEST

START_TEST(empty_lines_counted_and_crlf)
{
	const char *in = "a,b\r\n\r\n\nc,d\r\ne,\"f\"\r\n";

	ck_assert_str_eq(dump(in, 1, 0), "a|b@1\nc|d@4\ne|f@5\n");
}
END_TEST

START_TEST(last_line_without_newline)
{
	ck_assert_str_eq(dump("a,b\nc,d", 1, 0), "a|b@1\nc|d@2\n");
	ck_assert_str_eq(dump("a,b\n\"c\",d", 1, 0), "a|b@1\nc|d@2\n");
}
END_TEST

START_TEST(spaces_kept)
{
	/* libcsv would trim these without a space function. */
	ck_assert_str_eq(dump(" a , b\t\n", 0, 0), " a | b\t@1\n");
	/* A line that does not parse is its raw text split at the commas. */
	ck_assert_str_eq(dump(" a , \"b\"\n", 0, 0), " a | \"b\"@1!\n");
}
END_TEST

START_TEST(tsv_split)
{
	ck_assert_str_eq(dump("a\t\"b\"\tc,d\r\n\nx\t\ty\n", 1, 1),
	    "a|\"b\"|c,d@1\nx||y@3\n");
}
END_TEST

START_TEST(bom_dropped)
{
	ck_assert_str_eq(dump("\xEF\xBB\xBFid,x\n1,2\n", 1, 0), "id|x@1\n1|2@2\n");
}
END_TEST

static const struct rd_read_error *
first_error(const char *text, int fast, struct rd_reader **rp)
{
	struct rd_reader *r = open_csv(text, fast);
	struct rd_record rec;
	int got;

	*rp = r;
	while ((got = rd_next(r, &rec)) > 0)
		;
	return got < 0 ? rd_error(r) : NULL;
}

START_TEST(unterminated_quote)
{
	struct rd_reader *r;
	const struct rd_read_error *e = first_error("a,b\nc,\"open\nmore\n", 1, &r);

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->line, 2);
	ck_assert_int_eq(e->col, 2);
	ck_assert_ptr_nonnull(strstr(e->msg, "not closed"));
	rd_close(r);
}
END_TEST

START_TEST(quote_inside_field)
{
	struct rd_reader *r;
	const struct rd_read_error *e = first_error("a,b\nc,d\"e\n", 1, &r);

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->line, 2);
	ck_assert_int_eq(e->col, 2);
	rd_close(r);
}
END_TEST

START_TEST(invalid_utf8_and_nul)
{
	struct rd_reader *r;
	const struct rd_read_error *e = first_error("a,b\nok,bad\xC3(\n", 1, &r);

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->line, 2);
	ck_assert_int_eq(e->col, 2);
	ck_assert_ptr_nonnull(strstr(e->msg, "--latin1"));
	rd_close(r);
	/* In the second line of a quoted field, after a clean first line. */
	e = first_error("a,b\nok,\"fine\nbad\xC3(\"\n", 1, &r);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->line, 2);
	ck_assert_int_eq(e->col, 2);
	rd_close(r);

	static const char nul[] = "a,b\nx\0y,z\n";
	struct rd_reader_config cfg = { .delim = ',', .no_header = true };
	struct rd_record rec;
	r = rd_open_mem("t", nul, sizeof nul - 1, &cfg);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_int_eq(rd_next(r, &rec), -1);
	ck_assert_int_eq(rd_error(r)->col, 1);
	ck_assert_ptr_nonnull(strstr(rd_error(r)->msg, "NUL"));
	rd_close(r);
}
END_TEST

START_TEST(latin1_transcoded)
{
	struct rd_reader_config cfg = { .delim = ',', .no_header = true, .latin1 = true };
	const char in[] = "G\xF6teborg,\x80\n";
	struct rd_reader *r = rd_open_mem("t", in, sizeof in - 1, &cfg);
	struct rd_record rec;

	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_str_eq(rec.f[0], "G\xC3\xB6teborg");
	ck_assert_str_eq(rec.f[1], "\xE2\x82\xAC");
	rd_close(r);
}
END_TEST

START_TEST(field_too_long)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 8 };
	const char *in = "h1,h2\nshort,123456789\n\"quoted\",\"0123456789abc\"\nok,fine\n";
	struct rd_reader *r = rd_open_mem("t", in, strlen(in), &cfg);
	struct rd_record rec;

	ck_assert_int_eq(rd_next(r, &rec), -1);
	ck_assert_int_eq(rd_error(r)->line, 2);
	ck_assert_int_eq(rd_error(r)->col, 2);
	ck_assert_int_eq(rd_next(r, &rec), -1);
	ck_assert_int_eq(rd_error(r)->line, 3);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_str_eq(rec.f[1], "fine");
	ck_assert_int_eq(rec.line, 4);
	rd_close(r);
}
END_TEST

START_TEST(ragged_rows_and_header_lookup)
{
	struct rd_reader_config cfg = { .delim = ';' };
	const char *in = "id;date;x\n1;2\n1;2;3;4\n1;2;3\n";
	struct rd_reader *r = rd_open_mem("t", in, strlen(in), &cfg);
	struct rd_record rec;

	ck_assert_int_eq(rd_col(r, "date"), 1);
	ck_assert_int_eq(rd_col(r, "nope"), -1);
	/* Too short: the first missing column; too long: the first extra one. */
	ck_assert_int_eq(rd_next(r, &rec), -1);
	ck_assert_int_eq(rd_error(r)->col, 3);
	ck_assert_int_eq(rd_next(r, &rec), -1);
	ck_assert_int_eq(rd_error(r)->col, 4);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_int_eq(rd_next(r, &rec), 0);
	rd_close(r);
}
END_TEST

START_TEST(duplicate_header_exits)
{
	struct rd_reader_config cfg = { .delim = ',' };

	rd_open_mem("t", "a,b,a\n", 6, &cfg);
}
END_TEST

START_TEST(empty_input_exits)
{
	struct rd_reader_config cfg = { .delim = ',' };

	rd_open_mem("t", "\n\n", 2, &cfg);
}
END_TEST

START_TEST(missing_required_column_exits_2)
{
	struct rd_reader_config cfg = { .delim = ',' };
	struct rd_reader *r = rd_open_mem("t", "a,b\n", 4, &cfg);

	rd_col_required(r, "patient_id");
}
END_TEST

START_TEST(bare_cr_is_an_error)
{
	ck_assert_str_eq(dump("a\rb,c\n", 1, 0), "a\rb|c@1!\n");
	ck_assert_str_eq(dump("\"a\rb\",c\n", 1, 0), "a\rb|c@1\n");
	/* Found by fuzz_diff: a CR ending a row before a quoted field opens. */
	const char *in = "x\ry,\"multi\nl\nline";
	char fast[4096];

	snprintf(fast, sizeof fast, "%s", dump(in, 1, 0));
	ck_assert_str_eq(fast, dump(in, 0, 0));
	ck_assert_str_eq(fast, "x\ry|\"multi@1!\nl@2\nline@3\n");
}
END_TEST

START_TEST(bare_cr_names_its_column)
{
	struct rd_reader *r;
	const struct rd_read_error *e = first_error("a,b,c\nx,y\rz,w\n", 1, &r);

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->line, 2);
	ck_assert_int_eq(e->col, 2);
	rd_close(r);
	e = first_error("a,b,c\nx,y,\rz\n", 1, &r);
	ck_assert_int_eq(e->col, 3);
	rd_close(r);
}
END_TEST

/*
 * An unbalanced quote: the record it starts runs over line ends and then
 * has the wrong number of fields, runs past the end of input or past the
 * field limit.  Its first line is rejected as raw text; reading resumes on
 * the next line, so every line is a record.
 */
START_TEST(unbalanced_quote_recovers)
{
	const char *in = "1,\"2,3\n4,5,6\n7\",8,9\nx,y,z\n";
	const char *want = "1|\"2|3@1!\n4|5|6@2\n7\"|8|9@3!\nx|y|z@4\n";

	ck_assert_str_eq(dump_n(in, 1, 0, 3, 0), want);
	ck_assert_str_eq(dump_n(in, 0, 0, 3, 0), want);
	/* With the right number of fields the record stands (RFC 4180). */
	ck_assert_str_eq(dump_n("1,\"2\n3\",4\n", 1, 0, 3, 0), "1|2\n3|4@1\n");
	/* Never closed: CRLF line ends are not part of the raw text. */
	ck_assert_str_eq(dump_n("1,\"2,3\r\n4,5,6\r\n", 1, 0, 3, 0),
	    "1|\"2|3@1!\n4|5|6@2\n");
	ck_assert_str_eq(dump_n("1,2,\"3", 1, 0, 3, 0), "1|2|\"3@1!\n");
	/* Past the field limit. */
	ck_assert_str_eq(dump_n("1,\"2,3\n4,5,6\n7,8,9\n", 1, 0, 3, 8),
	    "1|\"2|3@1!\n4|5|6@2\n7|8|9@3\n");
	/* A bad line inside the quoted field: the quote was the first line's. */
	ck_assert_str_eq(dump_n("1,\"2,3\n4,5\"x\n7,8,9\n", 1, 0, 3, 0),
	    "1|\"2|3@1!\n4|5\"x@2!\n7|8|9@3\n");
}
END_TEST

START_TEST(unbalanced_quote_error)
{
	struct rd_reader_config cfg = { .delim = ',' };
	const char *in = "a,b,c\n1,\"2,3\n4\",5,6\n";
	struct rd_reader *r = rd_open_mem("t", in, strlen(in), &cfg);
	struct rd_record rec;

	ck_assert_int_eq(rd_next(r, &rec), -1);
	ck_assert_int_eq(rd_error(r)->line, 2);
	ck_assert_int_eq(rd_error(r)->col, 2);
	ck_assert_ptr_nonnull(strstr(rd_error(r)->msg, "unbalanced quote"));
	ck_assert_int_eq(rec.line, 2);
	ck_assert_int_eq(rd_next(r, &rec), -1);
	ck_assert_int_eq(rec.line, 3);
	ck_assert_int_eq(rd_next(r, &rec), 0);
	rd_close(r);
}
END_TEST

/* Each reader keeps its own --max-field, also for the fields libcsv parses. */
START_TEST(field_cap_per_reader)
{
	static char text[3000];
	struct rd_reader_config wide = { .delim = ',', .no_header = true,
	    .no_fast_path = true, .max_field_bytes = 1 << 20 };
	struct rd_reader_config narrow = wide;
	struct rd_reader *a, *b;
	struct rd_record rec;

	narrow.max_field_bytes = 256;
	text[0] = '"';
	memset(text + 1, 'x', 2000);
	strcpy(text + 2001, "\"\n");
	a = rd_open_mem("a", text, strlen(text), &wide);
	b = rd_open_mem("b", text, strlen(text), &narrow);
	ck_assert_int_eq(rd_next(a, &rec), 1);
	ck_assert_uint_eq(rec.len[0], 2000);
	ck_assert_int_eq(rd_next(b, &rec), -1);
	rd_close(a);
	rd_close(b);
}
END_TEST

/*
 * The plain rule, by hand: lines end at LF, a CR before it goes, empty
 * lines are skipped but counted, fields end at sep.  What the indexed
 * fast path must give for lines without quotes (TSV: with them too).
 */
static void
plain_split(const char *text, size_t len, char sep, char *out, size_t cap)
{
	size_t o = 0, line = 0;

	out[0] = '\0';
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end;
		size_t n = (size_t)(le - p);

		line++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0) {
			for (size_t i = 0; i < n; i++)
				out[o++] = p[i] == sep ? '|' : p[i];
			o += (size_t)snprintf(out + o, cap - o, "@%zu\n", line);
		}
		p = nl != NULL ? nl + 1 : end;
	}
	out[o] = '\0';
}

/* Every record of the file at path, as dump_n writes them. */
static void
dump_file(const char *path, int tsv, char *out, size_t cap)
{
	struct rd_reader_config cfg = { .delim = ',', .no_header = true, .tsv = tsv };
	struct rd_reader *r = rd_open_config(path, &cfg);
	struct rd_record rec;
	size_t o = 0;
	int got;

	long bad = 0;	/* counted: Check is slow at asserting one by one */

	out[0] = '\0';
	while ((got = rd_next(r, &rec)) != 0) {
		bad += got != 1;
		for (size_t i = 0; i < rec.n; i++) {
			bad += strlen(rec.f[i]) != rec.len[i];
			if (i > 0)
				out[o++] = '|';
			memcpy(out + o, rec.f[i], rec.len[i]);
			o += rec.len[i];
		}
		o += (size_t)snprintf(out + o, cap - o, "@%ld\n", rec.line);
	}
	rd_close(r);
	ck_assert_int_eq(bad, 0);
}

/*
 * Lines of every shape the one-walk split takes or hands on (CR LF, empty
 * lines, UTF-8, more than 32 fields, a bare CR and quotes in TSV), over
 * many reads (the file is larger than a read, so lines cross the ends of
 * reads), give the records of the plain rule, on both scans, split in
 * batches or the general way.
 */
START_TEST(plain_lines_across_reads)
{
	static const char *shapes[] = { "p000001,2024-01-05,attended,,s01-07",
	    "a,b\r", "", "\r", "G\xC3\xB6teborg,\xE2\x82\xAC,x", ",,,", "x",
	    "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,"
	    "26,27,28,29,30,31,32,33,34,35,36,37,38,39,40", "tab\there,ok",
	    "\xC3\xA5,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,"
	    "24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40" };
	static const char *tsv_shapes[] = { "say \"hi\"", "inner\rcr", "\"" };
	size_t cap = 700000;
	char *text = malloc(cap), *want = malloc(2 * cap), *got = malloc(2 * cap);
	char path[] = "/tmp/test_reader_XXXXXX";
	unsigned seed = 7;

	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(want);
	ck_assert_ptr_nonnull(got);
	for (int tsv = 0; tsv <= 1; tsv++) {
		size_t len = 0;

		while (len < cap - 200) {
			size_t ns = sizeof shapes / sizeof shapes[0];
			const char *s;

			seed = seed * 1103515245u + 12345u;
			s = tsv && (seed >> 16) % 7 == 0 ?
			    tsv_shapes[(seed >> 20) % 3] : shapes[(seed >> 16) % ns];
			for (const char *c = s; *c != '\0'; c++)
				text[len++] = tsv && *c == ',' ? '\t' :
				    tsv && *c == '\t' ? ',' : *c;
			text[len++] = '\n';
		}
		len -= (seed >> 16) % 2;	/* sometimes no LF at the end */
		plain_split(text, len, tsv ? '\t' : ',', want, 2 * cap);
		int fd = mkstemp(path);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
		close(fd);
		for (int way = 0; way < 4; way++) {
			rd_scan_use_simd(way & 1);
			rd_reader_use_batch(way >> 1);
			dump_file(path, tsv, got, 2 * cap);
			ck_assert(strcmp(got, want) == 0);
		}
		unlink(path);
		strcpy(path, "/tmp/test_reader_XXXXXX");
	}
	rd_scan_use_simd(1);
	rd_reader_use_batch(1);
	free(text);
	free(want);
	free(got);
	/* A first record of one field, before any room for fields was made. */
	ck_assert_str_eq(dump("x\n", 1, 0), "x@1\n");
	ck_assert_str_eq(dump("x\n", 1, 1), "x@1\n");
	/* A batch's line made a record when the record's room is too small. */
	ck_assert_str_eq(dump_n("\xC3\xA5,1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0,"
	    "1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9\nb\n", 1, 0, 0, 0),
	    "\xC3\xA5|1|2|3|4|5|6|7|8|9|0|1|2|3|4|5|6|7|8|9|0|"
	    "1|2|3|4|5|6|7|8|9|0|1|2|3|4|5|6|7|8|9@1\nb@2\n");
}
END_TEST

/*
 * The lines a batch split ahead are handed over as they were read (their
 * separators and line ends back, CR LF too), and read again from there.
 */
START_TEST(take_rest_after_batch)
{
	struct rd_reader_config cfg = { .delim = ',' };
	char in[4096], *ahead;
	size_t n = 0, off = 0, len;
	long line;
	struct rd_reader *r;
	struct rd_record rec;

	n += (size_t)sprintf(in, "a,b,c\n");
	for (int i = 0; i < 60; i++) {
		if (i == 3)
			off = n;
		n += (size_t)sprintf(in + n, "%d,x%d,y%s", i, i, i % 3 ? "\n" : "\r\n");
	}
	r = rd_open_mem("t", in, n, &cfg);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(rd_next(r, &rec), 1);
		ck_assert_int_eq(atoi(rec.f[0]), i);
	}
	ck_assert_int_eq(rd_take_rest(r, &ahead, &len, &line), -1);
	ck_assert_int_eq(line, 4);
	ck_assert_uint_eq(len, n - off);
	ck_assert_int_eq(memcmp(ahead, in + off, len), 0);
	rd_give_back(r, ahead, len, line, true);
	free(ahead);
	for (int i = 3; i < 60; i++) {
		ck_assert_int_eq(rd_next(r, &rec), 1);
		ck_assert_int_eq(atoi(rec.f[0]), i);
		ck_assert_int_eq(rec.line, i + 2);
		ck_assert_uint_eq(rec.len[2], 1);
	}
	ck_assert_int_eq(rd_next(r, &rec), 0);
	rd_close(r);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("reader");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, quoted_fields);
	tcase_add_test(tc, empty_lines_counted_and_crlf);
	tcase_add_test(tc, last_line_without_newline);
	tcase_add_test(tc, spaces_kept);
	tcase_add_test(tc, tsv_split);
	tcase_add_test(tc, bom_dropped);
	tcase_add_test(tc, unterminated_quote);
	tcase_add_test(tc, quote_inside_field);
	tcase_add_test(tc, invalid_utf8_and_nul);
	tcase_add_test(tc, latin1_transcoded);
	tcase_add_test(tc, field_too_long);
	tcase_add_test(tc, ragged_rows_and_header_lookup);
	tcase_add_test(tc, bare_cr_is_an_error);
	tcase_add_test(tc, bare_cr_names_its_column);
	tcase_add_test(tc, unbalanced_quote_recovers);
	tcase_add_test(tc, unbalanced_quote_error);
	tcase_add_test(tc, field_cap_per_reader);
	tcase_add_test(tc, plain_lines_across_reads);
	tcase_add_test(tc, take_rest_after_batch);
	tcase_set_timeout(tc, 60);
	tcase_add_exit_test(tc, duplicate_header_exits, 1);
	tcase_add_exit_test(tc, empty_input_exits, 1);
	tcase_add_exit_test(tc, missing_required_column_exits_2, 2);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
