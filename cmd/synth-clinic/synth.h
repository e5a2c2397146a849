/*
 * synth-clinic's model of a clinic's records, one patient at a time.
 *
 * sc_patient_make() draws a patient, the patient's one or two episodes,
 * their plans and everything that happened (sessions, urine samples,
 * goals, AUDIT, DUDIT, PHQ-9, GAD-7 and SCL-10 answers) into the arrays of struct sc_patient,
 * which are reused from patient to patient: memory does not grow with the
 * number of patients.  sc_emit() writes one table of a patient.  The
 * shares behind every draw are in synth-clinic(1).
 */
#ifndef SC_SYNTH_H
#define SC_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rng.h"

struct rd_writer;

enum sc_table { SC_EPISODES, SC_PLAN, SC_SESSIONS, SC_URINE, SC_GOALS,
	SC_ASSESSMENTS, SC_PRESCRIPTIONS, SC_NTABLES };
extern const char *const sc_table_name[SC_NTABLES];
/* Index of a table name, or -1. */
int sc_table_index(const char *name);

struct sc_config {
	unsigned long patients;
	uint64_t seed;
	int first_start;	/* earliest episode start (--from) */
	int as_of;		/* extract date: no record after it (plan items may be) */
	int clinics;		/* c01 .. cNN */
	int readmit_pct;	/* a patient whose episode ended comes back */
	int attendance_pct;	/* attended / (attended + no-show), before dropout */
	int dropout_pct;	/* scale of the dropout hazard, 100 = default */
	int lab_names_pct;	/* urine samples reported with lab names */
	int id_width;		/* digits of the patient number in ids */
};

void sc_config_default(struct sc_config *);
/* Sets id_width for cfg->patients (at least 6 digits). */
void sc_config_finish(struct sc_config *);

/* Indexes into rd_modality_codes, rd_primary_codes and rd_setting_codes. */
enum { SC_TWELVE_STEP, SC_RELAPSE_PREVENTION, SC_NETWORK_THERAPY, SC_CBT,
	SC_MI, SC_MBRP, SC_MBT, SC_PHARMACOLOGICAL, SC_MODALITY_OTHER };
enum { SC_ALCOHOL, SC_CANNABIS, SC_OPIOIDS, SC_STIMULANTS, SC_COCAINE,
	SC_BENZODIAZEPINES, SC_GABAPENTINOIDS, SC_GHB, SC_HALLUCINOGENS,
	SC_SUBSTANCE_OTHER, SC_GAMBLING };
#define SC_MAX_AGE 84	/* oldest patient at the first start (patient.c) */
enum { SC_INPATIENT, SC_DAY, SC_OUTPATIENT, SC_AMBULANT };

/* One planned item. */
struct sc_item {
	int date;
	int order;		/* generation order: ties on a date keep it */
	signed char activity;	/* enum rd_activity */
	const char *phase, *topic;	/* static strings, topic "" when none */
};

#define SC_NONE (-1)
#define SC_NEVER 0x7fffffff	/* a date after every other */

struct sc_episode {
	char id[40];
	int number;		/* 1 or 2 */
	int clinic;		/* 1 .. clinics */
	int modality, setting, primary;	/* indexes into the codes.h lists */
	int referral;		/* referral_date: start minus the wait */
	bool waiting;		/* referred, not started at as_of: start SC_NONE */
	int start, end;		/* end SC_NONE while ongoing at as_of */
	int end_reason;		/* enum rd_end_reason, SC_NONE while ongoing */
	int limit;		/* last day with records: end, else as_of */
	size_t first_item, nitems;	/* its items in the patient's plan */
	size_t dropout_item;	/* first item of the run of no-shows, or nitems */
	int noshows;		/* length of that run */
	int dropout_date;	/* date of dropout_item, SC_NEVER when none */
	int therapist;		/* staff number at the clinic */
	bool reports_self_help;	/* reports AA/NA meetings outside the plan */
	/*
	 * Medication-assisted treatment (pharmacological, opioids): the
	 * medicine (SC_NONE for other episodes), prescribed from start to
	 * rx_to (SC_NONE: open), tapering from rx_taper (SC_NONE: no taper),
	 * and which spelling the prescription file uses.
	 */
	signed char medicine, rx_name;
	int rx_taper, rx_to;
};

enum { SC_MED_BUPRENORPHINE, SC_MED_METHADONE };
/* Analytes of urine rows (struct sc_urine), canonical names in emit.c. */
enum { SC_AN_BUPRENORPHINE, SC_AN_NORBUPRENORPHINE, SC_AN_METHADONE,
	SC_AN_EDDP, SC_AN_6MAM, SC_AN_FENTANYL, SC_AN_OXYCODONE, SC_NANALYTES };

struct sc_session {
	int date;
	int order;
	signed char episode;	/* 0 or 1 */
	signed char activity, attendance;
	short minutes, participants;	/* SC_NONE when empty */
	short ors10, srs10;		/* tenths; SC_NONE when empty */
	short staff;		/* clinic * 100 + n; 0 when none */
	const char *topic;
};

struct sc_urine {
	int date;
	signed char episode;
	unsigned short sample;	/* number within the episode, from 1 */
	signed char substance, result;
	bool supervised, random;
	signed char lab;	/* SC_NONE: codes; else a lab name variant */
	signed char analyte;	/* SC_NONE: the class only; else SC_AN_* */
};

#define SC_SETS_GOAL (-100)	/* attainment of the row that sets a goal */

struct sc_goal_row {
	int date;
	signed char episode, goal;	/* goal number within the episode, from 1 */
	signed char domain, set_by, weight;
	signed char attainment;		/* -2..2, or SC_SETS_GOAL */
};

/* In the order of assess's instrument list (assessments table names). */
enum { SC_AUDIT, SC_DUDIT, SC_PHQ9, SC_GAD7, SC_SCL10, SC_NINSTRUMENTS };
extern const char *const sc_instrument_name[SC_NINSTRUMENTS];
extern const int sc_instrument_items[SC_NINSTRUMENTS];
#define SC_MAX_ITEMS 11

struct sc_assessment {
	int date;
	signed char instrument;
	signed char item[SC_MAX_ITEMS];	/* SC_NONE when empty */
};

/* A growable array, reused from patient to patient. */
#define SC_VEC(type) struct { type *v; size_t n, cap; }
void *sc_grow(void *v, size_t *cap, size_t need, size_t size);
#define SC_PUSH(vec) \
	((vec).v = sc_grow((vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v), \
	    &(vec).v[(vec).n++])

struct sc_patient {
	unsigned long number;
	char id[24];
	int sex, birth_year;
	int attend_permille;	/* chance of attending a session that is held */
	int self_help_permille;	/* of going to a planned self-help meeting */
	int nepisodes;
	struct sc_episode ep[2];
	SC_VEC(struct sc_item) plan;
	SC_VEC(signed char) item_attendance;	/* per plan item, SC_NONE: no session */
	SC_VEC(struct sc_session) sessions;
	SC_VEC(struct sc_urine) urine;
	SC_VEC(struct sc_goal_row) goals;
	SC_VEC(struct sc_assessment) assessments;
};

void sc_patient_init(struct sc_patient *);
void sc_patient_free(struct sc_patient *);
/* Draws patient number (from 1) and all of the patient's records. */
void sc_patient_make(const struct sc_config *, unsigned long number,
    struct sc_patient *);

/* plan.c: appends the plan of an episode, in date order. */
void sc_plan_build(int modality, int start, struct sc_patient *);
/* Monday..Friday on or after day. */
int sc_weekday_on_or_after(int day);

/* course.c: how an episode ends, given its plan. */
void sc_course(const struct sc_config *, struct sc_rng *,
    const struct sc_patient *, struct sc_episode *);

/* records.c: what happened, appended to the patient's arrays. */
void sc_make_sessions(const struct sc_config *, struct sc_patient *, int ep);
void sc_make_urine(const struct sc_config *, struct sc_patient *, int ep);
void sc_make_goals(const struct sc_config *, struct sc_patient *, int ep);
void sc_make_assessments(const struct sc_config *, struct sc_patient *, int ep);

/* Stream numbers of sc_rng_init(), per episode k: SC_STREAM(k, what). */
enum { SC_RNG_PATIENT, SC_RNG_COURSE, SC_RNG_SESSIONS, SC_RNG_URINE,
	SC_RNG_GOALS, SC_RNG_ASSESS, SC_RNG_MEDICATION, SC_RNG_REFERRAL,
	SC_RNG_PER_EPISODE = 8 };
#define SC_STREAM(k, what) ((unsigned)(1 + (k) * SC_RNG_PER_EPISODE + (what)))

/* emit.c */
void sc_emit_header(struct rd_writer *, enum sc_table);
void sc_emit(struct rd_writer *, enum sc_table, const struct sc_patient *);
/* Names of an analyte: canonical, or as a lab reports it (lab true). */
const char *sc_analyte_name(int analyte, bool lab);
/* The lab name variants of a substance (urine rows), for tests. */
const char *sc_lab_name(int substance, int variant);
int sc_lab_variants(int substance);

#endif
