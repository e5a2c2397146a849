/*
 * urine-track's logic and common/urine's samples: samples, summary
 * columns, weekly words, the schedule draw, option lists (the map and the
 * memo of spellings: test_urine.c).  Expected values are worked out by
 * hand in the comments.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytes.h"
#include "arena.h"
#include "codes.h"
#include "date.h"
#include "fields.h"
#include "holidays.h"
#include "map.h"
#include "track.h"
#include "uds.h"
#include "urine.h"
#include "writer.h"

static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

static struct rd_arena long_ids;	/* sample_ids of the tests' observations */

#define NO_ID NULL

/* An observation through rd_urine_obs_fill, as the tools make them. */
static struct rd_urine_obs
OB(const char *date, const char *sample, int substance, int result, int prescribed)
{
	struct rd_urine_obs o;
	struct rd_urine_row u = { .patient_id = "P1", .patient_len = 2,
	    .sample_id = sample ? sample : "", .sample_len = sample ? strlen(sample) : 0,
	    .date = D(date), .substance = substance, .analyte = -1, .result = result };

	rd_urine_obs_fill(&o, &u, NULL, &long_ids);
	o.prescribed = (uint8_t)prescribed;
	return o;
}

enum { ALC, CAN, OPI, STI };	/* substance code indexes */

START_TEST(sample_status_rules)
{
	struct rd_urine_obs o[3] = { { 0 } };
	bool pp;
	uint16_t mask;

	/* Empty: nothing left counts as negative. */
	ck_assert_int_eq(rd_urine_sample_status(o, 0, &pp, &mask), RD_SAMPLE_NEG);
	o[0] = OB("2026-01-05", NO_ID, STI, RD_NEG, 0);
	o[1] = OB("2026-01-05", NO_ID, CAN, RD_INVALID, 0);
	ck_assert_int_eq(rd_urine_sample_status(o, 2, &pp, &mask), RD_SAMPLE_MISSING);
	o[2] = OB("2026-01-05", NO_ID, ALC, RD_POS, 0);
	ck_assert_int_eq(rd_urine_sample_status(o, 3, &pp, &mask), RD_SAMPLE_POS);
	ck_assert_uint_eq(mask, 1u << ALC);
	ck_assert(!pp);
	/* A prescribed positive is left out; its missing row is not. */
	o[0] = OB("2026-01-05", NO_ID, OPI, RD_POS, 1);
	ck_assert_int_eq(rd_urine_sample_status(o, 1, &pp, &mask), RD_SAMPLE_NEG);
	ck_assert(pp);
	o[0] = OB("2026-01-05", NO_ID, OPI, RD_REFUSED, 1);
	ck_assert_int_eq(rd_urine_sample_status(o, 1, &pp, &mask), RD_SAMPLE_MISSING);
}
END_TEST

/* The sample_id an observation gives back is the row's, byte for byte. */
static void
assert_id_kept(const char *id, size_t len)
{
	struct rd_urine_row u = { .patient_id = "P1", .patient_len = 2,
	    .sample_id = id, .sample_len = len, .analyte = -1 };
	struct rd_urine_obs o;
	const char *back;
	size_t back_len;

	rd_urine_obs_fill(&o, &u, NULL, &long_ids);
	back = rd_urine_obs_sample(&o, &back_len);
	ck_assert_uint_eq(back_len, len);
	ck_assert(len == 0 || memcmp(back, id, len) == 0);
	ck_assert_uint_eq(o.sample_len, len <= RD_SAMPLE_INLINE ? len : RD_SAMPLE_LONG);
}

START_TEST(sample_ids_inline_and_long)
{
	char big[300];

	memset(big, 'x', sizeof big);
	big[299] = 'y';
	assert_id_kept("", 0);
	assert_id_kept("u000001-1-001", 13);
	assert_id_kept("123456789012345", 15);		/* the longest inline */
	assert_id_kept("1234567890123456", 16);		/* the shortest long */
	assert_id_kept("a\0b", 3);			/* a NUL inside stays */
	assert_id_kept(big, sizeof big);
}
END_TEST

/* Ids alike in their first 15 bytes, or one a prefix of another, stay apart. */
START_TEST(long_sample_ids_never_merge)
{
	struct rd_urine_obs o[] = {
		OB("2026-01-05", "LAB-2026-000000017", CAN, RD_POS, 0),
		OB("2026-01-05", "LAB-2026-000000018", CAN, RD_NEG, 0),
		OB("2026-01-05", "LAB-2026-000000017", STI, RD_NEG, 0),
		OB("2026-01-05", "LAB-2026-00000", STI, RD_NEG, 0),
		OB("2026-01-05", "LAB-2026-000000", STI, RD_MISSING, 0),
		OB("2026-01-05", "LAB-2026-0000000", STI, RD_NEG, 0),
	};
	struct rd_sample s[6];
	size_t n = rd_urine_samples(o, 6, s);

	/* In byte order: ...00000 (neg), ...000000 (missing), ...0000000 (neg), ...017 (pos), ...018 (neg). */
	ck_assert_uint_eq(n, 5);
	ck_assert_int_eq(s[0].status, RD_SAMPLE_NEG);
	ck_assert_int_eq(s[1].status, RD_SAMPLE_MISSING);
	ck_assert_int_eq(s[2].status, RD_SAMPLE_NEG);
	ck_assert_int_eq(s[3].status, RD_SAMPLE_POS);
	ck_assert_int_eq(s[4].status, RD_SAMPLE_NEG);
}
END_TEST

/* Samples of one date: without sample_id first, then by sample_id, whatever the input order. */
START_TEST(same_date_samples_by_sample_id)
{
	static const struct { const char *id; int result; } rows[] = {
		{ "B", RD_POS }, { NULL, RD_NEG }, { "C", RD_MISSING }, { "A", RD_NEG },
	};
	static const int expect[] = { RD_SAMPLE_NEG, RD_SAMPLE_NEG, RD_SAMPLE_POS,
	    RD_SAMPLE_MISSING };

	for (size_t shift = 0; shift < 4; shift++) {
		struct rd_urine_obs o[4];
		struct rd_sample s[4];

		for (size_t i = 0; i < 4; i++) {
			size_t k = (i + shift) % 4;

			o[i] = OB("2026-01-05", rows[k].id, CAN, rows[k].result, 0);
		}
		ck_assert_uint_eq(rd_urine_samples(o, 4, s), 4);
		for (size_t i = 0; i < 4; i++)
			ck_assert_int_eq(s[i].status, expect[i]);
	}
}
END_TEST

START_TEST(samples_by_date_and_sample_id)
{
	struct rd_urine_obs o[] = {
		OB("2026-01-12", NO_ID, CAN, RD_POS, 0),
		OB("2026-01-05", NO_ID, STI, RD_NEG, 0),
		OB("2026-01-05", "S7", CAN, RD_POS, 0),	/* sample S7: 01-05 .. 01-06 */
		OB("2026-01-05", NO_ID, CAN, RD_NEG, 0),
		OB("2026-01-06", "S7", STI, RD_NEG, 0),
		OB("2026-01-12", NO_ID, ALC, RD_NEG, 0),
	};
	struct rd_sample s[6];
	size_t n = rd_urine_samples(o, 6, s);

	/* Date 01-05 without id (neg), sample S7 dated 01-05 (pos), 01-12 (pos). */
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(s[0].date, D("2026-01-05"));
	ck_assert_int_eq(s[0].status, RD_SAMPLE_NEG);
	ck_assert_int_eq(s[1].date, D("2026-01-05"));
	ck_assert_int_eq(s[1].status, RD_SAMPLE_POS);
	ck_assert_int_eq(s[2].date, D("2026-01-12"));
	ck_assert_int_eq(s[2].status, RD_SAMPLE_POS);
	ck_assert_uint_eq(s[2].positive_substances, 1u << CAN);
}
END_TEST

/* The order rd_urine_samples puts rows in, written out plainly. */
static int
ref_order(const struct rd_urine_obs *x, const struct rd_urine_obs *y)
{
	const char *a, *b;
	size_t alen, blen;
	int c;

	a = rd_urine_obs_sample(x, &alen);
	b = rd_urine_obs_sample(y, &blen);
	if ((alen == 0) != (blen == 0))
		return alen == 0 ? -1 : 1;
	c = memcmp(a, b, alen < blen ? alen : blen);
	if (c == 0 && alen != blen)
		c = alen < blen ? -1 : 1;
	if (c == 0 && x->date != y->date)
		c = x->date < y->date ? -1 : 1;
	/* Ties in input order: the test tags each row's analyte with it. */
	return c != 0 ? c : (int)x->analyte - (int)y->analyte;
}

/*
 * A random group of kind k: ids that differ within five bytes after a
 * shared prefix (sorted by a packed key), ids that differ in more, a NUL
 * at an id's end, long ids, dates far apart (sorted by comparison), ids
 * as kind 1 with dates too far apart for a packed key but not for a key
 * (kind 6), rows without ids among them.
 */
static size_t
random_group(int k, struct rd_urine_obs *o)
{
	static const char *const shorts[] = { "a", "ab", "a\x01", "b", "abcde",
	    "abcdd", "ab\xff" };
	size_t n = 1 + (size_t)(rand() % 150);

	for (size_t i = 0; i < n; i++) {
		char id[40];
		size_t len;

		switch (rand() % 4 == 0 ? 0 : k) {
		case 0:
			len = 0;
			break;
		case 1:
		case 6:	/* with dates too far apart for a packed key */
			len = (size_t)snprintf(id, sizeof id, "u000123-%d-%03d",
			    rand() % 3 + 1, rand() % 40);
			break;
		case 2:
			len = strlen(strcpy(id, shorts[rand() % 7]));
			break;
		case 3:	/* differ in six bytes, or more */
			len = (size_t)snprintf(id, sizeof id, rand() % 8 ?
			    "u000123-%d-%04d" : "%d-x-%d", rand() % 3 + 1, rand() % 40);
			break;
		case 4:	/* "ab" and "ab\0": alike zero-padded */
			len = (size_t)(2 + rand() % 2);
			memcpy(id, "ab", 3);
			break;
		default:
			len = (size_t)snprintf(id, sizeof id, "LAB-2026-%09d", rand() % 20);
		}
		struct rd_urine_row u = { .patient_id = "P1", .patient_len = 2,
		    .sample_id = id, .sample_len = len, .analyte = -1,
		    .date = 740000 + rand() % 30, .result = rand() % 3 };

		rd_urine_obs_fill(&o[i], &u, NULL, &long_ids);
		o[i].analyte = (uint8_t)i;
		if (k == 5 && i == 0)
			o[i].date = -(1 << 24);	/* dates too far apart for a key */
		if (k == 6 && i == 0)
			o[i].date = 740000 - (1 << 22);
	}
	return n;
}

START_TEST(samples_sort_keyed_as_compared)
{
	struct rd_urine_obs o[150], want[150];
	struct rd_sample s[150];

	srand(17);
	for (int round = 0; round < 3500; round++) {
		size_t n = random_group(round % 7, o);

		memcpy(want, o, n * sizeof *o);
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && ref_order(&want[j - 1], &want[j]) > 0; j--) {
				struct rd_urine_obs t = want[j];

				want[j] = want[j - 1];
				want[j - 1] = t;
			}
		(void)rd_urine_samples(o, n, s);
		for (size_t i = 0; i < n; i++)
			ck_assert_msg(o[i].analyte == want[i].analyte,
			    "round %d (kind %d): row %zu is input row %d, not %d", round,
			    round % 7, i, o[i].analyte, want[i].analyte);
	}
}
END_TEST

static struct urine_summary
summary_of(struct rd_urine_obs *o, size_t n, int start, enum rd_missing_rule rule)
{
	struct rd_sample *s = calloc(n ? n : 1, sizeof *s);
	struct urine_summary u;

	summarize(s, rd_urine_samples(o, n, s), start, rule, &u);
	free(s);
	return u;
}

/*
 * Samples N P N N N P N, several substances a sample:
 * 01-05 N (sti-, can-), 01-08 P (sti-, can+), 01-12 N (sti-, alc-, can-),
 * 01-15 N, 01-19 N, 01-22 P (can+, alc+), 01-26 N.
 */
START_TEST(summary_runs_across_substances)
{
	struct rd_urine_obs o[] = {
		OB("2026-01-26", NO_ID, STI, RD_NEG, 0),
		OB("2026-01-05", NO_ID, STI, RD_NEG, 0),
		OB("2026-01-05", NO_ID, CAN, RD_NEG, 0),
		OB("2026-01-08", NO_ID, STI, RD_NEG, 0),
		OB("2026-01-08", NO_ID, CAN, RD_POS, 0),
		OB("2026-01-12", NO_ID, STI, RD_NEG, 0),
		OB("2026-01-12", NO_ID, ALC, RD_NEG, 0),
		OB("2026-01-12", NO_ID, CAN, RD_NEG, 0),
		OB("2026-01-15", NO_ID, CAN, RD_NEG, 0),
		OB("2026-01-19", NO_ID, STI, RD_NEG, 0),
		OB("2026-01-22", NO_ID, CAN, RD_POS, 0),
		OB("2026-01-22", NO_ID, ALC, RD_POS, 0),
	};
	struct urine_summary u = summary_of(o, 12, RD_NO_DATE, RD_MISSING_POSITIVE);

	ck_assert_int_eq(u.tests, 7);
	ck_assert_int_eq(u.neg, 5);
	ck_assert_int_eq(u.pos, 2);
	ck_assert_int_eq(u.missing, 0);
	/* 01-12, 01-15, 01-19: three samples over 7 days. */
	ck_assert_int_eq(u.longest_negative_run, 3);
	ck_assert_int_eq(u.longest_negative_days, 7);
	/* The 01-26 row came first in the input: the last sample is negative. */
	ck_assert_int_eq(u.current_negative_run, 1);
	ck_assert_int_eq(u.first_positive_date, D("2026-01-08"));
	ck_assert_int_eq(u.days_to_first_positive, 3);	/* from the first sample */
	ck_assert_int_eq(u.last_test_date, D("2026-01-26"));
	ck_assert_int_eq(u.last_positive_date, D("2026-01-22"));
	u = summary_of(o, 12, D("2026-01-01"), RD_MISSING_POSITIVE);
	ck_assert_int_eq(u.days_to_first_positive, 7);	/* from the episode start */
}
END_TEST

/* N, missing, N, refused, N, invalid, N. */
static void
missing_case(struct rd_urine_obs o[7])
{
	o[0] = OB("2026-01-05", NO_ID, STI, RD_NEG, 0);
	o[1] = OB("2026-01-08", NO_ID, STI, RD_MISSING, 0);
	o[2] = OB("2026-01-12", NO_ID, STI, RD_NEG, 0);
	o[3] = OB("2026-01-15", NO_ID, STI, RD_REFUSED, 0);
	o[4] = OB("2026-01-19", NO_ID, STI, RD_NEG, 0);
	o[5] = OB("2026-01-22", NO_ID, STI, RD_INVALID, 0);
	o[6] = OB("2026-01-26", NO_ID, STI, RD_NEG, 0);
}

START_TEST(summary_missing_as_positive)
{
	struct rd_urine_obs o[7];
	struct urine_summary u;

	missing_case(o);
	u = summary_of(o, 7, RD_NO_DATE, RD_MISSING_POSITIVE);
	ck_assert_int_eq(u.tests, 7);
	ck_assert_int_eq(u.neg, 4);
	ck_assert_int_eq(u.pos, 0);
	ck_assert_int_eq(u.missing, 3);
	ck_assert_int_eq(u.longest_negative_run, 1);
	ck_assert_int_eq(u.longest_negative_days, 0);
	ck_assert_int_eq(u.current_negative_run, 1);
	ck_assert_int_eq(u.first_positive_date, D("2026-01-08"));
	ck_assert_int_eq(u.days_to_first_positive, 3);
	ck_assert_int_eq(u.last_positive_date, D("2026-01-22"));
}
END_TEST

START_TEST(summary_missing_ignored)
{
	struct rd_urine_obs o[7];
	struct urine_summary u;

	missing_case(o);
	u = summary_of(o, 7, RD_NO_DATE, RD_MISSING_IGNORE);
	ck_assert_int_eq(u.tests, 4);
	ck_assert_int_eq(u.neg, 4);
	ck_assert_int_eq(u.missing, 3);
	ck_assert_int_eq(u.longest_negative_run, 4);
	ck_assert_int_eq(u.longest_negative_days, 21);
	ck_assert_int_eq(u.current_negative_run, 4);
	ck_assert_int_eq(u.first_positive_date, RD_NO_DATE);
	ck_assert_int_eq(u.last_positive_date, RD_NO_DATE);
	ck_assert_int_eq(u.last_test_date, D("2026-01-26"));
}
END_TEST

START_TEST(summary_prescribed)
{
	struct rd_urine_obs o[] = {
		OB("2026-01-05", NO_ID, OPI, RD_POS, 1),
		OB("2026-01-05", NO_ID, STI, RD_NEG, 0),
		OB("2026-01-12", NO_ID, OPI, RD_POS, 1),	/* nothing left */
		OB("2026-01-19", NO_ID, OPI, RD_POS, 1),
		OB("2026-01-19", NO_ID, CAN, RD_POS, 0),
		OB("2026-01-26", NO_ID, OPI, RD_MISSING, 1),
	};
	struct urine_summary u = summary_of(o, 6, RD_NO_DATE, RD_MISSING_POSITIVE);

	ck_assert_int_eq(u.tests, 4);
	ck_assert_int_eq(u.neg, 2);
	ck_assert_int_eq(u.pos, 1);
	ck_assert_int_eq(u.missing, 1);
	ck_assert_int_eq(u.prescribed, 3);
	ck_assert_int_eq(u.longest_negative_run, 2);
	ck_assert_int_eq(u.longest_negative_days, 7);
	ck_assert_int_eq(u.current_negative_run, 0);
	ck_assert_int_eq(u.first_positive_date, D("2026-01-19"));
}
END_TEST

START_TEST(summary_first_positive_day_0)
{
	struct rd_urine_obs o[] = {
		OB("2026-01-05", NO_ID, ALC, RD_POS, 0),
		OB("2026-01-09", NO_ID, ALC, RD_NEG, 0),
	};
	struct urine_summary u = summary_of(o, 2, D("2026-01-05"), RD_MISSING_POSITIVE);

	ck_assert_int_eq(u.first_positive_date, D("2026-01-05"));
	ck_assert_int_eq(u.days_to_first_positive, 0);
	ck_assert_int_eq(u.current_negative_run, 1);
	u = summary_of(o, 2, RD_NO_DATE, RD_MISSING_POSITIVE);
	ck_assert_int_eq(u.days_to_first_positive, 0);
}
END_TEST

START_TEST(summary_no_negatives)
{
	struct rd_urine_obs o[] = {
		OB("2026-01-05", NO_ID, ALC, RD_POS, 0),
		OB("2026-01-09", NO_ID, CAN, RD_POS, 0),
		OB("2026-01-12", NO_ID, CAN, RD_MISSING, 0),
	};
	struct urine_summary u = summary_of(o, 3, RD_NO_DATE, RD_MISSING_POSITIVE);

	ck_assert_int_eq(u.tests, 3);
	ck_assert_int_eq(u.neg, 0);
	ck_assert_int_eq(u.pos, 2);
	ck_assert_int_eq(u.longest_negative_run, 0);
	ck_assert_int_eq(u.longest_negative_days, -1);
	ck_assert_int_eq(u.current_negative_run, 0);
	ck_assert_int_eq(u.last_positive_date, D("2026-01-12"));
	/* No samples at all. */
	u = summary_of(o, 0, RD_NO_DATE, RD_MISSING_POSITIVE);
	ck_assert_int_eq(u.tests, 0);
	ck_assert_int_eq(u.last_test_date, RD_NO_DATE);
}
END_TEST

START_TEST(summary_first_of_equal_runs)
{
	struct rd_urine_obs o[] = {
		OB("2026-01-05", NO_ID, ALC, RD_NEG, 0),
		OB("2026-01-06", NO_ID, ALC, RD_NEG, 0),
		OB("2026-01-09", NO_ID, ALC, RD_POS, 0),
		OB("2026-01-12", NO_ID, ALC, RD_NEG, 0),
		OB("2026-01-19", NO_ID, ALC, RD_NEG, 0),
	};
	struct urine_summary u = summary_of(o, 5, RD_NO_DATE, RD_MISSING_POSITIVE);

	ck_assert_int_eq(u.longest_negative_run, 2);
	ck_assert_int_eq(u.longest_negative_days, 1);
	ck_assert_int_eq(u.current_negative_run, 2);
}
END_TEST

static struct rd_sample
S(const char *date, enum rd_sample_status st)
{
	struct rd_sample s = { .date = D(date), .status = st };

	return s;
}

/*
 * Start Wednesday 2026-01-07: week 1 is 01-08..01-14, week 2 01-15..01-21,
 * week 3 01-22..01-28, week 4 01-29..02-04, week 5 02-05..02-11.
 */
static void
weekly_case(struct rd_sample s[7])
{
	s[0] = S("2026-01-07", RD_SAMPLE_POS);		/* start day: baseline */
	s[1] = S("2026-01-14", RD_SAMPLE_NEG);		/* 7th day: week 1 */
	s[2] = S("2026-01-15", RD_SAMPLE_POS);		/* 8th day: week 2 */
	s[3] = S("2026-01-16", RD_SAMPLE_NEG);		/* week 2 mixed */
	s[4] = S("2026-01-29", RD_SAMPLE_NEG);		/* week 4 */
	s[5] = S("2026-01-30", RD_SAMPLE_MISSING);	/* no sample */
	s[6] = S("2026-02-05", RD_SAMPLE_MISSING);	/* week 5: none came */
}

static const char *
word(const struct rd_sample *s, size_t n, const char *start, int end,
    const char *as_of, long weeks)
{
	static char out[64];
	long len = weekly_length(D(start), end, D(as_of), weeks);

	ck_assert_int_lt(len, (long)sizeof out);
	weekly_word(s, n, D(start), end, D(as_of), len, out);
	out[len] = '\0';
	return out;
}

START_TEST(weekly_mid_week_start)
{
	struct rd_sample s[7];

	weekly_case(s);
	/* As-of 02-11 is the last day of week 5. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", RD_NO_DATE, "2026-02-11", -1), "-*o-o");
	/* A day earlier week 5 is not over. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", RD_NO_DATE, "2026-02-10", -1), "-*o-");
	/* Fixed length: weeks not over by as-of expect nothing yet. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", RD_NO_DATE, "2026-02-11", 7), "-*o-o__");
	ck_assert_str_eq(word(s, 7, "2026-01-07", RD_NO_DATE, "2026-02-11", 2), "-*");
	/* Nothing before the first full week. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", RD_NO_DATE, "2026-01-13", -1), "");
	ck_assert_str_eq(word(s, 7, "2026-01-07", RD_NO_DATE, "2026-01-14", -1), "-");
	ck_assert_str_eq(word(s, 7, "2026-03-01", RD_NO_DATE, "2026-02-11", -1), "");
}
END_TEST

START_TEST(weekly_episode_end)
{
	struct rd_sample s[7];

	weekly_case(s);
	/* Ends 01-25, in week 3: the word stops there; week 3 expected one. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", D("2026-01-25"), "2026-03-01", -1), "-*o");
	/* Later weeks: a sample shows, none expected otherwise. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", D("2026-01-25"), "2026-03-01", 6), "-*o-__");
	/* Ended on the start day: no week. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", D("2026-01-07"), "2026-03-01", -1), "");
	/* Ends on the 7th day: one week. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", D("2026-01-14"), "2026-03-01", -1), "-");
	/* Ends 01-22, the first day of week 3, and as-of is that day. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", D("2026-01-22"), "2026-01-22", -1), "-*o");
	/* Ends after as-of: only the weeks over by as-of. */
	ck_assert_str_eq(word(s, 7, "2026-01-07", D("2026-06-30"), "2026-01-27", -1), "-*");
}
END_TEST

START_TEST(weekly_gaps_only)
{
	struct rd_sample s[1] = { S("2026-01-07", RD_SAMPLE_NEG) };

	ck_assert_str_eq(word(s, 1, "2026-01-07", RD_NO_DATE, "2026-01-28", -1), "ooo");
	ck_assert_str_eq(word(s, 0, "2026-01-07", D("2026-01-10"), "2026-01-28", 3), "o__");
}
END_TEST

static struct sched_key
KEY(const char *seed, const char *patient)
{
	struct sched_key k = { seed, strlen(seed), patient, "", strlen(patient), 0 };

	return k;
}

START_TEST(schedule_reproducible)
{
	struct sched_key a = KEY("s1", "p1"), b = KEY("s2", "p1");
	int d1[SCHED_MAX_PER_WEEK], d2[SCHED_MAX_PER_WEEK], differ = 0;
	int start = D("2026-01-04");	/* Sunday: every week is Mon..Sun */

	for (long k = 1; k <= 26; k++) {
		ck_assert_int_eq(sched_week(&a, k, start, start + 7 * 26, 2, NULL, d1), 2);
		ck_assert_int_eq(sched_week(&a, k, start, start + 7 * 26, 2, NULL, d2), 2);
		ck_assert_int_eq(d1[0], d2[0]);
		ck_assert_int_eq(d1[1], d2[1]);
		ck_assert_int_lt(d1[0], d1[1]);
		for (int i = 0; i < 2; i++) {
			ck_assert(rd_is_working_day(NULL, d1[i]));
			ck_assert_int_ge(d1[i], start + 7 * (int)(k - 1) + 1);
			ck_assert_int_le(d1[i], start + 7 * (int)k);
		}
		(void)sched_week(&b, k, start, start + 7 * 26, 2, NULL, d2);
		differ += d1[0] != d2[0] || d1[1] != d2[1];
	}
	ck_assert_int_gt(differ, 10);
}
END_TEST

START_TEST(schedule_holidays_and_end)
{
	struct sched_key k = KEY("0", "p1");
	char err[256];
	struct rd_holidays *no = rd_holidays_new("no", err, sizeof err);
	int d[SCHED_MAX_PER_WEEK];

	ck_assert_ptr_nonnull(no);
	/* Easter 2026 in Norway: Mon 30 Mar, Tue 31 Mar, Wed 1 Apr work. */
	ck_assert_int_eq(sched_week(&k, 1, D("2026-03-29"), D("2026-12-31"), 5, no, d), 3);
	ck_assert_int_eq(d[0], D("2026-03-30"));
	ck_assert_int_eq(d[2], D("2026-04-01"));
	/* The episode ends on Tuesday 31 Mar. */
	ck_assert_int_eq(sched_week(&k, 1, D("2026-03-29"), D("2026-03-31"), 5, no, d), 2);
	ck_assert_int_eq(sched_week(&k, 1, D("2026-03-29"), D("2026-03-29"), 1, no, d), 0);
	rd_holidays_free(no);
	ck_assert_int_eq(sched_weeks(D("2026-01-07"), RD_NO_DATE, -1), SCHED_DEFAULT_WEEKS);
	ck_assert_int_eq(sched_weeks(D("2026-01-07"), D("2026-01-07"), -1), 0);
	ck_assert_int_eq(sched_weeks(D("2026-01-07"), D("2026-01-14"), -1), 1);
	ck_assert_int_eq(sched_weeks(D("2026-01-07"), D("2026-01-15"), -1), 2);
	ck_assert_int_eq(sched_weeks(D("2026-01-07"), D("2026-06-15"), 4), 4);
}
END_TEST

/*
 * 2,000 patients over 26 weeks, one sample a week: every weekday should
 * get 20% of the samples, and a week repeats the previous week's weekday
 * 20% of the time (independent weeks).  With 52,000 and 50,000 draws one
 * standard error is under 0.2 points; the bound is 1 point.
 */
START_TEST(schedule_uniform_weekdays)
{
	long per_weekday[7] = { 0 }, repeats = 0, pairs = 0, total = 0;
	int start = D("2026-01-07");
	char id[32];

	for (int p = 0; p < 2000; p++) {
		struct sched_key k;
		int prev = -1, d[SCHED_MAX_PER_WEEK];

		snprintf(id, sizeof id, "P%05d", p);
		k = KEY("unit-test", id);
		for (long w = 1; w <= 26; w++) {
			ck_assert_int_eq(sched_week(&k, w, start, start + 7 * 26, 1, NULL, d), 1);
			int wd = rd_date_weekday(d[0]);
			per_weekday[wd]++;
			total++;
			if (prev >= 0) {
				pairs++;
				repeats += wd == prev;
			}
			prev = wd;
		}
	}
	ck_assert_int_eq(per_weekday[5] + per_weekday[6], 0);
	for (int wd = 0; wd < 5; wd++) {
		double share = (double)per_weekday[wd] / (double)total;
		ck_assert_msg(share > 0.19 && share < 0.21, "weekday %d share %f", wd, share);
	}
	double rep = (double)repeats / (double)pairs;
	ck_assert_msg(rep > 0.19 && rep < 0.21, "repeat share %f", rep);
}
END_TEST

START_TEST(option_lists)
{
	int *defs, *codes;
	size_t n;
	char err[256];

	ck_assert(outcome_parse_list("all", &defs, &n, err, sizeof err));
	ck_assert_uint_eq(n, rd_uds_ndefs);
	ck_assert_int_eq(defs[61], 61);
	free(defs);
	ck_assert(outcome_parse_list("Rd_zaks_1972,Ab_kosten_1993", &defs, &n, err,
	    sizeof err));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rd_uds_defs[defs[0]].name, "Rd_zaks_1972");
	free(defs);
	ck_assert(!outcome_parse_list("Rd_zaks_1972,nope", &defs, &n, err, sizeof err));
	ck_assert_str_eq(err, "unknown outcome 'nope' (see --list-outcomes)");
	ck_assert(!outcome_parse_list("Ab_kosten_1993,Ab_kosten_1993", &defs, &n,
	    err, sizeof err));
	ck_assert(!outcome_parse_list("", &defs, &n, err, sizeof err));
	rd_urine_map_init();
	ck_assert(substances_parse_list("opioids,Amfetamin,THC", &codes, &n, err,
	    sizeof err));
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(codes[0], OPI);
	ck_assert_int_eq(codes[1], STI);
	ck_assert_int_eq(codes[2], CAN);
	free(codes);
	ck_assert(!substances_parse_list("opioids,nicotine", &codes, &n, err, sizeof err));
}
END_TEST

static Suite *
urine_suite(void)
{
	Suite *s = suite_create("urine-track");
	TCase *tc = tcase_create("samples");

	tcase_add_test(tc, sample_status_rules);
	tcase_add_test(tc, samples_by_date_and_sample_id);
	tcase_add_test(tc, samples_sort_keyed_as_compared);
	tcase_add_test(tc, sample_ids_inline_and_long);
	tcase_add_test(tc, long_sample_ids_never_merge);
	tcase_add_test(tc, same_date_samples_by_sample_id);
	suite_add_tcase(s, tc);

	tc = tcase_create("summary");
	tcase_add_test(tc, summary_runs_across_substances);
	tcase_add_test(tc, summary_missing_as_positive);
	tcase_add_test(tc, summary_missing_ignored);
	tcase_add_test(tc, summary_prescribed);
	tcase_add_test(tc, summary_first_positive_day_0);
	tcase_add_test(tc, summary_no_negatives);
	tcase_add_test(tc, summary_first_of_equal_runs);
	suite_add_tcase(s, tc);

	tc = tcase_create("weekly");
	tcase_add_test(tc, weekly_mid_week_start);
	tcase_add_test(tc, weekly_episode_end);
	tcase_add_test(tc, weekly_gaps_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("schedule and options");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, schedule_reproducible);
	tcase_add_test(tc, schedule_holidays_and_end);
	tcase_add_test(tc, schedule_uniform_weekdays);
	tcase_add_test(tc, option_lists);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(urine_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
