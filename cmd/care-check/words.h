/*
 * The words of care-check for people: the detail texts of the findings and
 * the text and html lists, one table per language (words.c).  The check
 * and guideline columns of csv and tsv stay codes ("crisis-plan",
 * "NO 2.7"); text and html write the guideline out ("NO 2.7 Kriseplan").
 * Every language's detail formats take the same arguments in the same
 * order as English (a unit test holds them to it).
 */
#ifndef CARE_CHECK_WORDS_H
#define CARE_CHECK_WORDS_H

#include "lang.h"
#include "rules.h"

enum detail {
	D_NOT_DONE_TREATMENT_PLAN,	/* due date */
	D_NOT_DONE_CRISIS_PLAN,		/* due date */
	D_NOT_DONE_SUICIDE_RISK,	/* due date */
	D_NO_SHOW_RUN,			/* %ld run, last attended */
	D_NO_SHOW_RUN_NEVER,		/* %ld run */
	D_NO_CONTACT,			/* %ld days, last attended */
	D_NO_CONTACT_NEVER,		/* %ld days, start */
	D_REVIEW_LATE,			/* goal, last review, due */
	D_REVIEW_NEVER,			/* goal, set, due */
	D_NO_GOAL,			/* due */
	D_RELAPSE_MISSING,		/* date, %ld negatives */
	D_RELAPSE_POSITIVE,		/* date, analytes or classes, %ld negatives */
	D_FEEDBACK_NEVER,		/* start */
	D_FEEDBACK_GAP,			/* last ORS */
	D_FEEDBACK_DROP,		/* latest, drop, first (scores) */
	D_PHQ9_ALERT,			/* date */
	D_ALLIANCE,			/* SRS before, latest, cut-off */
	D_NETWORK_GAP,			/* last network session */
	D_NETWORK_NONE,			/* due */
	D_YOUTH_FAMILY,			/* %ld age, %d birth year, due */
	D_OVERDOSE_AFTER_STAY,		/* date, " (analytes)" or "", %d days, stay end */
	D_OVERDOSE_AFTER_NEGATIVES,	/* date, " (analytes)" or "", %ld negatives */
	D_NO_SCREENING,			/* due */
	D_WAITING,			/* referral, %d days */
	D_WAITING_STARTED,		/* referral, start, %d days */
	D_DROPOUT_FOLLOWUP,		/* end */
	NDETAILS
};

struct care_words {
	const char *detail[NDETAILS];	/* printf formats */
	const char *check[NCHECKS];	/* "Crisis plan" */
	const char *guideline[NCHECKS];	/* written out: "NO 2.7 Crisis plan" */
	const char *title;		/* "Care check, %s": the as-of date */
	const char *clinic;		/* "Clinic %s" */
	const char *count_one, *count_many;	/* "%ld finding", "%ld findings" */
	const char *none;		/* no findings */
	const char *patient, *episode, *since, *check_col, *detail_col;
	const char *blank;		/* an empty clinic */
};
extern const struct care_words care_words[RD_NLANGS];

#endif
