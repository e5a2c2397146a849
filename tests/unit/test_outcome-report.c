/*
 * outcome-report: the Wilson interval at 0, at n and in between,
 * retention eligibility and keeping at each horizon, medians from day
 * histograms, urine windows, counts per episode, small-cell suppression,
 * partial output read back by the merge, and the html report (well-formed,
 * no script, nothing fetched) and text report (no line over 100 columns).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codes.h"
#include "date.h"
#include "fields.h"
#include "report.h"
#include "writer.h"

static int
D(const char *iso)
{
	int day = 0;

	ck_assert_msg(rd_date_parse(iso, strlen(iso), RD_DATE_ISO, &day) == 0,
	    "bad literal %s", iso);
	return day;
}

#define NEAR(a, b) ck_assert_msg(fabs((a) - (b)) < 5e-5, "%.6f != %.6f", (a), (b))

START_TEST(t_wilson_at_zero_and_n)
{
	double lo, hi;

	/* x = 0: the lower bound is exactly 0, the upper z^2 / (n + z^2). */
	wilson(0, 4, &lo, &hi);
	ck_assert(lo == 0);
	NEAR(hi, 3.841459 / (4 + 3.841459));
	/* x = n: the upper bound is exactly 1, the lower n / (n + z^2). */
	wilson(6, 6, &lo, &hi);
	ck_assert(hi == 1);
	NEAR(lo, 6 / (6 + 3.841459));
	wilson(1, 1, &lo, &hi);
	ck_assert(hi == 1);
	NEAR(lo, 0.2065);
	wilson(0, 1, &lo, &hi);
	ck_assert(lo == 0);
	NEAR(hi, 0.7935);
}
END_TEST

START_TEST(t_wilson_between)
{
	double lo, hi;

	/* Worked by hand in testdata/outcome-report/data/README. */
	wilson(9, 10, &lo, &hi);
	NEAR(lo, 0.5958);
	NEAR(hi, 0.9821);
	wilson(16, 20, &lo, &hi);
	NEAR(lo, 0.5840);
	NEAR(hi, 0.9193);
	wilson(3, 6, &lo, &hi);
	NEAR(lo, 0.1876);
	NEAR(hi, 0.8124);
	ck_assert(lo > 0 && hi < 1);
}
END_TEST

START_TEST(t_retention_eligibility)
{
	int as_of = D("2026-03-31");

	ck_assert(retention_eligible(D("2026-03-01"), as_of, 30));	/* exactly 30 */
	ck_assert(!retention_eligible(D("2026-03-02"), as_of, 30));
	ck_assert(retention_eligible(D("2025-12-31"), as_of, 90));
	ck_assert(!retention_eligible(D("2026-01-01"), as_of, 90));
	ck_assert(retention_eligible(D("2025-10-02"), as_of, 180));
	ck_assert(!retention_eligible(D("2025-10-03"), as_of, 180));
}
END_TEST

START_TEST(t_retention_kept)
{
	int start = D("2025-08-01");

	ck_assert(retention_kept(start, RD_NO_DATE, -1, 180));	/* ongoing */
	ck_assert(retention_kept(start, D("2025-10-30"), RD_DROPOUT, 90));	/* 90 days */
	ck_assert(!retention_kept(start, D("2025-10-29"), RD_DROPOUT, 90));	/* 89 */
	/* Completed before day 30 counts as retained at every horizon. */
	ck_assert(retention_kept(start, D("2025-08-21"), RD_COMPLETED, 30));
	ck_assert(retention_kept(start, D("2025-08-21"), RD_COMPLETED, 180));
	ck_assert(!retention_kept(start, D("2025-08-21"), RD_TRANSFERRED, 30));
}
END_TEST

START_TEST(t_end_after_as_of_is_ongoing)
{
	struct ep_facts f;

	ep_facts_init(&f, D("2025-09-01"), D("2026-05-01"), RD_DROPOUT, RD_NO_DATE, D("2026-03-31"));
	ck_assert_int_eq(f.end, RD_NO_DATE);
	ck_assert_int_eq(f.end_reason, -1);
	ep_facts_init(&f, D("2025-09-01"), D("2026-03-31"), RD_DROPOUT, RD_NO_DATE, D("2026-03-31"));
	ck_assert_int_eq(f.end, D("2026-03-31"));
	ck_assert_int_eq(f.end_reason, RD_DROPOUT);
}
END_TEST

START_TEST(t_median_from_histogram)
{
	struct hist h = { 0 };
	double m;

	ck_assert(!hist_median(&h, &m));
	hist_add(&h, 99, 1);
	hist_add(&h, 15, 1);
	hist_add(&h, 20, 2);
	hist_add(&h, 90, 1);
	hist_add(&h, 89, 1);
	ck_assert(hist_median(&h, &m));
	ck_assert(m == 54.5);		/* 15 20 20 | 89 90 99 */
	hist_add(&h, 10, 1);
	ck_assert(hist_median(&h, &m));
	ck_assert(m == 20);		/* 10 15 20 [20] 89 90 99 */
	ck_assert_int_eq(hist_total(&h), 7);
	ck_assert_uint_eq(h.n, 6);	/* 20 coalesced */
	/* Many repeats of few values stay few bins. */
	for (int i = 0; i < 100000; i++)
		hist_add(&h, i % 7, 1);
	hist_normalize(&h);
	ck_assert_uint_le(h.n, 13);
	/* Many episodes of few days count in place (not a sort a fill). */
	ck_assert_ptr_nonnull(h.dense);
	ck_assert_int_eq(hist_total(&h), 100007);
	hist_free(&h);
}
END_TEST

/*
 * A histogram of many different days (so that it counts days in place,
 * report.h), with days past HIST_DENSE and below 0 among them, holds the
 * counts a plain count of every day gives, sorted and coalesced, at every
 * normalize; so do its median and total.
 */
START_TEST(t_histogram_dense_as_counted)
{
	enum { LO = -50, HI = HIST_DENSE + 500 };
	static long want[HI - LO];
	struct hist h = { 0 };
	unsigned long long seed = 7;
	long total = 0;

	memset(want, 0, sizeof want);
	for (int i = 0; i < 300000; i++) {
		int day;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		day = LO + (int)(seed >> 33) % (HI - LO);
		hist_add(&h, day, 1 + (long)(seed >> 20 & 1));
		want[day - LO] += 1 + (long)(seed >> 20 & 1);
		total += 1 + (long)(seed >> 20 & 1);
		if (i % 99991 == 0 || i == 299999) {
			size_t k = 0;

			hist_normalize(&h);
			for (int d = LO; d < HI; d++)
				if (want[d - LO] != 0) {
					ck_assert_uint_lt(k, h.n);
					ck_assert_int_eq(h.bin[k].day, d);
					ck_assert_int_eq(h.bin[k].count, want[d - LO]);
					k++;
				}
			ck_assert_uint_eq(k, h.n);
		}
	}
	ck_assert_ptr_nonnull(h.dense);
	ck_assert_int_eq(hist_total(&h), total);
	hist_free(&h);
}
END_TEST

/*
 * Counts a dense histogram cannot hold in 32 bits (merged partials of
 * billions of episodes) are kept whole, as are zero and negative ones.
 */
START_TEST(t_histogram_dense_big_counts)
{
	struct hist h = { 0 };
	long big = 3000000000L;

	for (int i = 0; i < HIST_DENSE_ADDS + 10; i++)
		hist_add(&h, i % 5, 1);
	ck_assert_ptr_nonnull(h.dense);
	hist_add(&h, 2, big);
	hist_add(&h, 2, big);
	hist_add(&h, 3, (long)UINT32_MAX);
	hist_add(&h, 4, 0);
	hist_normalize(&h);
	ck_assert_uint_eq(h.n, 5);
	ck_assert_int_eq(h.bin[2].day, 2);
	ck_assert_int_eq(h.bin[2].count, 2 * big + (HIST_DENSE_ADDS + 10) / 5);
	ck_assert_int_eq(h.bin[3].count, (long)UINT32_MAX + (HIST_DENSE_ADDS + 10) / 5);
	ck_assert_int_eq(hist_total(&h), 2 * big + (long)UINT32_MAX + HIST_DENSE_ADDS + 10);
	hist_free(&h);
}
END_TEST

static struct rd_sample
S(const char *day, enum rd_sample_status status)
{
	struct rd_sample s;

	memset(&s, 0, sizeof s);
	s.date = D(day);
	s.status = status;
	return s;
}

START_TEST(t_urine_window)
{
	struct ep_facts f;
	struct rd_sample s[3];
	int as_of = D("2026-03-31");

	/* 27 days before the last day is inside the window, 28 outside. */
	s[0] = S("2026-03-04", RD_SAMPLE_NEG);
	ep_facts_init(&f, D("2025-09-01"), RD_NO_DATE, -1, RD_NO_DATE, as_of);
	urine_facts(s, 1, RD_MISSING_POSITIVE, as_of, &f);
	ck_assert(f.abstinent);
	s[0] = S("2026-03-03", RD_SAMPLE_NEG);
	ep_facts_init(&f, D("2025-09-01"), RD_NO_DATE, -1, RD_NO_DATE, as_of);
	urine_facts(s, 1, RD_MISSING_POSITIVE, as_of, &f);
	ck_assert(!f.abstinent);
	ck_assert_int_eq(f.tests, 1);
	ck_assert_int_eq(f.negative, 1);
}
END_TEST

START_TEST(t_urine_missing_rules)
{
	struct ep_facts f;
	struct rd_sample s[2];
	int end = D("2025-06-21");

	s[0] = S("2025-06-05", RD_SAMPLE_MISSING);
	s[1] = S("2025-06-15", RD_SAMPLE_NEG);
	ep_facts_init(&f, D("2025-06-01"), end, RD_DROPOUT, RD_NO_DATE, D("2026-03-31"));
	urine_facts(s, 2, RD_MISSING_POSITIVE, end, &f);
	ck_assert_int_eq(f.tests, 2);
	ck_assert_int_eq(f.negative, 1);
	ck_assert(!f.abstinent);
	ep_facts_init(&f, D("2025-06-01"), end, RD_DROPOUT, RD_NO_DATE, D("2026-03-31"));
	urine_facts(s, 2, RD_MISSING_IGNORE, end, &f);
	ck_assert_int_eq(f.tests, 1);
	ck_assert(f.abstinent);
}
END_TEST

static const struct params P = {
	.from = RD_NO_DATE, .to = RD_NO_DATE, .missing = RD_MISSING_POSITIVE,
	.sessions = true, .urine = true, .goals = true, .assessments = true,
	.waiting_days = WAITING_DAYS_DEFAULT,
};

/* Clinic B of the hand-made set: four episodes started 2025-05-01. */
static void
add_clinic_b(struct agg *a, const struct params *p)
{
	struct ep_facts f;

	for (int i = 0; i < 4; i++) {
		bool ended = i == 2;

		ep_facts_init(&f, D("2025-05-01"), ended ? D("2025-05-11") : RD_NO_DATE,
		    ended ? RD_COMPLETED : -1, RD_NO_DATE, p->as_of);
		if (i == 0) {
			f.attended = 6;
			f.tests = f.negative = 5;
			f.abstinent = true;
			f.has_t = true;
			f.t = 60;
		}
		if (i == 1) {
			f.has_t = true;
			f.t = 50 + 10 / sqrt(2.6);
		}
		agg_add_episode(a, &f, p);
	}
	a->patients = 4;
}

START_TEST(t_counts_and_suppression)
{
	struct params p = P;
	struct agg a;
	struct row_out o;
	char supp[SUPPRESSED_MAX];

	p.as_of = D("2026-03-31");
	memset(&a, 0, sizeof a);
	add_clinic_b(&a, &p);
	ck_assert_int_eq(a.episodes, 4);
	ck_assert_int_eq(a.den[SH_RETAINED_180], 4);
	ck_assert_int_eq(a.num[SH_RETAINED_180], 4);
	ck_assert_int_eq(a.den[SH_COMPLETED], 1);
	ck_assert_int_eq(a.num[SH_DROPOUT], 0);
	ck_assert_int_eq(a.den[SH_ORS_IMPROVED], 0);
	ck_assert_int_eq(a.goal_n, 2);
	ck_assert_int_eq(a.num[SH_GOALS_MET], 2);

	row_finish(&a, 5, &o);
	ck_assert_int_eq(o.episodes_state, CELL_SUPPRESSED);
	/* Denominator 4 is small, the numerator all of it: hidden. */
	ck_assert_int_eq(o.share[SH_RETAINED_30].state, CELL_SUPPRESSED);
	/* Numerator 0 is not small, denominator 1 is: hidden. */
	ck_assert_int_eq(o.share[SH_DROPOUT].state, CELL_SUPPRESSED);
	/* Session and test counts are large: shown, Wilson at n. */
	ck_assert_int_eq(o.share[SH_ATTENDANCE].state, CELL_SHOWN);
	ck_assert(o.share[SH_ATTENDANCE].hi == 1);
	ck_assert_int_eq(o.share[SH_URINE_NEGATIVE].state, CELL_SHOWN);
	/* No denominator: empty, not hidden. */
	ck_assert_int_eq(o.share[SH_ORS_IMPROVED].state, CELL_EMPTY);
	ck_assert_int_eq(o.los_state, CELL_SUPPRESSED);
	ck_assert_int_eq(o.goal_state, CELL_SUPPRESSED);
	row_suppressed(&o, supp, sizeof supp);
	/* planned_end: 0 of 1 ended; network_involved 0 of 4; screened 0 of 4. */
	ck_assert_str_eq(supp, "episodes|patients|retained_30|retained_90|retained_180|"
	    "completed|dropout|los_median|self_help|abstinent_last_28d|goal_t|goals_met|"
	    "planned_end|screened|network_involved");

	/* --min-cell 0 shows everything there is. */
	row_finish(&a, 0, &o);
	row_suppressed(&o, supp, sizeof supp);
	ck_assert_str_eq(supp, "");
	ck_assert_int_eq(o.share[SH_DROPOUT].state, CELL_SHOWN);
	ck_assert(o.share[SH_DROPOUT].lo == 0);
	ck_assert(o.los_median == 10);
	NEAR(o.goal_t, 58.1009);
	agg_free(&a);
}
END_TEST

START_TEST(t_goal_met_as_printed)
{
	struct params p = P;
	struct agg a;
	struct ep_facts f;

	p.as_of = D("2026-03-31");
	memset(&a, 0, sizeof a);
	ep_facts_init(&f, D("2025-05-01"), RD_NO_DATE, -1, RD_NO_DATE, p.as_of);
	f.has_t = true;
	f.t = 49.996;		/* printed 50.00: met, as goal-track says */
	agg_add_episode(&a, &f, &p);
	f.t = 49.994;
	agg_add_episode(&a, &f, &p);
	ck_assert_int_eq(a.num[SH_GOALS_MET], 1);
	ck_assert_int_eq(a.goal_t_sum, 49996000 + 49994000);
	agg_free(&a);
}
END_TEST

START_TEST(t_inputs_not_given_leave_shares_empty)
{
	struct params p = { .from = RD_NO_DATE, .to = RD_NO_DATE };
	struct agg a;
	struct ep_facts f;
	struct row_out o;

	p.as_of = D("2026-03-31");
	memset(&a, 0, sizeof a);
	ep_facts_init(&f, D("2025-05-01"), RD_NO_DATE, -1, RD_NO_DATE, p.as_of);
	f.attended = 3;
	agg_add_episode(&a, &f, &p);
	row_finish(&a, 0, &o);
	ck_assert_int_eq(o.share[SH_ATTENDANCE].state, CELL_EMPTY);
	ck_assert_int_eq(o.share[SH_SELF_HELP].state, CELL_EMPTY);
	ck_assert_int_eq(o.share[SH_ABSTINENT].state, CELL_EMPTY);
	ck_assert_int_eq(o.goal_state, CELL_EMPTY);
	ck_assert_int_eq(o.share[SH_RETAINED_30].state, CELL_SHOWN);
	agg_free(&a);
}
END_TEST

/* Runs write(rep, out) with stdout going to a temporary file; returns it. */
static char *
capture(void (*write)(struct report *, const struct output *, struct rd_writer *),
    struct report *rep, const struct output *out)
{
	char path[] = "/tmp/test_outcome_report.XXXXXX";
	int fd = mkstemp(path);
	struct rd_writer_config cfg = { 0 };
	struct rd_writer *w;
	FILE *fp;
	char *text;
	long n;

	ck_assert(fd >= 0);
	w = rd_writer_new_config(fd, &cfg);
	write(rep, out, w);
	rd_writer_close(w);
	fp = fopen(path, "r");
	ck_assert(fp != NULL);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	text = calloc(1, (size_t)n + 1);
	ck_assert(fread(text, 1, (size_t)n, fp) == (size_t)n);
	fclose(fp);
	close(fd);
	unlink(path);
	return text;
}

static void
write_partial(struct report *rep, const struct output *out, struct rd_writer *w)
{
	(void)out;
	partial_write(rep, w);
}

static char *by_clinic[] = { "clinic" };

/* A report with groups A (one episode) and B (clinic B above). */
static void
make_report(struct report *rep)
{
	struct params p = P;
	const char *va[] = { "A & <co>" }, *vb[] = { "B" };
	size_t la[] = { 8 }, lb[] = { 1 };
	struct ep_facts f;
	size_t g;

	p.as_of = D("2026-03-31");
	report_init(rep, &p, by_clinic, 1);
	g = report_group(rep, va, la);
	ep_facts_init(&f, D("2025-06-01"), D("2025-06-21"), RD_DROPOUT, RD_NO_DATE, p.as_of);
	f.attended = 2;
	f.no_show = 2;
	report_add(rep, g, &f);
	long counts[2] = { 0, 0 };	/* group g and the total */
	report_count_patient(counts, rep->ngroups, &g, 1);
	report_add_patients(rep, counts);
	g = report_group(rep, vb, lb);
	add_clinic_b(&rep->group[g].agg, &p);
	add_clinic_b(&rep->total, &p);
	rep->group[g].agg.patients = 4;
	rep->total.patients = 5;
}

/*
 * Group keys are length-prefixed bytes: values that concatenate alike,
 * hold any byte or run past 255 bytes stay apart; patients count once a
 * group and once in the total.
 */
START_TEST(t_group_keys_unambiguous)
{
	struct report rep;
	char *by[] = { "clinic", "modality" };
	char longv[300];
	const char *v[][2] = { { "a", "bc" }, { "ab", "c" }, { "a\377", "bc" },
	    { "", "abc" }, { longv, "x" }, { longv, "" } };
	size_t l[][2] = { { 1, 2 }, { 2, 1 }, { 2, 2 }, { 0, 3 }, { 300, 1 }, { 299, 0 } };
	size_t p1[] = { 1, 0, 0 }, p2[] = { 1 };	/* the groups of p1's episodes, of p2's */
	struct ep_facts f;

	memset(longv, 'x', sizeof longv);
	report_init(&rep, &P, by, 2);
	for (size_t i = 0; i < 6; i++)
		ck_assert_uint_eq(report_group(&rep, v[i], l[i]), i);
	for (size_t i = 0; i < 6; i++)
		ck_assert_uint_eq(report_group(&rep, v[i], l[i]), i);
	ep_facts_init(&f, rd_date_from_ymd(2026, 1, 5), RD_NO_DATE, -1, RD_NO_DATE,
	    rd_date_from_ymd(2026, 3, 1));
	report_add(&rep, 0, &f);
	report_add(&rep, 0, &f);
	report_add(&rep, 1, &f);
	report_add(&rep, 1, &f);
	long counts[7] = { 0 };		/* the 6 groups and the total */
	report_count_patient(counts, rep.ngroups, p1, 3);
	report_count_patient(counts, rep.ngroups, p2, 1);
	report_add_patients(&rep, counts);
	ck_assert_uint_eq(p1[0], 0);	/* sorted in place */
	ck_assert_uint_eq(p1[2], 1);
	ck_assert_int_eq(rep.group[0].agg.patients, 1);
	ck_assert_int_eq(rep.group[1].agg.patients, 2);
	ck_assert_int_eq(rep.total.patients, 2);
	ck_assert_int_eq(rep.total.episodes, 4);
	report_free(&rep);
}
END_TEST

START_TEST(t_partial_round_trip)
{
	struct report rep, merged;
	char path[] = "/tmp/test_outcome_partial.XXXXXX";
	char *text;
	int fd;
	const char *paths[1];

	make_report(&rep);
	fd = mkstemp(path);
	ck_assert(fd >= 0);
	/* The same counts as shards 1/2 and 2/2: every count doubles. */
	for (long shard = 1; shard <= 2; shard++) {
		rep.params.shard = shard;
		rep.params.nshards = 2;
		text = capture(write_partial, &rep, NULL);
		ck_assert(strstr(text, "inputs=episodes+sessions+urine+goals+assessments shard=") != NULL);
		ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
		free(text);
	}
	close(fd);
	paths[0] = path;
	partial_merge(&merged, paths, 1);
	unlink(path);
	ck_assert_uint_eq(merged.nby, 1);
	ck_assert_str_eq(merged.by[0], "clinic");
	ck_assert_uint_eq(merged.ngroups, 2);
	ck_assert_int_eq(merged.params.as_of, rep.params.as_of);
	ck_assert(merged.params.sessions && merged.params.urine && merged.params.goals);
	ck_assert_int_eq(merged.total.episodes, 2 * rep.total.episodes);
	ck_assert_int_eq(merged.total.goal_t_sum, 2 * rep.total.goal_t_sum);
	ck_assert_int_eq(hist_total(&merged.total.los), 2 * hist_total(&rep.total.los));
	ck_assert_str_eq(merged.group[0].values[0], "A & <co>");
	for (size_t i = 0; i < merged.nby; i++)
		free(merged.by[i]);
	free(merged.by);
	report_free(&merged);
	report_free(&rep);
}
END_TEST

/*
 * Well-formed XML, checked by hand: every tag closed in order, attribute
 * values quoted, & only as an entity, nothing but text between tags.
 */
static const char *
xml_error(const char *s)
{
	const char *stack[64];
	size_t sp = 0;

	if (strncmp(s, "<!DOCTYPE html>", 15) == 0)
		s += 15;
	for (; *s; s++) {
		if (*s == '&') {
			const char *semi = strchr(s, ';');

			if (semi == NULL || semi - s > 8)
				return "bare &";
			continue;
		}
		if (*s == '>')
			return "bare >";
		if (*s != '<')
			continue;
		const char *end = strchr(s, '>');
		if (end == NULL)
			return "unclosed tag";
		for (const char *q = s + 1; q < end; q++) {
			if (*q == '<')
				return "< inside a tag";
			if (*q == '"') {
				q = strchr(q + 1, '"');
				if (q == NULL || q > end)
					return "unquoted attribute";
			}
		}
		if (s[1] == '/') {
			size_t len = strcspn(s + 2, " >");

			if (sp == 0 || strncmp(stack[sp - 1], s + 2, len) != 0 ||
			    strcspn(stack[sp - 1], " />") != len)
				return "end tag does not match";
			sp--;
		} else if (end[-1] != '/') {
			if (sp == 64)
				return "too deep";
			stack[sp++] = s + 1;
		}
		s = end;
	}
	return sp == 0 ? NULL : "element not closed";
}

START_TEST(t_html_well_formed_and_self_contained)
{
	struct report rep;
	struct output out = { FMT_HTML, 0, "Q&A <report>", RD_LANG_EN };
	char *html;
	const char *err;

	make_report(&rep);
	html = capture(report_write, &rep, &out);
	err = xml_error(html);
	ck_assert_msg(err == NULL, "html not well-formed: %s", err);
	ck_assert(strstr(html, "<script") == NULL);
	ck_assert(strstr(html, "href=") == NULL);
	ck_assert(strstr(html, "src=") == NULL);
	ck_assert(strstr(html, "url(") == NULL);
	ck_assert(strstr(html, "@import") == NULL);
	ck_assert(strstr(html, "Q&amp;A &lt;report&gt;") != NULL);
	ck_assert(strstr(html, "A &amp; &lt;co&gt;") != NULL);
	/* One chart per share (all inputs given). */
	size_t charts = 0;
	for (const char *p = html; (p = strstr(p, "<svg")) != NULL; p++)
		charts++;
	ck_assert_uint_eq(charts, NSHARES);
	free(html);
	report_free(&rep);
}
END_TEST

START_TEST(t_xml_checker_finds_errors)
{
	ck_assert_ptr_nonnull(xml_error("<p>a <b>b</p></b>"));
	ck_assert_ptr_nonnull(xml_error("<p>a & b</p>"));
	ck_assert_ptr_nonnull(xml_error("<p>"));
	ck_assert_ptr_null(xml_error("<p>a &amp; <br/>b</p>"));
}
END_TEST

START_TEST(t_text_fits_100_columns)
{
	struct report rep;
	struct output out = { FMT_TEXT, 5, NULL, RD_LANG_EN };
	char *text, *line, *save = NULL;
	size_t lines = 0;

	make_report(&rep);
	text = capture(report_write, &rep, &out);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		ck_assert_msg(strlen(line) <= 100, "line over 100: %s", line);
		lines++;
	}
	ck_assert_uint_gt(lines, 10);
	free(text);
	report_free(&rep);
}
END_TEST

/* The printf conversions of fmt, in order ("sld" for "%s %ld"); %% is none. */
static void
conversions(const char *fmt, char *out, size_t outsz)
{
	size_t o = 0;

	for (const char *p = fmt; *p && o + 2 < outsz; p++) {
		if (*p != '%')
			continue;
		if (*++p == '%')
			continue;
		while (*p == 'l')
			out[o++] = *p++;
		out[o++] = *p;
		if (*p == '\0')
			break;
	}
	out[o] = '\0';
}

/*
 * Every language has every label, and its formats take exactly the
 * arguments the code passes (a stray "95 %-i" would be a conversion).
 */
START_TEST(t_labels_every_language)
{
	for (int l = 0; l < RD_NLANGS; l++) {
		const struct labels *lb = &report_labels[l];
		const struct { const char *fmt, *want; } formats[] = {
			{ lb->scope_both, "sss" }, { lb->scope_from, "ss" },
			{ lb->scope_to, "ss" }, { lb->scope_all, "s" },
			{ lb->text_suppressed, "ld" }, { lb->html_suppressed, "ld" },
			{ lb->chart_title, "s" },
		};
		char got[16];

		for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
			conversions(formats[i].fmt, got, sizeof got);
			ck_assert_msg(strcmp(got, formats[i].want) == 0, "lang %d: '%s'",
			    l, formats[i].fmt);
		}
		for (size_t i = 0; i < NMCOLS; i++)
			ck_assert_ptr_nonnull(lb->col[i]);
		for (size_t i = 0; i < NBY_LABELS; i++)
			ck_assert_ptr_nonnull(lb->by[i]);
		ck_assert_ptr_nonnull(lb->title);
		ck_assert_ptr_nonnull(lb->total);
		ck_assert_ptr_nonnull(lb->blank);
	}
	ck_assert_str_eq(report_labels[RD_LANG_NB].col[2], "I behandling etter 30 dager");
	ck_assert_str_eq(report_labels[RD_LANG_SV].col[2], "Kvar i behandling efter 30 dagar");
}
END_TEST

static Suite *
outcome_report_suite(void)
{
	Suite *s = suite_create("outcome-report");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, t_wilson_at_zero_and_n);
	tcase_add_test(tc, t_histogram_dense_as_counted);
	tcase_add_test(tc, t_histogram_dense_big_counts);
	tcase_add_test(tc, t_labels_every_language);
	tcase_add_test(tc, t_wilson_between);
	tcase_add_test(tc, t_retention_eligibility);
	tcase_add_test(tc, t_retention_kept);
	tcase_add_test(tc, t_end_after_as_of_is_ongoing);
	tcase_add_test(tc, t_median_from_histogram);
	tcase_add_test(tc, t_urine_window);
	tcase_add_test(tc, t_urine_missing_rules);
	tcase_add_test(tc, t_counts_and_suppression);
	tcase_add_test(tc, t_goal_met_as_printed);
	tcase_add_test(tc, t_inputs_not_given_leave_shares_empty);
	tcase_add_test(tc, t_group_keys_unambiguous);
	tcase_add_test(tc, t_partial_round_trip);
	tcase_add_test(tc, t_html_well_formed_and_self_contained);
	tcase_add_test(tc, t_xml_checker_finds_errors);
	tcase_add_test(tc, t_text_fits_100_columns);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(outcome_report_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
