/*
 * synth-clinic: the random numbers against published reference values,
 * the plans against plan-new(1), and the invariants every generated
 * table must hold so that the other tools accept it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codes.h"
#include "date.h"
#include "synth.h"
#include "writer.h"

static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

START_TEST(splitmix64_reference)
{
	/* The first outputs of splitmix64 from state 0 (Vigna's splitmix64.c). */
	uint64_t x = 0;

	ck_assert_uint_eq(sc_splitmix64(&x), 0xe220a8397b1dcdafULL);
	ck_assert_uint_eq(sc_splitmix64(&x), 0x6e789e6aa1b965f4ULL);
}
END_TEST

START_TEST(xoshiro_reference)
{
	/* xoshiro256** from state {1, 2, 3, 4}, as the reference code gives. */
	struct sc_rng r = { { 1, 2, 3, 4 } };

	ck_assert_uint_eq(sc_rng_next(&r), 11520);
	ck_assert_uint_eq(sc_rng_next(&r), 0);
	ck_assert_uint_eq(sc_rng_next(&r), 1509978240);
	ck_assert_uint_eq(sc_rng_next(&r), 1215971899390074240ULL);
}
END_TEST

START_TEST(streams_differ_and_repeat)
{
	struct sc_rng a, b, c;

	sc_rng_init(&a, 7, 17, 3);
	sc_rng_init(&b, 7, 17, 3);
	sc_rng_init(&c, 7, 17, 4);
	uint64_t first = sc_rng_next(&a);
	ck_assert_uint_eq(first, sc_rng_next(&b));
	ck_assert_uint_ne(first, sc_rng_next(&c));
	sc_rng_init(&c, 8, 17, 3);
	ck_assert_uint_ne(first, sc_rng_next(&c));
	sc_rng_init(&c, 7, 18, 3);
	ck_assert_uint_ne(first, sc_rng_next(&c));
}
END_TEST

START_TEST(below_range_and_spread)
{
	struct sc_rng r;
	int count[7] = { 0 };

	sc_rng_init(&r, 1, 1, 0);
	for (int i = 0; i < 70000; i++) {
		uint32_t v = sc_rng_below(&r, 7);

		ck_assert_uint_lt(v, 7);
		count[v]++;
	}
	for (int i = 0; i < 7; i++)
		ck_assert_msg(count[i] > 9500 && count[i] < 10500, "%d: %d", i, count[i]);
	for (int i = 0; i < 1000; i++) {
		int v = sc_rng_range(&r, -2, 2);

		ck_assert(v >= -2 && v <= 2);
		ck_assert(!sc_rng_chance(&r, 0));
		ck_assert(sc_rng_chance(&r, 1000));
	}
	int w[3] = { 0, 5, 0 };
	ck_assert_int_eq(sc_rng_weighted(&r, w, 3), 1);
}
END_TEST

START_TEST(index_enums_match_codes)
{
	ck_assert_str_eq(rd_modality_codes.code[SC_TWELVE_STEP], "twelve-step");
	ck_assert_str_eq(rd_modality_codes.code[SC_NETWORK_THERAPY], "network-therapy");
	ck_assert_str_eq(rd_modality_codes.code[SC_PHARMACOLOGICAL], "pharmacological");
	ck_assert_str_eq(rd_modality_codes.code[SC_MODALITY_OTHER], "other");
	ck_assert_str_eq(rd_primary_codes.code[SC_OPIOIDS], "opioids");
	ck_assert_str_eq(rd_primary_codes.code[SC_STIMULANTS], "stimulants");
	ck_assert_str_eq(rd_primary_codes.code[SC_GAMBLING], "gambling");
	ck_assert_str_eq(rd_substance_codes.code[SC_SUBSTANCE_OTHER], "other");
	ck_assert_str_eq(rd_setting_codes.code[SC_INPATIENT], "inpatient");
	ck_assert_str_eq(rd_setting_codes.code[SC_AMBULANT], "ambulant");
	ck_assert_int_eq(sc_table_index("urine"), SC_URINE);
	ck_assert_int_eq(sc_table_index("nope"), -1);
}
END_TEST

static size_t
count_activity(const struct sc_patient *pt, int activity)
{
	size_t n = 0;

	for (size_t i = 0; i < pt->plan.n; i++)
		n += pt->plan.v[i].activity == activity;
	return n;
}

static void
check_sorted_plan(const struct sc_patient *pt, int start)
{
	for (size_t i = 1; i < pt->plan.n; i++)
		ck_assert_int_le(pt->plan.v[i - 1].date, pt->plan.v[i].date);
	ck_assert_int_eq(pt->plan.v[0].date, start);
	ck_assert_int_eq(pt->plan.v[0].activity, RD_ACT_ASSESSMENT);
	ck_assert_int_eq(pt->plan.v[1].activity, RD_ACT_SUICIDE_RISK);
}

START_TEST(plan_twelve_step)
{
	struct sc_patient pt;
	int start = D("2024-01-01");	/* a Monday */

	sc_patient_init(&pt);
	sc_plan_build(SC_TWELVE_STEP, start, &pt);
	check_sorted_plan(&pt, start);
	/* 20 weekday groups in weeks 1-4 and 52 weekly groups in 5-56. */
	ck_assert_uint_eq(count_activity(&pt, RD_ACT_GROUP), 72);
	ck_assert_uint_eq(count_activity(&pt, RD_ACT_FAMILY), 4);
	ck_assert_uint_eq(count_activity(&pt, RD_ACT_SELF_HELP), 56);
	/* Reviews on days 28, 56, ... up to the last item on day 385. */
	ck_assert_uint_eq(count_activity(&pt, RD_ACT_GOAL_REVIEW), 13);
	ck_assert_uint_eq(count_activity(&pt, RD_ACT_END_PLANNING), 1);
	ck_assert_uint_eq(pt.plan.n, 4 + 72 + 4 + 56 + 13 + 1);
	ck_assert_int_eq(pt.plan.v[pt.plan.n - 1].date, start + 385);
	for (size_t i = 0; i < pt.plan.n; i++) {
		const struct sc_item *it = &pt.plan.v[i];

		if (it->activity == RD_ACT_END_PLANNING)
			ck_assert_int_eq(it->date, start + 385 - 14);
		if (it->activity == RD_ACT_GOAL_REVIEW)
			ck_assert_int_eq((it->date - start) % 28, 0);
		ck_assert_str_eq(it->phase, it->date - start < 28 ? "intensive" : "aftercare");
	}
	/* Topics cycle step-1 .. step-5 over the weekday groups. */
	const char *want[] = { "step-1", "step-2", "step-3", "step-4", "step-5", "step-1" };
	size_t g = 0;
	for (size_t i = 0; i < pt.plan.n && g < 6; i++)
		if (pt.plan.v[i].activity == RD_ACT_GROUP)
			ck_assert_str_eq(pt.plan.v[i].topic, want[g++]);
	sc_patient_free(&pt);
}
END_TEST

START_TEST(plan_relapse_prevention)
{
	static const char *const topics[] = { "functional-analysis",
		"high-risk-situations", "craving", "refusal-skills", "warning-signs",
		"problem-solving", "emergency-plan", "balanced-lifestyle" };
	struct sc_patient pt;
	int start = D("2025-01-01"), g = 0;	/* a Wednesday */

	sc_patient_init(&pt);
	sc_plan_build(SC_RELAPSE_PREVENTION, start, &pt);
	check_sorted_plan(&pt, start);
	ck_assert_uint_eq(pt.plan.n, 4 + 8 + 1 + 1);
	for (size_t i = 0; i < pt.plan.n; i++) {
		const struct sc_item *it = &pt.plan.v[i];

		if (it->activity == RD_ACT_GROUP) {
			ck_assert_int_eq(it->date, start + 7 * g);
			ck_assert_str_eq(it->topic, topics[g++]);
		}
		if (it->activity == RD_ACT_END_PLANNING)
			ck_assert_int_eq(it->date, start + 49 - 14);
		if (it->activity == RD_ACT_GOAL_REVIEW)
			ck_assert_int_eq(it->date, start + 28);
	}
	ck_assert_int_eq(g, 8);
	sc_patient_free(&pt);
}
END_TEST

START_TEST(plan_network_therapy_alternates)
{
	struct sc_patient pt;
	int start = D("2024-01-01"), n = 0;

	sc_patient_init(&pt);
	sc_plan_build(SC_NETWORK_THERAPY, start, &pt);
	for (size_t i = 0; i < pt.plan.n; i++) {
		const struct sc_item *it = &pt.plan.v[i];

		if (it->activity != RD_ACT_INDIVIDUAL && it->activity != RD_ACT_NETWORK)
			continue;
		ck_assert_int_eq(it->activity, n % 2 == 0 ? RD_ACT_INDIVIDUAL :
		    RD_ACT_NETWORK);
		ck_assert(rd_date_weekday(it->date) == 0 || rd_date_weekday(it->date) == 3);
		int week = (it->date - start) / 7 + 1;
		ck_assert_str_eq(it->phase, week <= 4 ? "mapping" : week <= 20 ?
		    "mobilisation" : "maintenance");
		n++;
	}
	ck_assert_int_eq(n, 48);
	sc_patient_free(&pt);
}
END_TEST

START_TEST(plan_start_items_first_week)
{
	/* Every weekday start and every modality: plan and crisis plan in week 1. */
	for (int m = 0; m < (int)rd_modality_codes.n; m++)
		for (int start = D("2024-01-01"); start < D("2024-01-06"); start++) {
			struct sc_patient pt;

			sc_patient_init(&pt);
			sc_plan_build(m, start, &pt);
			check_sorted_plan(&pt, start);
			ck_assert_uint_eq(count_activity(&pt, RD_ACT_TREATMENT_PLAN), 1);
			ck_assert_uint_eq(count_activity(&pt, RD_ACT_CRISIS_PLAN), 1);
			for (size_t i = 0; i < pt.plan.n; i++) {
				const struct sc_item *it = &pt.plan.v[i];

				if (it->activity == RD_ACT_TREATMENT_PLAN ||
				    it->activity == RD_ACT_CRISIS_PLAN) {
					ck_assert_int_le(it->date, start + 6);
					ck_assert_int_lt(rd_date_weekday(it->date), 5);
				}
			}
			sc_patient_free(&pt);
		}
}
END_TEST

static bool
same_patient(const struct sc_patient *a, const struct sc_patient *b)
{
	if (strcmp(a->id, b->id) != 0 || a->nepisodes != b->nepisodes ||
	    a->sex != b->sex || a->birth_year != b->birth_year ||
	    a->plan.n != b->plan.n || a->sessions.n != b->sessions.n ||
	    a->urine.n != b->urine.n || a->goals.n != b->goals.n ||
	    a->assessments.n != b->assessments.n)
		return false;
	for (int k = 0; k < a->nepisodes; k++)
		if (a->ep[k].start != b->ep[k].start || a->ep[k].end != b->ep[k].end ||
		    a->ep[k].modality != b->ep[k].modality)
			return false;
	for (size_t i = 0; i < a->sessions.n; i++)
		if (a->sessions.v[i].date != b->sessions.v[i].date ||
		    a->sessions.v[i].attendance != b->sessions.v[i].attendance ||
		    a->sessions.v[i].ors10 != b->sessions.v[i].ors10)
			return false;
	for (size_t i = 0; i < a->urine.n; i++)
		if (a->urine.v[i].date != b->urine.v[i].date ||
		    a->urine.v[i].result != b->urine.v[i].result)
			return false;
	return true;
}

START_TEST(patient_deterministic)
{
	struct sc_config small, large, other;
	struct sc_patient a, b, c;

	sc_config_default(&small);
	small.patients = 50;
	sc_config_finish(&small);
	large = small;
	large.patients = 5000;
	sc_config_finish(&large);
	other = small;
	other.seed = 2;
	sc_patient_init(&a);
	sc_patient_init(&b);
	sc_patient_init(&c);
	/* Patient 17 is the same whatever the number of patients. */
	sc_patient_make(&small, 17, &a);
	sc_patient_make(&large, 17, &b);
	ck_assert(same_patient(&a, &b));
	/* Reused arrays give the same patient again. */
	sc_patient_make(&small, 18, &b);
	sc_patient_make(&small, 17, &b);
	ck_assert(same_patient(&a, &b));
	sc_patient_make(&other, 17, &c);
	ck_assert(!same_patient(&a, &c));
	sc_patient_free(&a);
	sc_patient_free(&b);
	sc_patient_free(&c);
}
END_TEST

static void
check_episode(const struct sc_config *cfg, const struct sc_patient *pt, int k)
{
	const struct sc_episode *e = &pt->ep[k];

	ck_assert_int_le(e->referral, cfg->as_of);
	ck_assert_int_ge(e->referral, cfg->first_start - 70);
	if (e->waiting) {
		/* Referred, not started: no plan, no end, no records. */
		ck_assert_int_eq(e->start, SC_NONE);
		ck_assert_int_eq(e->end, SC_NONE);
		ck_assert_int_eq(e->end_reason, SC_NONE);
		ck_assert_uint_eq(e->nitems, 0);
		ck_assert_int_gt(e->referral, cfg->as_of - 20 - 71);
		return;
	}
	ck_assert_int_le(e->referral, e->start);
	ck_assert_int_ge(e->start, cfg->first_start);
	ck_assert_int_le(e->start, cfg->as_of);
	ck_assert_int_lt(rd_date_weekday(e->start), 5);
	ck_assert(e->clinic >= 1 && e->clinic <= cfg->clinics);
	ck_assert((e->end == SC_NONE) == (e->end_reason == SC_NONE));
	if (e->end != SC_NONE) {
		ck_assert_int_ge(e->end, e->start);
		ck_assert_int_le(e->end, cfg->as_of);
		ck_assert_int_eq(e->limit, e->end);
	} else
		ck_assert_int_eq(e->limit, cfg->as_of);
	if (k == 1) {
		ck_assert_int_ne(pt->ep[0].end, SC_NONE);
		ck_assert_int_gt(e->start, pt->ep[0].end);
	}
}

static int
episode_limit(const struct sc_patient *pt, int k)
{
	return pt->ep[k].limit;
}

static void
check_records(const struct sc_patient *pt)
{
	for (size_t i = 0; i < pt->sessions.n; i++) {
		const struct sc_session *s = &pt->sessions.v[i];
		const struct sc_episode *e = &pt->ep[s->episode];

		ck_assert_int_ge(s->date, e->start);
		ck_assert_int_le(s->date, episode_limit(pt, s->episode));
		if (i > 0 && pt->sessions.v[i - 1].episode == s->episode)
			ck_assert_int_le(pt->sessions.v[i - 1].date, s->date);
		ck_assert(s->ors10 == SC_NONE || (s->ors10 >= 0 && s->ors10 <= 400));
		ck_assert(s->srs10 == SC_NONE || (s->srs10 >= 0 && s->srs10 <= 400));
		ck_assert(s->minutes == SC_NONE || (s->minutes >= 0 && s->minutes <= 1440));
		if (s->attendance != RD_ATTENDED)
			ck_assert_int_eq(s->minutes, SC_NONE);
	}
	for (size_t i = 0; i < pt->urine.n; i++) {
		const struct sc_urine *u = &pt->urine.v[i];

		ck_assert_int_ge(u->date, pt->ep[u->episode].start);
		ck_assert_int_le(u->date, episode_limit(pt, u->episode));
		ck_assert(u->date == pt->ep[u->episode].start ||
		    rd_date_weekday(u->date) < 5);
		ck_assert(u->lab == SC_NONE || u->lab < sc_lab_variants(u->substance));
	}
	for (size_t i = 0; i < pt->goals.n; i++) {
		const struct sc_goal_row *g = &pt->goals.v[i];

		ck_assert_int_le(g->date, episode_limit(pt, g->episode));
		ck_assert(g->attainment == SC_SETS_GOAL ||
		    (g->attainment >= -2 && g->attainment <= 2));
		ck_assert(g->weight >= 1 && g->weight <= 3);
	}
	for (size_t i = 0; i < pt->assessments.n; i++) {
		const struct sc_assessment *a = &pt->assessments.v[i];
		int n = sc_instrument_items[(int)a->instrument];
		bool audit_dudit = a->instrument == SC_AUDIT ||
		    a->instrument == SC_DUDIT;
		int lo = a->instrument == SC_SCL10 ? 1 : 0;
		int hi = audit_dudit || a->instrument == SC_SCL10 ? 4 : 3;

		for (int q = 0; q < SC_MAX_ITEMS; q++) {
			int v = a->item[q];

			if (q >= n)
				ck_assert_int_eq(v, SC_NONE);
			else if (v != SC_NONE && audit_dudit && q >= n - 2)
				ck_assert(v == 0 || v == 2 || v == 4);
			else if (v != SC_NONE)
				ck_assert(v >= lo && v <= hi);
		}
	}
}

/* Goal reviews come after the goal is set, never twice on a day. */
static void
check_goal_order(const struct sc_patient *pt)
{
	for (size_t i = 0; i < pt->goals.n; i++) {
		const struct sc_goal_row *g = &pt->goals.v[i];

		for (size_t j = 0; j < i; j++) {
			const struct sc_goal_row *h = &pt->goals.v[j];

			if (h->episode != g->episode || h->goal != g->goal)
				continue;
			ck_assert_int_eq(h->attainment, SC_SETS_GOAL);
			ck_assert_int_ne(g->attainment, SC_SETS_GOAL);
			ck_assert_int_gt(g->date, h->date);
			break;
		}
	}
}

START_TEST(invariants_hold)
{
	struct sc_config cfg;
	struct sc_patient pt;
	long ongoing = 0, episodes = 0;

	sc_config_default(&cfg);
	cfg.patients = 3000;
	sc_config_finish(&cfg);
	sc_patient_init(&pt);
	for (unsigned long i = 1; i <= cfg.patients; i++) {
		sc_patient_make(&cfg, i, &pt);
		ck_assert(pt.nepisodes >= 1 && pt.nepisodes <= 2);
		for (int k = 0; k < pt.nepisodes; k++) {
			check_episode(&cfg, &pt, k);
			ongoing += pt.ep[k].end == SC_NONE;
			episodes++;
		}
		check_records(&pt);
		check_goal_order(&pt);
	}
	/* About a fifth of episodes are ongoing on the extract date. */
	ck_assert_msg(ongoing * 100 / episodes >= 12 && ongoing * 100 / episodes <= 25,
	    "ongoing %ld of %ld", ongoing, episodes);
	sc_patient_free(&pt);
}
END_TEST

START_TEST(no_record_after_as_of)
{
	struct sc_config cfg;
	struct sc_patient pt;

	sc_config_default(&cfg);
	cfg.patients = 500;
	cfg.first_start = D("2024-01-01");
	cfg.as_of = D("2024-03-01");
	sc_config_finish(&cfg);
	sc_patient_init(&pt);
	for (unsigned long i = 1; i <= cfg.patients; i++) {
		sc_patient_make(&cfg, i, &pt);
		for (size_t j = 0; j < pt.sessions.n; j++)
			ck_assert_int_le(pt.sessions.v[j].date, cfg.as_of);
		for (size_t j = 0; j < pt.urine.n; j++)
			ck_assert_int_le(pt.urine.v[j].date, cfg.as_of);
		for (size_t j = 0; j < pt.goals.n; j++)
			ck_assert_int_le(pt.goals.v[j].date, cfg.as_of);
		for (size_t j = 0; j < pt.assessments.n; j++)
			ck_assert_int_le(pt.assessments.v[j].date, cfg.as_of);
	}
	sc_patient_free(&pt);
}
END_TEST

/* Writes one table of patients 1..n to a temporary file; returns its text. */
static char *
emit_to_string(const struct sc_config *cfg, enum sc_table t, unsigned long n,
    bool tsv)
{
	struct rd_writer_config wc = { .tsv = tsv };
	FILE *f = tmpfile();
	struct sc_patient pt;
	char *text;
	long len;

	ck_assert_ptr_nonnull(f);
	struct rd_writer *w = rd_writer_new_config(fileno(f), &wc);
	sc_emit_header(w, t);
	sc_patient_init(&pt);
	for (unsigned long i = 1; i <= n; i++) {
		sc_patient_make(cfg, i, &pt);
		sc_emit(w, t, &pt);
	}
	sc_patient_free(&pt);
	rd_writer_close(w);
	len = lseek(fileno(f), 0, SEEK_END);
	text = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(pread(fileno(f), text, (size_t)len, 0), len);
	text[len] = '\0';
	fclose(f);
	return text;
}

START_TEST(headers)
{
	static const char *const want[SC_NTABLES] = {
		"patient_id,episode_id,clinic,modality,setting,start_date,end_date,"
		    "end_reason,primary_substance,sex,birth_year,referral_date\n",
		"patient_id,episode_id,item,date,activity,phase,topic\n",
		"patient_id,episode_id,date,activity,attendance,topic,staff_id,"
		    "minutes,participants,ors,srs\n",
		"patient_id,date,substance,result,supervised,random,sample_id\n",
		"patient_id,episode_id,goal_id,domain,set_by,date,attainment,weight\n",
		"patient_id,date,instrument,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,sex\n",
		"patient_id,substance,from,to\n",
	};
	struct sc_config cfg;

	sc_config_default(&cfg);
	for (int t = 0; t < SC_NTABLES; t++) {
		char *text = emit_to_string(&cfg, (enum sc_table)t, 0, false);

		ck_assert_str_eq(text, want[t]);
		free(text);
	}
}
END_TEST

START_TEST(output_repeats_and_tsv_matches_csv)
{
	struct sc_config cfg;

	sc_config_default(&cfg);
	for (int t = 0; t < SC_NTABLES; t++) {
		char *a = emit_to_string(&cfg, (enum sc_table)t, 40, false);
		char *b = emit_to_string(&cfg, (enum sc_table)t, 40, false);
		char *tsv = emit_to_string(&cfg, (enum sc_table)t, 40, true);

		ck_assert_str_eq(a, b);
		/* No value holds a comma, quote or tab: TSV is CSV with tabs. */
		ck_assert_ptr_null(strchr(a, '"'));
		ck_assert_ptr_null(strchr(a, '\t'));
		for (char *p = tsv; *p != '\0'; p++)
			if (*p == '\t')
				*p = ',';
		ck_assert_str_eq(a, tsv);
		free(a);
		free(b);
		free(tsv);
	}
}
END_TEST

START_TEST(ids_and_formats)
{
	struct sc_config cfg;
	char *text;

	sc_config_default(&cfg);
	text = emit_to_string(&cfg, SC_URINE, 3, false);
	ck_assert_ptr_nonnull(strstr(text, "\np000001,"));
	ck_assert_ptr_nonnull(strstr(text, ",u000001-1-001\n"));
	free(text);
	text = emit_to_string(&cfg, SC_GOALS, 3, false);
	ck_assert_ptr_nonnull(strstr(text, ",g000001-1-1,substance,"));
	free(text);
	text = emit_to_string(&cfg, SC_EPISODES, 3, false);
	ck_assert_ptr_nonnull(strstr(text, "\np000002,e000002-1,c"));
	free(text);
	cfg.patients = 1234567;
	sc_config_finish(&cfg);
	ck_assert_int_eq(cfg.id_width, 7);
	text = emit_to_string(&cfg, SC_EPISODES, 1, false);
	ck_assert_ptr_nonnull(strstr(text, "\np0000001,e0000001-1,"));
	free(text);
}
END_TEST

START_TEST(lab_names_known)
{
	ck_assert_str_eq(sc_lab_name(SC_STIMULANTS, 0), "U-Amfetamin");
	ck_assert_str_eq(sc_lab_name(SC_ALCOHOL, 0), "Etylglukuronid (EtG)");
	ck_assert_str_eq(sc_lab_name(SC_CANNABIS, 0), "THC");
	ck_assert_int_eq(sc_lab_variants(SC_HALLUCINOGENS), 0);
	ck_assert_int_eq(sc_lab_variants(SC_GHB), 1);
}
END_TEST

/*
 * Medication-assisted treatment: exactly the pharmacological episodes for
 * opioids have a medicine; their samples hold the medicine and its
 * metabolite (positive in most samples while prescribed) and a named
 * opioid instead of the class; no other episode has analytes.
 */
START_TEST(medication_assisted_treatment)
{
	struct sc_config cfg;
	struct sc_patient pt;
	long mat = 0, tapering = 0, medicine_rows = 0, medicine_pos = 0;
	long other_pos = 0, other_rows = 0;

	sc_config_default(&cfg);
	cfg.patients = 2000;
	sc_config_finish(&cfg);
	sc_patient_init(&pt);
	for (unsigned long i = 1; i <= cfg.patients; i++) {
		sc_patient_make(&cfg, i, &pt);
		for (int k = 0; k < pt.nepisodes; k++) {
			const struct sc_episode *e = &pt.ep[k];
			/* A waiting episode has no prescription before its start. */
			bool is_mat = e->modality == SC_PHARMACOLOGICAL &&
			    e->primary == SC_OPIOIDS && !e->waiting;

			ck_assert_int_eq(e->medicine != SC_NONE, is_mat);
			mat += is_mat;
			tapering += e->rx_taper != SC_NONE;
			if (e->rx_taper != SC_NONE)
				ck_assert(e->rx_taper > e->start && e->rx_to > e->rx_taper &&
				    e->rx_to <= e->limit);
		}
		for (size_t j = 0; j < pt.urine.n; j++) {
			const struct sc_urine *u = &pt.urine.v[j];
			const struct sc_episode *e = &pt.ep[(int)u->episode];

			if (e->medicine == SC_NONE) {
				ck_assert_int_eq(u->analyte, SC_NONE);
				continue;
			}
			if (u->analyte == SC_NONE) {
				ck_assert_int_ne(u->substance, SC_OPIOIDS);
				continue;
			}
			ck_assert_int_eq(u->substance, SC_OPIOIDS);
			if (u->analyte <= SC_AN_EDDP && (e->rx_to == SC_NONE ||
			    u->date <= e->rx_to) && u->result <= RD_POS) {
				medicine_rows++;
				medicine_pos += u->result == RD_POS;
			} else if (u->analyte >= SC_AN_6MAM && u->result <= RD_POS) {
				other_rows++;
				other_pos += u->result == RD_POS;
			}
		}
	}
	ck_assert_int_gt(mat, 50);
	ck_assert_msg(tapering * 100 / mat >= 10 && tapering * 100 / mat <= 35,
	    "tapering %ld of %ld", tapering, mat);
	ck_assert_msg(medicine_pos * 100 / medicine_rows >= 88, "medicine %ld/%ld",
	    medicine_pos, medicine_rows);
	/* Non-prescribed opioids: occasional, not never. */
	ck_assert_msg(other_pos * 100 / other_rows >= 3 && other_pos * 100 /
	    other_rows <= 30, "other opioids %ld/%ld", other_pos, other_rows);
	ck_assert_str_eq(sc_analyte_name(SC_AN_EDDP, true), "U-EDDP");
	ck_assert_str_eq(sc_analyte_name(SC_AN_6MAM, false), "6-mam");
	sc_patient_free(&pt);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("synth-clinic");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, splitmix64_reference);
	tcase_add_test(tc, xoshiro_reference);
	tcase_add_test(tc, streams_differ_and_repeat);
	tcase_add_test(tc, below_range_and_spread);
	tcase_add_test(tc, index_enums_match_codes);
	tcase_add_test(tc, plan_twelve_step);
	tcase_add_test(tc, plan_relapse_prevention);
	tcase_add_test(tc, plan_network_therapy_alternates);
	tcase_add_test(tc, plan_start_items_first_week);
	tcase_add_test(tc, patient_deterministic);
	tcase_add_test(tc, invariants_hold);
	tcase_add_test(tc, no_record_after_as_of);
	tcase_add_test(tc, headers);
	tcase_add_test(tc, output_repeats_and_tsv_matches_csv);
	tcase_add_test(tc, ids_and_formats);
	tcase_add_test(tc, lab_names_known);
	tcase_add_test(tc, medication_assisted_treatment);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
