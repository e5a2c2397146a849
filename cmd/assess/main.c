/*
 * assess: score AUDIT, AUDIT-C, DUDIT, SCL-10, PHQ-9 and GAD-7
 * administrations and add the risk zone (see assess(1)).  Streams: one
 * row in, one row out.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "codes.h"
#include "diag.h"
#include "fields.h"
#include "opts.h"
#include "par.h"
#include "samefile.h"
#include "reader.h"
#include "rejects.h"
#include "rows.h"
#include "instrument.h"
#include "writer.h"

static const char usage_text[] =
    "usage: assess [-j N] [options] [FILE]\n"
    "Scores AUDIT, AUDIT-C, DUDIT, SCL-10, PHQ-9 and GAD-7 rows (patient_id,\n"
    "date, instrument, q1..q11, optional sex) and appends score, zone,\n"
    "status and alert.\n"
    "  -j N            threads (default: the CPUs)\n"
    RD_COMMON_USAGE;

/* The rows, in one thread or in several (par.h). */
static void
score_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct columns *c = arg;
	struct rd_record rec;
	struct scored row;

	while (rd_next_good(r, &rec) > 0)
		if (score_row(r, &rec, c, &row))
			write_row(w, &rec, c, &row);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = { RD_COMMON_LONGOPTS };
	struct rd_reader *r;
	struct rd_writer *w;
	struct columns c;
	int ch;

	rd_opts_init(argv[0], usage_text);
	while ((ch = rd_getopt(argc, argv, longopts)) != -1)
		if (ch == 'j')
			rd_opt_threads(optarg);
		else if (!rd_opt_common(ch, optarg))
			rd_usage();
	if (argc - optind > 1)
		rd_usage_msg("at most one input file");
	rd_file_inputs(argc - optind, argv + optind);
	rd_opts_done();
	(void)rd_par_threads();	/* a bad RUSDATA_THREADS before any reading */

	r = rd_open(optind < argc ? argv[optind] : NULL);
	find_columns(r, &c);
	w = rd_writer_new(STDOUT_FILENO);
	write_header(w, r, &c);
	rd_par_rows(r, w, score_rows, &c);
	rd_writer_close(w);
	rd_close(r);
	return rd_exit_status();
}
