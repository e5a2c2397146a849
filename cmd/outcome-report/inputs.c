/*
 * Reading the inputs of one run: episodes with their groups (groups.c),
 * then sessions, urine and goals through the shared readers of common/,
 * each row attached to its episode (attach.h: by episode_id, or by date
 * when that is empty), and finally every episode's facts added to the
 * report.
 *
 * Memory grows with the episodes and with the rows kept per episode
 * (12 bytes a session and 4 for its episode, 24 a urine observation
 * and 4); goals keep a few bytes a review.  The urine rows are counted
 * in a thread of their own while the goals are read (read_urine), so
 * they and the goals' table are held together.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "attach.h"
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
#include "run.h"
#include "sessions.h"

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
	eps = groups_load(&run);
	neps = rd_episodes_count(eps);
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
	groups_count(&run);
	rd_prescribed_free(rx);
	rd_collect_free(&run.spare);
	free(run.facts);
	groups_free(&run);
	rd_episodes_free(eps);
}
