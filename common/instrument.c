#include "instrument.h"

#include <stdio.h>

#include "codes.h"
#include "diag.h"
#include "fields.h"
#include "rejects.h"

static const char *const names[ASSESS_NINSTRUMENTS] = { "AUDIT", "AUDIT-C",
	"DUDIT", "SCL-10", "PHQ-9", "GAD-7" };

int
assess_instrument(const char *name, size_t len)
{
	static const char *const list[ASSESS_NINSTRUMENTS] = { "audit",
		"audit-c", "dudit", "scl-10", "phq-9", "gad-7" };
	static const struct rd_codes instruments = { "instrument", list,
		ASSESS_NINSTRUMENTS, NULL, NULL, NULL };

	return rd_code_index(&instruments, name, len);
}

const char *
assess_instrument_name(int instrument)
{
	return names[instrument];
}

const char *
assess_instrument_names(void)
{
	return "AUDIT, AUDIT-C, DUDIT, SCL-10, PHQ-9, GAD-7";
}

int
assess_item_count(int instrument)
{
	static const int count[ASSESS_NINSTRUMENTS] = { 10, 3, 11, 10, 9, 7 };

	return count[instrument];
}

/* AUDIT q9-q10 and DUDIT q10-q11 are answered 0, 2 or 4 only. */
static bool
is_024_item(int instrument, int item)
{
	return (instrument == ASSESS_AUDIT && item >= 9) ||
	    (instrument == ASSESS_DUDIT && item >= 10);
}

/* SCL-10 answers run 1 (not at all) to 4 (extremely); PHQ-9 and GAD-7 0 to 3. */
static int
lowest_answer(int instrument)
{
	return instrument == ASSESS_SCL_10 ? 1 : 0;
}

static int
highest_answer(int instrument)
{
	return instrument == ASSESS_PHQ_9 || instrument == ASSESS_GAD_7 ? 3 : 4;
}

bool
assess_item_allowed(int instrument, int item, int value)
{
	if (item < 1 || item > assess_item_count(instrument))
		return false;
	if (is_024_item(instrument, item))
		return value == 0 || value == 2 || value == 4;
	return value >= lowest_answer(instrument) &&
	    value <= highest_answer(instrument);
}

const char *
assess_item_values(int instrument, int item)
{
	if (is_024_item(instrument, item))
		return "0, 2 or 4";
	if (instrument == ASSESS_SCL_10)
		return "1 to 4";
	return highest_answer(instrument) == 3 ? "0 to 3" : "0 to 4";
}

static const char *
audit_zone(int score)
{
	if (score <= 7)
		return "I";
	if (score <= 15)
		return "II";
	if (score <= 19)
		return "III";
	return "IV";
}

static const char *
dudit_zone(int score, bool male)
{
	if (score >= 25)
		return "dependence";
	if (score >= (male ? 6 : 2))
		return "problems";
	return "low";
}

/* Kroenke et al. 2001: 5, 10, 15 and 20 open the mild to severe bands. */
static const char *
phq9_zone(int score)
{
	if (score >= 20)
		return "severe";
	if (score >= 15)
		return "moderately-severe";
	if (score >= 10)
		return "moderate";
	return score >= 5 ? "mild" : "minimal";
}

/* Spitzer et al. 2006: 5, 10 and 15 open the mild, moderate, severe bands. */
static const char *
gad7_zone(int score)
{
	if (score >= 15)
		return "severe";
	if (score >= 10)
		return "moderate";
	return score >= 5 ? "mild" : "minimal";
}

/*
 * The WHO interview version of AUDIT (Babor et al. 2001) tells the
 * interviewer to skip to q9 when q1 is 0, and when q2 and q3 are both 0;
 * the skipped items score 0.  Only empty items are filled: an answer
 * given anyway is scored as given.
 */
static void
audit_skips(int *items)
{
	int from = 0;

	if (items[0] == 0)
		from = 1;
	else if (items[1] == 0 && items[2] == 0)
		from = 3;
	if (from == 0)
		return;
	for (int i = from; i < 8; i++)
		if (items[i] == ASSESS_MISSING)
			items[i] = 0;
}

static const char *
zone_of(int instrument, int sum, bool male)
{
	switch (instrument) {
	case ASSESS_AUDIT:
		return audit_zone(sum);
	case ASSESS_AUDIT_C:
		return sum >= (male ? 4 : 3) ? "positive" : "negative";
	case ASSESS_DUDIT:
		return dudit_zone(sum, male);
	case ASSESS_SCL_10:
		/* Mean (sum / 10, in hundredths sum * 10) at 1.85 or more
		 * (Strand et al. 2003); a whole sum makes that 19 or more. */
		return sum * 10 >= 185 ? "positive" : "negative";
	case ASSESS_PHQ_9:
		return phq9_zone(sum);
	default:
		return gad7_zone(sum);
	}
}

bool
assess_read_instrument(struct rd_reader *r, const struct rd_record *rec,
    int col, int *instrument)
{
	char ex[64];

	*instrument = assess_instrument(rec->f[col], rec->len[col]);
	if (*instrument >= 0)
		return true;
	rd_reject(r, rec, col, "instrument %s is not one of %s",
	    rd_excerpt(rec->f[col], rec->len[col], ex, sizeof ex),
	    assess_instrument_names());
	return false;
}

bool
assess_read_items(struct rd_reader *r, const struct rd_record *rec,
    const int *item_col, int instrument, int *items)
{
	int n = assess_item_count(instrument);

	for (int i = 0; i < ASSESS_MAX_ITEMS; i++) {
		int col = item_col[i];
		long v;
		char ex[64];

		items[i] = ASSESS_MISSING;
		if (col < 0 || rec->len[col] == 0)
			continue;
		if (i >= n) {
			rd_reject(r, rec, col, "q%d %s must be empty: %s has %d items",
			    i + 1, rd_excerpt(rec->f[col], rec->len[col], ex, sizeof ex),
			    assess_instrument_name(instrument), n);
			return false;
		}
		if (rd_parse_long(rec->f[col], rec->len[col], &v) != 0 ||
		    !assess_item_allowed(instrument, i + 1, (int)v)) {
			rd_reject(r, rec, col, "q%d %s is not an allowed answer (%s)",
			    i + 1, rd_excerpt(rec->f[col], rec->len[col], ex, sizeof ex),
			    assess_item_values(instrument, i + 1));
			return false;
		}
		items[i] = (int)v;
	}
	return true;
}

void
assess_row_cols(const struct rd_reader *r, struct assess_row_cols *c)
{
	char name[16];

	c->patient_id = rd_col_required(r, "patient_id");
	c->date = rd_col_required(r, "date");
	c->instrument = rd_col_required(r, "instrument");
	for (int i = 0; i < ASSESS_MAX_ITEMS; i++) {
		snprintf(name, sizeof name, "q%d", i + 1);
		c->item[i] = rd_col(r, name);
	}
}

bool
assess_row_parse(struct rd_reader *r, const struct rd_record *rec,
    const struct assess_row_cols *c, struct assess_row *out)
{
	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_date(r, rec, c->date, true, &out->date) ||
	    !assess_read_instrument(r, rec, c->instrument, &out->instrument) ||
	    !assess_read_items(r, rec, c->item, out->instrument, out->item))
		return false;
	out->patient_id = rec->f[c->patient_id];
	out->patient_len = rec->len[c->patient_id];
	return true;
}

struct assess_result
assess_score(int instrument, const int *given, bool male)
{
	struct assess_result res = { false, 0, 0, "", "" };
	int n = assess_item_count(instrument), sum = 0;
	int items[ASSESS_MAX_ITEMS] = { 0 };

	for (int i = 0; i < n; i++)
		items[i] = given[i];
	if (instrument == ASSESS_AUDIT)
		audit_skips(items);
	/* Item 9 asks about thoughts of death or self-harm: shown even when
	 * other items are missing, because it calls for action on its own. */
	if (instrument == ASSESS_PHQ_9 && items[8] > 0)
		res.alert = "self-harm";
	for (int i = 0; i < n; i++) {
		if (items[i] == ASSESS_MISSING)
			return res;	/* never a total that treats a gap as zero */
		sum += items[i];
	}
	res.complete = true;
	res.zone = zone_of(instrument, sum, male);
	if (instrument == ASSESS_SCL_10) {
		res.score = sum * 10;	/* the mean of 10 items, in hundredths */
		res.decimals = 2;
	} else
		res.score = sum;
	return res;
}
