/*
 * --summary and --weekly on one group of samples: pure functions.
 */
#include <string.h>

#include "codes.h"
#include "fields.h"
#include "track.h"

void
summarize(const struct rd_sample *s, size_t n, int start,
    enum rd_missing_rule rule, struct urine_summary *out)
{
	long run = 0;
	int run_first = 0, first_test = RD_NO_DATE;

	memset(out, 0, sizeof *out);
	out->longest_negative_days = -1;
	out->first_positive_date = RD_NO_DATE;
	out->last_test_date = RD_NO_DATE;
	out->last_positive_date = RD_NO_DATE;
	for (size_t i = 0; i < n; i++) {
		if (s[i].status == RD_SAMPLE_MISSING) {
			out->missing++;
			/* Ignored, a missing sample neither counts nor breaks a run. */
			if (rule == RD_MISSING_IGNORE)
				continue;
		}
		out->tests++;
		if (first_test == RD_NO_DATE)
			first_test = s[i].date;
		out->last_test_date = s[i].date;
		if (s[i].prescribed_pos)
			out->prescribed++;
		if (s[i].status == RD_SAMPLE_NEG) {
			out->neg++;
			if (run++ == 0)
				run_first = s[i].date;
			/* The first of equally long runs is the one reported. */
			if (run > out->longest_negative_run) {
				out->longest_negative_run = run;
				out->longest_negative_days = s[i].date - run_first;
			}
			continue;
		}
		/* Positive, or missing counted as positive. */
		if (s[i].status == RD_SAMPLE_POS)
			out->pos++;
		run = 0;
		if (out->first_positive_date == RD_NO_DATE)
			out->first_positive_date = s[i].date;
		out->last_positive_date = s[i].date;
	}
	out->current_negative_run = run;
	if (out->first_positive_date != RD_NO_DATE)
		out->days_to_first_positive = out->first_positive_date -
		    (start != RD_NO_DATE ? start : first_test);
}

long
weekly_length(int start, int end, int as_of, long weeks)
{
	long len = 0;

	if (weeks >= 0)
		return weeks;
	/*
	 * Week k runs from start+7(k-1)+1 to start+7k.  It belongs to the word
	 * when it begins on or before the end of the episode and is over by
	 * as-of: its last day, or the end of the episode if earlier, is on or
	 * before as-of.
	 */
	for (long k = 1;; k++) {
		long first = (long)start + 7 * (k - 1) + 1, last = (long)start + 7 * k;

		if (end != RD_NO_DATE && first > end)
			break;
		if ((end != RD_NO_DATE && end < last ? end : last) > as_of)
			break;
		len = k;
	}
	return len;
}

void
weekly_word(const struct rd_sample *s, size_t n, int start, int end,
    int as_of, long len, char *out)
{
	enum { SEEN_POS = 1, SEEN_NEG = 2 };

	memset(out, 0, (size_t)len);
	for (size_t i = 0; i < n; i++) {
		long d = (long)s[i].date - start, k;

		/* The start day is the baseline; missing samples are no sample. */
		if (d <= 0 || s[i].status == RD_SAMPLE_MISSING)
			continue;
		k = (d - 1) / 7;
		if (k >= len)
			continue;
		out[k] |= s[i].status == RD_SAMPLE_POS ? SEEN_POS : SEEN_NEG;
	}
	for (long k = 0; k < len; k++) {
		long first = (long)start + 7 * k + 1, last = (long)start + 7 * (k + 1);
		bool in_episode = end == RD_NO_DATE || first <= end;
		long due = end != RD_NO_DATE && end < last ? end : last;

		switch (out[k]) {
		case SEEN_POS:
			out[k] = '+';
			break;
		case SEEN_NEG:
			out[k] = '-';
			break;
		case SEEN_POS | SEEN_NEG:
			out[k] = '*';
			break;
		default:
			out[k] = in_episode && due <= as_of ? 'o' : '_';
		}
	}
}
