/*
 * Validating one field of a record: identifiers, dates, codes, numbers.
 *
 * Each rd_get_* checks field col of rec.  A bad value goes to rd_reject()
 * with a message naming the column and the value (its first 40 bytes) and
 * what was expected; the function then returns false.  An empty field, or
 * a column the input does not have (col < 0), is "absent": an error when
 * required, otherwise true with the absent value (RD_NO_DATE, index -1,
 * *present = false).
 */
#ifndef RD_FIELDS_H
#define RD_FIELDS_H

#include <limits.h>
#include <stdbool.h>

#include "codes.h"
#include "reader.h"

#define RD_DEFAULT_ID_PATTERN "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
#define RD_NO_DATE INT_MIN

/* Compiles the identifier pattern (--id-pattern); a bad one exits 2. */
void rd_ids_init(const char *pattern);
/* 1 valid, 0 not, -1 the pattern hit its match limit. */
int rd_id_check(const char *s, size_t len);
/*
 * Whether every id that passes rd_id_check is clean for rd_put_clean: so
 * with the default pattern (letters, digits, _ . -); a --id-pattern may
 * admit a comma or a quote.
 */
bool rd_ids_clean(void);

/*
 * The same checks without a record, for a value from anywhere (an option,
 * a fuzz harness): true when s (len bytes) is valid, with the parsed value
 * stored; else false and the reason in why, "NAME 'VALUE' is not ...",
 * NAME being the column or option.  They never exit and never reject:
 * the caller decides what a bad value is (plan-new: a usage error).  An
 * empty value is checked like any other.  rd_get_* are these plus
 * rd_reject.
 */
struct rd_why {
	char msg[320];
};
bool rd_check_id(const char *name, const char *s, size_t len, struct rd_why *);
/* fmt: RD_DATE_DMY also accepts DD.MM.YYYY (--date-format dmy). */
bool rd_check_date(const char *name, const char *s, size_t len,
    enum rd_date_format fmt, int *day, struct rd_why *);
/* Maps the value through --map tables of column name first. */
bool rd_check_code(const char *name, const char *s, size_t len,
    const struct rd_codes *, int *index, struct rd_why *);
bool rd_check_long(const char *name, const char *s, size_t len, long min,
    long max, long *value, struct rd_why *);
bool rd_check_real(const char *name, const char *s, size_t len, double min,
    double max, int max_decimals, double *value, struct rd_why *);

/*
 * rd_get_id, rd_get_date, rd_get_code, rd_get_long and rd_get_real are
 * the *_full functions below behind a short way in line (after the
 * parsers): they run on every field of every row, and a call each costs
 * as much as the usual check.  The short way only ever answers true for
 * a value the full function accepts as it stands; anything else (absent,
 * bad, a --map or --date-format case) goes to the full function, which
 * decides and rejects.  Use the plain names.
 */
bool rd_get_id_full(struct rd_reader *, const struct rd_record *, int col,
    bool required);
bool rd_get_date_full(struct rd_reader *, const struct rd_record *, int col,
    bool required, int *day);
bool rd_get_code_full(struct rd_reader *, const struct rd_record *, int col,
    const struct rd_codes *, bool required, int *index);
bool rd_get_long_full(struct rd_reader *, const struct rd_record *, int col,
    long min, long max, bool required, long *value, bool *present);
bool rd_get_real_full(struct rd_reader *, const struct rd_record *, int col,
    double min, double max, int max_decimals, bool required, double *value,
    bool *present);

/* Plain parsers, no rejecting: 0 on success, -1 on a malformed value. */
int rd_parse_long(const char *s, size_t len, long *value);
int rd_parse_real(const char *s, size_t len, int max_decimals, double *value);

/*
 * The default id pattern by hand (rd_ids_init fills the tables):
 * rd_id_byte[c] is 2 for a letter or digit, 1 for _ . -, 0 otherwise;
 * rd_id_bad[c] is 1 where rd_id_byte[c] is 0, so that the bytes after the
 * first are tested four at a time without a branch a byte.  rd_id_default
 * is 1 while the default pattern is in force.
 */
extern unsigned char rd_id_byte[256], rd_id_bad[256];
extern int rd_id_default;

static inline int
rd_default_id_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned bad = 0;
	size_t i = 1;

	if (len - 1 >= 64 || rd_id_byte[p[0]] != 2)
		return 0;	/* len 0 wraps round */
	for (; i + 4 <= len; i += 4)
		bad |= rd_id_bad[p[i]] | rd_id_bad[p[i + 1]] | rd_id_bad[p[i + 2]] |
		    rd_id_bad[p[i + 3]];
	for (; i < len; i++)
		bad |= rd_id_bad[p[i]];
	return bad == 0;
}

static inline bool
rd_get_id(struct rd_reader *r, const struct rd_record *rec, int col, bool required)
{
	if (col < 0 || rec->len[col] == 0) {
		if (!required)
			return true;	/* absent, and allowed */
	} else if (rd_id_default && rd_default_id_ok(rec->f[col], rec->len[col]))
		return true;
	return rd_get_id_full(r, rec, col, required);
}

static inline bool
rd_get_date(struct rd_reader *r, const struct rd_record *rec, int col,
    bool required, int *day)
{
	if (col < 0 || rec->len[col] == 0) {
		*day = RD_NO_DATE;
		if (!required)
			return true;
	} else if (rec->len[col] == 10 &&
	    (rd_date_iso_known(rec->f[col], day) == 0 ||
	    rd_date_parse(rec->f[col], 10, RD_DATE_ISO, day) == 0))
		return true;	/* ISO first: every format accepts it */
	return rd_get_date_full(r, rec, col, required, day);
}

static inline bool
rd_get_code(struct rd_reader *r, const struct rd_record *rec, int col,
    const struct rd_codes *codes, bool required, int *index)
{
	if (col < 0 || rec->len[col] == 0) {
		*index = -1;
		if (!required)
			return true;
	} else if ((*index = rd_code_index(codes, rec->f[col], rec->len[col])) >= 0)
		return true;
	return rd_get_code_full(r, rec, col, codes, required, index);
}

/*
 * rd_get_code, and whether the value is the code as the list spells it
 * (rd_code_index_exact: then it needs no rewriting on output); *exact
 * false does not say it is not.
 */
static inline bool
rd_get_code_exact(struct rd_reader *r, const struct rd_record *rec, int col,
    const struct rd_codes *codes, bool required, int *index, bool *exact)
{
	*exact = col >= 0 &&
	    (*index = rd_code_index_exact(codes, rec->f[col], rec->len[col])) >= 0;
	return *exact || rd_get_code(r, rec, col, codes, required, index);
}

/* Up to 18 plain digits, no sign: what rd_parse_long reads the same way. */
static inline bool
rd_digits_ok(const char *s, size_t len, long *value)
{
	long v = 0;

	if (len - 1 >= 18)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned char)s[i] - (unsigned)'0';

		if (d > 9)
			return false;
		v = v * 10 + (long)d;
	}
	*value = v;
	return true;
}

static inline bool
rd_get_long(struct rd_reader *r, const struct rd_record *rec, int col,
    long min, long max, bool required, long *value, bool *present)
{
	*present = false;
	if (col < 0 || rec->len[col] == 0) {
		if (!required)
			return true;
	} else if (rd_digits_ok(rec->f[col], rec->len[col], value) &&
	    *value >= min && *value <= max) {
		*present = true;
		return true;
	}
	return rd_get_long_full(r, rec, col, min, max, required, value, present);
}

static inline bool
rd_get_real(struct rd_reader *r, const struct rd_record *rec, int col,
    double min, double max, int max_decimals, bool required, double *value,
    bool *present)
{
	*present = false;
	if (col < 0 || rec->len[col] == 0) {
		if (!required)
			return true;
	} else if (rd_parse_real(rec->f[col], rec->len[col], max_decimals, value) == 0 &&
	    *value >= min && *value <= max) {
		*present = true;
		return true;
	}
	return rd_get_real_full(r, rec, col, min, max, max_decimals, required,
	    value, present);
}

#endif
