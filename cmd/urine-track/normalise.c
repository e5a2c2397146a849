/*
 * Default mode: validate urine rows and write them normalised (codes for
 * substance, result, supervised and random; ISO dates), every other
 * column as it came.  Streams in constant memory.
 */
#include <string.h>
#include <unistd.h>

#include "codes.h"
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
		rd_put_clean(w, codes->code[index], rd_code_len(codes, index));
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
		else if (col == c->substance)
			put_code(w, &rd_substance_codes, row->substance);
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

void
run_normalise(const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_urine_cols c;
	struct rd_urine_row row;
	struct rd_record rec;
	struct rd_writer *w;

	rd_urine_cols(r, &c);
	w = rd_writer_new(STDOUT_FILENO);
	rd_put_header_rec(w, rd_header(r), NULL, 0);
	while (rd_next_good(r, &rec) > 0)
		if (rd_urine_parse(r, &rec, &c, &row))
			write_normalised(w, &rec, &c, &row);
	rd_writer_close(w);
	rd_close(r);
}
