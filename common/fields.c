#include "fields.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "map.h"
#include "opts.h"
#include "rejects.h"

static pcre2_code *id_re;
static void fill_id_bytes(void);
static int id_default;

void
rd_ids_init(const char *pattern)
{
	char err[300];

	id_default = strcmp(pattern, RD_DEFAULT_ID_PATTERN) == 0;
	fill_id_bytes();
	pcre2_code_free(id_re);
	id_re = rd_regex_compile(pattern, 0, err, sizeof err);
	if (id_re == NULL)
		rd_usage_msg("--id-pattern: %s", err);
}

/*
 * The default pattern, by hand: it runs on every row of every file.
 * id_byte[c] is 2 for a letter or digit, 1 for _ . -, 0 otherwise.
 */
static unsigned char id_byte[256];

static int
default_id_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	int ok = 1;

	if (len == 0 || len > 64 || id_byte[p[0]] != 2)
		return 0;
	for (size_t i = 1; i < len; i++)
		ok &= id_byte[p[i]] != 0;
	return ok;
}

static void
fill_id_bytes(void)
{
	for (int c = 0; c < 256; c++)
		id_byte[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') ? 2 : (c == '_' || c == '.' || c == '-');
}

bool
rd_ids_clean(void)
{
	if (id_re == NULL)
		rd_ids_init(RD_DEFAULT_ID_PATTERN);
	return id_default;
}

int
rd_id_check(const char *s, size_t len)
{
	if (id_re == NULL)
		rd_ids_init(RD_DEFAULT_ID_PATTERN);
	if (id_default)
		return default_id_ok(s, len);
	return rd_regex_search(id_re, s, len);
}

static const char *
column_name(struct rd_reader *r, int col)
{
	return rd_header(r)->f[col];
}

/* Absent value: true if allowed, else a rejection. */
static bool
absent(struct rd_reader *r, const struct rd_record *rec, int col, bool required)
{
	if (!required)
		return true;
	rd_reject(r, rec, col < 0 ? -1 : col, "%s is empty (a value is required)",
	    col < 0 ? "field" : column_name(r, col));
	return false;
}

static bool
why(struct rd_why *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes the reason; returns false, the verdict of every caller. */
static bool
why(struct rd_why *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof w->msg, fmt, ap);
	va_end(ap);
	return false;
}

#define EXCERPT(s, len, buf) rd_excerpt((s), (len), buf, sizeof buf)

/*
 * The rules, shared by rd_check_* and the fast paths of rd_get_*, which
 * run on every field of every row and look for the column name (and
 * build a reason) only when a value is bad.
 */
static inline bool
date_ok(const char *s, size_t len, enum rd_date_format fmt, int *day)
{
	return rd_date_parse(s, len, fmt, day) == 0;
}

static inline bool
long_ok(const char *s, size_t len, long min, long max, long *value)
{
	return rd_parse_long(s, len, value) == 0 && *value >= min && *value <= max;
}

static inline bool
real_ok(const char *s, size_t len, double min, double max, int max_decimals,
    double *value)
{
	return rd_parse_real(s, len, max_decimals, value) == 0 && *value >= min &&
	    *value <= max;
}

bool
rd_check_id(const char *name, const char *s, size_t len, struct rd_why *w)
{
	char ex[64];
	int ok = rd_id_check(s, len);

	if (ok > 0)
		return true;
	return why(w, ok < 0 ? "%s %s: the id pattern hit its match limit" :
	    "%s %s does not match the id pattern (see --id-pattern)", name,
	    EXCERPT(s, len, ex));
}

bool
rd_check_date(const char *name, const char *s, size_t len,
    enum rd_date_format fmt, int *day, struct rd_why *w)
{
	char ex[64];

	if (date_ok(s, len, fmt, day))
		return true;
	*day = RD_NO_DATE;
	if (rd_date_parse(s, len, fmt, day) == -2) {
		*day = RD_NO_DATE;
		return why(w, "%s %s is outside the years %d to %d", name,
		    EXCERPT(s, len, ex), RD_YEAR_MIN, RD_YEAR_MAX);
	}
	return why(w, "%s %s is not a valid date (expected %s)", name,
	    EXCERPT(s, len, ex), fmt == RD_DATE_DMY ?
	    "YYYY-MM-DD or DD.MM.YYYY" : "YYYY-MM-DD");
}

bool
rd_check_code(const char *name, const char *s, size_t len,
    const struct rd_codes *codes, int *index, struct rd_why *w)
{
	const char *mapped;
	char ex[64], code_ex[64];

	*index = rd_code_index(codes, s, len);
	if (*index >= 0)
		return true;
	switch (rd_map_apply(name, s, len, &mapped)) {
	case 1:
		*index = rd_code_index(codes, mapped, strlen(mapped));
		if (*index >= 0)
			return true;
		/* The code comes from a --map file: quoted like a value. */
		return why(w, "%s %s maps to %s, which is not one of %s", name,
		    EXCERPT(s, len, ex), EXCERPT(mapped, strlen(mapped), code_ex),
		    rd_codes_joined(codes));
	case -1:
		return why(w, "%s %s: a map pattern hit its match limit", name,
		    EXCERPT(s, len, ex));
	}
	return why(w, "%s %s is not one of %s", name, EXCERPT(s, len, ex),
	    rd_codes_joined(codes));
}

bool
rd_check_long(const char *name, const char *s, size_t len, long min, long max,
    long *value, struct rd_why *w)
{
	char ex[64];

	if (long_ok(s, len, min, max, value))
		return true;
	return why(w, "%s %s is not a whole number from %ld to %ld", name,
	    EXCERPT(s, len, ex), min, max);
}

bool
rd_check_real(const char *name, const char *s, size_t len, double min,
    double max, int max_decimals, double *value, struct rd_why *w)
{
	char ex[64];

	if (real_ok(s, len, min, max, max_decimals, value))
		return true;
	return why(w, "%s %s is not a number from %g to %g with at most %d "
	    "decimal%s", name, EXCERPT(s, len, ex), min, max, max_decimals,
	    max_decimals == 1 ? "" : "s");
}

/* A bad value of a record: its reason goes to rd_reject. */
static bool
reject(struct rd_reader *r, const struct rd_record *rec, int col,
    const struct rd_why *w)
{
	rd_reject(r, rec, col, "%s", w->msg);
	return false;
}

bool
rd_get_id(struct rd_reader *r, const struct rd_record *rec, int col, bool required)
{
	struct rd_why w;

	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	if (rd_id_check(rec->f[col], rec->len[col]) > 0)
		return true;
	return rd_check_id(column_name(r, col), rec->f[col], rec->len[col], &w) ||
	    reject(r, rec, col, &w);
}

bool
rd_get_date(struct rd_reader *r, const struct rd_record *rec, int col,
    bool required, int *day)
{
	struct rd_why w;
	enum rd_date_format fmt;

	*day = RD_NO_DATE;
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	/* ISO first: every format accepts it, so the settings wait for the rest. */
	if (date_ok(rec->f[col], rec->len[col], RD_DATE_ISO, day))
		return true;
	fmt = rd_reader_settings(r)->date_format;
	if (fmt != RD_DATE_ISO && date_ok(rec->f[col], rec->len[col], fmt, day))
		return true;
	return rd_check_date(column_name(r, col), rec->f[col], rec->len[col], fmt,
	    day, &w) || reject(r, rec, col, &w);
}

bool
rd_get_code(struct rd_reader *r, const struct rd_record *rec, int col,
    const struct rd_codes *codes, bool required, int *index)
{
	struct rd_why w;

	*index = -1;
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	*index = rd_code_index(codes, rec->f[col], rec->len[col]);
	if (*index >= 0)
		return true;
	/* Not a code as it is: through --map, then the reason. */
	return rd_check_code(column_name(r, col), rec->f[col], rec->len[col], codes,
	    index, &w) || reject(r, rec, col, &w);
}

int
rd_parse_long(const char *s, size_t len, long *value)
{
	long v = 0;
	size_t i = 0;
	int neg = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == len || len - i > 18)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*value = neg ? -v : v;
	return 0;
}

int
rd_parse_real(const char *s, size_t len, int max_decimals, double *value)
{
	char tmp[64], *end;
	size_t i = 0, digits = 0;
	const char *dot;

	if (len == 0 || len >= sizeof tmp)
		return -1;
	if (s[0] == '-' || s[0] == '+')
		i = 1;
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != '.')
			return -1;
	}
	dot = memchr(s, '.', len);
	if (digits == 0 || (dot && (memchr(dot + 1, '.', len - (size_t)(dot - s) - 1) ||
	    (long)(len - (size_t)(dot - s) - 1) > max_decimals)))
		return -1;
	if (digits <= 15) {
		/*
		 * Up to 15 digits fit a double exactly, and one division by an
		 * exact power of ten is correctly rounded: the same value as
		 * strtod, without its cost on every row.
		 */
		static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6,
		    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16 };
		long long mant = 0;
		int scale = 0, seen_dot = 0;

		for (size_t k = (s[0] == '-' || s[0] == '+'); k < len; k++) {
			if (s[k] == '.') {
				seen_dot = 1;
				continue;
			}
			mant = mant * 10 + (s[k] - '0');
			scale += seen_dot;
		}
		*value = (double)mant / pow10[scale];
		if (s[0] == '-')
			*value = -*value;
		return 0;
	}
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	*value = strtod(tmp, &end);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

bool
rd_get_long(struct rd_reader *r, const struct rd_record *rec, int col,
    long min, long max, bool required, long *value, bool *present)
{
	struct rd_why w;

	*present = false;
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	if (!long_ok(rec->f[col], rec->len[col], min, max, value) &&
	    !rd_check_long(column_name(r, col), rec->f[col], rec->len[col], min, max,
	    value, &w))
		return reject(r, rec, col, &w);
	*present = true;
	return true;
}

bool
rd_get_real(struct rd_reader *r, const struct rd_record *rec, int col,
    double min, double max, int max_decimals, bool required, double *value,
    bool *present)
{
	struct rd_why w;

	*present = false;
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	if (!real_ok(rec->f[col], rec->len[col], min, max, max_decimals, value) &&
	    !rd_check_real(column_name(r, col), rec->f[col], rec->len[col], min, max,
	    max_decimals, value, &w))
		return reject(r, rec, col, &w);
	*present = true;
	return true;
}
