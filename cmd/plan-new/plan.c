#include "plan.h"

#include <stdlib.h>

#include "codes.h"
#include "date.h"
#include "diag.h"

int
plan_week(int start, int day)
{
	return (day - start) / 7 + 1;
}

static void
add_item(struct plan *pl, int day, int activity, int rank, const char *phase,
    const char *topic)
{
	struct plan_item *it;

	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? 2 * pl->cap : 256;
		pl->item = rd_realloc(pl->item, pl->cap * sizeof *pl->item);
	}
	it = &pl->item[pl->n];
	it->date = it->planned = day;
	it->activity = activity;
	it->rank = rank;
	it->seq = (unsigned)pl->n;
	it->phase = phase;
	it->topic = topic;
	it->dropped = false;
	it->placed = false;
	pl->n++;
}

int
plan_key_cmp(int day_a, int day_b, const struct plan_item *a, const struct plan_item *b)
{
	if (day_a != day_b)
		return day_a < day_b ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Sorts items that are nearly in order already, by planned date or by
 * date: only the few items appended or moved are out of place, so an
 * insertion sort does less work than qsort.
 */
static void
sort_items(struct plan *pl, bool by_date)
{
	for (size_t i = 1; i < pl->n; i++) {
		struct plan_item it = pl->item[i];
		int day = by_date ? it.date : it.planned;
		size_t j = i;

		while (j > 0 && plan_key_cmp(by_date ? pl->item[j - 1].date :
		    pl->item[j - 1].planned, day, &pl->item[j - 1], &it) > 0) {
			pl->item[j] = pl->item[j - 1];
			j--;
		}
		pl->item[j] = it;
	}
}

/* The first weekday (Monday to Friday) after day 1: always inside week 1. */
static int
first_weekday_after(int start)
{
	int day = start + 1;

	while (rd_date_weekday(day) >= 5)
		day++;
	return day;
}

static void
add_start_items(struct plan *pl, const char *phase, int start, int next, int day)
{
	if (day == start) {
		add_item(pl, day, RD_ACT_ASSESSMENT, PLAN_RANK_ASSESSMENT, phase, "");
		add_item(pl, day, RD_ACT_SUICIDE_RISK, PLAN_RANK_SUICIDE_RISK, phase, "");
	}
	if (day == next) {
		add_item(pl, day, RD_ACT_TREATMENT_PLAN, PLAN_RANK_TREATMENT_PLAN, phase, "");
		add_item(pl, day, RD_ACT_CRISIS_PLAN, PLAN_RANK_CRISIS_PLAN, phase, "");
	}
}

/*
 * The start items and one item on each of a row's days in each of its
 * weeks, made day by day so that they come out in order of planned date
 * and rank.  Activities and topics are dealt out in turn over each row's
 * items in date order.
 */
static void
add_items(struct plan *pl, const struct protocol *p, int start,
    const struct plan_settings *s)
{
	int start_weekday = rd_date_weekday(start);
	int weekly_day = s->weekday >= 0 ? s->weekday : start_weekday;
	int next = first_weekday_after(start);

	if (pl->slot_cap < p->nrow) {
		pl->slot_cap = p->nrow;
		pl->slot = rd_realloc(pl->slot, pl->slot_cap * sizeof *pl->slot);
	}
	for (size_t r = 0; r < p->nrow; r++)
		pl->slot[r] = 0;
	for (int week = 1; week <= p->weeks; week++) {
		for (int off = 0; off < 7; off++) {
			int day = start + 7 * (week - 1) + off;
			int wd = (start_weekday + off) % 7;

			if (s->start_items && week == 1 && off < 4)
				add_start_items(pl, proto_phase_of_week(p, 1), start,
				    next, day);
			for (size_t r = 0; r < p->nrow; r++) {
				const struct proto_row *row = &p->row[r];
				size_t slot = pl->slot[r];

				if (week < row->week_from || week > row->week_to ||
				    (row->weekly ? wd != weekly_day : !(row->days & (1u << wd))))
					continue;
				add_item(pl, day, row->activity[slot % row->nactivity],
				    PLAN_RANK_ROWS + (int)r, row->phase,
				    row->ntopic ? row->topic[slot % row->ntopic] : "");
				pl->slot[r]++;
			}
		}
	}
}

/* Whether an item of activity is on day among items [lo, hi). */
static bool
busy(const struct plan *pl, size_t lo, size_t hi, int day, int activity)
{
	for (size_t j = lo; j < hi; j++)
		if (pl->item[j].date == day && pl->item[j].activity == activity &&
		    !pl->item[j].dropped)
			return true;
	return false;
}

/*
 * The holiday rule for the items not yet placed (pl sorted by planned
 * date): an item on a day that is not a working day moves to the next
 * working day of the same week that has no item of the same activity, or
 * is dropped.  Items are taken in date order, so an earlier one has the
 * first pick.  Moves only go forward inside a week, so the items that can
 * be on a day of the week are those planned in that week up to the day.
 */
static void
apply_holidays(struct plan *pl, int start, const struct rd_holidays *h)
{
	size_t lo = 0;

	for (size_t i = 0; i < pl->n; i++) {
		struct plan_item *it = &pl->item[i];
		int week_first, week_last;
		size_t hi = i;

		if (it->placed)
			continue;
		it->placed = true;
		if (rd_is_working_day(h, it->planned))
			continue;
		week_first = start + 7 * (plan_week(start, it->planned) - 1);
		week_last = week_first + 6;
		while (pl->item[lo].planned < week_first)
			lo++;
		while (hi < pl->n && pl->item[hi].planned <= week_last)
			hi++;
		it->dropped = true;
		for (int day = it->planned + 1; day <= week_last; day++) {
			if (rd_is_working_day(h, day) &&
			    !busy(pl, lo, hi, day, it->activity)) {
				it->date = day;
				it->dropped = false;
				break;
			}
		}
	}
}

/* The date of the last protocol item that takes place; false when none does. */
static bool
last_protocol_day(const struct plan *pl, int review_rank, int *last)
{
	bool any = false;

	for (size_t i = 0; i < pl->n; i++) {
		const struct plan_item *it = &pl->item[i];

		if (it->rank < PLAN_RANK_ROWS || it->rank >= review_rank || it->dropped)
			continue;
		if (!any || it->date > *last)
			*last = it->date;
		any = true;
	}
	return any;
}

/*
 * Goal reviews on the first day of weeks 1 + k * review_weeks up to the
 * last item; end-planning 14 days before the last item, but not before
 * day 1.
 */
static void
add_reviews_and_end(struct plan *pl, const struct protocol *p, int start,
    int review_weeks)
{
	int review_rank = PLAN_RANK_ROWS + (int)p->nrow, last = start, end;

	if (!last_protocol_day(pl, review_rank, &last))
		return;
	for (int week = 1 + review_weeks; start + 7 * (week - 1) <= last;
	    week += review_weeks)
		add_item(pl, start + 7 * (week - 1), RD_ACT_GOAL_REVIEW, review_rank,
		    proto_phase_of_week(p, week), "");
	end = last - 14 < start ? start : last - 14;
	add_item(pl, end, RD_ACT_END_PLANNING, review_rank + 1,
	    proto_phase_of_week(p, plan_week(start, end)), "");
}

void
plan_build(struct plan *pl, const struct protocol *p, int start,
    const struct plan_settings *s)
{
	pl->n = 0;
	add_items(pl, p, start, s);
	apply_holidays(pl, start, s->holidays);
	/* Reviews and end-planning depend on where the last item ended up. */
	add_reviews_and_end(pl, p, start, s->review_weeks);
	sort_items(pl, false);
	apply_holidays(pl, start, s->holidays);
	sort_items(pl, true);
}

void
plan_free(struct plan *pl)
{
	free(pl->item);
	free(pl->slot);
	pl->item = NULL;
	pl->slot = NULL;
	pl->n = pl->cap = pl->slot_cap = 0;
}
