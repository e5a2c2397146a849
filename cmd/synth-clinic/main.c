/*
 * synth-clinic: deterministic synthetic clinic data, every table of
 * rusdata(7), for demos, tests and benchmarks (see synth-clinic(1)).
 * Streams: one patient at a time, whatever the number of patients.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "diag.h"
#include "opts.h"
#include "samefile.h"
#include "synth.h"
#include "writer.h"

static const char usage_text[] =
    "usage: synth-clinic [--patients N] [--seed S] [--from DATE]\n"
    "       [--clinics N] [--readmit PCT] [--attendance PCT] [--dropout PCT]\n"
    "       [--lab-names PCT] [options] --out-dir DIR | --table NAME\n"
    "Writes deterministic synthetic episodes, plan, sessions, urine, goals,\n"
    "assessments and prescriptions tables: the same seed gives the same bytes.\n"
    "  --patients N      patients (default 100)\n"
    "  --seed S          seed, 0 to 18446744073709551615 (default 1)\n"
    "  --out-dir DIR     write all seven tables as DIR/TABLE.csv (.tsv)\n"
    "  --table NAME      write one table to standard output\n"
    "  --from DATE       earliest episode start (default 2023-01-01)\n"
    "  --as-of DATE      extract date: no record after it (default 2026-12-31)\n"
    "  --clinics N       clinics c01..cNN, 1 to 99 (default 10)\n"
    "  --readmit PCT     chance of a second episode after the first (default 25)\n"
    "  --attendance PCT  attended share of held sessions (default 80)\n"
    "  --dropout PCT     scale of the dropout hazard (default 100)\n"
    "  --lab-names PCT   urine samples with lab names (default 25)\n"
    RD_COMMON_USAGE;

enum {
	OPT_PATIENTS = RD_OPT_TOOL_BASE,
	OPT_SEED,
	OPT_OUT_DIR,
	OPT_TABLE,
	OPT_FROM,
	OPT_CLINICS,
	OPT_READMIT,
	OPT_ATTENDANCE,
	OPT_DROPOUT,
	OPT_LAB_NAMES
};

struct run {
	struct sc_config cfg;
	const char *out_dir;
	int table;		/* -1: all, to out_dir */
	const char *from_arg;
};

static uint64_t
parse_seed(const char *arg)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-' ||
	    arg[0] == '+')
		rd_usage_msg("--seed '%s' is not a whole number from 0 to "
		    "18446744073709551615", arg);
	return (uint64_t)v;
}

static void
parse_options(int argc, char *argv[], struct run *run)
{
	static const struct option longopts[] = {
		{ "attendance", required_argument, NULL, OPT_ATTENDANCE },
		{ "clinics", required_argument, NULL, OPT_CLINICS },
		{ "dropout", required_argument, NULL, OPT_DROPOUT },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "lab-names", required_argument, NULL, OPT_LAB_NAMES },
		{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
		{ "patients", required_argument, NULL, OPT_PATIENTS },
		{ "readmit", required_argument, NULL, OPT_READMIT },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "table", required_argument, NULL, OPT_TABLE },
		RD_COMMON_LONGOPTS
	};
	struct sc_config *cfg = &run->cfg;
	int ch;

	while ((ch = rd_getopt(argc, argv, longopts)) != -1) {
		switch (ch) {
		case OPT_ATTENDANCE:
			cfg->attendance_pct = (int)rd_opt_long("--attendance", optarg, 0, 100);
			break;
		case OPT_CLINICS:
			cfg->clinics = (int)rd_opt_long("--clinics", optarg, 1, 99);
			break;
		case OPT_DROPOUT:
			cfg->dropout_pct = (int)rd_opt_long("--dropout", optarg, 0, 1000);
			break;
		case OPT_FROM:
			run->from_arg = optarg;
			break;
		case OPT_LAB_NAMES:
			cfg->lab_names_pct = (int)rd_opt_long("--lab-names", optarg, 0, 100);
			break;
		case OPT_OUT_DIR:
			run->out_dir = optarg;
			break;
		case OPT_PATIENTS:
			cfg->patients = (unsigned long)rd_opt_long("--patients", optarg,
			    0, 100000000);
			break;
		case OPT_READMIT:
			cfg->readmit_pct = (int)rd_opt_long("--readmit", optarg, 0, 100);
			break;
		case OPT_SEED:
			cfg->seed = parse_seed(optarg);
			break;
		case OPT_TABLE:
			run->table = sc_table_index(optarg);
			if (run->table < 0)
				rd_usage_msg("--table '%s' is not one of episodes, plan, "
				    "sessions, urine, goals, assessments, prescriptions", optarg);
			break;
		default:
			if (!rd_opt_common(ch, optarg))
				rd_usage();
		}
	}
	if (optind < argc)
		rd_usage_msg("no input files: synth-clinic reads nothing");
	if ((run->out_dir == NULL) == (run->table < 0))
		rd_usage_msg("give either --out-dir DIR or --table NAME");
}

/* Dates are parsed after all options, so --date-format applies to them. */
static void
finish_options(struct run *run)
{
	struct sc_config *cfg = &run->cfg;

	/* The extract date is fixed, never today: same seed, same bytes. */
	if (rd_opt.as_of_given)
		cfg->as_of = rd_opt.as_of;
	if (run->from_arg != NULL)
		cfg->first_start = rd_opt_date("--from", run->from_arg);
	/*
	 * Patients are up to SC_MAX_AGE years old at their first start, and
	 * a birth year before 1900 is not valid in the tables.
	 */
	if (cfg->first_start < rd_date_from_ymd(1900 + SC_MAX_AGE, 1, 1))
		rd_usage_msg("--from must be %d-01-01 or later (patients up to %d "
		    "years old are born in 1900 or later)", 1900 + SC_MAX_AGE, SC_MAX_AGE);
	if (cfg->first_start >= cfg->as_of)
		rd_usage_msg("--from must be before --as-of");
	sc_config_finish(cfg);
}

/* DIR/TABLE.csv (.tsv with TSV output); the caller frees it. */
static char *
table_path(const char *dir, const char *table)
{
	const char *ext = rd_opt.out_tsv ? "tsv" : "csv";
	size_t len = strlen(dir) + strlen(table) + 6;
	char *path = rd_malloc(len);

	snprintf(path, len, "%s/%s.%s", dir, table, ext);
	return path;
}

static int
create_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);

	if (fd < 0)
		rd_die_errno(RD_EXIT_DATA, "cannot create %s", path);
	return fd;
}

int
main(int argc, char *argv[])
{
	struct rd_writer *w[SC_NTABLES] = { NULL };
	int fd[SC_NTABLES];
	char *path[SC_NTABLES] = { NULL };
	struct sc_patient pt;
	struct run run = { .table = -1 };

	rd_opts_init(argv[0], usage_text);
	sc_config_default(&run.cfg);
	parse_options(argc, argv, &run);
	for (int t = 0; t < SC_NTABLES && run.out_dir != NULL; t++) {
		path[t] = table_path(run.out_dir, sc_table_name[t]);
		rd_file_output("--out-dir", path[t]);
	}
	rd_opts_done();
	finish_options(&run);

	if (run.out_dir != NULL && mkdir(run.out_dir, 0777) != 0 && errno != EEXIST)
		rd_die_errno(RD_EXIT_DATA, "cannot create %s", run.out_dir);
	for (int t = 0; t < SC_NTABLES; t++) {
		if (run.table >= 0 && t != run.table)
			continue;
		fd[t] = path[t] != NULL ? create_file(path[t]) : STDOUT_FILENO;
		w[t] = rd_writer_new(fd[t]);
		sc_emit_header(w[t], (enum sc_table)t);
	}
	sc_patient_init(&pt);
	for (unsigned long i = 1; i <= run.cfg.patients; i++) {
		sc_patient_make(&run.cfg, i, &pt);
		for (int t = 0; t < SC_NTABLES; t++)
			if (w[t] != NULL)
				sc_emit(w[t], (enum sc_table)t, &pt);
	}
	sc_patient_free(&pt);
	for (int t = 0; t < SC_NTABLES; t++) {
		if (w[t] == NULL)
			continue;
		rd_writer_close(w[t]);
		if (path[t] != NULL && close(fd[t]) != 0)
			rd_die_errno(RD_EXIT_DATA, "%s", path[t]);
		free(path[t]);
	}
	rd_close_stdout();
	return RD_EXIT_OK;
}
