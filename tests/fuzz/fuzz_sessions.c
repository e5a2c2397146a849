/*
 * libFuzzer harness: session rows (common/sessions.c) under a fixed header
 * must never crash, leak or loop: every bad row goes to a rejects file
 * (/dev/null); the kept rows are sorted as the rules need, accumulated,
 * and matched against themselves as a plan.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "opts.h"
#include "reader.h"
#include "fuzz_rows.h"
#include "sessions.h"

static const char header[] =
    "patient_id,episode_id,date,activity,attendance,topic,staff_id,minutes,"
    "participants,ors,srs\n";

static void
exercise(struct rd_session_event *ev, size_t n)
{
	struct rd_risk_thresholds t = { 2, 14 };
	struct rd_planned_item *items = malloc((n + 1) * sizeof *items);
	bool *done = malloc((n + 1) * sizeof *done);
	struct rd_session_stats st;
	double rate;
	long days;

	if (items == NULL || done == NULL)
		goto out;
	if (n > 0)	/* qsort must not see the NULL of an empty list */
		qsort(ev, n, sizeof *ev, rd_session_event_cmp);
	rd_session_stats_compute(&st, ev, n);
	(void)rd_attendance_rate(&st, &rate);
	(void)rd_ors_improved(&st);
	days = rd_days_since_contact(&st, RD_NO_DATE, n ? ev[n - 1].date : 0);
	(void)rd_risk_reason(rd_dropout_risk(&st, days, &t));
	for (size_t i = 0; i < n; i++) {
		items[i].date = ev[i].date;
		items[i].activity = ev[i].activity;
	}
	if (rd_plan_match(items, n, ev, n, 2, done) > n)
		abort();
out:
	free(items);
	free(done);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0, cap = 0;
	struct rd_session_event *ev = NULL, *grown;
	struct rd_reader *r;
	struct rd_session_cols cols;
	struct rd_record rec;
	struct rd_session s;

	r = fuzz_open_rows("fuzz_sessions", header, data, size, NULL);
	if (r == NULL)
		return 0;
	rd_session_cols(r, &cols);
	while (rd_next_good(r, &rec) > 0) {
		if (!rd_session_parse(r, &rec, &cols, &s))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			if ((grown = realloc(ev, cap * sizeof *ev)) == NULL)
				break;
			ev = grown;
		}
		ev[n++] = rd_session_event(&s);
	}
	exercise(ev, n);
	free(ev);
	rd_close(r);
	return 0;
}
