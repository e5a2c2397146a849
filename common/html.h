/*
 * Writing html (and any XML) through a writer: literal markup, formatted
 * markup, and text with the five XML specials escaped.  The writer's
 * settings do not apply (no quoting, no --excel): the bytes go out as
 * given, buffered and checked like every write.  The text reports of
 * outcome-report and care-check write their lines with the same raw calls.
 */
#ifndef RD_HTML_H
#define RD_HTML_H

#include "writer.h"

/* s as it is (markup). */
void rd_html_raw(struct rd_writer *, const char *s);
/* printf into the page; at most 511 bytes a call (markup and numbers). */
void rd_html_rawf(struct rd_writer *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Text: & < > " ' escaped. */
void rd_html_text(struct rd_writer *, const char *s);

#endif
