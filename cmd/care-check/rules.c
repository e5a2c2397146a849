#include "rules.h"

#include <string.h>

#include "codes.h"
#include "date.h"
#include "fields.h"

const struct check_info check_info[NCHECKS] = {
	[CHECK_SUICIDE_RISK] = { "suicide-risk", "NO 8.1", NEEDS_SESSIONS },
	[CHECK_RELAPSE] = { "relapse", "seed 002", NEEDS_URINE },
	[CHECK_CRISIS_PLAN] = { "crisis-plan", "NO 2.7", NEEDS_SESSIONS },
	[CHECK_NO_CONTACT] = { "no-contact", "NO 5.1", NEEDS_SESSIONS },
	[CHECK_NO_SHOW_RUN] = { "no-show-run", "NO 5.1", NEEDS_SESSIONS },
	[CHECK_TREATMENT_PLAN] = { "treatment-plan", "NO 2.4", NEEDS_SESSIONS },
	[CHECK_GOALS] = { "goals", "NO 2.5", NEEDS_GOALS },
	[CHECK_GOAL_REVIEW] = { "goal-review", "NO 2.8", NEEDS_GOALS },
};

int
check_by_name(const char *name, size_t len)
{
	for (int i = 0; i < NCHECKS; i++)
		if (strlen(check_info[i].name) == len &&
		    memcmp(check_info[i].name, name, len) == 0)
			return i;
	return -1;
}

void
check_thresholds_default(struct check_thresholds *t)
{
	t->treatment_plan_days = 14;
	t->crisis_plan_days = 14;
	t->suicide_risk_days = 14;
	t->goal_days = 28;
	t->review_days = RD_GOAL_REVIEW_DAYS;
	t->no_show_run = RD_RISK_DEFAULT_NO_SHOW_RUN;
	t->no_contact_days = RD_RISK_DEFAULT_NO_CONTACT;
	t->relapse_negatives = 3;
	t->missing = RD_MISSING_POSITIVE;
}

bool
check_due_after_start(int start, int first, long days, int as_of, int *since)
{
	/* Done late is still done: the list names what can still be acted on. */
	if (first != RD_NO_DATE && first <= as_of)
		return false;
	if ((long)as_of - start <= days)
		return false;
	*since = start + (int)days + 1;
	return true;
}

void
check_contact(const struct rd_session_event *ev, size_t n, int start,
    int as_of, const struct check_thresholds *t, struct contact_result *res)
{
	struct rd_session_stats st;
	int from;

	rd_session_stats_init(&st);
	res->run_since = RD_NO_DATE;
	for (size_t i = 0; i < n; i++) {
		rd_session_stats_add(&st, &ev[i]);
		/* The run passes the threshold here (it resets on attendance). */
		if (ev[i].attendance == RD_NO_SHOW && ev[i].activity != RD_ACT_SELF_HELP &&
		    st.current_no_show_run == t->no_show_run)
			res->run_since = ev[i].date;
	}
	res->no_show_run = st.current_no_show_run;
	res->last_attended = st.last_attended;
	res->days_since_contact = rd_days_since_contact(&st, start, as_of);
	from = st.last_attended != RD_NO_DATE ? st.last_attended : start;
	res->contact_since = from + (int)t->no_contact_days + 1;
}

bool
check_no_show_run(const struct contact_result *res, const struct check_thresholds *t)
{
	return res->no_show_run >= t->no_show_run && res->run_since != RD_NO_DATE;
}

bool
check_no_contact(const struct contact_result *res, const struct check_thresholds *t)
{
	return res->days_since_contact > t->no_contact_days;
}

/* Whether a sample counts under the missing rule, and as positive. */
static bool
counts(const struct rd_sample *s, const struct check_thresholds *t, bool *positive)
{
	if (s->status == RD_SAMPLE_MISSING) {
		*positive = true;
		return t->missing == RD_MISSING_POSITIVE;
	}
	*positive = s->status == RD_SAMPLE_POS;
	return true;
}

bool
check_relapse(const struct rd_sample *s, size_t n,
    const struct check_thresholds *t, size_t *latest, long *negatives)
{
	size_t i = n;
	bool positive;

	while (i > 0 && !counts(&s[i - 1], t, &positive))
		i--;
	if (i == 0 || !positive)
		return false;
	*latest = --i;
	*negatives = 0;
	while (i > 0) {
		i--;
		if (!counts(&s[i], t, &positive))
			continue;
		if (positive)
			break;
		(*negatives)++;
	}
	return *negatives >= t->relapse_negatives;
}

int
finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->episode->clinic, b->episode->clinic)) != 0)
		return c;
	if (a->check != b->check)
		return a->check < b->check ? -1 : 1;
	if ((c = strcmp(a->episode->patient_id, b->episode->patient_id)) != 0)
		return c;
	if ((c = strcmp(a->episode->episode_id, b->episode->episode_id)) != 0)
		return c;
	if (a->since != b->since)
		return a->since < b->since ? -1 : 1;
	return strcmp(a->detail, b->detail);
}
