/*
 * Printing the report: csv and tsv (one row per group and the total),
 * and text, an aligned table that wraps its columns into blocks no wider
 * than TEXT_WIDTH, each block repeating the grouping columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "fields.h"
#include "report.h"

#define TEXT_WIDTH 100
#define TEXT_GAP 2

const struct mcol mcols[] = {
	{ M_EPISODES, 0, "episodes" },
	{ M_PATIENTS, 0, "patients" },
	{ M_SHARE, SH_RETAINED_30, "retained_30" },
	{ M_SHARE, SH_RETAINED_90, "retained_90" },
	{ M_SHARE, SH_RETAINED_180, "retained_180" },
	{ M_SHARE, SH_COMPLETED, "completed" },
	{ M_SHARE, SH_DROPOUT, "dropout" },
	{ M_LOS, 0, "los_median" },
	{ M_SHARE, SH_ATTENDANCE, "attendance" },
	{ M_SHARE, SH_SELF_HELP, "self_help" },
	{ M_SHARE, SH_URINE_NEGATIVE, "urine_negative" },
	{ M_SHARE, SH_ABSTINENT, "abstinent_last_28d" },
	{ M_GOAL_T, 0, "goal_t" },
	{ M_SHARE, SH_GOALS_MET, "goals_met" },
	{ M_SHARE, SH_ORS_IMPROVED, "ors_improved" },
	{ M_WAIT, 0, "waiting_median" },
	{ M_SHARE, SH_STARTED_IN_TIME, "started_in_time" },
	{ M_SHARE, SH_PLANNED_END, "planned_end" },
	{ M_SHARE, SH_SCREENED, "screened" },
	{ M_SHARE, SH_NETWORK_INVOLVED, "network_involved" },
	{ M_SHARE, SH_ORS_DETERIORATED, "ors_deteriorated" },
};
const size_t nmcols = sizeof mcols / sizeof mcols[0];
/* Every column has a label in every language (labels.c). */
_Static_assert(sizeof mcols / sizeof mcols[0] == NMCOLS, "a label per column");

void
fmt_share(double v, char *out, size_t outsz)
{
	snprintf(out, outsz, "%.4f", v);
}

void
fmt_median(double v, char *out, size_t outsz)
{
	/* A median of whole days is whole or halfway between two. */
	if (v == (double)(long)v)
		snprintf(out, outsz, "%ld", (long)v);
	else
		snprintf(out, outsz, "%.1f", v);
}

void
fmt_mean(double v, char *out, size_t outsz)
{
	/* As goal-track prints a T-score. */
	snprintf(out, outsz, "%.2f", v);
}

bool
share_available(const struct params *p, int share)
{
	switch (share) {
	case SH_ATTENDANCE:
	case SH_SELF_HELP:
	case SH_ORS_IMPROVED:
	case SH_PLANNED_END:
	case SH_NETWORK_INVOLVED:
	case SH_ORS_DETERIORATED:
		return p->sessions;
	case SH_SCREENED:
		return p->assessments;
	case SH_URINE_NEGATIVE:
	case SH_ABSTINENT:
		return p->urine;
	case SH_GOALS_MET:
		return p->goals;
	default:
		return true;
	}
}

static bool
mcol_available(const struct params *p, const struct mcol *m)
{
	if (m->kind == M_SHARE)
		return share_available(p, m->share);
	if (m->kind == M_GOAL_T)
		return p->goals;
	return true;
}

void
report_scope(const struct params *p, enum rd_lang lang, char *out, size_t outsz)
{
	const struct labels *l = &report_labels[lang];
	char as_of[11], from[11], to[11];

	rd_date_format(p->as_of, as_of);
	if (p->from != RD_NO_DATE)
		rd_date_format(p->from, from);
	if (p->to != RD_NO_DATE)
		rd_date_format(p->to, to);
	if (p->from != RD_NO_DATE && p->to != RD_NO_DATE)
		snprintf(out, outsz, l->scope_both, as_of, from, to);
	else if (p->from != RD_NO_DATE)
		snprintf(out, outsz, l->scope_from, as_of, from);
	else if (p->to != RD_NO_DATE)
		snprintf(out, outsz, l->scope_to, as_of, to);
	else
		snprintf(out, outsz, l->scope_all, as_of);
}

/* csv and tsv. */

static void
put_share(struct rd_writer *w, const struct share_out *s)
{
	if (s->state != CELL_SHOWN) {
		rd_put_empty(w);
		rd_put_empty(w);
		rd_put_empty(w);
		return;
	}
	rd_put_fixed(w, s->p, 4);
	rd_put_fixed(w, s->lo, 4);
	rd_put_fixed(w, s->hi, 4);
}

static void
put_count(struct rd_writer *w, enum cell state, long v)
{
	if (state == CELL_SHOWN)
		rd_put_long(w, v);
	else
		rd_put_empty(w);
}

static void
put_text(struct rd_writer *w, enum cell state, double v,
    void (*fmt)(double, char *, size_t))
{
	char tmp[64];

	if (state != CELL_SHOWN) {
		rd_put_empty(w);
		return;
	}
	fmt(v, tmp, sizeof tmp);
	rd_put_str(w, tmp);
}

static void
table_header(struct report *rep, struct rd_writer *w)
{
	const char **names = rd_calloc(rep->nby + 3 * nmcols + 2, sizeof *names);
	size_t n = 0;
	char *lohi = rd_malloc(2 * NSHARES * 32);

	for (size_t i = 0; i < rep->nby; i++)
		names[n++] = rep->by[i];
	for (size_t i = 0; i < nmcols; i++) {
		names[n++] = mcols[i].name;
		if (mcols[i].kind != M_SHARE)
			continue;
		char *lo = lohi + 64 * mcols[i].share, *hi = lo + 32;
		snprintf(lo, 32, "%s_lo", mcols[i].name);
		snprintf(hi, 32, "%s_hi", mcols[i].name);
		names[n++] = lo;
		names[n++] = hi;
	}
	names[n++] = "suppressed";
	rd_put_header(w, names, n);
	free(lohi);
	free(names);
}

void
write_table(struct report *rep, struct row_out *rows, size_t nrows,
    struct rd_writer *w)
{
	char supp[SUPPRESSED_MAX];

	table_header(rep, w);
	for (size_t r = 0; r < nrows; r++) {
		const struct row_out *o = &rows[r];

		for (size_t i = 0; i < rep->nby; i++)
			rd_put_str(w, o->values[i]);
		for (size_t i = 0; i < nmcols; i++) {
			const struct mcol *m = &mcols[i];

			switch (m->kind) {
			case M_EPISODES:
				put_count(w, o->episodes_state, o->episodes);
				break;
			case M_PATIENTS:
				put_count(w, o->patients_state, o->patients);
				break;
			case M_SHARE:
				put_share(w, &o->share[m->share]);
				break;
			case M_LOS:
				put_text(w, o->los_state, o->los_median, fmt_median);
				break;
			case M_WAIT:
				put_text(w, o->wait_state, o->wait_median, fmt_median);
				break;
			case M_GOAL_T:
				put_text(w, o->goal_state, o->goal_t, fmt_mean);
				break;
			}
		}
		row_suppressed(o, supp, sizeof supp);
		rd_put_str(w, supp);
		rd_end_row(w);
	}
}

/* text. */

struct text_table {
	size_t ncols, nrows;		/* nrows includes the header */
	char **cell;			/* [row * ncols + col] */
	size_t *width;
	bool *right;			/* right-aligned */
};

/* Display width: UTF-8 code points (group values may hold å, ø, ä). */
static size_t
display_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
text_cell(const struct row_out *o, const struct mcol *m, enum rd_lang lang,
    char *out, size_t outsz)
{
	enum cell state = CELL_SHOWN;
	char p[16], lo[16], hi[16];

	out[0] = '\0';
	switch (m->kind) {
	case M_EPISODES:
		state = o->episodes_state;
		snprintf(out, outsz, "%ld", o->episodes);
		break;
	case M_PATIENTS:
		state = o->patients_state;
		snprintf(out, outsz, "%ld", o->patients);
		break;
	case M_SHARE:
		state = o->share[m->share].state;
		fmt_share(o->share[m->share].p, p, sizeof p);
		fmt_share(o->share[m->share].lo, lo, sizeof lo);
		fmt_share(o->share[m->share].hi, hi, sizeof hi);
		snprintf(out, outsz, "%s (%s-%s)", p, lo, hi);
		break;
	case M_LOS:
		state = o->los_state;
		fmt_median(o->los_median, out, outsz);
		break;
	case M_WAIT:
		state = o->wait_state;
		fmt_median(o->wait_median, out, outsz);
		break;
	case M_GOAL_T:
		state = o->goal_state;
		fmt_mean(o->goal_t, out, outsz);
		break;
	}
	if (state == CELL_EMPTY)
		out[0] = '\0';
	else if (state == CELL_SUPPRESSED)
		snprintf(out, outsz, "*");
	label_number(lang, out);
}

/*
 * A grouping cell as people read it: the total row says so in its first
 * column (a group may well be called "all"), an empty value is "(blank)".
 */
const char *
group_label(const struct row_out *o, size_t i, enum rd_lang lang)
{
	const struct labels *l = &report_labels[lang];

	if (o->total)
		return i == 0 ? l->total : "";
	return o->values[i][0] != '\0' ? o->values[i] : l->blank;
}

static void
build_text_table(struct report *rep, struct row_out *rows, size_t nrows,
    enum rd_lang lang, struct text_table *t)
{
	size_t *cols = rd_calloc(nmcols + 1, sizeof *cols), nm = 0;
	char buf[64];

	for (size_t i = 0; i < nmcols; i++)
		if (mcol_available(&rep->params, &mcols[i]))
			cols[nm++] = i;
	t->ncols = rep->nby + nm;
	t->nrows = nrows + 1;
	t->cell = rd_calloc(t->ncols * t->nrows + 1, sizeof *t->cell);
	t->width = rd_calloc(t->ncols + 1, sizeof *t->width);
	t->right = rd_calloc(t->ncols + 1, sizeof *t->right);
	for (size_t c = 0; c < t->ncols; c++) {
		bool group = c < rep->nby;

		t->right[c] = !group;
		t->cell[c] = rd_strdup(group ? label_by(lang, rep->by[c]) :
		    report_labels[lang].col[cols[c - rep->nby]]);
		for (size_t r = 0; r < nrows; r++) {
			char *s;

			if (group)
				s = rd_strdup(group_label(&rows[r], c, lang));
			else {
				text_cell(&rows[r], &mcols[cols[c - rep->nby]], lang, buf,
				    sizeof buf);
				s = rd_strdup(buf);
			}
			t->cell[(r + 1) * t->ncols + c] = s;
		}
		for (size_t r = 0; r < t->nrows; r++) {
			size_t wd = display_width(t->cell[r * t->ncols + c]);

			if (wd > t->width[c])
				t->width[c] = wd;
		}
	}
	free(cols);
}

static void
free_text_table(struct text_table *t)
{
	for (size_t i = 0; i < t->ncols * t->nrows; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->width);
	free(t->right);
}

static void
raw(struct rd_writer *w, const char *s)
{
	rd_write_raw(w, s, strlen(s));
}

static void
pad(struct rd_writer *w, size_t n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;

		rd_write_raw(w, spaces, k);
		n -= k;
	}
}

/* One line of a block: columns [0, nby) and [from, to); no trailing blanks. */
static void
text_line(struct rd_writer *w, const struct text_table *t, size_t nby,
    size_t from, size_t to, size_t row, bool rule)
{
	size_t pending = 0;

	for (size_t c = 0; c < to; c++) {
		const char *s;
		size_t wd;

		if (c >= nby && c < from)
			continue;
		s = t->cell[row * t->ncols + c];
		wd = display_width(s);
		if (rule) {
			pad(w, pending);
			pending = TEXT_GAP;
			for (size_t i = 0; i < t->width[c]; i++)
				raw(w, "-");
			continue;
		}
		if (t->right[c])
			pending += t->width[c] - wd;
		if (wd > 0) {
			pad(w, pending);
			raw(w, s);
			pending = 0;
		}
		if (!t->right[c])
			pending += t->width[c] - wd;
		pending += TEXT_GAP;
	}
	raw(w, "\n");
}

static void
text_notes(struct report *rep, const struct output *o, struct rd_writer *w)
{
	const struct labels *l = &report_labels[o->lang];
	char line[256];

	raw(w, o->title != NULL ? o->title : l->title);
	raw(w, "\n");
	report_scope(&rep->params, o->lang, line, sizeof line);
	raw(w, line);
	raw(w, "\n");
	raw(w, l->text_intervals);
	if (o->min_cell > 1)
		snprintf(line, sizeof line, l->text_suppressed, o->min_cell - 1);
	else
		snprintf(line, sizeof line, "%s", l->text_no_suppression);
	raw(w, line);
	raw(w, "\n");
	if (rep->params.urine) {
		raw(w, rep->params.missing == RD_MISSING_IGNORE ? l->urine_ignore :
		    l->urine_positive);
		raw(w, "\n");
	}
}

void
write_text(struct report *rep, const struct output *o, struct row_out *rows,
    size_t nrows, struct rd_writer *w)
{
	struct text_table t;
	size_t nby = rep->nby, left = 0, c;

	build_text_table(rep, rows, nrows, o->lang, &t);
	text_notes(rep, o, w);
	for (size_t i = 0; i < nby; i++)
		left += t.width[i] + TEXT_GAP;
	/* Blocks of measure columns that fit beside the grouping columns. */
	for (size_t from = nby; from < t.ncols; from = c) {
		size_t used = left;

		for (c = from; c < t.ncols; c++) {
			if (c > from && used + t.width[c] > TEXT_WIDTH)
				break;
			used += t.width[c] + TEXT_GAP;
		}
		raw(w, "\n");
		text_line(w, &t, nby, from, c, 0, false);
		text_line(w, &t, nby, from, c, 0, true);
		for (size_t r = 1; r < t.nrows; r++)
			text_line(w, &t, nby, from, c, r, false);
	}
	free_text_table(&t);
}

static enum rd_lang sort_lang;
static size_t sort_nby;

/* Rows for people: in the language's order, value by value. */
static int
cmp_rows(const void *a, const void *b)
{
	const struct row_out *x = a, *y = b;

	for (size_t i = 0; i < sort_nby; i++) {
		int c = rd_lang_collate(sort_lang, x->values[i], y->values[i]);

		if (c != 0)
			return c;
	}
	return 0;
}

void
report_write(struct report *rep, const struct output *o, struct rd_writer *w)
{
	size_t *order = report_order(rep);
	/* Without --by the one group is the total: print it once. */
	size_t ngroups = rep->nby > 0 ? rep->ngroups : 0, nrows = ngroups + 1;
	struct row_out *rows = rd_calloc(nrows, sizeof *rows);
	const char **all = rd_calloc(rep->nby + 1, sizeof *all);

	for (size_t i = 0; i < rep->nby; i++)
		all[i] = "all";
	for (size_t i = 0; i < ngroups; i++) {
		struct group *g = &rep->group[order[i]];

		rows[i].values = (const char *const *)g->values;
		row_finish(&g->agg, o->min_cell, &rows[i]);
	}
	if (o->format == FMT_TEXT || o->format == FMT_HTML) {
		sort_lang = o->lang;
		sort_nby = rep->nby;
		qsort(rows, ngroups, sizeof *rows, cmp_rows);
	}
	rows[ngroups].values = all;
	rows[ngroups].total = true;
	row_finish(&rep->total, o->min_cell, &rows[ngroups]);
	switch (o->format) {
	case FMT_CSV:
	case FMT_TSV:
		write_table(rep, rows, nrows, w);
		break;
	case FMT_TEXT:
		write_text(rep, o, rows, nrows, w);
		break;
	case FMT_HTML:
		write_html(rep, o, rows, nrows, w);
		break;
	}
	free(all);
	free(rows);
	free(order);
}
