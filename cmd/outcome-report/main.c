/*
 * outcome-report: the service's own results by clinic, programme and
 * period (see outcome-report(1)).  Reads episodes and optionally sessions,
 * urine and goals; writes one row per group and a total row, or partial
 * aggregates that --merge turns into the same report.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fields.h"
#include "opts.h"
#include "samefile.h"
#include "rejects.h"
#include "report.h"
#include "urine.h"
#include "par.h"
#include "writer.h"

static const char usage_text[] =
    "usage: outcome-report [--by COLS] [--from DATE] [--to DATE] [--sessions FILE]\n"
    "           [--urine FILE] [--prescribed FILE] [--goals FILE]\n"
    "           [--assessments FILE] [--waiting-days D]\n"
    "           [--missing positive|ignore] [--min-cell N]\n"
    "           [--format csv|tsv|text|html] [--title TEXT] [--lang en|nb|sv]\n"
    "           [--partial [--shard I/N]] [-j N] [common options]\n"
    "           [--episodes FILE | FILE]\n"
    "       outcome-report --merge [--min-cell N] [--format csv|tsv|text|html]\n"
    "           [--title TEXT] [--lang en|nb|sv] [--by COLS] [--as-of DATE]\n"
    "           [--from DATE] [--to DATE] [--missing positive|ignore]\n"
    "           [--waiting-days D] [common options] [FILE ...]\n"
    "Outcome report per group of episodes (--by clinic,modality,age_group,\n"
    "start_year,start_quarter or any episode column) and a total row:\n"
    "retention, completion, dropout, length of stay, attendance, self-help,\n"
    "urine, goals, feedback, waiting, planned ends, screening and network,\n"
    "with Wilson 95% intervals and small-cell\n"
    "suppression (--min-cell, default 5; 0 turns it off).\n"
    "  --by COLS         group by these columns\n"
    "  --episodes FILE   the episodes (or FILE)\n"
    "  --from DATE, --to DATE   episodes started on or after, on or before\n"
    "  --sessions FILE   sessions (attendance, self_help, ors_improved,\n"
    "                    planned_end, network_involved, ors_deteriorated)\n"
    "  --urine FILE      urine results (urine_negative, abstinent_last_28d)\n"
    "  --prescribed FILE  prescribed medicines, left out of the samples\n"
    "  --goals FILE      goal rows (goal_t, goals_met)\n"
    "  --assessments FILE  AUDIT and DUDIT (screened)\n"
    "  --waiting-days D  referral to start in time (started_in_time; 14)\n"
    "  -j N              threads for --sessions, --urine, --goals (default: CPUs)\n"
    "  --missing positive|ignore   how a missing sample counts (positive)\n"
    "  --min-cell N      small-cell threshold (default 5; 0: off)\n"
    "  --format csv|tsv|text|html  output format (default csv)\n"
    "  --title TEXT      title of the text and html reports\n"
    "  --lang en|nb|sv   language of text and html (default: LANG, else en)\n"
    "  --partial         write mergeable partial aggregates instead\n"
    "  --shard I/N       the partial is shard I of N (the merge wants all N)\n"
    "  --merge           read partial outputs (concatenated) and write the\n"
    "                    report; the partials' options given again must match\n"
    RD_COMMON_USAGE;

enum {
	OPT_BY = RD_OPT_TOOL_BASE, OPT_EPISODES, OPT_FORMAT, OPT_FROM, OPT_GOALS,
	OPT_LANG, OPT_MERGE, OPT_MIN_CELL, OPT_MISSING, OPT_PARTIAL, OPT_PRESCRIBED,
	OPT_SESSIONS, OPT_SHARD, OPT_TITLE, OPT_TO, OPT_URINE, OPT_ASSESSMENTS,
	OPT_WAITING_DAYS
};

struct config {
	struct inputs in;
	struct params params;
	struct output out;
	char **by;
	size_t nby;
	bool partial, merge, format_given, run_only;	/* run_only: an option --merge refuses */
	const char *run_only_name;
	bool by_given, from_given, to_given, missing_given, waiting_given;	/* --merge checks them */
	bool threads_given;
};

static void
parse_by(struct config *c, const char *arg)
{
	const char *p = arg;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == 0)
			rd_usage_msg("--by '%s': empty column name", arg);
		c->by = rd_realloc(c->by, (c->nby + 1) * sizeof *c->by);
		c->by[c->nby] = rd_strndup(p, len);
		for (size_t i = 0; i < c->nby; i++)
			if (strcmp(c->by[i], c->by[c->nby]) == 0)
				rd_usage_msg("--by '%s': column %s given twice", arg,
				    c->by[i]);
		c->nby++;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
}

static void
parse_format(struct config *c, const char *arg)
{
	static const char *const names[] = { "csv", "tsv", "text", "html" };

	for (int i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0) {
			c->out.format = (enum format)i;
			c->format_given = true;
			return;
		}
	rd_usage_msg("--format '%s' is not one of csv, tsv, text, html", arg);
}

/* "I/N": shard I of N, 1 <= I <= N. */
static void
parse_shard(struct config *c, const char *arg)
{
	const char *slash = strchr(arg, '/');
	long shard, nshards;

	if (slash == NULL || rd_parse_long(arg, (size_t)(slash - arg), &shard) != 0 ||
	    rd_parse_long(slash + 1, strlen(slash + 1), &nshards) != 0 ||
	    nshards < 1 || nshards > PARTIAL_MAX_SHARDS || shard < 1 || shard > nshards)
		rd_usage_msg("--shard '%s' is not I/N (shard I of N, 1 <= I <= N <= %d)",
		    arg, PARTIAL_MAX_SHARDS);
	c->params.shard = shard;
	c->params.nshards = nshards;
}

static void
run_only(struct config *c, const char *name)
{
	c->run_only = true;
	c->run_only_name = name;
}

static void
parse_option(struct config *c, int ch, const char *arg)
{
	switch (ch) {
	case OPT_BY:
		parse_by(c, arg);
		c->by_given = true;
		break;
	case OPT_EPISODES:
		c->in.episodes = arg;
		run_only(c, "--episodes");
		break;
	case OPT_FORMAT:
		parse_format(c, arg);
		break;
	case OPT_FROM:
		c->params.from = rd_opt_date("--from", arg);
		c->from_given = true;
		break;
	case OPT_GOALS:
		c->in.goals = arg;
		run_only(c, "--goals");
		break;
	case OPT_LANG:
		if (rd_lang_parse(arg, &c->out.lang) != 0)
			rd_usage_msg("--lang '%s' is not one of en, nb, sv", arg);
		break;
	case OPT_MERGE:
		c->merge = true;
		break;
	case OPT_MIN_CELL:
		c->out.min_cell = rd_opt_long("--min-cell", arg, 0, 1000000);
		break;
	case OPT_MISSING:
		if (rd_missing_rule_parse(arg, &c->params.missing) != 0)
			rd_usage_msg("--missing '%s' is not positive or ignore", arg);
		c->missing_given = true;
		break;
	case OPT_PARTIAL:
		c->partial = true;
		run_only(c, "--partial");
		break;
	case OPT_PRESCRIBED:
		c->in.prescribed = arg;
		run_only(c, "--prescribed");
		break;
	case OPT_SESSIONS:
		c->in.sessions = arg;
		run_only(c, "--sessions");
		break;
	case OPT_SHARD:
		parse_shard(c, arg);
		break;
	case OPT_TITLE:
		c->out.title = arg;
		break;
	case OPT_TO:
		c->params.to = rd_opt_date("--to", arg);
		c->to_given = true;
		break;
	case OPT_URINE:
		c->in.urine = arg;
		run_only(c, "--urine");
		break;
	case OPT_ASSESSMENTS:
		c->in.assessments = arg;
		run_only(c, "--assessments");
		break;
	case OPT_WAITING_DAYS:
		c->params.waiting_days = rd_opt_long("--waiting-days", arg, 0, 3650);
		c->waiting_given = true;
		break;
	case 'j':
		rd_opt_threads(arg);
		c->threads_given = true;
		break;
	default:
		if (!rd_opt_common(ch, arg))
			rd_usage();
	}
}

static bool
is_stdin(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* Checks that hold between options, once all are read. */
static void
check_config(struct config *c, int nargs, const char *argv1)
{
	int stdin_uses;

	if (rd_opt.rejects_path != NULL)
		rd_usage_msg("--rejects: every input is read strictly "
		    "(a report over partly rejected rows would mislead)");
	if (c->merge && c->run_only)
		rd_usage_msg("--merge takes %s from the partial files; give it to "
		    "the --partial runs", c->run_only_name);
	if (c->params.nshards > 0 && !c->partial)
		rd_usage_msg("--shard labels a partial file: give it with --partial");
	if (c->partial && (c->out.format == FMT_TEXT || c->out.format == FMT_HTML))
		rd_usage_msg("--partial writes csv or tsv");
	if (rd_opt.excel && (c->out.format == FMT_TEXT || c->out.format == FMT_HTML))
		rd_usage_msg("--excel applies to csv output only");
	if (c->params.from != RD_NO_DATE && c->params.to != RD_NO_DATE &&
	    c->params.to < c->params.from)
		rd_usage_msg("--to is before --from");
	if (c->merge && c->threads_given)
		rd_usage_msg("-j is for reading --sessions and --urine, not --merge");
	if (c->merge)
		return;
	if (nargs > 1 || (nargs == 1 && c->in.episodes != NULL))
		rd_usage_msg("one episodes input: --episodes FILE or FILE");
	if (nargs == 1)
		c->in.episodes = argv1;
	stdin_uses = is_stdin(c->in.episodes) + (c->in.sessions && is_stdin(c->in.sessions)) +
	    (c->in.urine && is_stdin(c->in.urine)) + (c->in.goals && is_stdin(c->in.goals)) +
	    (c->in.prescribed && is_stdin(c->in.prescribed)) +
	    (c->in.assessments && is_stdin(c->in.assessments));
	if (stdin_uses > 1)
		rd_usage_msg("only one input can be standard input");
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, OPT_BY },
		{ "episodes", required_argument, NULL, OPT_EPISODES },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "goals", required_argument, NULL, OPT_GOALS },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "min-cell", required_argument, NULL, OPT_MIN_CELL },
		{ "missing", required_argument, NULL, OPT_MISSING },
		{ "partial", no_argument, NULL, OPT_PARTIAL },
		{ "prescribed", required_argument, NULL, OPT_PRESCRIBED },
		{ "sessions", required_argument, NULL, OPT_SESSIONS },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "to", required_argument, NULL, OPT_TO },
		{ "urine", required_argument, NULL, OPT_URINE },
		{ "assessments", required_argument, NULL, OPT_ASSESSMENTS },
		{ "waiting-days", required_argument, NULL, OPT_WAITING_DAYS },
		RD_COMMON_LONGOPTS
	};
	struct config c = {
		.params = { .from = RD_NO_DATE, .to = RD_NO_DATE,
		    .missing = RD_MISSING_POSITIVE,
		    .waiting_days = WAITING_DAYS_DEFAULT },
		.out = { .format = FMT_CSV, .min_cell = 5 },
	};

	c.out.lang = rd_lang_from_env();
	struct report rep;
	struct rd_writer *w;
	int ch;

	rd_opts_init(argv[0], usage_text);
	while ((ch = rd_getopt(argc, argv, longopts)) != -1)
		parse_option(&c, ch, optarg);
	check_config(&c, argc - optind, optind < argc ? argv[optind] : NULL);
	if (c.out.format == FMT_TSV)
		rd_opt.out_tsv = true;
	else if (c.format_given && c.out.format == FMT_CSV)
		rd_opt.out_tsv = false;
	if (c.in.episodes != NULL)
		rd_file_input("--episodes", c.in.episodes);
	else
		rd_file_inputs(argc - optind, argv + optind);
	rd_file_input("--sessions", c.in.sessions);
	rd_file_input("--urine", c.in.urine);
	rd_file_input("--prescribed", c.in.prescribed);
	rd_file_input("--goals", c.in.goals);
	rd_file_input("--assessments", c.in.assessments);
	rd_opts_done();

	if (c.merge) {
		struct merge_expect want = { .by = c.by, .nby = c.nby,
		    .by_given = c.by_given, .as_of_given = rd_opt.as_of_given,
		    .from_given = c.from_given, .to_given = c.to_given,
		    .missing_given = c.missing_given, .waiting_given = c.waiting_given,
		    .params = c.params };

		want.params.as_of = rd_opt.as_of;
		partial_merge(&rep, (const char *const *)argv + optind,
		    (size_t)(argc - optind));
		partial_expect(&rep, &want);
		for (size_t i = 0; i < c.nby; i++)
			free(c.by[i]);
		free(c.by);
	} else {
		(void)rd_par_threads();	/* a bad RUSDATA_THREADS before any reading */
		c.params.as_of = rd_opt.as_of;
		c.params.sessions = c.in.sessions != NULL;
		c.params.urine = c.in.urine != NULL;
		c.params.goals = c.in.goals != NULL;
		c.params.prescribed = c.in.prescribed != NULL;
		c.params.assessments = c.in.assessments != NULL;
		for (size_t i = 0; i < c.nby; i++)
			c.in.need_clinic |= strcmp(c.by[i], "clinic") == 0;
		if (c.in.urine != NULL || c.in.prescribed != NULL)
			rd_urine_map_init();
		report_init(&rep, &c.params, c.by, c.nby);
		inputs_run(&rep, &c.in);
	}
	w = rd_writer_new(STDOUT_FILENO);
	if (c.partial)
		partial_write(&rep, w);
	else
		report_write(&rep, &c.out, w);
	rd_writer_close(w);
	for (size_t i = 0; i < rep.nby; i++)
		free(rep.by[i]);
	free(rep.by);
	report_free(&rep);
	return rd_exit_status();
}
