/*
 * Counts per group and the printed row made from them: retention rules,
 * lengths of stay, the Wilson interval and small-cell suppression.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "report.h"
#include "wordload.h"

const char *const share_name[NSHARES] = {
	"retained_30", "retained_90", "retained_180", "completed", "dropout",
	"attendance", "self_help", "urine_negative", "abstinent_last_28d",
	"goals_met", "ors_improved", "started_in_time", "planned_end", "screened",
	"network_involved", "ors_deteriorated",
};

const int retention_days[3] = { 30, 90, 180 };

/* z for a two-sided 95% interval. */
#define WILSON_Z 1.959963984540054

void
params_format(const struct params *p, char *out, size_t outsz)
{
	char as_of[11], from[11] = "", to[11] = "";

	rd_date_format(p->as_of, as_of);
	if (p->from != RD_NO_DATE)
		rd_date_format(p->from, from);
	if (p->to != RD_NO_DATE)
		rd_date_format(p->to, to);
	snprintf(out, outsz, "as-of=%s from=%s to=%s missing=%s waiting-days=%ld "
	    "inputs=episodes%s%s%s%s%s", as_of, from, to,
	    p->missing == RD_MISSING_IGNORE ? "ignore" : "positive", p->waiting_days,
	    p->sessions ? "+sessions" : "", p->urine ? "+urine" : "",
	    p->goals ? "+goals" : "", p->prescribed ? "+prescribed" : "",
	    p->assessments ? "+assessments" : "");
}

/* Histogram of days. */

static int
cmp_bin(const void *a, const void *b)
{
	const struct los_bin *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

/* Room for n bins in all. */
static void
hist_reserve(struct hist *h, size_t n)
{
	if (n <= h->cap)
		return;
	while (h->cap < n)
		h->cap = h->cap ? 2 * h->cap : 64;
	h->bin = rd_realloc(h->bin, h->cap * sizeof *h->bin);
}

/* The dense counts become bins (in day order, after the others). */
static void
hist_fold(struct hist *h)
{
	size_t k = 0;

	if (h->in_dense == 0)
		return;		/* nothing since the last fold: 4,096 steps saved */
	h->in_dense = 0;
	for (int d = 0; d < HIST_DENSE; d++)
		k += h->dense[d] != 0;
	hist_reserve(h, h->n + k);
	for (int d = 0; d < HIST_DENSE; d++)
		if (h->dense[d] != 0) {
			h->bin[h->n].day = d;
			h->bin[h->n++].count = (long)h->dense[d];
			h->dense[d] = 0;
		}
}

/*
 * Sorts and coalesces bins that all fall on days 0 .. HIST_DENSE - 1
 * with positive counts by counting them in a table of those days: a few
 * thousand steps where qsort took a hundred thousand for a group's first
 * 512 lengths of stay.  False, changing nothing, for other bins.
 */
#define HIST_COUNT_FROM 32
static bool
hist_count_sort(struct hist *h)
{
	long count[HIST_DENSE];
	size_t k = 0;

	for (size_t i = 0; i < h->n; i++)
		if (h->bin[i].day < 0 || h->bin[i].day >= HIST_DENSE ||
		    h->bin[i].count <= 0)
			return false;
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < h->n; i++)
		count[h->bin[i].day] += h->bin[i].count;
	for (int d = 0; d < HIST_DENSE; d++)
		if (count[d] != 0) {
			h->bin[k].day = d;
			h->bin[k++].count = count[d];
		}
	h->n = h->sorted = k;
	return true;
}

void
hist_normalize(struct hist *h)
{
	size_t k = 0;

	if (h->dense != NULL)
		hist_fold(h);
	if (h->sorted == h->n)
		return;
	if (h->n >= HIST_COUNT_FROM && hist_count_sort(h))
		return;
	qsort(h->bin, h->n, sizeof *h->bin, cmp_bin);
	for (size_t i = 0; i < h->n; i++) {
		if (k > 0 && h->bin[k - 1].day == h->bin[i].day)
			h->bin[k - 1].count += h->bin[i].count;
		else
			h->bin[k++] = h->bin[i];
	}
	h->n = h->sorted = k;
}

/*
 * count added to day in the dense counts when they have room for it
 * (a count that would not fit in 32 bits goes to the bins).
 */
static bool
dense_add(struct hist *h, int day, long count)
{
	if (h->dense == NULL || day < 0 || day >= HIST_DENSE || count <= 0 ||
	    (unsigned long)count > UINT32_MAX - h->dense[day])
		return false;
	h->dense[day] += (uint32_t)count;
	h->in_dense++;
	return true;
}

void
hist_add(struct hist *h, int day, long count)
{
	h->adds++;
	if (dense_add(h, day, count))
		return;
	/*
	 * Under HIST_DENSE_ADDS adds the bins (at most 8 KiB) just grow:
	 * sorting them each time they filled was a fifth of a report from
	 * episodes alone.  Later, coalescing first keeps a histogram as
	 * small as its distinct days.
	 */
	if (h->n == h->cap && h->adds < HIST_DENSE_ADDS)
		hist_reserve(h, h->cap + 1);
	else if (h->n == h->cap) {
		hist_normalize(h);
		if (h->dense == NULL &&
		    (h->cap >= HIST_DENSE_FROM || h->adds >= HIST_DENSE_ADDS)) {
			h->dense = rd_calloc(HIST_DENSE, sizeof *h->dense);
			if (dense_add(h, day, count))
				return;
		}
		if (2 * h->n >= h->cap)
			hist_reserve(h, h->cap + 1);
	}
	h->bin[h->n].day = day;
	h->bin[h->n].count = count;
	h->n++;
}

long
hist_total(struct hist *h)
{
	long n = 0;

	hist_normalize(h);
	for (size_t i = 0; i < h->n; i++)
		n += h->bin[i].count;
	return n;
}

/* The value at 0-based rank k of a normalized histogram. */
static int
hist_rank(const struct hist *h, long k)
{
	for (size_t i = 0; i < h->n; i++) {
		if (k < h->bin[i].count)
			return h->bin[i].day;
		k -= h->bin[i].count;
	}
	return h->n > 0 ? h->bin[h->n - 1].day : 0;
}

bool
hist_median(struct hist *h, double *median)
{
	long n;

	hist_normalize(h);
	n = hist_total(h);
	if (n == 0)
		return false;
	if (n % 2 == 1)
		*median = hist_rank(h, n / 2);
	else
		*median = (hist_rank(h, n / 2 - 1) + (double)hist_rank(h, n / 2)) / 2;
	return true;
}

void
hist_free(struct hist *h)
{
	free(h->dense);
	free(h->bin);
	memset(h, 0, sizeof *h);
}

void
agg_merge(struct agg *into, struct agg *from)
{
	into->episodes += from->episodes;
	into->patients += from->patients;
	for (int i = 0; i < NSHARES; i++) {
		into->num[i] += from->num[i];
		into->den[i] += from->den[i];
	}
	into->goal_n += from->goal_n;
	into->goal_t_sum += from->goal_t_sum;
	hist_normalize(&from->los);
	for (size_t i = 0; i < from->los.n; i++)
		hist_add(&into->los, from->los.bin[i].day, from->los.bin[i].count);
	hist_normalize(&from->wait);
	for (size_t i = 0; i < from->wait.n; i++)
		hist_add(&into->wait, from->wait.bin[i].day, from->wait.bin[i].count);
}

void
agg_free(struct agg *a)
{
	hist_free(&a->los);
	hist_free(&a->wait);
}

/* One episode. */

void
ep_facts_init(struct ep_facts *f, int start, int end, int end_reason,
    int referral, int as_of)
{
	memset(f, 0, sizeof *f);
	f->start = start;
	f->referral = referral;
	f->ors_deteriorated = -1;
	/* An end after as-of is not known yet on that day: still ongoing. */
	f->end = end != RD_NO_DATE && end <= as_of ? end : RD_NO_DATE;
	f->end_reason = f->end != RD_NO_DATE ? end_reason : -1;
	f->ors_improved = -1;
}

bool
retention_eligible(int start, int as_of, int n)
{
	return (long)as_of - start >= n;
}

bool
retention_kept(int start, int end, int end_reason, int n)
{
	if (end == RD_NO_DATE)
		return true;
	return (long)end - start >= n || end_reason == RD_COMPLETED;
}

void
urine_facts(const struct rd_sample *s, size_t n, enum rd_missing_rule rule,
    int last_day, struct ep_facts *f)
{
	long window_tests = 0;
	bool window_clean = true;

	for (size_t i = 0; i < n; i++) {
		bool negative = s[i].status == RD_SAMPLE_NEG;
		bool in_window;

		if (s[i].status == RD_SAMPLE_MISSING && rule == RD_MISSING_IGNORE)
			continue;
		f->tests++;
		f->negative += negative;
		in_window = s[i].date <= last_day &&
		    (long)last_day - s[i].date < ABSTINENT_WINDOW_DAYS;
		if (in_window) {
			window_tests++;
			window_clean = window_clean && negative;
		}
	}
	f->abstinent = window_tests > 0 && window_clean;
}

static long long
t_fixed(double t)
{
	return llround(t * (double)GOAL_T_SCALE);
}

/* Met as goal-track judges it: as printed, so 49.996 shown as 50.00 is met. */
static bool
t_met(double t)
{
	char printed[32];

	fmt_mean(t, printed, sizeof printed);
	return strtod(printed, NULL) >= GAS_T_GOAL;
}

/* planned_end (ended episodes), network_involved, ors_deteriorated. */
static void
add_session_shares(struct agg *a, const struct ep_facts *f)
{
	if (f->end != RD_NO_DATE) {
		a->den[SH_PLANNED_END]++;
		a->num[SH_PLANNED_END] += f->planned_end;
	}
	a->den[SH_NETWORK_INVOLVED]++;
	a->num[SH_NETWORK_INVOLVED] += f->network;
	if (f->ors_deteriorated >= 0) {
		a->den[SH_ORS_DETERIORATED]++;
		a->num[SH_ORS_DETERIORATED] += f->ors_deteriorated;
	}
}

void
agg_add_episode(struct agg *a, const struct ep_facts *f, const struct params *p)
{
	a->episodes++;
	for (int k = 0; k < 3; k++) {
		if (!retention_eligible(f->start, p->as_of, retention_days[k]))
			continue;
		a->den[SH_RETAINED_30 + k]++;
		a->num[SH_RETAINED_30 + k] += retention_kept(f->start, f->end,
		    f->end_reason, retention_days[k]);
	}
	if (f->end != RD_NO_DATE) {
		a->den[SH_COMPLETED]++;
		a->den[SH_DROPOUT]++;
		a->num[SH_COMPLETED] += f->end_reason == RD_COMPLETED;
		a->num[SH_DROPOUT] += f->end_reason == RD_DROPOUT;
		hist_add(&a->los, f->end - f->start, 1);
	}
	if (p->sessions) {
		a->num[SH_ATTENDANCE] += f->attended;
		a->den[SH_ATTENDANCE] += f->attended + f->no_show;
		a->den[SH_SELF_HELP]++;
		a->num[SH_SELF_HELP] += f->self_help;
		if (f->ors_improved >= 0) {
			a->den[SH_ORS_IMPROVED]++;
			a->num[SH_ORS_IMPROVED] += f->ors_improved;
		}
		add_session_shares(a, f);
	}
	if (f->referral != RD_NO_DATE) {
		hist_add(&a->wait, f->start - f->referral, 1);
		a->den[SH_STARTED_IN_TIME]++;
		a->num[SH_STARTED_IN_TIME] += f->start - f->referral <= p->waiting_days;
	}
	/* Screening is judged once its window has passed. */
	if (p->assessments && retention_eligible(f->start, p->as_of, SCREENING_DAYS)) {
		a->den[SH_SCREENED]++;
		a->num[SH_SCREENED] += f->screened;
	}
	if (p->urine) {
		a->num[SH_URINE_NEGATIVE] += f->negative;
		a->den[SH_URINE_NEGATIVE] += f->tests;
		a->den[SH_ABSTINENT]++;
		a->num[SH_ABSTINENT] += f->abstinent;
	}
	if (p->goals && f->has_t) {
		long long t = t_fixed(f->t);

		a->goal_n++;
		a->goal_t_sum += t;
		a->den[SH_GOALS_MET]++;
		a->num[SH_GOALS_MET] += t_met(f->t);
	}
}

void
wilson(long x, long n, double *lo, double *hi)
{
	double z2 = WILSON_Z * WILSON_Z, nn = (double)n, p = (double)x / nn;
	double denom = 1 + z2 / nn;
	double centre = (p + z2 / (2 * nn)) / denom;
	double half = WILSON_Z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;

	/* At 0 and at n the bound is exact: no rounding may move it. */
	*lo = x == 0 ? 0 : centre - half;
	*hi = x == n ? 1 : centre + half;
}

/* The printed row. */

static bool
small(long count, long min_cell)
{
	return count >= 1 && count < min_cell;
}

static enum cell
count_cell(long count, long min_cell)
{
	return small(count, min_cell) ? CELL_SUPPRESSED : CELL_SHOWN;
}

void
row_finish(struct agg *a, long min_cell, struct row_out *o)
{
	long n;

	o->episodes = a->episodes;
	o->patients = a->patients;
	o->episodes_state = count_cell(a->episodes, min_cell);
	o->patients_state = count_cell(a->patients, min_cell);
	for (int i = 0; i < NSHARES; i++) {
		struct share_out *s = &o->share[i];

		memset(s, 0, sizeof *s);
		if (a->den[i] == 0)
			s->state = CELL_EMPTY;
		else if (small(a->num[i], min_cell) || small(a->den[i], min_cell))
			s->state = CELL_SUPPRESSED;
		else {
			s->state = CELL_SHOWN;
			s->p = (double)a->num[i] / (double)a->den[i];
			wilson(a->num[i], a->den[i], &s->lo, &s->hi);
		}
	}
	o->los_median = 0;
	if (!hist_median(&a->los, &o->los_median))
		o->los_state = CELL_EMPTY;
	else
		o->los_state = count_cell(hist_total(&a->los), min_cell);
	o->wait_median = 0;
	if (!hist_median(&a->wait, &o->wait_median))
		o->wait_state = CELL_EMPTY;
	else
		o->wait_state = count_cell(hist_total(&a->wait), min_cell);
	n = a->goal_n;
	o->goal_t = 0;
	o->goal_state = n == 0 ? CELL_EMPTY : count_cell(n, min_cell);
	if (n > 0)
		o->goal_t = (double)a->goal_t_sum / (double)n / (double)GOAL_T_SCALE;
}

static void
append_name(char *out, size_t outsz, const char *name)
{
	size_t used = strlen(out);

	snprintf(out + used, outsz - used, "%s%s", used ? "|" : "", name);
}

void
row_suppressed(const struct row_out *o, char *out, size_t outsz)
{
	out[0] = '\0';
	if (o->episodes_state == CELL_SUPPRESSED)
		append_name(out, outsz, "episodes");
	if (o->patients_state == CELL_SUPPRESSED)
		append_name(out, outsz, "patients");
	for (int i = 0; i < NSHARES; i++) {
		/* Column order: los_median after dropout, goal_t before goals_met. */
		if (i == SH_ATTENDANCE && o->los_state == CELL_SUPPRESSED)
			append_name(out, outsz, "los_median");
		if (i == SH_GOALS_MET && o->goal_state == CELL_SUPPRESSED)
			append_name(out, outsz, "goal_t");
		if (i == SH_STARTED_IN_TIME && o->wait_state == CELL_SUPPRESSED)
			append_name(out, outsz, "waiting_median");
		if (o->share[i].state == CELL_SUPPRESSED)
			append_name(out, outsz, share_name[i]);
	}
}

/* Groups. */

void
report_init(struct report *r, const struct params *p, char **by, size_t nby)
{
	memset(r, 0, sizeof *r);
	r->params = *p;
	r->by = by;
	r->nby = nby;
	r->keys = rd_idmap_new();
}

void
report_free(struct report *r)
{
	for (size_t g = 0; g < r->ngroups; g++) {
		for (size_t i = 0; i < r->nby; i++)
			free(r->group[g].values[i]);
		free(r->group[g].values);
		agg_free(&r->group[g].agg);
	}
	free(r->group);
	free(r->cache);
	agg_free(&r->total);
	rd_idmap_free(r->keys);
}

/*
 * Key bytes: per value its length (one byte below 255, else 255 and the
 * size_t's bytes) and its bytes, unambiguous whatever the values hold and
 * short enough for clinic,modality to sit in a hash slot.  Built with
 * copies, not snprintf: this runs for every episode.
 */
size_t
report_key_add(char *out, size_t cap, size_t used, const char *value, size_t len)
{
	size_t need = len + (len < 255 ? 1 : 1 + sizeof len);

	if (used + need > cap)
		return used + need;
	if (len < 255)
		out[used++] = (char)len;
	else {
		out[used++] = (char)255;
		memcpy(out + used, &len, sizeof len);
		used += sizeof len;
	}
	rd_copy_short(out + used, value, len);	/* not a call: every episode */
	return used + len;
}

/*
 * A short key's hash: its three words, zero after its end, mixed by a
 * few multiplications, not a hash of bytes.  0 for a longer key.  The
 * words come from loads of the key (rd_key_word), not from a copy of it.
 */
#define KEY_WORDS (GROUP_CACHE_KEY / 8)
_Static_assert(KEY_WORDS == 3, "report_key_hash and slot_holds take three words");

static void
key_words(const char *key, size_t keylen, uint64_t w[KEY_WORDS])
{
	for (size_t i = 0; i < KEY_WORDS; i++)
		w[i] = rd_key_word(key, keylen, i);
}

uint64_t
report_key_hash(const char *key, size_t keylen)
{
	uint64_t w[KEY_WORDS], h;

	if (keylen >= GROUP_CACHE_KEY)
		return 0;
	key_words(key, keylen, w);
	h = (w[0] ^ 0x9e3779b97f4a7c15ULL) * 0xff51afd7ed558ccdULL;
	h = (h ^ (h >> 29) ^ w[1]) * 0xc4ceb9fe1a85ec53ULL;
	h = (h ^ (h >> 32) ^ w[2]) * 0xff51afd7ed558ccdULL;
	return h;
}

/* Whether slot holds the key of words w (zero after its end). */
static bool
slot_holds(const struct group_slot *slot, const uint64_t w[KEY_WORDS],
    size_t keylen)
{
	return slot->len == keylen + 1 && rd_load64(slot->key) == w[0] &&
	    rd_load64(slot->key + 8) == w[1] && rd_load64(slot->key + 16) == w[2];
}

/* A new group's values, read back from its key. */
static void
group_values(struct report *r, size_t g, const char *key)
{
	r->group[g].values = rd_calloc(r->nby + 1, sizeof(char *));
	for (size_t i = 0; i < r->nby; i++) {
		size_t len = (unsigned char)*key++;

		if (len == 255) {
			memcpy(&len, key, sizeof len);
			key += sizeof len;
		}
		r->group[g].values[i] = rd_strndup(key, len);
		key += len;
	}
}

size_t
report_group_key(struct report *r, const char *key, size_t keylen, uint64_t hash)
{
	struct group_slot *slot = NULL;
	uint64_t w[KEY_WORDS];
	size_t g;
	int is_new;

	if (keylen < GROUP_CACHE_KEY) {
		if (r->cache == NULL)
			r->cache = rd_calloc(GROUP_CACHE, sizeof *r->cache);
		slot = &r->cache[(hash >> 32) % GROUP_CACHE];
		key_words(key, keylen, w);
		if (slot_holds(slot, w, keylen))
			return slot->g;
	}
	g = rd_idmap_intern(r->keys, key, keylen, &is_new);
	if (slot != NULL) {
		slot->len = (uint32_t)keylen + 1;
		slot->g = (uint32_t)g;
		for (size_t i = 0; i < KEY_WORDS; i++)
			rd_store64(slot->key + 8 * i, w[i]);
	}
	if (!is_new)
		return g;
	if (r->ngroups == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->group = rd_realloc(r->group, r->cap * sizeof *r->group);
	}
	memset(&r->group[g], 0, sizeof r->group[g]);
	group_values(r, g, key);
	r->ngroups++;
	return g;
}

size_t
report_group(struct report *r, const char *const *values, const size_t *lens)
{
	static char *buf;
	static size_t cap;
	size_t used = 1;	/* never an empty buffer */

	for (size_t i = 0; i < r->nby; i++)
		used += lens[i] + 1 + sizeof lens[i];
	if (used > cap) {
		cap = used;
		buf = rd_realloc(buf, cap);
	}
	used = 0;
	for (size_t i = 0; i < r->nby; i++)
		used = report_key_add(buf, cap, used, values[i], lens[i]);
	return report_group_key(r, buf, used, report_key_hash(buf, used));
}

void
report_add(struct report *r, size_t g, const struct ep_facts *f)
{
	agg_add_episode(&r->group[g].agg, f, &r->params);
	agg_add_episode(&r->total, f, &r->params);
}

void
report_total_groups(struct report *r)
{
	for (size_t g = 0; g < r->ngroups; g++) {
		long patients = r->total.patients;

		agg_merge(&r->total, &r->group[g].agg);
		r->total.patients = patients;
	}
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* groups is sorted in place: a patient has few episodes, so few groups. */
void
report_count_patient(long *counts, size_t ngroups, size_t *groups, size_t n)
{
	if (n == 0)
		return;
	counts[ngroups]++;
	if (n > 1)
		qsort(groups, n, sizeof *groups, cmp_size);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || groups[i] != groups[i - 1])
			counts[groups[i]]++;
}

void
report_add_patients(struct report *r, const long *counts)
{
	for (size_t g = 0; g < r->ngroups; g++)
		r->group[g].agg.patients += counts[g];
	r->total.patients += counts[r->ngroups];
}

static const struct report *sort_report;

static int
cmp_group(const void *a, const void *b)
{
	const struct group *x = &sort_report->group[*(const size_t *)a];
	const struct group *y = &sort_report->group[*(const size_t *)b];

	for (size_t i = 0; i < sort_report->nby; i++) {
		int c = strcmp(x->values[i], y->values[i]);

		if (c != 0)
			return c;
	}
	return 0;
}

size_t *
report_order(const struct report *r)
{
	size_t *order = rd_calloc(r->ngroups + 1, sizeof *order);

	for (size_t g = 0; g < r->ngroups; g++)
		order[g] = g;
	sort_report = r;
	qsort(order, r->ngroups, sizeof *order, cmp_group);
	return order;
}
