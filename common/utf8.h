/*
 * Byte-level text checks and conversions shared by the reader and others.
 */
#ifndef RD_UTF8_H
#define RD_UTF8_H

#include <stddef.h>

/*
 * Checks that s[0..len) is valid UTF-8 without NUL bytes.  Returns -1 if
 * it is, else the offset of the first bad byte; *is_nul tells whether that
 * byte is a NUL.
 */
long rd_utf8_check(const char *s, size_t len, int *is_nul);
/*
 * Transcodes Windows-1252 (a superset of ISO-8859-1's printable range) to
 * UTF-8.  out must hold 3 * len bytes.  Returns the output length.
 */
size_t rd_latin1_to_utf8(const char *in, size_t len, char *out);

#endif
