/*
 * libFuzzer harness: the validators of common/fields.h (rd_check_id,
 * rd_check_date, rd_check_code, rd_check_long, rd_check_real) on any
 * bytes.  The first bytes pick the validator and its settings (date
 * format, id pattern, code list, range, decimals); the rest is the value,
 * passed with its length and no NUL after it.  Besides never crashing,
 * each validator must agree with itself:
 *   - the same value checked twice gives the same verdict and value;
 *   - a rejected value has a reason that names the field, holds no
 *     control character and was not cut short;
 *   - an accepted value is in range, and written back the way rusdata
 *     writes it (ISO date, the code's own spelling, %ld, %.*f) it is
 *     accepted again with the same value; a code is accepted in upper
 *     case too, and a date accepted as ISO is accepted with --date-format
 *     dmy as well;
 *   - rd_check_id agrees with rd_id_check, the fast check rd_get_id runs.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "fields.h"
#include "fuzz_bytes.h"

#define NAME "value"

static const struct rd_codes *const lists[] = {
	&rd_modality_codes, &rd_setting_codes, &rd_end_reason_codes,
	&rd_substance_codes, &rd_primary_codes, &rd_sex_codes,
	&rd_activity_codes, &rd_attendance_codes, &rd_result_codes,
	&rd_domain_codes, &rd_set_by_codes, &rd_yes_no_codes,
};

/* A reason names the field, is printable and was not cut short. */
static void
check_reason(const struct rd_why *w)
{
	size_t len = strnlen(w->msg, sizeof w->msg);

	if (len == 0 || len >= sizeof w->msg - 1 ||
	    strncmp(w->msg, NAME " ", sizeof NAME) != 0)
		abort();
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)w->msg[i] < 0x20 || w->msg[i] == 0x7f)
			abort();
}

/* The default id pattern, or one that the PCRE2 path runs. */
static void
use_id_pattern(int custom)
{
	static int current = -1;

	if (custom == current)
		return;
	rd_ids_init(custom ? "^[A-Z]{2}-?[0-9]{1,8}(\\.[a-z]+)?$" :
	    RD_DEFAULT_ID_PATTERN);
	current = custom;
}

static void
fuzz_id(const char *s, size_t len, int custom)
{
	struct rd_why w;
	bool ok;

	use_id_pattern(custom);
	ok = rd_check_id(NAME, s, len, &w);
	if (ok != (rd_id_check(s, len) > 0) || ok != rd_check_id(NAME, s, len, &w))
		abort();
	if (!ok) {
		check_reason(&w);
		return;
	}
	/* The default pattern: 1 to 64 letters, digits, _ . -, a letter or digit first. */
	if (!custom) {
		if (len == 0 || len > 64 || !isalnum((unsigned char)s[0]))
			abort();
		for (size_t i = 0; i < len; i++)
			if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
				abort();
	}
}

static void
fuzz_date(const char *s, size_t len, enum rd_date_format fmt)
{
	struct rd_why w;
	char iso[11];
	int day, again, back;
	bool ok;

	ok = rd_check_date(NAME, s, len, fmt, &day, &w);
	if (ok != rd_check_date(NAME, s, len, fmt, &again, &w) || day != again)
		abort();
	if (!ok) {
		if (day != RD_NO_DATE)
			abort();
		check_reason(&w);
		return;
	}
	rd_date_format(day, iso);
	if (strlen(iso) != 10 || atoi(iso) < RD_YEAR_MIN || atoi(iso) > RD_YEAR_MAX)
		abort();
	/* Written as ISO, it reads back as the same day in both formats. */
	if (!rd_check_date(NAME, iso, 10, RD_DATE_ISO, &back, &w) || back != day ||
	    !rd_check_date(NAME, iso, 10, RD_DATE_DMY, &back, &w) || back != day)
		abort();
	/* dmy accepts everything ISO does. */
	if (fmt == RD_DATE_ISO &&
	    (!rd_check_date(NAME, s, len, RD_DATE_DMY, &back, &w) || back != day))
		abort();
}

static void
fuzz_code(const char *s, size_t len, const struct rd_codes *codes)
{
	struct rd_why w;
	int index, again;
	char *upper;
	bool ok = rd_check_code(NAME, s, len, codes, &index, &w);

	if (ok != rd_check_code(NAME, s, len, codes, &again, &w) || index != again)
		abort();
	if (!ok) {
		if (index != -1)
			abort();
		check_reason(&w);
		return;
	}
	if (index < 0 || (size_t)index >= codes->n ||
	    rd_code_len(codes, index) != strlen(codes->code[index]))
		abort();
	/* Its own spelling, and the input in upper case, are the same code. */
	if (!rd_check_code(NAME, codes->code[index], strlen(codes->code[index]),
	    codes, &again, &w) || again != index)
		abort();
	if ((upper = malloc(len + 1)) == NULL)
		return;
	for (size_t i = 0; i < len; i++)
		upper[i] = (char)toupper((unsigned char)s[i]);
	if (!rd_check_code(NAME, upper, len, codes, &again, &w) || again != index)
		abort();
	free(upper);
}

static void
fuzz_long(const char *s, size_t len, long min, long max)
{
	struct rd_why w;
	char text[32];
	long value, again;
	bool ok = rd_check_long(NAME, s, len, min, max, &value, &w);

	if (ok != rd_check_long(NAME, s, len, min, max, &again, &w))
		abort();
	if (!ok) {
		check_reason(&w);
		return;
	}
	if (value != again || value < min || value > max)
		abort();
	snprintf(text, sizeof text, "%ld", value);
	if (!rd_check_long(NAME, text, strlen(text), min, max, &again, &w) ||
	    again != value)
		abort();
}

static void
fuzz_real(const char *s, size_t len, double min, double max, int decimals)
{
	struct rd_why w;
	char text[64];
	double value, again;
	bool ok = rd_check_real(NAME, s, len, min, max, decimals, &value, &w);

	if (ok != rd_check_real(NAME, s, len, min, max, decimals, &again, &w))
		abort();
	if (!ok) {
		check_reason(&w);
		return;
	}
	if (value != again || !(value >= min && value <= max))
		abort();
	/*
	 * |value| <= 1e9 with at most 6 decimals has at most 15 significant
	 * digits: %.*f writes the decimal it came from, which reads back as
	 * the same double.
	 */
	snprintf(text, sizeof text, "%.*f", decimals, value);
	if (!rd_check_real(NAME, text, strlen(text), min, max, decimals, &again,
	    &w) || again != value)
		abort();
}

/* A bound from two bytes: -1e9 .. 1e9, or an edge. */
static long
bound(struct bytes *b)
{
	unsigned hi = take(b), lo = take(b);
	long v = (long)((hi << 8 | lo) & 0x7fff) * 30517;	/* below 1e9 */

	if (hi == 0xff)
		return lo & 1 ? 1000000000L : -1000000000L;
	return hi & 0x80 ? -v : v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size };
	unsigned kind = take(&b), pick = take(&b);
	long lo = bound(&b), hi = bound(&b);
	char *value;
	size_t len;

	if (lo > hi) {
		long t = lo;

		lo = hi;
		hi = t;
	}
	/* The value: the rest, in a buffer of exactly its size (ASan sees over-reads). */
	len = b.n;
	if ((value = malloc(len ? len : 1)) == NULL)
		return 0;
	memcpy(value, b.p, len);
	switch (kind % 5) {
	case 0:
		fuzz_id(value, len, (kind >> 3) & 1);
		break;
	case 1:
		fuzz_date(value, len, (kind >> 3) & 1 ? RD_DATE_DMY : RD_DATE_ISO);
		break;
	case 2:
		fuzz_code(value, len, lists[pick % (sizeof lists / sizeof lists[0])]);
		break;
	case 3:
		if ((kind >> 3) & 1)
			fuzz_long(value, len, LONG_MIN, LONG_MAX);
		else
			fuzz_long(value, len, lo, hi);
		break;
	default:
		fuzz_real(value, len, (double)lo, (double)hi, (int)(pick % 7));
		break;
	}
	free(value);
	return 0;
}
