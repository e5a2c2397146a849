/*
 * libFuzzer harness: goal rows (common/goal_row.c, common/goals.c) under
 * a fixed header must never crash, leak or loop: every bad row goes to a rejects file
 * (/dev/null), and the T-score and goal states of what was kept are
 * computed on every day from the earliest to the latest.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "goals.h"
#include "opts.h"
#include "reader.h"
#include "fuzz_rows.h"

static const char header[] =
    "patient_id,episode_id,goal_id,domain,set_by,date,attainment,weight\n";

static void
exercise(const struct rd_goals *t)
{
	for (size_t g = 0; g < rd_goals_group_count(t); g++) {
		size_t n;
		const size_t *idx = rd_goals_of_group(t, g, &n);
		struct rd_gas gas = { 0, 0, 0, 0 };
		double score;

		for (size_t i = 0; i < n; i++) {
			const struct rd_goal *goal = rd_goals_at(t, idx[i]);
			struct rd_goal_state st;

			if (rd_goal_state_at(goal, INT_MAX - 4000, &st) &&
			    st.last_review != RD_NO_DATE) {
				rd_gas_add(&gas, goal->weight, st.attainment);
				(void)rd_goal_overdue(&st, 28, st.last_review + 29);
			}
		}
		(void)rd_gas_t(&gas, 0.3, &score);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_reader *r;
	struct rd_goal_cols cols;
	struct rd_record rec;
	struct rd_goals *t;

	r = fuzz_open_rows("fuzz_goals", header, data, size, NULL);
	if (r == NULL)
		return 0;
	rd_goal_cols(r, &cols);
	t = rd_goals_new();
	while (rd_next_good(r, &rec) > 0)
		(void)rd_goals_add(t, r, &rec, &cols);
	exercise(t);
	rd_goals_free(t);
	rd_close(r);
	return 0;
}
