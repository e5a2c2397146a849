/*
 * care-check: the daily list of what the guideline expects and the record
 * does not show, for each episode active on the as-of day (see
 * care-check(1)).  Episodes are the primary input; sessions, goals,
 * urine and assessments come from files.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "list.h"
#include "diag.h"
#include "opts.h"
#include "par.h"
#include "samefile.h"
#include "reader.h"
#include "rejects.h"
#include "rules.h"
#include "urine.h"
#include "writer.h"

static const char usage_text[] =
    "usage: care-check [--sessions FILE] [--goals FILE] [--urine FILE]\n"
    "                  [--assessments FILE] [--prescribed FILE]\n"
    "                  [--missing positive|ignore]\n"
    "                  [--only LIST | --skip LIST] [threshold options]\n"
    "                  [--clinic LIST] [--format csv|tsv|text|html]\n"
    "                  [--lang en|nb|sv] [-j N] [options] [FILE]\n"
    "Reads episodes and prints one row per finding: patient_id, episode_id,\n"
    "clinic, check, guideline, since, detail; or, as text or html, one\n"
    "section per clinic with a count per check.  Checks (most urgent first):\n"
    "overdose, suicide-risk, relapse, dropout-followup, crisis-plan,\n"
    "no-contact, no-show-run, waiting, alliance, feedback, treatment-plan,\n"
    "screening, goals, goal-review, network, youth-family.\n"
    "  --sessions FILE      sessions (treatment-plan, crisis-plan,\n"
    "                       suicide-risk, no-show-run, no-contact,\n"
    "                       dropout-followup, alliance, feedback, network,\n"
    "                       youth-family)\n"
    "  --goals FILE         goals (goals, goal-review)\n"
    "  --urine FILE         urine results (relapse, overdose)\n"
    "  --assessments FILE   assessments (screening; PHQ-9 item 9 for\n"
    "                       suicide-risk)\n"
    "  --prescribed FILE    prescribed substances (patient_id,substance)\n"
    "  --missing positive|ignore  a missing sample counts as positive or is\n"
    "                       ignored (default positive)\n"
    "  --only LIST          run only these checks (comma-separated)\n"
    "  --skip LIST          run all but these checks\n"
    "  --clinic LIST        only these clinics (comma-separated)\n"
    "  --format csv|tsv|text|html  output format (default csv)\n"
    "  --lang en|nb|sv      language of details, text and html (default: LANG)\n"
    "  -j N                 threads for --sessions, --urine, --goals (default: CPUs)\n"
    "threshold options (days after the start unless said):\n"
    "  --treatment-plan-days D  (14)\n"
    "  --crisis-plan-days D  (14)\n"
    "  --suicide-risk-days D  (14)\n"
    "  --goal-days D        (28)\n"
    "  --review-days D  days between goal reviews (28)\n"
    "  --no-show-run N  no-shows in a row (2)\n"
    "  --no-contact D   days without an attended session (14)\n"
    "  --relapse-negatives N  negative samples before a positive one (3)\n"
    "  --waiting-days D     referral to start (14)\n"
    "  --srs-cutoff N       SRS alliance cut-off (36)\n"
    "  --ors-days D         days without an ORS (30)\n"
    "  --ors-deterioration N  ORS points below the first (5)\n"
    "  --screening-days D   AUDIT or DUDIT after the start (14)\n"
    "  --network-days D     network therapy: days between network sessions (14)\n"
    "  --family-days D      first family or network session (56)\n"
    "  --youth-age N        youth-family: age at the start below N (25)\n"
    "  --youth-family-days D  first family session of the young (56)\n"
    "  --overdose-negatives N  negative samples before an opioid one (3)\n"
    "  --overdose-days D    days after an inpatient stay (28)\n"
    "  --dropout-days D     days a dropout stays on the list (14)\n"
    RD_COMMON_USAGE;

enum {
	OPT_SESSIONS = RD_OPT_TOOL_BASE, OPT_GOALS, OPT_URINE, OPT_PRESCRIBED,
	OPT_MISSING, OPT_ONLY, OPT_SKIP, OPT_TREATMENT_PLAN_DAYS,
	OPT_CRISIS_PLAN_DAYS, OPT_SUICIDE_RISK_DAYS, OPT_GOAL_DAYS,
	OPT_REVIEW_DAYS, OPT_NO_SHOW_RUN, OPT_NO_CONTACT, OPT_RELAPSE_NEGATIVES,
	OPT_ASSESSMENTS, OPT_WAITING_DAYS, OPT_SRS_CUTOFF, OPT_ORS_DAYS,
	OPT_ORS_DETERIORATION, OPT_SCREENING_DAYS, OPT_NETWORK_DAYS,
	OPT_FAMILY_DAYS, OPT_YOUTH_AGE, OPT_YOUTH_FAMILY_DAYS,
	OPT_OVERDOSE_NEGATIVES, OPT_OVERDOSE_DAYS, OPT_DROPOUT_DAYS,
	OPT_CLINIC, OPT_FORMAT, OPT_LANG
};

struct settings {
	const char *sessions, *goals, *urine, *assessments, *prescribed;
	const char *only, *skip;
	struct check_thresholds t;
	char **clinics;			/* --clinic */
	size_t nclinics;
	enum list_format format;
	enum rd_lang lang;
};

/* --clinic A,B: the clinics whose findings are listed. */
static void
parse_clinics(struct settings *set, const char *arg)
{
	const char *p = arg;

	for (;;) {
		size_t len = strcspn(p, ",");

		if (len == 0)
			rd_usage_msg("--clinic '%s': empty clinic name", arg);
		set->clinics = rd_realloc(set->clinics,
		    (set->nclinics + 1) * sizeof *set->clinics);
		set->clinics[set->nclinics++] = rd_strndup(p, len);
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
}

static void
parse_format(struct settings *set, const char *arg)
{
	static const char *const names[] = { "csv", "tsv", "text", "html" };

	for (int i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0) {
			set->format = (enum list_format)i;
			return;
		}
	rd_usage_msg("--format '%s' is not one of csv, tsv, text, html", arg);
}

/* Marks the checks of a comma-separated list; an unknown name is a usage error. */
static void
parse_check_list(const char *option, const char *list, bool mark[NCHECKS])
{
	const char *p = list;

	for (int i = 0; i < NCHECKS; i++)
		mark[i] = false;
	for (;;) {
		size_t len = strcspn(p, ",");
		int check = check_by_name(p, len);

		if (check < 0)
			rd_usage_msg("%s: '%.*s' is not a check (see care-check --help)",
			    option, (int)(len > 40 ? 40 : len), p);
		mark[check] = true;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
}

/*
 * The checks to run: --only or all but --skip, less those whose input was
 * not given (named in --only, that is a usage error).
 */
static void
enabled_checks(const struct settings *set, bool enabled[NCHECKS])
{
	bool listed[NCHECKS];
	const char *given[NINPUTS] = { set->sessions, set->goals, set->urine,
	    set->assessments, "episodes" };
	static const char *const option[NINPUTS] = { "--sessions", "--goals",
	    "--urine", "--assessments", "" };

	if (set->only != NULL && set->skip != NULL)
		rd_usage_msg("--only and --skip exclude each other");
	if (set->only != NULL)
		parse_check_list("--only", set->only, enabled);
	else {
		for (int i = 0; i < NCHECKS; i++)
			enabled[i] = true;
		if (set->skip != NULL) {
			parse_check_list("--skip", set->skip, listed);
			for (int i = 0; i < NCHECKS; i++)
				enabled[i] = !listed[i];
		}
	}
	for (int i = 0; i < NCHECKS; i++) {
		int needs = (int)check_info[i].needs;

		if (given[needs] != NULL || !enabled[i])
			continue;
		if (set->only != NULL)
			rd_usage_msg("--only %s needs %s", check_info[i].name,
			    option[needs]);
		enabled[i] = false;
	}
}

/* The thresholds of the checks added for the rest of the guideline. */
static void
parse_guideline_option(struct check_thresholds *t, int ch, const char *arg)
{
	switch (ch) {
	case OPT_WAITING_DAYS:
		t->waiting_days = rd_opt_long("--waiting-days", arg, 0, 3650);
		break;
	case OPT_SRS_CUTOFF:
		t->srs_cutoff10 = 10 * rd_opt_long("--srs-cutoff", arg, 0, 40);
		break;
	case OPT_ORS_DAYS:
		t->ors_days = rd_opt_long("--ors-days", arg, 0, 3650);
		break;
	case OPT_ORS_DETERIORATION:
		t->ors_drop10 = 10 * rd_opt_long("--ors-deterioration", arg, 1, 40);
		break;
	case OPT_SCREENING_DAYS:
		t->screening_days = rd_opt_long("--screening-days", arg, 0, 3650);
		break;
	case OPT_NETWORK_DAYS:
		t->network_days = rd_opt_long("--network-days", arg, 0, 3650);
		break;
	case OPT_FAMILY_DAYS:
		t->family_days = rd_opt_long("--family-days", arg, 0, 3650);
		break;
	case OPT_YOUTH_AGE:
		t->youth_age = rd_opt_long("--youth-age", arg, 0, 150);
		break;
	case OPT_YOUTH_FAMILY_DAYS:
		t->youth_family_days = rd_opt_long("--youth-family-days", arg, 0, 3650);
		break;
	case OPT_OVERDOSE_NEGATIVES:
		t->overdose_negatives = rd_opt_long("--overdose-negatives", arg, 0, 1000);
		break;
	case OPT_OVERDOSE_DAYS:
		t->overdose_days = rd_opt_long("--overdose-days", arg, 0, 3650);
		break;
	case OPT_DROPOUT_DAYS:
		t->dropout_days = rd_opt_long("--dropout-days", arg, 0, 3650);
		break;
	default:
		if (!rd_opt_common(ch, arg))
			rd_usage();
	}
}

static void
parse_option(struct settings *set, int ch, const char *arg)
{
	struct check_thresholds *t = &set->t;

	switch (ch) {
	case OPT_SESSIONS: set->sessions = arg; break;
	case OPT_GOALS: set->goals = arg; break;
	case OPT_URINE: set->urine = arg; break;
	case OPT_PRESCRIBED: set->prescribed = arg; break;
	case OPT_ASSESSMENTS: set->assessments = arg; break;
	case OPT_MISSING:
		if (rd_missing_rule_parse(arg, &t->missing) != 0)
			rd_usage_msg("--missing: '%s' is not positive or ignore", arg);
		break;
	case OPT_ONLY: set->only = arg; break;
	case OPT_CLINIC: parse_clinics(set, arg); break;
	case OPT_FORMAT: parse_format(set, arg); break;
	case OPT_LANG:
		if (rd_lang_parse(arg, &set->lang) != 0)
			rd_usage_msg("--lang '%s' is not one of en, nb, sv", arg);
		break;
	case OPT_SKIP: set->skip = arg; break;
	case 'j': rd_opt_threads(arg); break;
	case OPT_TREATMENT_PLAN_DAYS:
		t->treatment_plan_days = rd_opt_long("--treatment-plan-days", arg, 0, 3650);
		break;
	case OPT_CRISIS_PLAN_DAYS:
		t->crisis_plan_days = rd_opt_long("--crisis-plan-days", arg, 0, 3650);
		break;
	case OPT_SUICIDE_RISK_DAYS:
		t->suicide_risk_days = rd_opt_long("--suicide-risk-days", arg, 0, 3650);
		break;
	case OPT_GOAL_DAYS:
		t->goal_days = rd_opt_long("--goal-days", arg, 0, 3650);
		break;
	case OPT_REVIEW_DAYS:
		t->review_days = rd_opt_long("--review-days", arg, 1, 3650);
		break;
	case OPT_NO_SHOW_RUN:
		t->no_show_run = rd_opt_long("--no-show-run", arg, 1, 1000);
		break;
	case OPT_NO_CONTACT:
		t->no_contact_days = rd_opt_long("--no-contact", arg, 0, 3650);
		break;
	case OPT_RELAPSE_NEGATIVES:
		t->relapse_negatives = rd_opt_long("--relapse-negatives", arg, 0, 1000);
		break;
	default:
		parse_guideline_option(t, ch, arg);
	}
}

/* The findings of the --clinic clinics (all without it), borrowed from f. */
static struct finding *
of_clinics(struct finding *f, size_t n, const struct settings *set, size_t *nout)
{
	struct finding *out = rd_calloc(n + 1, sizeof *out);
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		bool keep = set->nclinics == 0;

		for (size_t c = 0; c < set->nclinics && !keep; c++)
			keep = strcmp(f[i].episode->clinic, set->clinics[c]) == 0;
		if (keep)
			out[k++] = f[i];
	}
	*nout = k;
	return out;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "sessions", required_argument, NULL, OPT_SESSIONS },
		{ "goals", required_argument, NULL, OPT_GOALS },
		{ "urine", required_argument, NULL, OPT_URINE },
		{ "prescribed", required_argument, NULL, OPT_PRESCRIBED },
		{ "missing", required_argument, NULL, OPT_MISSING },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "skip", required_argument, NULL, OPT_SKIP },
		{ "treatment-plan-days", required_argument, NULL, OPT_TREATMENT_PLAN_DAYS },
		{ "crisis-plan-days", required_argument, NULL, OPT_CRISIS_PLAN_DAYS },
		{ "suicide-risk-days", required_argument, NULL, OPT_SUICIDE_RISK_DAYS },
		{ "goal-days", required_argument, NULL, OPT_GOAL_DAYS },
		{ "review-days", required_argument, NULL, OPT_REVIEW_DAYS },
		{ "no-show-run", required_argument, NULL, OPT_NO_SHOW_RUN },
		{ "no-contact", required_argument, NULL, OPT_NO_CONTACT },
		{ "relapse-negatives", required_argument, NULL, OPT_RELAPSE_NEGATIVES },
		{ "assessments", required_argument, NULL, OPT_ASSESSMENTS },
		{ "waiting-days", required_argument, NULL, OPT_WAITING_DAYS },
		{ "srs-cutoff", required_argument, NULL, OPT_SRS_CUTOFF },
		{ "ors-days", required_argument, NULL, OPT_ORS_DAYS },
		{ "ors-deterioration", required_argument, NULL, OPT_ORS_DETERIORATION },
		{ "screening-days", required_argument, NULL, OPT_SCREENING_DAYS },
		{ "network-days", required_argument, NULL, OPT_NETWORK_DAYS },
		{ "family-days", required_argument, NULL, OPT_FAMILY_DAYS },
		{ "youth-age", required_argument, NULL, OPT_YOUTH_AGE },
		{ "youth-family-days", required_argument, NULL, OPT_YOUTH_FAMILY_DAYS },
		{ "overdose-negatives", required_argument, NULL, OPT_OVERDOSE_NEGATIVES },
		{ "overdose-days", required_argument, NULL, OPT_OVERDOSE_DAYS },
		{ "dropout-days", required_argument, NULL, OPT_DROPOUT_DAYS },
		{ "clinic", required_argument, NULL, OPT_CLINIC },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "lang", required_argument, NULL, OPT_LANG },
		RD_COMMON_LONGOPTS
	};
	struct settings set = { .format = LIST_CSV, .lang = rd_lang_from_env() };
	bool enabled[NCHECKS];
	struct rd_reader *r;
	struct care care;
	struct finding *findings, *listed;
	size_t nfindings, nlisted;
	struct list_settings ls;
	struct rd_writer *w;
	int ch;

	check_thresholds_default(&set.t);
	rd_opts_init(argv[0], usage_text);
	while ((ch = rd_getopt(argc, argv, longopts)) != -1)
		parse_option(&set, ch, optarg);
	if (argc - optind > 1)
		rd_usage_msg("at most one input file");
	enabled_checks(&set, enabled);
	if (set.format == LIST_TSV)
		rd_opt.out_tsv = true;
	if (rd_opt.excel && set.format != LIST_CSV)
		rd_usage_msg("--excel applies to csv output only");
	if (rd_opt.out_tsv && set.format == LIST_CSV)
		set.format = LIST_TSV;
	rd_file_inputs(argc - optind, argv + optind);
	rd_file_input("--sessions", set.sessions);
	rd_file_input("--goals", set.goals);
	rd_file_input("--urine", set.urine);
	rd_file_input("--prescribed", set.prescribed);
	rd_opts_done();
	(void)rd_par_threads();	/* a bad RUSDATA_THREADS before any reading */
	if (set.urine != NULL)
		rd_urine_map_init();

	r = rd_open(optind < argc ? argv[optind] : NULL);
	care_init(&care, rd_episodes_read(r, true), rd_opt.as_of);
	care.lang = set.lang;
	rd_close(r);
	if (set.prescribed != NULL)
		care.prescribed = rd_prescribed_load(set.prescribed);
	care.follow_dropouts = enabled[CHECK_DROPOUT_FOLLOWUP];
	if (set.sessions != NULL)
		care_read_sessions(&care, set.sessions);
	if (set.assessments != NULL)
		care_read_assessments(&care, set.assessments);
	if (set.goals != NULL)
		care_read_goals(&care, set.goals);
	if (set.urine != NULL)
		care_read_urine(&care, set.urine);

	findings = care_findings(&care, enabled, &set.t, &nfindings);
	listed = of_clinics(findings, nfindings, &set, &nlisted);
	ls = (struct list_settings){ set.format, set.lang, rd_opt.as_of, enabled,
	    (const char *const *)set.clinics, set.nclinics };
	w = rd_writer_new(STDOUT_FILENO);
	list_write(listed, nlisted, &ls, w);
	rd_writer_close(w);
	free(listed);
	care_findings_free(findings, nfindings);
	for (size_t i = 0; i < set.nclinics; i++)
		free(set.clinics[i]);
	free(set.clinics);
	care_free(&care);
	return rd_exit_status();
}
