/*
 * Plans: the built-in protocols of plan-new (plan-new(1), Protocols) without
 * holidays, plus simple protocols for the modalities plan-new leaves to
 * clinics.  See synth-clinic(1), PLANS.
 */
#include <stdlib.h>

#include "codes.h"
#include "date.h"
#include "synth.h"

enum days { WEEKDAYS, WEEKLY, MON_THU };

struct phase {
	const char *name;
	int week_from, week_to;
};

struct rule {
	int week_from, week_to;
	enum days days;
	int activity, alternate;	/* alternate: every second item, or -1 */
	const char *const *topics;	/* a cycle ending in NULL, or NULL */
};

struct protocol {
	const struct phase *phase;
	size_t nphase;
	const struct rule *rule;
	size_t nrule;
};

#define N(a) (sizeof (a) / sizeof (a)[0])

static const char *const steps[] = { "step-1", "step-2", "step-3", "step-4",
	"step-5", NULL };
static const char *const rp_topics[] = { "functional-analysis",
	"high-risk-situations", "craving", "refusal-skills", "warning-signs",
	"problem-solving", "emergency-plan", "balanced-lifestyle", NULL };
static const char *const cbt_topics[] = { "functional-analysis",
	"coping-skills", "craving", "thoughts-about-use", "problem-solving",
	"refusal-skills", "seemingly-irrelevant-decisions", "relapse-plan", NULL };
static const char *const mi_topics[] = { "engaging", "focusing", "evoking",
	"planning", NULL };
static const char *const mbrp_topics[] = { "automatic-pilot",
	"awareness-of-triggers", "mindfulness-in-daily-life",
	"acceptance-and-skilful-action", "seeing-thoughts-as-thoughts",
	"self-care", "social-support", "continuing-practice", NULL };

static const struct phase ts_phase[] = { { "intensive", 1, 4 },
	{ "aftercare", 5, 56 } };
static const struct rule ts_rule[] = {
	{ 1, 4, WEEKDAYS, RD_ACT_GROUP, -1, steps },
	{ 1, 4, WEEKLY, RD_ACT_FAMILY, -1, NULL },
	{ 5, 56, WEEKLY, RD_ACT_GROUP, -1, NULL },
	{ 1, 56, WEEKLY, RD_ACT_SELF_HELP, -1, NULL },
};
static const struct phase rp_phase[] = { { "treatment", 1, 8 } };
static const struct rule rp_rule[] = {
	{ 1, 8, WEEKLY, RD_ACT_GROUP, -1, rp_topics },
};
static const struct phase nt_phase[] = { { "mapping", 1, 4 },
	{ "mobilisation", 5, 20 }, { "maintenance", 21, 24 } };
static const struct rule nt_rule[] = {
	{ 1, 24, MON_THU, RD_ACT_INDIVIDUAL, RD_ACT_NETWORK, NULL },
};
static const struct phase cbt_phase[] = { { "treatment", 1, 12 } };
static const struct rule cbt_rule[] = {
	{ 1, 12, WEEKLY, RD_ACT_INDIVIDUAL, -1, cbt_topics },
};
static const struct phase mi_phase[] = { { "treatment", 1, 4 } };
static const struct rule mi_rule[] = {
	{ 1, 4, WEEKLY, RD_ACT_INDIVIDUAL, -1, mi_topics },
};
static const struct phase mbrp_phase[] = { { "treatment", 1, 8 } };
static const struct rule mbrp_rule[] = {
	{ 1, 8, WEEKLY, RD_ACT_GROUP, -1, mbrp_topics },
};
static const struct phase mbt_phase[] = { { "treatment", 1, 26 } };
static const struct rule mbt_rule[] = {
	{ 1, 26, WEEKLY, RD_ACT_INDIVIDUAL, RD_ACT_GROUP, NULL },
};
static const struct phase pharm_phase[] = { { "induction", 1, 4 },
	{ "stabilisation", 5, 26 }, { "maintenance", 27, 52 } };
static const struct rule pharm_rule[] = {
	{ 1, 52, WEEKLY, RD_ACT_INDIVIDUAL, -1, NULL },
};
static const struct phase other_phase[] = { { "treatment", 1, 8 } };
static const struct rule other_rule[] = {
	{ 1, 8, WEEKLY, RD_ACT_INDIVIDUAL, -1, NULL },
};

#define PROTOCOL(p, r) { p, N(p), r, N(r) }
/* In the order of rd_modality_codes. */
static const struct protocol protocols[] = {
	PROTOCOL(ts_phase, ts_rule),		/* twelve-step */
	PROTOCOL(rp_phase, rp_rule),		/* relapse-prevention */
	PROTOCOL(nt_phase, nt_rule),		/* network-therapy */
	PROTOCOL(cbt_phase, cbt_rule),		/* cbt */
	PROTOCOL(mi_phase, mi_rule),		/* mi */
	PROTOCOL(mbrp_phase, mbrp_rule),	/* mbrp */
	PROTOCOL(mbt_phase, mbt_rule),		/* mbt */
	PROTOCOL(pharm_phase, pharm_rule),	/* pharmacological */
	PROTOCOL(other_phase, other_rule),	/* other */
};

#define REVIEW_DAYS 28		/* goal-review every 4 weeks */
#define END_PLANNING_DAYS 14	/* before the last item */

int
sc_weekday_on_or_after(int day)
{
	int wd = rd_date_weekday(day);

	return wd < 5 ? day : day + 7 - wd;
}

/* Week k (from 1) of an episode: start + 7(k-1) .. start + 7k - 1. */
static const char *
phase_of_day(const struct protocol *p, int start, int day)
{
	int week = (day - start) / 7 + 1;

	for (size_t i = 0; i < p->nphase; i++)
		if (week >= p->phase[i].week_from && week <= p->phase[i].week_to)
			return p->phase[i].name;
	return p->phase[p->nphase - 1].name;
}

static void
add(struct sc_patient *pt, const struct protocol *p, int start, int day,
    int activity, const char *topic)
{
	struct sc_item *it = SC_PUSH(pt->plan);

	it->date = day;
	it->order = (int)pt->plan.n;
	it->activity = (signed char)activity;
	it->phase = phase_of_day(p, start, day);
	it->topic = topic != NULL ? topic : "";
}

static bool
rule_day(const struct rule *r, int day, int start)
{
	int wd = rd_date_weekday(day);

	switch (r->days) {
	case WEEKDAYS:
		return wd < 5;
	case WEEKLY:
		/* The first day of each week: the start date's weekday. */
		return (day - start) % 7 == 0;
	case MON_THU:
		return wd == 0 || wd == 3;
	}
	return false;
}

/* Items of one rule; returns the date of its last item. */
static int
add_rule(struct sc_patient *pt, const struct protocol *p, const struct rule *r,
    int start)
{
	int first = start + 7 * (r->week_from - 1);
	int end = start + 7 * r->week_to - 1, last = start;
	size_t count = 0, ntopics = 0;

	while (r->topics != NULL && r->topics[ntopics] != NULL)
		ntopics++;
	for (int day = first; day <= end; day++) {
		if (!rule_day(r, day, start))
			continue;
		int activity = r->alternate >= 0 && count % 2 == 1 ?
		    r->alternate : r->activity;
		add(pt, p, start, day, activity,
		    ntopics > 0 ? r->topics[count % ntopics] : NULL);
		count++;
		last = day;
	}
	return last;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct sc_item *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

void
sc_plan_build(int modality, int start, struct sc_patient *pt)
{
	const struct protocol *p = &protocols[modality];
	size_t first = pt->plan.n;
	int last = start;

	add(pt, p, start, start, RD_ACT_ASSESSMENT, NULL);
	add(pt, p, start, start, RD_ACT_SUICIDE_RISK, NULL);
	/* As plan-new: both on the first weekday after day 1. */
	add(pt, p, start, sc_weekday_on_or_after(start + 1), RD_ACT_TREATMENT_PLAN, NULL);
	add(pt, p, start, sc_weekday_on_or_after(start + 1), RD_ACT_CRISIS_PLAN, NULL);
	for (size_t i = 0; i < p->nrule; i++) {
		int rule_last = add_rule(pt, p, &p->rule[i], start);

		if (rule_last > last)
			last = rule_last;
	}
	for (int day = start + REVIEW_DAYS; day <= last; day += REVIEW_DAYS)
		add(pt, p, start, day, RD_ACT_GOAL_REVIEW, NULL);
	if (last - END_PLANNING_DAYS > start)
		add(pt, p, start, last - END_PLANNING_DAYS, RD_ACT_END_PLANNING, NULL);
	qsort(pt->plan.v + first, pt->plan.n - first, sizeof *pt->plan.v, item_cmp);
}
