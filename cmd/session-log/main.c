/*
 * session-log: validate and normalise session records, append them safely
 * to a log, and summarise attendance, adherence to plan and dropout-risk
 * signals (see session-log(1)).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "episodes.h"
#include "diag.h"
#include "opts.h"
#include "par.h"
#include "samefile.h"
#include "reader.h"
#include "rejects.h"
#include "sessionlog.h"
#include "sessions.h"
#include "writer.h"

static const char usage_text[] =
    "usage: session-log [-j N] [options] [FILE]\n"
    "       session-log --append LOG [options] [FILE]\n"
    "       session-log --summary [--plan FILE] [--episodes FILE] [--by-patient]\n"
    "                   [--tolerance N] [--no-show-run N] [--no-contact N]\n"
    "                   [options] [FILE]\n"
    "       session-log --missed --plan FILE [--episodes FILE] [--by-patient]\n"
    "                   [--tolerance N] [options] [FILE]\n"
    "Validates and normalises session rows, appends them to LOG under a lock,\n"
    "or summarises attendance, adherence and dropout risk per patient/episode.\n"
    "  --append LOG     append the valid rows to LOG under a lock\n"
    "  --summary        one summary row per patient or episode\n"
    "  --missed         the planned items due and not done (needs --plan)\n"
    "  --plan FILE      plan rows (plan-new output) to measure adherence\n"
    "  --episodes FILE  episode rows: episodes by date, contact from the start\n"
    "  --by-patient     one row per patient even with episode_id\n"
    "  --tolerance N    days a planned item may be early or late (default 2)\n"
    "  --no-show-run N  a run of N no-shows is a dropout risk (default 2)\n"
    "  --no-contact N   over N days without attendance is a risk (default 14)\n"
    "  -j N             threads (default: the CPUs); not with --append\n"
    RD_COMMON_USAGE;

enum {
	OPT_APPEND = RD_OPT_TOOL_BASE,
	OPT_SUMMARY,
	OPT_MISSED,
	OPT_PLAN,
	OPT_EPISODES,
	OPT_BY_PATIENT,
	OPT_TOLERANCE,
	OPT_NO_SHOW_RUN,
	OPT_NO_CONTACT,
};

struct config {
	const char *append_path, *plan_path, *episodes_path, *input;
	bool summary, missed, by_patient;
	long tolerance_days, no_show_run, no_contact_days;
	bool thresholds_given;
};

static void
check_modes(const struct config *cfg)
{
	bool summarising = cfg->summary || cfg->missed;

	if ((cfg->append_path != NULL) + cfg->summary + cfg->missed > 1)
		rd_usage_msg("--append, --summary and --missed exclude each other");
	/*
	 * The log is the shared machine copy that every later run appends to
	 * and reads: never Excel's dialect (read Excel input with --iexcel).
	 */
	if (cfg->append_path != NULL && rd_opt.excel)
		rd_usage_msg("--append writes the log as plain CSV or TSV; --excel "
		    "is for files opened in Excel");
	if (cfg->missed && cfg->plan_path == NULL)
		rd_usage_msg("--missed needs --plan FILE");
	if (!summarising && (cfg->plan_path || cfg->episodes_path ||
	    cfg->by_patient || cfg->thresholds_given))
		rd_usage_msg("--plan, --episodes, --by-patient and the thresholds "
		    "need --summary or --missed");
	if (rd_opt.threads > 0 && cfg->append_path != NULL)
		rd_usage_msg("-j is for the default mode, --summary and --missed");
	if (cfg->by_patient && cfg->episodes_path)
		rd_usage_msg("--by-patient and --episodes exclude each other");
	if (cfg->missed && strcmp(cfg->plan_path, "-") == 0)
		rd_usage_msg("--missed reads the plan twice: it must be a file");
	if (cfg->plan_path && cfg->input == NULL && strcmp(cfg->plan_path, "-") == 0)
		rd_usage_msg("the plan and the sessions cannot both be standard input");
}

static void
parse_options(int argc, char *argv[], struct config *cfg)
{
	static const struct option longopts[] = {
		{ "append", required_argument, NULL, OPT_APPEND },
		{ "by-patient", no_argument, NULL, OPT_BY_PATIENT },
		{ "episodes", required_argument, NULL, OPT_EPISODES },
		{ "missed", no_argument, NULL, OPT_MISSED },
		{ "no-contact", required_argument, NULL, OPT_NO_CONTACT },
		{ "no-show-run", required_argument, NULL, OPT_NO_SHOW_RUN },
		{ "plan", required_argument, NULL, OPT_PLAN },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "tolerance", required_argument, NULL, OPT_TOLERANCE },
		RD_COMMON_LONGOPTS
	};
	int ch;

	memset(cfg, 0, sizeof *cfg);
	cfg->tolerance_days = 2;
	cfg->no_show_run = RD_RISK_DEFAULT_NO_SHOW_RUN;
	cfg->no_contact_days = RD_RISK_DEFAULT_NO_CONTACT;
	rd_opts_init(argv[0], usage_text);
	while ((ch = rd_getopt(argc, argv, longopts)) != -1) {
		switch (ch) {
		case OPT_APPEND:
			cfg->append_path = optarg;
			break;
		case OPT_BY_PATIENT:
			cfg->by_patient = true;
			break;
		case OPT_EPISODES:
			cfg->episodes_path = optarg;
			break;
		case OPT_MISSED:
			cfg->missed = true;
			break;
		case OPT_NO_CONTACT:
			cfg->no_contact_days = rd_opt_long("--no-contact", optarg, 0,
			    100000);
			cfg->thresholds_given = true;
			break;
		case OPT_NO_SHOW_RUN:
			cfg->no_show_run = rd_opt_long("--no-show-run", optarg, 1,
			    100000);
			cfg->thresholds_given = true;
			break;
		case OPT_PLAN:
			cfg->plan_path = optarg;
			break;
		case OPT_SUMMARY:
			cfg->summary = true;
			break;
		case 'j':
			rd_opt_threads(optarg);
			break;
		case OPT_TOLERANCE:
			cfg->tolerance_days = rd_opt_long("--tolerance", optarg, 0, 366);
			cfg->thresholds_given = true;
			break;
		default:
			if (!rd_opt_common(ch, optarg))
				rd_usage();
		}
	}
	if (argc - optind > 1)
		rd_usage_msg("at most one input file");
	cfg->input = optind < argc ? argv[optind] : NULL;
	check_modes(cfg);
	rd_file_input("the input", cfg->input != NULL ? cfg->input : "-");
	rd_file_input("--plan", cfg->plan_path);
	rd_file_input("--episodes", cfg->episodes_path);
	if (cfg->append_path != NULL)
		rd_file_output("--append", cfg->append_path);
	rd_opts_done();
	if (cfg->append_path == NULL)
		(void)rd_par_threads();	/* a bad RUSDATA_THREADS before any reading */
}

/* The rows of the default mode, in one thread or in several (par.h). */
static void
normalise_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct rd_session_cols *c = arg;
	struct rd_record rec;
	struct rd_session s;

	rd_writer_pass(w, r);	/* rows as read go out without a copy */
	while (rd_next_good(r, &rec) > 0)
		if (rd_session_parse(r, &rec, c, &s))
			sl_put_normalised(w, &rec, c, &s, NULL);
	rd_writer_pass(w, NULL);
}

/* Default mode: every good row out, normalised. */
static void
run_normalise(struct rd_reader *r, struct rd_session_cols *c, int fd)
{
	struct rd_writer *w = rd_writer_new(fd);

	rd_put_header_rec(w, rd_header(r), NULL, 0);
	rd_par_rows(r, w, normalise_rows, c);
	rd_writer_close(w);
}

static void
put_header(struct rd_writer *w, const struct rd_record *hdr, const size_t *order)
{
	const char **names = rd_calloc(hdr->n, sizeof *names);

	for (size_t k = 0; k < hdr->n; k++)
		names[k] = hdr->f[order != NULL ? order[k] : k];
	rd_put_header(w, names, hdr->n);
	free(names);
}

/*
 * --append: the normalised batch is built in an anonymous memory file
 * first, so that nothing reaches the log unless every row was good.
 */
static int
run_append(struct rd_reader *r, const struct rd_session_cols *c,
    const char *path)
{
	struct rd_writer *w;
	struct rd_record rec;
	struct rd_session s;
	off_t header_len, len;
	size_t *order;
	void *batch;
	int fd, rc;

	if ((fd = memfd_create("session-log-batch", MFD_CLOEXEC)) < 0)
		rd_die_errno(RD_EXIT_DATA, "cannot make a buffer for the batch");
	w = rd_writer_new(fd);
	/* Columns go by name: a log with them in another order gets its order. */
	order = sl_log_order(path, r);
	put_header(w, rd_header(r), order);
	rd_writer_flush(w);
	header_len = lseek(fd, 0, SEEK_CUR);
	while (rd_next_good(r, &rec) > 0)
		if (rd_session_parse(r, &rec, c, &s))
			sl_put_normalised(w, &rec, c, &s, order);
	rd_writer_close(w);
	free(order);
	if (rd_rejects_finish() > 0) {
		rd_warn("%s: nothing appended because rows were rejected", path);
		return RD_EXIT_DATA;
	}
	if (header_len <= 0 || (len = lseek(fd, 0, SEEK_END)) < header_len)
		rd_die_errno(RD_EXIT_DATA, "cannot measure the batch");
	batch = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (batch == MAP_FAILED)
		rd_die_errno(RD_EXIT_DATA, "cannot map the batch");
	rc = sl_append(path, batch, (size_t)len, (size_t)header_len);
	munmap(batch, (size_t)len);
	close(fd);
	return rc == 0 ? RD_EXIT_OK : RD_EXIT_DATA;
}

/* --summary and --missed: collect everything, then one row per unit. */
static void
run_summary(struct rd_reader *r, const struct rd_session_cols *c,
    const struct config *cfg)
{
	struct rd_episodes *episodes = NULL;
	struct sl_summary s;
	struct rd_writer *w;
	size_t plan_rows = 0;
	bool by_episode;

	if (cfg->episodes_path != NULL)
		episodes = rd_episodes_load(cfg->episodes_path, false);
	by_episode = !cfg->by_patient && (episodes != NULL || c->episode_id >= 0);
	sl_summary_init(&s, by_episode, episodes, rd_opt.as_of);
	s.tolerance_days = cfg->tolerance_days;
	s.thresholds.no_show_run = cfg->no_show_run;
	s.thresholds.no_contact_days = cfg->no_contact_days;
	sl_summary_read(&s, r, c);
	if (cfg->plan_path != NULL)
		plan_rows = sl_plan_load(&s, cfg->plan_path);
	sl_summary_finish(&s, plan_rows);
	rd_attach_note_print(&s.sessions_note, rd_name(r), "row");
	if (cfg->plan_path != NULL)
		rd_attach_note_print(&s.items_note, strcmp(cfg->plan_path, "-") == 0 ?
		    "<stdin>" : cfg->plan_path, "planned item");
	w = rd_writer_new(STDOUT_FILENO);
	if (cfg->missed)
		sl_plan_write_missed(w, &s, cfg->plan_path);
	else
		sl_summary_write(w, &s, cfg->plan_path != NULL);
	rd_writer_close(w);
	sl_summary_free(&s);
	rd_episodes_free(episodes);
}

int
main(int argc, char *argv[])
{
	struct config cfg;
	struct rd_reader *r;
	struct rd_session_cols c;
	int status;

	parse_options(argc, argv, &cfg);
	r = rd_open(cfg.input);
	rd_session_cols(r, &c);
	if (cfg.append_path != NULL) {
		status = run_append(r, &c, cfg.append_path);
		rd_close(r);
		return status;
	}
	if (cfg.summary || cfg.missed)
		run_summary(r, &c, &cfg);
	else
		run_normalise(r, &c, STDOUT_FILENO);
	rd_close(r);
	return rd_exit_status();
}
