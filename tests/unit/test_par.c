/*
 * Unit tests of common/par.c and the reader's chunks under it: where the
 * splitter cuts (quotes across a cut, CRLF, no final line feed, empty
 * lines), what a chunk reader does with a record left open at a chunk's
 * end, and rd_par_rows giving, in two threads and in chunks of every
 * small size, the bytes one thread gives; rd_par_write the same.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "opts.h"
#include "par.h"
#include "reader.h"
#include "rejects.h"
#include "writer.h"

static size_t
cut(const char *s, size_t want, bool at_eof)
{
	return rd_par_cut(s, strlen(s), want, at_eof, false);
}

START_TEST(cut_at_last_line_end_before_want)
{
	const char *s = "a,b\nc,d\ne,f\ng,h\n";

	ck_assert_uint_eq(cut(s, 10, false), 8);
	ck_assert_uint_eq(cut(s, 8, false), 8);
	/* Not enough read yet: more input first. */
	ck_assert_uint_eq(rd_par_cut(s, 8, 10, false, false), 0);
	/* No line end before want: the first after it. */
	ck_assert_uint_eq(cut("abcdefgh\nij\n", 3, false), 9);
	ck_assert_uint_eq(rd_par_cut("abcdefgh", 8, 3, false, false), 0);
}
END_TEST

START_TEST(cut_not_inside_quotes)
{
	/* The line end at 13 is inside "x\ny": the cut goes back to 4. */
	const char *s = "a,b\nc,\"x\ny\"\ne,f\n";

	ck_assert_uint_eq(cut(s, 11, false), 4);
	/* Past the quoted field, the quotes balance again. */
	ck_assert_uint_eq(cut(s, 14, false), 12);
	/* TSV has no quoting: every line end will do. */
	ck_assert_uint_eq(rd_par_cut(s, strlen(s), 11, false, true), 9);
	/* No balanced line end at all: the cut stays, the reader sorts it out. */
	ck_assert_uint_eq(cut("\"a\nb\nc\n", 6, false), 5);
}
END_TEST

START_TEST(cut_crlf_empty_lines_and_end)
{
	/* The CR stays with its line; the cut is after the LF. */
	ck_assert_uint_eq(cut("a,b\r\nc,d\r\ne\r\n", 9, false), 5);
	ck_assert_uint_eq(cut("\n\n\n\n\n", 3, false), 3);
	/* At the end of input: the rest, with or without a final line feed. */
	ck_assert_uint_eq(cut("a,b\nc,d", 100, true), 7);
	ck_assert_uint_eq(cut("abcdefgh", 3, true), 8);
	ck_assert_uint_eq(cut("", 3, true), 0);
}
END_TEST

static struct rd_reader *
parent(const char *text)
{
	static const struct rd_reader_config cfg = { 0 };

	return rd_open_mem("in", text, strlen(text), &cfg);
}

/* A quoted field open at a chunk's end: the record is left to the caller. */
START_TEST(chunk_leaves_open_record)
{
	struct rd_reader *p = parent("h1,h2\n");
	struct rd_reader *r = rd_chunk_reader(p);
	char data[] = "a,b\n\nc,\"x\ny,z\n";
	struct rd_record rec;
	long line;

	rd_chunk_start(r, data, strlen(data), 10, false);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_int_eq(rec.line, 11);
	ck_assert_str_eq(rec.f[1], "b");
	ck_assert_int_eq(rd_next(r, &rec), 0);
	ck_assert_uint_eq(rd_chunk_rest(r, &line), 5);
	ck_assert_int_eq(line, 12);	/* lines before "c,..." (the empty one counts) */

	/* The same bytes as the last chunk: the quote is the first line's error. */
	char again[] = "a,b\n\nc,\"x\ny,z\n";
	rd_chunk_start(r, again, strlen(again), 10, true);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_int_eq(rd_next(r, &rec), -1);
	ck_assert_int_eq(rd_error(r)->line, 13);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_int_eq(rec.line, 14);
	ck_assert_str_eq(rec.f[0], "y");
	ck_assert_int_eq(rd_next(r, &rec), 0);
	ck_assert_uint_eq(rd_chunk_rest(r, &line), sizeof again - 1);
	rd_close(r);
	rd_close(p);
}
END_TEST

/* Only empty lines, or nothing: no records, and no record left open. */
START_TEST(chunk_of_empty_lines)
{
	struct rd_reader *p = parent("h1,h2\n");
	struct rd_reader *r = rd_chunk_reader(p);
	char data[] = "\n\r\n\n";
	struct rd_record rec;
	long line;

	rd_chunk_start(r, data, strlen(data), 1, false);
	ck_assert_int_eq(rd_next(r, &rec), 0);
	ck_assert_uint_eq(rd_chunk_rest(r, &line), strlen(data));
	rd_chunk_start(r, data, 0, 4, true);
	ck_assert_int_eq(rd_next(r, &rec), 0);
	rd_close(r);
	rd_close(p);
}
END_TEST

/* Every record out as it is, with its line; 'bad' in a field rejects it. */
static void
copy_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	struct rd_record rec;

	(void)arg;
	while (rd_next_good(r, &rec) > 0) {
		if (rec.n > 1 && strcmp(rec.f[1], "bad") == 0) {
			rd_reject(r, &rec, 1, "bad value");
			continue;
		}
		rd_put_long(w, rec.line);
		rd_put_record(w, &rec);
		rd_end_row(w);
	}
}

static char *
slurp(int fd, size_t *len)
{
	off_t n = lseek(fd, 0, SEEK_END);
	char *text;

	ck_assert_int_ge(n, 0);
	text = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(pread(fd, text, (size_t)n, 0), n);
	text[n] = '\0';
	*len = (size_t)n;
	close(fd);
	return text;
}

/*
 * What rd_par_rows writes for text in threads with chunks of chunk bytes:
 * the output, a line "--", the rejects file.
 */
static char *
run_with(const char *text, int threads, size_t chunk, rd_par_rows_fn *rows,
    size_t *len)
{
	int fd = memfd_create("out", 0), rfd = memfd_create("rejects", 0);
	struct rd_writer_config cfg = { 0 };
	struct rd_reader *r = parent(text);
	struct rd_writer *w;
	char env[32], path[64];
	char *out, *rej, *both;
	size_t out_len, rej_len;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(rfd, 0);
	snprintf(env, sizeof env, "%zu", chunk);
	setenv("RUSDATA_CHUNK_BYTES", env, 1);
	snprintf(path, sizeof path, "/proc/self/fd/%d", rfd);
	rd_rejects_open(path);
	rd_opt.threads = threads;
	w = rd_writer_new_config(fd, &cfg);
	rd_put_header_rec(w, rd_header(r), NULL, 0);
	rd_par_rows(r, w, rows, NULL);
	rd_writer_close(w);
	rd_close(r);
	(void)rd_rejects_finish();
	out = slurp(fd, &out_len);
	rej = slurp(rfd, &rej_len);
	both = malloc(out_len + rej_len + 4);
	ck_assert_ptr_nonnull(both);
	memcpy(both, out, out_len);
	memcpy(both + out_len, "--\n", 3);
	memcpy(both + out_len + 3, rej, rej_len + 1);
	*len = out_len + 3 + rej_len;
	free(out);
	free(rej);
	return both;
}

static char *
run(const char *text, int threads, size_t chunk, size_t *len)
{
	return run_with(text, threads, chunk, copy_rows, len);
}

static void
same_in_threads(const char *text)
{
	size_t len1, len2;
	char *one = run(text, 1, 512 * 1024, &len1);

	for (size_t chunk = 1; chunk < 40; chunk++) {
		char *two = run(text, 2, chunk, &len2);

		ck_assert_msg(len1 == len2 && memcmp(one, two, len1) == 0,
		    "chunk %zu:\n%s\nvs\n%s", chunk, one, two);
		free(two);
	}
	free(one);
}

START_TEST(par_rows_same_as_one_thread)
{
	/* Quoted line ends, CRLF, empty lines, no final line feed. */
	same_in_threads("h1,h2,h3\n"
	    "1,a,b\n"
	    "2,\"x\ny\",c\r\n"
	    "\n"
	    "3,\"p,q\",\"r\"\"s\"\n"
	    "\r\n"
	    "4,\"long\n\nquoted\n\",e\n"
	    "5,f,g");
	/* Stray quotes the reader recovers from, rows too short or long. */
	same_in_threads("h1,h2,h3\n"
	    "1,\"a,b\n"
	    "2,c,d\n"
	    "3,e\"f,g\n"
	    "4,h\n"
	    "5,i,j,k\n"
	    "6,\"open\n"
	    "7,l,m\n");
	/* Only a header. */
	same_in_threads("h1,h2\n");
}
END_TEST

/* The rejects come in input order, and every one of them is counted. */
START_TEST(par_rows_rejects_in_order)
{
	size_t len;
	char *both = run("h1,h2\n1,ok\n2,bad\n3,ok\n\"4,bad\n5,bad\n6,ok\n", 2, 3,
	    &len);

	ck_assert_str_eq(both, "h1,h2\n2,1,ok\n4,3,ok\n7,6,ok\n--\n"
	    "h1,h2,line,column,error\n2,bad,3,2,bad value\n"
	    "\"\"\"4\",bad,5,1,unbalanced quote: the field quoted here is not "
	    "closed before the end of input\n"
	    "5,bad,6,2,bad value\n");
	free(both);
}
END_TEST

/*
 * -j 2 is two threads: one worker, and the calling thread, which reads a
 * chunk itself while it waits for the worker's.  A worker holds its
 * chunk until the calling thread has read one (up to 10 s, once): with
 * a second worker instead, the calling thread only waited, and the
 * workers held their chunks to the end of the wait.
 */
static pthread_t home_thread, readers[8];
static size_t nreaders;
static bool home_read, held_too_long;
static pthread_mutex_t hold_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hold_cv = PTHREAD_COND_INITIALIZER;

static void
note_reader(void)
{
	pthread_t self = pthread_self();
	size_t i = 0;

	while (i < nreaders && !pthread_equal(readers[i], self))
		i++;
	if (i == nreaders && nreaders < 8)
		readers[nreaders++] = self;
}

static void
held_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	struct timespec until;
	int rc = 0;

	pthread_mutex_lock(&hold_mu);
	note_reader();
	if (pthread_equal(pthread_self(), home_thread)) {
		home_read = true;
		pthread_cond_broadcast(&hold_cv);
	} else if (!held_too_long) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 10;
		while (!home_read && rc == 0)
			rc = pthread_cond_timedwait(&hold_cv, &hold_mu, &until);
		held_too_long |= !home_read;
	}
	pthread_mutex_unlock(&hold_mu);
	copy_rows(arg, r, w);
}

START_TEST(par_rows_as_many_threads_as_asked)
{
	char text[4096] = "h1,h2\n";
	size_t len1, len2, at = strlen(text);
	char *one, *two;

	for (int i = 0; i < 200; i++)
		at += (size_t)snprintf(text + at, sizeof text - at, "%d,v%d\n", i, i);
	one = run(text, 1, 512 * 1024, &len1);
	home_thread = pthread_self();
	two = run_with(text, 2, 64, held_rows, &len2);
	ck_assert_msg(home_read && !held_too_long,
	    "the calling thread read no chunk while the worker held its own");
	ck_assert_uint_le(nreaders, 2);
	ck_assert(len1 == len2 && memcmp(one, two, len1) == 0);
	free(one);
	free(two);
}
END_TEST

/* rd_par_write's items: item i is the row "i,i*i,quoted text"; calls counted. */
static int write_calls;
static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;

static void
write_items(void *arg, struct rd_writer *w, size_t from, size_t to)
{
	(void)arg;
	pthread_mutex_lock(&write_mu);
	write_calls++;
	pthread_mutex_unlock(&write_mu);
	for (size_t i = from; i < to; i++) {
		rd_put_long(w, (long long)i);
		rd_put_long(w, (long long)(i * i));
		rd_put_str(w, i % 7 ? "a" : "b,c");
		rd_end_row(w);
	}
}

/* What rd_par_write writes for n items in threads, after a header. */
static char *
run_write(size_t n, int threads, size_t *len)
{
	int fd = memfd_create("out", 0);
	struct rd_writer_config cfg = { 0 };
	const char *names[] = { "i", "square", "text" };
	struct rd_writer *w;

	ck_assert_int_ge(fd, 0);
	rd_opt.threads = threads;
	w = rd_writer_new_config(fd, &cfg);
	rd_put_header(w, names, 3);
	write_calls = 0;
	rd_par_write(w, n, write_items, NULL);
	rd_writer_close(w);
	return slurp(fd, len);
}

/* In threads, ranges of items written elsewhere come out in item order. */
START_TEST(par_write_same_as_one_thread)
{
	const size_t sizes[] = { 0, 1, 2 * RD_PAR_WRITE_MIN - 1, 2 * RD_PAR_WRITE_MIN,
	    10007 };

	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		size_t len1, len2, n = sizes[k];
		char *one = run_write(n, 1, &len1);

		ck_assert_int_eq(write_calls, 1);
		for (int threads = 2; threads <= 3; threads++) {
			char *more = run_write(n, threads, &len2);
			int want = (int)(n / RD_PAR_WRITE_MIN);

			ck_assert_int_eq(write_calls, want < 1 ? 1 :
			    want < threads ? want : threads);
			ck_assert_msg(len1 == len2 && memcmp(one, more, len1) == 0,
			    "%zu items, %d threads", n, threads);
			free(more);
		}
		free(one);
	}
}
END_TEST

/* rd_par_range's items: each part marks its items with its number. */
static void
mark_items(void *arg, size_t part, size_t from, size_t to)
{
	int *seen = arg;

	for (size_t i = from; i < to; i++)
		seen[i] += 1 + (int)part * 16;
}

/*
 * Every item is in exactly one part, parts in order with at least min
 * items each (and as many as threads allow), whatever the threads.
 */
START_TEST(par_range_every_item_once)
{
	const size_t sizes[] = { 0, 1, 99, 100, 199, 200, 10007 };

	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
		for (int threads = 1; threads <= 3; threads++) {
			size_t n = sizes[k], parts;
			int *seen = calloc(n + 1, sizeof *seen);

			rd_opt.threads = threads;
			parts = rd_par_parts(n, 100);
			ck_assert_uint_eq(parts, n / 100 < 2 ? 1 :
			    n / 100 < (size_t)threads ? n / 100 : (size_t)threads);
			rd_par_range(n, parts, mark_items, seen);
			for (size_t p = 0; p < parts; p++)
				for (size_t i = n * p / parts; i < n * (p + 1) / parts; i++)
					ck_assert_int_eq(seen[i], 1 + (int)p * 16);
			free(seen);
		}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("par");
	TCase *tc = tcase_create("par");
	SRunner *sr;
	int failed;

	rd_setprogname("test_par");
	tcase_add_test(tc, cut_at_last_line_end_before_want);
	tcase_add_test(tc, cut_not_inside_quotes);
	tcase_add_test(tc, cut_crlf_empty_lines_and_end);
	tcase_add_test(tc, chunk_leaves_open_record);
	tcase_add_test(tc, chunk_of_empty_lines);
	tcase_add_test(tc, par_rows_same_as_one_thread);
	tcase_add_test(tc, par_range_every_item_once);
	tcase_add_test(tc, par_rows_rejects_in_order);
	tcase_add_test(tc, par_rows_as_many_threads_as_asked);
	tcase_add_test(tc, par_write_same_as_one_thread);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
