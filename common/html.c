#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
rd_html_raw(struct rd_writer *w, const char *s)
{
	rd_write_raw(w, s, strlen(s));
}

void
rd_html_rawf(struct rd_writer *w, const char *fmt, ...)
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

void
rd_html_text(struct rd_writer *w, const char *s)
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
		rd_html_raw(w, rep);
		run = s + 1;
	}
	rd_write_raw(w, run, (size_t)(s - run));
}
