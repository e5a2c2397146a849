/*
 * Sessions (rusdata(7)): one row per contact or planned contact.  Reading
 * and validating a row, and the per-patient attendance rules that
 * session-log, outcome-report and care-check share, so that they live in
 * one place:
 *
 *  - self-help meetings (AA/NA) are reported by the patient: they count
 *    only in self_help (attended ones) and are ignored by everything else;
 *  - clinic-cancelled sessions are ignored altogether;
 *  - a session cancelled by the patient counts as cancelled: it is neither
 *    attended nor a no-show, and it does not break a no-show run;
 *  - a no-show run is the no-shows in a row in date order; an attended
 *    session ends it.  On one date, no-shows come before cancellations and
 *    those before attended sessions: a day with any attended session ends
 *    the run;
 *  - attendance rate is attended / (attended + no-show);
 *  - days since contact count from the last attended session, or, when
 *    none was attended, from the start (the episode start when known,
 *    else the first counted session);
 *  - a count threshold N holds at N or more, a day threshold D is broken
 *    only after D days (rusdata(7), Thresholds).
 */
#ifndef RD_SESSIONS_H
#define RD_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reader.h"
#include "writer.h"

/* Column indexes in the input, -1 when absent. */
struct rd_session_cols {
	int patient_id, episode_id, date, activity, attendance, topic, staff_id,
	    minutes, participants, ors, srs;
};

/*
 * One validated session.  Strings point into the record (valid until the
 * next rd_next) and have lengths; an empty field has length 0.  Codes are
 * indexes into rd_activity_codes and rd_attendance_codes (enum
 * rd_activity, enum rd_attendance in codes.h).  Numbers are -1 when empty;
 * ors and srs are in tenths (25.5 is 255) so they compare exactly.
 */
struct rd_session {
	const char *patient_id, *episode_id, *topic, *staff_id;
	size_t patient_id_len, episode_id_len, topic_len, staff_id_len;
	int date;
	int activity;
	int attendance;
	long minutes;		/* 0..1440 */
	long participants;	/* >= 0 */
	int ors10, srs10;	/* 0..400 */
	/*
	 * rd_session_parse: activity and attendance were written as the
	 * lists spell them (false may still be so); not staged.
	 */
	bool codes_as_spelled;
};

#define RD_SESSION_MAX_MINUTES 1440
#define RD_SESSION_MAX_SCORE 40		/* ors and srs 0..40, one decimal */
#define RD_ORS_CUTOFF10 250		/* ORS clinical cut-off 25 */
#define RD_ORS_RELIABLE10 50		/* ORS reliable change 5 points */

/*
 * Finds the session columns: patient_id, date, activity and attendance are
 * required (a missing one is a usage error, exit 2, naming it); the others
 * are optional (-1).
 */
void rd_session_cols(const struct rd_reader *, struct rd_session_cols *);
/*
 * Validates one row with the rd_get_* validators of fields.h (ids against
 * --id-pattern, dates, codes through --map, numbers in range); a bad value
 * is rejected through rd_reject and false returned.
 */
bool rd_session_parse(struct rd_reader *, const struct rd_record *,
    const struct rd_session_cols *, struct rd_session *);

/*
 * A session reduced to what the per-patient rules need (8 bytes), for
 * tools that keep a patient's sessions in memory.
 */
struct rd_session_event {
	int date;
	signed char activity;
	signed char attendance;
	short ors10;		/* -1 when empty */
};

struct rd_session_event rd_session_event(const struct rd_session *);
/*
 * A parsed session as bytes for another thread (par.h's rd_par_stage):
 * rd_session_stage writes every field but topic and staff_id to w;
 * rd_session_unstage reads one back from p into *s, the ids pointing into
 * p and topic and staff_id NULL, and returns where the next one starts.
 */
void rd_session_stage(struct rd_writer *w, const struct rd_session *s);
const char *rd_session_unstage(const char *p, struct rd_session *s);
/*
 * qsort comparator giving the order the rules need within one patient or
 * episode: by date, then no-show, cancelled, attended, clinic-cancelled.
 */
int rd_session_event_cmp(const void *, const void *);
/*
 * The same order as a sort key (collect.h): date, then attendance rank,
 * then activity, packed so that keys compare as the comparator does.
 */
uint64_t rd_session_event_key(const void *);

/* Per-patient (or per-episode) attendance, accumulated in event order. */
struct rd_session_stats {
	long attended, no_show, cancelled;	/* self-help excluded */
	long self_help;			/* attended self-help meetings */
	int first_date;			/* first counted session, RD_NO_DATE */
	int last_attended;		/* RD_NO_DATE when none */
	long current_no_show_run, longest_no_show_run;
	int first_ors10, last_ors10;	/* -1 when none (self-help excluded) */
	long ors_count;
};

void rd_session_stats_init(struct rd_session_stats *);
/* Adds one session; sessions must come in rd_session_event_cmp order. */
void rd_session_stats_add(struct rd_session_stats *,
    const struct rd_session_event *);
/* Init, then add n events already sorted with rd_session_event_cmp. */
void rd_session_stats_compute(struct rd_session_stats *,
    const struct rd_session_event *, size_t n);
/* attended / (attended + no_show); false (unknown) when both are 0. */
bool rd_attendance_rate(const struct rd_session_stats *, double *rate);
/*
 * Days from the last attended session to as_of; when none was attended,
 * from start (pass RD_NO_DATE when the episode start is unknown: the first
 * counted session is used).  -1 when there is nothing to count from.
 */
long rd_days_since_contact(const struct rd_session_stats *, int start, int as_of);
/* 1 when the last ORS is at least 5 points above the first, 0 not, -1 unknown. */
int rd_ors_improved(const struct rd_session_stats *);
/* 1 when the last ORS is at least 5 points below the first, 0 not, -1 unknown. */
int rd_ors_deteriorated(const struct rd_session_stats *);

/* Dropout-risk signals (bit set), thresholds as in rusdata(7), Thresholds. */
enum { RD_RISK_NO_SHOW_RUN = 1, RD_RISK_NO_CONTACT = 2 };
struct rd_risk_thresholds {
	long no_show_run;	/* current run >= this (default 2) */
	long no_contact_days;	/* more than this many days (default 14) */
};
#define RD_RISK_DEFAULT_NO_SHOW_RUN 2
#define RD_RISK_DEFAULT_NO_CONTACT 14
/* days_since_contact from rd_days_since_contact (-1: no-contact cannot fire). */
int rd_dropout_risk(const struct rd_session_stats *, long days_since_contact,
    const struct rd_risk_thresholds *);
/* "no-show-run", "no-contact", "no-show-run|no-contact" or "". */
const char *rd_risk_reason(int risk);

/*
 * Adherence to a plan: planned items (date and activity, sorted by date)
 * against attended sessions (sorted by rd_session_event_cmp).  A planned
 * item is done when an attended session of the same activity lies within
 * tolerance_days of its date; each session does at most one item (items in
 * date order take the earliest session still free, which maximises the
 * items done).  Self-help items and sessions are not matched (done stays
 * false).  done[i] is set for each item; returns the number done.
 */
struct rd_planned_item {
	int date;
	int activity;
};
size_t rd_plan_match(const struct rd_planned_item *items, size_t nitems,
    const struct rd_session_event *sessions, size_t nsessions,
    long tolerance_days, bool *done);

#endif
