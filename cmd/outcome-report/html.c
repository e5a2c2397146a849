/*
 * The html report: one self-contained file (inline style, no script, no
 * link to anything), well-formed XML so that any parser reads it, with the
 * table and an inline SVG bar chart per share drawing each group's share
 * and its Wilson interval.  The table carries every number, so the report
 * stays readable in a mail client that does not draw SVG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "html.h"
#include "report.h"

#define ROW_H 22		/* chart row height, px */
#define BAR_H 12
#define PLOT_W 400		/* width of the 0..1 scale */
#define AXIS_H 24
#define VALUE_W 70
#define LABEL_GAP 8		/* between a row label and the plot */
#define LABEL_MARGIN 12		/* left of the longest label */

static const char style[] =
    "body{font-family:Helvetica,Arial,sans-serif;margin:1.5em;color:#222}"
    "h1{font-size:20px}h2{font-size:15px;margin:1.6em 0 .3em}"
    "table{border-collapse:collapse;font-size:13px}"
    "th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top}"
    "th{background:#eef2f7;text-align:left}"
    "td.n{text-align:right;white-space:nowrap}"
    "tr.total td{font-weight:bold;background:#f4f4f4}"
    "span.iv{display:block;color:#666;font-size:11px;font-weight:normal}"
    "p.note{color:#555;font-size:12px}"
    "div.chart{display:inline-block;vertical-align:top;margin:0 2em 0 0;max-width:100%}"
    "div.chart svg{max-width:100%;height:auto}"
    "div.scroll{overflow-x:auto;max-width:100%}";

/* The label of a row in a chart: its grouping values joined by " / ". */
static void
row_label(struct report *rep, const struct row_out *o, enum rd_lang lang,
    struct rd_writer *w)
{
	if (rep->nby == 0 || o->total) {
		rd_html_text(w, report_labels[lang].total);
		return;
	}
	for (size_t i = 0; i < rep->nby; i++) {
		if (i > 0)
			rd_html_raw(w, " / ");
		rd_html_text(w, group_label(o, i, lang));
	}
}

/*
 * Width in px of text at 12px in a sans-serif font, on the wide side of
 * Helvetica, Arial, Liberation Sans and DejaVu Sans (what a browser may
 * pick), so that the label column is never too narrow: a label cut off at
 * the chart's left edge would lose the group's name.
 */
static double
text_px(const char *s, bool bold)
{
	double px = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xC0) == 0x80)
			continue;	/* a continuation byte */
		if (strchr("iljtf.,:;'!|() ", c) != NULL)
			px += 4.5;
		else if (strchr("mwMW@", c) != NULL)
			px += 11.5;
		else if (c >= 'A' && c <= 'Z')
			px += 9;
		else if (c >= 0x80)
			px += 10;	/* Æ Ø Å and others: as wide as a capital */
		else
			px += 7.5;
	}
	return bold ? px * 1.1 : px;
}

static double
label_px(struct report *rep, const struct row_out *o, enum rd_lang lang)
{
	double px = 0;

	if (rep->nby == 0 || o->total)
		return text_px(report_labels[lang].total, true);
	for (size_t i = 0; i < rep->nby; i++)
		px += text_px(group_label(o, i, lang), false) + (i > 0 ? text_px(" / ", false) : 0);
	return px;
}

static bool
available(const struct params *p, const struct mcol *m)
{
	if (m->kind == M_SHARE)
		return share_available(p, m->share);
	return m->kind != M_GOAL_T || p->goals;
}

static void
table_cell(const struct row_out *o, const struct mcol *m, enum rd_lang lang,
    struct rd_writer *w)
{
	enum cell state = CELL_SHOWN;
	char a[32], b[32], c[32];

	switch (m->kind) {
	case M_EPISODES:
		state = o->episodes_state;
		snprintf(a, sizeof a, "%ld", o->episodes);
		break;
	case M_PATIENTS:
		state = o->patients_state;
		snprintf(a, sizeof a, "%ld", o->patients);
		break;
	case M_SHARE:
		state = o->share[m->share].state;
		fmt_share(o->share[m->share].p, a, sizeof a);
		break;
	case M_LOS:
		state = o->los_state;
		fmt_median(o->los_median, a, sizeof a);
		break;
	case M_WAIT:
		state = o->wait_state;
		fmt_median(o->wait_median, a, sizeof a);
		break;
	case M_GOAL_T:
		state = o->goal_state;
		fmt_mean(o->goal_t, a, sizeof a);
		break;
	}
	label_number(lang, a);
	rd_html_raw(w, "<td class=\"n\">");
	if (state == CELL_SUPPRESSED)
		rd_html_raw(w, "*");
	else if (state == CELL_SHOWN) {
		rd_html_raw(w, a);
		if (m->kind == M_SHARE) {
			fmt_share(o->share[m->share].lo, b, sizeof b);
			fmt_share(o->share[m->share].hi, c, sizeof c);
			label_number(lang, b);
			label_number(lang, c);
			rd_html_rawf(w, "<span class=\"iv\">%s&#8211;%s</span>", b, c);
		}
	}
	rd_html_raw(w, "</td>");
}

/* The table, in a box of its own that scrolls when the page is narrower. */
static void
html_table(struct report *rep, struct row_out *rows, size_t nrows,
    enum rd_lang lang, struct rd_writer *w)
{
	rd_html_raw(w, "<div class=\"scroll\">\n<table>\n<thead><tr>");
	for (size_t i = 0; i < rep->nby; i++) {
		rd_html_raw(w, "<th>");
		rd_html_text(w, label_by(lang, rep->by[i]));
		rd_html_raw(w, "</th>");
	}
	for (size_t i = 0; i < nmcols; i++)
		if (available(&rep->params, &mcols[i])) {
			rd_html_raw(w, "<th>");
			rd_html_text(w, report_labels[lang].col[i]);
			rd_html_raw(w, "</th>");
		}
	rd_html_raw(w, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < nrows; r++) {
		rd_html_raw(w, rows[r].total ? "<tr class=\"total\">" : "<tr>");
		for (size_t i = 0; i < rep->nby; i++) {
			rd_html_raw(w, "<td>");
			rd_html_text(w, group_label(&rows[r], i, lang));
			rd_html_raw(w, "</td>");
		}
		for (size_t i = 0; i < nmcols; i++)
			if (available(&rep->params, &mcols[i]))
				table_cell(&rows[r], &mcols[i], lang, w);
		rd_html_raw(w, "</tr>\n");
	}
	rd_html_raw(w, "</tbody>\n</table>\n</div>\n");
}

static void
chart_axis(struct rd_writer *w, int left, int height, enum rd_lang lang)
{
	for (int k = 0; k <= 4; k++) {
		double x = left + PLOT_W * k / 4.0;
		char tick[16];

		snprintf(tick, sizeof tick, "%.2f", k / 4.0);
		label_number(lang, tick);
		rd_html_rawf(w, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
		    "stroke=\"#ddd\"/>\n", x, AXIS_H - 4, x, height);
		rd_html_rawf(w, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
		    x, AXIS_H - 8, tick);
	}
}

static void
chart_row(struct report *rep, const struct row_out *o, int share, int left,
    int y, enum rd_lang lang, struct rd_writer *w)
{
	const struct share_out *s = &o->share[share];
	double mid = y + ROW_H / 2.0;
	char v[32];

	rd_html_rawf(w, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\"%s>", left - LABEL_GAP,
	    mid + 4, o->total ? " font-weight=\"bold\"" : "");
	row_label(rep, o, lang, w);
	rd_html_raw(w, "</text>\n");
	if (s->state != CELL_SHOWN) {
		rd_html_rawf(w, "<text x=\"%d\" y=\"%.1f\" fill=\"#888\">", left + 4, mid + 4);
		rd_html_text(w, s->state == CELL_SUPPRESSED ? report_labels[lang].chart_suppressed :
		    report_labels[lang].chart_unknown);
		rd_html_raw(w, "</text>\n");
		return;
	}
	double x0 = left, xl = left + PLOT_W * s->lo, xh = left + PLOT_W * s->hi;

	rd_html_rawf(w, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
	    left, mid - BAR_H / 2.0, PLOT_W * s->p, BAR_H,
	    o->total ? "#2f5f93" : "#7ba7d9");
	rd_html_rawf(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>\n",
	    xl, mid, xh, mid);
	rd_html_rawf(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>\n",
	    xl, mid - 5, xl, mid + 5);
	rd_html_rawf(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>\n",
	    xh, mid - 5, xh, mid + 5);
	fmt_share(s->p, v, sizeof v);
	label_number(lang, v);
	rd_html_rawf(w, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x0 + PLOT_W + 8, mid + 4, v);
}

/* The mcols[] index of a share, for its label. */
static size_t
share_col(int share)
{
	for (size_t i = 0; i < nmcols; i++)
		if (mcols[i].kind == M_SHARE && mcols[i].share == share)
			return i;
	return 0;
}

/*
 * A chart is as wide as its longest label needs (no label is ever cut),
 * and scales down with the page on a narrow screen (max-width, viewBox).
 */
static void
html_chart(struct report *rep, struct row_out *rows, size_t nrows, int share,
    enum rd_lang lang, struct rd_writer *w)
{
	const char *name = report_labels[lang].col[share_col(share)];
	double longest = 0;
	int left, width, height;
	char title[256];

	for (size_t r = 0; r < nrows; r++) {
		double px = label_px(rep, &rows[r], lang);

		if (px > longest)
			longest = px;
	}
	left = (int)longest + LABEL_MARGIN + LABEL_GAP;
	width = left + PLOT_W + VALUE_W;
	height = AXIS_H + (int)nrows * ROW_H + 4;
	rd_html_raw(w, "<div class=\"chart\">\n<h2>");
	rd_html_text(w, name);
	rd_html_raw(w, "</h2>\n");
	rd_html_rawf(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"Helvetica,Arial,sans-serif\" "
	    "font-size=\"12\">\n", width, height, width, height);
	snprintf(title, sizeof title, report_labels[lang].chart_title, name);
	rd_html_raw(w, "<title>");
	rd_html_text(w, title);
	rd_html_raw(w, "</title>\n");
	chart_axis(w, left, height, lang);
	for (size_t r = 0; r < nrows; r++)
		chart_row(rep, &rows[r], share, left, AXIS_H + (int)r * ROW_H, lang, w);
	rd_html_raw(w, "</svg>\n</div>\n");
}

void
write_html(struct report *rep, const struct output *o, struct row_out *rows,
    size_t nrows, struct rd_writer *w)
{
	const struct labels *l = &report_labels[o->lang];
	const char *title = o->title != NULL ? o->title : l->title;
	char line[256];

	rd_html_rawf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n",
	    rd_lang_code(o->lang));
	rd_html_raw(w, "<title>");
	rd_html_text(w, title);
	rd_html_raw(w, "</title>\n<style>");
	rd_html_raw(w, style);
	rd_html_raw(w, "</style>\n</head>\n<body>\n<h1>");
	rd_html_text(w, title);
	rd_html_raw(w, "</h1>\n<p>");
	report_scope(&rep->params, o->lang, line, sizeof line);
	rd_html_text(w, line);
	rd_html_raw(w, "</p>\n<p class=\"note\">");
	rd_html_text(w, l->html_intervals);
	rd_html_raw(w, " ");
	if (o->min_cell > 1)
		snprintf(line, sizeof line, l->html_suppressed, o->min_cell - 1);
	else
		snprintf(line, sizeof line, "%s", l->html_no_suppression);
	rd_html_text(w, line);
	if (rep->params.urine) {
		rd_html_raw(w, " ");
		rd_html_text(w, rep->params.missing == RD_MISSING_IGNORE ? l->urine_ignore :
		    l->urine_positive);
	}
	rd_html_raw(w, "</p>\n");
	html_table(rep, rows, nrows, o->lang, w);
	for (int s = 0; s < NSHARES; s++)
		if (share_available(&rep->params, s))
			html_chart(rep, rows, nrows, s, o->lang, w);
	rd_html_raw(w, "</body>\n</html>\n");
}
