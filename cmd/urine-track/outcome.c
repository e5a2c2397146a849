/*
 * --outcome LIST --pattern-column COL: literature outcome definitions
 * (common/uds.h) on the use-pattern word of every row, appended as
 * columns.  Streams in constant memory.  --list-outcomes and --list-map
 * print the two built-in tables.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analytes.h"
#include "diag.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "track.h"
#include "uds.h"
#include "writer.h"

static bool
add_def(int **defs, size_t *n, int def, const char *name, char *err, size_t errsz)
{
	for (size_t i = 0; i < *n; i++)
		if ((*defs)[i] == def) {
			snprintf(err, errsz, "outcome %s is named twice", name);
			return false;
		}
	*defs = rd_realloc(*defs, (*n + 1) * sizeof **defs);
	(*defs)[(*n)++] = def;
	return true;
}

bool
outcome_parse_list(const char *list, int **defs, size_t *ndefs, char *err,
    size_t errsz)
{
	const char *p = list;

	*defs = NULL;
	*ndefs = 0;
	if (strcmp(list, "all") == 0) {
		for (size_t i = 0; i < rd_uds_ndefs; i++)
			(void)add_def(defs, ndefs, (int)i, "", err, errsz);
		return true;
	}
	for (;;) {
		size_t len = strcspn(p, ",");
		char *name = rd_strndup(p, len);
		int def = rd_uds_find(name);
		bool ok = def >= 0;

		if (!ok)
			snprintf(err, errsz, "unknown outcome '%.64s' (see --list-outcomes)",
			    name);
		else
			ok = add_def(defs, ndefs, def, name, err, errsz);
		free(name);
		if (!ok) {
			free(*defs);
			*defs = NULL;
			*ndefs = 0;
			return false;
		}
		if (p[len] == '\0')
			return true;
		p += len + 1;
	}
}

struct outcome_cols {
	int pattern;
	int *at;		/* per outcome: input column it replaces, or -1 */
	int *of_col;		/* per input column: outcome index, or -1 */
};

static void
find_columns(const struct rd_reader *r, const struct track_opts *o,
    struct outcome_cols *c)
{
	const struct rd_record *hdr = rd_header(r);

	c->pattern = rd_col_required(r, o->pattern_column);
	c->at = rd_malloc((o->noutcomes ? o->noutcomes : 1) * sizeof *c->at);
	c->of_col = rd_malloc(hdr->n * sizeof *c->of_col);
	for (size_t i = 0; i < hdr->n; i++)
		c->of_col[i] = -1;
	/* Output of an earlier run: its columns are filled in again, not repeated. */
	for (size_t k = 0; k < o->noutcomes; k++) {
		c->at[k] = rd_col(r, rd_uds_defs[o->outcomes[k]].name);
		if (c->at[k] == c->pattern)
			rd_usage_msg("--pattern-column %s is also an outcome column",
			    o->pattern_column);
		if (c->at[k] >= 0)
			c->of_col[c->at[k]] = (int)k;
	}
}

static void
write_header(struct rd_writer *w, const struct rd_reader *r,
    const struct track_opts *o, const struct outcome_cols *c)
{
	const char **extra = rd_malloc((o->noutcomes ? o->noutcomes : 1) *
	    sizeof *extra);
	size_t n = 0;

	for (size_t k = 0; k < o->noutcomes; k++)
		if (c->at[k] < 0)
			extra[n++] = rd_uds_defs[o->outcomes[k]].name;
	rd_put_header_rec(w, rd_header(r), extra, n);
	free(extra);
}

static void
put_outcome(struct rd_writer *w, int def, const char *word, size_t len)
{
	char cell[64];

	if (rd_uds_compute(def, word, len, cell, sizeof cell) == RD_UDS_NOMEM)
		rd_die(RD_EXIT_DATA, "out of memory");
	rd_put_str(w, cell);
}

/* false (row rejected) when the word has a symbol outside + - o * _. */
static bool
check_word(struct rd_reader *r, const struct rd_record *rec, int col)
{
	long at = rd_uds_invalid_at(rec->f[col], rec->len[col]);
	size_t clen = 1;
	char word[64], sym[64];

	if (at < 0)
		return true;
	/* Input is valid UTF-8: quote the whole character, not one byte of it. */
	while ((size_t)at + clen < rec->len[col] &&
	    ((unsigned char)rec->f[col][at + (long)clen] & 0xC0) == 0x80)
		clen++;
	rd_reject(r, rec, col, "%s %s has %s at position %ld, which is not one of "
	    "+ - o * _", rd_header(r)->f[col], rd_excerpt(rec->f[col],
	    rec->len[col], word, sizeof word), rd_excerpt(rec->f[col] + at, clen,
	    sym, sizeof sym), at + 1);
	return false;
}

void
run_outcome(const char *path, const struct track_opts *o)
{
	struct rd_reader *r = rd_open(path);
	struct outcome_cols c;
	struct rd_record rec;
	struct rd_writer *w;

	find_columns(r, o, &c);
	w = rd_writer_new(STDOUT_FILENO);
	write_header(w, r, o, &c);
	while (rd_next_good(r, &rec) > 0) {
		const char *word = rec.f[c.pattern];
		size_t len = rec.len[c.pattern];

		if (!check_word(r, &rec, c.pattern))
			continue;
		for (size_t i = 0; i < rec.n; i++) {
			if (c.of_col[i] >= 0)
				put_outcome(w, o->outcomes[c.of_col[i]], word, len);
			else
				rd_put(w, rec.f[i], rec.len[i]);
		}
		for (size_t k = 0; k < o->noutcomes; k++)
			if (c.at[k] < 0)
				put_outcome(w, o->outcomes[k], word, len);
		rd_end_row(w);
	}
	rd_writer_close(w);
	rd_close(r);
	free(c.at);
	free(c.of_col);
}

static const char *const type_names[] = { "logical", "integer", "real" };

void
run_list_outcomes(void)
{
	static const char *const names[] = { "name", "source", "type", "description" };
	struct rd_writer *w = rd_writer_new(STDOUT_FILENO);

	rd_put_header(w, names, 4);
	for (size_t i = 0; i < rd_uds_ndefs; i++) {
		rd_put_str(w, rd_uds_defs[i].name);
		rd_put_str(w, rd_uds_defs[i].source);
		rd_put_str(w, type_names[rd_uds_defs[i].type]);
		rd_put_str(w, rd_uds_defs[i].description);
		rd_end_row(w);
	}
	rd_writer_close(w);
}

/* One --list-map row; class and from are empty where they mean nothing. */
static void
put_map_row(struct rd_writer *w, const char *column, const char *pattern,
    const char *code, const char *klass, const char *from)
{
	rd_put_str(w, column);
	rd_put_str(w, pattern);
	rd_put_str(w, code);
	rd_put_str(w, klass);
	rd_put_str(w, from);
	rd_end_row(w);
}

void
run_list_map(void)
{
	static const char *const names[] = { "column", "pattern", "code", "class",
	    "from" };
	struct rd_writer *w = rd_writer_new(STDOUT_FILENO);

	rd_put_header(w, names, 5);
	for (size_t i = 0; i < rd_analyte_nmap; i++) {
		const struct rd_analyte_row *a = &rd_analyte_map[i];

		put_map_row(w, "substance", a->pattern, a->code,
		    a->klass ? a->klass : a->code, a->from);
	}
	for (size_t i = 0; i < rd_medicine_nmap; i++)
		put_map_row(w, "prescribed", rd_medicine_map[i].pattern,
		    rd_medicine_map[i].code, "", "");
	for (size_t i = 0; i < rd_urine_nmap; i++)
		put_map_row(w, rd_urine_map[i].column, rd_urine_map[i].pattern,
		    rd_urine_map[i].code, "", "");
	rd_writer_close(w);
}
