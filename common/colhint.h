/*
 * Hints for a required column that is not in the header, for the message
 * of rd_col_required(): the usual causes are a Nordic Excel export read
 * with the wrong delimiter and a column name in other case or padded with
 * spaces.  Column names are not patient data and are quoted whole (up to
 * 40 bytes).
 */
#ifndef RD_COLHINT_H
#define RD_COLHINT_H

#include <stdbool.h>
#include <stddef.h>

#include "reader.h"

/*
 * Writes into out (always NUL-terminated) a hint that starts with " (" and
 * ends with ")", or "" when there is none:
 *  - a header that is one field holding ';' (or a tab, read as CSV):
 *    " (the header is one field with ';' in it: try -d ';')";
 *  - a column equal to name but for ASCII case and spaces or tabs around
 *    it: " (did you mean ' Patient_ID'? --trim drops the spaces)".
 */
void rd_col_hint(const struct rd_record *header, bool tsv, const char *name,
    char *out, size_t outsz);

#endif
