/*
 * The reader's header line (reader.h): Excel's "sep=C" first line, the
 * column names (none empty, none twice) and the lookups of columns by name.
 */
#include "reader_impl.h"

#include <string.h>

#include "colhint.h"
#include "diag.h"
#include "idmap.h"

/*
 * Excel's "sep=C" first line: C, or 0 when rec is not one.  Split with
 * another delimiter it is one field "sep=C"; split with C itself it is
 * "sep=" and "".
 */
static char
sep_line(const struct rd_reader *r, const struct rd_record *rec)
{
	if (rec->n == 1 && rec->len[0] == 5 && memcmp(rec->f[0], "sep=", 4) == 0)
		return rec->f[0][4];
	if (rec->n == 2 && rec->len[0] == 4 && memcmp(rec->f[0], "sep=", 4) == 0 &&
	    rec->len[1] == 0)
		return r->cfg.tsv ? '\t' : r->cfg.delim;
	return 0;
}

void
reader_read_header(struct rd_reader *r)
{
	struct rd_record rec;
	int batch_ok = r->batch_ok, got;
	char sep;

	/*
	 * Not in a batch: the lines after the header would be split before
	 * a sep= line changes the separator and the header says how many
	 * fields a line has.
	 */
	r->batch_ok = 0;
	got = rd_next(r, &rec);

	if (got > 0 && (sep = sep_line(r, &rec)) != 0) {
		if (!r->cfg.tsv && sep != r->cfg.delim && sep != '"') {
			r->cfg.delim = sep;
			csv_set_delim(&r->csv, (unsigned char)sep);
			/* The rest of the block was indexed with the old separator. */
			r->scan_sep = sep;
			if (r->use_scan)
				reader_index_reset(r);
		}
		got = rd_next(r, &rec);
	}
	r->batch_ok = batch_ok;

	if (got == 0)
		rd_die(RD_EXIT_DATA, "%s:%ld:1: empty input (expected a header line)",
		    r->name, r->line > 0 ? r->line : 1);
	if (got < 0)
		rd_die(RD_EXIT_DATA, "%s:%ld:%ld: %s", r->name, r->err.line,
		    r->err.col, r->err.msg);
	r->header.n = rec.n;
	r->want_fields = rec.n;
	r->header.line = rec.line;
	r->header.f = rd_calloc(rec.n, sizeof *r->header.f);
	r->header.len = rd_calloc(rec.n, sizeof *r->header.len);
	/* A hash set, not a pairwise scan: a header may have 100,000 columns. */
	struct rd_idmap *seen = rd_idmap_new();
	for (size_t i = 0; i < rec.n; i++) {
		int is_new;

		if (rec.len[i] == 0)
			rd_die(RD_EXIT_DATA, "%s:%ld:%zu: empty column name in header",
			    r->name, rec.line, i + 1);
		rd_idmap_intern(seen, rec.f[i], rec.len[i], &is_new);
		if (!is_new) {
			char name[64];

			rd_die(RD_EXIT_DATA, "%s:%ld:%zu: duplicate column %s in header",
			    r->name, rec.line, i + 1,
			    rd_excerpt(rec.f[i], rec.len[i], name, sizeof name));
		}
		r->header.f[i] = rd_strndup(rec.f[i], rec.len[i]);
		r->header.len[i] = rec.len[i];
	}
	rd_idmap_free(seen);
}

int
rd_col(const struct rd_reader *r, const char *name)
{
	for (size_t i = 0; i < r->header.n; i++)
		if (strcmp(r->header.f[i], name) == 0)
			return (int)i;
	return -1;
}

int
rd_col_required(const struct rd_reader *r, const char *name)
{
	int col = rd_col(r, name);
	char hint[160];

	if (col < 0) {
		rd_col_hint(&r->header, r->cfg.tsv, name, hint, sizeof hint);
		rd_die(RD_EXIT_USAGE, "%s: missing required column '%s'%s", r->name,
		    name, hint);
	}
	return col;
}
