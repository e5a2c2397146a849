/*
 * Default mode: validate urine rows and write them normalised (codes for
 * substance, result, supervised and random; ISO dates; the analyte the
 * lab name says, in an analyte column inserted after substance when the
 * input has none), every other column as it came.  Streams in constant
 * memory.
 */
#include <stdbool.h>
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

/*
 * The columns the rules may rewrite, in input order, each with its rule:
 * every other column goes out as it came.  Made once, from the header.
 */
enum kind { K_DATE, K_SUBSTANCE, K_ANALYTE, K_RESULT, K_SUPERVISED, K_RANDOM };
struct layout {
	const struct rd_urine_cols *c;
	size_t n;
	struct special { int col; enum kind kind; } v[6];
	size_t date_k;		/* the date's entry in v */
};

static void
add_special(struct layout *l, int col, enum kind kind)
{
	size_t i = l->n;

	if (col < 0)
		return;	/* no such column */
	l->n++;
	for (; i > 0 && l->v[i - 1].col > col; i--)
		l->v[i] = l->v[i - 1];
	l->v[i].col = col;
	l->v[i].kind = kind;
}

static void
make_layout(struct layout *l, const struct rd_urine_cols *c)
{
	l->c = c;
	l->n = 0;
	add_special(l, c->date, K_DATE);
	add_special(l, c->substance, K_SUBSTANCE);
	add_special(l, c->analyte, K_ANALYTE);
	add_special(l, c->result, K_RESULT);
	add_special(l, c->supervised, K_SUPERVISED);
	add_special(l, c->random, K_RANDOM);
	l->date_k = 0;	/* the date is a required column: it is in v */
	for (size_t k = 0; k < l->n; k++)
		if (l->v[k].kind == K_DATE)
			l->date_k = k;
}

/*
 * Whether the field comes out as it came in: the date in ISO, a code as
 * its list spells it (rd_urine_row's spelled bits) or empty.  The analyte
 * column never: it is named anew.
 */
static bool
as_is(const struct rd_record *rec, const struct rd_urine_row *row,
    const struct special *sp)
{
	switch (sp->kind) {
	case K_DATE:
		return rec->len[sp->col] == 10 && rec->f[sp->col][4] == '-';
	case K_SUBSTANCE:
		return row->spelled & RD_URINE_SPELLED_SUBSTANCE;
	case K_RESULT:
		return row->spelled & RD_URINE_SPELLED_RESULT;
	case K_SUPERVISED:
		return row->supervised < 0 || (row->spelled & RD_URINE_SPELLED_SUPERVISED);
	case K_RANDOM:
		return row->random < 0 || (row->spelled & RD_URINE_SPELLED_RANDOM);
	default:
		return false;
	}
}

/* The field normalised. */
static void
put_special(struct rd_writer *w, const struct rd_urine_row *row,
    const struct special *sp)
{
	switch (sp->kind) {
	case K_DATE:
		rd_put_date(w, row->date);
		break;
	case K_SUBSTANCE:
		put_code(w, &rd_substance_codes, row->substance);
		break;
	case K_ANALYTE:
		put_analyte(w, row->analyte);
		break;
	case K_RESULT:
		put_code(w, &rd_result_codes, row->result);
		break;
	case K_SUPERVISED:
		put_code(w, &rd_yes_no_codes, row->supervised);
		break;
	case K_RANDOM:
		put_code(w, &rd_yes_no_codes, row->random);
		break;
	}
}

/*
 * The code columns of a row as this writer writes them, one text for each
 * spelling of them (rd_urine_row.spelling: a file has a few hundred),
 * made at the spelling's first row and kept: the row then goes out in one
 * call, the fields around them as they came (rd_put_row_spliced).  A row
 * has a spelling only when the memo keeps its code columns, which are then
 * next to each other (the memo's lo and hi).  The text is a function of
 * the codes alone: a field that goes out as it came (a code as its list
 * spells it, an empty yes/no) is that spelling.
 */
struct mid {
	char text[RD_MID_MAX];	/* all of it goes to the writer */
	unsigned char len;
};
struct mids {
	char delim;
	signed char made[RD_URINE_SPELLINGS];	/* 1: text; -1: none; 0: not yet */
	struct mid text[RD_URINE_SPELLINGS];
};

/*
 * s joined to m's text; false when it does not fit or has a byte that
 * needs care in some output format (writer.h's rd_put_clean).
 */
static bool
mid_add(struct mid *m, const char *s, char delim, bool first)
{
	size_t len = strlen(s);

	if (m->len + len + !first > sizeof m->text ||
	    strpbrk(s, ",;\t\"\r\n") != NULL)
		return false;
	if (!first)
		m->text[m->len++] = delim;
	memcpy(m->text + m->len, s, len);
	m->len += (unsigned char)len;
	return true;
}

static const char *
code_text(const struct rd_codes *codes, int index)
{
	return index < 0 ? "" : codes->code[index];
}

/* The text of the row's code columns, as put_special writes each. */
static bool
mid_make(struct mid *m, const struct layout *l, const struct rd_urine_row *row,
    char delim)
{
	const char *analyte = row->analyte < 0 ? "" : rd_analyte_name(row->analyte);
	bool ok = true, first = true;

	memset(m, 0, sizeof *m);	/* the writer copies all of the text */
	for (size_t k = 0; k < l->n && ok; k++) {
		switch (l->v[k].kind) {
		case K_DATE:
			continue;
		case K_SUBSTANCE:
			ok = mid_add(m, code_text(&rd_substance_codes,
			    row->substance), delim, first);
			if (ok && l->c->analyte < 0)
				ok = mid_add(m, analyte, delim, false);
			break;
		case K_ANALYTE:
			ok = mid_add(m, analyte, delim, first);
			break;
		case K_RESULT:
			ok = mid_add(m, code_text(&rd_result_codes, row->result),
			    delim, first);
			break;
		case K_SUPERVISED:
			ok = mid_add(m, code_text(&rd_yes_no_codes,
			    row->supervised), delim, first);
			break;
		case K_RANDOM:
			ok = mid_add(m, code_text(&rd_yes_no_codes, row->random),
			    delim, first);
			break;
		}
		first = false;
	}
	return ok;
}

/* The kept text of the row's codes, made at their first row; NULL: none. */
static const struct mid *
mid_of(struct mids *ms, const struct layout *l, const struct rd_urine_row *row)
{
	int k = row->spelling;

	if (k < 0)
		return NULL;
	if (ms->made[k] == 0)
		ms->made[k] = mid_make(&ms->text[k], l, row, ms->delim) ? 1 : -1;
	return ms->made[k] > 0 ? &ms->text[k] : NULL;
}

/* Fields first to end - 1 as they came: in one copy where the writer can. */
static void
put_as_is(struct rd_writer *w, const struct rd_record *rec, size_t first,
    size_t end)
{
	if (first < end && !rd_put_run(w, rec, first, end))
		for (size_t i = first; i < end; i++)
			rd_put(w, rec->f[i], rec->len[i]);
}

/*
 * The row: the runs of fields between the ones the rules rewrite go out
 * in one copy each (the usual row is two runs, around the analyte it
 * gains), the others one by one.
 */
static void
write_normalised(struct rd_writer *w, const struct rd_record *rec,
    const struct layout *l, const struct rd_urine_row *row, struct mids *ms,
    const struct rd_urine_memo *memo)
{
	size_t run = 0;	/* first field of the run not written yet */
	bool gain = l->c->analyte < 0;
	const struct mid *m;

	if (as_is(rec, row, &l->v[l->date_k]) && (m = mid_of(ms, l, row)) != NULL &&
	    rd_put_row_spliced(w, rec, (size_t)memo->lo, (size_t)memo->hi,
	    m->text, m->len))
		return;

	for (size_t k = 0; k < l->n; k++) {
		const struct special *sp = &l->v[k];
		size_t i = (size_t)sp->col;
		bool same = as_is(rec, row, sp);

		if (same && (sp->kind != K_SUBSTANCE || !gain))
			continue;
		put_as_is(w, rec, run, same ? i + 1 : i);
		if (!same)
			put_special(w, row, sp);
		if (sp->kind == K_SUBSTANCE && gain)
			put_analyte(w, row->analyte);
		run = i + 1;
	}
	put_as_is(w, rec, run, rec->n);
	rd_end_row(w);
}

/* The rows, in one thread or in several (par.h). */
static void
normalise_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct layout *l = arg;
	struct rd_urine_row row;
	struct rd_record rec;
	/*
	 * On the stack (128 KB of a thread's 8 MB): a row that ends the tool
	 * leaves no memory unreachable.
	 */
	struct mids ms;
	struct rd_urine_memo memo;

	ms.delim = rd_writer_delim(w);
	memset(ms.made, 0, sizeof ms.made);
	rd_urine_memo_init(&memo, l->c);
	while (rd_next_good(r, &rec) > 0)
		if (rd_urine_parse_memo(r, &rec, l->c, &memo, &row))
			write_normalised(w, &rec, l, &row, &ms, &memo);
}

void
run_normalise(const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_urine_cols c;
	struct layout l;
	struct rd_writer *w;

	rd_urine_cols(r, &c);
	make_layout(&l, &c);
	w = rd_writer_new(STDOUT_FILENO);
	write_header(w, rd_header(r), &c);
	rd_par_rows(r, w, normalise_rows, &l);
	rd_writer_close(w);
	rd_close(r);
}
