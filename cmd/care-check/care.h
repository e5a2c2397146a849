/*
 * care-check's state: the episodes, and for each episode active on the
 * as-of day what its sessions, goals and urine samples show (collected
 * per episode, collect.h).  Rows of the
 * secondary inputs attach to an episode as attach.h says (rows that fit
 * none are counted in a note); rows of ended episodes and rows dated
 * after as-of are passed over.  Memory: per active episode, 8 bytes a session
 * and 12 a urine row, plus the goal table.
 */
#ifndef CARE_CHECK_CARE_H
#define CARE_CHECK_CARE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "collect.h"
#include "episodes.h"
#include "goals.h"
#include "lang.h"
#include "rules.h"
#include "urine.h"

/* The activities whose first attended session a check looks for. */
enum { DONE_TREATMENT_PLAN, DONE_CRISIS_PLAN, DONE_SUICIDE_RISK, NDONE };

struct episode_state {
	bool active;
	int first_done[NDONE];		/* earliest attended session, RD_NO_DATE */
	int last_suicide_risk;		/* latest attended suicide-risk session */
	int first_family_network;	/* earliest attended family or network session */
	int first_family;		/* earliest attended family session */
	int last_network;		/* latest attended network session, participants >= 1 */
	int srs_date, srs_before_date;	/* the latest two SRS and their dates */
	int srs_latest10, srs_before10;	/* tenths, -1 when none */
	int first_screen;		/* earliest AUDIT or DUDIT from the referral */
	int phq9_alert;			/* latest PHQ-9 with item 9 above 0 */
	bool contact_after_end;		/* an attended session after the end */
	size_t *goal;			/* indexes into the goal table */
	size_t ngoal, goal_cap;
};

struct care {
	int as_of;
	enum rd_lang lang;		/* of the detail texts (care_init: English) */
	struct rd_episodes *episodes;
	struct episode_state *state;	/* by episode row */
	struct rd_goals *goals;		/* NULL without --goals */
	struct rd_prescribed *prescribed;	/* NULL without --prescribed */
	struct rd_arena long_ids;	/* sample_ids too long for an observation */
	bool follow_dropouts;		/* dropout-followup enabled: mark contacts */
	/* Rows of the active episodes, by episode row (collect.h). */
	struct rd_collect sessions;	/* rd_session_event */
	struct rd_collect urine;	/* rd_urine_obs */
};

/* Takes the episodes (read from the primary input). */
void care_init(struct care *, struct rd_episodes *, int as_of);
void care_free(struct care *);
/* Secondary inputs: every bad row is fatal. */
void care_read_sessions(struct care *, const char *path);
void care_read_goals(struct care *, const char *path);
void care_read_urine(struct care *, const char *path);
void care_read_assessments(struct care *, const char *path);

/*
 * Runs the enabled checks on every active episode, once, after the
 * inputs are read; returns the findings, sorted.
 */
struct finding *care_findings(struct care *, const bool enabled[NCHECKS],
    const struct check_thresholds *, size_t *n);
void care_findings_free(struct finding *, size_t n);

#endif
