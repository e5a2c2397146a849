/*
 * libFuzzer harness for urine-track's modes over a file: the bytes are the
 * rows under a fixed header (bad rows to a rejects file, /dev/null), read
 * by the default mode (normalised rows, in runs of fields copied as they
 * came), by --summary and --weekly (per patient and per substance, under
 * both missing rules, with and without --weeks) and by --outcome all with
 * the pattern column.  Standard output goes to /dev/null.  Must never crash,
 * leak or loop.  The helpers these modes share are held to their rules by
 * fuzz_urine.
 *
 * The Makefile links the tool's logic (cmd/urine-track but main.c).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "opts.h"
#include "urine.h"

#include "track.h"

static const char header[] =
    "patient_id,episode_id,date,substance,result,supervised,random,"
    "sample_id,value,cutoff,pattern\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static int *all;
	static size_t nall;
	char path[] = "/tmp/fuzz_urine_track.XXXXXX";
	struct track_opts o = { .seed = "0", .per_week = 1,
	    .holidays = (const char *[]){ "none" }, .nholidays = 1,
	    .weeks = -1, .missing = RD_MISSING_POSITIVE,
	    .pattern_column = "pattern" };
	unsigned flags = size > 0 ? data[0] : 0;
	int fd;

	if (!ready) {
		char err[128];
		int null = open("/dev/null", O_WRONLY);

		if (null < 0 || dup2(null, STDOUT_FILENO) < 0)
			abort();
		close(null);
		rd_opts_init("fuzz_urine-track", "");
		rd_opt.rejects_path = "/dev/null";
		rd_opts_done();
		rd_urine_map_init();
		if (!outcome_parse_list("all", &all, &nall, err, sizeof err))
			abort();
		ready = 1;
	}
	fd = mkstemp(path);
	if (fd < 0 || write(fd, header, strlen(header)) != (ssize_t)strlen(header) ||
	    (size > 0 && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);
	o.as_of = rd_date_from_ymd(2026, 3, 1) + (int)(flags % 64) * 7;
	o.missing = flags & 64 ? RD_MISSING_IGNORE : RD_MISSING_POSITIVE;
	o.by_substance = flags & 128;
	o.weeks = flags & 1 ? (long)(1 + flags % 30) : -1L;
	run_normalise(path);
	run_grouped(path, &o, false);
	run_grouped(path, &o, true);
	o.outcomes = all;
	o.noutcomes = nall;
	run_outcome(path, &o);
	unlink(path);
	return 0;
}
