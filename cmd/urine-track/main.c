/*
 * urine-track: normalise lab results, schedule random supervised samples,
 * summarise per patient, weekly use patterns and literature outcome
 * definitions (see urine-track(1)).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "opts.h"
#include "par.h"
#include "samefile.h"
#include "rejects.h"
#include "track.h"
#include "urine.h"

static const char usage_text[] =
    "usage: urine-track [-j N] [options] [FILE]\n"
    "       urine-track --schedule [--per-week N] [--seed S]\n"
    "                   [--holidays no|se|none|FILE] [--substances LIST]\n"
    "                   [--weeks N] [options] [FILE]\n"
    "       urine-track --summary [--missing positive|ignore] [--prescribed FILE]\n"
    "                   [--by-substance] [--episodes FILE] [options] [FILE]\n"
    "       urine-track --weekly [--weeks N] [--prescribed FILE] [--by-substance]\n"
    "                   [--episodes FILE] [--outcome LIST] [options] [FILE]\n"
    "       urine-track --outcome LIST --pattern-column COL [options] [FILE]\n"
    "       urine-track --list-outcomes | --list-map\n"
    "Validates and normalises urine rows (patient_id, date, substance, result),\n"
    "or schedules random samples, summarises them per patient or episode, writes\n"
    "weekly use-pattern words and computes outcome definitions on them.\n"
    "  --schedule, --summary, --weekly, --outcome LIST\n"
    "                       the mode (default: validate and normalise)\n"
    "  --pattern-column COL  the column of the words for --outcome\n"
    "  --list-outcomes      print the outcome definitions and exit\n"
    "  --list-map           print the built-in substance map and exit\n"
    "  --per-week N         samples a week, 1 to 5 (default 1)\n"
    "  --seed S             key of the schedule's draw (default 0)\n"
    "  --holidays no|se|none|FILE  days without sampling besides weekends\n"
    "  --substances LIST    substances of each scheduled sample\n"
    "  --weeks N            weeks to schedule or of the word (default 26)\n"
    "  --missing positive|ignore  how a missing sample counts (default positive)\n"
    "  --prescribed FILE    prescribed substances per patient\n"
    "  --by-substance       one row per patient and substance\n"
    "  --episodes FILE      summaries and words per episode\n"
    "  -j N                 threads of the default mode, --summary, --weekly\n"
    RD_COMMON_USAGE;

enum {
	OPT_SCHEDULE = RD_OPT_TOOL_BASE,
	OPT_SUMMARY,
	OPT_WEEKLY,
	OPT_OUTCOME,
	OPT_PATTERN_COLUMN,
	OPT_LIST_OUTCOMES,
	OPT_LIST_MAP,
	OPT_PER_WEEK,
	OPT_SEED,
	OPT_HOLIDAYS,
	OPT_SUBSTANCES,
	OPT_WEEKS,
	OPT_MISSING,
	OPT_PRESCRIBED,
	OPT_BY_SUBSTANCE,
	OPT_EPISODES
};

enum mode { MODE_NORMALISE, MODE_SCHEDULE, MODE_SUMMARY, MODE_WEEKLY,
	MODE_OUTCOME, MODE_LIST_OUTCOMES, MODE_LIST_MAP };

struct args {
	enum mode mode;
	int nmodes;
	const char *outcome_list, *substance_list;
	/* Options given, to refuse those the mode does not use. */
	const char *schedule_only, *grouped_only, *summary_only, *weeks_opt;
	bool threads_given;
};

static void
set_mode(struct args *a, enum mode m)
{
	/* --weekly --outcome LIST appends outcomes to the weekly rows. */
	if (a->nmodes == 1 && ((a->mode == MODE_WEEKLY && m == MODE_OUTCOME) ||
	    (a->mode == MODE_OUTCOME && m == MODE_WEEKLY))) {
		a->mode = MODE_WEEKLY;
		return;
	}
	a->mode = m;
	a->nmodes++;
}

static void
parse_option(int ch, const char *arg, struct args *a, struct track_opts *o)
{
	switch (ch) {
	case OPT_SCHEDULE:
		set_mode(a, MODE_SCHEDULE);
		break;
	case OPT_SUMMARY:
		set_mode(a, MODE_SUMMARY);
		break;
	case OPT_WEEKLY:
		set_mode(a, MODE_WEEKLY);
		break;
	case OPT_OUTCOME:
		set_mode(a, MODE_OUTCOME);
		a->outcome_list = arg;
		break;
	case OPT_LIST_OUTCOMES:
		set_mode(a, MODE_LIST_OUTCOMES);
		break;
	case OPT_LIST_MAP:
		set_mode(a, MODE_LIST_MAP);
		break;
	case OPT_PATTERN_COLUMN:
		o->pattern_column = arg;
		break;
	case OPT_PER_WEEK:
		o->per_week = (int)rd_opt_long("--per-week", arg, 1, SCHED_MAX_PER_WEEK);
		a->schedule_only = "--per-week";
		break;
	case OPT_SEED:
		if (arg[0] == '\0')
			rd_usage_msg("--seed must not be empty");
		o->seed = arg;
		a->schedule_only = "--seed";
		break;
	case OPT_HOLIDAYS:
		o->holidays = rd_realloc(o->holidays,
		    (o->nholidays + 1) * sizeof *o->holidays);
		o->holidays[o->nholidays++] = arg;
		a->schedule_only = "--holidays";
		break;
	case OPT_SUBSTANCES:
		a->substance_list = arg;
		a->schedule_only = "--substances";
		break;
	case 'j':
		rd_opt_threads(arg);
		a->threads_given = true;
		break;
	case OPT_WEEKS:
		o->weeks = rd_opt_long("--weeks", arg, 1, 5200);
		a->weeks_opt = "--weeks";
		break;
	case OPT_MISSING:
		if (rd_missing_rule_parse(arg, &o->missing) != 0)
			rd_usage_msg("--missing '%s' is not one of positive, ignore", arg);
		a->summary_only = "--missing";
		break;
	case OPT_PRESCRIBED:
		o->prescribed_path = arg;
		a->grouped_only = "--prescribed";
		break;
	case OPT_BY_SUBSTANCE:
		o->by_substance = true;
		a->grouped_only = "--by-substance";
		break;
	case OPT_EPISODES:
		o->episodes_path = arg;
		a->grouped_only = "--episodes";
		break;
	default:
		if (!rd_opt_common(ch, arg))
			rd_usage();
	}
}

/* Refuses options that the chosen mode would silently ignore. */
static void
check_mode(const struct args *a, const struct track_opts *o)
{
	if (a->nmodes > 1)
		rd_usage_msg("choose one of --schedule, --summary, --weekly, "
		    "--outcome, --list-outcomes, --list-map");
	if (a->schedule_only && a->mode != MODE_SCHEDULE)
		rd_usage_msg("%s needs --schedule", a->schedule_only);
	if (a->summary_only && a->mode != MODE_SUMMARY)
		rd_usage_msg("%s needs --summary", a->summary_only);
	if (a->grouped_only && a->mode != MODE_SUMMARY && a->mode != MODE_WEEKLY)
		rd_usage_msg("%s needs --summary or --weekly", a->grouped_only);
	if (a->threads_given && a->mode != MODE_NORMALISE &&
	    a->mode != MODE_SUMMARY && a->mode != MODE_WEEKLY)
		rd_usage_msg("-j is for the default mode, --summary and --weekly");
	if (a->weeks_opt && a->mode != MODE_SCHEDULE && a->mode != MODE_WEEKLY)
		rd_usage_msg("--weeks needs --schedule or --weekly");
	if (a->mode == MODE_OUTCOME && o->pattern_column == NULL)
		rd_usage_msg("--outcome needs --pattern-column COL (or --weekly)");
	if (a->mode != MODE_OUTCOME && o->pattern_column != NULL)
		rd_usage_msg("--pattern-column needs --outcome");
}

/* Lists that go through the substance map wait for the map to be built. */
static void
parse_lists(const struct args *a, struct track_opts *o)
{
	char err[512];
	int *list;
	size_t n;

	if (a->outcome_list != NULL) {
		if (!outcome_parse_list(a->outcome_list, &list, &n, err, sizeof err))
			rd_usage_msg("--outcome: %s", err);
		o->outcomes = list;
		o->noutcomes = n;
	}
	if (a->substance_list != NULL) {
		if (!substances_parse_list(a->substance_list, &list, &n, err, sizeof err))
			rd_usage_msg("--substances: %s", err);
		o->substances = list;
		o->nsubstances = n;
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "schedule", no_argument, NULL, OPT_SCHEDULE },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "weekly", no_argument, NULL, OPT_WEEKLY },
		{ "outcome", required_argument, NULL, OPT_OUTCOME },
		{ "pattern-column", required_argument, NULL, OPT_PATTERN_COLUMN },
		{ "list-outcomes", no_argument, NULL, OPT_LIST_OUTCOMES },
		{ "list-map", no_argument, NULL, OPT_LIST_MAP },
		{ "per-week", required_argument, NULL, OPT_PER_WEEK },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "holidays", required_argument, NULL, OPT_HOLIDAYS },
		{ "substances", required_argument, NULL, OPT_SUBSTANCES },
		{ "weeks", required_argument, NULL, OPT_WEEKS },
		{ "missing", required_argument, NULL, OPT_MISSING },
		{ "prescribed", required_argument, NULL, OPT_PRESCRIBED },
		{ "by-substance", no_argument, NULL, OPT_BY_SUBSTANCE },
		{ "episodes", required_argument, NULL, OPT_EPISODES },
		RD_COMMON_LONGOPTS
	};
	struct track_opts o = { .seed = "0", .per_week = 1,
	    .weeks = -1, .missing = RD_MISSING_POSITIVE };
	struct args a = { .mode = MODE_NORMALISE };
	const char *path;
	int ch;

	rd_opts_init(argv[0], usage_text);
	while ((ch = rd_getopt(argc, argv, longopts)) != -1)
		parse_option(ch, optarg, &a, &o);
	if (argc - optind > 1)
		rd_usage_msg("at most one input file");
	check_mode(&a, &o);
	rd_file_inputs(argc - optind, argv + optind);
	rd_file_input("--prescribed", o.prescribed_path);
	rd_file_input("--episodes", o.episodes_path);
	for (size_t i = 0; i < o.nholidays; i++)
		rd_file_input("--holidays", o.holidays[i]);
	rd_opts_done();
	o.as_of = rd_opt.as_of;
	rd_urine_map_init();
	parse_lists(&a, &o);
	path = optind < argc ? argv[optind] : NULL;

	switch (a.mode) {
	case MODE_NORMALISE:
		(void)rd_par_threads();	/* a bad RUSDATA_THREADS before any reading */
		run_normalise(path);
		break;
	case MODE_SCHEDULE:
		run_schedule(path, &o);
		break;
	case MODE_SUMMARY:
	case MODE_WEEKLY:
		(void)rd_par_threads();	/* as above */
		run_grouped(path, &o, a.mode == MODE_WEEKLY);
		break;
	case MODE_OUTCOME:
		run_outcome(path, &o);
		break;
	case MODE_LIST_OUTCOMES:
		run_list_outcomes();
		break;
	case MODE_LIST_MAP:
		run_list_map();
		break;
	}
	free((void *)o.outcomes);
	free((void *)o.substances);
	free(o.holidays);
	return rd_exit_status();
}
