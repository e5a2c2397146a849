/*
 * libFuzzer harness for goal-track's summaries (cmd/goal-track/summary.c):
 * goal rows under a fixed header (bad rows to a rejects file, /dev/null)
 * are summarised per patient/episode on several as-of days, with reviews
 * due after 28 days, after a fuzzed number of days, or never (an ended
 * episode).  Must never crash, leak or loop, and
 *   - goals >= set_by_known >= set_by_patient; the share is in [0, 1];
 *   - a T-score is finite and met exactly when it is 50 or more;
 *   - a weight written as goal-track writes it reads back as the weight.
 *
 * The Makefile links the tool's logic (cmd/goal-track but main.c).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "goals.h"
#include "opts.h"
#include "reader.h"
#include "fuzz_rows.h"

#include "summary.h"

static const char header[] =
    "patient_id,episode_id,goal_id,domain,set_by,date,attainment,weight\n";

static void
summarise(const struct rd_goals *t, const size_t *idx, size_t n, int as_of,
    int review_days)
{
	struct goal_summary s;
	double share, score;
	bool met;

	goal_summary_init(&s);
	for (size_t i = 0; i < n; i++)
		(void)goal_summary_add(&s, rd_goals_at(t, idx[i]), as_of, review_days);
	if (s.set_by_patient > s.set_by_known || s.set_by_known > s.goals || s.goals > n)
		abort();
	if (goal_summary_set_by_share(&s, &share) && !(share >= 0 && share <= 1))
		abort();
	(void)goal_summary_overdue(&s, as_of);
	if (goal_summary_t(&s, 0.3, &score, &met) && (!isfinite(score) || met != (score >= 50)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_reader *r;
	struct rd_goal_cols cols;
	struct rd_record rec;
	struct rd_goals *t;
	int review_days = size > 0 ? data[0] % 60 + 1 : 28;

	r = fuzz_open_rows("fuzz_goal-track", header, data, size, NULL);
	if (r == NULL)
		return 0;
	rd_goal_cols(r, &cols);
	t = rd_goals_new();
	while (rd_next_good(r, &rec) > 0)
		(void)rd_goals_add(t, r, &rec, &cols);
	for (size_t g = 0; g < rd_goals_group_count(t); g++) {
		size_t n;
		const size_t *idx = rd_goals_of_group(t, g, &n);
		int first = rd_goals_at(t, idx[0])->set_date;

		for (int day = first - 1; day <= first + 120; day += 17) {
			summarise(t, idx, n, day, 28);
			summarise(t, idx, n, day, review_days);
			summarise(t, idx, n, day, 0);
		}
	}
	for (size_t i = 0; i < rd_goals_count(t); i++) {
		double w = rd_goals_at(t, i)->weight;
		char text[32];

		goal_format_weight(w, text);
		if (fabs(strtod(text, NULL) - w) > 1e-9 * (fabs(w) + 1))
			abort();
	}
	rd_goals_free(t);
	rd_close(r);
	return 0;
}
