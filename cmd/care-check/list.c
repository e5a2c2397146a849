#include "list.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "words.h"

static void
raw(struct rd_writer *w, const char *s)
{
	rd_write_raw(w, s, strlen(s));
}

static void
rawf(struct rd_writer *w, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		rd_write_raw(w, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Text with the five XML specials escaped (html). */
static void
esc(struct rd_writer *w, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *rep = NULL;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		}
		if (rep == NULL)
			continue;
		rd_write_raw(w, run, (size_t)(s - run));
		raw(w, rep);
		run = s + 1;
	}
	rd_write_raw(w, run, (size_t)(s - run));
}

static void
write_table(const struct finding *f, size_t n, struct rd_writer *w)
{
	static const char *const header[] = { "patient_id", "episode_id", "clinic",
	    "check", "guideline", "since", "detail" };

	rd_put_header(w, header, sizeof header / sizeof header[0]);
	for (size_t i = 0; i < n; i++) {
		rd_put_str(w, f[i].episode->patient_id);
		rd_put_str(w, f[i].episode->episode_id);
		rd_put_str(w, f[i].episode->clinic);
		rd_put_str(w, check_info[f[i].check].name);
		rd_put_str(w, check_info[f[i].check].guideline);
		rd_put_date(w, f[i].since);
		rd_put_str(w, f[i].detail);
		rd_end_row(w);
	}
}

/* A clinic's section: its name and its findings [from, to). */
struct section {
	const char *clinic;
	size_t from, to;
};

static enum rd_lang sort_lang;

static int
cmp_section(const void *a, const void *b)
{
	return rd_lang_collate(sort_lang, ((const struct section *)a)->clinic,
	    ((const struct section *)b)->clinic);
}

/*
 * The sections: every clinic with findings (they come grouped by clinic)
 * and every clinic of --clinic, in the language's order.
 */
static struct section *
sections(const struct finding *f, size_t n, const struct list_settings *s,
    size_t *nsec)
{
	struct section *sec = rd_calloc(n + s->nclinics + 1, sizeof *sec);
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (k > 0 && strcmp(sec[k - 1].clinic, f[i].episode->clinic) == 0) {
			sec[k - 1].to = i + 1;
			continue;
		}
		sec[k++] = (struct section){ f[i].episode->clinic, i, i + 1 };
	}
	for (size_t c = 0; c < s->nclinics; c++) {
		bool seen = false;

		for (size_t j = 0; j < k && !seen; j++)
			seen = strcmp(sec[j].clinic, s->clinics[c]) == 0;
		if (!seen)
			sec[k++] = (struct section){ s->clinics[c], 0, 0 };
	}
	sort_lang = s->lang;
	qsort(sec, k, sizeof *sec, cmp_section);
	*nsec = k;
	return sec;
}

static void
count_checks(const struct finding *f, const struct section *sec, long count[NCHECKS])
{
	for (int c = 0; c < NCHECKS; c++)
		count[c] = 0;
	for (size_t i = sec->from; i < sec->to; i++)
		count[f[i].check]++;
}

static const char *
clinic_name(const struct care_words *cw, const char *clinic)
{
	return clinic[0] != '\0' ? clinic : cw->blank;
}

/* Display width of UTF-8 text: code points. */
static size_t
width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
pad_to(struct rd_writer *w, const char *s, size_t cols)
{
	raw(w, s);
	for (size_t k = width(s); k < cols; k++)
		raw(w, " ");
}

static void
text_section(const struct finding *f, const struct section *sec,
    const struct list_settings *s, struct rd_writer *w)
{
	const struct care_words *cw = &care_words[s->lang];
	long count[NCHECKS], total = (long)(sec->to - sec->from);
	size_t lw = 0, pw = strlen(cw->patient), ew = strlen(cw->episode);
	char since[11];

	count_checks(f, sec, count);
	raw(w, "\n");
	rawf(w, cw->clinic, clinic_name(cw, sec->clinic));
	raw(w, ": ");
	rawf(w, total == 1 ? cw->count_one : cw->count_many, total);
	raw(w, "\n");
	for (int c = 0; c < NCHECKS; c++)
		if (s->enabled[c] && width(cw->check[c]) > lw)
			lw = width(cw->check[c]);
	for (int c = 0; c < NCHECKS; c++)
		if (s->enabled[c]) {
			raw(w, "  ");
			pad_to(w, cw->check[c], lw);
			rawf(w, "  %3ld  ", count[c]);
			raw(w, cw->guideline[c]);
			raw(w, "\n");
		}
	if (total == 0) {
		raw(w, "  ");
		raw(w, cw->none);
		raw(w, "\n");
		return;
	}
	for (size_t i = sec->from; i < sec->to; i++) {
		if (width(f[i].episode->patient_id) > pw)
			pw = width(f[i].episode->patient_id);
		if (width(f[i].episode->episode_id) > ew)
			ew = width(f[i].episode->episode_id);
	}
	raw(w, "\n  ");
	pad_to(w, cw->patient, pw + 2);
	pad_to(w, cw->episode, ew + 2);
	pad_to(w, cw->since, 12);
	raw(w, cw->detail_col);
	raw(w, "\n");
	for (size_t i = sec->from; i < sec->to; i++) {
		rd_date_format(f[i].since, since);
		raw(w, "  ");
		pad_to(w, f[i].episode->patient_id, pw + 2);
		pad_to(w, f[i].episode->episode_id, ew + 2);
		pad_to(w, since, 12);
		raw(w, cw->check[f[i].check]);
		raw(w, ": ");
		raw(w, f[i].detail);
		raw(w, "\n");
	}
}

static const char style[] =
    "body{font-family:Helvetica,Arial,sans-serif;margin:1.5em;color:#222}"
    "h1{font-size:20px}h2{font-size:16px;margin:1.6em 0 .3em}"
    "table{border-collapse:collapse;font-size:13px;margin:.4em 0}"
    "th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top;text-align:left}"
    "th{background:#eef2f7}td.n{text-align:right}"
    "div.scroll{overflow-x:auto;max-width:100%}";

static void
html_section(const struct finding *f, const struct section *sec,
    const struct list_settings *s, struct rd_writer *w)
{
	const struct care_words *cw = &care_words[s->lang];
	long count[NCHECKS], total = (long)(sec->to - sec->from);
	char line[256], since[11];

	count_checks(f, sec, count);
	raw(w, "<h2>");
	snprintf(line, sizeof line, cw->clinic, clinic_name(cw, sec->clinic));
	esc(w, line);
	raw(w, ": ");
	rawf(w, total == 1 ? cw->count_one : cw->count_many, total);
	raw(w, "</h2>\n<table>\n");
	for (int c = 0; c < NCHECKS; c++)
		if (s->enabled[c]) {
			raw(w, "<tr><td>");
			esc(w, cw->check[c]);
			rawf(w, "</td><td class=\"n\">%ld</td><td>", count[c]);
			esc(w, cw->guideline[c]);
			raw(w, "</td></tr>\n");
		}
	raw(w, "</table>\n");
	if (total == 0) {
		raw(w, "<p>");
		esc(w, cw->none);
		raw(w, "</p>\n");
		return;
	}
	raw(w, "<div class=\"scroll\">\n<table>\n<thead><tr><th>");
	esc(w, cw->patient);
	raw(w, "</th><th>");
	esc(w, cw->episode);
	raw(w, "</th><th>");
	esc(w, cw->since);
	raw(w, "</th><th>");
	esc(w, cw->check_col);
	raw(w, "</th><th>");
	esc(w, cw->detail_col);
	raw(w, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = sec->from; i < sec->to; i++) {
		rd_date_format(f[i].since, since);
		raw(w, "<tr><td>");
		esc(w, f[i].episode->patient_id);
		raw(w, "</td><td>");
		esc(w, f[i].episode->episode_id);
		rawf(w, "</td><td>%s</td><td>", since);
		esc(w, cw->check[f[i].check]);
		raw(w, "</td><td>");
		esc(w, f[i].detail);
		raw(w, "</td></tr>\n");
	}
	raw(w, "</tbody>\n</table>\n</div>\n");
}

static void
write_sections(const struct finding *f, size_t n, const struct list_settings *s,
    struct rd_writer *w)
{
	const struct care_words *cw = &care_words[s->lang];
	size_t nsec;
	struct section *sec = sections(f, n, s, &nsec);
	char as_of[11], title[128];

	rd_date_format(s->as_of, as_of);
	snprintf(title, sizeof title, cw->title, as_of);
	if (s->format == LIST_HTML) {
		rawf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\"/>\n<title>",
		    rd_lang_code(s->lang));
		esc(w, title);
		rawf(w, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
		esc(w, title);
		raw(w, "</h1>\n");
	} else {
		raw(w, title);
		raw(w, "\n");
	}
	if (nsec == 0) {
		raw(w, s->format == LIST_HTML ? "<p>" : "\n");
		if (s->format == LIST_HTML)
			esc(w, cw->none);
		else
			raw(w, cw->none);
		raw(w, s->format == LIST_HTML ? "</p>\n" : "\n");
	}
	for (size_t k = 0; k < nsec; k++)
		if (s->format == LIST_HTML)
			html_section(f, &sec[k], s, w);
		else
			text_section(f, &sec[k], s, w);
	if (s->format == LIST_HTML)
		raw(w, "</body>\n</html>\n");
	free(sec);
}

void
list_write(const struct finding *f, size_t n, const struct list_settings *s,
    struct rd_writer *w)
{
	if (s->format == LIST_CSV || s->format == LIST_TSV)
		write_table(f, n, w);
	else
		write_sections(f, n, s, w);
}
