/*
 * Reading the inputs of one run: episodes with their groups, then
 * sessions, urine and goals through the shared readers of common/, each
 * row attached to its episode (attach.h: by episode_id, or by date when
 * that is empty), and finally every episode's facts added to the report.
 *
 * Memory grows with the episodes and with the rows kept per episode
 * (12 bytes a session and 4 for its episode, 24 a urine observation
 * and 4); goals keep a few bytes a review.  The urine rows are counted
 * in a thread of their own while the goals are read (read_urine), so
 * they and the goals' table are held together.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "attach.h"
#include "codes.h"
#include "collect.h"
#include "date.h"
#include "dated.h"
#include "episodes.h"
#include "diag.h"
#include "fields.h"
#include "goals.h"
#include "goals_read.h"
#include "instrument.h"
#include "par.h"
#include "rejects.h"
#include "report.h"
#include "sessions.h"

/* 4 bytes a row, not 8: fewer fresh pages while loading. */
#define NO_GROUP UINT32_MAX

enum by_kind {
	BY_COLUMN, BY_CLINIC, BY_CODE, BY_AGE_GROUP, BY_START_YEAR, BY_START_QUARTER
};

struct by_col {
	enum by_kind kind;
	int col;			/* BY_COLUMN: index in the episodes file */
	const struct rd_codes *codes;	/* BY_CODE */
	size_t code_field;		/* offset of the code in struct rd_episode */
};

struct run {
	struct report *rep;
	const struct inputs *in;
	struct by_col *by;
	const struct rd_episodes *eps;
	uint32_t *group;		/* per episode row, NO_GROUP out of scope */
	size_t ngroup, group_cap;
	uint64_t *scope;		/* bit per episode row: group != NO_GROUP */
	struct ep_facts *facts;		/* per episode row; NULL: episodes only */
	bool episodes_only;		/* no other input: no facts kept */
	struct rd_collect spare;	/* the sessions', for the urine rows */
	struct urine_finish *urine;	/* urine rows read, not yet counted */
};

static const struct {
	const char *name;
	const struct rd_codes *codes;
	size_t field;
} code_columns[] = {
	{ "modality", &rd_modality_codes, offsetof(struct rd_episode, modality) },
	{ "setting", &rd_setting_codes, offsetof(struct rd_episode, setting) },
	{ "end_reason", &rd_end_reason_codes, offsetof(struct rd_episode, end_reason) },
	{ "primary_substance", &rd_primary_codes,
	    offsetof(struct rd_episode, primary_substance) },
	{ "sex", &rd_sex_codes, offsetof(struct rd_episode, sex) },
};

/*
 * Each --by's kind, from its name.  clinic is the table's copy of the
 * column's bytes (rd_episode_parse keeps them as read, and a field
 * holds no NUL byte), so it needs no column of its own.
 */
static void
by_kinds(struct run *run)
{
	const struct report *rep = run->rep;

	run->by = rd_calloc(rep->nby + 1, sizeof *run->by);
	for (size_t i = 0; i < rep->nby; i++) {
		const char *name = rep->by[i];
		struct by_col *b = &run->by[i];

		b->kind = BY_COLUMN;
		if (strcmp(name, "clinic") == 0)
			b->kind = BY_CLINIC;
		else if (strcmp(name, "age_group") == 0)
			b->kind = BY_AGE_GROUP;
		else if (strcmp(name, "start_year") == 0)
			b->kind = BY_START_YEAR;
		else if (strcmp(name, "start_quarter") == 0)
			b->kind = BY_START_QUARTER;
		for (size_t k = 0; k < sizeof code_columns / sizeof code_columns[0]; k++)
			if (strcmp(name, code_columns[k].name) == 0) {
				b->kind = BY_CODE;
				b->codes = code_columns[k].codes;
				b->code_field = code_columns[k].field;
			}
	}
}

/* After the episodes' header: the column of each --by of its own column. */
static void
find_by_columns(struct run *run, const struct rd_reader *r)
{
	for (size_t i = 0; i < run->rep->nby; i++) {
		struct by_col *b = &run->by[i];

		if (b->kind != BY_COLUMN)
			continue;
		b->col = rd_col(r, run->rep->by[i]);
		if (b->col < 0)
			rd_die(RD_EXIT_USAGE, "%s: --by column '%s' is not in the file",
			    rd_name(r), run->rep->by[i]);
	}
}

/*
 * Whether every --by value is in the table's episode: then no row's
 * bytes are staged, and the groups are found after the loading
 * (find_groups), on every core.
 */
static bool
by_in_episode(const struct run *run)
{
	for (size_t i = 0; i < run->rep->nby; i++)
		if (run->by[i].kind == BY_COLUMN)
			return false;
	return true;
}

static bool
in_scope(const struct params *p, int start)
{
	return start <= p->as_of &&
	    (p->from == RD_NO_DATE || start >= p->from) &&
	    (p->to == RD_NO_DATE || start <= p->to);
}

/*
 * The grouping value of one episode row; derived ones go into buf.  rec
 * is read only for a BY_COLUMN (NULL: there is none).
 */
static const char *
by_value(const struct by_col *b, const struct rd_record *rec,
    const struct rd_episode *e, char *buf, size_t bufsz, size_t *len)
{
	int y, m, d, code;
	const char *s = buf;

	buf[0] = '\0';
	switch (b->kind) {
	case BY_COLUMN:
		*len = rec->len[b->col];
		return rec->f[b->col];
	case BY_CLINIC:
		s = e->clinic;
		break;
	case BY_CODE:
		memcpy(&code, (const char *)e + b->code_field, sizeof code);
		s = code >= 0 ? b->codes->code[code] : "";
		break;
	case BY_AGE_GROUP:
		s = rd_age_group(e);
		break;
	case BY_START_YEAR:
		rd_date_to_ymd(e->start, &y, &m, &d);
		snprintf(buf, bufsz, "%04d", y);
		break;
	case BY_START_QUARTER:
		rd_date_to_ymd(e->start, &y, &m, &d);
		snprintf(buf, bufsz, "%04d-Q%d", y, (m + 2) / 3);
		break;
	}
	*len = strlen(s);
	return s;
}

/* What an episode contributes before any other input. */
static void
episode_facts(struct ep_facts *f, const struct rd_episode *e, int as_of)
{
	ep_facts_init(f, e->start, e->end, e->end_reason, e->referral, as_of);
}

/*
 * The group key of an episode (report_key_add's bytes) at out + used
 * (cap bytes at out); the length with it, over cap when it did not fit.
 */
static size_t
episode_key(const struct run *run, const struct rd_record *rec,
    const struct rd_episode *e, char *out, size_t cap, size_t used)
{
	for (size_t i = 0; i < run->rep->nby; i++) {
		char buf[32];
		size_t len;
		const char *v = by_value(&run->by[i], rec, e, buf, sizeof buf, &len);

		used = report_key_add(out, cap, used, v, len);
	}
	return used;
}

/*
 * In a reading thread (episodes.h's hooks): the group key of an episode
 * in scope, after the 8 bytes of its hash, so that the calling thread
 * only looks it up; nothing for an episode out of scope.
 */
static size_t
episode_stage(const void *ctx, const struct rd_record *rec,
    const struct rd_episode *e, char *out, size_t cap)
{
	const struct run *run = ctx;
	size_t used;
	uint64_t hash;

	if (!in_scope(&run->rep->params, e->start))
		return 0;
	used = episode_key(run, rec, e, out, cap, sizeof hash);
	if (used > cap)
		return used;
	hash = report_key_hash(out + sizeof hash, used - sizeof hash);
	memcpy(out, &hash, sizeof hash);
	return used;
}

static void
episode_cols(void *ctx, const struct rd_reader *r)
{
	find_by_columns(ctx, r);
}

/* In the calling thread, in input order: the episode's group. */
static void
episode_take(void *ctx, const struct rd_episode *e, const char *bytes,
    size_t len)
{
	struct run *run = ctx;
	struct report *rep = run->rep;
	size_t g = NO_GROUP;
	uint64_t hash;

	(void)e;	/* counted after the loading (count_groups) */
	if (len > 0) {
		memcpy(&hash, bytes, sizeof hash);
		g = report_group_key(rep, bytes + sizeof hash, len - sizeof hash, hash);
	}
	if (run->ngroup == run->group_cap) {
		run->group_cap = run->group_cap ? 2 * run->group_cap : 1024;
		run->group = rd_realloc(run->group, run->group_cap * sizeof *run->group);
		run->scope = rd_realloc(run->scope, run->group_cap / 64 * sizeof *run->scope);
		memset(run->scope + run->ngroup / 64, 0,
		    (run->group_cap - run->ngroup) / 64 * sizeof *run->scope);
	}
	if (g != NO_GROUP)
		run->scope[run->ngroup / 64] |= (uint64_t)1 << run->ngroup % 64;
	run->group[run->ngroup++] = (uint32_t)g;
}

/* Episodes a thread from which their facts are made on every core. */
#define FACTS_MIN 1024

/*
 * The episodes in scope counted in their groups, on every core: each
 * part of the rows into aggregates of its own (ngroups a part), merged
 * into the report's in part order.  A count is a sum and a histogram a
 * multiset of days, so the parts add up to what one thread counts.
 * Counting in the calling thread as the rows were taken (episodes
 * alone) made it the one the loading waited for.
 */
struct group_counts {
	const struct run *run;
	size_t ngroups;
	struct agg *parts;	/* part p's aggregates at parts + p * ngroups */
};

static void
count_groups_of(void *arg, size_t part, size_t from, size_t to)
{
	const struct group_counts *gc = arg;
	const struct run *run = gc->run;
	const struct params *p = &run->rep->params;
	struct agg *aggs = gc->parts + part * gc->ngroups;

	for (size_t i = from; i < to; i++) {
		struct ep_facts own;
		const struct ep_facts *f = &own;

		if (run->group[i] == NO_GROUP)
			continue;
		if (run->facts != NULL)
			f = &run->facts[i];
		else
			episode_facts(&own, rd_episodes_at(run->eps, i), p->as_of);
		agg_add_episode(&aggs[run->group[i]], f, p);
	}
}

static void
count_groups(const struct run *run, size_t neps)
{
	struct report *rep = run->rep;
	size_t parts = rd_par_parts(neps, FACTS_MIN);
	struct group_counts gc = { run, rep->ngroups, NULL };

	if (rep->ngroups == 0)
		return;
	gc.parts = rd_calloc(parts * rep->ngroups, sizeof *gc.parts);
	rd_par_range(neps, parts, count_groups_of, &gc);
	for (size_t k = 0; k < parts * rep->ngroups; k++) {
		agg_merge(&rep->group[k % rep->ngroups].agg, &gc.parts[k]);
		agg_free(&gc.parts[k]);
	}
	free(gc.parts);
}

/*
 * The groups of the episodes when every --by value is in the table
 * (by_in_episode), found after the loading on every core: each part of
 * the rows numbers the groups of its rows in the order they come, the
 * first part in the report itself, the others each in a report of its
 * own; then their groups, in part order, are looked up in the report,
 * which so numbers them in the order of the rows, as taking every row
 * in order did.  A key staged a row and
 * looked up in the calling thread was a fifth of the loading's work,
 * and a third of the calling thread's, the thread every row goes through.
 * With episodes alone (no facts to wait for), each part also counts its
 * rows in its own groups' aggregates, merged with the groups, as
 * count_groups would (one pass over the episodes, not two).
 */
struct group_part {
	/*
	 * This part's groups: the report itself for the first part, whose
	 * rows come first (so its numbers are the report's), else own.
	 */
	struct report *groups;
	struct report own;
	size_t from, to;	/* its rows */
	uint32_t *to_report;	/* its groups' in the report (merge_groups) */
	bool same;		/* to_report[g] is g: its rows need no change */
};

struct find_groups {
	const struct run *run;
	struct group_part *parts;
	bool count;		/* each row counted in its group (episodes alone) */
	bool memo;		/* every --by can be named (memo_names) */
};

/*
 * A part's groups by what names an episode's values in the table: a
 * code's index, the table's copy of its clinic, its age group's string.
 * The same names are the same values, so the group found for them
 * before; other names (few: a file has few groups) make the key.
 * Making the key and looking it up was half of finding a row's group.
 * Not for a year or a quarter (many days name one; the key is made).
 */
#define MEMO_BY 4
#define MEMO_SLOTS 256

struct memo_slot {
	uintptr_t name[MEMO_BY];
	uint32_t g1;		/* the group + 1; 0: an empty slot */
};

static bool
memo_fits(const struct run *run)
{
	if (run->rep->nby > MEMO_BY)
		return false;
	for (size_t i = 0; i < run->rep->nby; i++)
		if (run->by[i].kind != BY_CLINIC && run->by[i].kind != BY_CODE &&
		    run->by[i].kind != BY_AGE_GROUP)
			return false;
	return true;
}

/* The names of e's values (memo_fits), and their slot in memo. */
static struct memo_slot *
memo_names(const struct run *run, const struct rd_episode *e,
    struct memo_slot *memo, uintptr_t name[MEMO_BY])
{
	uint64_t h = 0;
	int code;

	for (size_t i = 0; i < MEMO_BY; i++) {
		const struct by_col *b = &run->by[i];

		name[i] = 0;
		if (i >= run->rep->nby)
			continue;
		if (b->kind == BY_CLINIC)
			name[i] = (uintptr_t)e->clinic;
		else if (b->kind == BY_AGE_GROUP)
			name[i] = (uintptr_t)rd_age_group(e);
		else {
			memcpy(&code, (const char *)e + b->code_field, sizeof code);
			name[i] = (uintptr_t)(unsigned)(code + 1);
		}
		h = (h ^ name[i]) * 0x9e3779b97f4a7c15ULL;
	}
	return &memo[(h >> 56) % MEMO_SLOTS];
}

/* The group of episode e of a part (key: its buffer, *cap bytes). */
static uint32_t
part_group(const struct find_groups *fg, struct group_part *gp,
    struct memo_slot *memo, const struct rd_episode *e, char **key, size_t *cap)
{
	uintptr_t name[MEMO_BY];
	struct memo_slot *slot = NULL;
	size_t used;
	uint32_t g;

	if (fg->memo) {
		slot = memo_names(fg->run, e, memo, name);
		if (slot->g1 != 0 && memcmp(slot->name, name, sizeof name) == 0)
			return slot->g1 - 1;
	}
	while ((used = episode_key(fg->run, NULL, e, *key, *cap, 0)) > *cap)
		*key = rd_realloc(*key, *cap = used);
	g = (uint32_t)report_group_key(gp->groups, *key, used,
	    report_key_hash(*key, used));
	if (slot != NULL) {
		memcpy(slot->name, name, sizeof name);
		slot->g1 = g + 1;
	}
	return g;
}

static void
group_rows_of(void *arg, size_t part, size_t from, size_t to)
{
	const struct find_groups *fg = arg;
	const struct run *run = fg->run;
	struct group_part *gp = &fg->parts[part];
	struct memo_slot *memo = rd_calloc(MEMO_SLOTS, sizeof *memo);
	size_t cap = 64;
	char *key = rd_malloc(cap);

	gp->from = from;
	gp->to = to;
	for (size_t i = from; i < to; i++) {
		const struct rd_episode *e = rd_episodes_at(run->eps, i);

		run->group[i] = NO_GROUP;
		if (!in_scope(&run->rep->params, e->start))
			continue;
		run->group[i] = part_group(fg, gp, memo, e, &key, &cap);
		if (fg->count) {
			struct ep_facts f;

			episode_facts(&f, e, run->rep->params.as_of);
			agg_add_episode(&gp->groups->group[run->group[i]].agg, &f,
			    &run->rep->params);
		}
	}
	free(key);
	free(memo);
}

/* Part gp's groups in the report (and their counts, when counted). */
static void
merge_groups(struct run *run, struct group_part *gp, bool counted)
{
	struct report *rep = run->rep;
	size_t *lens;

	gp->same = true;
	if (gp->groups == rep)
		return;		/* the first part: counted in the report itself */
	lens = rd_calloc(rep->nby + 1, sizeof *lens);
	gp->to_report = rd_calloc(gp->own.ngroups + 1, sizeof *gp->to_report);
	for (size_t g = 0; g < gp->own.ngroups; g++) {
		char **values = gp->own.group[g].values;

		for (size_t i = 0; i < rep->nby; i++)
			lens[i] = strlen(values[i]);
		gp->to_report[g] = (uint32_t)report_group(rep,
		    (const char *const *)values, lens);
		gp->same &= gp->to_report[g] == g;
		if (counted)
			agg_merge(&rep->group[gp->to_report[g]].agg, &gp->own.group[g].agg);
	}
	free(lens);
}

/* Parts [from, to): their rows' groups the report's (rd_par_range). */
static void
renumber_rows_of(void *arg, size_t part, size_t from, size_t to)
{
	const struct find_groups *fg = arg;
	uint32_t *group = fg->run->group;

	(void)part;
	for (size_t k = from; k < to; k++) {
		const struct group_part *gp = &fg->parts[k];

		if (gp->same)
			continue;
		for (size_t i = gp->from; i < gp->to; i++)
			if (group[i] != NO_GROUP)
				group[i] = gp->to_report[group[i]];
	}
}

/* The groups found, and counted when count (episodes alone). */
static void
find_groups(struct run *run, size_t neps, bool count)
{
	size_t parts = rd_par_parts(neps, FACTS_MIN);
	struct find_groups fg = { run, rd_calloc(parts, sizeof *fg.parts), count,
	    memo_fits(run) };

	run->group = rd_calloc(neps + 1, sizeof *run->group);
	run->scope = rd_calloc(neps / 64 + 1, sizeof *run->scope);
	run->ngroup = run->group_cap = neps;
	fg.parts[0].groups = run->rep;
	for (size_t k = 1; k < parts; k++) {
		fg.parts[k].groups = &fg.parts[k].own;
		report_init(&fg.parts[k].own, &run->rep->params, run->rep->by,
		    run->rep->nby);
	}
	rd_par_range(neps, parts, group_rows_of, &fg);
	for (size_t k = 0; k < parts; k++)
		merge_groups(run, &fg.parts[k], count);
	rd_par_range(parts, parts, renumber_rows_of, &fg);
	for (size_t k = 1; k < parts; k++) {
		report_free(&fg.parts[k].own);
		free(fg.parts[k].to_report);
	}
	free(fg.parts);
	if (count)
		return;		/* episodes alone: no input reads the scope */
	for (size_t i = 0; i < neps; i++)
		if (run->group[i] != NO_GROUP)
			run->scope[i / 64] |= (uint64_t)1 << i % 64;
}

struct session_facts {
	const struct rd_collect *rows;	/* rd_session_event per episode row */
	struct ep_facts *facts;
};

/* The session facts of episode rows [from, to) (par.h's rd_par_range). */
static void
session_facts(void *arg, size_t part, size_t from, size_t to)
{
	const struct session_facts *sf = arg;

	(void)part;
	for (size_t e = from; e < to; e++) {
		size_t k;
		const struct rd_session_event *ev = rd_collect_unit(sf->rows, e, &k);
		struct rd_session_stats st;
		struct ep_facts *f = &sf->facts[e];

		rd_session_stats_compute(&st, ev, k);
		f->attended = st.attended;
		f->no_show = st.no_show;
		f->self_help = st.self_help > 0;
		f->ors_improved = rd_ors_improved(&st);
		f->ors_deteriorated = rd_ors_deteriorated(&st);
		for (size_t i = 0; i < k; i++) {
			if (ev[i].attendance != RD_ATTENDED)
				continue;
			f->planned_end |= ev[i].activity == RD_ACT_END_PLANNING;
			f->network |= ev[i].activity == RD_ACT_FAMILY ||
			    ev[i].activity == RD_ACT_NETWORK;
		}
	}
}

static void
read_sessions(struct run *run, const char *path)
{
	struct rd_reader *r = rd_open(path);
	size_t neps = rd_episodes_count(run->eps);
	struct rd_attach_note note = { { 0 }, 0 };
	struct rd_collect rows;		/* rd_session_event per episode row */

	rd_collect_init_units(&rows, sizeof(struct rd_session_event), neps);
	rd_reader_set_strict(r);
	/*
	 * Only the episodes in scope (a bit a row: 28 KB for 228,571
	 * episodes, in cache), read by the reading threads.
	 */
	rd_dated_session_events(r, run->eps, run->rep->params.as_of, &note,
	    run->scope, &rows);
	rd_attach_note_print(&note, rd_name(r), "row");
	rd_close(r);

	rd_collect_finish_key(&rows, neps, rd_session_event_key);
	struct session_facts sf = { &rows, run->facts };
	rd_par_range(neps, rd_par_parts(neps, FACTS_MIN), session_facts, &sf);
	run->spare = rows;	/* freed by read_urine or inputs_run */
}

/* The urine facts of episodes [from, to): on every core (collect.h). */
struct urine_ctx {
	struct run *run;
	struct rd_collect *rows;	/* rd_urine_obs per episode row */
};

static void
urine_facts_of(void *arg, size_t part, size_t from, size_t to)
{
	const struct urine_ctx *x = arg;
	const struct params *p = &x->run->rep->params;
	struct rd_sample *samples = NULL;
	size_t cap = 0;

	(void)part;

	for (size_t e = from; e < to; e++) {
		struct ep_facts *f = &x->run->facts[e];
		size_t k, ns;
		struct rd_urine_obs *obs = rd_collect_unit(x->rows, e, &k);

		if (k > cap) {
			cap = k > 2 * cap ? k : 2 * cap;
			samples = rd_realloc(samples, cap * sizeof *samples);
		}
		ns = rd_urine_samples(obs, k, samples);
		urine_facts(samples, ns, p->missing,
		    f->end != RD_NO_DATE ? f->end : p->as_of, f);
	}
	free(samples);
}

/* Per goal, in the order they are set: its episode row, or -1. */
struct goal_eps {
	long *episode;
	size_t n, cap;
};

static void
goal_set(void *arg, size_t goal, long ep)
{
	struct goal_eps *g = arg;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 1024;
		g->episode = rd_realloc(g->episode, g->cap * sizeof *g->episode);
	}
	g->episode[goal] = ep;
	g->n = goal + 1;
}

/*
 * Urine rows once read: their samples and facts are made in a thread of
 * their own while the goals are read, whose calling thread takes goal
 * rows in input order and left the other core half idle; joined before
 * the facts are added up (urine_join).  The urine facts and the goals'
 * are other fields of an episode's facts.
 */
struct urine_finish {
	struct rd_collect rows;		/* rd_urine_obs per episode row */
	struct rd_arena long_ids;	/* sample_ids too long for an obs */
	struct urine_ctx x;
	size_t neps;
	pthread_t tid;
	bool started;
};

static void *
finish_urine(void *arg)
{
	struct urine_finish *u = arg;

	/* rd_urine_samples puts a unit's rows in its own order. */
	rd_collect_finish(&u->rows, u->neps, NULL);
	rd_collect_each(&u->rows, urine_facts_of, &u->x);
	rd_collect_free(&u->rows);
	rd_arena_free(&u->long_ids);
	return NULL;
}

/*
 * The urine thread while it runs, joined on the way out when the tool
 * ends before urine_join (a goal row rejected in strict mode), so that no
 * thread is left running under exit; then the hook it was set over.
 */
static struct urine_finish *urine_running;
static void (*urine_next_hook)(void);

static void
join_urine_at_exit(void)
{
	struct urine_finish *u = urine_running;

	urine_running = NULL;
	/* On the way out already: a join that fails leaves nothing to do. */
	if (u != NULL && !pthread_equal(pthread_self(), u->tid))
		(void)pthread_join(u->tid, NULL);
	if (urine_next_hook != NULL)
		urine_next_hook();
}

static void
read_urine(struct run *run, const char *path, const struct rd_prescribed *rx)
{
	struct rd_reader *r = rd_open(path);
	const struct params *p = &run->rep->params;
	struct rd_attach_note note = { { 0 }, 0 };
	struct urine_finish *u = rd_calloc(1, sizeof *u);

	u->neps = rd_episodes_count(run->eps);
	u->x = (struct urine_ctx){ run, &u->rows };
	rd_collect_init_units(&u->rows, sizeof(struct rd_urine_obs), u->neps);
	rd_collect_reuse(&u->rows, &run->spare);
	rd_reader_set_strict(r);
	/* Only the episodes in scope: the reading threads read their bits. */
	rd_dated_urine_obs(r, run->eps, p->as_of, &note, rx, run->scope,
	    &u->rows, &u->long_ids);
	rd_attach_note_print(&note, rd_name(r), "row");
	rd_close(r);
	run->urine = u;
	if (run->in->goals != NULL && rd_par_threads() > 1)
		u->started = pthread_create(&u->tid, NULL, finish_urine, u) == 0;
	if (!u->started) {
		(void)finish_urine(u);
		return;
	}
	urine_running = u;
	urine_next_hook = rd_exit_hook;
	rd_exit_hook = join_urine_at_exit;
}

/* The urine facts made (read_urine). */
static void
urine_join(struct run *run)
{
	if (run->urine == NULL)
		return;
	if (run->urine->started) {
		rd_exit_hook = urine_next_hook;
		urine_running = NULL;
		if (pthread_join(run->urine->tid, NULL) != 0)
			rd_die(RD_EXIT_DATA, "internal error: the urine rows' thread "
			    "could not be joined");
	}
	free(run->urine);
	run->urine = NULL;
}

/* Goals are read on every core (goals_read.h), attached by the day set. */
static void
read_goals(struct run *run, const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_goals *goals;
	size_t neps = rd_episodes_count(run->eps);
	struct rd_gas *gas = rd_calloc(neps + 1, sizeof *gas);
	struct goal_eps ge = { NULL, 0, 0 };
	struct rd_attach_note note = { { 0 }, 0 };
	int as_of = run->rep->params.as_of;

	rd_reader_set_strict(r);
	goals = rd_goals_read(r, run->eps, as_of, &note, goal_set, &ge);
	for (size_t i = 0; i < rd_goals_count(goals); i++) {
		const struct rd_goal *goal = rd_goals_at(goals, i);
		struct rd_goal_state st;
		long e = ge.episode[i];

		if (e < 0 || run->group[e] == NO_GROUP ||
		    !rd_goal_state_at(goal, as_of, &st))
			continue;
		if (st.attainment != RD_NO_ATTAINMENT)
			rd_gas_add(&gas[e], goal->weight, st.attainment);
	}
	rd_attach_note_print(&note, rd_name(r), "goal");
	rd_close(r);
	for (size_t e = 0; e < neps; e++)
		run->facts[e].has_t = rd_gas_t(&gas[e], RD_GAS_RHO, &run->facts[e].t);
	free(ge.episode);
	free(gas);
	rd_goals_free(goals);
}

/*
 * Assessments carry no episode_id: an AUDIT or DUDIT screens every episode
 * of its patient in scope whose window it falls in, from the referral
 * (or the start) to SCREENING_DAYS after the start.
 */
static void
screen_episodes(struct run *run, const char *patient, size_t plen, int date)
{
	size_t n;
	const struct rd_episode *const *list = rd_episodes_of_patient(run->eps,
	    patient, plen, &n);

	for (size_t i = 0; list != NULL && i < n; i++) {
		const struct rd_episode *e = list[i];
		int from = e->referral != RD_NO_DATE ? e->referral : e->start;

		if (run->group[e->row] != NO_GROUP && date >= from &&
		    (long)date - e->start <= SCREENING_DAYS)
			run->facts[e->row].screened = true;
	}
}

static void
read_assessments(struct run *run, const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_record rec;
	struct assess_row_cols cols;
	struct assess_row a;

	rd_reader_set_strict(r);
	assess_row_cols(r, &cols);
	while (rd_next_good(r, &rec) > 0)
		if (assess_row_parse(r, &rec, &cols, &a) &&
		    a.date <= run->rep->params.as_of &&
		    (a.instrument == ASSESS_AUDIT || a.instrument == ASSESS_DUDIT))
			screen_episodes(run, a.patient_id, a.patient_len, a.date);
	rd_close(r);
}

/*
 * Each patient once in each group of its episodes in scope, on every
 * core: part k counts its patients in counts + k * (ngroups + 1), and
 * the parts' counts are added up.
 */
struct patient_counts {
	const struct rd_episodes *eps;
	const uint32_t *group;
	size_t ngroups;
	long *counts;
};

static void
count_patients_of(void *arg, size_t part, size_t from, size_t to)
{
	const struct patient_counts *pc = arg;
	const struct rd_episodes *eps = pc->eps;
	long *counts = pc->counts + part * (pc->ngroups + 1);
	size_t *groups = NULL, cap = 0;

	for (size_t p = from; p < to; p++) {
		size_t k = rd_episodes_patient_size(eps, p), n = 0;

		if (k > cap) {
			cap = 2 * k;
			groups = rd_realloc(groups, cap * sizeof *groups);
		}
		for (size_t i = 0; i < k; i++) {
			size_t g = pc->group[rd_episodes_patient_row(eps, p, i)];

			if (g != NO_GROUP)
				groups[n++] = g;
		}
		report_count_patient(counts, pc->ngroups, groups, n);
	}
	free(groups);
}

static void
add_patients(struct report *rep, const struct rd_episodes *eps,
    const uint32_t *group)
{
	size_t np = rd_episodes_patients(eps), parts = rd_par_parts(np, FACTS_MIN);
	struct patient_counts pc = { eps, group, rep->ngroups, NULL };

	pc.counts = rd_calloc(parts * (rep->ngroups + 1), sizeof *pc.counts);
	rd_par_range(np, parts, count_patients_of, &pc);
	for (size_t k = 0; k < parts; k++)
		report_add_patients(rep, pc.counts + k * (rep->ngroups + 1));
	free(pc.counts);
}


void
inputs_run(struct report *rep, const struct inputs *in)
{
	struct run run = { .rep = rep, .in = in };
	const struct params *p = &rep->params;
	struct rd_episodes *eps;
	struct rd_prescribed *rx = NULL;
	size_t neps;

	run.episodes_only = in->sessions == NULL && in->urine == NULL &&
	    in->goals == NULL && in->assessments == NULL;
	struct rd_episode_hooks hooks = { episode_cols, episode_stage,
	    episode_take, &run };
	bool late;

	by_kinds(&run);
	late = by_in_episode(&run);
	eps = rd_episodes_load_hooks(in->episodes, in->need_clinic,
	    late ? NULL : &hooks);
	run.eps = eps;
	neps = rd_episodes_count(eps);
	if (late)
		find_groups(&run, neps, run.episodes_only);
	/* Episodes alone need no facts kept (96 bytes an episode, in no cache). */
	if (!run.episodes_only) {
		run.facts = rd_calloc(neps + 1, sizeof *run.facts);
		for (size_t i = 0; i < neps; i++)
			episode_facts(&run.facts[i], rd_episodes_at(eps, i), p->as_of);
	}
	if (in->sessions != NULL)
		read_sessions(&run, in->sessions);
	if (in->prescribed != NULL)
		rx = rd_prescribed_load(in->prescribed);
	if (in->urine != NULL)
		read_urine(&run, in->urine, rx);
	if (in->goals != NULL)
		read_goals(&run, in->goals);
	urine_join(&run);
	if (in->assessments != NULL)
		read_assessments(&run, in->assessments);
	if (!late || !run.episodes_only)
		count_groups(&run, neps);	/* else counted with the groups */
	report_total_groups(rep);
	add_patients(rep, eps, run.group);
	rd_prescribed_free(rx);
	rd_collect_free(&run.spare);
	free(run.facts);
	free(run.group);
	free(run.scope);
	free(run.by);
	rd_episodes_free(eps);
}
