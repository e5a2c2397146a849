/*
 * patient-split: writes rusdata tables into N shard folders by patient,
 * so that every row of a patient is in the same shard in every table (see
 * patient-split(1)).  Streams each table once; memory does not grow with
 * the input.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "diag.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "samefile.h"
#include "split.h"

static const char usage_text[] =
    "usage: patient-split --shards N --out-dir DIR [options] FILE ...\n"
    "Writes each table FILE (any rusdata table with a patient_id column) into\n"
    "DIR/shard-I-of-N/ under its own name, every row of a patient in the same\n"
    "shard in every table: shard = SipHash-2-4(patient_id) mod N + 1.\n"
    "  --shards N      number of shards, 1 to 1000\n"
    "  --out-dir DIR   created when missing; its shard files are replaced\n"
    RD_COMMON_USAGE;

enum { OPT_OUT_DIR = RD_OPT_TOOL_BASE, OPT_SHARDS };

/* Every input is open at once, and one table's shard files. */
static void
ensure_open_files(unsigned nshards, int ninputs)
{
	rlim_t need = (rlim_t)nshards + (rlim_t)ninputs + 8;
	struct rlimit lim;

	if (getrlimit(RLIMIT_NOFILE, &lim) != 0)
		rd_die_errno(RD_EXIT_DATA, "getrlimit");
	if (lim.rlim_cur >= need)
		return;
	if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < need)
		rd_usage_msg("--shards %u with %d tables needs %lu open files; the "
		    "limit is %lu (ulimit -n)", nshards, ninputs, (unsigned long)need,
		    (unsigned long)lim.rlim_max);
	lim.rlim_cur = need;
	if (setrlimit(RLIMIT_NOFILE, &lim) != 0)
		rd_die_errno(RD_EXIT_DATA, "setrlimit");
}

/*
 * Output names, checked before anything is written.  Held in a static
 * while they are checked: a name that clashes ends the tool here, and
 * the names still reachable then are not a leak (LeakSanitizer found
 * them, on some runs only, when no register held the array any more).
 */
static char **
table_names(char **paths, int n)
{
	static char **names;

	names = rd_calloc((size_t)n, sizeof *names);

	for (int i = 0; i < n; i++) {
		names[i] = split_table_name(paths[i], rd_opt.out_tsv);
		if (names[i] == NULL)
			rd_usage_msg("'%s' has no file name to give its shards "
			    "(standard input cannot be split)", paths[i]);
		for (int j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				rd_usage_msg("%s and %s would both be written as %s",
				    paths[j], paths[i], names[i]);
	}
	return names;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
		{ "shards", required_argument, NULL, OPT_SHARDS },
		RD_COMMON_LONGOPTS
	};
	const char *out_dir = NULL;
	unsigned nshards = 0;
	struct rd_reader **readers;
	int *id_cols, ninputs, ch;
	char **names;

	rd_opts_init(argv[0], usage_text);
	while ((ch = rd_getopt(argc, argv, longopts)) != -1) {
		switch (ch) {
		case OPT_OUT_DIR:
			out_dir = optarg;
			break;
		case OPT_SHARDS:
			nshards = (unsigned)rd_opt_long("--shards", optarg, 1,
			    SPLIT_MAX_SHARDS);
			break;
		default:
			if (!rd_opt_common(ch, optarg))
				rd_usage();
		}
	}
	ninputs = argc - optind;
	if (nshards == 0)
		rd_usage_msg("--shards N is required");
	if (out_dir == NULL)
		rd_usage_msg("--out-dir DIR is required");
	if (ninputs == 0)
		rd_usage_msg("no tables to split");
	if (rd_opt.excel)
		rd_usage_msg("--excel: shard files are input for the tools, not for Excel");
	/* A rejects file holds rows of one shape, as in every tool. */
	if (rd_opt.rejects_path != NULL && ninputs > 1)
		rd_usage_msg("--rejects takes one table at a time (a rejects file holds "
		    "rows of one shape); split the tables in separate runs");
	names = table_names(argv + optind, ninputs);
	ensure_open_files(nshards, ninputs);
	/* No shard file may be an input, the rejects file or another shard file. */
	char **outputs = rd_calloc((size_t)ninputs * nshards, sizeof *outputs);
	rd_file_inputs(ninputs, argv + optind);
	for (int i = 0; i < ninputs; i++)
		for (unsigned s = 0; s < nshards; s++) {
			outputs[(size_t)i * nshards + s] = split_shard_path(out_dir,
			    s + 1, nshards, names[i]);
			rd_file_output("a shard file", outputs[(size_t)i * nshards + s]);
		}
	rd_opts_done();
	for (size_t k = 0; k < (size_t)ninputs * nshards; k++)
		free(outputs[k]);
	free(outputs);
	if (sodium_init() < 0)
		rd_die(RD_EXIT_DATA, "libsodium could not be initialised");

	/* Every header is checked before a shard file is written. */
	readers = rd_calloc((size_t)ninputs, sizeof *readers);
	id_cols = rd_calloc((size_t)ninputs, sizeof *id_cols);
	for (int i = 0; i < ninputs; i++) {
		readers[i] = rd_open(argv[optind + i]);
		id_cols[i] = rd_col_required(readers[i], "patient_id");
	}
	split_make_dirs(out_dir, nshards);
	for (int i = 0; i < ninputs; i++) {
		split_table(readers[i], id_cols[i], out_dir, names[i], nshards,
		    rd_opt.out_tsv, NULL);
		rd_close(readers[i]);
		free(names[i]);
	}
	free(names);
	free(readers);
	free(id_cols);
	rd_close_stdout();
	return rd_exit_status();
}
