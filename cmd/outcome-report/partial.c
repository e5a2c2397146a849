/*
 * Partial aggregates (--partial) and their merge (--merge).
 *
 * A partial file is csv or tsv with the columns
 *   _kind, by:NAME ..., params, episodes, patients,
 *   SHARE_num, SHARE_den (for every share), goal_n, goal_t_sum, los_days,
 *   waiting_days
 * one row per group (_kind "group") and one total row (_kind "total").
 * Everything in it adds up across shards split by patient: counts, the
 * GAS T-scores summed in millionths (integers, so the order of addition
 * cannot change a digit) and los_days, the histogram of lengths of stay as
 * "DAYS:COUNT" pairs separated by spaces, from which the merge takes the
 * exact median, and waiting_days, the same for the days from referral to
 * start.  params records what the run was asked for; every row of
 * every shard must agree on it, but for the " shard=I/N" that --shard
 * appends.  With shard numbers the merge wants each shard's total row
 * exactly once; without, it refuses two identical total rows of
 * non-empty partials (a file given twice), which distinct shards of real
 * data do not produce.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "fields.h"
#include "reader.h"
#include "rejects.h"
#include "report.h"

#define BY_PREFIX "by:"
#define SHARD_PREFIX " shard="
/*
 * The first column.  Its name sorts before "group" and "total" byte by
 * byte, so that partial lines sorted as a whole (a Hadoop shuffle, sort(1)
 * in a pipeline) still begin with a header line.
 */
#define KIND_COLUMN "_kind"

/* The fixed columns after the grouping columns. */
static size_t
fixed_names(const char **names)
{
	static char buf[NSHARES][2][32];
	size_t n = 0;

	names[n++] = "params";
	names[n++] = "episodes";
	names[n++] = "patients";
	for (int i = 0; i < NSHARES; i++) {
		snprintf(buf[i][0], sizeof buf[i][0], "%s_num", share_name[i]);
		snprintf(buf[i][1], sizeof buf[i][1], "%s_den", share_name[i]);
		names[n++] = buf[i][0];
		names[n++] = buf[i][1];
	}
	names[n++] = "goal_n";
	names[n++] = "goal_t_sum";
	names[n++] = "los_days";
	names[n++] = "waiting_days";
	return n;
}
#define NFIXED (3 + 2 * NSHARES + 4)

static void
put_los(struct rd_writer *w, struct hist *h)
{
	char *buf, *p;
	size_t cap;

	hist_normalize(h);
	cap = h->n * 44 + 1;
	p = buf = rd_malloc(cap);
	*p = '\0';
	for (size_t i = 0; i < h->n; i++)
		p += snprintf(p, cap - (size_t)(p - buf), "%s%d:%ld", i ? " " : "",
		    h->bin[i].day, h->bin[i].count);
	rd_put(w, buf, (size_t)(p - buf));
	free(buf);
}

static void
put_agg(struct rd_writer *w, struct agg *a, const char *params)
{
	rd_put_str(w, params);
	rd_put_long(w, a->episodes);
	rd_put_long(w, a->patients);
	for (int i = 0; i < NSHARES; i++) {
		rd_put_long(w, a->num[i]);
		rd_put_long(w, a->den[i]);
	}
	rd_put_long(w, a->goal_n);
	rd_put_long(w, a->goal_t_sum);
	put_los(w, &a->los);
	put_los(w, &a->wait);
	rd_end_row(w);
}

void
partial_write(struct report *rep, struct rd_writer *w)
{
	const char **names = rd_calloc(rep->nby + NFIXED + 2, sizeof *names);
	char **by = rd_calloc(rep->nby + 1, sizeof *by);
	char params[PARAMS_MAX];
	size_t n = 0, *order = report_order(rep);

	names[n++] = KIND_COLUMN;
	for (size_t i = 0; i < rep->nby; i++) {
		by[i] = rd_malloc(strlen(rep->by[i]) + sizeof BY_PREFIX);
		strcpy(by[i], BY_PREFIX);
		strcat(by[i], rep->by[i]);
		names[n++] = by[i];
	}
	n += fixed_names(names + n);
	rd_put_header(w, names, n);
	params_format(&rep->params, params, sizeof params);
	if (rep->params.nshards > 0) {
		size_t len = strlen(params);

		snprintf(params + len, sizeof params - len, SHARD_PREFIX "%ld/%ld",
		    rep->params.shard, rep->params.nshards);
	}
	for (size_t k = 0; rep->nby > 0 && k < rep->ngroups; k++) {
		struct group *g = &rep->group[order[k]];

		rd_put_str(w, "group");
		for (size_t i = 0; i < rep->nby; i++)
			rd_put_str(w, g->values[i]);
		put_agg(w, &g->agg, params);
	}
	rd_put_str(w, "total");
	for (size_t i = 0; i < rep->nby; i++)
		rd_put_empty(w);
	put_agg(w, &rep->total, params);
	for (size_t i = 0; i < rep->nby; i++)
		free(by[i]);
	free(by);
	free(names);
	free(order);
}

/* Merge. */

/* Where a shard's total row was first seen. */
struct seen {
	const char *file;		/* the reader's name, kept in names */
	long line;
};

/* A total row of a partial without shard numbers, by its digest. */
struct total_seen {
	unsigned char digest[crypto_generichash_BYTES];
	struct seen at;
};

struct merge {
	struct report *rep;
	char **header;			/* the first file's header */
	size_t ncols;
	char *params;			/* of the first row, without its shard */
	bool started;
	long nshards;			/* of the first row; 0 without --shard */
	struct seen *shard_seen;	/* nshards, by shard - 1 */
	struct total_seen *totals;	/* without shard numbers */
	size_t ntotals;
	char **names;			/* file names the seen entries point into */
	size_t nnames;
};

static bool
parse_date_value(const char *v, size_t len, int *day)
{
	if (len == 0) {
		*day = RD_NO_DATE;
		return true;
	}
	return rd_date_parse(v, len, RD_DATE_ISO, day) == 0;
}

/* Reads "as-of=... from=... to=... missing=... inputs=episodes+a+b" into p. */
static bool
params_parse(const char *s, struct params *p)
{
	char canon[PARAMS_MAX];
	const char *as_of, *from, *to, *missing, *inputs, *waiting;

	memset(p, 0, sizeof *p);
	if (strstr(s, SHARD_PREFIX) != NULL)
		return false;	/* split_shard() takes it off first */
	if ((as_of = strstr(s, "as-of=")) == NULL || (from = strstr(s, " from=")) == NULL ||
	    (to = strstr(s, " to=")) == NULL || (missing = strstr(s, " missing=")) == NULL ||
	    (inputs = strstr(s, " inputs=")) == NULL)
		return false;
	as_of += 6, from += 6, to += 4, missing += 9, inputs += 8;
	if (rd_date_parse(as_of, 10, RD_DATE_ISO, &p->as_of) != 0 ||
	    !parse_date_value(from, (size_t)(strchr(from, ' ') - from), &p->from) ||
	    !parse_date_value(to, (size_t)(strchr(to, ' ') - to), &p->to))
		return false;
	p->missing = strncmp(missing, "ignore ", 7) == 0 ? RD_MISSING_IGNORE :
	    RD_MISSING_POSITIVE;
	p->sessions = strstr(inputs, "+sessions") != NULL;
	p->urine = strstr(inputs, "+urine") != NULL;
	p->goals = strstr(inputs, "+goals") != NULL;
	p->prescribed = strstr(inputs, "+prescribed") != NULL;
	p->assessments = strstr(inputs, "+assessments") != NULL;
	if ((waiting = strstr(s, " waiting-days=")) == NULL ||
	    rd_parse_long(waiting + 14, strcspn(waiting + 14, " "), &p->waiting_days) != 0)
		return false;
	/* Whatever was read must print back the same. */
	params_format(p, canon, sizeof canon);
	return strcmp(canon, s) == 0;
}

/*
 * Takes " shard=I/N" off the end of params (len bytes): its length
 * without it, and *shard, *nshards (0 when there is none).  -1 when the
 * shard part is malformed.
 */
static long
split_shard(const char *params, size_t len, long *shard, long *nshards)
{
	const char *at = strstr(params, SHARD_PREFIX), *num, *slash;

	*shard = *nshards = 0;
	if (at == NULL)
		return (long)len;
	num = at + sizeof SHARD_PREFIX - 1;
	slash = strchr(num, '/');
	if (slash == NULL ||
	    rd_parse_long(num, (size_t)(slash - num), shard) != 0 ||
	    rd_parse_long(slash + 1, len - (size_t)(slash + 1 - params), nshards) != 0 ||
	    *nshards < 1 || *nshards > PARTIAL_MAX_SHARDS || *shard < 1 ||
	    *shard > *nshards)
		return -1;
	return (long)(at - params);
}

static void
check_header(struct merge *m, struct rd_reader *r)
{
	const struct rd_record *h = rd_header(r);
	const char *fixed[NFIXED + 1];
	size_t nby = 0;

	if (m->header != NULL) {
		bool same = h->n == m->ncols;

		for (size_t i = 0; same && i < h->n; i++)
			same = strcmp(h->f[i], m->header[i]) == 0;
		if (!same)
			rd_die(RD_EXIT_DATA, "%s: its header differs from the first "
			    "partial file's (partials of different --by?)", rd_name(r));
		return;
	}
	fixed_names(fixed);
	while (1 + nby < h->n && strncmp(h->f[1 + nby], BY_PREFIX, 3) == 0)
		nby++;
	bool ok = h->n == 1 + nby + NFIXED && strcmp(h->f[0], KIND_COLUMN) == 0;

	for (size_t i = 0; ok && i < NFIXED; i++)
		ok = strcmp(h->f[1 + nby + i], fixed[i]) == 0;
	if (!ok)
		rd_die(RD_EXIT_DATA, "%s: not a partial output of outcome-report "
		    "(its header is not the one --partial writes)", rd_name(r));
	m->ncols = h->n;
	m->header = rd_calloc(h->n + 1, sizeof *m->header);
	for (size_t i = 0; i < h->n; i++)
		m->header[i] = rd_strdup(h->f[i]);
	m->rep->nby = nby;
	m->rep->by = rd_calloc(nby + 1, sizeof *m->rep->by);
	for (size_t i = 0; i < nby; i++)
		m->rep->by[i] = rd_strdup(h->f[1 + i] + 3);
}

static bool
is_header_line(const struct merge *m, const struct rd_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		if (strcmp(rec->f[i], m->header[i]) != 0)
			return false;
	return true;
}

static bool
get_count(struct rd_reader *r, const struct rd_record *rec, size_t col, long *v)
{
	if (rd_parse_long(rec->f[col], rec->len[col], v) == 0 && *v >= 0)
		return true;
	rd_reject(r, rec, (int)col, "%s is not a count (a whole number >= 0)",
	    rd_header(r)->f[col]);
	return false;
}

static bool
get_los(struct rd_reader *r, const struct rd_record *rec, size_t col, struct hist *h)
{
	const char *s = rec->f[col], *end = s + rec->len[col];

	while (s < end) {
		const char *sp = memchr(s, ' ', (size_t)(end - s)), *colon;
		long day, count;

		if (sp == NULL)
			sp = end;
		colon = memchr(s, ':', (size_t)(sp - s));
		if (colon == NULL || rd_parse_long(s, (size_t)(colon - s), &day) != 0 ||
		    rd_parse_long(colon + 1, (size_t)(sp - colon - 1), &count) != 0 ||
		    day < 0 || day > 4000000 || count < 1) {
			rd_reject(r, rec, (int)col, "%s is not a list of DAYS:COUNT "
			    "pairs separated by spaces", rd_header(r)->f[col]);
			return false;
		}
		hist_add(h, (int)day, count);
		s = sp + (sp < end);
	}
	return true;
}

/* Reads the counts of one row into a (zeroed by the caller). */
static bool
read_agg(struct rd_reader *r, const struct rd_record *rec, size_t c, struct agg *a)
{
	long goal_sum;

	if (!get_count(r, rec, c, &a->episodes) || !get_count(r, rec, c + 1, &a->patients))
		return false;
	c += 2;
	for (int i = 0; i < NSHARES; i++, c += 2) {
		if (!get_count(r, rec, c, &a->num[i]) || !get_count(r, rec, c + 1, &a->den[i]))
			return false;
		if (a->num[i] > a->den[i]) {
			rd_reject(r, rec, (int)c, "%s is larger than its denominator",
			    rd_header(r)->f[c]);
			return false;
		}
	}
	if (!get_count(r, rec, c, &a->goal_n) || !get_count(r, rec, c + 1, &goal_sum))
		return false;
	a->goal_t_sum = goal_sum;
	return get_los(r, rec, c + 2, &a->los) && get_los(r, rec, c + 3, &a->wait);
}

/*
 * The params of a row: the first row's set them, every other must agree
 * but for its shard number.  *shard is the row's (0: none).
 */
static bool
check_params(struct merge *m, struct rd_reader *r, const struct rd_record *rec,
    size_t pcol, long *shard)
{
	long nshards, len = split_shard(rec->f[pcol], rec->len[pcol], shard, &nshards);
	char *base;

	if (len < 0) {
		rd_reject(r, rec, (int)pcol, "params has a shard that is not I/N "
		    "(1 <= I <= N <= %d)", PARTIAL_MAX_SHARDS);
		return false;
	}
	base = rd_strndup(rec->f[pcol], (size_t)len);
	if (!m->started) {
		struct params p;

		if (!params_parse(base, &p)) {
			free(base);
			rd_reject(r, rec, (int)pcol, "params is not what --partial writes");
			return false;
		}
		m->rep->params = p;
		m->params = base;
		m->nshards = nshards;
		if (nshards > 0)
			m->shard_seen = rd_calloc((size_t)nshards, sizeof *m->shard_seen);
		m->started = true;
		return true;
	}
	if (strcmp(base, m->params) != 0) {
		rd_reject(r, rec, (int)pcol, "params '%s' differ from the first partial "
		    "row's '%s' (every shard needs the same --as-of, --from, --to, "
		    "--missing and inputs)", base, m->params);
		free(base);
		return false;
	}
	free(base);
	if (nshards != m->nshards) {
		if (m->nshards == 0 || nshards == 0)
			rd_reject(r, rec, (int)pcol, "partials with and without --shard "
			    "cannot be merged");
		else
			rd_reject(r, rec, (int)pcol, "shard %ld/%ld is not one of %ld "
			    "shards, as the first partial row says", *shard, nshards,
			    m->nshards);
		return false;
	}
	return true;
}

static const char *
keep_name(struct merge *m, const char *name)
{
	if (m->nnames == 0 || strcmp(m->names[m->nnames - 1], name) != 0) {
		m->names = rd_realloc(m->names, (m->nnames + 1) * sizeof *m->names);
		m->names[m->nnames++] = rd_strdup(name);
	}
	return m->names[m->nnames - 1];
}

/* A partial's total row: once per shard, and never the same file twice. */
static bool
check_total(struct merge *m, struct rd_reader *r, const struct rd_record *rec,
    long shard)
{
	struct seen at = { NULL, rec->line };
	size_t ecol = 1 + m->rep->nby + 1;	/* episodes */

	if (shard > 0) {
		struct seen *s = &m->shard_seen[shard - 1];

		if (s->file != NULL) {
			rd_reject(r, rec, 0, "shard %ld/%ld given twice (its total row is "
			    "also on line %ld of %s)", shard, m->nshards, s->line, s->file);
			return false;
		}
		at.file = keep_name(m, rd_name(r));
		*s = at;
		return true;
	}
	if (rec->len[ecol] == 1 && rec->f[ecol][0] == '0')
		return true;	/* an empty shard adds nothing, however often */
	unsigned char digest[crypto_generichash_BYTES];
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, sizeof digest);
	for (size_t i = 0; i < rec->n; i++)
		crypto_generichash_update(&st, (const unsigned char *)rec->f[i],
		    rec->len[i] + 1);	/* with the NUL: fields stay apart */
	crypto_generichash_final(&st, digest, sizeof digest);
	for (size_t i = 0; i < m->ntotals; i++)
		if (memcmp(m->totals[i].digest, digest, sizeof digest) == 0) {
			rd_reject(r, rec, 0, "the same partial given twice: this total "
			    "row equals the one on line %ld of %s (if these really are "
			    "two shards, run the partials with --shard I/N)",
			    m->totals[i].at.line, m->totals[i].at.file);
			return false;
		}
	m->totals = rd_realloc(m->totals, (m->ntotals + 1) * sizeof *m->totals);
	memcpy(m->totals[m->ntotals].digest, digest, sizeof digest);
	at.file = keep_name(m, rd_name(r));
	m->totals[m->ntotals++].at = at;
	return true;
}

static void
merge_row(struct merge *m, struct rd_reader *r, const struct rd_record *rec)
{
	struct report *rep = m->rep;
	size_t nby = rep->nby, pcol = 1 + nby;
	struct agg a;
	bool total;
	long shard;

	if (strcmp(rec->f[0], KIND_COLUMN) == 0) {
		rd_reject(r, rec, 0, "a header line that differs from the first: "
		    "partials of different --by cannot be merged");
		return;
	}
	if (strcmp(rec->f[0], "group") != 0 && strcmp(rec->f[0], "total") != 0) {
		rd_reject(r, rec, 0, "_kind is not group or total");
		return;
	}
	total = strcmp(rec->f[0], "total") == 0;
	if (!check_params(m, r, rec, pcol, &shard))
		return;
	if (total && !check_total(m, r, rec, shard))
		return;
	memset(&a, 0, sizeof a);
	if (!read_agg(r, rec, pcol + 1, &a)) {
		agg_free(&a);
		return;
	}
	if (total)
		agg_merge(&rep->total, &a);
	else {
		const char **values = rd_calloc(nby + 1, sizeof *values);
		size_t *lens = rd_calloc(nby + 1, sizeof *lens);

		for (size_t i = 0; i < nby; i++) {
			values[i] = rec->f[1 + i];
			lens[i] = rec->len[1 + i];
		}
		size_t g = report_group(rep, values, lens);	/* may move rep->group */

		agg_merge(&rep->group[g].agg, &a);
		free(values);
		free(lens);
	}
	agg_free(&a);
}

static void
merge_file(struct merge *m, const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_record rec;

	rd_reader_set_strict(r);
	check_header(m, r);
	while (rd_next_good(r, &rec) > 0)
		if (!is_header_line(m, &rec))
			merge_row(m, r, &rec);
	rd_close(r);
}

/* With shard numbers, every shard 1..N must be there (the first few missing named). */
static void
check_all_shards(const struct merge *m)
{
	char list[256] = "";
	size_t used = 0;
	long missing = 0;

	for (long s = 1; s <= m->nshards; s++) {
		if (m->shard_seen[s - 1].file != NULL)
			continue;
		if (missing++ < 8 && used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%ld/%ld",
			    used ? ", " : "", s, m->nshards);
	}
	if (missing == 1)
		rd_die(RD_EXIT_DATA, "shard %s is missing: no total row of it in the "
		    "partials", list);
	if (missing > 1)
		rd_die(RD_EXIT_DATA, "%ld shards are missing: %s%s", missing, list,
		    missing > 8 ? ", ..." : "");
}

void
partial_merge(struct report *rep, const char *const *paths, size_t npaths)
{
	struct merge m = { .rep = rep };
	struct params none = { 0 };

	if (sodium_init() < 0)
		rd_die(RD_EXIT_DATA, "libsodium could not be initialised");
	report_init(rep, &none, NULL, 0);
	if (npaths == 0)
		merge_file(&m, NULL);
	for (size_t i = 0; i < npaths; i++)
		merge_file(&m, paths[i]);
	if (!m.started)
		rd_die(RD_EXIT_DATA, "%s: no partial rows to merge",
		    npaths > 0 ? paths[npaths - 1] : "<stdin>");
	check_all_shards(&m);
	for (size_t i = 0; i < m.ncols; i++)
		free(m.header[i]);
	free(m.header);
	free(m.params);
	for (size_t i = 0; i < m.nnames; i++)
		free(m.names[i]);
	free(m.names);
	free(m.shard_seen);
	free(m.totals);
}

/* The options of the partial runs given to --merge. */

static void
date_text(int day, char *out)
{
	if (day == RD_NO_DATE)
		out[0] = '\0';
	else
		rd_date_format(day, out);
}

static void
expect_date(const char *option, bool given, int want, int have)
{
	char w[11], h[11];

	if (!given || want == have)
		return;
	date_text(want, w);
	date_text(have, h);
	if (have == RD_NO_DATE)
		rd_die(RD_EXIT_USAGE, "--merge %s %s: the partials were run without %s",
		    option, w, option);
	rd_die(RD_EXIT_USAGE, "--merge %s %s: the partials were run with %s %s",
	    option, w, option, h);
}

static char *
by_text(char *const *by, size_t nby)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < nby; i++)
		len += strlen(by[i]) + 1;
	s = rd_malloc(len);
	s[0] = '\0';
	for (size_t i = 0; i < nby; i++) {
		if (i > 0)
			strcat(s, ",");
		strcat(s, by[i]);
	}
	return s;
}

void
partial_expect(const struct report *rep, const struct merge_expect *want)
{
	const struct params *have = &rep->params;

	if (want->by_given) {
		char *w = by_text(want->by, want->nby), *h = by_text(rep->by, rep->nby);

		if (strcmp(w, h) != 0) {
			if (rep->nby == 0)
				rd_die(RD_EXIT_USAGE, "--merge --by %s: the partials were "
				    "run without --by", w);
			rd_die(RD_EXIT_USAGE, "--merge --by %s: the partials were run "
			    "with --by %s", w, h);
		}
		free(w);
		free(h);
	}
	expect_date("--as-of", want->as_of_given, want->params.as_of, have->as_of);
	expect_date("--from", want->from_given, want->params.from, have->from);
	expect_date("--to", want->to_given, want->params.to, have->to);
	if (want->missing_given && want->params.missing != have->missing) {
		const char *w = want->params.missing == RD_MISSING_IGNORE ? "ignore" : "positive";
		const char *h = have->missing == RD_MISSING_IGNORE ? "ignore" : "positive";

		rd_die(RD_EXIT_USAGE, "--merge --missing %s: the partials were run with "
		    "--missing %s", w, h);
	}
	if (want->waiting_given && want->params.waiting_days != have->waiting_days)
		rd_die(RD_EXIT_USAGE, "--merge --waiting-days %ld: the partials were run "
		    "with --waiting-days %ld", want->params.waiting_days, have->waiting_days);
}
