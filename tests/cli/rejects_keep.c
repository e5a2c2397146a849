/*
 * rejects_keep INPUT REJECTS: writes to stdout the lines of INPUT that
 * are not in REJECTS, for the counting test (tests/cli/rejects-count.sh).
 *
 * A rejects row names its first input line in its "line" column and
 * covers one more line for every LF in its input fields.  A row rejected
 * because it did not parse (unbalanced quote, quote inside a field,
 * carriage return) must hold the raw line: its fields joined with commas
 * are the line, plus commas for padding.  Exit 1 when a rejected row does
 * not match its line or names a line twice; the summary goes to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "reader.h"

struct lines {
	char **text;
	size_t *len;
	char *rejected;
	size_t n;
};

static void
load(const char *path, struct lines *in)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	ssize_t got;

	if (f == NULL)
		rd_die_errno(2, "%s", path);
	while ((got = getline(&line, &cap, f)) >= 0) {
		if (in->n == alloc) {
			alloc = alloc ? 2 * alloc : 1024;
			in->text = rd_realloc(in->text, alloc * sizeof *in->text);
			in->len = rd_realloc(in->len, alloc * sizeof *in->len);
		}
		in->len[in->n] = (size_t)got;
		in->text[in->n++] = rd_strndup(line, (size_t)got);
	}
	free(line);
	fclose(f);
	in->rejected = rd_calloc(in->n + 1, 1);
}

/*
 * A parse error's row must be the raw line split at the commas: joined
 * with commas its fields are the line and then only the commas of the
 * empty fields that pad a short line.
 */
static int
raw_matches(const struct rd_record *rec, size_t width, const char *raw, size_t len)
{
	size_t total = 0, pos = 0;
	char *joined;
	int same;

	while (len > 0 && raw[len - 1] == '\n')
		len--;
	if (len > 0 && raw[len - 1] == '\r')
		len--;
	for (size_t i = 0; i < width; i++)
		total += rec->len[i] + 1;
	joined = rd_malloc(total + 1);
	for (size_t i = 0; i < width; i++) {
		memcpy(joined + pos, rec->f[i], rec->len[i]);
		pos += rec->len[i];
		joined[pos++] = ',';
	}
	pos--;		/* no comma after the last field */
	same = pos >= len && memcmp(joined, raw, len) == 0;
	for (size_t i = len; same && i < pos; i++)
		same = joined[i] == ',';
	free(joined);
	return same;
}

int
main(int argc, char **argv)
{
	struct rd_reader_config cfg = { .delim = ',' };
	struct lines in = { 0 };
	struct rd_reader *r;
	struct rd_record rec;
	unsigned long rows = 0, lines = 0, raw_rows = 0, bad = 0;

	rd_setprogname("rejects_keep");
	if (argc != 3)
		rd_die(2, "usage: rejects_keep INPUT REJECTS");
	load(argv[1], &in);
	r = rd_open_config(argv[2], &cfg);
	while (rd_next(r, &rec) > 0) {
		size_t width = rec.n - 3, span = 1;
		long first = strtol(rec.f[rec.n - 3], NULL, 10);
		const char *msg = rec.f[rec.n - 1];

		for (size_t i = 0; i < width; i++)
			for (const char *p = rec.f[i]; (p = memchr(p, '\n',
			    rec.len[i] - (size_t)(p - rec.f[i]))) != NULL; p++)
				span++;
		if (first < 2 || (size_t)first + span - 1 > in.n) {
			fprintf(stderr, "rejects row names line %ld, outside the input\n", first);
			return 1;
		}
		if (strncmp(msg, "unbalanced quote", 16) == 0 ||
		    strncmp(msg, "quote inside", 12) == 0 ||
		    strncmp(msg, "carriage return", 15) == 0) {
			raw_rows++;
			if (!raw_matches(&rec, width, in.text[first - 1], in.len[first - 1])) {
				fprintf(stderr, "line %ld: rejects row is not the raw line\n", first);
				bad++;
			}
		}
		for (size_t k = 0; k < span; k++) {
			if (in.rejected[first - 1 + k]++)
				bad++;
			lines++;
		}
		rows++;
	}
	rd_close(r);
	for (size_t i = 0; i < in.n; i++)
		if (!in.rejected[i] && fwrite(in.text[i], 1, in.len[i], stdout) != in.len[i])
			rd_die_errno(1, "stdout");
	fprintf(stderr, "%lu rejects rows cover %lu lines, %lu of them raw\n",
	    rows, lines, raw_rows);
	return bad > 0 || fflush(stdout) != 0;
}
