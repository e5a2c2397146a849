#include "rules.h"

#include <string.h>

#include "codes.h"
#include "date.h"
#include "fields.h"

const struct check_info check_info[NCHECKS] = {
	[CHECK_OVERDOSE] = { "overdose", "NO 8.2", NEEDS_URINE },
	[CHECK_SUICIDE_RISK] = { "suicide-risk", "NO 8.1", NEEDS_SESSIONS },
	[CHECK_DROPOUT_FOLLOWUP] = { "dropout-followup", "NO 5.4", NEEDS_SESSIONS },
	[CHECK_WAITING] = { "waiting", "NO 2.1", NEEDS_EPISODES },
	[CHECK_ALLIANCE] = { "alliance", "NO 2.3", NEEDS_SESSIONS },
	[CHECK_FEEDBACK] = { "feedback", "NO 1.2", NEEDS_SESSIONS },
	[CHECK_SCREENING] = { "screening", "NO 3.1", NEEDS_ASSESSMENTS },
	[CHECK_NETWORK] = { "network", "NO 6.1", NEEDS_SESSIONS },
	[CHECK_YOUTH_FAMILY] = { "youth-family", "NO 7.4", NEEDS_SESSIONS },
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
	t->waiting_days = 14;
	t->srs_cutoff10 = 360;
	t->ors_days = 30;
	t->ors_drop10 = RD_ORS_RELIABLE10;
	t->screening_days = 14;
	t->network_days = 14;
	t->family_days = 56;
	t->youth_age = 25;
	t->youth_family_days = 56;
	t->overdose_negatives = 3;
	t->overdose_days = 28;
	t->dropout_days = 14;
	t->missing = RD_MISSING_POSITIVE;
}

bool
check_gap(int from, long days, int as_of, int *since)
{
	if ((long)as_of - from <= days)
		return false;
	*since = from + (int)days + 1;
	return true;
}

bool
check_waiting(int referral, int start, long days, int as_of, int *since)
{
	if (referral == RD_NO_DATE || referral > as_of || start <= as_of)
		return false;
	return check_gap(referral, days, as_of, since);
}

bool
check_alliance(int srs_latest10, int srs_before10, long cutoff10)
{
	return srs_latest10 >= 0 && srs_before10 >= 0 &&
	    srs_latest10 < cutoff10 && srs_before10 < cutoff10;
}

bool
check_ors_deteriorated(int first10, int last10, long drop10)
{
	return first10 >= 0 && last10 >= 0 && (long)first10 - last10 >= drop10;
}

bool
check_young(int start, int birth_year, long youth_age)
{
	int y, m, d;

	if (birth_year == 0)
		return false;
	rd_date_to_ymd(start, &y, &m, &d);
	return y - birth_year < youth_age;
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

/* The negative samples in a row before s[i], under the missing rule. */
static long
negatives_before(const struct rd_sample *s, size_t i,
    const struct check_thresholds *t)
{
	long negatives = 0;
	bool positive;

	while (i > 0) {
		i--;
		if (!counts(&s[i], t, &positive))
			continue;
		if (positive)
			break;
		negatives++;
	}
	return negatives;
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
	*negatives = negatives_before(s, i, t);
	return *negatives >= t->relapse_negatives;
}

bool
check_overdose(const struct rd_sample *s, size_t n,
    const struct check_thresholds *t, const int *inpatient_end,
    size_t ninpatient, size_t *latest, long *negatives, int *after_end)
{
	size_t i = n;

	/* A missing sample says nothing about opioids: passed over here. */
	while (i > 0 && s[i - 1].status == RD_SAMPLE_MISSING)
		i--;
	if (i == 0 || s[i - 1].status != RD_SAMPLE_POS ||
	    !(s[i - 1].positive_substances & (1u << RD_SUB_OPIOIDS)))
		return false;
	*latest = --i;
	*negatives = negatives_before(s, i, t);
	*after_end = RD_NO_DATE;
	for (size_t k = 0; k < ninpatient; k++)
		if (inpatient_end[k] < s[i].date &&
		    s[i].date - inpatient_end[k] <= t->overdose_days &&
		    (*after_end == RD_NO_DATE || inpatient_end[k] > *after_end))
			*after_end = inpatient_end[k];
	return *negatives >= t->overdose_negatives || *after_end != RD_NO_DATE;
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
