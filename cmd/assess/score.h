/*
 * Scoring of AUDIT, AUDIT-C and DUDIT (see assess(1)).  Pure functions on
 * item values, so that unit tests can pin every threshold.
 */
#ifndef ASSESS_SCORE_H
#define ASSESS_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#define ASSESS_MAX_ITEMS 11
#define ASSESS_MISSING (-1)

enum assess_instrument { ASSESS_AUDIT, ASSESS_AUDIT_C, ASSESS_DUDIT };

struct assess_result {
	bool complete;
	int score;		/* valid when complete */
	const char *zone;	/* "" when incomplete */
};

/* Instrument by name, ignoring case; -1 when unknown. */
int assess_instrument(const char *name, size_t len);
/* Display name: "AUDIT", "AUDIT-C", "DUDIT". */
const char *assess_instrument_name(int instrument);
/* Number of items of the instrument (10, 3, 11). */
int assess_item_count(int instrument);
/* Whether value is allowed for item (1-based) of the instrument. */
bool assess_item_allowed(int instrument, int item, int value);
/* The allowed values of an item for messages: "0-4" or "0, 2, 4". */
const char *assess_item_values(int instrument, int item);
/*
 * Scores items[0 .. item_count-1] (ASSESS_MISSING where not answered);
 * the values must already be allowed.  male selects the men's threshold
 * where the instrument has one; everyone else gets the lower one.
 */
struct assess_result assess_score(int instrument, const int *items, bool male);

#endif
