#include "fields.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "map.h"
#include "opts.h"
#include "rejects.h"
#include "wordload.h"

static pcre2_code *id_re;
static void fill_id_bytes(void);

void
rd_ids_init(const char *pattern)
{
	char err[300];

	rd_id_default = strcmp(pattern, RD_DEFAULT_ID_PATTERN) == 0;
	fill_id_bytes();
	pcre2_code_free(id_re);
	id_re = rd_regex_compile(pattern, 0, err, sizeof err);
	if (id_re == NULL)
		rd_usage_msg("--id-pattern: %s", err);
}

/* The default pattern, by hand (fields.h): it runs on every row of every file. */
unsigned char rd_id_byte[256], rd_id_bad[256];
int rd_id_default;

static void
fill_id_bytes(void)
{
	for (int c = 0; c < 256; c++) {
		rd_id_byte[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') ? 2 : (c == '_' || c == '.' || c == '-');
		rd_id_bad[c] = rd_id_byte[c] == 0;
	}
}

bool
rd_ids_clean(void)
{
	if (id_re == NULL)
		rd_ids_init(RD_DEFAULT_ID_PATTERN);
	return rd_id_default;
}

int
rd_id_check(const char *s, size_t len)
{
	if (rd_id_default)	/* 1 only once rd_ids_init filled the tables */
		return rd_default_id_ok(s, len);
	if (id_re == NULL)
		rd_ids_init(RD_DEFAULT_ID_PATTERN);
	if (rd_id_default)
		return rd_default_id_ok(s, len);
	return rd_regex_search(id_re, s, len);
}

static const char *
column_name(struct rd_reader *r, int col)
{
	return rd_header(r)->f[col];
}

/*
 * The rd_get_* functions run on every field of every row: what they do
 * for a bad or absent value (a reason of up to 320 bytes built, a
 * rejection) is kept out of line, so that their usual way is short.
 */
#define SLOW __attribute__((noinline, cold))

/* A required value that is absent: a rejection. */
static SLOW bool
missing(struct rd_reader *r, const struct rd_record *rec, int col)
{
	rd_reject(r, rec, col < 0 ? -1 : col, "%s is empty (a value is required)",
	    col < 0 ? "field" : column_name(r, col));
	return false;
}

/* Absent value: true if allowed (optional columns: every row), else a rejection. */
static inline bool
absent(struct rd_reader *r, const struct rd_record *rec, int col, bool required)
{
	return !required || missing(r, rec, col);
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

static SLOW bool
bad_id(struct rd_reader *r, const struct rd_record *rec, int col)
{
	struct rd_why w;

	return rd_check_id(column_name(r, col), rec->f[col], rec->len[col], &w) ||
	    reject(r, rec, col, &w);
}

bool
rd_get_id_full(struct rd_reader *r, const struct rd_record *rec, int col, bool required)
{
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	if (rd_id_default ? rd_default_id_ok(rec->f[col], rec->len[col]) :
	    rd_id_check(rec->f[col], rec->len[col]) > 0)
		return true;
	return bad_id(r, rec, col);
}

/*
 * A date that is not ISO: the reader's --date-format, then the reason.
 * Out of line but not cold: with --date-format dmy every row comes here.
 */
static __attribute__((noinline)) bool
other_date(struct rd_reader *r, const struct rd_record *rec, int col, int *day)
{
	struct rd_why w;
	enum rd_date_format fmt = rd_reader_settings(r)->date_format;

	if (fmt != RD_DATE_ISO && date_ok(rec->f[col], rec->len[col], fmt, day))
		return true;
	return rd_check_date(column_name(r, col), rec->f[col], rec->len[col], fmt,
	    day, &w) || reject(r, rec, col, &w);
}

bool
rd_get_date_full(struct rd_reader *r, const struct rd_record *rec, int col,
    bool required, int *day)
{
	*day = RD_NO_DATE;
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	/* ISO first: every format accepts it, so the settings wait for the rest. */
	if (date_ok(rec->f[col], rec->len[col], RD_DATE_ISO, day))
		return true;
	return other_date(r, rec, col, day);
}

/*
 * A value that is not a code as it stands (another case, a lab's word for
 * it) goes through --map and the code list on every row, but a column
 * holds few distinct values.  So the answers of rd_check_code that were a
 * code are kept, per thread, keyed by the list, the column's name and the
 * value (names and values up to 16 bytes, as the two words of
 * rd_short_words) and the number of map rows when it answered: the same
 * question gets the same answer without the patterns.  A bad value is
 * never kept.  The slot comes from the value alone, so that one value in
 * two columns meets itself and the name must tell them apart (the unit
 * test holds it to that).
 */
#define CODE_CACHE 64	/* a power of two */
struct code_answer {
	const struct rd_codes *codes;
	uint64_t name[2], value[2];
	size_t name_len, value_len, map_rows;
	int index;
};
static _Thread_local struct code_answer code_cache[CODE_CACHE];

/* The slot of a question, or NULL when it is too long to be kept. */
static struct code_answer *
code_slot(const struct rd_codes *codes, const char *name, size_t name_len,
    const char *s, size_t len, struct code_answer *q)
{
	uint64_t h;

	if (len == 0 || len > 16 || name_len == 0 || name_len > 16)
		return NULL;
	q->codes = codes;
	rd_short_words(name, name_len, q->name);
	rd_short_words(s, len, q->value);
	q->name_len = name_len;
	q->value_len = len;
	q->map_rows = rd_map_count();
	h = (q->value[0] ^ q->value[1] * 31 ^ (uintptr_t)codes) *
	    0x9E3779B97F4A7C15ULL;
	return &code_cache[(h >> 58) & (CODE_CACHE - 1)];
}

static bool
same_question(const struct code_answer *a, const struct code_answer *q)
{
	return a->codes == q->codes && a->value_len == q->value_len &&
	    a->value[0] == q->value[0] && a->value[1] == q->value[1] &&
	    a->name_len == q->name_len && a->name[0] == q->name[0] &&
	    a->name[1] == q->name[1] && a->map_rows == q->map_rows;
}

/*
 * Not a code as it stands: the kept answers, else --map, then the reason.
 * Out of line but not cold: lab words take this way on every row.
 */
static __attribute__((noinline)) bool
mapped_code(struct rd_reader *r, const struct rd_record *rec, int col,
    const struct rd_codes *codes, int *index)
{
	struct rd_why w;
	struct code_answer q, *slot;
	const struct rd_record *hdr = rd_header(r);

	slot = code_slot(codes, hdr->f[col], hdr->len[col], rec->f[col],
	    rec->len[col], &q);
	if (slot != NULL && same_question(slot, &q)) {
		*index = slot->index;
		return true;
	}
	if (!rd_check_code(hdr->f[col], rec->f[col], rec->len[col], codes, index,
	    &w))
		return reject(r, rec, col, &w);
	if (slot != NULL) {
		*slot = q;
		slot->index = *index;
	}
	return true;
}

bool
rd_get_code_full(struct rd_reader *r, const struct rd_record *rec, int col,
    const struct rd_codes *codes, bool required, int *index)
{
	*index = -1;
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	/*
	 * rd_get_code has asked the list: no code as it stands.  The kept
	 * answers come next (the list is asked again only when they have
	 * none, by rd_check_code).
	 */
	return mapped_code(r, rec, col, codes, index);
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

/*
 * One pass: an optional sign, then digits with at most one point, at least
 * one digit, at most max_decimals after the point.
 */
int
rd_parse_real(const char *s, size_t len, int max_decimals, double *value)
{
	static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
	    1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16 };
	char tmp[64], *end;
	size_t i = 0, digits = 0, dot = 0;
	long long mant = 0;
	int seen_dot = 0;

	if (len == 0 || len >= sizeof tmp)
		return -1;
	if (s[0] == '-' || s[0] == '+')
		i = 1;
	for (; i < len; i++) {
		unsigned d = (unsigned char)s[i] - (unsigned)'0';

		if (d <= 9) {
			if (digits++ < 18)
				mant = mant * 10 + d;
		} else if (s[i] == '.' && !seen_dot) {
			seen_dot = 1;
			dot = i;
		} else
			return -1;
	}
	if (digits == 0 || (seen_dot && (long)(len - dot - 1) > max_decimals))
		return -1;
	if (digits <= 15) {
		/*
		 * Up to 15 digits fit a double exactly, and one division by an
		 * exact power of ten is correctly rounded: the same value as
		 * strtod, without its cost on every row.
		 */
		*value = (double)mant / pow10[seen_dot ? len - dot - 1 : 0];
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

static SLOW bool
bad_long(struct rd_reader *r, const struct rd_record *rec, int col, long min,
    long max, long *value)
{
	struct rd_why w;

	return rd_check_long(column_name(r, col), rec->f[col], rec->len[col], min,
	    max, value, &w) || reject(r, rec, col, &w);
}

bool
rd_get_long_full(struct rd_reader *r, const struct rd_record *rec, int col,
    long min, long max, bool required, long *value, bool *present)
{
	*present = false;
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	if (!long_ok(rec->f[col], rec->len[col], min, max, value) &&
	    !bad_long(r, rec, col, min, max, value))
		return false;
	*present = true;
	return true;
}

static SLOW bool
bad_real(struct rd_reader *r, const struct rd_record *rec, int col, double min,
    double max, int max_decimals, double *value)
{
	struct rd_why w;

	return rd_check_real(column_name(r, col), rec->f[col], rec->len[col], min,
	    max, max_decimals, value, &w) || reject(r, rec, col, &w);
}

bool
rd_get_real_full(struct rd_reader *r, const struct rd_record *rec, int col,
    double min, double max, int max_decimals, bool required, double *value,
    bool *present)
{
	*present = false;
	if (col < 0 || rec->len[col] == 0)
		return absent(r, rec, col, required);
	if (!real_ok(rec->f[col], rec->len[col], min, max, max_decimals, value) &&
	    !bad_real(r, rec, col, min, max, max_decimals, value))
		return false;
	*present = true;
	return true;
}
