/*
 * plan-new: a dated treatment plan for each new episode from the protocol
 * of its modality (see plan-new(1)).  Streams: one episode in, its plan
 * out; the one-episode options run the same code on an episode built from
 * the command line.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "codes.h"
#include "date.h"
#include "episodes.h"
#include "diag.h"
#include "fields.h"
#include "holidays.h"
#include "opts.h"
#include "samefile.h"
#include "plan.h"
#include "protocol.h"
#include "reader.h"
#include "rejects.h"
#include "writer.h"

static const char usage_text[] =
    "usage: plan-new [options] [FILE]\n"
    "       plan-new [options] --patient ID --episode ID --modality MODALITY\n"
    "                --start DATE\n"
    "       plan-new [--protocol FILE] --list\n"
    "       plan-new [options] --print-protocol NAME\n"
    "       plan-new --list-holidays no|se [--from DATE] [--to DATE] [options]\n"
    "Writes a dated treatment plan (patient_id, episode_id, item, date,\n"
    "activity, phase, topic) for each episode from its modality's protocol.\n"
    "  --protocol FILE        load protocols from FILE (may be repeated)\n"
    "  --list                 list the protocols\n"
    "  --print-protocol NAME  print a protocol as protocol CSV\n"
    "  --holidays no|se|none|FILE  days that are not working days besides\n"
    "                         weekends (default none); a second one adds\n"
    "  --list-holidays no|se  print a country's holidays (date, weekday, holiday)\n"
    "  --from DATE, --to DATE  days --list-holidays prints (default: the\n"
    "                         year of --as-of)\n"
    "  --weekday DAY          day of weekly items, mon..sun (default: the\n"
    "                         start date's weekday)\n"
    "  --review-weeks N       a goal review every N weeks (default 4)\n"
    "  --intensive-weeks N    twelve-step intensive phase (default 4)\n"
    "  --aftercare-weeks N    twelve-step aftercare (default 52)\n"
    "  --no-start-items       leave out assessment, suicide-risk,\n"
    "                         treatment-plan and crisis-plan\n"
    "  --patient ID, --episode ID, --modality MODALITY, --start DATE\n"
    "                         plan one episode instead (all four needed)\n"
    RD_COMMON_USAGE;

enum {
	OPT_AFTERCARE_WEEKS = RD_OPT_TOOL_BASE,
	OPT_EPISODE,
	OPT_FROM,
	OPT_HOLIDAYS,
	OPT_INTENSIVE_WEEKS,
	OPT_LIST,
	OPT_LIST_HOLIDAYS,
	OPT_MODALITY,
	OPT_NO_START_ITEMS,
	OPT_PATIENT,
	OPT_PRINT_PROTOCOL,
	OPT_PROTOCOL,
	OPT_REVIEW_WEEKS,
	OPT_START,
	OPT_TO,
	OPT_WEEKDAY
};

struct config {
	const char **protocol_paths;
	size_t nprotocol_paths;
	bool list;
	const char *print_name;
	const char **holidays_specs;	/* every --holidays, in order */
	size_t nholidays_specs;
	const char *list_holidays;	/* --list-holidays COUNTRY */
	const char *from, *to;		/* its days */
	struct proto_builtin_opts builtin;
	struct plan_settings settings;
	/* One episode from the command line. */
	const char *patient, *episode, *modality, *start;
};

/* Everything a plan needs that stays the same from episode to episode. */
struct planner {
	const struct proto_set *protocols;
	const struct plan_settings *settings;
	struct plan plan;
	struct rd_writer *w;
};

static void
parse_options(int argc, char *argv[], struct config *c)
{
	static const struct option longopts[] = {
		{ "aftercare-weeks", required_argument, NULL, OPT_AFTERCARE_WEEKS },
		{ "episode", required_argument, NULL, OPT_EPISODE },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "holidays", required_argument, NULL, OPT_HOLIDAYS },
		{ "intensive-weeks", required_argument, NULL, OPT_INTENSIVE_WEEKS },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "list-holidays", required_argument, NULL, OPT_LIST_HOLIDAYS },
		{ "modality", required_argument, NULL, OPT_MODALITY },
		{ "no-start-items", no_argument, NULL, OPT_NO_START_ITEMS },
		{ "patient", required_argument, NULL, OPT_PATIENT },
		{ "print-protocol", required_argument, NULL, OPT_PRINT_PROTOCOL },
		{ "protocol", required_argument, NULL, OPT_PROTOCOL },
		{ "review-weeks", required_argument, NULL, OPT_REVIEW_WEEKS },
		{ "start", required_argument, NULL, OPT_START },
		{ "to", required_argument, NULL, OPT_TO },
		{ "weekday", required_argument, NULL, OPT_WEEKDAY },
		RD_COMMON_LONGOPTS
	};
	int ch;

	while ((ch = rd_getopt(argc, argv, longopts)) != -1) {
		switch (ch) {
		case OPT_AFTERCARE_WEEKS:
			c->builtin.aftercare_weeks = (int)rd_opt_long("--aftercare-weeks",
			    optarg, 0, PROTO_MAX_WEEKS - 1);
			break;
		case OPT_EPISODE:
			c->episode = optarg;
			break;
		case OPT_FROM:
			c->from = optarg;
			break;
		case OPT_HOLIDAYS:
			c->holidays_specs = rd_realloc(c->holidays_specs,
			    (c->nholidays_specs + 1) * sizeof *c->holidays_specs);
			c->holidays_specs[c->nholidays_specs++] = optarg;
			break;
		case OPT_INTENSIVE_WEEKS:
			c->builtin.intensive_weeks = (int)rd_opt_long("--intensive-weeks",
			    optarg, 1, PROTO_MAX_WEEKS);
			break;
		case OPT_LIST:
			c->list = true;
			break;
		case OPT_LIST_HOLIDAYS:
			c->list_holidays = optarg;
			break;
		case OPT_MODALITY:
			c->modality = optarg;
			break;
		case OPT_NO_START_ITEMS:
			c->settings.start_items = false;
			break;
		case OPT_PATIENT:
			c->patient = optarg;
			break;
		case OPT_PRINT_PROTOCOL:
			c->print_name = optarg;
			break;
		case OPT_PROTOCOL:
			c->protocol_paths = rd_realloc(c->protocol_paths,
			    (c->nprotocol_paths + 1) * sizeof *c->protocol_paths);
			c->protocol_paths[c->nprotocol_paths++] = optarg;
			break;
		case OPT_REVIEW_WEEKS:
			c->settings.review_weeks = (int)rd_opt_long("--review-weeks",
			    optarg, 1, PROTO_MAX_WEEKS);
			break;
		case OPT_START:
			c->start = optarg;
			break;
		case OPT_TO:
			c->to = optarg;
			break;
		case OPT_WEEKDAY:
			c->settings.weekday = proto_weekday(optarg, strlen(optarg));
			if (c->settings.weekday < 0)
				rd_usage_msg("--weekday '%s' is not one of mon, tue, wed, "
				    "thu, fri, sat, sun", optarg);
			break;
		default:
			if (!rd_opt_common(ch, optarg))
				rd_usage();
		}
	}
}

/* Mutually exclusive modes and the options each one needs. */
static void
check_modes(const struct config *c, int noperands, const char *file)
{
	int one = (c->patient != NULL) + (c->episode != NULL) +
	    (c->modality != NULL) + (c->start != NULL);

	if (c->list && c->print_name != NULL)
		rd_usage_msg("--list and --print-protocol exclude each other");
	if (c->list_holidays != NULL && (c->list || c->print_name != NULL ||
	    one > 0 || noperands > 0))
		rd_usage_msg("--list-holidays prints the calendar only: no episodes, "
		    "--list or --print-protocol");
	if ((c->from != NULL || c->to != NULL) && c->list_holidays == NULL)
		rd_usage_msg("--from and --to go with --list-holidays");
	if ((c->list || c->print_name != NULL) && (one > 0 || noperands > 0))
		rd_usage_msg("%s reads no episodes", c->list ? "--list" : "--print-protocol");
	if (one > 0 && one < 4)
		rd_usage_msg("one episode needs all of --patient, --episode, "
		    "--modality and --start");
	if (one == 4 && noperands > 0)
		rd_usage_msg("an input file and --patient ... --start exclude each other");
	if (noperands > 1)
		rd_usage_msg("at most one input file");
	for (size_t i = 0; i < c->nprotocol_paths; i++)
		if (strcmp(c->protocol_paths[i], "-") == 0 && one == 0 && !c->list &&
		    c->print_name == NULL && (file == NULL || strcmp(file, "-") == 0))
			rd_usage_msg("--protocol - and the episodes cannot both come "
			    "from standard input");
	if (c->builtin.intensive_weeks + c->builtin.aftercare_weeks > PROTO_MAX_WEEKS)
		rd_usage_msg("--intensive-weeks plus --aftercare-weeks is more than "
		    "%d weeks", PROTO_MAX_WEEKS);
}

static void
print_protocol(const struct proto_set *set, const char *name)
{
	struct rd_writer_config cfg = { .crlf = rd_opt.crlf, .excel = rd_opt.excel };
	int modality = rd_code_index(&rd_modality_codes, name, strlen(name));
	const struct protocol *p = modality >= 0 ? proto_find(set, modality) : NULL;
	struct rd_writer *w;

	if (p == NULL)
		rd_usage_msg("--print-protocol: no protocol '%s' (--list names them)", name);
	if (rd_opt.out_tsv)
		rd_usage_msg("--print-protocol writes CSV, the protocol file format");
	w = rd_writer_new_config(STDOUT_FILENO, &cfg);
	proto_print(w, p);
	rd_writer_close(w);
}

/* Whether a plan of the protocol that starts on day start ends by the last valid date. */
static bool
fits_calendar(const struct protocol *p, int start)
{
	return start <= rd_date_from_ymd(RD_YEAR_MAX, 12, 31) - 7 * p->weeks + 1;
}

static void
warn_dropped(const struct plan_item *it, int start, const char *where,
    const char *episode_id)
{
	const char *act = rd_activity_codes.code[it->activity];
	char day[11], ex[64];

	rd_date_format(it->planned, day);
	rd_warn("%sepisode %s: %s on %s (week %d%s%s) dropped: no later working "
	    "day in week %d is free of %s", where,
	    rd_excerpt(episode_id, strlen(episode_id), ex, sizeof ex), act, day,
	    plan_week(start, it->planned), it->topic[0] ? ", " : "", it->topic,
	    plan_week(start, it->planned), act);
}

/*
 * The plan of one episode, from a file row or the command line alike;
 * where ("FILE:LINE: " or "") prefixes warnings about dropped items.
 */
static void
write_plan(struct planner *pl, const struct rd_episode *e,
    const struct protocol *p, const char *where)
{
	size_t patient_len = strlen(e->patient_id), episode_len = strlen(e->episode_id);
	int text_day = RD_NO_DATE;
	long number = 0;
	char text[11];
	/* Checked ids, dates, numbers and codes need no look at their bytes. */
	void (*put_id)(struct rd_writer *, const char *, size_t) =
	    rd_ids_clean() ? rd_put_clean : rd_put;

	plan_build(&pl->plan, p, e->start, pl->settings);
	for (size_t i = 0; i < pl->plan.n; i++) {
		const struct plan_item *it = &pl->plan.item[i];

		if (it->dropped) {
			warn_dropped(it, e->start, where, e->episode_id);
			continue;
		}
		/* Items share days: format each date once. */
		if (it->date != text_day)
			rd_date_format(text_day = it->date, text);
		put_id(pl->w, e->patient_id, patient_len);
		put_id(pl->w, e->episode_id, episode_len);
		rd_put_long(pl->w, ++number);
		rd_put_clean(pl->w, text, 10);
		rd_put_clean(pl->w, rd_activity_codes.code[it->activity],
		    rd_code_len(&rd_activity_codes, it->activity));
		rd_put_str(pl->w, it->phase);
		rd_put_str(pl->w, it->topic);
		rd_end_row(pl->w);
	}
}

/* The episodes of an open reader whose columns are found. */
static void
plan_stream(struct planner *pl, struct rd_reader *r, const struct rd_episode_cols *c)
{
	size_t where_size = strlen(rd_name(r)) + 32;
	char *where = rd_malloc(where_size);
	struct rd_record rec;
	long waiting = 0;

	while (rd_next_good(r, &rec) > 0) {
		const struct protocol *p;
		struct rd_episode e;
		char ex[64];

		if (!rd_episode_parse(r, &rec, c, &e))
			continue;
		/* Referred, not started: nothing to date a plan from yet. */
		if (e.start == RD_NOT_STARTED) {
			waiting++;
			continue;
		}
		p = proto_find(pl->protocols, e.modality);
		if (p == NULL) {
			rd_reject(r, &rec, c->modality, "modality %s has no built-in "
			    "protocol (load one with --protocol FILE)",
			    rd_excerpt(rec.f[c->modality], rec.len[c->modality], ex,
			    sizeof ex));
			continue;
		}
		if (!fits_calendar(p, e.start)) {
			rd_reject(r, &rec, c->start_date, "start_date leaves no room "
			    "for the %d weeks of protocol %s before 2199-12-31",
			    p->weeks, p->name);
			continue;
		}
		snprintf(where, where_size, "%s:%ld: ", rd_name(r), rec.line);
		write_plan(pl, &e, p, where);
	}
	if (waiting > 0)
		rd_warn("%s: %ld episode%s not started (referral_date, no "
		    "start_date): no plan", rd_name(r), waiting, waiting == 1 ? "" : "s");
	free(where);
}

/*
 * The episode of --patient, --episode, --modality and --start, checked
 * before any output; a bad value is a usage error.
 */
static const struct protocol *
episode_from_options(const struct config *c, const struct proto_set *set,
    struct rd_episode *e)
{
	const struct protocol *p;
	struct rd_why why;

	memset(e, 0, sizeof *e);
	/* The checks of an episodes row; a bad value here is a usage error. */
	if (!rd_check_id("--patient", c->patient, strlen(c->patient), &why) ||
	    !rd_check_id("--episode", c->episode, strlen(c->episode), &why) ||
	    !rd_check_code("--modality", c->modality, strlen(c->modality),
	    &rd_modality_codes, &e->modality, &why))
		rd_usage_msg("%s", why.msg);
	p = proto_find(set, e->modality);
	if (p == NULL)
		rd_usage_msg("--modality %s has no built-in protocol (load one with "
		    "--protocol FILE)", rd_modality_codes.code[e->modality]);
	e->start = rd_opt_date("--start", c->start);
	if (!fits_calendar(p, e->start))
		rd_usage_msg("--start leaves no room for the %d weeks of protocol %s "
		    "before 2199-12-31", p->weeks, p->name);
	e->patient_id = c->patient;
	e->episode_id = c->episode;
	e->clinic = "";
	e->setting = e->end_reason = e->primary_substance = e->sex = -1;
	e->end = RD_NO_DATE;
	return p;
}

/*
 * The --holidays set: every one given, national holidays and a clinic's
 * own closed days together.  A file of dates is read by holidays.h, whose
 * messages name file, line and column.
 */
static struct rd_holidays *
open_holidays(const struct config *c)
{
	struct rd_holidays *h;
	char err[512];

	switch (rd_holidays_open(c->holidays_specs, c->nholidays_specs, &h, err,
	    sizeof err)) {
	case 0:
		break;
	case -2:
		rd_usage_msg("--holidays %s", err);
	default:
		rd_die(RD_EXIT_DATA, "%s", err);
	}
	return h;
}

/*
 * --list-holidays: one row per holiday of the country from --from to --to
 * (by default the year of --as-of), as the planner sees them.  Two
 * holidays on one day are two rows.
 */
static void
list_holidays(const struct config *c)
{
	static const char *const columns[] = { "date", "weekday", "holiday" };
	enum rd_holiday_country country;
	int from, to, y, m, d, fy, ty;
	struct rd_writer *w;

	if (rd_holiday_country_parse(c->list_holidays, &country) == -1 ||
	    country == RD_HOL_NONE)
		rd_usage_msg("--list-holidays '%s' is not one of no, se", c->list_holidays);
	rd_date_to_ymd(rd_opt.as_of, &y, &m, &d);
	from = c->from != NULL ? rd_opt_date("--from", c->from) : RD_NO_DATE;
	to = c->to != NULL ? rd_opt_date("--to", c->to) : RD_NO_DATE;
	/* One end given: the other is the end of its year. */
	if (from == RD_NO_DATE && to != RD_NO_DATE)
		rd_date_to_ymd(to, &y, &m, &d);
	if (from == RD_NO_DATE)
		from = rd_date_from_ymd(y, 1, 1);
	rd_date_to_ymd(from, &fy, &m, &d);
	if (to == RD_NO_DATE)
		to = rd_date_from_ymd(fy, 12, 31);
	if (from > to)
		rd_usage_msg("--from %s is after --to %s", c->from, c->to);
	rd_date_to_ymd(to, &ty, &m, &d);

	w = rd_writer_new(STDOUT_FILENO);
	rd_put_header(w, columns, 3);
	for (int year = fy; year <= ty; year++) {
		int days[RD_HOL_MAX_PER_YEAR];
		const char *names[RD_HOL_MAX_PER_YEAR];
		int n = rd_holidays_of_year(country, year, days, names,
		    RD_HOL_MAX_PER_YEAR);

		for (int i = 0; i < n; i++) {
			char text[11];

			if (days[i] < from || days[i] > to)
				continue;
			rd_date_format(days[i], text);
			rd_put(w, text, 10);
			rd_put_str(w, proto_weekday_name(rd_date_weekday(days[i])));
			rd_put_str(w, names[i]);
			rd_end_row(w);
		}
	}
	rd_writer_close(w);
}

int
main(int argc, char *argv[])
{
	static const char *const columns[] = { "patient_id", "episode_id", "item",
	    "date", "activity", "phase", "topic" };
	struct config c = {
		.builtin = { .intensive_weeks = 4, .aftercare_weeks = 52 },
		.settings = { .review_weeks = 4, .weekday = -1, .start_items = true },
	};
	struct proto_set protocols = { 0 };
	struct planner pl = { .protocols = &protocols, .settings = &c.settings };
	const struct protocol *one_protocol = NULL;
	struct rd_episode one;
	struct rd_reader *r = NULL;
	struct rd_episode_cols cols;
	struct rd_holidays *holidays;

	rd_opts_init(argv[0], usage_text);
	parse_options(argc, argv, &c);
	check_modes(&c, argc - optind, optind < argc ? argv[optind] : NULL);
	rd_file_inputs(argc - optind, argv + optind);
	for (size_t i = 0; i < c.nprotocol_paths; i++)
		rd_file_input("--protocol", c.protocol_paths[i]);
	for (size_t i = 0; i < c.nholidays_specs; i++)
		rd_file_input("--holidays", c.holidays_specs[i]);
	rd_opts_done();

	if (c.list_holidays != NULL) {
		list_holidays(&c);
		return rd_exit_status();
	}
	proto_add_builtins(&protocols, &c.builtin);
	for (size_t i = 0; i < c.nprotocol_paths; i++)
		proto_load_file(&protocols, c.protocol_paths[i]);
	if (c.list || c.print_name != NULL) {
		if (c.list) {
			struct rd_writer *w = rd_writer_new(STDOUT_FILENO);

			proto_list(w, &protocols);
			rd_writer_close(w);
		} else
			print_protocol(&protocols, c.print_name);
		proto_set_free(&protocols);
		free(c.protocol_paths);
		return RD_EXIT_OK;
	}
	holidays = open_holidays(&c);
	c.settings.holidays = holidays;

	/* Everything that can fail before the first row, before the header. */
	if (c.patient != NULL)
		one_protocol = episode_from_options(&c, &protocols, &one);
	else {
		r = rd_open(optind < argc ? argv[optind] : NULL);
		rd_episode_cols(r, &cols, false);
	}
	pl.w = rd_writer_new(STDOUT_FILENO);
	rd_put_header(pl.w, columns, 7);
	if (one_protocol != NULL)
		write_plan(&pl, &one, one_protocol, "");
	else
		plan_stream(&pl, r, &cols);
	rd_writer_close(pl.w);
	rd_close(r);
	plan_free(&pl.plan);
	rd_holidays_free(holidays);
	proto_set_free(&protocols);
	free(c.protocol_paths);
	free(c.holidays_specs);
	return rd_exit_status();
}
