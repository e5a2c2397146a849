/*
 * How an episode goes: dropout as a weekly hazard that is highest in the
 * first weeks, a few transfers and other endings, completion at the last
 * planned item; ongoing when the end would fall after the extract date.
 */
#include "codes.h"
#include "date.h"
#include "synth.h"

/*
 * Weekly dropout hazard in 1/100000: 6000 in week 1, falling by 22% a
 * week towards a floor of 300 (about 6.3% in week 1, 2.5% in week 5,
 * 0.3% a week after half a year).
 */
static int
hazard(int week)
{
	int h = 6000;

	for (int w = 1; w < week && h > 0; w++)
		h = h * 78 / 100;
	return h + 300;
}

/* Percent: younger patients and stimulant or opioid users drop out more. */
static int
risk_pct(const struct sc_patient *pt, const struct sc_episode *e)
{
	int y, m, d, pct = 100;

	rd_date_to_ymd(e->start, &y, &m, &d);
	if (y - pt->birth_year < 25)
		pct = pct * 130 / 100;
	if (e->primary == SC_STIMULANTS || e->primary == SC_OPIOIDS ||
	    e->primary == SC_COCAINE || e->primary == SC_GHB)
		pct = pct * 120 / 100;
	if (e->setting == SC_INPATIENT)
		pct = pct * 80 / 100;
	return pct;
}

/* Week of dropout, or 0 when the patient stays to the end of the plan. */
static int
dropout_week(const struct sc_config *cfg, struct sc_rng *r,
    const struct sc_patient *pt, const struct sc_episode *e, int weeks)
{
	long scale = (long)risk_pct(pt, e) * cfg->dropout_pct;

	for (int w = 1; w <= weeks; w++) {
		long h = hazard(w) * scale / 10000;

		if ((long)sc_rng_below(r, 100000) < h)
			return w;
	}
	return 0;
}

/*
 * Dropout in week w: the non-self-help items from the first one after day
 * 1 of that week become a run of no-shows; the clinic closes the episode
 * on a weekday one to three weeks after the last of them.  False when the plan has no such item.
 */
static bool
drop_out(struct sc_episode *e, const struct sc_item *it, int week,
    int noshows, int close_delay)
{
	int from = e->start + 7 * (week - 1) + 1, last_noshow = 0, seen = 0;
	size_t i = 0;

	while (i < e->nitems && (it[i].date < from ||
	    it[i].activity == RD_ACT_SELF_HELP))
		i++;
	if (i == e->nitems)
		return false;
	e->dropout_item = i;
	e->dropout_date = it[i].date;
	e->noshows = noshows;
	for (size_t j = i; j < e->nitems && seen < noshows; j++)
		if (it[j].activity != RD_ACT_SELF_HELP) {
			last_noshow = it[j].date;
			seen++;
		}
	e->end = sc_weekday_on_or_after(last_noshow + close_delay);
	e->end_reason = RD_DROPOUT;
	return true;
}

void
sc_course(const struct sc_config *cfg, struct sc_rng *r,
    const struct sc_patient *pt, struct sc_episode *e)
{
	/* none, transferred, discharged, deceased, other */
	static const int other_weight[] = { 926, 40, 20, 3, 11 };
	static const int other_reason[] = { RD_COMPLETED, RD_TRANSFERRED,
		RD_DISCHARGED, RD_DECEASED, RD_END_OTHER };
	const struct sc_item *it = pt->plan.v + e->first_item;
	int last = it[e->nitems - 1].date;
	int weeks = (last - e->start) / 7 + 1;
	/* Every draw is made, used or not: fixed stream positions. */
	int other = sc_rng_weighted(r, other_weight, 5);
	int other_week = sc_rng_range(r, 1, weeks);
	int drop_week = dropout_week(cfg, r, pt, e, weeks);
	int noshows = sc_rng_range(r, 2, 4);
	int close_delay = sc_rng_range(r, 7, 21);

	e->dropout_item = e->nitems;
	e->dropout_date = SC_NEVER;
	e->noshows = 0;
	if (drop_week > 0 && (other == 0 || drop_week < other_week) &&
	    drop_out(e, it, drop_week, noshows, close_delay)) {
		/* drop_out() set the end */
	} else if (other != 0) {
		e->end = e->start + 7 * other_week - 1;
		while (rd_date_weekday(e->end) > 4)
			e->end--;
		if (e->end > last)
			e->end = last;
		e->end_reason = other_reason[other];
	} else {
		e->end = last;
		e->end_reason = RD_COMPLETED;
	}
	if (e->end > cfg->as_of) {
		e->end = SC_NONE;
		e->end_reason = SC_NONE;
		e->limit = cfg->as_of;
	} else
		e->limit = e->end;
}
