/*
 * Writing a patient's rows of one table, in the column order of
 * rusdata(7).  Numbers are formatted here from integers (no printf in
 * the row loop, no floating point).
 */
#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "writer.h"
#include "synth.h"

static const char *const episodes_cols[] = { "patient_id", "episode_id",
	"clinic", "modality", "setting", "start_date", "end_date", "end_reason",
	"primary_substance", "sex", "birth_year", "referral_date" };
static const char *const plan_cols[] = { "patient_id", "episode_id", "item",
	"date", "activity", "phase", "topic" };
static const char *const sessions_cols[] = { "patient_id", "episode_id",
	"date", "activity", "attendance", "topic", "staff_id", "minutes",
	"participants", "ors", "srs" };
static const char *const urine_cols[] = { "patient_id", "date", "substance",
	"result", "supervised", "random", "sample_id" };
static const char *const goals_cols[] = { "patient_id", "episode_id",
	"goal_id", "domain", "set_by", "date", "attainment", "weight" };
static const char *const prescriptions_cols[] = { "patient_id", "substance",
	"from", "to" };
static const char *const assessments_cols[] = { "patient_id", "date",
	"instrument", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9",
	"q10", "q11", "sex" };

#define N(a) (sizeof (a) / sizeof (a)[0])

void
sc_emit_header(struct rd_writer *w, enum sc_table t)
{
	switch (t) {
	case SC_EPISODES:
		rd_put_header(w, episodes_cols, N(episodes_cols));
		break;
	case SC_PLAN:
		rd_put_header(w, plan_cols, N(plan_cols));
		break;
	case SC_SESSIONS:
		rd_put_header(w, sessions_cols, N(sessions_cols));
		break;
	case SC_URINE:
		rd_put_header(w, urine_cols, N(urine_cols));
		break;
	case SC_GOALS:
		rd_put_header(w, goals_cols, N(goals_cols));
		break;
	case SC_ASSESSMENTS:
		rd_put_header(w, assessments_cols, N(assessments_cols));
		break;
	case SC_PRESCRIPTIONS:
		rd_put_header(w, prescriptions_cols, N(prescriptions_cols));
		break;
	case SC_NTABLES:
		break;
	}
}

/*
 * Lab names from the built-in map of urine-track (urine-track(1), Substance
 * and result names), in the
 * order of rd_substance_codes; hallucinogens and other have none.
 */
static const char *const lab_alcohol[] = { "Etylglukuronid (EtG)", "EtG",
	"PEth", "Etanol", NULL };
static const char *const lab_cannabis[] = { "THC", "Cannabinoider",
	"Cannabis", NULL };
static const char *const lab_opioids[] = { "Opiater", "Morfin", "Kodein",
	"Buprenorfin", "Metadon", "Oxykodon", NULL };
static const char *const lab_stimulants[] = { "U-Amfetamin", "Amfetamin",
	"Metamfetamin", "Amphetamine", NULL };
static const char *const lab_cocaine[] = { "Kokain", "Bensoylekgonin", NULL };
static const char *const lab_benzodiazepines[] = { "Bensodiazepiner",
	"Oxazepam", "Diazepam", "Alprazolam", "Klonazepam", NULL };
static const char *const lab_gabapentinoids[] = { "Pregabalin", "Gabapentin",
	NULL };
static const char *const lab_ghb[] = { "GHB", NULL };
static const char *const *const lab_names[] = { lab_alcohol, lab_cannabis,
	lab_opioids, lab_stimulants, lab_cocaine, lab_benzodiazepines,
	lab_gabapentinoids, lab_ghb, NULL, NULL };

/* In the order of SC_AN_*: urine-track's analyte names and lab labels. */
static const char *const analyte_names[SC_NANALYTES][2] = {
	{ "buprenorphine", "U-Buprenorfin" },
	{ "norbuprenorphine", "U-Norbuprenorfin" },
	{ "methadone", "U-Metadon" },
	{ "eddp", "U-EDDP" },
	{ "6-mam", "U-6-MAM" },
	{ "fentanyl", "U-Fentanyl" },
	{ "oxycodone", "U-Oxykodon" },
};

const char *
sc_analyte_name(int analyte, bool lab)
{
	return analyte_names[analyte][lab];
}

int
sc_lab_variants(int substance)
{
	const char *const *names = lab_names[substance];
	int n = 0;

	while (names != NULL && names[n] != NULL)
		n++;
	return n;
}

const char *
sc_lab_name(int substance, int variant)
{
	return lab_names[substance][variant];
}

/* Unsigned decimal without printf. */
static void
put_uint(struct rd_writer *w, unsigned long v)
{
	char buf[24];
	size_t i = sizeof buf;

	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	rd_put(w, buf + i, sizeof buf - i);
}

static void
put_int(struct rd_writer *w, int v)
{
	if (v >= 0) {
		put_uint(w, (unsigned long)v);
		return;
	}
	char buf[8];
	int n = snprintf(buf, sizeof buf, "%d", v);
	rd_put(w, buf, (size_t)n);
}

/* Empty when v is SC_NONE. */
static void
put_opt(struct rd_writer *w, int v)
{
	if (v == SC_NONE)
		rd_put_empty(w);
	else
		put_int(w, v);
}

/* Tenths 0..400 as "25.3". */
static void
put_tenths(struct rd_writer *w, int v10)
{
	char buf[8];
	size_t n = 0;

	if (v10 == SC_NONE) {
		rd_put_empty(w);
		return;
	}
	if (v10 >= 100)
		buf[n++] = (char)('0' + v10 / 100);
	buf[n++] = (char)('0' + v10 / 10 % 10);
	buf[n++] = '.';
	buf[n++] = (char)('0' + v10 % 10);
	rd_put(w, buf, n);
}

/* Appends v with at least width digits to buf at *n (room for 20 more). */
static void
append_uint(char *buf, size_t *n, unsigned long v, int width)
{
	char digits[24];
	int len = 0;

	do {
		digits[len++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (len < width)
		digits[len++] = '0';
	while (len > 0)
		buf[(*n)++] = digits[--len];
}

static void
put_code(struct rd_writer *w, const struct rd_codes *codes, int i)
{
	if (i == SC_NONE)
		rd_put_empty(w);
	else
		rd_put_str(w, codes->code[i]);
}

static void
put_date(struct rd_writer *w, int day)
{
	if (day == SC_NONE)
		rd_put_empty(w);
	else
		rd_put_date(w, day);
}

/* "c03" */
static void
put_clinic(struct rd_writer *w, int clinic)
{
	char buf[4] = { 'c', (char)('0' + clinic / 10), (char)('0' + clinic % 10), 0 };

	rd_put(w, buf, 3);
}

/* "s03-07": staff member 7 of clinic c03. */
static void
put_staff(struct rd_writer *w, int staff)
{
	int clinic = staff / 100, n = staff % 100;
	char buf[7] = { 's', (char)('0' + clinic / 10), (char)('0' + clinic % 10),
		'-', (char)('0' + n / 10), (char)('0' + n % 10), 0 };

	if (staff == 0)
		rd_put_empty(w);
	else
		rd_put(w, buf, 6);
}

static void
emit_episodes(struct rd_writer *w, const struct sc_patient *pt)
{
	for (int k = 0; k < pt->nepisodes; k++) {
		const struct sc_episode *e = &pt->ep[k];

		rd_put_str(w, pt->id);
		rd_put_str(w, e->id);
		put_clinic(w, e->clinic);
		put_code(w, &rd_modality_codes, e->modality);
		put_code(w, &rd_setting_codes, e->setting);
		put_date(w, e->start);
		put_date(w, e->end);
		put_code(w, &rd_end_reason_codes, e->end_reason);
		put_code(w, &rd_primary_codes, e->primary);
		put_code(w, &rd_sex_codes, pt->sex);
		put_int(w, pt->birth_year);
		put_date(w, e->referral);
		rd_end_row(w);
	}
}

static void
emit_plan(struct rd_writer *w, const struct sc_patient *pt)
{
	for (int k = 0; k < pt->nepisodes; k++) {
		const struct sc_episode *e = &pt->ep[k];

		for (size_t i = 0; i < e->nitems; i++) {
			const struct sc_item *it = &pt->plan.v[e->first_item + i];

			rd_put_str(w, pt->id);
			rd_put_str(w, e->id);
			put_uint(w, i + 1);
			rd_put_date(w, it->date);
			put_code(w, &rd_activity_codes, it->activity);
			rd_put_str(w, it->phase);
			rd_put_str(w, it->topic);
			rd_end_row(w);
		}
	}
}

static void
emit_sessions(struct rd_writer *w, const struct sc_patient *pt)
{
	for (size_t i = 0; i < pt->sessions.n; i++) {
		const struct sc_session *s = &pt->sessions.v[i];

		rd_put_str(w, pt->id);
		rd_put_str(w, pt->ep[s->episode].id);
		rd_put_date(w, s->date);
		put_code(w, &rd_activity_codes, s->activity);
		put_code(w, &rd_attendance_codes, s->attendance);
		rd_put_str(w, s->topic);
		put_staff(w, s->staff);
		put_opt(w, s->minutes);
		put_opt(w, s->participants);
		put_tenths(w, s->ors10);
		put_tenths(w, s->srs10);
		rd_end_row(w);
	}
}

/* Lab reports spell results out: "negativ", "positiv". */
static void
put_result(struct rd_writer *w, const struct sc_urine *u)
{
	if (u->lab != SC_NONE && u->result == RD_NEG)
		rd_put_str(w, "negativ");
	else if (u->lab != SC_NONE && u->result == RD_POS)
		rd_put_str(w, "positiv");
	else
		put_code(w, &rd_result_codes, u->result);
}

/* "u000017-1-004": sample 4 of episode 1 of patient 17. */
static void
put_sample_id(struct rd_writer *w, const struct sc_patient *pt,
    const struct sc_urine *u)
{
	char buf[64];
	size_t n = strlen(pt->id);

	memcpy(buf, pt->id, n);
	buf[0] = 'u';
	buf[n++] = '-';
	append_uint(buf, &n, (unsigned long)u->episode + 1, 1);
	buf[n++] = '-';
	append_uint(buf, &n, u->sample, 3);
	rd_put(w, buf, n);
}

static void
emit_urine(struct rd_writer *w, const struct sc_patient *pt)
{
	for (size_t i = 0; i < pt->urine.n; i++) {
		const struct sc_urine *u = &pt->urine.v[i];

		rd_put_str(w, pt->id);
		rd_put_date(w, u->date);
		if (u->analyte != SC_NONE)
			rd_put_str(w, sc_analyte_name(u->analyte, u->lab != SC_NONE));
		else if (u->lab != SC_NONE)
			rd_put_str(w, sc_lab_name(u->substance, u->lab));
		else
			put_code(w, &rd_substance_codes, u->substance);
		put_result(w, u);
		rd_put_str(w, u->supervised ? "yes" : "no");
		rd_put_str(w, u->random ? "yes" : "no");
		put_sample_id(w, pt, u);
		rd_end_row(w);
	}
}

/* "g000017-1-2": goal 2 of episode 1 of patient 17. */
static void
put_goal_id(struct rd_writer *w, const struct sc_patient *pt,
    const struct sc_goal_row *g)
{
	char buf[64];
	size_t n = strlen(pt->id);

	memcpy(buf, pt->id, n);
	buf[0] = 'g';
	buf[n++] = '-';
	append_uint(buf, &n, (unsigned long)g->episode + 1, 1);
	buf[n++] = '-';
	append_uint(buf, &n, (unsigned long)g->goal, 1);
	rd_put(w, buf, n);
}

static void
emit_goals(struct rd_writer *w, const struct sc_patient *pt)
{
	for (size_t i = 0; i < pt->goals.n; i++) {
		const struct sc_goal_row *g = &pt->goals.v[i];

		rd_put_str(w, pt->id);
		rd_put_str(w, pt->ep[g->episode].id);
		put_goal_id(w, pt, g);
		put_code(w, &rd_domain_codes, g->domain);
		put_code(w, &rd_set_by_codes, g->set_by);
		rd_put_date(w, g->date);
		if (g->attainment == SC_SETS_GOAL)
			rd_put_empty(w);
		else
			put_int(w, g->attainment);
		put_int(w, g->weight);
		rd_end_row(w);
	}
}

static void
emit_assessments(struct rd_writer *w, const struct sc_patient *pt)
{
	for (size_t i = 0; i < pt->assessments.n; i++) {
		const struct sc_assessment *a = &pt->assessments.v[i];

		rd_put_str(w, pt->id);
		rd_put_date(w, a->date);
		rd_put_str(w, sc_instrument_name[(int)a->instrument]);
		for (int q = 0; q < SC_MAX_ITEMS; q++)
			put_opt(w, a->item[q]);
		put_code(w, &rd_sex_codes, pt->sex);
		rd_end_row(w);
	}
}

/*
 * One row per medicine and period: a tapering episode has two, the
 * maintenance dose and the taper.  Spelled as prescriptions are: the
 * generic name, a brand, or the Swedish name.
 */
static void
emit_prescriptions(struct rd_writer *w, const struct sc_patient *pt)
{
	static const char *const names[2][3] = {
		{ "buprenorphine", "Subutex", "Buvidal" },
		{ "methadone", "Metadon", "metadon" },
	};

	for (int k = 0; k < pt->nepisodes; k++) {
		const struct sc_episode *e = &pt->ep[k];
		const char *name;

		if (e->medicine == SC_NONE)
			continue;
		name = names[(int)e->medicine][(int)e->rx_name];
		rd_put_str(w, pt->id);
		rd_put_str(w, name);
		rd_put_date(w, e->start);
		if (e->rx_taper != SC_NONE) {
			rd_put_date(w, e->rx_taper - 1);
			rd_end_row(w);
			rd_put_str(w, pt->id);
			rd_put_str(w, name);
			rd_put_date(w, e->rx_taper);
		}
		put_date(w, e->rx_to);
		rd_end_row(w);
	}
}

void
sc_emit(struct rd_writer *w, enum sc_table t, const struct sc_patient *pt)
{
	switch (t) {
	case SC_EPISODES:
		emit_episodes(w, pt);
		break;
	case SC_PLAN:
		emit_plan(w, pt);
		break;
	case SC_SESSIONS:
		emit_sessions(w, pt);
		break;
	case SC_URINE:
		emit_urine(w, pt);
		break;
	case SC_GOALS:
		emit_goals(w, pt);
		break;
	case SC_ASSESSMENTS:
		emit_assessments(w, pt);
		break;
	case SC_PRESCRIPTIONS:
		emit_prescriptions(w, pt);
		break;
	case SC_NTABLES:
		break;
	}
}
