/*
 * Patients and their episodes: who they are, where and how they are
 * treated, when they start.  The shares are documented in synth-clinic(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "diag.h"
#include "synth.h"

const char *const sc_table_name[SC_NTABLES] = { "episodes", "plan",
	"sessions", "urine", "goals", "assessments", "prescriptions" };

int
sc_table_index(const char *name)
{
	for (int i = 0; i < SC_NTABLES; i++)
		if (strcmp(name, sc_table_name[i]) == 0)
			return i;
	return -1;
}

void
sc_config_default(struct sc_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->patients = 100;
	cfg->seed = 1;
	cfg->first_start = rd_date_from_ymd(2023, 1, 1);
	cfg->as_of = rd_date_from_ymd(2026, 12, 31);
	cfg->clinics = 10;
	cfg->readmit_pct = 25;
	cfg->attendance_pct = 80;
	cfg->dropout_pct = 100;
	cfg->lab_names_pct = 25;
	sc_config_finish(cfg);
}

void
sc_config_finish(struct sc_config *cfg)
{
	unsigned long n = cfg->patients;

	cfg->id_width = 0;
	do {
		cfg->id_width++;
		n /= 10;
	} while (n > 0);
	if (cfg->id_width < 6)
		cfg->id_width = 6;
}

void *
sc_grow(void *v, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return v;
	*cap = *cap < 64 ? 64 : *cap * 2;
	if (*cap < need)
		*cap = need;
	return rd_realloc(v, *cap * size);
}

void
sc_patient_init(struct sc_patient *pt)
{
	memset(pt, 0, sizeof *pt);
}

void
sc_patient_free(struct sc_patient *pt)
{
	free(pt->plan.v);
	free(pt->item_attendance.v);
	free(pt->sessions.v);
	free(pt->urine.v);
	free(pt->goals.v);
	free(pt->assessments.v);
	sc_patient_init(pt);
}

/* In the order of rd_primary_codes: alcohol first, then stimulants, ... */
static const int primary_weight[] = { 440, 130, 100, 150, 40, 60, 15, 20, 10,
	15, 20 };
/* In the order of rd_modality_codes, by primary substance. */
static const int modality_weight[] = { 350, 250, 150, 95, 65, 45, 0, 15, 0 };
static const int modality_weight_opioids[] = { 150, 100, 80, 50, 40, 20, 0, 560, 0 };
static const int modality_weight_gambling[] = { 400, 0, 0, 400, 200, 0, 0, 0, 0 };
/* inpatient, day, outpatient, ambulant; by modality. */
static const int setting_weight[][4] = {
	{ 550, 250, 200, 0 },		/* twelve-step */
	{ 0, 150, 750, 100 },		/* relapse-prevention */
	{ 0, 0, 800, 200 },		/* network-therapy */
	{ 0, 50, 900, 50 },		/* cbt */
	{ 0, 0, 850, 150 },		/* mi */
	{ 0, 100, 900, 0 },		/* mbrp */
	{ 0, 200, 800, 0 },		/* mbt */
	{ 50, 0, 750, 200 },		/* pharmacological */
	{ 100, 100, 700, 100 },		/* other */
};
static const int sex_weight[] = { 280, 700, 8, 12 };
/* Age groups 0-17, 18-24, 25-64, 65+, and the ages each spans. */
static const int age_weight[] = { 30, 140, 750, 80 };
static const int age_from[] = { 15, 18, 25, 65 }, age_to[] = { 17, 24, 64, SC_MAX_AGE };

#define N(a) (int)(sizeof (a) / sizeof (a)[0])

/* A weekday on or before as_of. */
static int
weekday_start(const struct sc_config *cfg, int day)
{
	int adjusted = sc_weekday_on_or_after(day);

	if (adjusted <= cfg->as_of)
		return adjusted;
	while (rd_date_weekday(day) > 4)
		day--;
	return day;
}

/*
 * First starts spread over first_start..as_of with a density that grows
 * towards as_of (a growing service), so that about a fifth of episodes
 * are still ongoing on the extract date.
 */
static int
first_start(const struct sc_config *cfg, struct sc_rng *r)
{
	uint32_t span = (uint32_t)(cfg->as_of - cfg->first_start + 1);
	uint32_t u = sc_rng_below(r, span);

	if (sc_rng_chance(r, 800)) {
		uint32_t v = sc_rng_below(r, span);

		if (v > u)
			u = v;
	}
	return weekday_start(cfg, cfg->first_start + (int)u);
}

static int
draw_primary(struct sc_rng *r)
{
	return sc_rng_weighted(r, primary_weight, N(primary_weight));
}

static int
draw_modality(struct sc_rng *r, int primary)
{
	if (primary == SC_OPIOIDS)
		return sc_rng_weighted(r, modality_weight_opioids, N(modality_weight));
	if (primary == SC_GAMBLING)
		return sc_rng_weighted(r, modality_weight_gambling, N(modality_weight));
	return sc_rng_weighted(r, modality_weight, N(modality_weight));
}

/*
 * The referral (NO 2.1): seven in ten start within 14 days of it, the rest
 * wait 15 to 70 days.  An episode due to start in the last three weeks
 * before as_of is, one time in three, still waiting: referred, not
 * started, with no plan and no records.
 */
static void
referral(const struct sc_config *cfg, struct sc_patient *pt, int k)
{
	struct sc_episode *e = &pt->ep[k];
	struct sc_rng r;
	int wait;
	bool waits;

	sc_rng_init(&r, cfg->seed, pt->number, SC_STREAM(k, SC_RNG_REFERRAL));
	wait = sc_rng_chance(&r, 700) ? sc_rng_range(&r, 0, 14) :
	    sc_rng_range(&r, 15, 70);
	waits = sc_rng_chance(&r, 333);
	e->referral = e->start - wait;
	if (!waits || e->start < cfg->as_of - 20)
		return;
	e->waiting = true;
	e->start = e->end = e->end_reason = SC_NONE;
	e->medicine = e->rx_name = SC_NONE;	/* no prescription before the start */
	e->rx_taper = e->rx_to = SC_NONE;
	e->dropout_date = SC_NEVER;
	pt->plan.n = e->first_item;
	e->nitems = 0;
}

static void
make_episode(const struct sc_config *cfg, struct sc_patient *pt, int k,
    int start, int primary, struct sc_rng *r)
{
	struct sc_episode *e = &pt->ep[k];
	struct sc_rng course;

	memset(e, 0, sizeof *e);
	e->number = k + 1;
	snprintf(e->id, sizeof e->id, "e%0*lu-%d", cfg->id_width, pt->number, k + 1);
	if (k > 0 && sc_rng_chance(r, 700))
		e->clinic = pt->ep[0].clinic;
	else {
		/* Clinics of falling size: weights 2N, 2N-1, ..., N+1. */
		uint32_t pick = sc_rng_below(r, (uint32_t)(cfg->clinics *
		    (3 * cfg->clinics + 1) / 2));
		int c = 0;

		while (pick >= (uint32_t)(2 * cfg->clinics - c)) {
			pick -= (uint32_t)(2 * cfg->clinics - c);
			c++;
		}
		e->clinic = c + 1;
	}
	e->primary = primary;
	e->modality = draw_modality(r, primary);
	e->setting = sc_rng_weighted(r, setting_weight[e->modality], 4);
	e->start = start;
	e->therapist = sc_rng_range(r, 1, 12);
	/* Twelve-step plans self-help; others report some on their own. */
	e->reports_self_help = sc_rng_chance(r, 200) &&
	    e->modality != SC_TWELVE_STEP;
	e->first_item = pt->plan.n;
	sc_plan_build(e->modality, start, pt);
	e->nitems = pt->plan.n - e->first_item;
	sc_rng_init(&course, cfg->seed, pt->number, SC_STREAM(k, SC_RNG_COURSE));
	sc_course(cfg, &course, pt, e);
	referral(cfg, pt, k);
	pt->nepisodes = k + 1;
}

/* A second episode for some patients whose first one has ended. */
static void
readmission(const struct sc_config *cfg, struct sc_patient *pt, struct sc_rng *r)
{
	const struct sc_episode *first = &pt->ep[0];
	int permille = cfg->readmit_pct * 10, start, primary;

	/* Draws are made whether or not they are used: fixed stream positions. */
	bool wants = sc_rng_chance(r, first->end_reason == RD_DROPOUT ?
	    permille * 3 / 2 : permille * 4 / 5);
	int gap = sc_rng_range(r, 30, 540);
	bool same = sc_rng_chance(r, 850);

	primary = draw_primary(r);
	if (!wants || first->waiting || first->end == SC_NONE ||
	    first->end_reason == RD_DECEASED)
		return;
	start = sc_weekday_on_or_after(first->end + gap);
	if (start > cfg->as_of)
		return;
	make_episode(cfg, pt, 1, start, same ? first->primary : primary, r);
}

static void
reset(struct sc_patient *pt)
{
	pt->plan.n = pt->item_attendance.n = pt->sessions.n = 0;
	pt->urine.n = pt->goals.n = pt->assessments.n = 0;
	pt->nepisodes = 0;
}

void
sc_patient_make(const struct sc_config *cfg, unsigned long number,
    struct sc_patient *pt)
{
	struct sc_rng r;
	int start, group, age, year, month, day;

	reset(pt);
	pt->number = number;
	snprintf(pt->id, sizeof pt->id, "p%0*lu", cfg->id_width, number);
	sc_rng_init(&r, cfg->seed, number, SC_RNG_PATIENT);
	pt->sex = sc_rng_weighted(&r, sex_weight, N(sex_weight));
	group = sc_rng_weighted(&r, age_weight, N(age_weight));
	age = sc_rng_range(&r, age_from[group], age_to[group]);
	pt->attend_permille = cfg->attendance_pct * 10 + 30 + sc_rng_range(&r, -100, 100);
	if (pt->attend_permille > 995)
		pt->attend_permille = 995;
	if (pt->attend_permille < 100)
		pt->attend_permille = 100;
	pt->self_help_permille = sc_rng_range(&r, 400, 900);
	start = first_start(cfg, &r);
	rd_date_to_ymd(start, &year, &month, &day);
	pt->birth_year = year - age;
	make_episode(cfg, pt, 0, start, draw_primary(&r), &r);
	readmission(cfg, pt, &r);
	for (int k = 0; k < pt->nepisodes; k++) {
		if (pt->ep[k].waiting)
			continue;
		sc_make_sessions(cfg, pt, k);
		sc_make_urine(cfg, pt, k);
		sc_make_goals(cfg, pt, k);
		sc_make_assessments(cfg, pt, k);
	}
}
