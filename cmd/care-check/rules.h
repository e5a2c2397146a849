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
	CHECK_SUICIDE_RISK,	/* risk to life not mapped */
	CHECK_RELAPSE,		/* use after abstinence: overdose risk */
	CHECK_CRISIS_PLAN,
	CHECK_NO_CONTACT,
	CHECK_NO_SHOW_RUN,
	CHECK_TREATMENT_PLAN,
	CHECK_GOALS,
	CHECK_GOAL_REVIEW,
	NCHECKS
};

/* The input a check reads. */
enum check_input { NEEDS_SESSIONS, NEEDS_GOALS, NEEDS_URINE };

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
