/* Unit tests of common/attach.c: every reason, and the policy's counts. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "date.h"
#include "fields.h"
#include "reader.h"

static int
day(const char *iso)
{
	int d = 0;

	ck_assert_int_eq(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &d), 0);
	return d;
}

/*
 * P1: E1 01-01..01-31 (ended), E2 03-01 on, E3 03-10 on (overlaps E2),
 * E4 03-10 on (same start as E3, later row).  P2: E5 02-01..02-28.
 */
static const char episodes_csv[] =
    "patient_id,episode_id,modality,start_date,end_date,end_reason\n"
    "P1,E1,cbt,2026-01-01,2026-01-31,dropout\n"
    "P1,E2,cbt,2026-03-01,,\n"
    "P1,E3,cbt,2026-03-10,,\n"
    "P1,E4,cbt,2026-03-10,,\n"
    "P2,E5,mi,2026-02-01,2026-02-28,completed\n";

static struct rd_reader *reader;
static struct rd_episodes *eps;

static void
setup(void)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };

	reader = rd_open_mem("episodes.csv", episodes_csv, strlen(episodes_csv), &cfg);
	eps = rd_episodes_read(reader, false);
}

static void
teardown(void)
{
	rd_episodes_free(eps);
	rd_close(reader);
}

/* The reason for a row, and the episode id it attached to ("" when none). */
static enum rd_attach_reason
attach(const char *patient, const char *episode, const char *date,
    const char **id)
{
	const struct rd_episode *e = (const struct rd_episode *)1;
	enum rd_attach_reason reason = rd_attach(eps, patient, strlen(patient),
	    episode, strlen(episode), day(date), &e);

	*id = e != NULL ? e->episode_id : "";
	return reason;
}

START_TEST(by_date_latest_start_wins)
{
	const char *id;

	ck_assert_int_eq(attach("P1", "", "2026-01-01", &id), RD_ATTACH_BY_DATE);
	ck_assert_str_eq(id, "E1");	/* the start day is in */
	ck_assert_int_eq(attach("P1", "", "2026-01-31", &id), RD_ATTACH_BY_DATE);
	ck_assert_str_eq(id, "E1");	/* the end day is in */
	ck_assert_int_eq(attach("P1", "", "2026-03-09", &id), RD_ATTACH_BY_DATE);
	ck_assert_str_eq(id, "E2");
	/* E2, E3 and E4 contain 03-10: E3 and E4 started latest, E4 is the later row. */
	ck_assert_int_eq(attach("P1", "", "2026-03-10", &id), RD_ATTACH_BY_DATE);
	ck_assert_str_eq(id, "E4");
	ck_assert_int_eq(attach("P1", "", "2030-01-01", &id), RD_ATTACH_BY_DATE);
	ck_assert_str_eq(id, "E4");	/* ongoing */
}
END_TEST

START_TEST(no_episode_contains_the_date)
{
	const char *id;

	ck_assert_int_eq(attach("P1", "", "2025-12-31", &id), RD_ATTACH_NO_EPISODE);
	ck_assert_str_eq(id, "");	/* before the first start: an intake sample */
	ck_assert_int_eq(attach("P1", "", "2026-02-01", &id), RD_ATTACH_NO_EPISODE);
	ck_assert_str_eq(id, "");	/* between E1's end and E2's start */
	ck_assert_int_eq(attach("P9", "", "2026-03-10", &id), RD_ATTACH_NO_EPISODE);
	ck_assert_str_eq(id, "");	/* a patient without episodes */
	/* P2 has one episode: its first and last day are in, the days around not. */
	ck_assert_int_eq(attach("P2", "", "2026-01-31", &id), RD_ATTACH_NO_EPISODE);
	ck_assert_int_eq(attach("P2", "", "2026-03-01", &id), RD_ATTACH_NO_EPISODE);
	ck_assert_int_eq(attach("P2", "", "2026-02-01", &id), RD_ATTACH_BY_DATE);
	ck_assert_str_eq(id, "E5");
	ck_assert_int_eq(attach("P2", "", "2026-02-28", &id), RD_ATTACH_BY_DATE);
	ck_assert_str_eq(id, "E5");
}
END_TEST

START_TEST(by_id)
{
	const char *id;

	/* The named episode wins over the latest started one. */
	ck_assert_int_eq(attach("P1", "E2", "2026-03-10", &id), RD_ATTACH_BY_ID);
	ck_assert_str_eq(id, "E2");
	ck_assert_int_eq(attach("P1", "E1", "2026-01-31", &id), RD_ATTACH_BY_ID);
	ck_assert_str_eq(id, "E1");
}
END_TEST

/* rd_episodes_row_of agrees with the row of every lookup's episode. */
START_TEST(row_of_is_the_row)
{
	const char *ids[] = { "E1", "E2", "E3", "E4", "E5" };

	for (size_t i = 0; i < rd_episodes_count(eps); i++) {
		const struct rd_episode *e = rd_episodes_by_id(eps, ids[i], 2);

		ck_assert_ptr_nonnull(e);
		ck_assert_uint_eq(rd_episodes_row_of(eps, e), i);
		ck_assert_uint_eq(rd_episodes_row_of(eps, rd_episodes_at(eps, i)), e->row);
	}
	ck_assert_uint_eq(rd_episodes_row_of(eps,
	    rd_episodes_by_date(eps, "P1", 2, day("2026-03-10"))), 3);
}
END_TEST

/*
 * rd_episodes_by_id_brief: the row, the days and the patient test, for
 * ids kept in the brief (up to 20 bytes) and longer ones, including ids
 * that differ only past 20 bytes or only in length.
 */
START_TEST(by_id_brief)
{
	static const char csv[] =
	    "patient_id,episode_id,modality,start_date,end_date,end_reason\n"
	    "P1,E1,cbt,2026-01-01,2026-01-31,completed\n"
	    "P1234567890123456789012345,E2,cbt,2026-03-01,,\n"
	    "P12345678901234567890,E3,cbt,2026-04-01,2026-04-02,dropout\n";
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("e.csv", csv, strlen(csv), &cfg);
	struct rd_episodes *t = rd_episodes_read(r, false);
	struct rd_episode_brief b;
	const char *long_id = "P1234567890123456789012345";

	ck_assert(!rd_episodes_by_id_brief(t, "E9", 2, "P1", 2, &b));
	ck_assert(rd_episodes_by_id_brief(t, "E1", 2, "P1", 2, &b));
	ck_assert_uint_eq(b.row, 0);
	ck_assert(b.own);
	ck_assert_int_eq(b.start, day("2026-01-01"));
	ck_assert_int_eq(b.end, day("2026-01-31"));
	ck_assert(rd_episodes_by_id_brief(t, "E1", 2, "P2", 2, &b) && !b.own);
	ck_assert(rd_episodes_by_id_brief(t, "E1", 2, "P12", 3, &b) && !b.own);
	ck_assert(rd_episodes_by_id_brief(t, "E1", 2, "P", 1, &b) && !b.own);
	ck_assert(rd_episodes_by_id_brief(t, "E2", 2, long_id, strlen(long_id), &b));
	ck_assert_uint_eq(b.row, 1);
	ck_assert(b.own);
	ck_assert_int_eq(b.end, RD_NO_DATE);
	ck_assert(rd_episodes_by_id_brief(t, "E2", 2, "P1234567890123456789012399",
	    strlen(long_id), &b) && !b.own);	/* differs past 20 bytes */
	ck_assert(rd_episodes_by_id_brief(t, "E2", 2, long_id, 21, &b) && !b.own);
	ck_assert(rd_episodes_by_id_brief(t, "E3", 2, long_id, 21, &b) && b.own);
	ck_assert_uint_eq(b.row, 2);
	ck_assert(rd_episodes_by_id_brief(t, "E3", 2, "P12345678901234567899",
	    21, &b) && !b.own);	/* the 21st byte differs */
	rd_episodes_free(t);
	rd_close(r);
}
END_TEST

/*
 * The id table past 2 MiB (it grows, on huge pages), with short ids and
 * long ones that share their first 20 bytes: every id finds its own row,
 * days and patient; an id with a byte more, or the long ids' common
 * prefix, finds nothing.
 */
START_TEST(by_id_many)
{
	enum { N = 40000 };
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	size_t cap = 100 * (size_t)N, len = 0;
	char *csv = malloc(cap), id[64], pid[64];
	struct rd_reader *r;
	struct rd_episodes *t;
	struct rd_episode_brief b;

	ck_assert_ptr_nonnull(csv);
	len += (size_t)snprintf(csv, cap, "patient_id,episode_id,modality,"
	    "start_date,end_date,end_reason\n");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(csv + len, cap - len,
		    i % 3 ? "P%d,E%d,cbt,2026-01-01,,\n" :
		    "P%d,EPISODE-0123456789-LONG-%d,cbt,2026-01-01,,\n", i / 2, i);
	r = rd_open_mem("e.csv", csv, len, &cfg);
	t = rd_episodes_read(r, false);
	ck_assert_uint_eq(rd_episodes_count(t), N);
	for (int i = 0; i < N; i++) {
		int n = snprintf(id, sizeof id, i % 3 ? "E%d" :
		    "EPISODE-0123456789-LONG-%d", i);
		int pn = snprintf(pid, sizeof pid, "P%d", i / 2);

		ck_assert_ptr_eq(rd_episodes_by_id(t, id, (size_t)n),
		    rd_episodes_at(t, (size_t)i));
		ck_assert(rd_episodes_by_id_brief(t, id, (size_t)n, pid,
		    (size_t)pn, &b));
		ck_assert_uint_eq(b.row, (size_t)i);
		ck_assert(b.own);
		ck_assert_int_eq(b.start, day("2026-01-01"));
		ck_assert_int_eq(b.end, RD_NO_DATE);
		ck_assert(rd_episodes_by_id_brief(t, id, (size_t)n, "P", 1, &b) &&
		    !b.own);
		id[n] = 'x';
		ck_assert_ptr_null(rd_episodes_by_id(t, id, (size_t)n + 1));
	}
	ck_assert_ptr_null(rd_episodes_by_id(t, "EPISODE-0123456789-LONG-", 24));
	rd_episodes_free(t);
	rd_close(r);
	free(csv);
}
END_TEST

/*
 * Looking up the id found last (rows of one episode together) answers
 * from the table asked: two tables with the same ids in other rows, and
 * a table loaded where a freed one was.
 */
START_TEST(by_id_again_per_table)
{
	static const char a[] =
	    "patient_id,episode_id,modality,start_date,end_date,end_reason\n"
	    "P1,E1,cbt,2026-01-01,,\n"
	    "P2,E2,cbt,2026-02-01,,\n";
	static const char b[] =
	    "patient_id,episode_id,modality,start_date,end_date,end_reason\n"
	    "P2,E2,cbt,2026-03-01,,\n"
	    "P3,E3,cbt,2026-04-01,,\n"
	    "P1,E1,cbt,2026-05-01,,\n";
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *ra = rd_open_mem("a.csv", a, strlen(a), &cfg);
	struct rd_reader *rb = rd_open_mem("b.csv", b, strlen(b), &cfg);
	struct rd_episodes *ta = rd_episodes_read(ra, false);
	struct rd_episodes *tb = rd_episodes_read(rb, false);
	struct rd_episode_brief br;

	for (int i = 0; i < 3; i++) {
		ck_assert(rd_episodes_by_id_brief(ta, "E1", 2, "P1", 2, &br));
		ck_assert_uint_eq(br.row, 0);
		ck_assert(rd_episodes_by_id_brief(ta, "E1", 2, "P1", 2, &br));
		ck_assert_int_eq(br.start, day("2026-01-01"));
		ck_assert(rd_episodes_by_id_brief(tb, "E1", 2, "P1", 2, &br));
		ck_assert_uint_eq(br.row, 2);
		ck_assert_int_eq(br.start, day("2026-05-01"));
		ck_assert_ptr_eq(rd_episodes_by_id(tb, "E1", 2), rd_episodes_at(tb, 2));
		ck_assert_ptr_null(rd_episodes_by_id(ta, "E3", 2));
	}
	rd_episodes_free(ta);
	rd_close(ra);
	ra = rd_open_mem("b.csv", b, strlen(b), &cfg);
	ta = rd_episodes_read(ra, false);
	ck_assert(rd_episodes_by_id_brief(tb, "E3", 2, "P3", 2, &br));
	ck_assert(rd_episodes_by_id_brief(ta, "E3", 2, "P3", 2, &br));
	ck_assert(rd_episodes_by_id_brief(ta, "E3", 2, "P3", 2, &br));
	ck_assert_uint_eq(br.row, 1);
	ck_assert_ptr_eq(rd_episodes_by_id(ta, "E3", 2), rd_episodes_at(ta, 1));
	rd_episodes_free(ta);
	rd_episodes_free(tb);
	rd_close(ra);
	rd_close(rb);
}
END_TEST

START_TEST(unknown_id)
{
	const char *id;

	ck_assert_int_eq(attach("P1", "E9", "2026-03-10", &id), RD_ATTACH_UNKNOWN_ID);
	ck_assert_str_eq(id, "");
	/* Ids are exact: a prefix of a known id is unknown. */
	ck_assert_int_eq(attach("P1", "E", "2026-03-10", &id), RD_ATTACH_UNKNOWN_ID);
}
END_TEST

START_TEST(other_patient)
{
	const char *id;

	ck_assert_int_eq(attach("P2", "E1", "2026-01-05", &id),
	    RD_ATTACH_OTHER_PATIENT);
	ck_assert_str_eq(id, "");
	/* A patient id that only starts like the owner's is another patient. */
	ck_assert_int_eq(attach("P", "E1", "2026-01-05", &id),
	    RD_ATTACH_OTHER_PATIENT);
	ck_assert_int_eq(attach("P11", "E1", "2026-01-05", &id),
	    RD_ATTACH_OTHER_PATIENT);
}
END_TEST

START_TEST(outside_the_named_episode)
{
	const char *id;

	ck_assert_int_eq(attach("P1", "E1", "2025-12-31", &id), RD_ATTACH_OUTSIDE);
	ck_assert_str_eq(id, "");
	ck_assert_int_eq(attach("P1", "E1", "2026-02-01", &id), RD_ATTACH_OUTSIDE);
	/* Even when another episode of the patient contains the date. */
	ck_assert_int_eq(attach("P1", "E1", "2026-03-10", &id), RD_ATTACH_OUTSIDE);
	ck_assert_str_eq(id, "");
	ck_assert_int_eq(attach("P1", "E2", "2026-02-28", &id), RD_ATTACH_OUTSIDE);
}
END_TEST

START_TEST(policy_counts)
{
	struct rd_attach_note note = { { 0 }, 0 };

	ck_assert(rd_attach_count(&note, RD_ATTACH_BY_ID, 2));
	ck_assert(rd_attach_count(&note, RD_ATTACH_BY_DATE, 3));
	ck_assert_uint_eq(rd_attach_note_total(&note), 0);
	ck_assert_int_eq(note.first_line, 0);
	ck_assert(!rd_attach_count(&note, RD_ATTACH_NO_EPISODE, 4));
	ck_assert(!rd_attach_count(&note, RD_ATTACH_UNKNOWN_ID, 5));
	ck_assert(!rd_attach_count(&note, RD_ATTACH_OUTSIDE, 6));
	ck_assert(!rd_attach_count(&note, RD_ATTACH_OUTSIDE, 7));
	/* Another patient's episode is rejected by the caller, not counted. */
	ck_assert(!rd_attach_count(&note, RD_ATTACH_OTHER_PATIENT, 8));
	ck_assert_uint_eq(rd_attach_note_total(&note), 4);
	ck_assert_uint_eq(note.left_out[RD_ATTACH_NO_EPISODE], 1);
	ck_assert_uint_eq(note.left_out[RD_ATTACH_UNKNOWN_ID], 1);
	ck_assert_uint_eq(note.left_out[RD_ATTACH_OUTSIDE], 2);
	ck_assert_int_eq(note.first_line, 4);
}
END_TEST

/* rd_attach_keep on a row of a reader: kept, left out, or rejected (exit 1). */
static const char sessions_csv[] =
    "patient_id,episode_id,date\n"
    "P1,,2026-03-02\n"
    "P1,E9,2026-03-02\n"
    "P2,E1,2026-01-05\n";

static enum rd_attach_reason last_why;

static const struct rd_episode *
keep_row(struct rd_reader *r, struct rd_attach_note *note)
{
	struct rd_record rec;
	int date;

	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_int_eq(rd_date_parse(rec.f[2], rec.len[2], RD_DATE_ISO, &date), 0);
	return rd_attach_keep(eps, note, r, &rec, 1, rec.f[0], rec.len[0], rec.f[1],
	    rec.len[1], date, &last_why);
}

START_TEST(keep_applies_the_policy)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("sessions.csv", sessions_csv,
	    strlen(sessions_csv), &cfg);
	struct rd_attach_note note = { { 0 }, 0 };
	const struct rd_episode *e;

	e = keep_row(r, &note);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->episode_id, "E2");
	ck_assert_int_eq(last_why, RD_ATTACH_BY_DATE);
	ck_assert_ptr_null(keep_row(r, &note));
	ck_assert_int_eq(last_why, RD_ATTACH_UNKNOWN_ID);
	ck_assert_uint_eq(note.left_out[RD_ATTACH_UNKNOWN_ID], 1);
	ck_assert_int_eq(note.first_line, 3);
	(void)keep_row(r, &note);	/* strict: exits 1 */
	ck_abort_msg("another patient's episode was not rejected");
}
END_TEST

/*
 * The carried attachment: rd_attached_check in one thread, then
 * rd_attached_count, keeps, leaves out and counts what rd_attach_keep
 * does, and rejects the same row (exit 1).
 */
static const struct rd_episode *
carry_row(struct rd_reader *r, struct rd_attach_note *note, bool *kept)
{
	struct rd_record rec;
	struct rd_attached a;
	const struct rd_episode *e;
	int date;

	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert_int_eq(rd_date_parse(rec.f[2], rec.len[2], RD_DATE_ISO, &date), 0);
	a = rd_attached_check(eps, r, &rec, 1, rec.f[0], rec.len[0], rec.f[1],
	    rec.len[1], date);
	ck_assert_int_eq(a.line, rec.line);
	ck_assert_int_eq(a.unused, 0);
	last_why = (enum rd_attach_reason)a.reason;
	*kept = rd_attached_count(note, &a);
	e = a.ep >= 0 ? rd_episodes_at(eps, (size_t)a.ep) : NULL;
	ck_assert(*kept == (e != NULL));
	return e;
}

START_TEST(carried_attachment_applies_the_policy)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };
	struct rd_reader *r = rd_open_mem("sessions.csv", sessions_csv,
	    strlen(sessions_csv), &cfg);
	struct rd_attach_note note = { { 0 }, 0 };
	const struct rd_episode *e;
	struct rd_attached none;
	struct rd_record rec = { .line = 5 };
	bool kept;

	e = carry_row(r, &note, &kept);
	ck_assert(kept);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->episode_id, "E2");
	ck_assert_int_eq(last_why, RD_ATTACH_BY_DATE);
	e = carry_row(r, &note, &kept);
	ck_assert(!kept);
	ck_assert_ptr_null(e);
	ck_assert_int_eq(last_why, RD_ATTACH_UNKNOWN_ID);
	ck_assert_uint_eq(note.left_out[RD_ATTACH_UNKNOWN_ID], 1);
	ck_assert_int_eq(note.first_line, 3);
	/* Without episodes: kept, no episode, nothing looked up. */
	none = rd_attached_check(NULL, NULL, &rec, 1, "P1", 2, "E9", 2, 0);
	ck_assert_int_eq(none.reason, RD_ATTACH_BY_ID);
	ck_assert_int_eq(none.ep, -1);
	ck_assert(rd_attached_count(&note, &none));
	ck_assert_uint_eq(rd_attach_note_total(&note), 1);
	/* Grouped by episode without episodes: an empty episode_id fits none. */
	none = rd_attached_by_episode(NULL, NULL, &rec, 1, "P1", 2, "", 0, 0);
	ck_assert_int_eq(none.reason, RD_ATTACH_NO_EPISODE);
	ck_assert(!rd_attached_count(&note, &none));
	ck_assert_uint_eq(note.left_out[RD_ATTACH_NO_EPISODE], 1);
	none = rd_attached_by_episode(NULL, NULL, &rec, 1, "P1", 2, "E9", 2, 0);
	ck_assert_int_eq(none.reason, RD_ATTACH_BY_ID);
	ck_assert_int_eq(none.ep, -1);
	(void)carry_row(r, &note, &kept);	/* strict: exits 1 */
	ck_abort_msg("another patient's episode was not rejected");
}
END_TEST

/*
 * rd_attached_by_date_rows gives, row for row, what rd_attached_check
 * gives: every patient (and one without episodes) on days before, in,
 * between and after their episodes, 32 rows a batch and a batch of 5.
 */
START_TEST(by_date_rows_as_check)
{
	static const char *const patients[] = { "P1", "P2", "P9" };
	static const char *const days[] = { "2025-12-31", "2026-01-01",
	    "2026-01-31", "2026-02-01", "2026-02-28", "2026-03-01", "2026-03-09",
	    "2026-03-10", "2030-01-01" };
	struct rd_record rec = { 0 };
	const char *patient[RD_EPISODES_BATCH];
	size_t plen[RD_EPISODES_BATCH], n = 0, total = 0;
	long line[RD_EPISODES_BATCH];
	int day_of[RD_EPISODES_BATCH];
	struct rd_attached a[RD_EPISODES_BATCH];

	for (size_t round = 0; round < 4; round++)
		for (size_t p = 0; p < 3; p++)
			for (size_t d = 0; d < 9; d++) {
				patient[n] = patients[p];
				plen[n] = 2;
				day_of[n] = day(days[d]);
				line[n] = (long)(++total);
				if (++n < (round == 3 ? 5 : RD_EPISODES_BATCH))
					continue;
				rd_attached_by_date_rows(eps, n, line, patient, plen,
				    day_of, a);
				for (size_t i = 0; i < n; i++) {
					struct rd_attached want;

					rec.line = line[i];
					want = rd_attached_check(eps, reader, &rec, -1,
					    patient[i], plen[i], "", 0, day_of[i]);
					ck_assert_mem_eq(&a[i], &want, sizeof want);
				}
				n = 0;
			}
	rd_attached_by_date_rows(NULL, 1, line, patient, plen, day_of, a);
	ck_assert_int_eq(a[0].reason, RD_ATTACH_BY_ID);
	ck_assert_int_eq(a[0].ep, -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("attach");
	TCase *tc = tcase_create("attach");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, by_date_latest_start_wins);
	tcase_add_test(tc, no_episode_contains_the_date);
	tcase_add_test(tc, by_date_rows_as_check);
	tcase_add_test(tc, by_id);
	tcase_add_test(tc, by_id_many);
	tcase_add_test(tc, by_id_again_per_table);
	tcase_add_test(tc, row_of_is_the_row);
	tcase_add_test(tc, by_id_brief);
	tcase_add_test(tc, unknown_id);
	tcase_add_test(tc, other_patient);
	tcase_add_test(tc, outside_the_named_episode);
	tcase_add_test(tc, policy_counts);
	tcase_add_exit_test(tc, keep_applies_the_policy, 1);
	tcase_add_exit_test(tc, carried_attachment_applies_the_policy, 1);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
