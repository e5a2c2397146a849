/*
 * Screening instruments (assessments rows, rusdata(7)): AUDIT, AUDIT-C,
 * DUDIT, SCL-10, PHQ-9 and GAD-7, their item sets and scoring (assess(1)),
 * and reading a row's instrument and items, which assess and care-check
 * (--assessments) share.  Scoring is pure functions on item values, so
 * that unit tests can pin every threshold; the readers reject a bad row
 * through rd_reject and return false.
 */
#ifndef RD_INSTRUMENT_H
#define RD_INSTRUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "reader.h"

#define ASSESS_MAX_ITEMS 11
#define ASSESS_MISSING (-1)

enum assess_instrument { ASSESS_AUDIT, ASSESS_AUDIT_C, ASSESS_DUDIT,
	ASSESS_SCL_10, ASSESS_PHQ_9, ASSESS_GAD_7, ASSESS_NINSTRUMENTS };

struct assess_result {
	bool complete;
	int score;		/* valid when complete; in 10^-decimals units */
	int decimals;		/* 2 for the SCL-10 mean, else 0 */
	const char *zone;	/* "" when incomplete */
	const char *alert;	/* "self-harm" for PHQ-9 item 9 above 0, else "" */
};

/* Instrument by name, ignoring case; -1 when unknown. */
int assess_instrument(const char *name, size_t len);
/* Display name: "AUDIT", "AUDIT-C", "DUDIT", "SCL-10", "PHQ-9", "GAD-7". */
const char *assess_instrument_name(int instrument);
/* "AUDIT, AUDIT-C, ...": every name, for messages. */
const char *assess_instrument_names(void);
/* Number of items of the instrument (10, 3, 11, 10, 9, 7). */
int assess_item_count(int instrument);
/* Whether value is allowed for item (1-based) of the instrument. */
bool assess_item_allowed(int instrument, int item, int value);
/* The allowed values of an item for messages: "0 to 4" or "0, 2 or 4". */
const char *assess_item_values(int instrument, int item);
/*
 * Scores items[0 .. item_count-1] (ASSESS_MISSING where not answered);
 * the values must already be allowed.  male selects the men's threshold
 * where the instrument has one; everyone else gets the lower one.  AUDIT
 * items skipped by the interview version's rules (q1 = 0: q2-q8; q2 and
 * q3 both 0: q4-q8) count 0 when they are empty.
 */
struct assess_result assess_score(int instrument, const int *items, bool male);
/* The instrument of field col, or the row rejected (unknown or empty). */
bool assess_read_instrument(struct rd_reader *, const struct rd_record *,
    int col, int *instrument);
/*
 * items[0 .. ASSESS_MAX_ITEMS-1] from the columns item_col[] (-1: absent,
 * an unanswered item): ASSESS_MISSING where empty; the row rejected for an
 * answer outside the item's set or an item beyond the instrument's count.
 */
bool assess_read_items(struct rd_reader *, const struct rd_record *,
    const int *item_col, int instrument, int *items);

/*
 * An assessments row as a secondary input reads it (care-check,
 * outcome-report --assessments): patient_id, date and instrument are
 * required columns (exit 2 when missing), q1..q11 optional.
 */
struct assess_row_cols {
	int patient_id, date, instrument, item[ASSESS_MAX_ITEMS];
};
struct assess_row {
	const char *patient_id;		/* into the record */
	size_t patient_len;
	int date, instrument, item[ASSESS_MAX_ITEMS];
};
void assess_row_cols(const struct rd_reader *, struct assess_row_cols *);
/* Validates one row by the rules above; false when it was rejected. */
bool assess_row_parse(struct rd_reader *, const struct rd_record *,
    const struct assess_row_cols *, struct assess_row *);

#endif
