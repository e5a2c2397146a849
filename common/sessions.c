#include "sessions.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "fields.h"

void
rd_session_cols(const struct rd_reader *r, struct rd_session_cols *c)
{
	c->patient_id = rd_col_required(r, "patient_id");
	c->date = rd_col_required(r, "date");
	c->activity = rd_col_required(r, "activity");
	c->attendance = rd_col_required(r, "attendance");
	c->episode_id = rd_col(r, "episode_id");
	c->topic = rd_col(r, "topic");
	c->staff_id = rd_col(r, "staff_id");
	c->minutes = rd_col(r, "minutes");
	c->participants = rd_col(r, "participants");
	c->ors = rd_col(r, "ors");
	c->srs = rd_col(r, "srs");
}

static void
text_field(const struct rd_record *rec, int col, const char **s, size_t *len)
{
	if (col < 0) {
		*s = "";
		*len = 0;
	} else {
		*s = rec->f[col];
		*len = rec->len[col];
	}
}

/*
 * The usual score ("7", "25", "2.5", "25.5") straight in tenths: ten times
 * what rd_parse_real reads, exactly; -1 for any other spelling (a sign, a
 * point first or last, more digits), which rd_get_real then reads.
 */
static int
plain_tenths(const char *s, size_t len)
{
	unsigned a = (unsigned char)s[0] - (unsigned)'0';
	unsigned b = len > 1 ? (unsigned char)s[1] - (unsigned)'0' : 0;
	unsigned c = len > 2 ? (unsigned char)s[2] - (unsigned)'0' : 0;
	unsigned d = len > 3 ? (unsigned char)s[3] - (unsigned)'0' : 0;

	switch (len) {
	case 1:
		return a <= 9 ? (int)(a * 10) : -1;
	case 2:
		return a <= 9 && b <= 9 ? (int)(a * 100 + b * 10) : -1;
	case 3:
		return a <= 9 && s[1] == '.' && c <= 9 ? (int)(a * 10 + c) : -1;
	case 4:
		return a <= 9 && b <= 9 && s[2] == '.' && d <= 9 ?
		    (int)(a * 100 + b * 10 + d) : -1;
	}
	return -1;
}

/* get_score for a score that is there. */
static bool
get_score_present(struct rd_reader *r, const struct rd_record *rec, int col,
    int *tenths)
{
	double v;
	bool present;
	int t = plain_tenths(rec->f[col], rec->len[col]);

	if (t >= 0 && t <= RD_SESSION_MAX_SCORE * 10) {
		*tenths = t;
		return true;
	}
	if (!rd_get_real(r, rec, col, 0, RD_SESSION_MAX_SCORE, 1, false, &v,
	    &present))
		return false;
	*tenths = present ? (int)lround(v * 10) : -1;
	return true;
}

/*
 * A feedback score 0..40 with one decimal, in tenths; -1 when empty, as
 * most rows have it: that case in line, without a call.
 */
static inline bool
get_score(struct rd_reader *r, const struct rd_record *rec, int col, int *tenths)
{
	if (col < 0 || rec->len[col] == 0) {
		*tenths = -1;
		return true;
	}
	return get_score_present(r, rec, col, tenths);
}

bool
rd_session_parse(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_session_cols *c, struct rd_session *s)
{
	bool present, activity_exact, attendance_exact;

	text_field(rec, c->patient_id, &s->patient_id, &s->patient_id_len);
	text_field(rec, c->episode_id, &s->episode_id, &s->episode_id_len);
	text_field(rec, c->topic, &s->topic, &s->topic_len);
	text_field(rec, c->staff_id, &s->staff_id, &s->staff_id_len);
	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_id(r, rec, c->episode_id, false) ||
	    !rd_get_date(r, rec, c->date, true, &s->date) ||
	    !rd_get_code_exact(r, rec, c->activity, &rd_activity_codes, true,
	    &s->activity, &activity_exact) ||
	    !rd_get_code_exact(r, rec, c->attendance, &rd_attendance_codes, true,
	    &s->attendance, &attendance_exact) ||
	    !rd_get_id(r, rec, c->staff_id, false))
		return false;
	s->codes_as_spelled = activity_exact && attendance_exact;
	if (!rd_get_long(r, rec, c->minutes, 0, RD_SESSION_MAX_MINUTES, false,
	    &s->minutes, &present))
		return false;
	if (!present)
		s->minutes = -1;
	if (!rd_get_long(r, rec, c->participants, 0, 1000000, false,
	    &s->participants, &present))
		return false;
	if (!present)
		s->participants = -1;
	return get_score(r, rec, c->ors, &s->ors10) &&
	    get_score(r, rec, c->srs, &s->srs10);
}

struct rd_session_event
rd_session_event(const struct rd_session *s)
{
	struct rd_session_event e;

	e.date = s->date;
	e.activity = (signed char)s->activity;
	e.attendance = (signed char)s->attendance;
	e.ors10 = (short)s->ors10;
	return e;
}

/* Order on one date: no-show, cancelled, attended, clinic-cancelled. */
static int
attendance_rank(int attendance)
{
	switch (attendance) {
	case RD_NO_SHOW:
		return 0;
	case RD_CANCELLED:
		return 1;
	case RD_ATTENDED:
		return 2;
	default:
		return 3;
	}
}

int
rd_session_event_cmp(const void *pa, const void *pb)
{
	const struct rd_session_event *a = pa, *b = pb;
	int ra, rb;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	ra = attendance_rank(a->attendance);
	rb = attendance_rank(b->attendance);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return (a->activity > b->activity) - (a->activity < b->activity);
}

uint64_t
rd_session_event_key(const void *p)
{
	const struct rd_session_event *e = p;
	/* Flipping the sign bit makes signed order unsigned order. */
	uint32_t date = (uint32_t)e->date ^ 0x80000000u;
	uint8_t activity = (uint8_t)((unsigned char)e->activity ^ 0x80u);

	return (uint64_t)date << 32 |
	    (uint64_t)attendance_rank(e->attendance) << 8 | activity;
}

void
rd_session_stats_init(struct rd_session_stats *a)
{
	a->attended = a->no_show = a->cancelled = a->self_help = 0;
	a->first_date = a->last_attended = RD_NO_DATE;
	a->current_no_show_run = a->longest_no_show_run = 0;
	a->first_ors10 = a->last_ors10 = -1;
	a->ors_count = 0;
}

void
rd_session_stats_add(struct rd_session_stats *a, const struct rd_session_event *e)
{
	if (e->activity == RD_ACT_SELF_HELP) {
		if (e->attendance == RD_ATTENDED)
			a->self_help++;
		return;
	}
	if (e->attendance == RD_CLINIC_CANCELLED)
		return;
	if (a->first_date == RD_NO_DATE)
		a->first_date = e->date;
	if (e->ors10 >= 0) {
		if (a->first_ors10 < 0)
			a->first_ors10 = e->ors10;
		a->last_ors10 = e->ors10;
		a->ors_count++;
	}
	switch (e->attendance) {
	case RD_ATTENDED:
		a->attended++;
		a->last_attended = e->date;
		a->current_no_show_run = 0;
		break;
	case RD_NO_SHOW:
		a->no_show++;
		if (++a->current_no_show_run > a->longest_no_show_run)
			a->longest_no_show_run = a->current_no_show_run;
		break;
	case RD_CANCELLED:
		a->cancelled++;
		break;
	}
}

void
rd_session_stats_compute(struct rd_session_stats *a,
    const struct rd_session_event *e, size_t n)
{
	rd_session_stats_init(a);
	for (size_t i = 0; i < n; i++)
		rd_session_stats_add(a, &e[i]);
}

bool
rd_attendance_rate(const struct rd_session_stats *a, double *rate)
{
	long total = a->attended + a->no_show;

	if (total == 0)
		return false;
	*rate = (double)a->attended / (double)total;
	return true;
}

long
rd_days_since_contact(const struct rd_session_stats *a, int start, int as_of)
{
	int from = a->last_attended;

	if (from == RD_NO_DATE)
		from = start != RD_NO_DATE ? start : a->first_date;
	if (from == RD_NO_DATE || from > as_of)
		return -1;
	return (long)as_of - from;
}

int
rd_ors_improved(const struct rd_session_stats *a)
{
	if (a->ors_count < 2)
		return -1;
	return a->last_ors10 - a->first_ors10 >= RD_ORS_RELIABLE10;
}

int
rd_ors_deteriorated(const struct rd_session_stats *a)
{
	if (a->ors_count < 2)
		return -1;
	return a->first_ors10 - a->last_ors10 >= RD_ORS_RELIABLE10;
}

int
rd_dropout_risk(const struct rd_session_stats *a, long days_since_contact,
    const struct rd_risk_thresholds *t)
{
	int risk = 0;

	if (a->current_no_show_run >= t->no_show_run)
		risk |= RD_RISK_NO_SHOW_RUN;
	if (days_since_contact > t->no_contact_days)
		risk |= RD_RISK_NO_CONTACT;
	return risk;
}

const char *
rd_risk_reason(int risk)
{
	switch (risk & (RD_RISK_NO_SHOW_RUN | RD_RISK_NO_CONTACT)) {
	case RD_RISK_NO_SHOW_RUN:
		return "no-show-run";
	case RD_RISK_NO_CONTACT:
		return "no-contact";
	case RD_RISK_NO_SHOW_RUN | RD_RISK_NO_CONTACT:
		return "no-show-run|no-contact";
	default:
		return "";
	}
}

/*
 * Items come in date order, so the window start only moves forward: a
 * free session before it can never be used again, and the sessions an
 * earlier item took from inside it are a prefix of those not before it.
 * One cursor per activity over the sessions is therefore enough.
 */
size_t
rd_plan_match(const struct rd_planned_item *items, size_t nitems,
    const struct rd_session_event *sessions, size_t nsessions,
    long tolerance_days, bool *done)
{
	size_t cursor[RD_ACT_OTHER + 1] = { 0 };
	size_t ndone = 0;

	for (size_t i = 0; i < nitems; i++) {
		int act = items[i].activity;
		long lo = (long)items[i].date - tolerance_days;
		long hi = (long)items[i].date + tolerance_days;
		size_t *k;

		done[i] = false;
		if (act < 0 || act > RD_ACT_OTHER || act == RD_ACT_SELF_HELP)
			continue;
		k = &cursor[act];
		while (*k < nsessions && (sessions[*k].activity != act ||
		    sessions[*k].attendance != RD_ATTENDED ||
		    sessions[*k].date < lo))
			++*k;
		if (*k < nsessions && sessions[*k].date <= hi) {
			done[i] = true;
			ndone++;
			++*k;
		}
	}
	return ndone;
}

/* The fixed part of a staged session; the id bytes follow.  No padding. */
struct staged_session {
	long minutes, participants;
	int date, activity, attendance, ors10, srs10;
	uint32_t patient_len, episode_len;
	int unused;
};

void
rd_session_stage(struct rd_writer *w, const struct rd_session *s)
{
	struct staged_session st = { s->minutes, s->participants, s->date,
	    s->activity, s->attendance, s->ors10, s->srs10,
	    (uint32_t)s->patient_id_len, (uint32_t)s->episode_id_len, 0 };

	if (s->patient_id_len > UINT32_MAX || s->episode_id_len > UINT32_MAX)
		rd_die(RD_EXIT_DATA, "an id of more than 4 GB");
	rd_write_raw(w, (const char *)&st, sizeof st);
	rd_write_raw(w, s->patient_id, s->patient_id_len);
	rd_write_raw(w, s->episode_id, s->episode_id_len);
}

const char *
rd_session_unstage(const char *p, struct rd_session *s)
{
	struct staged_session st;

	memcpy(&st, p, sizeof st);
	p += sizeof st;
	memset(s, 0, sizeof *s);
	s->patient_id = p;
	s->patient_id_len = st.patient_len;
	p += st.patient_len;
	s->episode_id = p;
	s->episode_id_len = st.episode_len;
	s->date = st.date;
	s->activity = st.activity;
	s->attendance = st.attendance;
	s->ors10 = st.ors10;
	s->srs10 = st.srs10;
	s->minutes = st.minutes;
	s->participants = st.participants;
	return p + st.episode_len;
}
