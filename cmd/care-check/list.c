#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "html.h"
#include "words.h"

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
	rd_html_raw(w, s);
	for (size_t k = width(s); k < cols; k++)
		rd_html_raw(w, " ");
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
	rd_html_raw(w, "\n");
	rd_html_rawf(w, cw->clinic, clinic_name(cw, sec->clinic));
	rd_html_raw(w, ": ");
	rd_html_rawf(w, total == 1 ? cw->count_one : cw->count_many, total);
	rd_html_raw(w, "\n");
	for (int c = 0; c < NCHECKS; c++)
		if (s->enabled[c] && width(cw->check[c]) > lw)
			lw = width(cw->check[c]);
	for (int c = 0; c < NCHECKS; c++)
		if (s->enabled[c]) {
			rd_html_raw(w, "  ");
			pad_to(w, cw->check[c], lw);
			rd_html_rawf(w, "  %3ld  ", count[c]);
			rd_html_raw(w, cw->guideline[c]);
			rd_html_raw(w, "\n");
		}
	if (total == 0) {
		rd_html_raw(w, "  ");
		rd_html_raw(w, cw->none);
		rd_html_raw(w, "\n");
		return;
	}
	for (size_t i = sec->from; i < sec->to; i++) {
		if (width(f[i].episode->patient_id) > pw)
			pw = width(f[i].episode->patient_id);
		if (width(f[i].episode->episode_id) > ew)
			ew = width(f[i].episode->episode_id);
	}
	rd_html_raw(w, "\n  ");
	pad_to(w, cw->patient, pw + 2);
	pad_to(w, cw->episode, ew + 2);
	pad_to(w, cw->since, 12);
	rd_html_raw(w, cw->detail_col);
	rd_html_raw(w, "\n");
	for (size_t i = sec->from; i < sec->to; i++) {
		rd_date_format(f[i].since, since);
		rd_html_raw(w, "  ");
		pad_to(w, f[i].episode->patient_id, pw + 2);
		pad_to(w, f[i].episode->episode_id, ew + 2);
		pad_to(w, since, 12);
		rd_html_raw(w, cw->check[f[i].check]);
		rd_html_raw(w, ": ");
		rd_html_raw(w, f[i].detail);
		rd_html_raw(w, "\n");
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
	rd_html_raw(w, "<h2>");
	snprintf(line, sizeof line, cw->clinic, clinic_name(cw, sec->clinic));
	rd_html_text(w, line);
	rd_html_raw(w, ": ");
	rd_html_rawf(w, total == 1 ? cw->count_one : cw->count_many, total);
	rd_html_raw(w, "</h2>\n<table>\n");
	for (int c = 0; c < NCHECKS; c++)
		if (s->enabled[c]) {
			rd_html_raw(w, "<tr><td>");
			rd_html_text(w, cw->check[c]);
			rd_html_rawf(w, "</td><td class=\"n\">%ld</td><td>", count[c]);
			rd_html_text(w, cw->guideline[c]);
			rd_html_raw(w, "</td></tr>\n");
		}
	rd_html_raw(w, "</table>\n");
	if (total == 0) {
		rd_html_raw(w, "<p>");
		rd_html_text(w, cw->none);
		rd_html_raw(w, "</p>\n");
		return;
	}
	rd_html_raw(w, "<div class=\"scroll\">\n<table>\n<thead><tr><th>");
	rd_html_text(w, cw->patient);
	rd_html_raw(w, "</th><th>");
	rd_html_text(w, cw->episode);
	rd_html_raw(w, "</th><th>");
	rd_html_text(w, cw->since);
	rd_html_raw(w, "</th><th>");
	rd_html_text(w, cw->check_col);
	rd_html_raw(w, "</th><th>");
	rd_html_text(w, cw->detail_col);
	rd_html_raw(w, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = sec->from; i < sec->to; i++) {
		rd_date_format(f[i].since, since);
		rd_html_raw(w, "<tr><td>");
		rd_html_text(w, f[i].episode->patient_id);
		rd_html_raw(w, "</td><td>");
		rd_html_text(w, f[i].episode->episode_id);
		rd_html_rawf(w, "</td><td>%s</td><td>", since);
		rd_html_text(w, cw->check[f[i].check]);
		rd_html_raw(w, "</td><td>");
		rd_html_text(w, f[i].detail);
		rd_html_raw(w, "</td></tr>\n");
	}
	rd_html_raw(w, "</tbody>\n</table>\n</div>\n");
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
		rd_html_rawf(w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\"/>\n<title>",
		    rd_lang_code(s->lang));
		rd_html_text(w, title);
		rd_html_rawf(w, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
		rd_html_text(w, title);
		rd_html_raw(w, "</h1>\n");
	} else {
		rd_html_raw(w, title);
		rd_html_raw(w, "\n");
	}
	if (nsec == 0) {
		rd_html_raw(w, s->format == LIST_HTML ? "<p>" : "\n");
		if (s->format == LIST_HTML)
			rd_html_text(w, cw->none);
		else
			rd_html_raw(w, cw->none);
		rd_html_raw(w, s->format == LIST_HTML ? "</p>\n" : "\n");
	}
	for (size_t k = 0; k < nsec; k++)
		if (s->format == LIST_HTML)
			html_section(f, &sec[k], s, w);
		else
			text_section(f, &sec[k], s, w);
	if (s->format == LIST_HTML)
		rd_html_raw(w, "</body>\n</html>\n");
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
