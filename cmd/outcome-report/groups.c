/*
 * The groups of one run's episodes (--by): each episode's group, found
 * from its row as it is taken (a --by value that is a column of its
 * own: staged in the reading threads, looked up in the calling thread)
 * or after the loading on every core (every --by value in the table of
 * episodes: find_groups); then the episodes and the patients counted in
 * their groups, on every core.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "diag.h"
#include "episodes.h"
#include "par.h"
#include "reader.h"
#include "report.h"
#include "run.h"

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

struct rd_episodes *
groups_load(struct run *run)
{
	struct rd_episode_hooks hooks = { episode_cols, episode_stage,
	    episode_take, run };
	struct rd_episodes *eps;
	bool late;

	by_kinds(run);
	late = by_in_episode(run);
	/* Episodes alone: none is looked up (rd_episodes_load_hooks). */
	eps = rd_episodes_load_hooks(run->in->episodes, run->in->need_clinic,
	    late ? NULL : &hooks, !run->episodes_only);
	run->eps = eps;
	run->counted = late && run->episodes_only;
	if (late)
		find_groups(run, rd_episodes_count(eps), run->counted);
	return eps;
}

void
groups_count(struct run *run)
{
	if (!run->counted)
		count_groups(run, rd_episodes_count(run->eps));
	report_total_groups(run->rep);
	add_patients(run->rep, run->eps, run->group);
}

void
groups_free(struct run *run)
{
	free(run->group);
	free(run->scope);
	free(run->by);
}
