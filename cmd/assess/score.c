#include "score.h"

#include "codes.h"


int
assess_instrument(const char *name, size_t len)
{
	static const char *const list[] = { "audit", "audit-c", "dudit" };
	static const struct rd_codes instruments = { "instrument", list, 3, NULL };

	return rd_code_index(&instruments, name, len);
}

const char *
assess_instrument_name(int instrument)
{
	static const char *const names[] = { "AUDIT", "AUDIT-C", "DUDIT" };

	return names[instrument];
}

int
assess_item_count(int instrument)
{
	static const int count[] = { 10, 3, 11 };

	return count[instrument];
}

/* AUDIT q9-q10 and DUDIT q10-q11 are answered 0, 2 or 4 only. */
static bool
is_024_item(int instrument, int item)
{
	return (instrument == ASSESS_AUDIT && item >= 9) ||
	    (instrument == ASSESS_DUDIT && item >= 10);
}

bool
assess_item_allowed(int instrument, int item, int value)
{
	if (item < 1 || item > assess_item_count(instrument))
		return false;
	if (is_024_item(instrument, item))
		return value == 0 || value == 2 || value == 4;
	return value >= 0 && value <= 4;
}

const char *
assess_item_values(int instrument, int item)
{
	return is_024_item(instrument, item) ? "0, 2 or 4" : "0 to 4";
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

struct assess_result
assess_score(int instrument, const int *items, bool male)
{
	struct assess_result res = { false, 0, "" };
	int n = assess_item_count(instrument);

	for (int i = 0; i < n; i++) {
		if (items[i] == ASSESS_MISSING)
			return res;	/* never a total that treats a gap as zero */
		res.score += items[i];
	}
	res.complete = true;
	switch (instrument) {
	case ASSESS_AUDIT:
		res.zone = audit_zone(res.score);
		break;
	case ASSESS_AUDIT_C:
		res.zone = res.score >= (male ? 4 : 3) ? "positive" : "negative";
		break;
	default:
		res.zone = dudit_zone(res.score, male);
		break;
	}
	return res;
}
