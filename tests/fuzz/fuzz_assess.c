/*
 * libFuzzer harness: assess row handling under a fixed header must never
 * crash, leak or loop; bad rows go to a rejects file (/dev/null), good ones
 * are scored and written to /dev/null.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_rows.h"
#include "rows.h"

static const char header[] =
    "patient_id,date,instrument,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,sex,score\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int devnull = -1;
	struct rd_writer_config wc = { 0 };
	struct rd_reader *r;
	struct rd_writer *w;
	struct rd_record rec;
	struct columns c;

	if (devnull < 0 && (devnull = open("/dev/null", O_WRONLY)) < 0)
		return 0;
	r = fuzz_open_rows("assess", header, data, size, NULL);
	if (r == NULL)
		return 0;
	w = rd_writer_new_config(devnull, &wc);
	find_columns(r, &c);
	write_header(w, r, &c);
	while (rd_next_good(r, &rec) > 0) {
		struct scored row;

		if (score_row(r, &rec, &c, &row))
			write_row(w, &rec, &c, &row);
	}
	rd_writer_close(w);
	rd_close(r);
	return 0;
}
