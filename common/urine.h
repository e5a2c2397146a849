/*
 * Urine rows (rusdata(7) "urine"): the columns, the built-in map of lab
 * substance names and result words, validation of one row, and samples.
 *
 * Every tool that reads urine rows (urine-track, outcome-report,
 * care-check) uses this file and nothing else to read them:
 *
 *	rd_opts_done();
 *	rd_urine_map_init();		built-in map after --map: --map wins
 *	r = rd_open(path);
 *	rd_urine_cols(r, &cols);	missing required column: exit 2
 *	while (rd_next_good(r, &rec) > 0)
 *		if (rd_urine_parse(r, &rec, &cols, &row))	else rejected
 *			...
 *
 * A sample is a patient's rows on one date, or the rows sharing a
 * sample_id (then dated by the earliest of them; rows without a sample_id
 * group by date, apart from rows with one).  Its status:
 *   positive  some row is pos;
 *   missing   otherwise, some row is missing, refused or invalid;
 *   negative  otherwise (every row neg, or no row left).
 * Rows that a prescription excuses (rd_prescribed_excuses) and that have
 * a neg or pos result are left out of the sample (a prescribed positive is
 * expected in medication-assisted treatment); a missing, refused or
 * invalid row is about the sample, not the substance, and is kept.  A
 * sample with nothing left counts as negative.  So a sample is positive
 * when any analyte (or class-only row) that no prescription excuses is
 * positive.
 */
#ifndef RD_URINE_H
#define RD_URINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reader.h"
#include "writer.h"

/* Column indexes, -1 when the input lacks an optional column. */
struct rd_urine_cols {
	int patient_id, date, substance, result;		/* required */
	int episode_id, supervised, random, sample_id, value, cutoff, analyte;
};

/* One validated row.  Strings point into the record. */
struct rd_urine_row {
	const char *patient_id;
	size_t patient_len;
	const char *episode_id;		/* "" when absent */
	size_t episode_len;
	const char *sample_id;		/* "" when absent */
	size_t sample_len;
	int date;			/* day number */
	int substance;			/* index into rd_substance_codes */
	int analyte;			/* analytes.h index, -1: only a class */
	int result;			/* enum rd_result */
	int supervised, random;		/* RD_YES_NO index: 0 yes, 1 no, -1 empty */
	bool has_value, has_cutoff;
	double value, cutoff;
	/*
	 * RD_URINE_SPELLED_* bits: the field is the code exactly as its list
	 * spells it (so normalising leaves it as it came); a bit not set does
	 * not say it is not.
	 */
	unsigned spelled;
	/*
	 * With a memo (rd_urine_parse_memo): the number it gives the spelling
	 * of the row's code columns, 0 to RD_URINE_SPELLINGS - 1, the same
	 * for every row of the reader spelled so; -1: none.  A caller may keep
	 * its own work per spelling under it (urine-track's output text).
	 */
	int spelling;
};
#define RD_URINE_SPELLINGS 1024
#define RD_URINE_SPELLED_SUBSTANCE	1u
#define RD_URINE_SPELLED_RESULT		2u
#define RD_URINE_SPELLED_SUPERVISED	4u
#define RD_URINE_SPELLED_RANDOM		8u

/* One row of the built-in map: column, PCRE2 pattern, code. */
struct rd_urine_map_row {
	const char *column, *pattern, *code;
	const char *examples;		/* for the man page: names it covers */
};
extern const struct rd_urine_map_row rd_urine_map[];
extern const size_t rd_urine_nmap;

/*
 * Adds the built-in map (columns substance, result, supervised and
 * random) to the code maps of map.h.  Call it once, after rd_opts_done(),
 * so that --map rows are tried first.
 */
void rd_urine_map_init(void);

/*
 * Finds the columns: patient_id, date, substance and result are required
 * (a missing one is a usage error, exit 2).
 */
void rd_urine_cols(const struct rd_reader *, struct rd_urine_cols *);

/*
 * Validates one row and fills *row: ids (patient_id, episode_id when
 * given), date, substance and result (through the maps: an unmapped name
 * is a data error naming it; substance through the analyte table, which
 * also gives the analyte, or an analyte column when the input has one: an
 * analyte not in the table is a data error naming it), supervised and random (yes/no), sample_id
 * (any text), value and cutoff (numbers 0..999999, 6 decimals).  A bad value
 * goes to rd_reject() and the function returns false.
 */
bool rd_urine_parse(struct rd_reader *, const struct rd_record *,
    const struct rd_urine_cols *, struct rd_urine_row *);
/*
 * The same, with the code columns' answers kept in memo: a row whose code
 * fields (substance, analyte, result, supervised, random: next to each
 * other, the line as read) are spelled as those of a row that passed
 * takes that row's codes without asking the lists and maps again (a file
 * has a few hundred spellings).  Everything else is checked as above, in
 * the same order, so the row passes or fails with the same message.  A
 * memo serves one reader's rows in one thread: rd_urine_memo_init(m, c)
 * for the columns c.  Its members are urine.c's; it holds no pointer to
 * free (a row function keeps it on its stack: a row that ends the tool
 * leaves nothing unreachable).
 */
#define RD_URINE_MEMO_SLOTS 2048	/* open addressing on the spelling */
struct rd_urine_memo_entry {
	uint64_t w[4];		/* the code fields' bytes (memo_words) */
	size_t len;
	short analyte;
	signed char substance, result, supervised, random;
	unsigned char spelled;
};
struct rd_urine_memo {
	int lo, hi;		/* the code columns [lo, hi); lo -1: none kept */
	size_t n;
	uint16_t at[RD_URINE_MEMO_SLOTS];	/* entry + 1; 0: empty */
	struct rd_urine_memo_entry e[RD_URINE_SPELLINGS];
};
void rd_urine_memo_init(struct rd_urine_memo *, const struct rd_urine_cols *);
bool rd_urine_parse_memo(struct rd_reader *, const struct rd_record *,
    const struct rd_urine_cols *, struct rd_urine_memo *, struct rd_urine_row *);

/*
 * Prescriptions per patient (--prescribed FILE with the columns
 * patient_id and substance, optional from and to dates, inclusive; empty
 * means open).  substance is a class (opioids) or a medicine, named as
 * rd_prescribed_lookup() in analytes.h reads it.  The file is a secondary
 * input: every bad row is fatal.
 */
struct rd_prescribed;
struct rd_prescribed *rd_prescribed_load(const char *path);
void rd_prescribed_free(struct rd_prescribed *);
/*
 * The prescription rule, the one place it is written: a row of the
 * patient dated date is excused when a prescription whose dates contain
 * date names its class, or names a medicine the row's analyte can come
 * from (buprenorphine excuses buprenorphine and norbuprenorphine, never
 * fentanyl or 6-MAM).  A row with only a class (analyte -1) is excused by
 * a class prescription only.  p may be NULL (nothing is excused).
 */
bool rd_prescribed_excuses(const struct rd_prescribed *p, const char *patient_id,
    size_t len, int date, int substance, int analyte);

/*
 * Samples.  A tool keeps the rows of each group (a patient or an episode)
 * as observations (24 bytes each) and turns them into samples with
 * rd_urine_samples(), group by group.  An observation carries its row's
 * sample_id itself: no table of sample ids across groups, so the same
 * sample_id in two groups is two samples, one in each.
 */
#define RD_NO_ANALYTE	UINT8_MAX
#define RD_SAMPLE_INLINE 15	/* longest sample_id kept in the observation */
#define RD_SAMPLE_LONG	UINT8_MAX	/* sample_len of a longer one */

struct rd_arena;

struct rd_urine_obs {
	int date;
	uint8_t substance;	/* index into rd_substance_codes */
	uint8_t result;		/* enum rd_result */
	uint8_t prescribed;	/* 1: a prescription excuses the row */
	uint8_t analyte;	/* analytes.h index, or RD_NO_ANALYTE */
	/*
	 * 0: no sample_id; 1..RD_SAMPLE_INLINE: its bytes, the rest of
	 * sample_id zero; RD_SAMPLE_LONG: sample_id holds a pointer to an
	 * arena copy and its length (read it with rd_urine_obs_sample).
	 */
	uint8_t sample_len;
	char sample_id[RD_SAMPLE_INLINE];
};

/*
 * Fills *o from a parsed row: prescribed comes from rd_prescribed_excuses()
 * with rx (which may be NULL); a sample_id longer than RD_SAMPLE_INLINE is
 * copied into long_ids, which must outlive the observation.  With
 * long_ids NULL (a thread that has no arena of the caller's) such an
 * observation is only marked RD_SAMPLE_LONG: the caller gives it its
 * sample_id with rd_urine_obs_long_id before reading it.
 */
void rd_urine_obs_fill(struct rd_urine_obs *o, const struct rd_urine_row *u,
    const struct rd_prescribed *rx, struct rd_arena *long_ids);
/* o's sample_id (len > RD_SAMPLE_INLINE bytes), copied into long_ids. */
void rd_urine_obs_long_id(struct rd_urine_obs *o, const char *id, size_t len,
    struct rd_arena *long_ids);
/* The sample_id of an observation (*len bytes, 0 when it has none). */
const char *rd_urine_obs_sample(const struct rd_urine_obs *o, size_t *len);

enum rd_sample_status { RD_SAMPLE_NEG, RD_SAMPLE_POS, RD_SAMPLE_MISSING };

struct rd_sample {
	int date;			/* earliest date of its rows */
	enum rd_sample_status status;
	bool prescribed_pos;		/* a prescribed substance was positive */
	uint16_t positive_substances;	/* bit i: substance code i positive */
	uint32_t key;			/* tie-break: date groups, then by sample_id */
	uint32_t first_obs, nobs;	/* its rows in the obs rd_urine_samples sorted */
};

/*
 * Groups obs[0..n-1] (one group's rows, any order; reordered in place)
 * into samples, written to out (room for n) in date order.  Samples of
 * one date: the rows without a sample_id first, then by sample_id in byte
 * order, so the order never depends on the order of the input.  Returns
 * the number of samples.
 */
size_t rd_urine_samples(struct rd_urine_obs *obs, size_t n, struct rd_sample *out);

/* Status of one group of rows, by the rule above. */
enum rd_sample_status rd_urine_sample_status(const struct rd_urine_obs *obs,
    size_t n, bool *prescribed_pos, uint16_t *positive_substances);

/*
 * What made sample s positive, for people ("fentanyl, cocaine"), into
 * out (outsz bytes; a name that does not fit is left off whole): each
 * positive row that no prescription excuses by its analyte when it has
 * one, else by its class, each name once, in the order of the classes
 * and then of the analyte table.  klass >= 0 names the analytes of that
 * class only (the caller names the class).  obs is the array
 * rd_urine_samples() sorted.  Names are codes, as the analyte table and
 * rusdata(7) spell them.
 */
void rd_sample_positive_names(const struct rd_urine_obs *obs,
    const struct rd_sample *s, int klass, char *out, size_t outsz);

/*
 * The two rules for missing samples (--missing): a missing, refused or
 * invalid sample counts as positive (the usual trial rule), or is ignored.
 */
enum rd_missing_rule { RD_MISSING_POSITIVE, RD_MISSING_IGNORE };
/* "positive" or "ignore"; -1 for anything else. */
int rd_missing_rule_parse(const char *s, enum rd_missing_rule *out);

#endif
