/*
 * libFuzzer harness for care-check's rules: the input bytes become valid
 * episodes, sessions, urine results and goals (valid, since a bad row of
 * a secondary input stops the tool, which a fuzz target may not do; the
 * row parsers have harnesses of their own), an as-of date and thresholds.
 * Every check runs; the run must never crash, leak or loop, and
 *   - the findings come out sorted (finding_cmp), each of an episode of
 *     the input, dated on or before as-of.
 *
 * The Makefile links the tool's logic (cmd/care-check but main.c).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "opts.h"
#include "fields.h"
#include "care.h"
#include "rules.h"

#include "fuzz_bytes.h"

struct text {
	char *s;
	size_t len, cap;
};

static void
add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->s == NULL && (t->s = malloc(t->cap = 256)) == NULL)
		abort();	/* no arithmetic on a NULL buffer */
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < t->cap - t->len)
			break;
		t->cap = 2 * t->cap + (size_t)n + 64;
		t->s = realloc(t->s, t->cap);
		if (t->s == NULL)
			abort();
	}
	t->len += (size_t)n;
}

static void
date(int day, char out[11])
{
	rd_date_format(day, out);
}

/* Writes text to a new temporary file; returns its path in path. */
static void
to_file(const struct text *t, char path[32])
{
	int fd;

	strcpy(path, "/tmp/fuzz_care.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, t->s, t->len) != (ssize_t)t->len)
		abort();
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const modality[] = { "twelve-step", "cbt", "mi", "mbrp" };
	static const char *const activity[] = { "assessment", "treatment-plan",
		"crisis-plan", "suicide-risk", "group", "individual", "network",
		"family", "goal-review", "self-help", "end-planning" };
	static const char *const attendance[] = { "attended", "no-show",
		"cancelled", "clinic-cancelled" };
	static const char *const substance[] = { "opioids", "alcohol", "cannabis",
		"stimulants" };
	static const char *const reason[] = { "completed", "dropout", "transferred" };
	static int ready;
	struct bytes b = { data, size };
	struct text ep = { 0 }, ses = { 0 }, uri = { 0 }, goal = { 0 };
	struct rd_reader_config cfg = { .delim = ',' };
	struct check_thresholds t;
	bool enabled[NCHECKS];
	char ses_path[32], uri_path[32], goal_path[32], d[11], e[11];
	int base = rd_date_from_ymd(2026, 1, 1);
	int as_of = base + (int)(take(&b) % 120);
	unsigned neps = 1 + take(&b) % 6, nses = take(&b) % 60;
	struct care care;
	struct finding *f;
	size_t nf;

	if (!ready) {
		rd_opts_init("fuzz_care-check", "");
		rd_opts_done();
		rd_urine_map_init();
		ready = 1;
	}
	rd_opt.as_of = as_of;
	add(&ep, "patient_id,episode_id,clinic,modality,start_date,end_date,end_reason\n");
	for (unsigned i = 0; i < neps; i++) {
		int start = base + (int)(take(&b) % 90), ends = take(&b);

		date(start, d);
		if (ends & 1) {
			date(start + (int)(take(&b) % 60), e);
			add(&ep, "P%u,E%u,c%u,%s,%s,%s,%s\n", i % 4, i, ends >> 1 & 1,
			    modality[ends >> 2 & 3], d, e, reason[(ends >> 4) % 3]);
		} else
			add(&ep, "P%u,E%u,c%u,%s,%s,,\n", i % 4, i, ends >> 1 & 1,
			    modality[ends >> 2 & 3], d);
	}
	add(&ses, "patient_id,episode_id,date,activity,attendance,participants,srs\n");
	for (unsigned i = 0; i < nses && b.n > 0; i++) {
		unsigned k = take(&b) % neps, a = take(&b);
		char episode[16] = "";

		/* Half the sessions name their episode, half leave it to the date. */
		if (a & 1)
			snprintf(episode, sizeof episode, "E%u", k);
		date(base + (int)(take(&b) % 150), d);
		add(&ses, "P%u,%s,%s,%s,%s,%u,%s\n", k % 4, episode, d,
		    activity[take(&b) % 11], attendance[a >> 1 & 3], a >> 3 & 3,
		    a & 32 ? "35.5" : "");
	}
	add(&uri, "patient_id,date,substance,result\n");
	for (unsigned i = 0, n = take(&b) % 20; i < n && b.n > 0; i++) {
		unsigned a = take(&b);

		date(base + (int)(take(&b) % 150), d);
		add(&uri, "P%u,%s,%s,%s\n", a % 4, d, substance[a >> 2 & 3],
		    a & 16 ? "pos" : "neg");
	}
	add(&goal, "patient_id,episode_id,goal_id,domain,set_by,date,attainment,weight\n");
	for (unsigned i = 0, n = take(&b) % 10; i < n && b.n > 0; i++) {
		unsigned k = take(&b) % neps, a = take(&b);

		int set = base + (int)(take(&b) % 150);

		/* Set once; a review (an attainment, no domain) later, or not. */
		date(set, d);
		add(&goal, "P%u,E%u,G%u,substance,patient,%s,,\n", k % 4, k, i, d);
		if (a & 8) {
			date(set + 1 + (int)(a >> 4), e);
			add(&goal, "P%u,E%u,G%u,,,%s,%d,\n", k % 4, k, i, e, (int)(a % 5) - 2);
		}
	}
	to_file(&ses, ses_path);
	to_file(&uri, uri_path);
	to_file(&goal, goal_path);

	struct rd_reader *r = rd_open_mem("episodes", ep.s, ep.len, &cfg);
	care_init(&care, rd_episodes_read(r, true), as_of);
	rd_close(r);
	check_thresholds_default(&t);
	t.no_show_run = 1 + take(&b) % 4;
	t.no_contact_days = take(&b) % 30;
	t.relapse_negatives = take(&b) % 4;
	for (int c = 0; c < NCHECKS; c++)
		enabled[c] = true;
	care.follow_dropouts = true;
	care_read_sessions(&care, ses_path);
	care_read_goals(&care, goal_path);
	care_read_urine(&care, uri_path);
	unlink(ses_path);
	unlink(uri_path);
	unlink(goal_path);
	f = care_findings(&care, enabled, &t, &nf);
	for (size_t i = 0; i < nf; i++) {
		if (i > 0 && finding_cmp(&f[i - 1], &f[i]) > 0)
			abort();
		if (f[i].since != RD_NO_DATE && f[i].since > as_of)
			abort();
	}
	care_findings_free(f, nf);
	care_free(&care);
	free(ep.s);
	free(ses.s);
	free(uri.s);
	free(goal.s);
	return 0;
}
