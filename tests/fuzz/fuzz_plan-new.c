/*
 * libFuzzer harness for plan-new's logic: the input bytes become a weekday
 * list and a small protocol (rows, weeks, days, activities, topics), a
 * start date, settings and a holiday country; the plan is built and held
 * to the rules of plan-new(1):
 *   - a weekday list that parses prints in a form that parses to the same days;
 *   - items are sorted by date, rank and creation;
 *   - an item stays on its planned day when that is a working day; else it
 *     moves forward inside its week to a working day where no other item of
 *     its activity is, or it is dropped;
 *   - every item lies inside the plan's weeks.
 * Protocol files are not read here: their errors stop the tool (exit),
 * which a fuzz target may not do; the CSV reader has harnesses of its own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "holidays.h"
#include "plan.h"
#include "protocol.h"

static struct rd_holidays *countries[3];

#include "fuzz_bytes.h"

static void
check_days(const uint8_t *data, size_t len)
{
	bool weekly, weekly2;
	unsigned days, days2;
	char text[32];

	if (proto_parse_days((const char *)data, len, &weekly, &days) != 0)
		return;
	proto_format_days(weekly, days, text);
	if (proto_parse_days(text, strlen(text), &weekly2, &days2) != 0 ||
	    weekly != weekly2 || days != days2 || (!weekly && days == 0))
		abort();
}

static const char *const topics[] = { "a", "b", "c" };
/*
 * Every activity but goal-review and end-planning: the plan adds those
 * after the holiday rule has run over the others, and a protocol row of
 * the same activity could then share a day with a moved one, which the
 * rule allows but the check below would not.
 */
static const int row_activities[12] = {
	RD_ACT_ASSESSMENT, RD_ACT_TREATMENT_PLAN, RD_ACT_CRISIS_PLAN,
	RD_ACT_SUICIDE_RISK, RD_ACT_GROUP, RD_ACT_INDIVIDUAL, RD_ACT_NETWORK,
	RD_ACT_FAMILY, RD_ACT_COUPLE, RD_ACT_SELF_HELP, RD_ACT_URINE_SAMPLE,
	RD_ACT_OTHER
};
static int activity_store[4][3];
static const char *topic_store[4][3];

/* Up to four rows, weeks 1..40; phases named by row, so they may overlap here. */
static void
make_protocol(struct bytes *b, struct protocol *p, struct proto_row *rows)
{
	static struct proto_phase phase = { "p", 1, 40 };

	memset(p, 0, sizeof *p);
	p->name = "mi";
	p->row = rows;
	p->nrow = 1 + take(b) % 4;
	p->phase = &phase;
	p->nphase = 1;
	for (size_t r = 0; r < p->nrow; r++) {
		struct proto_row *row = &rows[r];

		memset(row, 0, sizeof *row);
		row->phase = "p";
		row->week_from = 1 + (int)(take(b) % 20);
		row->week_to = row->week_from + (int)(take(b) % 20);
		row->days = take(b) & 0x7f;
		row->weekly = row->days == 0;
		row->nactivity = 1 + take(b) % 3;
		for (size_t a = 0; a < row->nactivity; a++)
			activity_store[r][a] = row_activities[take(b) % 12];
		row->activity = activity_store[r];
		row->ntopic = take(b) % 4;
		for (size_t t = 0; t < row->ntopic; t++)
			topic_store[r][t] = topics[t];
		row->topic = topic_store[r];
		if (row->week_to > p->weeks)
			p->weeks = row->week_to;
	}
}

static void
check_plan(const struct plan *pl, const struct protocol *p, int start,
    const struct rd_holidays *h)
{
	for (size_t i = 0; i < pl->n; i++) {
		const struct plan_item *it = &pl->item[i];
		int week_first = start + 7 * (plan_week(start, it->planned) - 1);

		if (i > 0 && plan_key_cmp(pl->item[i - 1].date, it->date, &pl->item[i - 1], it) >= 0)
			abort();
		if (it->planned < start || it->planned > start + 7 * p->weeks - 1)
			abort();
		if (it->dropped) {
			if (rd_is_working_day(h, it->planned))
				abort();
			continue;
		}
		if (it->date == it->planned)
			continue;
		if (rd_is_working_day(h, it->planned) || !rd_is_working_day(h, it->date) ||
		    it->date < it->planned || it->date > week_first + 6)
			abort();
		for (size_t j = 0; j < pl->n; j++)
			if (j != i && !pl->item[j].dropped && pl->item[j].date == it->date &&
			    pl->item[j].activity == it->activity)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct plan pl;
	struct bytes b = { data, size };
	struct proto_row rows[4];
	struct protocol p;
	struct plan_settings s;
	size_t split = size > 0 ? data[0] % 16 : 0;
	int start;

	if (countries[0] == NULL) {
		countries[0] = rd_holidays_new("none", NULL, 0);
		countries[1] = rd_holidays_new("no", NULL, 0);
		countries[2] = rd_holidays_new("se", NULL, 0);
	}
	if (size > 1 + split) {
		check_days(data + 1, split);
		b.p += 1 + split;
		b.n -= 1 + split;
	}
	make_protocol(&b, &p, rows);
	start = (int)take(&b) << 8;
	start = rd_date_from_ymd(2020, 1, 1) + (start | (int)take(&b)) % 3000;
	s.review_weeks = 1 + (int)(take(&b) % 8);
	s.weekday = (int)(take(&b) % 8) - 1;
	s.start_items = take(&b) & 1;
	s.holidays = countries[take(&b) % 3];
	plan_build(&pl, &p, start, &s);
	check_plan(&pl, &p, start, s.holidays);
	return 0;
}
