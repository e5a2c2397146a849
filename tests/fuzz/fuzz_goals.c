/*
 * libFuzzer harness: goal rows (common/goals.c) under a fixed header must
 * never crash, leak or loop: every bad row goes to a rejects file
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
	static int ready;
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 256 };
	size_t len = sizeof header - 1 + size;
	char *buf = malloc(len);
	struct rd_reader *r;
	struct rd_goal_cols cols;
	struct rd_record rec;
	struct rd_goals *t;

	if (!ready) {
		rd_opts_init("fuzz_goals", "");
		rd_opt.rejects_path = "/dev/null";
		rd_opts_done();
		ready = 1;
	}
	if (buf == NULL)
		return 0;
	memcpy(buf, header, sizeof header - 1);
	memcpy(buf + sizeof header - 1, data, size);
	r = rd_open_mem("fuzz", buf, len, &cfg);
	free(buf);
	rd_goal_cols(r, &cols);
	t = rd_goals_new();
	while (rd_next_good(r, &rec) > 0)
		(void)rd_goals_add(t, r, &rec, &cols);
	exercise(t);
	rd_goals_free(t);
	rd_close(r);
	return 0;
}
