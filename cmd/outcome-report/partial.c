/*
 * Partial aggregates (--partial) and their merge (--merge).
 *
 * A partial file is csv or tsv with the columns
 *   _kind, by:NAME ..., params, episodes, patients,
 *   SHARE_num, SHARE_den (for every share), goal_n, goal_t_sum, los_days
 * one row per group (_kind "group") and one total row (_kind "total").
 * Everything in it adds up across shards split by patient: counts, the
 * GAS T-scores summed in millionths (integers, so the order of addition
 * cannot change a digit) and los_days, the histogram of lengths of stay as
 * "DAYS:COUNT" pairs separated by spaces, from which the merge takes the
 * exact median.  params records what the run was asked for; every row of
 * every shard must agree on it.
 */
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
	return n;
}
#define NFIXED (3 + 2 * NSHARES + 3)

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

struct merge {
	struct report *rep;
	char **header;			/* the first file's header */
	size_t ncols;
	char *params;			/* of the first row */
	bool started;
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
	const char *as_of, *from, *to, *missing, *inputs;

	memset(p, 0, sizeof *p);
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
	/* Whatever was read must print back the same. */
	params_format(p, canon, sizeof canon);
	return strcmp(canon, s) == 0;
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
			rd_reject(r, rec, (int)col, "los_days is not a list of DAYS:COUNT "
			    "pairs separated by spaces");
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
	return get_los(r, rec, c + 2, &a->los);
}

static void
merge_row(struct merge *m, struct rd_reader *r, const struct rd_record *rec)
{
	struct report *rep = m->rep;
	size_t nby = rep->nby, pcol = 1 + nby;
	struct agg a;
	bool total;

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
	if (!m->started) {
		struct params p;

		if (!params_parse(rec->f[pcol], &p)) {
			rd_reject(r, rec, (int)pcol, "params is not what --partial writes");
			return;
		}
		rep->params = p;
		m->params = rd_strdup(rec->f[pcol]);
		m->started = true;
	} else if (strcmp(rec->f[pcol], m->params) != 0) {
		rd_reject(r, rec, (int)pcol, "params differ between partial rows "
		    "(every shard needs the same --as-of, --from, --to, --missing "
		    "and inputs)");
		return;
	}
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

void
partial_merge(struct report *rep, const char *const *paths, size_t npaths)
{
	struct merge m = { .rep = rep };
	struct params none = { 0 };

	report_init(rep, &none, NULL, 0);
	if (npaths == 0)
		merge_file(&m, NULL);
	for (size_t i = 0; i < npaths; i++)
		merge_file(&m, paths[i]);
	if (!m.started)
		rd_die(RD_EXIT_DATA, "%s: no partial rows to merge",
		    npaths > 0 ? paths[npaths - 1] : "<stdin>");
	for (size_t i = 0; i < m.ncols; i++)
		free(m.header[i]);
	free(m.header);
	free(m.params);
}
