/*
 * Detection of Swedish and Norwegian national identity numbers in text, so
 * that research extracts can be refused before they leak one.
 *
 * Detected spellings (D, M, Y, N, I, K are ASCII digits 0-9; nothing else
 * counts as a digit):
 *
 *   Swedish personnummer and samordningsnummer
 *     YYMMDD-NNNN     YYMMDD+NNNN     YYMMDDNNNN
 *     YYYYMMDD-NNNN   YYYYMMDDNNNN
 *   The last digit is the Luhn check digit over the ten digits YYMMDDNNNN
 *   (the century never takes part).  The serial number (the first three
 *   digits of NNNN) 000 is never issued, so it is no hit.  The date must
 *   exist: with a four-digit year, in years 1800-2099; with a two-digit
 *   year, in 19YY or 20YY, or for the "+" spelling (aged 100 or more) in
 *   18YY or 19YY, so that 000229+NNNN is rejected.  A day of 60-91
 *   (day + 60) is a samordningsnummer, whose date is looser: month 00-12
 *   and day 00-31 in any month, as Skatteverket's test numbers have them.
 *
 *   Norwegian fødselsnummer, D-nummer, H-nummer and FH-nummer
 *     DDMMYYIIIKK     DDMMYY IIIKK    (one ASCII space)
 *   Both mod-11 check digits KK must hold (weights 3 7 6 1 8 9 4 5 2 and
 *   5 4 3 2 7 6 5 4 3 2; remainder 0 gives 0, remainder 1 is never valid,
 *   otherwise 11 - remainder).  Day 01-31 with month 01-12 is a
 *   fødselsnummer, day 41-71 (day + 40) a D-nummer, month 41-52
 *   (month + 40) an H-nummer, and both together a D-nummer with an
 *   H-nummer month; the date must exist in 19YY or 20YY, which
 *   for YY = 00..99 is the same as "in some year 1854-2039".  The
 *   individual number is not checked against its century range.  An
 *   FH-nummer (felles hjelpenummer, used in health care for patients
 *   without a known number) starts with 8 or 9, carries no date and only
 *   needs the two check digits.
 *
 * A candidate must not touch another digit on either side, so a 13-digit
 * run is never read as a 12-digit number and "19121212-1212" is not also
 * read as "121212-1212", but any other byte may surround it:
 * "pnr:19121212-1212;" and "fnr 01019012480 noted" are hits.  Every
 * candidate in the text is tried, so an invalid one does not hide a later
 * valid one.
 *
 * Not detected: other separators (spaces in Swedish numbers, dots, a "-" in
 * Norwegian numbers), non-ASCII digits, Swedish regional reservnummer,
 * Norwegian DUF numbers, synthetic test numbers (Tenor month + 80,
 * SyntPop month + 65), and Norwegian numbers issued from 2032 under the
 * relaxed first check digit.  Text need not be valid UTF-8: invalid
 * sequences (say Latin-1 letters) simply never match, they are no error.
 */
#ifndef RD_NATID_H
#define RD_NATID_H

#include <stddef.h>

enum rd_natid_kind {
	RD_NATID_SE_PNR,
	RD_NATID_SE_SAMORD,
	RD_NATID_NO_FNR,
	RD_NATID_NO_DNR,
	RD_NATID_NO_HNR,
	RD_NATID_NO_DHNR,	/* day + 40 and month + 40 together */
	RD_NATID_NO_FHNR
};

/* Compiled pattern and match data; one per thread. */
struct rd_natid;

/* NULL only if memory runs out or the pattern fails to compile. */
struct rd_natid *rd_natid_new(void);
void rd_natid_free(struct rd_natid *);
/*
 * Scans len bytes of text (no NUL needed).  Returns 1 and stores the kind
 * and byte offset of the first valid number, 0 if there is none, or -1 if
 * PCRE2 fails (for instance on its match limit).
 */
int rd_natid_scan(struct rd_natid *, const char *text, size_t len,
    enum rd_natid_kind *kind, size_t *off);
/* "Swedish personnummer" and so on; never NULL. */
const char *rd_natid_kind_name(enum rd_natid_kind);

#endif
