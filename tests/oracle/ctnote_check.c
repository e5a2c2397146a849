/*
 * ctnote_check: compare the UDS outcome library with the outcome tables
 * published by CTNote 0.1.3 (../shared/oracle/ctnote, GPL-3 data that is
 * read in place and never copied into the project).
 *
 * usage: ctnote_check [dir]
 *
 * Every definition is computed on every participant's usePatternUDS word
 * and compared with the published cell: NA equals our empty cell, anything
 * else must be the same text.  A real printed differently (the published
 * files hold six 17-digit prints of shorter numbers, urine-track(1)) is
 * accepted when it is the same number, and counted separately.
 */
#define _POSIX_C_SOURCE 200809L

#include <err.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "uds.h"

#define DEFAULT_DIR	"../shared/oracle/ctnote"
#define MAX_FIELDS	64
#define SHOW_MISMATCHES	5

struct tally {
	size_t	total;
	size_t	matched;
	size_t	reprinted;	/* same double, different text */
	size_t	tolerated;	/* different double within 1e-9 */
	int	seen;
};

enum verdict { SAME_TEXT, SAME_DOUBLE, WITHIN_TOLERANCE, DIFFERENT };

static const char *progname = "ctnote_check";

static const char *const files[] = {
	"outcomes_abstinence_20230210.csv",
	"outcomes_relapse_20221123.csv",
	"outcomes_reduction_20221216.csv",
};

/* Split line at commas in place; the files promise no quoting. */
static size_t
split(char *line, char *fields[], const char *path, size_t lineno)
{
	size_t n = 0;
	char *p = line;

	if (strchr(line, '"') != NULL)
		errx(1, "%s:%zu: quoted field", path, lineno);
	for (;;) {
		if (n == MAX_FIELDS)
			errx(1, "%s:%zu: more than %d fields", path, lineno,
			    MAX_FIELDS);
		fields[n++] = p;
		if ((p = strchr(p, ',')) == NULL)
			return n;
		*p++ = '\0';
	}
}

static int
parse_real(const char *text, double *v)
{
	char *end;

	if (*text == '\0')
		return -1;
	errno = 0;
	*v = strtod(text, &end);
	return *end != '\0' || errno != 0 ? -1 : 0;
}

static enum verdict
compare(enum rd_uds_type type, const char *want, const char *got)
{
	double a, b;

	if (strcmp(want, "NA") == 0)
		want = "";
	if (strcmp(want, got) == 0)
		return SAME_TEXT;
	if (type != RD_UDS_REAL || parse_real(want, &a) == -1 ||
	    parse_real(got, &b) == -1)
		return DIFFERENT;
	if (a == b)
		return SAME_DOUBLE;
	return fabs(a - b) <= 1e-9 ? WITHIN_TOLERANCE : DIFFERENT;
}

static void
record(struct tally *t, const char *path, size_t lineno, const char *word,
    int def, const char *want, const char *got)
{
	enum verdict v = compare(rd_uds_defs[def].type, want, got);

	t->total++;
	if (v == DIFFERENT) {
		if (t->total - t->matched <= SHOW_MISMATCHES)
			fprintf(stderr, "%s:%zu: %s on '%s': want '%s', got "
			    "'%s'\n", path, lineno, rd_uds_defs[def].name,
			    word, want, got);
		return;
	}
	t->matched++;
	if (v == SAME_DOUBLE)
		t->reprinted++;
	else if (v == WITHIN_TOLERANCE)
		t->tolerated++;
}

/* Map header columns to definitions; the first two are who, the word. */
static size_t
read_header(char *line, int defs[], const char *path, int *next_def)
{
	char *fields[MAX_FIELDS];
	size_t n = split(line, fields, path, 1), i;

	if (n < 2 || strcmp(fields[0], "who") != 0 ||
	    strcmp(fields[1], "usePatternUDS") != 0)
		errx(1, "%s:1: header does not start with who,usePatternUDS",
		    path);
	for (i = 2; i < n; i++) {
		if ((defs[i] = rd_uds_find(fields[i])) == -1)
			errx(1, "%s:1: unknown column %s", path, fields[i]);
		if (defs[i] != *next_def)
			fprintf(stderr, "%s: %s:1: column %s is not in spec "
			    "order\n", progname, path, fields[i]);
		*next_def = defs[i] + 1;
	}
	return n;
}

static void
check_row(char *line, size_t ncols, const int defs[], struct tally tallies[],
    const char *path, size_t lineno)
{
	char *fields[MAX_FIELDS], got[64];
	size_t i, len;

	if (split(line, fields, path, lineno) != ncols)
		errx(1, "%s:%zu: not %zu fields", path, lineno, ncols);
	if (strtoul(fields[0], NULL, 10) != lineno - 1)
		errx(1, "%s:%zu: who is %s, not %zu", path, lineno, fields[0],
		    lineno - 1);
	len = strlen(fields[1]);
	if (rd_uds_invalid_at(fields[1], len) != -1)
		errx(1, "%s:%zu: invalid word %s", path, lineno, fields[1]);
	for (i = 2; i < ncols; i++) {
		if (rd_uds_compute(defs[i], fields[1], len, got,
		    sizeof(got)) == RD_UDS_NOMEM)
			err(1, "rd_uds_compute");
		record(&tallies[defs[i]], path, lineno, fields[1], defs[i],
		    fields[i], got);
	}
}

static size_t
check_file(const char *dir, const char *name, struct tally tallies[],
    int *next_def)
{
	char path[4096], *line = NULL;
	int defs[MAX_FIELDS];
	size_t cap = 0, lineno = 0, ncols = 0, i;
	ssize_t got;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	while ((got = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (got == 0 || line[got - 1] != '\n')
			errx(1, "%s:%zu: line does not end in \\n", path,
			    lineno);
		line[got - 1] = '\0';
		if (lineno == 1)
			ncols = read_header(line, defs, path, next_def);
		else
			check_row(line, ncols, defs, tallies, path, lineno);
	}
	if (ferror(fp))
		err(1, "%s", path);
	fclose(fp);
	free(line);
	for (i = 2; i < ncols; i++)
		tallies[defs[i]].seen = 1;
	return lineno > 0 ? lineno - 1 : 0;
}

static int
report(const struct tally tallies[])
{
	size_t i, good = 0, bad = 0;
	const struct tally *t;

	for (i = 0; i < rd_uds_ndefs; i++) {
		t = &tallies[i];
		printf("%s %zu/%zu", rd_uds_defs[i].name, t->matched, t->total);
		if (t->reprinted > 0)
			printf(" (%zu printed differently, same double)",
			    t->reprinted);
		if (t->tolerated > 0)
			printf(" (%zu within 1e-9, different double)",
			    t->tolerated);
		if (!t->seen)
			printf(" (not in the published files)");
		printf("\n");
		if (t->seen && t->total > 0 && t->matched == t->total)
			good++;
		else
			bad++;
	}
	printf("%zu columns all matched, %zu columns with mismatches\n",
	    good, bad);
	return bad > 0;
}

int
main(int argc, char *argv[])
{
	const char *dir = argc > 1 ? argv[1] : DEFAULT_DIR;
	struct tally *tallies;
	struct stat sb;
	size_t i, rows;
	int next_def = 0, status;

	if (argc > 2) {
		fprintf(stderr, "usage: ctnote_check [dir]\n");
		return 2;
	}
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		printf("skipped: %s not found\n", dir);
		return 0;
	}
	if ((tallies = calloc(rd_uds_ndefs, sizeof(*tallies))) == NULL)
		err(1, "calloc");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		rows = check_file(dir, files[i], tallies, &next_def);
		printf("%s: %zu participants\n", files[i], rows);
	}
	status = report(tallies);
	free(tallies);
	return status;
}
