/*
 * Unit tests of common/episodes.c's reading: the table (episodes in row
 * order, their patients, ids and clinics) and the rejected rows (bad
 * values, an episode_id seen before) are the same bytes in one thread
 * and in two at every chunk size (par.h's rd_par_stage).
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "episodes.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"

/*
 * Patients out of order, an id too long to sit in the id table's slot,
 * a clinic quoted over two lines, a bad date (line 6), an episode_id
 * seen before (line 8, after a good row), an unknown code (line 9), and
 * a second id seen before (line 12).
 */
static const char episodes_csv[] =
    "patient_id,episode_id,clinic,modality,start_date,end_date,end_reason,"
    "referral_date,birth_year\n"
    "P2,E21,c01,cbt,2026-01-05,2026-02-01,completed,2025-12-20,1980\n"
    "P1,E11,c02,mi,2026-02-01,,,,\n"
    "P2,an-episode-id-longer-than-the-slot,\"c\n03\",cbt,2026-03-01,,,,1975\n"
    "P3,E31,c01,cbt,2026-13-01,,,,\n"
    "P3,E32,c01,mi,2026-04-01,2026-05-01,dropout,,\n"
    "P1,E21,c02,cbt,2026-05-01,,,,\n"
    "P1,E12,c02,no-such-modality,2026-05-01,,,,\n"
    "P4,E41,c09,cbt,,,,2026-06-01,\n"
    "P1,E13,c02,cbt,2026-07-01,,,,1990\n"
    "P4,an-episode-id-longer-than-the-slot,c09,cbt,2026-07-01,,,,\n"
    "P5,E51,,mi,2026-08-01,2026-08-20,completed,2026-07-30,2001\n";

static char *
slurp(int fd)
{
	off_t n = lseek(fd, 0, SEEK_END);
	char *text;

	ck_assert_int_ge(n, 0);
	text = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(pread(fd, text, (size_t)n, 0), n);
	text[n] = '\0';
	close(fd);
	return text;
}

/* Appends printf-style text to out (size outsz, used *len). */
static void __attribute__((format(printf, 4, 5)))
add(char *out, size_t outsz, size_t *len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	*len += (size_t)vsnprintf(out + *len, outsz - *len, fmt, ap);
	va_end(ap);
	ck_assert_uint_lt(*len, outsz);
}

/* Everything the table answers, as text. */
static void
describe(const struct rd_episodes *t, char *out, size_t outsz, size_t *len)
{
	for (size_t i = 0; i < rd_episodes_count(t); i++) {
		const struct rd_episode *e = rd_episodes_at(t, i);
		struct rd_episode_brief b;

		add(out, outsz, len, "%zu %s %s [%s] %d %d %d %d %d %d %d %d\n",
		    e->row, e->patient_id, e->episode_id, e->clinic, e->modality,
		    e->setting, e->end_reason, e->sex, e->start, e->end,
		    e->referral, e->birth_year);
		ck_assert_ptr_eq(rd_episodes_by_id(t, e->episode_id,
		    strlen(e->episode_id)), e);
		ck_assert(rd_episodes_by_id_brief(t, e->episode_id,
		    strlen(e->episode_id), e->patient_id, strlen(e->patient_id), &b));
		ck_assert(b.own);
		ck_assert_uint_eq(b.row, i);
	}
	for (size_t p = 0; p < rd_episodes_patients(t); p++) {
		add(out, outsz, len, "patient %zu:", p);
		for (size_t i = 0; i < rd_episodes_patient_size(t, p); i++)
			add(out, outsz, len, " %zu", rd_episodes_patient_row(t, p, i));
		add(out, outsz, len, "\n");
	}
}

static unsigned long rejected;

/* The table and the rejects file of reading the episodes in threads. */
static char *
run(int threads, size_t chunk)
{
	static const struct rd_reader_config cfg = { .delim = ',',
	    .max_field_bytes = 1 << 20 };
	int rfd = memfd_create("rejects", 0);
	struct rd_reader *r;
	struct rd_episodes *t;
	char env[32], path[64], *rej;
	char *out = malloc(8192);
	size_t len = 0;

	ck_assert_ptr_nonnull(out);
	ck_assert_int_ge(rfd, 0);
	snprintf(env, sizeof env, "%zu", chunk);
	setenv("RUSDATA_CHUNK_BYTES", env, 1);
	snprintf(path, sizeof path, "/proc/self/fd/%d", rfd);
	rd_rejects_open(path);
	rd_opt.threads = threads;
	r = rd_open_mem("episodes.csv", episodes_csv, strlen(episodes_csv), &cfg);
	t = rd_episodes_read(r, false);
	rd_close(r);
	/* The count goes on from run to run in one process. */
	ck_assert_uint_eq(rd_rejects_finish() - rejected, 4);
	rejected += 4;
	describe(t, out, 8192, &len);
	rd_episodes_free(t);
	rej = slurp(rfd);
	add(out, 8192, &len, "--\n%s", rej);
	free(rej);
	return out;
}

START_TEST(table_and_rejects)
{
	char *one = run(1, 512 * 1024);

	/* Rows 0-6 are E21, E11, the long id, E32, E41, E13, E51. */
	ck_assert_ptr_nonnull(strstr(one, "\n2 P2 an-episode-id-longer-than-the-slot [c\n03] "));
	ck_assert_ptr_nonnull(strstr(one, "\n6 P5 E51 [] "));
	ck_assert_ptr_nonnull(strstr(one, "patient 0: 0 2\n"));	/* P2 */
	ck_assert_ptr_nonnull(strstr(one, "patient 1: 1 5\n"));	/* P1 */
	ck_assert_ptr_null(strstr(one, "patient 5"));
	ck_assert_ptr_nonnull(strstr(one, ",8,2,episode_id 'E21' appears twice"));
	ck_assert_ptr_nonnull(strstr(one, ",12,2,episode_id "
	    "'an-episode-id-longer-than-the-slot' appears twice"));
	ck_assert(strstr(one, ",6,") < strstr(one, ",8,2,") &&
	    strstr(one, ",8,2,") < strstr(one, ",9,") &&
	    strstr(one, ",9,") < strstr(one, ",12,2,"));
	free(one);
}
END_TEST

START_TEST(two_threads_same_as_one)
{
	char *one = run(1, 512 * 1024);

	for (size_t chunk = 1; chunk < 120; chunk++) {
		char *two = run(2, chunk);

		ck_assert_msg(strcmp(one, two) == 0, "chunk %zu:\n%s\nvs\n%s", chunk,
		    one, two);
		free(two);
	}
	free(one);
}
END_TEST

/*
 * A strict load (rd_episodes_load_hooks) stages each row lean (its three
 * strings, not its record) with the caller's bytes (the hooks' stage).
 * The rows: an id longer than the id table's slot holds, a clinic quoted
 * over two lines, a clinic longer than a lean row's room (so its row is
 * staged in pieces and the caller's bytes of it do not fit the room
 * either), patients out of order.
 */
struct hooked {
	int setting;		/* found by cols */
	char *out;
	size_t len;
};

static void
hooked_cols(void *ctx, const struct rd_reader *r)
{
	((struct hooked *)ctx)->setting = rd_col(r, "setting");
}

/* "setting|clinic|start" of the row when it fits in cap; its length. */
static size_t
hooked_stage(const void *ctx, const struct rd_record *rec,
    const struct rd_episode *e, char *out, size_t cap)
{
	const struct hooked *h = ctx;
	char *text;
	int n = asprintf(&text, "%s|%s|%d", rec->f[h->setting], e->clinic,
	    e->start);

	ck_assert_int_ge(n, 0);
	if ((size_t)n <= cap)
		memcpy(out, text, (size_t)n);
	free(text);
	return (size_t)n;
}

static void
hooked_take(void *ctx, const struct rd_episode *e, const char *bytes, size_t len)
{
	struct hooked *h = ctx;

	add(h->out, 16384, &h->len, "%zu %s %s [%s] %d: %.*s\n", e->row,
	    e->patient_id, e->episode_id, e->clinic, e->modality, (int)len, bytes);
}

static char *
run_hooked(const char *path, int threads, size_t chunk)
{
	struct hooked h = { -1, malloc(16384), 0 };
	struct rd_episode_hooks hooks = { hooked_cols, hooked_stage, hooked_take,
	    &h };
	struct rd_episodes *t;
	char env[32];

	ck_assert_ptr_nonnull(h.out);
	snprintf(env, sizeof env, "%zu", chunk);
	setenv("RUSDATA_CHUNK_BYTES", env, 1);
	rd_opt.threads = threads;
	t = rd_episodes_load_hooks(path, false, &hooks, true);
	add(h.out, 16384, &h.len, "--\n");
	describe(t, h.out, 16384, &h.len);
	rd_episodes_free(t);
	return h.out;
}

START_TEST(lean_rows_with_hooks)
{
	char long_id[41], long_clinic[801], want[1700], path[64], *one;
	int fd = memfd_create("episodes", 0);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	memset(long_id, 'e', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	memset(long_clinic, 'c', sizeof long_clinic - 1);
	long_clinic[sizeof long_clinic - 1] = '\0';
	f = fdopen(dup(fd), "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "patient_id,episode_id,clinic,modality,setting,start_date\n"
	    "P2,E21,c01,cbt,outpatient,2026-01-05\n"
	    "P1,%s,c02,mi,,2026-02-01\n"
	    "P2,E22,\"c\n03\",cbt,inpatient,2026-03-01\n"
	    "P3,E31,%s,cbt,,2026-04-01\n"
	    "P1,E12,c02,mi,outpatient,2026-05-01\n", long_id, long_clinic);
	ck_assert_int_eq(fclose(f), 0);
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	one = run_hooked(path, 1, 512 * 1024);
	ck_assert_ptr_nonnull(strstr(one, "0 P2 E21 [c01] 3: outpatient|c01|20458\n"));
	ck_assert_ptr_nonnull(strstr(one, "2 P2 E22 [c\n03] 3: inpatient|c\n03|20513\n"));
	ck_assert_ptr_nonnull(strstr(one, "1 P1 eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee [c02] 4: |c02|20485\n"));
	snprintf(want, sizeof want, "3 P3 E31 [%s] 3: |%s|20544\n", long_clinic,
	    long_clinic);
	ck_assert_ptr_nonnull(strstr(one, want));
	ck_assert_ptr_nonnull(strstr(one, "4 P1 E12 [c02] 4: outpatient|c02|20574\n"));
	for (size_t chunk = 1; chunk < 1700; chunk += chunk < 200 ? 1 : 97) {
		char *two = run_hooked(path, 2, chunk);

		ck_assert_msg(strcmp(one, two) == 0, "chunk %zu:\n%s\nvs\n%s", chunk,
		    one, two);
		free(two);
	}
	free(one);
	close(fd);
}
END_TEST

/*
 * Clinics are copied once each and shared by their episodes ("c01" and
 * "a01"), and each episode keeps its own clinic when two meet in the
 * table of clinics seen ("Aa" and "BB" do), is empty or longer than the
 * table keeps.
 */
START_TEST(clinics_shared)
{
	static const struct rd_reader_config cfg = { .delim = ',',
	    .max_field_bytes = 1 << 20 };
	static const char csv[] =
	    "patient_id,episode_id,clinic,modality,start_date\n"
	    "P1,E1,c01,cbt,2026-01-05\n"
	    "P1,E2,a01,cbt,2026-01-06\n"
	    "P2,E3,c01,mi,2026-01-07\n"
	    "P2,E4,,mi,2026-01-08\n"
	    "P3,E5,a01,mi,2026-01-09\n"
	    "P3,E6,a-clinic-name-longer-than-32-bytes-kept,mi,2026-01-10\n"
	    "P4,E7,a-clinic-name-longer-than-32-bytes-kept,mi,2026-01-11\n"
	    "P4,E8,Aa,mi,2026-01-12\n"
	    "P4,E9,BB,mi,2026-01-13\n"
	    "P5,E10,Aa,mi,2026-01-14\n";
	static const char *const want[] = { "c01", "a01", "c01", "", "a01",
	    "a-clinic-name-longer-than-32-bytes-kept",
	    "a-clinic-name-longer-than-32-bytes-kept", "Aa", "BB", "Aa" };
	struct rd_reader *r;
	struct rd_episodes *t;

	rd_opt.threads = 1;
	r = rd_open_mem("episodes.csv", csv, strlen(csv), &cfg);
	t = rd_episodes_read(r, false);
	rd_close(r);
	ck_assert_uint_eq(rd_episodes_count(t), 10);
	for (size_t i = 0; i < 10; i++)
		ck_assert_str_eq(rd_episodes_at(t, i)->clinic, want[i]);
	ck_assert_ptr_eq(rd_episodes_at(t, 0)->clinic, rd_episodes_at(t, 2)->clinic);
	ck_assert_ptr_eq(rd_episodes_at(t, 1)->clinic, rd_episodes_at(t, 4)->clinic);
	rd_episodes_free(t);
}
END_TEST

/*
 * The table as text (rows, patients; with lookups, each row found by
 * its id), of any size.
 */
static char *
table_text(const char *path, int threads, bool lookups)
{
	struct rd_episodes *t;
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(f);
	rd_opt.threads = threads;
	t = rd_episodes_load_hooks(path, true, NULL, lookups);
	for (size_t i = 0; i < rd_episodes_count(t); i++) {
		const struct rd_episode *e = rd_episodes_at(t, i);

		if (lookups)
			ck_assert_ptr_eq(rd_episodes_by_id(t, e->episode_id,
			    strlen(e->episode_id)), e);
		fprintf(f, "%zu %s %s %s %d %d %d\n", e->row, e->patient_id,
		    e->episode_id, e->clinic, e->modality, e->start, e->end);
	}
	for (size_t p = 0; p < rd_episodes_patients(t); p++) {
		fprintf(f, "patient %zu:", p);
		for (size_t i = 0; i < rd_episodes_patient_size(t, p); i++)
			fprintf(f, " %zu", rd_episodes_patient_row(t, p, i));
		fprintf(f, "\n");
	}
	rd_episodes_free(t);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

/* A file in memory, open for writing as *f: its descriptor. */
static int
mem_file(FILE **f)
{
	int fd = memfd_create("episodes", 0);

	ck_assert_int_ge(fd, 0);
	*f = fdopen(dup(fd), "w");
	ck_assert_ptr_nonnull(*f);
	return fd;
}

/* The file written (f closed); its path in path (64 bytes). */
static void
mem_file_done(FILE *f, int fd, char *path)
{
	ck_assert_int_eq(fclose(f), 0);
	snprintf(path, 64, "/proc/self/fd/%d", fd);
}

/*
 * A file large enough that its tables are made ready in a thread of
 * their own while the first rows are read (more than 2 MiB of episodes
 * expected from its size): the same table in one thread and in two.
 */
START_TEST(large_file_two_threads)
{
	enum { ROWS = 40000 };
	char path[64], *one, *two;
	FILE *f;
	int fd = mem_file(&f);

	fprintf(f, "patient_id,episode_id,clinic,modality,start_date,end_date,note\n");
	for (int i = 0; i < ROWS; i++)
		fprintf(f, "P%d,E%d-%d,c%02d,%s,2025-%02d-%02d,,%s\n",
		    (i * 7919) % (ROWS / 2), i, i % 3, i % 11, i % 2 ? "cbt" : "mi",
		    1 + i % 12, 1 + i % 28,
		    "a note that makes the row as long as a real one is or longer");
	mem_file_done(f, fd, path);
	unsetenv("RUSDATA_CHUNK_BYTES");
	one = table_text(path, 1, true);
	two = table_text(path, 2, true);
	ck_assert_ptr_nonnull(strstr(one, "\n39999 P"));
	ck_assert(strcmp(one, two) == 0);
	free(one);
	free(two);
	close(fd);
}
END_TEST

/*
 * A file of 40,000 episodes in the order of their ids, but for what
 * variant v puts in: 1, a patient back at row 30,000; 2, an episode id
 * lower than the one before at row 30,000; 3, patients' ids each a
 * prefix of the next, up to 30 bytes; 4, row 30,000's episode id the
 * same as the row's before.  Its path in path (64 bytes).
 */
static int
ordered_file(int v, char *path)
{
	FILE *f;
	int fd = mem_file(&f);

	fprintf(f, "patient_id,episode_id,clinic,modality,start_date,end_date\n");
	for (int i = 0; i < 40000; i++) {
		int patient = i / 2 - (v == 1 && i == 30000 ? 5000 : 0);

		if (v == 3)
			fprintf(f, "Q%.*s,", i / 1400,
			    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		else
			fprintf(f, "P%06d,", patient);
		if (v == 2 && i == 30000)
			fprintf(f, "E000000-9,");
		else if (v == 4 && i == 30000)
			fprintf(f, "E014999-1,");
		else
			fprintf(f, "E%06d-%d,", i / 2, i % 2);
		fprintf(f, "c%02d,%s,2025-%02d-%02d,\n", i % 11, i % 2 ? "cbt" : "mi",
		    1 + i % 12, 1 + i % 28);
	}
	mem_file_done(f, fd, path);
	return fd;
}

/*
 * Loaded without lookups, a file whose ids come in order has no id
 * tables, one out of order gets them at its first row out of order:
 * either way the rows and the patients' numbers are those of a load
 * with lookups, in one thread and in two.
 */
START_TEST(without_lookups_same_table)
{
	for (int v = 0; v <= 3; v++) {
		char path[64];
		int fd = ordered_file(v, path);

		unsetenv("RUSDATA_CHUNK_BYTES");
		for (int threads = 1; threads <= 2; threads++) {
			char *with = table_text(path, threads, true);
			char *without = table_text(path, threads, false);

			ck_assert_ptr_nonnull(strstr(with, "\n39999 "));
			ck_assert_msg(strcmp(with, without) == 0, "variant %d, %d threads",
			    v, threads);
			free(with);
			free(without);
		}
		close(fd);
	}
}
END_TEST

/* An episode id twice in a row is still one too many (it ends a strict load). */
START_TEST(twice_in_a_row_without_lookups)
{
	char path[64];

	ordered_file(4, path);
	rd_opt.threads = 1;
	(void)rd_episodes_load_hooks(path, true, NULL, false);
}
END_TEST

/* A lookup in a table loaded without lookups ends the tool, not a miss. */
START_TEST(lookup_without_tables_dies)
{
	char path[64];
	struct rd_episodes *t;

	ordered_file(0, path);
	rd_opt.threads = 1;
	t = rd_episodes_load_hooks(path, true, NULL, false);
	ck_assert_uint_eq(rd_episodes_count(t), 40000);
	(void)rd_episodes_by_id(t, "E000001-0", 9);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("episodes");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, table_and_rejects);
	tcase_add_test(tc, two_threads_same_as_one);
	tcase_add_test(tc, lean_rows_with_hooks);
	tcase_add_test(tc, clinics_shared);
	tcase_add_test(tc, large_file_two_threads);
	tcase_add_test(tc, without_lookups_same_table);
	tcase_add_exit_test(tc, lookup_without_tables_dies, 1);
	tcase_add_exit_test(tc, twice_in_a_row_without_lookups, 1);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
