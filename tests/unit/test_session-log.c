/*
 * Unit tests of common/sessions.c (row parsing, the attendance rules) and
 * of session-log's summary with plan matching; test_session-log_append.c
 * has the normalised rows and the locked append.
 */
#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codes.h"
#include "date.h"
#include "fields.h"
#include "opts.h"
#include "rejects.h"
#include "sessionlog.h"
#include "sessions.h"

#include "session_log_files.h"

static int
day(const char *iso)
{
	int d = 0;

	ck_assert_int_eq(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &d), 0);
	return d;
}

static struct rd_session_event
ev(const char *date, int activity, int attendance)
{
	struct rd_session_event e = { day(date), (signed char)activity,
	    (signed char)attendance, -1 };

	return e;
}

static void
stats_of(struct rd_session_stats *st, struct rd_session_event *e, size_t n)
{
	qsort(e, n, sizeof *e, rd_session_event_cmp);
	rd_session_stats_compute(st, e, n);
}

static int
sign(long long v)
{
	return (v > 0) - (v < 0);
}

/* The sort key orders every pair of events as the comparator does. */
START_TEST(event_key_orders_as_cmp)
{
	static const int dates[] = { INT_MIN, -40000, -1, 0, 1, 20000, INT_MAX };
	struct rd_session_event e[7 * 10 * 6];
	size_t n = 0;

	for (size_t d = 0; d < 7; d++)
		for (int att = -2; att < 8; att++)
			for (int act = -128; act < 128; act += 51) {
				e[n].date = dates[d];
				e[n].attendance = (signed char)att;
				e[n].activity = (signed char)act;
				e[n].ors10 = (short)(n % 3);
				n++;
			}
	ck_assert_uint_eq(n, sizeof e / sizeof e[0]);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			uint64_t a = rd_session_event_key(&e[i]);
			uint64_t b = rd_session_event_key(&e[j]);

			ck_assert_int_eq(sign(rd_session_event_cmp(&e[i], &e[j])),
			    (a > b) - (a < b));
		}
}
END_TEST

START_TEST(no_show_runs_reset_on_attendance)
{
	struct rd_session_event e[] = {
		ev("2026-03-02", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-03-03", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-03-04", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-03-05", RD_ACT_GROUP, RD_ATTENDED),
		ev("2026-03-06", RD_ACT_GROUP, RD_NO_SHOW),
	};
	struct rd_session_stats st;

	stats_of(&st, e, 5);
	ck_assert_int_eq(st.attended, 1);
	ck_assert_int_eq(st.no_show, 4);
	ck_assert_int_eq(st.longest_no_show_run, 3);
	ck_assert_int_eq(st.current_no_show_run, 1);
	ck_assert_int_eq(st.last_attended, day("2026-03-05"));
}
END_TEST

START_TEST(cancelled_neither_attends_nor_breaks_a_run)
{
	struct rd_session_event e[] = {
		ev("2026-03-02", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-03-03", RD_ACT_GROUP, RD_CANCELLED),
		ev("2026-03-04", RD_ACT_GROUP, RD_NO_SHOW),
	};
	struct rd_session_stats st;
	double rate;

	stats_of(&st, e, 3);
	ck_assert_int_eq(st.attended, 0);
	ck_assert_int_eq(st.cancelled, 1);
	ck_assert_int_eq(st.current_no_show_run, 2);
	ck_assert_int_eq(st.longest_no_show_run, 2);
	ck_assert_int_eq(st.last_attended, RD_NO_DATE);
	ck_assert(rd_attendance_rate(&st, &rate));
	ck_assert(rate == 0.0);
}
END_TEST

START_TEST(self_help_and_clinic_cancelled_apart)
{
	struct rd_session_event e[] = {
		ev("2026-03-02", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-03-03", RD_ACT_SELF_HELP, RD_ATTENDED),
		ev("2026-03-04", RD_ACT_SELF_HELP, RD_NO_SHOW),
		ev("2026-03-05", RD_ACT_GROUP, RD_CLINIC_CANCELLED),
		ev("2026-03-06", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-03-07", RD_ACT_SELF_HELP, RD_ATTENDED),
	};
	struct rd_session_stats st;
	double rate;

	stats_of(&st, e, 6);
	ck_assert_int_eq(st.self_help, 2);
	ck_assert_int_eq(st.attended, 0);
	ck_assert_int_eq(st.no_show, 2);
	ck_assert_int_eq(st.cancelled, 0);
	/* Neither self-help nor a clinic cancellation ends the run. */
	ck_assert_int_eq(st.current_no_show_run, 2);
	ck_assert_int_eq(st.last_attended, RD_NO_DATE);
	ck_assert_int_eq(st.first_date, day("2026-03-02"));
	ck_assert(rd_attendance_rate(&st, &rate));
	ck_assert(!rd_attendance_rate(&(struct rd_session_stats){ 0 }, &rate));
}
END_TEST

START_TEST(same_day_attendance_ends_the_run)
{
	/* Input order must not matter: attended after no-show on one date. */
	struct rd_session_event e[] = {
		ev("2026-03-03", RD_ACT_INDIVIDUAL, RD_ATTENDED),
		ev("2026-03-03", RD_ACT_GROUP, RD_NO_SHOW),
		ev("2026-03-02", RD_ACT_GROUP, RD_NO_SHOW),
	};
	struct rd_session_stats st;

	stats_of(&st, e, 3);
	ck_assert_int_eq(st.longest_no_show_run, 2);
	ck_assert_int_eq(st.current_no_show_run, 0);
}
END_TEST

START_TEST(contact_and_risk_thresholds)
{
	struct rd_session_event e[] = {
		ev("2026-03-01", RD_ACT_GROUP, RD_ATTENDED),
		ev("2026-03-05", RD_ACT_GROUP, RD_NO_SHOW),
	};
	struct rd_risk_thresholds t = { 2, 14 };
	struct rd_session_stats st;
	long d;

	stats_of(&st, e, 2);
	d = rd_days_since_contact(&st, RD_NO_DATE, day("2026-03-15"));
	ck_assert_int_eq(d, 14);
	ck_assert_int_eq(rd_dropout_risk(&st, d, &t), 0);	/* day 14: in time */
	d = rd_days_since_contact(&st, RD_NO_DATE, day("2026-03-16"));
	ck_assert_int_eq(rd_dropout_risk(&st, d, &t), RD_RISK_NO_CONTACT);
	st.current_no_show_run = 2;				/* 2 holds at 2 */
	ck_assert_int_eq(rd_dropout_risk(&st, d, &t),
	    RD_RISK_NO_SHOW_RUN | RD_RISK_NO_CONTACT);
	ck_assert_str_eq(rd_risk_reason(RD_RISK_NO_SHOW_RUN | RD_RISK_NO_CONTACT),
	    "no-show-run|no-contact");
	ck_assert_str_eq(rd_risk_reason(0), "");
	ck_assert_int_eq(rd_dropout_risk(&st, -1, &t), RD_RISK_NO_SHOW_RUN);
}
END_TEST

START_TEST(contact_counts_from_start_without_attendance)
{
	struct rd_session_event e[] = {
		ev("2026-03-05", RD_ACT_GROUP, RD_NO_SHOW),
	};
	struct rd_session_stats st;

	stats_of(&st, e, 1);
	ck_assert_int_eq(rd_days_since_contact(&st, RD_NO_DATE, day("2026-03-10")), 5);
	ck_assert_int_eq(rd_days_since_contact(&st, day("2026-03-01"),
	    day("2026-03-10")), 9);
	rd_session_stats_init(&st);
	ck_assert_int_eq(rd_days_since_contact(&st, RD_NO_DATE, day("2026-03-10")), -1);
}
END_TEST

START_TEST(ors_improvement)
{
	struct rd_session_event e[] = {
		ev("2026-03-01", RD_ACT_GROUP, RD_ATTENDED),
		ev("2026-03-08", RD_ACT_SELF_HELP, RD_ATTENDED),
		ev("2026-03-15", RD_ACT_GROUP, RD_ATTENDED),
	};
	struct rd_session_stats st;

	e[0].ors10 = 180;
	e[1].ors10 = 400;	/* self-help: ignored */
	e[2].ors10 = 229;
	stats_of(&st, e, 3);
	ck_assert_int_eq(rd_ors_improved(&st), 0);
	e[2].ors10 = 230;
	rd_session_stats_compute(&st, e, 3);
	ck_assert_int_eq(rd_ors_improved(&st), 1);
	rd_session_stats_compute(&st, e, 1);
	ck_assert_int_eq(rd_ors_improved(&st), -1);
}
END_TEST

START_TEST(plan_match_tolerance_and_one_to_one)
{
	struct rd_planned_item items[] = {
		{ day("2026-03-02"), RD_ACT_GROUP },
		{ day("2026-03-03"), RD_ACT_GROUP },
		{ day("2026-03-04"), RD_ACT_SELF_HELP },
		{ day("2026-03-10"), RD_ACT_INDIVIDUAL },
		{ day("2026-03-20"), RD_ACT_GROUP },
	};
	struct rd_session_event e[] = {
		ev("2026-03-01", RD_ACT_GROUP, RD_ATTENDED),	/* item 1 */
		ev("2026-03-04", RD_ACT_SELF_HELP, RD_ATTENDED),
		ev("2026-03-12", RD_ACT_INDIVIDUAL, RD_ATTENDED),	/* item 4, day 2 */
		ev("2026-03-17", RD_ACT_GROUP, RD_ATTENDED),	/* 3 days early */
		ev("2026-03-20", RD_ACT_GROUP, RD_NO_SHOW),
	};
	bool done[5];

	qsort(e, 5, sizeof *e, rd_session_event_cmp);
	/* One session does one item: 03-01 cannot do both 03-02 and 03-03. */
	ck_assert_uint_eq(rd_plan_match(items, 5, e, 5, 2, done), 2);
	ck_assert(done[0] && !done[1] && !done[2] && done[3] && !done[4]);
	ck_assert_uint_eq(rd_plan_match(items, 5, e, 5, 3, done), 3);
	ck_assert(done[4]);
	ck_assert_uint_eq(rd_plan_match(items, 5, e, 5, 0, done), 0);
}
END_TEST

START_TEST(plan_match_greedy_is_maximal)
{
	/* Items on 1, 2, 3; sessions on 1 and 4: with tolerance 1 both count. */
	struct rd_planned_item items[] = {
		{ day("2026-03-01"), RD_ACT_GROUP },
		{ day("2026-03-02"), RD_ACT_GROUP },
		{ day("2026-03-03"), RD_ACT_GROUP },
	};
	struct rd_session_event e[] = {
		ev("2026-03-01", RD_ACT_GROUP, RD_ATTENDED),
		ev("2026-03-04", RD_ACT_GROUP, RD_ATTENDED),
	};
	bool done[3];

	ck_assert_uint_eq(rd_plan_match(items, 3, e, 2, 1, done), 2);
	ck_assert(done[0] && !done[1] && done[2]);
}
END_TEST

/* A reader over text, for parsing tests. */
static struct rd_reader *
mem_reader(const char *text)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 20 };

	return rd_open_mem("t.csv", text, strlen(text), &cfg);
}

START_TEST(parse_a_row)
{
	struct rd_reader *r = mem_reader(
	    "note,ATTENDANCE,attendance,date,patient_id,activity,ors,minutes,srs\n"
	    "x,y,No-Show,2026-03-02,P1,GROUP,25.5,+090,\n");
	struct rd_session_cols c;
	struct rd_record rec;
	struct rd_session s;

	rd_session_cols(r, &c);
	ck_assert_int_eq(c.attendance, 2);
	ck_assert_int_eq(c.episode_id, -1);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	ck_assert(rd_session_parse(r, &rec, &c, &s));
	ck_assert_int_eq(s.date, day("2026-03-02"));
	ck_assert_int_eq(s.activity, RD_ACT_GROUP);
	ck_assert_int_eq(s.attendance, RD_NO_SHOW);
	ck_assert_int_eq(s.ors10, 255);
	ck_assert_int_eq(s.srs10, -1);
	ck_assert_int_eq(s.minutes, 90);
	ck_assert_int_eq(s.participants, -1);
	ck_assert_uint_eq(s.episode_id_len, 0);
	ck_assert_uint_eq(s.patient_id_len, 2);
	rd_close(r);
}
END_TEST

/*
 * Scores are read straight into tenths when spelt plainly: on random
 * short spellings (digits, points, signs) every verdict and value is
 * that of rd_check_real with one decimal from 0 to 40, times ten.
 */
START_TEST(scores_in_tenths_as_the_rule)
{
	static const char bytes[] = "0123456789.+-";
	char text[128];
	unsigned long seed = 3;
	long bad = 0, valid = 0;

	rd_rejects_open("/dev/null");	/* bad values go on, not stop the test */
	for (int n = 0; n < 20000; n++) {
		char v[8];
		size_t len = 1 + n % 6;
		struct rd_reader *r;
		struct rd_session_cols c;
		struct rd_record rec;
		struct rd_session s;
		struct rd_why why;
		double want;
		bool ok, want_ok;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			v[i] = bytes[(seed >> 33) % (seed >> 62 ? 10 : sizeof bytes - 1)];
		}
		snprintf(text, sizeof text, "patient_id,date,activity,attendance,ors\n"
		    "P1,2026-03-02,group,attended,%.*s\n", (int)len, v);
		r = mem_reader(text);
		rd_session_cols(r, &c);
		ck_assert_int_eq(rd_next(r, &rec), 1);
		ok = rd_session_parse(r, &rec, &c, &s);
		want_ok = rd_check_real("ors", v, len, 0, RD_SESSION_MAX_SCORE, 1, &want,
		    &why);
		bad += ok != want_ok || (ok && s.ors10 != (int)lround(want * 10));
		valid += want_ok;
		rd_close(r);
	}
	ck_assert_int_eq(bad, 0);
	ck_assert_int_gt(valid, 2000);
}
END_TEST

/* Each bad value stops the tool (strict mode): exit status 1. */
static const char *const bad_rows[] = {
	"P1,2026-03-02,group,attended,1441,,\n",
	"P1,2026-03-02,group,attended,-1,,\n",
	"P1,2026-03-02,group,attended,,40.1,\n",
	"P1,2026-03-02,group,attended,,25.55,\n",
	"P1,2026-03-02,group,attended,,,-1\n",
	"P1,2026-02-30,group,attended,,,\n",
	"P1,2026-03-02,walk,attended,,,\n",
	"P1,2026-03-02,group,maybe,,,\n",
	"P 1,2026-03-02,group,attended,,,\n",
	",2026-03-02,group,attended,,,\n",
};

START_TEST(parse_rejects_bad_values)
{
	char text[256];
	struct rd_reader *r;
	struct rd_session_cols c;
	struct rd_record rec;
	struct rd_session s;

	snprintf(text, sizeof text, "patient_id,date,activity,attendance,minutes,"
	    "ors,participants\n%s", bad_rows[_i]);
	r = mem_reader(text);
	rd_session_cols(r, &c);
	ck_assert_int_eq(rd_next(r, &rec), 1);
	rd_session_parse(r, &rec, &c, &s);
	ck_abort_msg("row accepted: %s", bad_rows[_i]);
}
END_TEST

static struct rd_session
row(const char *patient, const char *episode, const char *date, int activity,
    int attendance)
{
	struct rd_session s;

	memset(&s, 0, sizeof s);
	s.patient_id = patient;
	s.patient_id_len = strlen(patient);
	s.episode_id = episode;
	s.episode_id_len = strlen(episode);
	s.date = day(date);
	s.activity = activity;
	s.attendance = attendance;
	s.minutes = s.participants = -1;
	s.ors10 = s.srs10 = -1;
	return s;
}

/*
 * rd_attached_until as the reading thread calls it with the summary's
 * episodes, grouping and as-of, on line `line`; no
 * reader: a row it would reject (another patient's episode) must not
 * come here.
 */
static struct rd_attached
attach_at(struct sl_summary *sum, const char *patient, const char *episode,
    int date, long line)
{
	struct rd_record rec = { .line = line };

	return rd_attached_until(sum->episodes, sum->by_episode, sum->as_of, NULL,
	    &rec, 1, patient, strlen(patient), episode, strlen(episode), date);
}

static void
add_at(struct sl_summary *sum, struct rd_session s, long line)
{
	struct rd_attached a = attach_at(sum, s.patient_id, s.episode_id, s.date,
	    line);

	sl_summary_add_session(sum, &s, &a);
}

static void
add(struct sl_summary *sum, struct rd_session s)
{
	add_at(sum, s, 2);
}

static void
add_item(struct sl_summary *sum, const char *patient, const char *episode,
    const char *date, int activity, size_t row)
{
	struct rd_attached a = attach_at(sum, patient, episode, day(date),
	    (long)row + 2);

	sl_summary_add_item(sum, patient, strlen(patient), episode,
	    strlen(episode), day(date), activity, row, &a);
}

START_TEST(summary_per_patient_any_order)
{
	struct sl_summary s;
	const struct sl_result *p1, *p2;

	sl_summary_init(&s, false, NULL, day("2026-03-20"));
	add(&s, row("P2", "", "2026-03-10", RD_ACT_GROUP, RD_ATTENDED));
	add(&s, row("P1", "", "2026-03-04", RD_ACT_GROUP, RD_NO_SHOW));
	add(&s, row("P1", "", "2026-03-21", RD_ACT_GROUP, RD_ATTENDED)); /* after as-of */
	add(&s, row("P1", "", "2026-03-02", RD_ACT_GROUP, RD_ATTENDED));
	add(&s, row("P1", "", "2026-03-03", RD_ACT_GROUP, RD_NO_SHOW));
	sl_summary_finish(&s, 0);
	ck_assert_uint_eq(s.nunits, 2);
	/* Output sorted by patient: P1 (unit 1) first. */
	ck_assert_uint_eq(s.order[0], 1);
	p1 = &s.results[1];
	p2 = &s.results[0];
	ck_assert_int_eq(p1->stats.attended, 1);
	ck_assert_int_eq(p1->stats.current_no_show_run, 2);
	ck_assert_int_eq(p1->days_since_contact, 18);
	ck_assert_int_eq(p1->risk, RD_RISK_NO_SHOW_RUN | RD_RISK_NO_CONTACT);
	ck_assert_int_eq(p2->days_since_contact, 10);
	ck_assert_int_eq(p2->risk, 0);
	ck_assert_uint_eq(rd_attach_note_total(&s.sessions_note), 0);
	sl_summary_free(&s);
}
END_TEST

/*
 * Per episode_id column with ids longer than the idmap keeps in a slot,
 * more rows than a batch of keyed adding, in grouped and in shuffled
 * order: the same units, in the same output order, with the same results.
 */
enum { LONG_PATIENTS = 150, LONG_EPISODES = 2, LONG_SESSIONS = 9 };

static void
long_id_summary(struct sl_summary *s, bool shuffle)
{
	enum { N = LONG_PATIENTS * LONG_EPISODES * LONG_SESSIONS };
	static char pid[N][48], eid[N][48];
	static const int att[] = { RD_ATTENDED, RD_NO_SHOW, RD_CANCELLED };
	size_t order[N];

	for (size_t i = 0; i < N; i++)
		order[i] = i;
	srand(21);
	for (size_t i = N - 1; shuffle && i > 0; i--) {
		size_t j = (size_t)rand() % (i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	sl_summary_init(s, true, NULL, day("2026-12-31"));
	for (size_t k = 0; k < N; k++) {
		size_t i = order[k], p = i / (LONG_EPISODES * LONG_SESSIONS);
		size_t e = i / LONG_SESSIONS % LONG_EPISODES, n = i % LONG_SESSIONS;
		struct rd_session r;

		snprintf(pid[i], sizeof pid[i], "patient-with-a-long-id-%05zu", p);
		snprintf(eid[i], sizeof eid[i], "episode-%zu-of-patient-%05zu", e, p);
		r = row(pid[i], eid[i], "2026-01-01", RD_ACT_GROUP,
		    att[(p + e + n) % 3]);
		r.date += (int)(n * 3 + e * 40 + (p % 5));
		add(s, r);
	}
	sl_summary_finish(s, 0);
}

START_TEST(summary_long_ids_any_order)
{
	struct sl_summary a, b;

	long_id_summary(&a, false);
	long_id_summary(&b, true);
	ck_assert_uint_eq(a.nunits, LONG_PATIENTS * LONG_EPISODES);
	ck_assert_uint_eq(b.nunits, a.nunits);
	for (size_t i = 0; i < a.nunits; i++) {
		const struct sl_unit *ua = &a.units[a.order[i]], *ub = &b.units[b.order[i]];
		const struct sl_result *ra = &a.results[a.order[i]];
		const struct sl_result *rb = &b.results[b.order[i]];

		ck_assert_str_eq(rd_idmap_key(a.patients, ua->patient),
		    rd_idmap_key(b.patients, ub->patient));
		ck_assert_str_eq(ua->episode_id, ub->episode_id);
		ck_assert_int_eq(ua->first_date, ub->first_date);
		ck_assert_int_eq(ra->stats.attended + ra->stats.no_show +
		    ra->stats.cancelled, LONG_SESSIONS);
		ck_assert_int_eq(ra->stats.attended, rb->stats.attended);
		ck_assert_int_eq(ra->stats.no_show, rb->stats.no_show);
		ck_assert_int_eq(ra->stats.longest_no_show_run,
		    rb->stats.longest_no_show_run);
		ck_assert_int_eq(ra->days_since_contact, rb->days_since_contact);
	}
	/* Episodes of a patient in date order: episode 0 (40 days earlier) first. */
	ck_assert_str_eq(a.units[a.order[0]].episode_id,
	    "episode-0-of-patient-00000");
	ck_assert_str_eq(rd_idmap_key(a.patients, a.units[a.order[1]].patient),
	    "patient-with-a-long-id-00000");
	sl_summary_free(&a);
	sl_summary_free(&b);
}
END_TEST

START_TEST(summary_per_episode_reports_unmatched)
{
	struct sl_summary s;

	sl_summary_init(&s, true, NULL, day("2026-03-20"));
	add(&s, row("P1", "E1", "2026-03-02", RD_ACT_GROUP, RD_ATTENDED));
	ck_assert_int_eq(attach_at(&s, "P1", "", day("2026-03-03"), 7).reason,
	    RD_ATTACH_NO_EPISODE);
	add_at(&s, row("P1", "", "2026-03-03", RD_ACT_GROUP, RD_ATTENDED), 7);
	add(&s, row("P1", "E2", "2026-03-01", RD_ACT_GROUP, RD_NO_SHOW));
	add(&s, row("P2", "E1", "2026-03-01", RD_ACT_GROUP, RD_NO_SHOW));
	sl_summary_finish(&s, 0);
	ck_assert_uint_eq(rd_attach_note_total(&s.sessions_note), 1);
	ck_assert_int_eq(s.sessions_note.first_line, 7);
	ck_assert_uint_eq(s.nunits, 3);	/* P1/E1, P1/E2, P2/E1 */
	/* P1's episodes in date order: E2 (03-01) before E1 (03-02). */
	ck_assert_str_eq(s.units[s.order[0]].episode_id, "E2");
	ck_assert_str_eq(s.units[s.order[1]].episode_id, "E1");
	ck_assert_str_eq(s.units[s.order[2]].episode_id, "E1");
	sl_summary_free(&s);
}
END_TEST


START_TEST(summary_with_episodes_by_date)
{
	const char *path = temp_file(
	    "patient_id,episode_id,modality,start_date,end_date,end_reason\n"
	    "P1,E1,cbt,2026-01-01,2026-01-31,dropout\n"
	    "P1,E2,cbt,2026-03-01,,\n"
	    "P2,E3,cbt,2026-03-10,,\n"
	    "P3,E4,cbt,2026-04-01,,\n");
	struct rd_episodes *eps = rd_episodes_load(path, false);
	struct sl_summary s;

	sl_summary_init(&s, false, eps, day("2026-03-20"));
	add(&s, row("P1", "", "2026-01-05", RD_ACT_GROUP, RD_NO_SHOW));
	add(&s, row("P1", "", "2026-01-06", RD_ACT_GROUP, RD_NO_SHOW));
	add(&s, row("P1", "", "2026-02-10", RD_ACT_GROUP, RD_ATTENDED)); /* none */
	add(&s, row("P1", "", "2026-03-02", RD_ACT_GROUP, RD_ATTENDED));
	add(&s, row("P1", "E9", "2026-03-02", RD_ACT_GROUP, RD_ATTENDED)); /* unknown */
	add(&s, row("P1", "E1", "2026-03-02", RD_ACT_GROUP, RD_ATTENDED)); /* outside */
	/*
	 * Not P2's: rejected where it was read (rd_attached_until), and not
	 * counted as left out when its attachment comes to the summary.
	 */
	{
		struct rd_session p2 = row("P2", "E2", "2026-03-12", RD_ACT_GROUP,
		    RD_ATTENDED);
		struct rd_attached a = { 9, -1, RD_ATTACH_OTHER_PATIENT, 0 };

		sl_summary_add_session(&s, &p2, &a);
	}
	sl_summary_finish(&s, 0);
	ck_assert_uint_eq(s.sessions_note.left_out[RD_ATTACH_NO_EPISODE], 1);
	ck_assert_uint_eq(s.sessions_note.left_out[RD_ATTACH_UNKNOWN_ID], 1);
	ck_assert_uint_eq(s.sessions_note.left_out[RD_ATTACH_OUTSIDE], 1);
	ck_assert_uint_eq(rd_attach_note_total(&s.sessions_note), 3);
	ck_assert_uint_eq(s.nunits, 3);	/* E1, E2, E3; E4 starts after as-of */
	ck_assert_str_eq(s.units[s.order[0]].episode_id, "E1");
	ck_assert_int_eq(s.results[s.order[0]].stats.current_no_show_run, 2);
	ck_assert_int_eq(s.results[s.order[0]].risk, 0);	/* ended */
	ck_assert_int_eq(s.results[s.order[1]].stats.attended, 1);
	/* P2 never came: days count from the episode start. */
	ck_assert_str_eq(s.units[s.order[2]].episode_id, "E3");
	ck_assert_int_eq(s.results[s.order[2]].days_since_contact, 10);
	sl_summary_free(&s);
	rd_episodes_free(eps);
	unlink_log(path);
}
END_TEST

START_TEST(summary_plan_adherence_and_missed)
{
	struct sl_summary s;

	sl_summary_init(&s, false, NULL, day("2026-03-10"));
	add(&s, row("P1", "", "2026-03-03", RD_ACT_GROUP, RD_ATTENDED));
	add_item(&s, "P1", "E1", "2026-03-02", RD_ACT_GROUP, 0);
	add_item(&s, "P1", "E1", "2026-03-04", RD_ACT_SELF_HELP, 1);
	add_item(&s, "P1", "E1", "2026-03-09", RD_ACT_GROUP, 2);
	add_item(&s, "P1", "E1", "2026-03-11", RD_ACT_GROUP, 3);
	add_item(&s, "P2", "E2", "2026-03-05", RD_ACT_FAMILY, 4);
	sl_summary_finish(&s, 5);
	ck_assert_int_eq(s.results[0].planned, 2);
	ck_assert_int_eq(s.results[0].done, 1);
	ck_assert_int_eq(s.results[1].planned, 1);
	ck_assert_int_eq(s.results[1].done, 0);
	ck_assert_int_eq(s.results[1].days_since_contact, 5);
	ck_assert(!s.missed[0] && !s.missed[1] && s.missed[2] && !s.missed[3] &&
	    s.missed[4]);
	sl_summary_free(&s);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("session-log");
	TCase *rules = tcase_create("rules");
	TCase *parse = tcase_create("parse");
	TCase *summary = tcase_create("summary");

	tcase_add_test(rules, event_key_orders_as_cmp);
	tcase_add_test(rules, no_show_runs_reset_on_attendance);
	tcase_add_test(rules, cancelled_neither_attends_nor_breaks_a_run);
	tcase_add_test(rules, self_help_and_clinic_cancelled_apart);
	tcase_add_test(rules, same_day_attendance_ends_the_run);
	tcase_add_test(rules, contact_and_risk_thresholds);
	tcase_add_test(rules, contact_counts_from_start_without_attendance);
	tcase_add_test(rules, ors_improvement);
	tcase_add_test(rules, plan_match_tolerance_and_one_to_one);
	tcase_add_test(rules, plan_match_greedy_is_maximal);
	tcase_add_test(parse, parse_a_row);
	tcase_add_test(parse, scores_in_tenths_as_the_rule);
	tcase_add_loop_exit_test(parse, parse_rejects_bad_values, 1, 0,
	    (int)(sizeof bad_rows / sizeof bad_rows[0]));
	tcase_add_test(summary, summary_per_patient_any_order);
	tcase_add_test(summary, summary_per_episode_reports_unmatched);
	tcase_add_test(summary, summary_long_ids_any_order);
	tcase_add_test(summary, summary_with_episodes_by_date);
	tcase_add_test(summary, summary_plan_adherence_and_missed);
	suite_add_tcase(s, rules);
	suite_add_tcase(s, parse);
	suite_add_tcase(s, summary);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	rd_opts_init("test_session-log", "");
	rd_opts_done();
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
