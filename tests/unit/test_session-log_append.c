/*
 * Unit tests of what session-log writes to its log: the rows it
 * normalises (sl_put_normalised) and the locked all-or-nothing append
 * (sl_append: mode 0600, the header, torn lines, repeated batches);
 * test_session-log.c has row parsing, the attendance rules and the summary.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "sessionlog.h"
#include "sessions.h"
#include "writer.h"

#include "session_log_files.h"

/* What sl_put_normalised writes for every row of text, with order or not. */
static char *
normalised(const char *text, const size_t *order, bool tsv, size_t *len)
{
	struct rd_reader_config cfg = { .delim = ',', .tsv = tsv,
	    .max_field_bytes = 1 << 20 };
	struct rd_writer_config wcfg = { .tsv = tsv };
	struct rd_reader *r = rd_open_mem("t.csv", text, strlen(text), &cfg);
	struct rd_writer *w = rd_writer_new_mem(&wcfg);
	struct rd_session_cols c;
	struct rd_record rec;
	struct rd_session s;
	unsigned long rows;
	char *out;

	rd_session_cols(r, &c);
	while (rd_next_good(r, &rec) > 0)
		if (rd_session_parse(r, &rec, &c, &s))
			sl_put_normalised(w, &rec, &c, &s, order);
	out = rd_writer_mem_take(w, len, &rows);
	rd_writer_close(w);
	rd_close(r);
	return out;
}

/*
 * A row whose every field would come out as it came in goes out in one
 * copy: on rows of random spellings (codes in any case, numbers with
 * signs and leading zeros, scores with and without a decimal, dates in
 * both forms, quoted fields) the output is byte for byte that of the
 * field by field way (an order, even the identity, always takes it), in
 * CSV and TSV.
 */
START_TEST(rows_as_is_in_one_copy)
{
	static const char *const acts[] = { "group", "GROUP", "Group", "network",
	    "\"group\"", "crisis-plan" };
	static const char *const atts[] = { "attended", "Attended", "no-show" };
	static const char *const nums[] = { "", "0", "00", "7", "07", "+7", "90",
	    "090", "1440", "100" };
	static const char *const scores[] = { "", "0", "0.0", "0.5", "00.5", "7",
	    "7.0", "25.5", "+25.5", "40", "40.0", "4.", "12.3" };
	static const char *const ids[] = { "p1", "P-1.x", "s01_07", "\"q\"" };
	static const size_t identity[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	static char text[200000];
	unsigned long seed = 9;
	size_t o;

	rd_rejects_open("/dev/null");	/* bad values go on, not stop the test */
	for (int tsv = 0; tsv <= 1; tsv++) {
		char sep = tsv ? '\t' : ',';

		o = (size_t)sprintf(text, "patient_id%cdate%cactivity%cattendance%c"
		    "minutes%cparticipants%cors%csrs%cstaff_id%cnote\n", sep, sep, sep,
		    sep, sep, sep, sep, sep, sep);
		for (int n = 0; n < 2000; n++) {
			unsigned long x[10];

			for (int i = 0; i < 10; i++) {
				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				x[i] = seed >> 33;
			}
			o += (size_t)sprintf(text + o, "%s%c%s%c%s%c%s%c%s%c%s%c%s%c%s%c%s%c%s\n",
			    ids[x[0] % 4], sep, x[1] % 5 ? "2026-03-02" : "02.03.2026", sep,
			    acts[x[2] % 6], sep, atts[x[3] % 3], sep, nums[x[4] % 10], sep,
			    nums[x[5] % 10], sep, scores[x[6] % 13], sep, scores[x[7] % 13],
			    sep, ids[x[8] % 4], sep, x[9] % 2 ? "a b" : "\xC3\xA5");
		}
		size_t la, lb;
		char *a = normalised(text, NULL, tsv, &la);
		char *b = normalised(text, identity, tsv, &lb);

		ck_assert_uint_gt(la, 20000);
		ck_assert(la == lb && memcmp(a, b, la) == 0);
		free(a);
		free(b);
	}
}
END_TEST

static char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

#define HEADER "patient_id,date\n"

START_TEST(append_new_file_mode_0600)
{
	char path[] = "/tmp/test_session_log_new_XXXXXX";
	const char *batch = HEADER "P1,2026-03-02\n";
	struct stat st;
	int fd = mkstemp(path);

	close(fd);
	unlink_log(path);
	ck_assert_int_eq(sl_append(path, batch, strlen(batch), strlen(HEADER)), 0);
	ck_assert_str_eq(slurp(path), batch);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	/* The same batch again is refused; another one goes in. */
	ck_assert_int_eq(sl_append(path, batch, strlen(batch), strlen(HEADER)), -1);
	ck_assert_str_eq(slurp(path), batch);
	batch = HEADER "P2,2026-03-02\n";
	ck_assert_int_eq(sl_append(path, batch, strlen(batch), strlen(HEADER)), 0);
	ck_assert_str_eq(slurp(path), HEADER "P1,2026-03-02\nP2,2026-03-02\n");
	unlink_log(path);
}
END_TEST

START_TEST(append_refuses_another_header)
{
	const char *before = "patient_id,date,x\nP0,2026-01-01,\n";
	const char *batch = HEADER "P1,2026-03-02\n";
	char *path = temp_file(before);

	ck_assert_int_eq(sl_append(path, batch, strlen(batch), strlen(HEADER)), -1);
	ck_assert_str_eq(slurp(path), before);
	unlink_log(path);
	path = temp_file("patient_id\n");	/* shorter header */
	ck_assert_int_eq(sl_append(path, batch, strlen(batch), strlen(HEADER)), -1);
	ck_assert_str_eq(slurp(path), "patient_id\n");
	unlink_log(path);
}
END_TEST

START_TEST(append_repairs_torn_lines)
{
	const char *batch = HEADER "P1,2026-03-02\n";
	char *path = temp_file(HEADER "P0,2026-01-01\nP9,20");

	ck_assert_int_eq(sl_append(path, batch, strlen(batch), strlen(HEADER)), 0);
	ck_assert_str_eq(slurp(path), HEADER "P0,2026-01-01\nP1,2026-03-02\n");
	unlink_log(path);
	/* A header's beginning without a journal is someone else's file. */
	path = temp_file("patient_i");
	ck_assert_int_eq(sl_append(path, batch, strlen(batch), strlen(HEADER)), -1);
	ck_assert_str_eq(slurp(path), "patient_i");
	unlink_log(path);
	path = temp_file(HEADER);	/* header only, nothing to add */
	ck_assert_int_eq(sl_append(path, HEADER, strlen(HEADER), strlen(HEADER)), 0);
	ck_assert_str_eq(slurp(path), HEADER);
	unlink_log(path);
}
END_TEST

static Suite *
session_log_append_suite(void)
{
	Suite *s = suite_create("session-log append");
	TCase *normalise = tcase_create("normalise");
	TCase *append = tcase_create("append");

	tcase_add_test(normalise, rows_as_is_in_one_copy);
	tcase_add_test(append, append_new_file_mode_0600);
	tcase_add_test(append, append_refuses_another_header);
	tcase_add_test(append, append_repairs_torn_lines);
	suite_add_tcase(s, normalise);
	suite_add_tcase(s, append);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(session_log_append_suite());
	int failed;

	rd_opts_init("test_session-log_append", "");
	rd_opts_done();
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
