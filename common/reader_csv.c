/*
 * The libcsv path: records with quotes, parsed strictly by libcsv one
 * physical line at a time (reader_impl.h).
 */
#include "reader_impl.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"

/*
 * libcsv allocates through this; the cap turns a huge field into an error.
 * Its hook has no context, so reader_csv_feed sets the cap to the --max-field of
 * the reader it parses for, just before each call (per thread: par.h).
 */
static _Thread_local size_t csv_cap_bytes = (size_t)1 << 20;

static void *
capped_realloc(void *p, size_t size)
{
	if (size > csv_cap_bytes + 1024)
		return NULL;
	return realloc(p, size);
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

void
reader_csv_reset(struct rd_reader *r)
{
	if (csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI) != 0)
		rd_die(RD_EXIT_DATA, "out of memory");
	csv_set_delim(&r->csv, (unsigned char)r->cfg.delim);
	csv_set_space_func(&r->csv, no_space);
	csv_set_realloc_func(&r->csv, capped_realloc);
	csv_set_blk_size(&r->csv, 4096);
	r->in_csv = 0;
}

void
reader_csv_field_cb(void *s, size_t len, void *data)
{
	struct rd_reader *r = data;

	reader_grow_fields(r);
	if (r->text_len + len + 1 > r->text_cap) {
		r->text_cap = 2 * (r->text_len + len + 1);
		r->text = rd_realloc(r->text, r->text_cap);
	}
	if (len > 0)
		memcpy(r->text + r->text_len, s, len);
	r->text[r->text_len + len] = '\0';
	r->off[r->nf] = r->text_len;
	r->lens[r->nf++] = len;
	r->text_len += len + 1;
}

void
reader_csv_row_cb(int c, void *data)
{
	struct rd_reader *r = data;

	(void)c;
	if (r->csv_rows++ == 0)
		r->nf_row1 = r->nf;
}

int
reader_csv_feed(struct rd_reader *r, const char *line, size_t len)
{
	size_t done;
	int mid_record;

	csv_cap_bytes = r->cfg.max_field_bytes;
	done = csv_parse(&r->csv, line, len, reader_csv_field_cb, reader_csv_row_cb, r);
	if (done == len)
		done = csv_parse(&r->csv, "\n", 1, reader_csv_field_cb, reader_csv_row_cb, r) == 1
		    ? len + 1 : len;
	if (done != len + 1) {
		int e = csv_error(&r->csv);

		r->csv_too_long = e == CSV_ENOMEM || e == CSV_ETOOBIG;
		if (r->csv_too_long)
			reader_set_error(r, r->rec_line, (long)r->nf + 1,
			    "field longer than %zu bytes (see --max-field)",
			    r->cfg.max_field_bytes);
		else
			reader_set_error(r, r->line, (long)r->nf + 1,
			    "quote inside an unquoted field or after a closing quote");
		csv_free(&r->csv);
		reader_csv_reset(r);
		return 1;
	}
	/* libcsv ends a row at a bare CR too; only LF and CRLF end lines here. */
	mid_record = r->csv.pstate != 0;
	if (r->csv_rows > 1 || (r->csv_rows == 1 && mid_record)) {
		/* The bare CR ended libcsv's first row in that row's last field. */
		reader_set_error(r, r->line, (long)(r->nf_row1 > 0 ? r->nf_row1 : 1),
		    "carriage return inside a field (line ends must be LF or CRLF)");
		csv_free(&r->csv);
		reader_csv_reset(r);
		return 1;
	}
	r->in_csv = mid_record;
	if (mid_record)
		return 0;
	return r->csv_rows == 1 ? 1 : 2;
}
