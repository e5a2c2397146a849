/*
 * --summary and --weekly: rows in any order are collected per patient (or
 * per episode with --episodes; rows that fit none are left out and
 * counted, attach.h), turned into samples, and written one row
 * per group (and substance with --by-substance), sorted by patient_id,
 * then episode start.  Memory: 28 bytes a row while reading (a 24-byte
 * observation, collect.h), 56 while grouping many patients, plus the
 * patient ids.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "attach.h"
#include "codes.h"
#include "collect.h"
#include "date.h"
#include "dated.h"
#include "diag.h"
#include "fields.h"
#include "idmap.h"
#include "par.h"
#include "reader.h"
#include "rejects.h"
#include "track.h"
#include "uds.h"
#include "writer.h"

struct group {
	const char *patient_id;		/* interned, or the episode's */
	const struct rd_episode *ep;	/* NULL: a patient's rows (no --episodes) */
	size_t unit;			/* its rows in the collection */
};

struct collection {
	/*
	 * A group's unit in rows: without --episodes its patient's index here
	 * (group i is patient i), with them its episode's row.
	 */
	struct rd_idmap *patients;
	struct group *groups;
	size_t ngroups, groups_cap;
	struct rd_collect rows;		/* rd_urine_obs per group */
	struct rd_arena long_ids;	/* sample_ids too long for an observation */
	struct rd_episodes *episodes;
	struct rd_attach_note note;	/* rows that fit no episode */
	struct rd_prescribed *prescribed;
	int as_of;
};

/* A new group, numbered by its unit in the collection. */
static struct group *
new_group(struct collection *cl, const char *patient_id,
    const struct rd_episode *ep)
{
	struct group *g;

	if (cl->ngroups == cl->groups_cap) {
		cl->groups_cap = cl->groups_cap ? 2 * cl->groups_cap : 1024;
		cl->groups = rd_realloc(cl->groups, cl->groups_cap * sizeof *cl->groups);
	}
	g = &cl->groups[cl->ngroups];
	g->patient_id = patient_id;
	g->ep = ep;
	g->unit = cl->ngroups++;
	return g;
}

/*
 * Without --episodes, the groups of the patients the collection numbered
 * (keyed adding, collect.h: a patient's index in the idmap is its
 * group's), in their order.
 */
static void
add_patient_groups(struct collection *cl)
{
	rd_collect_flush(&cl->rows);
	for (size_t p = cl->ngroups; p < rd_idmap_count(cl->patients); p++)
		(void)new_group(cl, rd_idmap_key(cl->patients, p), NULL);
}

static void
collect(struct collection *cl, const char *path)
{
	struct rd_reader *r = rd_open(path);

	/*
	 * The reading threads make the observations, per patient or per
	 * episode row (a row that fits no episode makes no group of its own).
	 */
	rd_dated_urine_obs(r, cl->episodes, cl->as_of, &cl->note, cl->prescribed,
	    NULL, &cl->rows, &cl->long_ids);
	rd_attach_note_print(&cl->note, rd_name(r), "row");
	rd_close(r);
	if (cl->episodes == NULL) {
		add_patient_groups(cl);
		return;
	}
	/*
	 * Every episode started by as-of has a row, with or without samples;
	 * a row's episode started by its date, so by as-of.
	 */
	for (size_t i = 0; i < rd_episodes_count(cl->episodes); i++) {
		const struct rd_episode *ep = rd_episodes_at(cl->episodes, i);

		if (ep->start <= cl->as_of)
			new_group(cl, ep->patient_id, ep)->unit = i;
	}
}

static int
cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int c = strcmp(x->patient_id, y->patient_id);

	if (c != 0)
		return c;
	if ((x->ep == NULL) != (y->ep == NULL))
		return x->ep == NULL ? 1 : -1;
	if (x->ep == NULL)
		return 0;
	if (x->ep->start != y->ep->start)
		return x->ep->start < y->ep->start ? -1 : 1;
	return strcmp(x->ep->episode_id, y->ep->episode_id);
}

/*
 * The first 8 bytes of a patient_id as a number in their byte order, zero
 * after a shorter id: ids that differ there are in strcmp's order by it
 * (bytes compare unsigned; no id holds a NUL byte).
 */
static uint64_t
id_prefix(const char *s)
{
	uint64_t v = 0;

	for (size_t i = 0; i < 8 && s[i] != '\0'; i++)
		v |= (uint64_t)(unsigned char)s[i] << (56 - 8 * i);
	return v;
}

/*
 * The groups in cmp_group order: by id_prefix (collect.h's keyed sort,
 * stable, one pass when in order), then by cmp_group among the groups
 * whose ids share those bytes (a patient's episodes, long ids).  qsort
 * with cmp_group, a strcmp a comparison, was 5% of --summary's
 * instructions on shuffled input, all in the calling thread.
 */
static void
sort_groups(struct group *g, size_t n)
{
	uint64_t *keys = rd_malloc((n + 1) * sizeof *keys);

	for (size_t i = 0; i < n; i++)
		keys[i] = id_prefix(g[i].patient_id);
	rd_collect_sort_keys(g, n, sizeof *g, keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = id_prefix(g[i].patient_id);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && keys[j] == keys[i]; j++)
			;
		if (j - i > 1)
			rd_collect_sort(g + i, j - i, sizeof *g, cmp_group);
	}
	free(keys);
}

static int
cmp_obs_substance(const void *a, const void *b)
{
	const struct rd_urine_obs *x = a, *y = b;

	return (int)x->substance - (int)y->substance;
}

/* What every output row needs besides its samples. */
struct out_ctx {
	struct rd_writer *w;
	const struct track_opts *o;
	bool weekly, with_episode;
	const struct collection *cl;
	size_t most;			/* rows of the largest group */
	/* A writing thread's own (write_groups): */
	struct rd_sample *samples;
	char *word;
	size_t word_cap;
};

static void
write_summary(struct out_ctx *x, const struct group *g,
    const struct rd_sample *s, size_t n)
{
	struct urine_summary u;
	struct rd_writer *w = x->w;

	summarize(s, n, g->ep ? g->ep->start : RD_NO_DATE, x->o->missing, &u);
	rd_put_long(w, u.tests);
	rd_put_long(w, u.neg);
	rd_put_long(w, u.pos);
	rd_put_long(w, u.missing);
	if (x->o->prescribed_path != NULL)
		rd_put_long(w, u.prescribed);
	if (u.tests > 0)
		rd_put_fixed(w, (double)u.neg / (double)u.tests, 4);
	else
		rd_put_empty(w);
	rd_put_long(w, u.longest_negative_run);
	if (u.longest_negative_days >= 0)
		rd_put_long(w, u.longest_negative_days);
	else
		rd_put_empty(w);
	rd_put_long(w, u.current_negative_run);
	rd_put_date_or_empty(w, u.first_positive_date);
	if (u.first_positive_date != RD_NO_DATE)
		rd_put_long(w, u.days_to_first_positive);
	else
		rd_put_empty(w);
	rd_put_date_or_empty(w, u.last_test_date);
	if (u.last_positive_date != RD_NO_DATE)
		rd_put_long(w, (long long)x->o->as_of - u.last_positive_date);
	else
		rd_put_empty(w);
}

static void
write_weekly(struct out_ctx *x, const struct group *g, int start,
    const struct rd_sample *s, size_t n)
{
	int end = g->ep ? g->ep->end : RD_NO_DATE;
	long len = weekly_length(start, end, x->o->as_of, x->o->weeks);
	char cell[64];

	if ((size_t)len + 1 > x->word_cap) {
		x->word_cap = 2 * ((size_t)len + 1);
		x->word = rd_realloc(x->word, x->word_cap);
	}
	weekly_word(s, n, start, end, x->o->as_of, len, x->word);
	rd_put_date(x->w, start);
	rd_put(x->w, x->word, (size_t)len);
	for (size_t i = 0; i < x->o->noutcomes; i++) {
		if (rd_uds_compute(x->o->outcomes[i], x->word, (size_t)len, cell,
		    sizeof cell) == RD_UDS_NOMEM)
			rd_die(RD_EXIT_DATA, "out of memory");
		rd_put_str(x->w, cell);
	}
}

/* One output row: the group's identity, then summary or word. */
static void
write_row(struct out_ctx *x, const struct group *g, int substance, int start,
    struct rd_urine_obs *obs, size_t n)
{
	size_t ns = rd_urine_samples(obs, n, x->samples);

	rd_put_str(x->w, g->patient_id);
	if (x->with_episode)
		rd_put_str(x->w, g->ep ? g->ep->episode_id : "");
	if (x->o->by_substance)
		rd_put_str(x->w, substance >= 0 ? rd_substance_codes.code[substance] : "");
	if (x->weekly)
		write_weekly(x, g, start, x->samples, ns);
	else
		write_summary(x, g, x->samples, ns);
	rd_end_row(x->w);
}

/* The day the weekly word counts from: the episode start, else the first sample. */
static int
group_start(const struct group *g, const struct rd_urine_obs *obs, size_t n)
{
	int start = g->ep ? g->ep->start : RD_NO_DATE;

	for (size_t i = 0; g->ep == NULL && i < n; i++)
		if (start == RD_NO_DATE || obs[i].date < start)
			start = obs[i].date;
	return start;
}

static void
write_group(struct out_ctx *x, const struct collection *cl, const struct group *g)
{
	size_t n;
	struct rd_urine_obs *obs = rd_collect_unit(&cl->rows, g->unit, &n);
	int start = group_start(g, obs, n);

	if (!x->o->by_substance || n == 0) {
		write_row(x, g, -1, start, obs, n);
		return;
	}
	/* Each substance's rows are samples of their own. */
	qsort(obs, n, sizeof *obs, cmp_obs_substance);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && obs[j].substance == obs[i].substance; j++)
			;
		write_row(x, g, obs[i].substance, start, obs + i, j - i);
	}
}

/*
 * The rows of groups [from, to) (sorted) to w, with samples and word of
 * their own: par.h's rd_par_write runs ranges of groups in threads.  A
 * group's rows are its own to reorder.
 */
static void
write_groups(void *arg, struct rd_writer *w, size_t from, size_t to)
{
	struct out_ctx x = *(const struct out_ctx *)arg;

	x.w = w;
	x.samples = rd_malloc((x.most ? x.most : 1) * sizeof *x.samples);
	x.word = NULL;
	x.word_cap = 0;
	for (size_t i = from; i < to; i++)
		write_group(&x, x.cl, &x.cl->groups[i]);
	free(x.samples);
	free(x.word);
}

static void
write_header(struct out_ctx *x)
{
	static const char *const summary_cols[] = { "tests", "neg", "pos",
	    "missing", "prescribed", "pct_negative", "longest_negative_run",
	    "longest_negative_days", "current_negative_run", "first_positive_date",
	    "days_to_first_positive", "last_test_date", "days_since_positive" };
	const char **names = rd_malloc((8 + 13 + x->o->noutcomes) * sizeof *names);
	size_t n = 0;

	names[n++] = "patient_id";
	if (x->with_episode)
		names[n++] = "episode_id";
	if (x->o->by_substance)
		names[n++] = "substance";
	if (x->weekly) {
		names[n++] = "start_date";
		names[n++] = "use_pattern";
		for (size_t i = 0; i < x->o->noutcomes; i++)
			names[n++] = rd_uds_defs[x->o->outcomes[i]].name;
	} else {
		for (size_t i = 0; i < 13; i++)
			if (i != 4 || x->o->prescribed_path != NULL)
				names[n++] = summary_cols[i];
	}
	rd_put_header(x->w, names, n);
	free(names);
}

void
run_grouped(const char *path, const struct track_opts *o, bool weekly)
{
	struct collection cl = { 0 };
	struct out_ctx x = { 0 };

	cl.patients = rd_idmap_new();
	cl.as_of = o->as_of;
	rd_collect_init(&cl.rows, sizeof(struct rd_urine_obs));
	if (o->episodes_path == NULL)
		rd_collect_keyed(&cl.rows, cl.patients);
	else
		cl.episodes = rd_episodes_load(o->episodes_path, false);
	if (o->prescribed_path != NULL)
		cl.prescribed = rd_prescribed_load(o->prescribed_path);
	collect(&cl, path);
	/* rd_urine_samples puts a group's rows in its own order. */
	rd_collect_finish(&cl.rows, cl.episodes != NULL ?
	    rd_episodes_count(cl.episodes) : cl.ngroups, NULL);

	x.w = rd_writer_new(STDOUT_FILENO);
	x.o = o;
	x.weekly = weekly;
	x.with_episode = cl.episodes != NULL;
	x.cl = &cl;
	write_header(&x);
	sort_groups(cl.groups, cl.ngroups);
	for (size_t i = 0; i < cl.ngroups; i++) {
		size_t n;

		(void)rd_collect_unit(&cl.rows, cl.groups[i].unit, &n);
		if (x.most < n)
			x.most = n;
	}
	/* Groups are written independently of each other: on every core. */
	rd_par_write(x.w, cl.ngroups, write_groups, &x);
	rd_writer_close(x.w);
	rd_collect_free(&cl.rows);
	free(cl.groups);
	rd_arena_free(&cl.long_ids);
	rd_idmap_free(cl.patients);
	rd_episodes_free(cl.episodes);
	rd_prescribed_free(cl.prescribed);
}
