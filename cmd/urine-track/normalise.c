/*
 * Default mode: validate urine rows and write them normalised (codes for
 * substance, result, supervised and random; ISO dates; the analyte the
 * lab name says, in an analyte column inserted after substance when the
 * input has none), every other column as it came.  Streams in constant
 * memory.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analytes.h"
#include "codes.h"
#include "diag.h"
#include "par.h"
#include "reader.h"
#include "rejects.h"
#include "track.h"
#include "writer.h"

static void
put_code(struct rd_writer *w, const struct rd_codes *codes, int index)
{
	if (index < 0)
		rd_put_empty(w);
	else
		rd_put_code(w, codes, index);
}

static void
put_analyte(struct rd_writer *w, int analyte)
{
	if (analyte < 0)
		rd_put_empty(w);
	else
		rd_put_str(w, rd_analyte_name(analyte));
}

/* The input header, with analyte after substance when the input has none. */
static void
write_header(struct rd_writer *w, const struct rd_record *in,
    const struct rd_urine_cols *c)
{
	const char **names;
	size_t n = 0;

	if (c->analyte >= 0) {
		rd_put_header_rec(w, in, NULL, 0);
		return;
	}
	names = rd_malloc((in->n + 1) * sizeof *names);
	for (size_t i = 0; i < in->n; i++) {
		names[n++] = in->f[i];
		if ((int)i == c->substance)
			names[n++] = "analyte";
	}
	rd_put_header(w, names, n);
	free(names);
}

static void
write_normalised(struct rd_writer *w, const struct rd_record *rec,
    const struct rd_urine_cols *c, const struct rd_urine_row *row)
{
	for (size_t i = 0; i < rec->n; i++) {
		int col = (int)i;

		/* A valid date with a '-' after the year is ISO already. */
		if (col == c->date && rec->len[i] == 10 && rec->f[i][4] == '-')
			rd_put_clean(w, rec->f[i], 10);
		else if (col == c->date)
			rd_put_date(w, row->date);
		else if (col == c->substance) {
			put_code(w, &rd_substance_codes, row->substance);
			if (c->analyte < 0)
				put_analyte(w, row->analyte);
		} else if (col == c->analyte)
			put_analyte(w, row->analyte);
		else if (col == c->result)
			put_code(w, &rd_result_codes, row->result);
		else if (col == c->supervised)
			put_code(w, &rd_yes_no_codes, row->supervised);
		else if (col == c->random)
			put_code(w, &rd_yes_no_codes, row->random);
		else
			rd_put(w, rec->f[i], rec->len[i]);
	}
	rd_end_row(w);
}

/* The rows, in one thread or in several (par.h). */
static void
normalise_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct rd_urine_cols *c = arg;
	struct rd_urine_row row;
	struct rd_record rec;

	while (rd_next_good(r, &rec) > 0)
		if (rd_urine_parse(r, &rec, c, &row))
			write_normalised(w, &rec, c, &row);
}

void
run_normalise(const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_urine_cols c;
	struct rd_writer *w;

	rd_urine_cols(r, &c);
	w = rd_writer_new(STDOUT_FILENO);
	write_header(w, rd_header(r), &c);
	rd_par_rows(r, w, normalise_rows, &c);
	rd_writer_close(w);
	rd_close(r);
}
