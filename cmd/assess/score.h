/*
 * Scoring of AUDIT, AUDIT-C, DUDIT, SCL-10, PHQ-9 and GAD-7 (see
 * assess(1)).  Pure functions on item values, so that unit tests can pin
 * every threshold.
 */
#ifndef ASSESS_SCORE_H
#define ASSESS_SCORE_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
