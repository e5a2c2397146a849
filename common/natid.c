#define PCRE2_CODE_UNIT_WIDTH 8

#include "natid.h"

#include <pcre2.h>
#include <stdlib.h>

#include "date.h"

/*
 * The pattern only finds the shapes listed in natid.h; every number is then
 * judged in C.  Separators are [-+]? and " ?", so the shapes cannot share a
 * digit run and at most one alternative matches at any start.
 */
static const char natid_pattern[] =
    "(?<![0-9])"
    "(?:[0-9]{6}[-+]?[0-9]{4}"		/* Swedish, two-digit year */
    "|[0-9]{8}-?[0-9]{4}"		/* Swedish, four-digit year */
    "|[0-9]{6} ?[0-9]{5})"		/* Norwegian */
    "(?![0-9])";

/*
 * The pattern cannot backtrack much (fixed repeats, no nesting), so these
 * limits are never reached on honest input; they only bound the damage if
 * the pattern is ever changed carelessly.
 */
#define NATID_MATCH_LIMIT	1000000
#define NATID_DEPTH_LIMIT	1000

struct rd_natid {
	pcre2_code		*re;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
};

struct rd_natid *
rd_natid_new(void)
{
	struct rd_natid *n;
	int err;
	PCRE2_SIZE erroff;

	if ((n = calloc(1, sizeof(*n))) == NULL)
		return NULL;
	/*
	 * MATCH_INVALID_UTF: records may well hold Latin-1 names; such bytes
	 * must not make the scan fail, they just never match.
	 */
	n->re = pcre2_compile((PCRE2_SPTR)natid_pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &erroff, NULL);
	if (n->re == NULL)
		goto fail;
	/* Without JIT support this fails and pcre2_match() interprets. */
	(void)pcre2_jit_compile(n->re, PCRE2_JIT_COMPLETE);
	if ((n->md = pcre2_match_data_create_from_pattern(n->re, NULL)) == NULL)
		goto fail;
	if ((n->mctx = pcre2_match_context_create(NULL)) == NULL)
		goto fail;
	pcre2_set_match_limit(n->mctx, NATID_MATCH_LIMIT);
	pcre2_set_depth_limit(n->mctx, NATID_DEPTH_LIMIT);
	return n;
fail:
	rd_natid_free(n);
	return NULL;
}

void
rd_natid_free(struct rd_natid *n)
{
	if (n == NULL)
		return;
	pcre2_match_context_free(n->mctx);
	pcre2_match_data_free(n->md);
	pcre2_code_free(n->re);
	free(n);
}

static int
two(const int *d)
{
	return d[0] * 10 + d[1];
}

/* Luhn over YYMMDDNNNK: double every other digit from the first. */
static int
luhn_ok(const int *d)
{
	int sum = 0;

	for (int i = 0; i < 10; i++) {
		int v = i % 2 == 0 ? d[i] * 2 : d[i];

		sum += v / 10 + v % 10;
	}
	return sum % 10 == 0;
}

/*
 * d holds YYMMDDNNNK.  With a four-digit year the century is given (18..20);
 * otherwise century is 0 and the date may lie in either of two centuries,
 * which only matters for 29 February in year 00.
 */
static int
se_valid(const int *d, int century, int plus, enum rd_natid_kind *kind)
{
	int yy = two(d), mm = two(d + 2), dd = two(d + 4);
	int ok;

	/* Serial number (digits 7-9) 000 is never issued: no person has it. */
	if (!luhn_ok(d) || (d[6] == 0 && d[7] == 0 && d[8] == 0))
		return 0;
	/*
	 * A samordningsnummer's date is looser: Skatteverket's test set has
	 * month 00 and day 60 (day 00) for unknown parts, and days such as
	 * 30 February, all valid numbers.  Month 00-12 and day 00-31 it is.
	 */
	if (dd >= 60) {
		dd -= 60;
		ok = mm <= 12 && dd <= 31 &&
		    (century == 0 || (century >= 18 && century <= 20));
		if (ok)
			*kind = RD_NATID_SE_SAMORD;
		return ok;
	}
	if (century != 0)
		ok = century >= 18 && century <= 20 &&
		    rd_date_valid(century * 100 + yy, mm, dd);
	else if (plus)
		ok = rd_date_valid(1800 + yy, mm, dd) ||
		    rd_date_valid(1900 + yy, mm, dd);
	else
		ok = rd_date_valid(1900 + yy, mm, dd) ||
		    rd_date_valid(2000 + yy, mm, dd);
	if (ok)
		*kind = RD_NATID_SE_PNR;
	return ok;
}

/* Expected mod-11 check digit for the first n digits, -1 if none exists. */
static int
mod11(const int *d, const int *w, int n)
{
	int sum = 0, r;

	for (int i = 0; i < n; i++)
		sum += d[i] * w[i];
	r = sum % 11;
	if (r == 1)
		return -1;
	return r == 0 ? 0 : 11 - r;
}

/* d holds DDMMYYIIIKK. */
static int
no_valid(const int *d, enum rd_natid_kind *kind)
{
	static const int w1[] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int w2[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int dd = two(d), mm = two(d + 2), yy = two(d + 4);
	enum rd_natid_kind k = RD_NATID_NO_FNR;

	if (mod11(d, w1, 9) != d[9] || mod11(d, w2, 10) != d[10])
		return 0;
	if (d[0] >= 8) {
		*kind = RD_NATID_NO_FHNR;
		return 1;
	}
	/* Day + 40 and month + 40 may come together: a D-nummer holder
	 * given an H-nummer (navikt fnrvalidator's "dnr-and-hnr"). */
	if (dd > 40) {
		dd -= 40;
		k = RD_NATID_NO_DNR;
	}
	if (mm > 40) {
		mm -= 40;
		k = k == RD_NATID_NO_DNR ? RD_NATID_NO_DHNR : RD_NATID_NO_HNR;
	}
	/*
	 * 1854-1899 and 1940-1999 have the same leap years as 1900+YY, and
	 * 2000 is the only other one that matters.
	 */
	if (!rd_date_valid(1900 + yy, mm, dd) &&
	    !rd_date_valid(2000 + yy, mm, dd))
		return 0;
	*kind = k;
	return 1;
}

/* Judges one match of natid_pattern: n bytes of digits and a separator. */
static int
candidate_valid(const char *s, size_t n, enum rd_natid_kind *kind)
{
	int d[12], nd = 0;
	char sep = '\0';

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9' && nd < 12)
			d[nd++] = s[i] - '0';
		else
			sep = s[i];
	}
	switch (nd) {
	case 10:
		return se_valid(d, 0, sep == '+', kind);
	case 12:
		return se_valid(d + 2, two(d), 0, kind);
	case 11:
		return no_valid(d, kind);
	default:
		return 0;
	}
}

int
rd_natid_scan(struct rd_natid *n, const char *text, size_t len,
    enum rd_natid_kind *kind, size_t *off)
{
	PCRE2_SIZE start = 0, *ov;
	int rc;

	if (len == 0)
		return 0;
	/* PCRE2_ZERO_TERMINATED is SIZE_MAX; no real buffer is that long. */
	if (len == PCRE2_ZERO_TERMINATED)
		return -1;
	while (start < len) {
		rc = pcre2_match(n->re, (PCRE2_SPTR)text, len, start, 0, n->md,
		    n->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			return 0;
		if (rc < 0)
			return -1;
		ov = pcre2_get_ovector_pointer(n->md);
		if (candidate_valid(text + ov[0], ov[1] - ov[0], kind)) {
			*off = ov[0];
			return 1;
		}
		/*
		 * Shapes cannot overlap, so ov[1] would do; one past the
		 * start (an ASCII digit, hence a character boundary) costs
		 * nothing, as the lookbehind rejects every position inside
		 * the run, and stays right if the pattern ever grows.
		 */
		start = ov[0] + 1;
	}
	return 0;
}

const char *
rd_natid_kind_name(enum rd_natid_kind kind)
{
	switch (kind) {
	case RD_NATID_SE_PNR:
		return "Swedish personnummer";
	case RD_NATID_SE_SAMORD:
		return "Swedish samordningsnummer";
	case RD_NATID_NO_FNR:
		return "Norwegian fødselsnummer";
	case RD_NATID_NO_DNR:
		return "Norwegian D-nummer";
	case RD_NATID_NO_HNR:
		return "Norwegian H-nummer";
	case RD_NATID_NO_DHNR:
		return "Norwegian D-nummer with H-nummer month";
	case RD_NATID_NO_FHNR:
		return "Norwegian FH-nummer";
	}
	return "national identity number";
}
