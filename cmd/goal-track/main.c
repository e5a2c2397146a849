/*
 * goal-track: patient-set goals, their reviews and Goal Attainment
 * Scaling (see goal-track(1)).  Holds one small record per goal; prints
 * one row per patient/episode, or with --goals one row per goal.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "attach.h"
#include "codes.h"
#include "collect.h"
#include "episodes.h"
#include "diag.h"
#include "fields.h"
#include "goals.h"
#include "goals_read.h"
#include "opts.h"
#include "par.h"
#include "samefile.h"
#include "reader.h"
#include "rejects.h"
#include "summary.h"
#include "writer.h"

static const char usage_text[] =
    "usage: goal-track [--goals] [--episodes FILE] [--review-days N] [--rho R]\n"
    "                  [-j N] [options] [FILE]\n"
    "Validates goal rows (patient_id, episode_id, goal_id, domain, set_by,\n"
    "date, attainment, weight) and prints per patient/episode: goals,\n"
    "set_by_patient, last_review, next_review_due, overdue, gas_t, goals_met.\n"
    "  --goals          one row per goal with its latest state instead\n"
    "  --episodes FILE  no review is due in an episode that has ended\n"
    "  --review-days N  days from one review to the next (default 28)\n"
    "  --rho R          inter-goal correlation of the T-score (default 0.3)\n"
    "  -j N             threads that read the goals (default: the CPUs)\n"
    RD_COMMON_USAGE;

enum { OPT_GOALS = RD_OPT_TOOL_BASE, OPT_EPISODES, OPT_REVIEW_DAYS, OPT_RHO };

struct settings {
	bool per_goal;
	int review_days;
	double rho;
	const char *episodes_path;
	struct rd_episodes *episodes;	/* NULL without --episodes */
	/* With --episodes: per goal, the episode it attaches to, or NULL. */
	const struct rd_episode **goal_episode;
	size_t goal_episode_cap;
	struct rd_attach_note note;	/* goals that fit no episode */
};

/* Whether goal i is shown: with --episodes, only when it attached. */
static bool
goal_shown(const struct settings *set, size_t i)
{
	return set->episodes == NULL || set->goal_episode[i] != NULL;
}

/* The review interval of goal i: 0 when its episode has ended. */
static int
review_days_of(const struct settings *set, size_t i)
{
	if (set->episodes != NULL &&
	    goal_episode_ended(set->goal_episode[i], rd_opt.as_of))
		return 0;
	return set->review_days;
}

/* Goal i as set (goals_read.h): with --episodes, the episode it attaches to. */
static void
goal_set(void *arg, size_t i, long ep)
{
	struct settings *set = arg;

	if (set->episodes == NULL)
		return;
	if (i == set->goal_episode_cap) {
		set->goal_episode_cap = i ? 2 * i : 256;
		set->goal_episode = rd_realloc(set->goal_episode,
		    set->goal_episode_cap * sizeof *set->goal_episode);
	}
	set->goal_episode[i] = ep != RD_GOAL_NO_EPISODE ?
	    rd_episodes_at(set->episodes, (size_t)ep) : NULL;
}

static void
put_code_or_empty(struct rd_writer *w, const struct rd_codes *codes, int index)
{
	if (index < 0)
		rd_put_empty(w);
	else
		rd_put_str(w, codes->code[index]);
}

/* One summary row over the goals idx[0..n) of one patient/episode. */
static void
write_summary(struct rd_writer *w, const struct rd_goals *t,
    const struct settings *set, const char *patient, const char *episode,
    const size_t *idx, size_t n)
{
	struct goal_summary s;
	double share, gas_t;
	bool met;
	int as_of = rd_opt.as_of;

	goal_summary_init(&s);
	for (size_t i = 0; i < n; i++)
		goal_summary_add(&s, rd_goals_at(t, idx[i]), as_of,
		    review_days_of(set, idx[i]));
	if (s.goals == 0)
		return;		/* every goal set after as-of */
	rd_put_str(w, patient);
	rd_put_str(w, episode);
	rd_put_long(w, (long long)s.goals);
	if (goal_summary_set_by_share(&s, &share))
		rd_put_fixed(w, share, 4);
	else
		rd_put_empty(w);
	rd_put_date_or_empty(w, s.last_review);
	rd_put_date_or_empty(w, s.next_review_due);
	rd_put_str(w, goal_summary_overdue(&s, as_of) ? "yes" : "no");
	if (goal_summary_t(&s, set->rho, &gas_t, &met)) {
		rd_put_fixed(w, gas_t, GOAL_T_DECIMALS);
		rd_put_str(w, met ? "yes" : "no");
	} else {
		rd_put_empty(w);
		rd_put_empty(w);
	}
	rd_end_row(w);
}

/*
 * With --episodes: one row per episode that goals attach to, in the
 * order of their first goal (collect.h groups the goals).
 */
static void
write_by_episode(struct rd_writer *w, const struct rd_goals *t,
    const struct settings *set)
{
	size_t neps = rd_episodes_count(set->episodes), ngoals = rd_goals_count(t);
	size_t *rank = rd_malloc((neps + 1) * sizeof *rank);
	size_t *unit_row = rd_malloc((neps + 1) * sizeof *unit_row);
	size_t nunits = 0;
	struct rd_collect goals;

	rd_collect_init(&goals, sizeof(size_t));
	for (size_t e = 0; e < neps; e++)
		rank[e] = (size_t)-1;
	for (size_t i = 0; i < ngoals; i++) {
		const struct rd_episode *e = set->goal_episode[i];

		if (e == NULL)
			continue;
		if (rank[e->row] == (size_t)-1) {
			rank[e->row] = nunits;
			unit_row[nunits++] = e->row;
		}
		*(size_t *)rd_collect_add(&goals, (uint32_t)rank[e->row]) = i;
	}
	rd_collect_finish(&goals, nunits, NULL);
	for (size_t u = 0; u < nunits; u++) {
		const struct rd_episode *e = rd_episodes_at(set->episodes, unit_row[u]);
		size_t n;
		const size_t *idx = rd_collect_unit(&goals, u, &n);

		write_summary(w, t, set, e->patient_id, e->episode_id, idx, n);
	}
	rd_collect_free(&goals);
	free(rank);
	free(unit_row);
}

struct writing {
	const struct rd_goals *t;
	const struct settings *set;
};

/* The summary rows of groups [from, to): each group's row on its own (par.h). */
static void
write_groups(void *arg, struct rd_writer *w, size_t from, size_t to)
{
	const struct writing *x = arg;

	for (size_t g = from; g < to; g++) {
		size_t n;
		const size_t *idx = rd_goals_of_group(x->t, g, &n);

		write_summary(w, x->t, x->set, rd_goals_group_patient(x->t, g),
		    rd_goals_group_episode(x->t, g), idx, n);
	}
}

static void
write_summaries(struct rd_writer *w, const struct rd_goals *t,
    const struct settings *set)
{
	struct writing x = { t, set };

	static const char *const header[] = { "patient_id", "episode_id", "goals",
	    "set_by_patient", "last_review", "next_review_due", "overdue", "gas_t",
	    "goals_met" };

	rd_put_header(w, header, sizeof header / sizeof header[0]);
	if (set->episodes != NULL) {
		write_by_episode(w, t, set);
		return;
	}
	/* Ids, codes, numbers and dates: values every writer takes. */
	rd_par_write(w, rd_goals_group_count(t), write_groups, &x);
}

static void
write_goal(struct rd_writer *w, const struct rd_goals *t,
    const struct rd_goal *goal, const struct rd_goal_state *st,
    const struct rd_episode *e, int review_days)
{
	char weight[32];

	rd_put_str(w, rd_goals_group_patient(t, goal->group));
	rd_put_str(w, e != NULL ? e->episode_id : rd_goals_group_episode(t, goal->group));
	rd_put_str(w, goal->goal_id);
	put_code_or_empty(w, &rd_domain_codes, goal->domain);
	put_code_or_empty(w, &rd_set_by_codes, goal->set_by);
	goal_format_weight(goal->weight, weight);
	rd_put_str(w, weight);
	rd_put_date(w, st->set_date);
	rd_put_long(w, (long long)st->reviews);
	rd_put_date_or_empty(w, st->last_review);
	if (st->last_review != RD_NO_DATE)
		rd_put_long(w, st->attainment);
	else
		rd_put_empty(w);
	if (review_days > 0) {
		rd_put_date(w, rd_goal_next_due(st, review_days));
		rd_put_str(w, rd_goal_overdue(st, review_days, rd_opt.as_of) ?
		    "yes" : "no");
	} else {
		rd_put_empty(w);
		rd_put_str(w, "no");
	}
	rd_end_row(w);
}

static void
write_goals(struct rd_writer *w, const struct rd_goals *t,
    const struct settings *set)
{
	static const char *const header[] = { "patient_id", "episode_id", "goal_id",
	    "domain", "set_by", "weight", "set_date", "reviews", "last_review",
	    "attainment", "next_review_due", "overdue" };

	rd_put_header(w, header, sizeof header / sizeof header[0]);
	for (size_t g = 0; g < rd_goals_group_count(t); g++) {
		size_t n;
		const size_t *idx = rd_goals_of_group(t, g, &n);

		for (size_t i = 0; i < n; i++) {
			const struct rd_goal *goal = rd_goals_at(t, idx[i]);
			struct rd_goal_state st;

			if (goal_shown(set, idx[i]) &&
			    rd_goal_state_at(goal, rd_opt.as_of, &st))
				write_goal(w, t, goal, &st, set->episodes != NULL ?
				    set->goal_episode[idx[i]] : NULL,
				    review_days_of(set, idx[i]));
		}
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "goals", no_argument, NULL, OPT_GOALS },
		{ "episodes", required_argument, NULL, OPT_EPISODES },
		{ "review-days", required_argument, NULL, OPT_REVIEW_DAYS },
		{ "rho", required_argument, NULL, OPT_RHO },
		RD_COMMON_LONGOPTS
	};
	struct settings set = { .review_days = RD_GOAL_REVIEW_DAYS, .rho = RD_GAS_RHO };
	struct rd_goals *t;
	struct rd_reader *r;
	struct rd_writer *w;
	int ch;

	rd_opts_init(argv[0], usage_text);
	while ((ch = rd_getopt(argc, argv, longopts)) != -1) {
		switch (ch) {
		case OPT_GOALS:
			set.per_goal = true;
			break;
		case OPT_EPISODES:
			set.episodes_path = optarg;
			break;
		case OPT_REVIEW_DAYS:
			set.review_days = (int)rd_opt_long("--review-days", optarg, 1, 3650);
			break;
		case OPT_RHO:
			set.rho = rd_opt_double("--rho", optarg, 0, 1);
			break;
		case 'j':
			rd_opt_threads(optarg);
			break;
		default:
			if (!rd_opt_common(ch, optarg))
				rd_usage();
		}
	}
	if (argc - optind > 1)
		rd_usage_msg("at most one input file");
	rd_file_inputs(argc - optind, argv + optind);
	rd_file_input("--episodes", set.episodes_path);
	rd_opts_done();

	if (set.episodes_path != NULL)
		set.episodes = rd_episodes_load(set.episodes_path, false);
	r = rd_open(optind < argc ? argv[optind] : NULL);
	t = rd_goals_read(r, set.episodes, rd_opt.as_of, &set.note, goal_set, &set);
	rd_attach_note_print(&set.note, rd_name(r), "goal");
	rd_close(r);

	w = rd_writer_new(STDOUT_FILENO);
	if (set.per_goal)
		write_goals(w, t, &set);
	else
		write_summaries(w, t, &set);
	rd_writer_close(w);
	rd_goals_free(t);
	free(set.goal_episode);
	rd_episodes_free(set.episodes);
	return rd_exit_status();
}
