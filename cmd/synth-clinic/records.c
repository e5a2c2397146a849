/*
 * What happened in an episode: sessions that follow the plan, urine
 * samples, goals and their reviews, AUDIT and DUDIT answers.  Integer
 * arithmetic only (shares in per mille, scores in tenths), so the output
 * is the same on every machine.
 */
#include <stdlib.h>

#include "codes.h"
#include "date.h"
#include "synth.h"

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static bool
dropout_course(const struct sc_episode *e)
{
	return e->dropout_date != SC_NEVER;
}

/* "AA", "NA" or "GA": the fellowship of the patient's primary problem. */
static const char *
fellowship(const struct sc_episode *e)
{
	if (e->primary == SC_ALCOHOL)
		return "AA";
	if (e->primary == SC_GAMBLING)
		return "GA";
	return "NA";
}

/* Sessions */

/* Feedback scores of one episode: ORS rising from a baseline, SRS high. */
struct feedback {
	bool used;		/* the clinic works feedback-informed */
	int base10, gain10, count;
};

static void
feedback_init(struct feedback *fb, struct sc_rng *r, const struct sc_episode *e)
{
	/* Two clinics in ten do not collect ORS and SRS. */
	fb->used = e->clinic % 5 != 0;
	fb->base10 = sc_rng_range(r, 120, 260);
	fb->gain10 = dropout_course(e) ? sc_rng_range(r, -30, 60) :
	    sc_rng_range(r, 20, 150);
	fb->count = 0;
}

static bool
feedback_activity(int activity)
{
	return activity == RD_ACT_INDIVIDUAL || activity == RD_ACT_GROUP ||
	    activity == RD_ACT_NETWORK || activity == RD_ACT_FAMILY ||
	    activity == RD_ACT_COUPLE;
}

static void
feedback_scores(struct feedback *fb, struct sc_rng *r, struct sc_session *s)
{
	int k = fb->count;

	if (!fb->used || !feedback_activity(s->activity) ||
	    !sc_rng_chance(r, 750))
		return;
	s->ors10 = (short)clamp(fb->base10 + fb->gain10 * k / (k + 4) +
	    sc_rng_range(r, -25, 25), 0, 400);
	s->srs10 = (short)clamp(sc_rng_range(r, 300, 380) + 2 * (k < 10 ? k : 10),
	    0, 400);
	fb->count++;
}

static int
minutes_of(struct sc_rng *r, int activity)
{
	switch (activity) {
	case RD_ACT_ASSESSMENT:
	case RD_ACT_GROUP:
	case RD_ACT_NETWORK:
		return 90;
	case RD_ACT_INDIVIDUAL:
		return sc_rng_chance(r, 500) ? 45 : 60;
	case RD_ACT_SELF_HELP:
		return sc_rng_chance(r, 700) ? 60 : 90;
	case RD_ACT_CRISIS_PLAN:
	case RD_ACT_END_PLANNING:
		return 45;
	case RD_ACT_SUICIDE_RISK:
	case RD_ACT_GOAL_REVIEW:
		return 30;
	case RD_ACT_URINE_SAMPLE:
		return 10;
	default:
		return 60;
	}
}

static struct sc_session *
new_session(struct sc_patient *pt, int k, int date, int order, int activity)
{
	struct sc_session *s = SC_PUSH(pt->sessions);

	s->date = date;
	s->order = order;
	s->episode = (signed char)k;
	s->activity = (signed char)activity;
	s->attendance = RD_ATTENDED;
	s->minutes = s->participants = s->ors10 = s->srs10 = SC_NONE;
	s->staff = 0;
	s->topic = "";
	return s;
}

static void
fill_session(struct sc_rng *r, const struct sc_episode *e, struct feedback *fb,
    struct sc_session *s)
{
	if (s->activity == RD_ACT_GROUP)
		s->staff = (short)(e->clinic * 100 + 13 + s->date % 3);
	else if (s->activity != RD_ACT_SELF_HELP)
		s->staff = (short)(e->clinic * 100 + e->therapist);
	if (s->attendance != RD_ATTENDED)
		return;
	s->minutes = (short)minutes_of(r, s->activity);
	if (s->activity == RD_ACT_NETWORK)
		s->participants = (short)sc_rng_range(r, 1, 5);
	else if (s->activity == RD_ACT_FAMILY)
		s->participants = (short)sc_rng_range(r, 1, 3);
	else if (s->activity == RD_ACT_COUPLE)
		s->participants = 1;
	feedback_scores(fb, r, s);
}

static int
draw_attendance(struct sc_rng *r, int attend_permille, int activity)
{
	int u = (int)sc_rng_below(r, 1000);

	/* The patient who came in for intake is there for its first items. */
	if (activity == RD_ACT_ASSESSMENT || activity == RD_ACT_SUICIDE_RISK)
		return RD_ATTENDED;
	if (u < 45)
		return RD_CANCELLED;
	if (u < 70)
		return RD_CLINIC_CANCELLED;
	return sc_rng_chance(r, attend_permille) ? RD_ATTENDED : RD_NO_SHOW;
}

/* Meetings some patients outside twelve-step report: about every other week. */
static void
reported_self_help(struct sc_rng *r, struct sc_patient *pt, int k)
{
	const struct sc_episode *e = &pt->ep[k];

	for (int week_start = e->start; week_start <= e->limit; week_start += 7) {
		int day = week_start + (int)sc_rng_below(r, 7);
		bool goes = sc_rng_chance(r, 500);

		if (!goes || day > e->limit || day >= e->dropout_date)
			continue;
		struct sc_session *s = new_session(pt, k, day, SC_NEVER,
		    RD_ACT_SELF_HELP);
		s->topic = fellowship(e);
		s->minutes = (short)minutes_of(r, RD_ACT_SELF_HELP);
	}
}

static int
session_cmp(const void *a, const void *b)
{
	const struct sc_session *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/*
 * Family therapy for the young (NO 7.4): six in ten patients under 25 at
 * the start, in a programme without family or network sessions of its
 * own, get one to three family sessions, in weeks 2, 4 and 6.
 */
static void
youth_family(const struct sc_config *cfg, struct sc_patient *pt, int k,
    int attend)
{
	const struct sc_episode *e = &pt->ep[k];
	int year, month, day, sessions;
	struct sc_rng r;

	/* The sessions stream with the seed turned: a stream of its own. */
	sc_rng_init(&r, cfg->seed ^ 0x27d4eb2fu, pt->number,
	    SC_STREAM(k, SC_RNG_SESSIONS));
	rd_date_to_ymd(e->start, &year, &month, &day);
	sessions = sc_rng_range(&r, 1, 3);
	if (!sc_rng_chance(&r, 600) || year - pt->birth_year >= 25 ||
	    e->modality == SC_TWELVE_STEP || e->modality == SC_NETWORK_THERAPY)
		return;
	for (int i = 1; i <= sessions; i++) {
		int date = sc_weekday_on_or_after(e->start + 14 * i - 7 +
		    sc_rng_range(&r, 0, 3));
		int attendance = draw_attendance(&r, attend, RD_ACT_FAMILY);
		struct sc_session *s;

		if (date > e->limit || date >= e->dropout_date)
			break;
		s = new_session(pt, k, date, SC_NEVER - 1, RD_ACT_FAMILY);
		s->attendance = (signed char)attendance;
		s->staff = (short)(e->clinic * 100 + e->therapist);
		if (attendance == RD_ATTENDED) {
			s->minutes = (short)minutes_of(&r, RD_ACT_FAMILY);
			s->participants = (short)sc_rng_range(&r, 1, 3);
		}
	}
}

/*
 * A session for every planned item up to the episode's last day: drawn
 * attendance before dropout, then the run of no-shows, then nothing.
 * Planned self-help meetings appear only when the patient went (the
 * patient reports them).
 */
void
sc_make_sessions(const struct sc_config *cfg, struct sc_patient *pt, int k)
{
	const struct sc_episode *e = &pt->ep[k];
	const struct sc_item *it = pt->plan.v + e->first_item;
	size_t first = pt->sessions.n;
	int attend = clamp(pt->attend_permille +
	    (e->setting == SC_INPATIENT ? 40 : 0), 0, 995), tail = e->noshows;
	struct feedback fb;
	struct sc_rng r;

	sc_rng_init(&r, cfg->seed, pt->number, SC_STREAM(k, SC_RNG_SESSIONS));
	feedback_init(&fb, &r, e);
	pt->item_attendance.n = e->first_item;
	for (size_t i = 0; i < e->nitems; i++) {
		int attendance;

		*SC_PUSH(pt->item_attendance) = SC_NONE;
		if (it[i].date > e->limit)
			continue;
		if (it[i].activity == RD_ACT_SELF_HELP) {
			if (i >= e->dropout_item ||
			    !sc_rng_chance(&r, pt->self_help_permille))
				continue;
			attendance = RD_ATTENDED;
		} else if (i < e->dropout_item)
			attendance = draw_attendance(&r, attend, it[i].activity);
		else if (tail > 0) {
			tail--;
			attendance = RD_NO_SHOW;
		} else
			continue;
		struct sc_session *s = new_session(pt, k, it[i].date, it[i].order,
		    it[i].activity);
		s->attendance = (signed char)attendance;
		s->topic = it[i].activity == RD_ACT_SELF_HELP ? fellowship(e) :
		    it[i].topic;
		fill_session(&r, e, &fb, s);
		pt->item_attendance.v[e->first_item + i] = (signed char)attendance;
	}
	if (e->reports_self_help)
		reported_self_help(&r, pt, k);
	youth_family(cfg, pt, k, attend);
	qsort(pt->sessions.v + first, pt->sessions.n - first,
	    sizeof *pt->sessions.v, session_cmp);
}

/* Urine */

/* The screen besides the primary substance. */
static const int standard_panel[] = { SC_ALCOHOL, SC_CANNABIS, SC_STIMULANTS,
	SC_OPIOIDS, SC_BENZODIAZEPINES };

/*
 * The substances tested in every sample of an episode: the primary one
 * (when it is a substance) and two of the standard screen.  Patients in
 * medication-assisted treatment are not screened for opioids.
 */
static int
make_panel(struct sc_rng *r, const struct sc_episode *e, int *panel)
{
	int n = 0, want = 2, tries = 0;

	if (e->primary != SC_GAMBLING && e->primary != SC_SUBSTANCE_OTHER)
		panel[n++] = e->primary;
	else
		want = 3;
	while (want > 0 && tries++ < 64) {
		int s = standard_panel[sc_rng_below(r, 5)];
		bool have = false;

		for (int i = 0; i < n; i++)
			have |= panel[i] == s;
		if (have || (s == SC_OPIOIDS && e->modality == SC_PHARMACOLOGICAL))
			continue;
		panel[n++] = s;
		want--;
	}
	return n;
}

/* Per mille positive in week k (0: baseline), falling over treatment. */
static int
positivity(const struct sc_episode *e, int substance, int week)
{
	int p;

	if (substance != e->primary)
		return 20 + 60 * 6 / (6 + week);
	p = 100 + 450 * 6 / (6 + week);
	if (dropout_course(e))
		p += 150;
	return p < 900 ? p : 900;
}

/*
 * Medication-assisted treatment (LAR in Norway, LARO in Sweden): episodes
 * of pharmacological treatment for opioids get buprenorphine (60%) or
 * methadone, prescribed from the start to the end; 30% taper: from week
 * 12-31 for 4-11 weeks, then the medicine stops.  Draws come from their
 * own stream, so that every other record stays as it was.
 */
static bool
mat_episode(const struct sc_episode *e)
{
	return e->modality == SC_PHARMACOLOGICAL && e->primary == SC_OPIOIDS;
}

static void
draw_medication(struct sc_rng *m, struct sc_episode *e)
{
	e->medicine = (signed char)(sc_rng_chance(m, 600) ? SC_MED_BUPRENORPHINE :
	    SC_MED_METHADONE);
	e->rx_name = (signed char)sc_rng_below(m, 3);
	e->rx_to = e->end;
	if (sc_rng_chance(m, 300)) {
		int taper = e->start + 7 * (12 + (int)sc_rng_below(m, 20));
		int stop = taper + 7 * (4 + (int)sc_rng_below(m, 8));

		if (stop < e->limit) {
			e->rx_taper = taper;
			e->rx_to = stop;
		}
	}
}

/*
 * The medicine and its metabolite, in one row each: positive in most
 * samples while prescribed (a missed dose now and then), rarely after.
 */
static void
add_medicine_rows(struct sc_rng *m, const struct sc_episode *e, int k, int day,
    unsigned short number, int all, bool lab, bool supervised, bool random,
    struct sc_patient *pt)
{
	bool prescribed = e->rx_to == SC_NONE || day <= e->rx_to;
	int result = all != SC_NONE ? all :
	    sc_rng_chance(m, prescribed ? 930 : 120) ? RD_POS : RD_NEG;
	int first = e->medicine == SC_MED_BUPRENORPHINE ? SC_AN_BUPRENORPHINE :
	    SC_AN_METHADONE;

	for (int i = 0; i < 2; i++) {
		struct sc_urine *row = SC_PUSH(pt->urine);

		row->date = day;
		row->episode = (signed char)k;
		row->sample = number;
		row->substance = SC_OPIOIDS;
		row->result = (signed char)result;
		row->supervised = supervised;
		row->random = random;
		row->lab = (signed char)(lab ? 0 : SC_NONE);
		row->analyte = (signed char)(first + i);
	}
}

/*
 * In medication-assisted treatment the opioid screen names what it found:
 * heroin (6-MAM), fentanyl or oxycodone, positive in about half the
 * samples where the class would have been.
 */
static void
name_opioid(struct sc_rng *m, struct sc_urine *row, int all)
{
	static const int found[] = { SC_AN_6MAM, SC_AN_6MAM, SC_AN_FENTANYL,
		SC_AN_OXYCODONE };

	row->analyte = (signed char)found[sc_rng_below(m, 4)];
	if (all == SC_NONE && row->result == RD_POS && !sc_rng_chance(m, 500))
		row->result = RD_NEG;
	if (row->lab != SC_NONE)
		row->lab = 0;
}

static void
add_sample(struct sc_rng *r, struct sc_rng *m, const struct sc_config *cfg,
    struct sc_patient *pt, int k, int day, int week, bool missing,
    const int *panel, int npanel, unsigned short number)
{
	const struct sc_episode *e = &pt->ep[k];
	int u = (int)sc_rng_below(r, 1000), all = SC_NONE;
	bool lab = sc_rng_chance(r, cfg->lab_names_pct * 10);
	bool supervised = sc_rng_chance(r, 900);
	bool random = week > 0 && sc_rng_chance(r, 800);

	if (missing)
		all = RD_MISSING;
	else if (u < 10)
		all = RD_REFUSED;
	else if (u < 25)
		all = RD_INVALID;
	if (e->medicine != SC_NONE)
		add_medicine_rows(m, e, k, day, number, all, lab, supervised, random, pt);
	for (int i = 0; i < npanel; i++) {
		struct sc_urine *row = SC_PUSH(pt->urine);
		int variants = sc_lab_variants(panel[i]);

		row->date = day;
		row->episode = (signed char)k;
		row->sample = number;
		row->substance = (signed char)panel[i];
		row->result = (signed char)(all != SC_NONE ? all :
		    sc_rng_chance(r, positivity(e, panel[i], week)) ? RD_POS : RD_NEG);
		row->supervised = supervised;
		row->random = random;
		row->lab = (signed char)(lab && variants > 0 ?
		    (int)sc_rng_below(r, (uint32_t)variants) : SC_NONE);
		row->analyte = SC_NONE;
		if (e->medicine != SC_NONE && panel[i] == SC_OPIOIDS)
			name_opioid(m, row, all);
	}
}

/* A weekday of days from..to (and not after limit), or SC_NONE. */
static int
random_weekday(struct sc_rng *r, int from, int to, int limit)
{
	int days[7], n = 0;

	for (int day = from; day <= to && day <= limit; day++)
		if (rd_date_weekday(day) < 5)
			days[n++] = day;
	return n > 0 ? days[sc_rng_below(r, (uint32_t)n)] : SC_NONE;
}

/*
 * A baseline sample on most start days, then about one a week on a random
 * weekday (week k is days 7(k-1)+1 .. 7k after the start day, as
 * urine-track counts them).  Samples are often missing in the fortnight
 * before dropout and after it.
 */
void
sc_make_urine(const struct sc_config *cfg, struct sc_patient *pt, int k)
{
	struct sc_episode *e = &pt->ep[k];
	int panel[4], npanel;
	unsigned short number = 0;
	struct sc_rng r, m;

	sc_rng_init(&r, cfg->seed, pt->number, SC_STREAM(k, SC_RNG_URINE));
	sc_rng_init(&m, cfg->seed, pt->number, SC_STREAM(k, SC_RNG_MEDICATION));
	e->medicine = e->rx_name = SC_NONE;
	e->rx_taper = e->rx_to = SC_NONE;
	if (mat_episode(e))
		draw_medication(&m, e);
	npanel = make_panel(&r, e, panel);
	if (sc_rng_chance(&r, 700))
		add_sample(&r, &m, cfg, pt, k, e->start, 0, false, panel, npanel,
		    ++number);
	for (int week = 1; e->start + 7 * (week - 1) + 1 <= e->limit; week++) {
		int from = e->start + 7 * (week - 1) + 1;
		int day = random_weekday(&r, from, from + 6, e->limit);
		int u = (int)sc_rng_below(&r, 1000);
		bool missing;

		if (day == SC_NONE)
			continue;
		if (day >= e->dropout_date) {
			if (u >= 600)
				continue;
			missing = true;
		} else if (day >= e->dropout_date - 14) {	/* no overflow: no dropout is INT_MAX */
			if (u >= 900)
				continue;
			missing = u < 300;
		} else {
			if (u >= 880)
				continue;
			missing = false;
		}
		add_sample(&r, &m, cfg, pt, k, day, week, missing, panel, npanel,
		    ++number);
	}
}

/* Goals */

/* In the order of rd_domain_codes, after substance (always the first goal). */
static const int domain_weight[] = { 0, 200, 120, 100, 100, 150, 180, 80, 40, 30 };

static int
draw_domain(struct sc_rng *r, const bool *used)
{
	int w[10];

	for (int i = 0; i < 10; i++)
		w[i] = used[i] ? 0 : domain_weight[i];
	return sc_rng_weighted(r, w, 10);
}

struct goal_plan {
	int initial, potential;
};

/* Level at review n: a drift from the initial level to the potential. */
static int
review_level(struct sc_rng *r, const struct goal_plan *g, int n)
{
	static const int noise[] = { -1, 0, 0, 0, 0, 1 };
	int level = g->initial + (g->potential - g->initial) * n / (n + 1) +
	    noise[sc_rng_below(r, 6)];

	return clamp(level, -2, 2);
}

static int
goal_set_date(struct sc_rng *r, const struct sc_patient *pt,
    const struct sc_episode *e)
{
	const struct sc_item *it = pt->plan.v + e->first_item;
	bool late = sc_rng_chance(r, 50);
	int late_date = e->start + sc_rng_range(r, 29, 48);

	for (size_t i = 0; i < e->nitems; i++)
		if (it[i].activity == RD_ACT_TREATMENT_PLAN &&
		    pt->item_attendance.v[e->first_item + i] == RD_ATTENDED && !late)
			return it[i].date;
	return late_date;
}

/*
 * Two to four goals, set at the treatment-plan session (a few weeks late
 * when it was missed), reviewed at every attended goal-review and
 * end-planning session.
 */
void
sc_make_goals(const struct sc_config *cfg, struct sc_patient *pt, int k)
{
	static const int set_by_weight[] = { 420, 470, 110 };
	static const int weight_weight[] = { 700, 250, 50 };
	static const int potential_dropout[] = { -2, -1, -1, 0, 0, 1 };
	static const int potential[] = { -1, 0, 0, 1, 1, 1, 2, 2 };
	const struct sc_episode *e = &pt->ep[k];
	const struct sc_item *it = pt->plan.v + e->first_item;
	struct goal_plan plan[4];
	bool used[10] = { true };
	int set_date, ngoals, reviews = 0, last_review = SC_NONE;
	struct sc_rng r;

	sc_rng_init(&r, cfg->seed, pt->number, SC_STREAM(k, SC_RNG_GOALS));
	set_date = goal_set_date(&r, pt, e);
	ngoals = sc_rng_range(&r, 2, 4);
	if (set_date > e->limit || set_date >= e->dropout_date)
		return;
	for (int g = 0; g < ngoals; g++) {
		struct sc_goal_row *row = SC_PUSH(pt->goals);

		row->date = set_date;
		row->episode = (signed char)k;
		row->goal = (signed char)(g + 1);
		row->domain = (signed char)(g == 0 ? 0 : draw_domain(&r, used));
		used[row->domain] = true;
		row->set_by = (signed char)sc_rng_weighted(&r, set_by_weight, 3);
		row->weight = (signed char)(1 + sc_rng_weighted(&r, weight_weight, 3));
		row->attainment = SC_SETS_GOAL;
		plan[g].initial = sc_rng_chance(&r, 650) ? -1 : -2;
		plan[g].potential = dropout_course(e) ?
		    potential_dropout[sc_rng_below(&r, 6)] : potential[sc_rng_below(&r, 8)];
	}
	size_t first_row = pt->goals.n - (size_t)ngoals;
	for (size_t i = 0; i < e->nitems; i++) {
		if ((it[i].activity != RD_ACT_GOAL_REVIEW &&
		    it[i].activity != RD_ACT_END_PLANNING) ||
		    pt->item_attendance.v[e->first_item + i] != RD_ATTENDED ||
		    it[i].date <= set_date || it[i].date == last_review)
			continue;
		last_review = it[i].date;
		reviews++;
		for (int g = 0; g < ngoals; g++) {
			struct sc_goal_row *row = SC_PUSH(pt->goals);

			*row = pt->goals.v[first_row + (size_t)g];
			row->date = it[i].date;
			row->attainment = (signed char)review_level(&r, &plan[g], reviews);
		}
	}
}

/* Assessments */

const char *const sc_instrument_name[SC_NINSTRUMENTS] = { "AUDIT", "DUDIT",
	"PHQ-9", "GAD-7", "SCL-10" };
const int sc_instrument_items[SC_NINSTRUMENTS] = { 10, 11, 9, 7, 10 };

/* Answer 0..4 for a severity 0..100; items scored 0, 2, 4 are rounded. */
static int
answer(struct sc_rng *r, int severity, bool even_only)
{
	int v = clamp((severity * 4 + sc_rng_range(r, -60, 100)) / 100, 0, 4);

	if (!even_only)
		return v;
	return v == 0 ? 0 : v <= 2 ? 2 : 4;
}

/* Answer 0..3 (PHQ-9, GAD-7) for a severity 0..100. */
static int
answer3(struct sc_rng *r, int severity)
{
	return clamp((severity * 3 + sc_rng_range(r, -60, 100)) / 100, 0, 3);
}

static struct sc_assessment *
new_assessment(struct sc_patient *pt, int day, int instrument)
{
	struct sc_assessment *a = SC_PUSH(pt->assessments);

	a->date = day;
	a->instrument = (signed char)instrument;
	for (int i = 0; i < SC_MAX_ITEMS; i++)
		a->item[i] = SC_NONE;
	return a;
}

static void
add_assessment(struct sc_rng *r, struct sc_patient *pt, int day, int instrument,
    int severity)
{
	int n = instrument == SC_AUDIT ? 10 : 11;
	struct sc_assessment *a = new_assessment(pt, day, instrument);

	for (int i = 0; i < n; i++)
		a->item[i] = (signed char)answer(r, severity, i >= n - 2);
	/* One administration in fifty misses an answer. */
	if (sc_rng_chance(r, 20))
		a->item[sc_rng_below(r, (uint32_t)n)] = SC_NONE;
}

/*
 * Half the AUDIT interviews follow the WHO interview form: q1 = 0 skips
 * to q9, and so do q2 = q3 = 0, leaving the skipped items empty.
 */
static void
interview_skips(struct sc_rng *r, struct sc_assessment *a)
{
	int from = a->item[0] == 0 ? 1 :
	    a->item[1] == 0 && a->item[2] == 0 ? 3 : 0;

	if (!sc_rng_chance(r, 500) || from == 0)
		return;
	for (int i = from; i < 8; i++)
		a->item[i] = SC_NONE;
}

/*
 * The mental-health mapping of NO 3.3: PHQ-9, GAD-7 and SCL-10 in the
 * first fortnight.  PHQ-9 item 9 (thoughts of self-harm) is above 0 about
 * one time in eight.
 */
static void
add_mental_health(struct sc_rng *r, struct sc_patient *pt, int day, int severity)
{
	struct sc_assessment *a = new_assessment(pt, day, SC_PHQ9);

	for (int i = 0; i < 8; i++)
		a->item[i] = (signed char)answer3(r, severity);
	a->item[8] = (signed char)(sc_rng_chance(r, 125) ? sc_rng_range(r, 1, 3) : 0);
	a = new_assessment(pt, day, SC_GAD7);
	for (int i = 0; i < 7; i++)
		a->item[i] = (signed char)answer3(r, severity);
	a = new_assessment(pt, day, SC_SCL10);
	for (int i = 0; i < 10; i++)
		a->item[i] = (signed char)(1 + answer3(r, severity));
	if (sc_rng_chance(r, 20))
		a->item[sc_rng_below(r, 10)] = SC_NONE;
}

/*
 * AUDIT and DUDIT at intake, with severity by primary substance, and again
 * at the end of a completed episode with about half the severity.  One
 * episode in twelve has no intake screen; six in ten get the mental-health
 * forms within 14 days of the start (some later than that).
 */
void
sc_make_assessments(const struct sc_config *cfg, struct sc_patient *pt, int k)
{
	const struct sc_episode *e = &pt->ep[k];
	int audit, dudit, mental, mental_day;
	bool screened, mapped;
	struct sc_rng r, x;

	sc_rng_init(&r, cfg->seed, pt->number, SC_STREAM(k, SC_RNG_ASSESS));
	/* The new forms draw from a stream of their own (the seed turned), so
	 * that AUDIT and DUDIT answers stay what they were. */
	sc_rng_init(&x, cfg->seed ^ 0x5bd1e995u, pt->number,
	    SC_STREAM(k, SC_RNG_ASSESS));
	screened = !sc_rng_chance(&x, 83);
	mapped = sc_rng_chance(&x, 600);
	mental = sc_rng_range(&x, 10, 85);
	mental_day = e->start + (sc_rng_chance(&x, 850) ? sc_rng_range(&x, 0, 14) :
	    sc_rng_range(&x, 15, 40));
	audit = e->primary == SC_ALCOHOL ? sc_rng_range(&r, 50, 95) :
	    sc_rng_range(&r, 5, 40);
	if (e->primary == SC_ALCOHOL)
		dudit = sc_rng_range(&r, 2, 25);
	else if (e->primary == SC_GAMBLING || e->primary == SC_SUBSTANCE_OTHER)
		dudit = sc_rng_range(&r, 0, 20);
	else
		dudit = sc_rng_range(&r, 50, 95);
	add_assessment(&r, pt, e->start, SC_AUDIT, audit);
	interview_skips(&x, &pt->assessments.v[pt->assessments.n - 1]);
	add_assessment(&r, pt, e->start, SC_DUDIT, dudit);
	if (!screened)
		pt->assessments.n -= 2;		/* drawn all the same */
	if (mapped && mental_day <= e->limit)
		add_mental_health(&x, pt, mental_day, mental);
	if (e->end_reason != RD_COMPLETED)
		return;
	add_assessment(&r, pt, e->end, SC_AUDIT, audit / 2);
	add_assessment(&r, pt, e->end, SC_DUDIT, dudit / 2);
}
