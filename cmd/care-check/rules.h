/*
 * care-check's logic: the checks, each a pure function of one episode's
 * state on the as-of day, and the order of findings.
 *
 * Checks are numbered in severity order, most urgent first; findings are
 * sorted by clinic, then severity, then patient (then episode, since and
 * detail, so the order is total).
 */
#ifndef CARE_CHECK_RULES_H
#define CARE_CHECK_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "episodes.h"
#include "goals.h"
#include "sessions.h"
#include "urine.h"

enum check {
	CHECK_OVERDOSE,		/* opioids after lost tolerance: risk of death */
	CHECK_SUICIDE_RISK,	/* risk to life not mapped */
	CHECK_RELAPSE,		/* use after abstinence */
	CHECK_DROPOUT_FOLLOWUP,	/* dropped out, not reached since */
	CHECK_CRISIS_PLAN,
	CHECK_NO_CONTACT,
	CHECK_NO_SHOW_RUN,
	CHECK_WAITING,		/* referred, not started */
	CHECK_ALLIANCE,
	CHECK_FEEDBACK,
	CHECK_TREATMENT_PLAN,
	CHECK_SCREENING,
	CHECK_GOALS,
	CHECK_GOAL_REVIEW,
	CHECK_NETWORK,
	CHECK_YOUTH_FAMILY,
	NCHECKS
};

/* The input a check reads (episodes are always there). */
enum check_input { NEEDS_SESSIONS, NEEDS_GOALS, NEEDS_URINE, NEEDS_ASSESSMENTS,
	NEEDS_EPISODES, NINPUTS };

struct check_info {
	const char *name;	/* the check column */
	const char *guideline;	/* the guideline column */
	enum check_input needs;
};
extern const struct check_info check_info[NCHECKS];

/* The check of a name, or -1. */
int check_by_name(const char *name, size_t len);

/* Every threshold is an option (care-check(1)). */
struct check_thresholds {
	long treatment_plan_days;	/* 14 */
	long crisis_plan_days;		/* 14 */
	long suicide_risk_days;		/* 14 */
	long goal_days;			/* 28 */
	long review_days;		/* 28 */
	long no_show_run;		/* 2 */
	long no_contact_days;		/* 14 */
	long relapse_negatives;		/* 3 */
	long waiting_days;		/* 14: referral to start */
	long srs_cutoff10;		/* 360: SRS alliance cut-off 36, in tenths */
	long ors_days;			/* 30: days without an ORS */
	long ors_drop10;		/* 50: reliable deterioration, in tenths */
	long screening_days;		/* 14 */
	long network_days;		/* 14: network therapy, between network sessions */
	long family_days;		/* 56: other episodes, first family/network */
	long youth_age;			/* 25 */
	long youth_family_days;		/* 56 */
	long overdose_negatives;	/* 3 */
	long overdose_days;		/* 28: after an inpatient episode ended */
	long dropout_days;		/* 14 */
	enum rd_missing_rule missing;	/* positive */
};
void check_thresholds_default(struct check_thresholds *);

/*
 * treatment-plan, crisis-plan, suicide-risk and goals: something the
 * guideline expects within days of the start.  first is the earliest day
 * it was done (an attended session, a goal set), RD_NO_DATE when the
 * record does not show it by as-of.  Fires when it is not done and more
 * than days have passed since start; *since is the first day late.
 */
bool check_due_after_start(int start, int first, long days, int as_of, int *since);
/*
 * More than days have passed since from (the last time it was done, or
 * the start): *since is the first day late.  waiting, feedback and
 * network-therapy's network sessions.
 */
bool check_gap(int from, long days, int as_of, int *since);

/*
 * waiting: referred (referral) and not started by as-of (start after it,
 * or RD_NOT_STARTED) for more than days.
 */
bool check_waiting(int referral, int start, long days, int as_of, int *since);

/* alliance: the latest two SRS (tenths, -1 when none) are both below the cut-off. */
bool check_alliance(int srs_latest10, int srs_before10, long cutoff10);

/* feedback: the latest ORS is drop10 or more below the first (tenths). */
bool check_ors_deteriorated(int first10, int last10, long drop10);

/* youth-family: age at the start (start year - birth year) below youth_age. */
bool check_young(int start, int birth_year, long youth_age);

/*
 * overdose: the latest sample that is not missing (in date order) is
 * positive for opioids that no prescription excuses, and either
 * overdose_negatives or more negative samples came before it (counted as
 * relapse counts them), or it lies within overdose_days after the end of
 * an inpatient episode of the patient (inpatient_end, ninpatient of them,
 * each before the sample).  *latest is that sample, *negatives the run
 * before it, *after_end the end it follows (RD_NO_DATE when the run made
 * it).
 */
bool check_overdose(const struct rd_sample *s, size_t n,
    const struct check_thresholds *, const int *inpatient_end,
    size_t ninpatient, size_t *latest, long *negatives, int *after_end);

/*
 * no-show-run and no-contact from one episode's sessions (those dated from
 * the start to as-of, sorted with rd_session_event_cmp) by the shared
 * rules of sessions.h.
 */
struct contact_result {
	long no_show_run;	/* current run */
	int run_since;		/* day of the no-show that made the run reach the threshold */
	long days_since_contact;
	int last_attended;	/* RD_NO_DATE when none */
	int contact_since;	/* first day of the no-contact finding */
};
void check_contact(const struct rd_session_event *ev, size_t n, int start,
    int as_of, const struct check_thresholds *, struct contact_result *);
bool check_no_show_run(const struct contact_result *, const struct check_thresholds *);
bool check_no_contact(const struct contact_result *, const struct check_thresholds *);

/*
 * relapse: the latest sample (to as-of, in date order) is positive after
 * at least relapse_negatives negative samples in a row.  With --missing
 * positive a missing sample counts as positive; with ignore it is passed
 * over.  *latest is the index of that sample, *negatives the run before it.
 */
bool check_relapse(const struct rd_sample *s, size_t n,
    const struct check_thresholds *, size_t *latest, long *negatives);

struct finding {
	const struct rd_episode *episode;
	enum check check;
	int since;
	char *detail;
};

/* qsort comparator: clinic, severity, patient, episode, since, detail. */
int finding_cmp(const void *, const void *);

#endif
