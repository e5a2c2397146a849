/*
 * Fix-ups of input records that are almost right, applied by the reader to
 * every record (the header too) before a tool sees it.
 *
 * --trim: spaces and tabs around each value are dropped (journal exports
 * pad columns; " 2026-03-01" is then a date).
 * --iexcel: undoes what --excel writes, so that any tool reads any tool's
 * Excel output: a "'" before = + - @ (the formula guard) is dropped, and a
 * number with a decimal comma ("-3,5", "0,8125") gets its point back.  The
 * ';' delimiter, BOM and CRLF the reader handles already.  Two values the
 * rule cannot tell apart are changed too: a text "3,5" becomes "3.5" and a
 * text that began with "'=" loses its "'"; --iexcel is for Excel files.
 *
 * Both work in place on the reader's buffers: pointers and lengths in rec
 * change, the text only shrinks, every field stays NUL-terminated.
 */
#ifndef RD_INFIX_H
#define RD_INFIX_H

#include <stdbool.h>

#include "reader.h"

void rd_infix_record(struct rd_record *rec, bool trim, bool excel);

/* One field, for tests: the new start and *len. */
char *rd_infix_field(char *s, size_t *len, bool trim, bool excel);

#endif
