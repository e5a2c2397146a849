/*
 * outcome-report internals (see outcome-report(1)).
 *
 * The report is built in three steps that partial and merged runs share,
 * so that a merge gives the same bytes as one run:
 *   1. facts of one episode (struct ep_facts) from the inputs (inputs.c);
 *   2. counts per group (struct agg; the episodes' groups, groups.c):
 *      integers, a fixed-point sum and a histogram of lengths of stay,
 *      all of which add up across shards (agg.c; partial.c writes and
 *      reads them);
 *   3. the printed row (struct row_out): shares, Wilson intervals, the
 *      median and small-cell suppression, computed from the counts only
 *      (agg.c), then printed as csv, tsv, text or html (format.c, html.c).
 */
#ifndef OUTCOME_REPORT_H
#define OUTCOME_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "idmap.h"
#include "lang.h"
#include "urine.h"
#include "writer.h"

/* The shares, in the order of the output columns. */
enum share {
	SH_RETAINED_30, SH_RETAINED_90, SH_RETAINED_180, SH_COMPLETED,
	SH_DROPOUT, SH_ATTENDANCE, SH_SELF_HELP, SH_URINE_NEGATIVE,
	SH_ABSTINENT, SH_GOALS_MET, SH_ORS_IMPROVED, SH_STARTED_IN_TIME,
	SH_PLANNED_END, SH_SCREENED, SH_NETWORK_INVOLVED, SH_ORS_DETERIORATED,
	NSHARES
};

extern const char *const share_name[NSHARES];
extern const int retention_days[3];	/* 30, 90, 180 */
#define ABSTINENT_WINDOW_DAYS 28
#define GAS_T_GOAL 50.0			/* goals_met: T >= 50 */
#define GOAL_T_SCALE 1000000LL		/* goal_t summed in millionths */
#define SCREENING_DAYS 14		/* screened: AUDIT or DUDIT by start + 14 */
#define WAITING_DAYS_DEFAULT 14		/* started_in_time: --waiting-days */

/* What the run was asked for; a merge checks that every shard agrees. */
struct params {
	int as_of;
	int from, to;			/* RD_NO_DATE when not given */
	enum rd_missing_rule missing;
	bool sessions, urine, goals, prescribed, assessments;
	long waiting_days;		/* started_in_time: start - referral <= this */
	long shard, nshards;		/* --shard I/N of a partial run; 0/0: none */
};
#define PARTIAL_MAX_SHARDS 1000000

/* "as-of=2026-03-31 from= to= missing=positive inputs=episodes+sessions+urine" */
void params_format(const struct params *, char *out, size_t outsz);
#define PARAMS_MAX 160

/* Lengths of stay: a histogram of days, kept as sorted (day, count) bins. */
struct los_bin {
	int day;
	long count;
};
struct hist {
	struct los_bin *bin;
	size_t n, cap;
	size_t sorted;			/* bin[0..sorted) is sorted and coalesced */
	uint32_t *dense;		/* counts of days 0..HIST_DENSE-1 not in bin, or NULL */
	size_t in_dense;		/* adds to dense since it was last folded */
	size_t adds;			/* hist_add calls so far */
};
/*
 * A histogram whose bins outgrow HIST_DENSE_FROM, or that has been added
 * to HIST_DENSE_ADDS times, counts its days from 0 to HIST_DENSE - 1 (5.6
 * years) in place, which hist_normalize folds into the bins: adding is
 * then an increment, not a sort every time the bins fill (a group's
 * waiting times take few different days, and were sorted every few
 * hundred episodes).  At most 8 KiB for a group of at least 512
 * different days or 512 episodes: 16 bytes an episode.  Counts are 32
 * bits there (half the cache lines a report's groups take): an add that
 * does not fit goes to the bins.
 */
#define HIST_DENSE	2048
#define HIST_DENSE_FROM	1024
#define HIST_DENSE_ADDS	512

void hist_add(struct hist *, int day, long count);
/* Sorts and coalesces the bins (the form partial output needs). */
void hist_normalize(struct hist *);
long hist_total(struct hist *);
/* The median: the middle value, or the mean of the two middle values. */
bool hist_median(struct hist *, double *median);
void hist_free(struct hist *);

/* Everything that adds up: one group's counts. */
struct agg {
	long episodes, patients;
	long num[NSHARES], den[NSHARES];
	long goal_n;			/* episodes with a GAS T-score */
	long long goal_t_sum;		/* their T-scores, in millionths */
	struct hist los;		/* ended episodes, end - start in days */
	struct hist wait;		/* referred episodes, start - referral in days */
};

void agg_merge(struct agg *into, struct agg *from);
void agg_free(struct agg *);

/* What one episode contributes. */
struct ep_facts {
	int start;
	int end;			/* RD_NO_DATE while ongoing at as-of */
	int end_reason;			/* enum rd_end_reason, -1 */
	int referral;			/* RD_NO_DATE when not given */
	bool planned_end;		/* an attended end-planning session */
	bool network;			/* an attended family or network session */
	bool screened;			/* AUDIT or DUDIT from referral to start + 14 */
	int ors_deteriorated;		/* 1, 0, -1 unknown */
	long attended, no_show;		/* sessions, self-help excluded */
	bool self_help;			/* any attended self-help meeting */
	int ors_improved;		/* 1, 0, -1 unknown */
	long tests, negative;		/* urine samples counted */
	bool abstinent;			/* tested in the last 28 days, all negative */
	bool has_t;
	double t;			/* GAS T-score */
};

void ep_facts_init(struct ep_facts *, int start, int end, int end_reason,
    int referral, int as_of);
/* Retention at day n: eligible at as_of, and retained. */
bool retention_eligible(int start, int as_of, int n);
bool retention_kept(int start, int end, int end_reason, int n);
/* Urine counts of one episode's samples (sorted by date) up to last_day. */
void urine_facts(const struct rd_sample *, size_t n, enum rd_missing_rule,
    int last_day, struct ep_facts *);
/* Adds an episode (not its patient: see report_count_patient). */
void agg_add_episode(struct agg *, const struct ep_facts *, const struct params *);

/* Wilson score interval at 95%; x of n, n > 0. */
void wilson(long x, long n, double *lo, double *hi);

/* A printed cell. */
enum cell { CELL_EMPTY, CELL_SHOWN, CELL_SUPPRESSED };

struct share_out {
	enum cell state;
	double p, lo, hi;
};

struct row_out {
	const char *const *values;	/* nby grouping values */
	bool total;
	enum cell episodes_state, patients_state, los_state, goal_state, wait_state;
	long episodes, patients;
	double los_median, goal_t, wait_median;
	struct share_out share[NSHARES];
};

/*
 * The printed row of a group's counts: a count from 1 to min_cell - 1 is
 * suppressed, and so is every share whose numerator or denominator is
 * such a count; the median and the mean when their n is.
 */
void row_finish(struct agg *, long min_cell, struct row_out *);
/* "episodes|retained_180|los_median": what the row hides, "" when nothing. */
void row_suppressed(const struct row_out *, char *out, size_t outsz);
#define SUPPRESSED_MAX 512

/* The groups of a report. */
struct group {
	char **values;			/* nby strings */
	struct agg agg;
};

/*
 * A group found by its key bytes (report_group), without the hash
 * table's probe: a report has few groups, and a lookup an episode was a
 * tenth of a report from episodes alone.  len 0: an empty slot, else
 * the key's length + 1.
 */
#define GROUP_CACHE 1024
#define GROUP_CACHE_KEY 24
struct group_slot {
	uint32_t len;
	uint32_t g;
	char key[GROUP_CACHE_KEY];
};

struct report {
	struct params params;
	char **by;
	size_t nby;
	struct rd_idmap *keys;
	struct group_slot *cache;	/* GROUP_CACHE slots, or NULL */
	struct group *group;
	size_t ngroups, cap;
	struct agg total;
};

void report_init(struct report *, const struct params *, char **by, size_t nby);
void report_free(struct report *);
/* The group of these values, added when new. */
size_t report_group(struct report *, const char *const *values, const size_t *lens);
/*
 * report_group in steps, so that a reading thread can make the key and
 * its hash, and the calling thread only look it up: report_key_add puts
 * one value's bytes at out + used and returns the key's new length
 * (writing nothing when that is over cap); report_key_hash is the key's
 * hash; report_group_key the group of the values of that key.
 */
size_t report_key_add(char *out, size_t cap, size_t used, const char *value,
    size_t len);
uint64_t report_key_hash(const char *key, size_t keylen);
size_t report_group_key(struct report *, const char *key, size_t keylen,
    uint64_t hash);
/* Counts an episode in group g (and in the total). */
void report_add(struct report *, size_t g, const struct ep_facts *);
/*
 * The same in two steps, for many episodes: each counted in its group's
 * aggregate only (agg_add_episode), then every group's counts added to
 * the total once (all that adds up, patients aside: half the adding of
 * report_add).
 */
void report_total_groups(struct report *);
/*
 * Counts a patient once in each of the groups of its episodes (groups[0,
 * n), repeats allowed; sorted in place) and once in the total when n > 0:
 * in counts[0, ngroups) and counts[ngroups], counts of the caller's, so
 * that patients are counted on every core; report_add_patients adds
 * such counts to the report.
 */
void report_count_patient(long *counts, size_t ngroups, size_t *groups,
    size_t n);
void report_add_patients(struct report *, const long *counts);
/* Group indexes in output order (sorted by their values). */
size_t *report_order(const struct report *);

/* The inputs of one run (paths; NULL: not given, episodes NULL: stdin). */
struct inputs {
	const char *episodes, *sessions, *urine, *goals, *prescribed, *assessments;
	bool need_clinic;
};

/* Reads every input and adds each episode in scope to rep. */
void inputs_run(struct report *rep, const struct inputs *);

/* The measure columns of the report, in output order. */
enum mcol_kind { M_EPISODES, M_PATIENTS, M_SHARE, M_LOS, M_GOAL_T, M_WAIT };
struct mcol {
	enum mcol_kind kind;
	int share;			/* M_SHARE */
	const char *name;
};
extern const struct mcol mcols[];
extern const size_t nmcols;

/* Output. */
enum format { FMT_CSV, FMT_TSV, FMT_TEXT, FMT_HTML };

struct output {
	enum format format;
	long min_cell;
	const char *title;
	enum rd_lang lang;		/* text and html; csv and tsv stay English */
};

/* The words of text and html, one table per language (labels.c). */
#define NMCOLS 21
#define NBY_LABELS 5
struct labels {
	const char *title, *total, *blank;
	const char *col[NMCOLS];	/* in the order of mcols[] */
	const char *by[NBY_LABELS];	/* clinic, modality, age_group, start_year, start_quarter */
	/* printf formats (a % is "%%"): the as-of date, then from and to. */
	const char *scope_both, *scope_from, *scope_to, *scope_all;
	const char *text_intervals, *text_suppressed, *text_no_suppression;
	const char *html_intervals, *html_suppressed, *html_no_suppression;
	const char *urine_ignore, *urine_positive;
	const char *chart_suppressed, *chart_unknown;
	const char *chart_title;	/* a format: "%s" the share's label, "%%" a % */
};
extern const struct labels report_labels[RD_NLANGS];
/* The label of a grouping column (its own name when it has none). */
const char *label_by(enum rd_lang, const char *column);
/* A formatted number as the language writes it (decimal comma in nb, sv). */
void label_number(enum rd_lang, char *s);

void report_write(struct report *, const struct output *, struct rd_writer *);
/* Parts of report_write, by format. */
void write_table(struct report *, struct row_out *rows, size_t nrows,
    struct rd_writer *);
void write_text(struct report *, const struct output *, struct row_out *rows,
    size_t nrows, struct rd_writer *);
void write_html(struct report *, const struct output *, struct row_out *rows,
    size_t nrows, struct rd_writer *);
/* Cell text as csv prints it ("" when not shown). */
void fmt_share(double v, char *out, size_t outsz);
void fmt_median(double v, char *out, size_t outsz);
void fmt_mean(double v, char *out, size_t outsz);
/* A grouping cell of text and html: "Total" in the total row, "(blank)". */
const char *group_label(const struct row_out *, size_t i, enum rd_lang);
/* Whether a share's input was given (text and html leave the others out). */
bool share_available(const struct params *, int share);
/* "As of 2026-01-31; episodes started 2025-01-01 to 2025-12-31." */
void report_scope(const struct params *, enum rd_lang, char *out, size_t outsz);

/* Partial aggregates. */
void partial_write(struct report *, struct rd_writer *);
/*
 * Reads partial outputs (concatenated as they are, repeated header lines
 * included) from paths (NULL: stdin) into rep, which it initialises.
 */
void partial_merge(struct report *, const char *const *paths, size_t npaths);
/*
 * What --merge was given of the partial runs' options: each one given
 * must equal the partials' (read by partial_merge), else a usage error
 * naming both values.
 */
struct merge_expect {
	char **by;
	size_t nby;
	bool by_given, as_of_given, from_given, to_given, missing_given, waiting_given;
	struct params params;
};
void partial_expect(const struct report *, const struct merge_expect *);

#endif
