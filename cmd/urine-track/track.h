/*
 * urine-track's logic: normalise.c (the default mode), schedule.c
 * (--schedule), group.c (--summary and --weekly: rows collected per
 * patient or episode, and written), summary.c (the pure functions of
 * --summary and --weekly on one group's samples), outcome.c (--outcome).
 * The pure functions below take structs, not files, so that unit tests can
 * pin every rule; the run_* functions read, write and exit.
 */
#ifndef URINE_TRACK_H
#define URINE_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "episodes.h"
#include "holidays.h"
#include "urine.h"

#define SCHED_MAX_PER_WEEK	5
#define SCHED_DEFAULT_WEEKS	26

struct track_opts {
	/* --schedule */
	const char *seed;
	int per_week;
	const char **holidays;		/* every --holidays, in order */
	size_t nholidays;
	const int *substances;		/* --substances, or NULL */
	size_t nsubstances;
	/* --summary and --weekly */
	int as_of;			/* --as-of: later rows are left out */
	long weeks;			/* --weeks N, or -1 */
	enum rd_missing_rule missing;
	const char *prescribed_path;
	const char *episodes_path;
	bool by_substance;
	/* --outcome */
	const int *outcomes;		/* definition indexes */
	size_t noutcomes;
	const char *pattern_column;
};

/*
 * Schedule.  Week k (1-based) of an episode that starts on day start is
 * the days start+7(k-1)+1 .. start+7k, the weeks of the weekly word.
 */
struct sched_key {
	const char *seed;
	size_t seed_len;
	const char *patient_id, *episode_id;
	size_t patient_len, episode_len;
};
/*
 * The sampling days of week k: per_week working days (all of them when the
 * week has fewer) drawn uniformly without replacement, the draw keyed by
 * HMAC-SHA256(seed, patient, episode, k) so that every week is independent
 * of every other.  Days up to last_day only.  Writes them to days[] in date
 * order and returns how many.
 */
int sched_week(const struct sched_key *, long week, int start, int last_day,
    int per_week, const struct rd_holidays *, int days[SCHED_MAX_PER_WEEK]);
/* Number of weeks to schedule: to end (inclusive), else weeks (>0) or 26. */
long sched_weeks(int start, int end, long weeks);

/* Summary of one group of samples (in date order). */
struct urine_summary {
	long tests, neg, pos, missing, prescribed;
	long longest_negative_run;
	int longest_negative_days;	/* -1 when there is no negative */
	long current_negative_run;
	int first_positive_date;	/* RD_NO_DATE when none */
	int days_to_first_positive;	/* valid with first_positive_date */
	int last_test_date;		/* RD_NO_DATE when none */
	int last_positive_date;		/* RD_NO_DATE when none */
};
/*
 * start is the episode start, or RD_NO_DATE (days_to_first_positive then
 * counts from the first test).
 */
void summarize(const struct rd_sample *s, size_t n, int start,
    enum rd_missing_rule, struct urine_summary *);

/*
 * Weekly word.  Samples after day start: week k of sample day d is
 * (d - start - 1) / 7 + 1.  end is the episode end or RD_NO_DATE.  weeks
 * is --weeks or -1.  Returns the word length (weekly_length) and writes
 * the word (no NUL) to out, which has room for it.
 */
long weekly_length(int start, int end, int as_of, long weeks);
void weekly_word(const struct rd_sample *s, size_t n, int start, int end,
    int as_of, long len, char *out);

/* --outcome LIST: definition indexes; false and a message in err if bad. */
bool outcome_parse_list(const char *list, int **defs, size_t *ndefs,
    char *err, size_t errsz);
/* --substances LIST: substance code indexes through the maps. */
bool substances_parse_list(const char *list, int **codes, size_t *n,
    char *err, size_t errsz);

/* Modes: each reads path ("-" or NULL for stdin) and writes stdout. */
void run_normalise(const char *path);
void run_schedule(const char *path, const struct track_opts *);
void run_grouped(const char *path, const struct track_opts *, bool weekly);
void run_outcome(const char *path, const struct track_opts *);
void run_list_outcomes(void);
void run_list_map(void);

#endif
