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

bool rd_get_id(struct rd_reader *, const struct rd_record *, int col, bool required);
/* In the date format of the reader's settings (reader.h). */
bool rd_get_date(struct rd_reader *, const struct rd_record *, int col,
    bool required, int *day);
/* Maps the value through --map tables of this column first. */
bool rd_get_code(struct rd_reader *, const struct rd_record *, int col,
    const struct rd_codes *, bool required, int *index);
bool rd_get_long(struct rd_reader *, const struct rd_record *, int col,
    long min, long max, bool required, long *value, bool *present);
/* Decimal numbers; at most max_decimals digits after the point. */
bool rd_get_real(struct rd_reader *, const struct rd_record *, int col,
    double min, double max, int max_decimals, bool required, double *value,
    bool *present);

/* Plain parsers, no rejecting: 0 on success, -1 on a malformed value. */
int rd_parse_long(const char *s, size_t len, long *value);
int rd_parse_real(const char *s, size_t len, int max_decimals, double *value);

#endif
