#include "care.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "codes.h"
#include "date.h"
#include "dated.h"
#include "diag.h"
#include "fields.h"
#include "goals_read.h"
#include "instrument.h"
#include "reader.h"
#include "rejects.h"
#include "sessions.h"
#include "words.h"

void
care_init(struct care *c, struct rd_episodes *episodes, int as_of)
{
	size_t n = rd_episodes_count(episodes);

	memset(c, 0, sizeof *c);
	c->as_of = as_of;
	c->episodes = episodes;
	c->state = rd_calloc(n ? n : 1, sizeof *c->state);
	for (size_t i = 0; i < n; i++) {
		const struct rd_episode *e = rd_episodes_at(episodes, i);
		struct episode_state *s = &c->state[e->row];

		/* An episode that ended on or before as-of is never reported. */
		s->active = e->start <= as_of && (e->end == RD_NO_DATE || e->end > as_of);
		for (int k = 0; k < NDONE; k++)
			s->first_done[k] = RD_NO_DATE;
		s->last_suicide_risk = s->first_family_network = RD_NO_DATE;
		s->first_family = s->last_network = RD_NO_DATE;
		s->srs_date = s->srs_before_date = RD_NO_DATE;
		s->first_screen = s->phq9_alert = RD_NO_DATE;
		s->srs_latest10 = s->srs_before10 = -1;
	}
	rd_collect_init(&c->sessions, sizeof(struct rd_session_event));
	rd_collect_init(&c->urine, sizeof(struct rd_urine_obs));
}

void
care_free(struct care *c)
{
	for (size_t i = 0; i < rd_episodes_count(c->episodes); i++)
		free(c->state[i].goal);
	rd_collect_free(&c->sessions);
	rd_collect_free(&c->urine);
	free(c->state);
	rd_goals_free(c->goals);
	rd_prescribed_free(c->prescribed);
	rd_arena_free(&c->long_ids);
	rd_episodes_free(c->episodes);
}

static int
earliest(int a, int b)
{
	return a == RD_NO_DATE || (b != RD_NO_DATE && b < a) ? b : a;
}

static int
latest(int a, int b)
{
	return a == RD_NO_DATE || (b != RD_NO_DATE && b > a) ? b : a;
}

/*
 * Whether an SRS score of date comes after one of than_date: on one date
 * the lower score counts as the later, so the order of the rows does not
 * matter (a day's rows have no time) and a low score is not hidden behind
 * a higher one of the same day.
 */
static int
srs_after(int date, int srs10, int than_date, int than10)
{
	return than_date == RD_NO_DATE || date > than_date ||
	    (date == than_date && srs10 <= than10);
}

/* The latest two SRS scores. */
static void
note_srs(struct episode_state *s, int date, int srs10)
{
	if (srs10 < 0)
		return;
	if (srs_after(date, srs10, s->srs_date, s->srs_latest10)) {
		s->srs_before10 = s->srs_latest10;
		s->srs_before_date = s->srs_date;
		s->srs_latest10 = srs10;
		s->srs_date = date;
	} else if (srs_after(date, srs10, s->srs_before_date, s->srs_before10)) {
		s->srs_before10 = srs10;
		s->srs_before_date = date;
	}
}

/* What the guideline's family, network and alliance checks look for. */
static void
note_attended(struct episode_state *s, const struct rd_session *ses)
{
	if (ses->activity == RD_ACT_SUICIDE_RISK)
		s->last_suicide_risk = latest(s->last_suicide_risk, ses->date);
	if (ses->activity == RD_ACT_FAMILY || ses->activity == RD_ACT_NETWORK)
		s->first_family_network = earliest(s->first_family_network, ses->date);
	if (ses->activity == RD_ACT_FAMILY)
		s->first_family = earliest(s->first_family, ses->date);
	if (ses->activity == RD_ACT_NETWORK && ses->participants >= 1)
		s->last_network = latest(s->last_network, ses->date);
	note_srs(s, ses->date, ses->srs10);
}

static void
add_session(struct care *c, struct episode_state *s, const struct rd_session *ses)
{
	int k = -1;

	if (ses->attendance == RD_ATTENDED && ses->activity != RD_ACT_SELF_HELP)
		note_attended(s, ses);
	if (ses->attendance == RD_ATTENDED) {
		if (ses->activity == RD_ACT_TREATMENT_PLAN)
			k = DONE_TREATMENT_PLAN;
		else if (ses->activity == RD_ACT_CRISIS_PLAN)
			k = DONE_CRISIS_PLAN;
		else if (ses->activity == RD_ACT_SUICIDE_RISK)
			k = DONE_SUICIDE_RISK;
	}
	if (k >= 0 && (s->first_done[k] == RD_NO_DATE || ses->date < s->first_done[k]))
		s->first_done[k] = ses->date;
	*(struct rd_session_event *)rd_collect_add(&c->sessions,
	    (uint32_t)(s - c->state)) = rd_session_event(ses);
}

/*
 * An attended session after the end of a patient's dropout episode is a
 * contact after it, whichever episode (if any) the session belongs to.
 */
static void
mark_contact(struct care *c, const struct rd_session *ses)
{
	size_t n;
	const struct rd_episode *const *list = rd_episodes_of_patient(c->episodes,
	    ses->patient_id, ses->patient_id_len, &n);

	for (size_t i = 0; list != NULL && i < n; i++)
		if (list[i]->end_reason == RD_DROPOUT && list[i]->end < ses->date)
			c->state[list[i]->row].contact_after_end = true;
}

static void
keep_session(void *arg, const struct rd_session *ses, size_t ep)
{
	struct care *c = arg;

	if (c->follow_dropouts && ses->attendance == RD_ATTENDED &&
	    ses->activity != RD_ACT_SELF_HELP)
		mark_contact(c, ses);
	if (ep != RD_DATED_NONE && c->state[ep].active)
		add_session(c, &c->state[ep], ses);
}

void
care_read_sessions(struct care *c, const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_attach_note note = { { 0 }, 0 };

	rd_reader_set_strict(r);
	rd_dated_sessions(r, c->episodes, c->as_of, &note, keep_session, c);
	rd_attach_note_print(&note, rd_name(r), "row");
	rd_close(r);
}

static void
add_goal(struct episode_state *s, size_t goal)
{
	if (s->ngoal == s->goal_cap) {
		s->goal_cap = s->goal_cap ? 2 * s->goal_cap : 4;
		s->goal = rd_realloc(s->goal, s->goal_cap * sizeof *s->goal);
	}
	s->goal[s->ngoal++] = goal;
}

/* Goal i as set (goals_read.h): kept when it attaches to an active episode. */
static void
goal_set(void *arg, size_t goal, long ep)
{
	struct care *c = arg;

	if (ep != RD_GOAL_NO_EPISODE && c->state[ep].active)
		add_goal(&c->state[ep], goal);
}

/* Goals are read on every core (goals_read.h), attached by the day set. */
void
care_read_goals(struct care *c, const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_attach_note note = { { 0 }, 0 };

	rd_reader_set_strict(r);
	c->goals = rd_goals_read(r, c->episodes, c->as_of, &note, goal_set, c);
	rd_attach_note_print(&note, rd_name(r), "goal");
	rd_close(r);
}

/*
 * The reading threads make the observations of the rows of active
 * episodes (dated.h's rd_dated_urine_obs), a unit an episode row as
 * c->state is: the calling thread only copies them.
 */
void
care_read_urine(struct care *c, const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_attach_note note = { { 0 }, 0 };
	size_t neps = rd_episodes_count(c->episodes);
	uint64_t *active = rd_calloc(neps / 64 + 1, sizeof *active);

	for (size_t e = 0; e < neps; e++)
		if (c->state[e].active)
			active[e / 64] |= (uint64_t)1 << e % 64;
	rd_reader_set_strict(r);
	rd_dated_urine_obs(r, c->episodes, c->as_of, &note, c->prescribed, active,
	    &c->urine, &c->long_ids);
	free(active);
	rd_attach_note_print(&note, rd_name(r), "row");
	rd_close(r);
}

/*
 * Assessments carry no episode_id: a row counts for every active episode
 * of its patient that it does not predate (from the referral, else the
 * start, to as-of).  AUDIT and DUDIT are screening (NO 3.1); a PHQ-9 with
 * item 9 above 0 asks for a suicide-risk session (NO 8.1).
 */
static void
add_assessment(struct care *c, const char *patient, size_t plen, int date,
    int instrument, const int *items)
{
	bool screen = instrument == ASSESS_AUDIT || instrument == ASSESS_DUDIT;
	bool alert = instrument == ASSESS_PHQ_9 && items[8] > 0;
	const struct rd_episode *const *list;
	size_t n;

	if (!screen && !alert)
		return;
	list = rd_episodes_of_patient(c->episodes, patient, plen, &n);
	for (size_t i = 0; list != NULL && i < n; i++) {
		const struct rd_episode *e = list[i];
		struct episode_state *s = &c->state[e->row];
		int from = e->referral != RD_NO_DATE ? e->referral : e->start;

		if (!s->active || date < from)
			continue;
		if (screen)
			s->first_screen = earliest(s->first_screen, date);
		else
			s->phq9_alert = latest(s->phq9_alert, date);
	}
}

void
care_read_assessments(struct care *c, const char *path)
{
	struct rd_reader *r = rd_open(path);
	struct rd_record rec;
	struct assess_row_cols cols;
	struct assess_row a;

	rd_reader_set_strict(r);
	assess_row_cols(r, &cols);
	while (rd_next_good(r, &rec) > 0)
		if (assess_row_parse(r, &rec, &cols, &a) && a.date <= c->as_of)
			add_assessment(c, a.patient_id, a.patient_len, a.date,
			    a.instrument, a.item);
	rd_close(r);
}

/* The growing list of findings. */
struct findings {
	struct finding *f;
	size_t n, cap;
	enum rd_lang lang;		/* of the detail texts */
};

/* A finding with its detail text in the language of fs (words.h). */
static void
add_finding(struct findings *fs, const struct rd_episode *e, enum check check,
    int since, enum detail d, ...)
{
	const char *fmt = care_words[fs->lang].detail[d];
	va_list ap;
	int len;
	char *detail;

	va_start(ap, d);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		rd_die(RD_EXIT_DATA, "cannot format a finding");
	detail = rd_malloc((size_t)len + 1);
	va_start(ap, d);
	vsnprintf(detail, (size_t)len + 1, fmt, ap);
	va_end(ap);
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 64;
		fs->f = rd_realloc(fs->f, fs->cap * sizeof *fs->f);
	}
	fs->f[fs->n].episode = e;
	fs->f[fs->n].check = check;
	fs->f[fs->n].since = since;
	fs->f[fs->n].detail = detail;
	fs->n++;
}

/* A date for a detail text ("YYYY-MM-DD"). */
struct day_text {
	char s[11];
};

static struct day_text
day_text(int day)
{
	struct day_text t;

	rd_date_format(day, t.s);
	return t;
}

static void
check_started_items(struct findings *fs, const struct rd_episode *e,
    const struct episode_state *s, const bool enabled[NCHECKS],
    const struct check_thresholds *t, int as_of)
{
	static const enum check which[NDONE] = { CHECK_TREATMENT_PLAN,
	    CHECK_CRISIS_PLAN, CHECK_SUICIDE_RISK };
	static const enum detail text[NDONE] = { D_NOT_DONE_TREATMENT_PLAN,
	    D_NOT_DONE_CRISIS_PLAN, D_NOT_DONE_SUICIDE_RISK };
	const long days[NDONE] = { t->treatment_plan_days, t->crisis_plan_days,
	    t->suicide_risk_days };
	int since;

	for (int k = 0; k < NDONE; k++)
		if (enabled[which[k]] && check_due_after_start(e->start,
		    s->first_done[k], days[k], as_of, &since))
			add_finding(fs, e, which[k], since, text[k],
			    day_text(since - 1).s);
}

static void check_guideline_sessions(struct findings *, const struct rd_episode *,
    const struct episode_state *, const struct rd_session_event *, size_t,
    const bool enabled[NCHECKS], const struct check_thresholds *, int as_of);

static void
check_sessions(struct findings *fs, const struct care *c,
    const struct rd_episode *e, const struct episode_state *s,
    const bool enabled[NCHECKS], const struct check_thresholds *t, int as_of)
{
	struct contact_result res;
	size_t nev;
	const struct rd_session_event *ev = rd_collect_unit(&c->sessions, e->row,
	    &nev);

	check_started_items(fs, e, s, enabled, t, as_of);
	check_contact(ev, nev, e->start, as_of, t, &res);
	if (enabled[CHECK_NO_SHOW_RUN] && check_no_show_run(&res, t)) {
		if (res.last_attended != RD_NO_DATE)
			add_finding(fs, e, CHECK_NO_SHOW_RUN, res.run_since,
			    D_NO_SHOW_RUN, res.no_show_run,
			    day_text(res.last_attended).s);
		else
			add_finding(fs, e, CHECK_NO_SHOW_RUN, res.run_since,
			    D_NO_SHOW_RUN_NEVER, res.no_show_run);
	}
	if (enabled[CHECK_NO_CONTACT] && check_no_contact(&res, t)) {
		if (res.last_attended != RD_NO_DATE)
			add_finding(fs, e, CHECK_NO_CONTACT, res.contact_since,
			    D_NO_CONTACT,
			    res.days_since_contact, day_text(res.last_attended).s);
		else
			add_finding(fs, e, CHECK_NO_CONTACT, res.contact_since,
			    D_NO_CONTACT_NEVER,
			    res.days_since_contact, day_text(e->start).s);
	}
	check_guideline_sessions(fs, e, s, ev, nev, enabled, t, as_of);
}

/* "25.5" from tenths. */
struct score_text {
	char s[24];
};

static struct score_text
score_text(int v10)
{
	struct score_text t;

	snprintf(t.s, sizeof t.s, "%d.%d", v10 / 10, v10 % 10);
	return t;
}

/* feedback (NO 1.2): an ORS in the last ors_days, and no reliable deterioration. */
static void
check_feedback(struct findings *fs, const struct rd_episode *e,
    const struct rd_session_event *ev, size_t nev,
    const struct check_thresholds *t, int as_of)
{
	int first10 = -1, last10 = -1, last_date = RD_NO_DATE, since;

	for (size_t i = 0; i < nev; i++) {
		if (ev[i].ors10 < 0 || ev[i].activity == RD_ACT_SELF_HELP)
			continue;
		if (first10 < 0)
			first10 = ev[i].ors10;
		last10 = ev[i].ors10;
		last_date = ev[i].date;
	}
	if (last_date == RD_NO_DATE && check_gap(e->start, t->ors_days, as_of, &since))
		add_finding(fs, e, CHECK_FEEDBACK, since, D_FEEDBACK_NEVER, day_text(e->start).s);
	else if (last_date != RD_NO_DATE &&
	    check_gap(last_date, t->ors_days, as_of, &since))
		add_finding(fs, e, CHECK_FEEDBACK, since, D_FEEDBACK_GAP,
		    day_text(last_date).s);
	else if (check_ors_deteriorated(first10, last10, t->ors_drop10))
		add_finding(fs, e, CHECK_FEEDBACK, last_date, D_FEEDBACK_DROP,
		    score_text(last10).s, score_text(first10 - last10).s,
		    score_text(first10).s);
}

/*
 * The guideline's checks on sessions besides the start items: alliance,
 * feedback, network and youth-family, and suicide-risk after a PHQ-9
 * item 9 above 0.  ev (nev of them) is sorted.
 */
static void
check_guideline_sessions(struct findings *fs, const struct rd_episode *e,
    const struct episode_state *s, const struct rd_session_event *ev,
    size_t nev, const bool enabled[NCHECKS], const struct check_thresholds *t,
    int as_of)
{
	int since;

	if (enabled[CHECK_SUICIDE_RISK] && s->phq9_alert != RD_NO_DATE &&
	    (s->last_suicide_risk == RD_NO_DATE || s->last_suicide_risk < s->phq9_alert))
		add_finding(fs, e, CHECK_SUICIDE_RISK, s->phq9_alert, D_PHQ9_ALERT,
		    day_text(s->phq9_alert).s);
	if (enabled[CHECK_ALLIANCE] &&
	    check_alliance(s->srs_latest10, s->srs_before10, t->srs_cutoff10))
		add_finding(fs, e, CHECK_ALLIANCE, s->srs_date, D_ALLIANCE, score_text(s->srs_before10).s,
		    score_text(s->srs_latest10).s, score_text((int)t->srs_cutoff10).s);
	if (enabled[CHECK_FEEDBACK])
		check_feedback(fs, e, ev, nev, t, as_of);
	if (enabled[CHECK_NETWORK] && e->modality == RD_MOD_NETWORK_THERAPY) {
		if (check_gap(s->last_network != RD_NO_DATE ? s->last_network :
		    e->start, t->network_days, as_of, &since))
			add_finding(fs, e, CHECK_NETWORK, since, D_NETWORK_GAP,
			    day_text(s->last_network != RD_NO_DATE ? s->last_network :
			    e->start).s);
	} else if (enabled[CHECK_NETWORK] && check_due_after_start(e->start,
	    s->first_family_network, t->family_days, as_of, &since))
		add_finding(fs, e, CHECK_NETWORK, since, D_NETWORK_NONE, day_text(since - 1).s);
	if (enabled[CHECK_YOUTH_FAMILY] &&
	    check_young(e->start, e->birth_year, t->youth_age) &&
	    check_due_after_start(e->start, s->first_family, t->youth_family_days,
	    as_of, &since))
		add_finding(fs, e, CHECK_YOUTH_FAMILY, since, D_YOUTH_FAMILY, t->youth_age,
		    e->birth_year, day_text(since - 1).s);
}

static void
check_goals(struct findings *fs, const struct care *c, const struct rd_episode *e,
    const struct episode_state *s, const bool enabled[NCHECKS],
    const struct check_thresholds *t)
{
	int first = RD_NO_DATE, since;

	for (size_t i = 0; i < s->ngoal; i++) {
		const struct rd_goal *goal = rd_goals_at(c->goals, s->goal[i]);
		struct rd_goal_state st;
		int due;

		if (!rd_goal_state_at(goal, c->as_of, &st))
			continue;
		if (first == RD_NO_DATE || st.set_date < first)
			first = st.set_date;
		if (!enabled[CHECK_GOAL_REVIEW] ||
		    !rd_goal_overdue(&st, (int)t->review_days, c->as_of))
			continue;
		due = rd_goal_next_due(&st, (int)t->review_days);
		if (st.last_review != RD_NO_DATE)
			add_finding(fs, e, CHECK_GOAL_REVIEW, due + 1, D_REVIEW_LATE,
			    goal->goal_id,
			    day_text(st.last_review).s, day_text(due).s);
		else
			add_finding(fs, e, CHECK_GOAL_REVIEW, due + 1, D_REVIEW_NEVER,
			    goal->goal_id,
			    day_text(st.set_date).s, day_text(due).s);
	}
	if (enabled[CHECK_GOALS] &&
	    check_due_after_start(e->start, first, t->goal_days, c->as_of, &since))
		add_finding(fs, e, CHECK_GOALS, since, D_NO_GOAL, day_text(since - 1).s);
}

/*
 * overdose (NO 8.2): the ends of the patient's inpatient episodes by
 * as-of, into ends (room for 8; a patient with more keeps the latest 8).
 */
static size_t
inpatient_ends(const struct care *c, const struct rd_episode *e, int *ends)
{
	size_t n, k = 0;
	const struct rd_episode *const *list = rd_episodes_of_patient(c->episodes,
	    e->patient_id, strlen(e->patient_id), &n);

	/* In start order: the latest eight are the last ones kept. */
	for (size_t i = 0; list != NULL && i < n; i++)
		if (list[i]->setting == RD_INPATIENT && list[i]->end != RD_NO_DATE &&
		    list[i]->end <= c->as_of)
			ends[k++ % 8] = list[i]->end;
	return k < 8 ? k : 8;
}

/*
 * " (fentanyl, 6-mam)": the opioid analytes of an opioid-positive sample,
 * or "" when its opioid rows name only the class (the text says opioid).
 */
static void
opioid_analytes(const struct rd_urine_obs *obs, const struct rd_sample *s,
    char *out, size_t outsz)
{
	char names[256];
	size_t len;

	rd_sample_positive_names(obs, s, RD_SUB_OPIOIDS, names, sizeof names);
	out[0] = '\0';
	len = strlen(names);
	if (len > 0 && len + 4 <= outsz)
		snprintf(out, outsz, " (%s)", names);
}

static void
check_overdose_samples(struct findings *fs, const struct care *c,
    const struct rd_episode *e, const struct rd_urine_obs *obs,
    const struct rd_sample *samples, size_t n, const struct check_thresholds *t)
{
	int ends[8], after_end;
	size_t nends = inpatient_ends(c, e, ends), latest;
	long negatives;
	char analytes[260];

	if (!check_overdose(samples, n, t, ends, nends, &latest, &negatives,
	    &after_end))
		return;
	opioid_analytes(obs, &samples[latest], analytes, sizeof analytes);
	if (after_end != RD_NO_DATE)
		add_finding(fs, e, CHECK_OVERDOSE, samples[latest].date, D_OVERDOSE_AFTER_STAY,
		    day_text(samples[latest].date).s, analytes,
		    samples[latest].date - after_end, day_text(after_end).s);
	else
		add_finding(fs, e, CHECK_OVERDOSE, samples[latest].date, D_OVERDOSE_AFTER_NEGATIVES,
		    day_text(samples[latest].date).s, analytes, negatives);
}

static void
check_urine(struct findings *fs, const struct care *c, const struct rd_episode *e,
    const bool enabled[NCHECKS], const struct check_thresholds *t)
{
	struct rd_sample *samples;
	size_t n, nobs, latest;
	long negatives;
	char substances[256];
	struct rd_urine_obs *obs = rd_collect_unit(&c->urine, e->row, &nobs);

	if (nobs == 0)
		return;
	samples = rd_malloc(nobs * sizeof *samples);
	n = rd_urine_samples(obs, nobs, samples);
	if (enabled[CHECK_OVERDOSE])
		check_overdose_samples(fs, c, e, obs, samples, n, t);
	if (enabled[CHECK_RELAPSE] && check_relapse(samples, n, t, &latest, &negatives)) {
		const struct rd_sample *p = &samples[latest];

		rd_sample_positive_names(obs, p, -1, substances, sizeof substances);
		if (p->status == RD_SAMPLE_MISSING)
			add_finding(fs, e, CHECK_RELAPSE, p->date, D_RELAPSE_MISSING,
			    day_text(p->date).s, negatives);
		else
			add_finding(fs, e, CHECK_RELAPSE, p->date, D_RELAPSE_POSITIVE,
			    day_text(p->date).s, substances, negatives);
	}
	free(samples);
}

/* screening (NO 3.1): AUDIT or DUDIT within screening_days of the start. */
static void
check_screening(struct findings *fs, const struct rd_episode *e,
    const struct episode_state *s, const struct check_thresholds *t, int as_of)
{
	int since;

	if (check_due_after_start(e->start, s->first_screen, t->screening_days,
	    as_of, &since))
		add_finding(fs, e, CHECK_SCREENING, since, D_NO_SCREENING, day_text(since - 1).s);
}

/*
 * Episodes not active on as-of: waiting (NO 2.1) while referred and not
 * started, dropout-followup (NO 5.4) for dropout_days after a dropout.
 */
static void
check_not_active(struct findings *fs, const struct rd_episode *e,
    const struct episode_state *s, const bool enabled[NCHECKS],
    const struct check_thresholds *t, int as_of)
{
	int since;

	if (enabled[CHECK_WAITING] &&
	    check_waiting(e->referral, e->start, t->waiting_days, as_of, &since)) {
		if (e->start == RD_NOT_STARTED)
			add_finding(fs, e, CHECK_WAITING, since, D_WAITING, day_text(e->referral).s,
			    as_of - e->referral);
		else
			add_finding(fs, e, CHECK_WAITING, since, D_WAITING_STARTED, day_text(e->referral).s,
			    day_text(e->start).s, e->start - e->referral);
	}
	if (enabled[CHECK_DROPOUT_FOLLOWUP] && e->end_reason == RD_DROPOUT &&
	    e->end < as_of && as_of - e->end <= t->dropout_days &&
	    !s->contact_after_end)
		add_finding(fs, e, CHECK_DROPOUT_FOLLOWUP, e->end + 1, D_DROPOUT_FOLLOWUP, day_text(e->end).s);
}

struct finding *
care_findings(struct care *c, const bool enabled[NCHECKS],
    const struct check_thresholds *t, size_t *n)
{
	struct findings fs = { NULL, 0, 0, c->lang };
	size_t neps = rd_episodes_count(c->episodes);
	bool sessions = false;

	for (int k = 0; k < NCHECKS; k++)
		sessions |= enabled[k] && check_info[k].needs == NEEDS_SESSIONS;

	/* Sessions in the order the rules need; samples order themselves. */
	rd_collect_finish_key(&c->sessions, neps, rd_session_event_key);
	rd_collect_finish(&c->urine, neps, NULL);
	for (size_t i = 0; i < neps; i++) {
		const struct rd_episode *e = rd_episodes_at(c->episodes, i);
		struct episode_state *s = &c->state[e->row];

		if (!s->active) {
			check_not_active(&fs, e, s, enabled, t, c->as_of);
			continue;
		}
		if (enabled[CHECK_SCREENING])
			check_screening(&fs, e, s, t, c->as_of);
		if (sessions)
			check_sessions(&fs, c, e, s, enabled, t, c->as_of);
		if (c->goals != NULL && (enabled[CHECK_GOALS] || enabled[CHECK_GOAL_REVIEW]))
			check_goals(&fs, c, e, s, enabled, t);
		if (enabled[CHECK_RELAPSE] || enabled[CHECK_OVERDOSE])
			check_urine(&fs, c, e, enabled, t);
	}
	if (fs.n > 0)
		qsort(fs.f, fs.n, sizeof *fs.f, finding_cmp);
	*n = fs.n;
	return fs.f;
}

void
care_findings_free(struct finding *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i].detail);
	free(f);
}
