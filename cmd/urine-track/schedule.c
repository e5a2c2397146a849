/*
 * --schedule: random supervised sampling days.  Each week's draw is keyed
 * by HMAC-SHA256 over the seed, the patient, the episode and the week
 * number: reruns give the same days, the weeks are independent of each
 * other, and without the seed the days already seen tell nothing about
 * the next ones.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analytes.h"
#include "codes.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "map.h"
#include "opts.h"
#include "reader.h"
#include "rejects.h"
#include "track.h"
#include "writer.h"

long
sched_weeks(int start, int end, long weeks)
{
	long to_end;

	if (end == RD_NO_DATE)
		return weeks > 0 ? weeks : SCHED_DEFAULT_WEEKS;
	/* Weeks whose first day (start + 7(k-1) + 1) is on or before end. */
	to_end = end > start ? (end - start + 6) / 7 : 0;
	return weeks > 0 && weeks < to_end ? weeks : to_end;
}

/* Eight 32-bit draws for one patient week. */
static void
week_draws(const struct sched_key *k, long week, uint32_t draws[8])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES], wk[8];
	static const unsigned char sep = 0;

	for (int i = 0; i < 8; i++)
		wk[i] = (unsigned char)((unsigned long long)week >> (8 * i));
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)k->seed, k->seed_len);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)k->patient_id,
	    k->patient_len);
	crypto_auth_hmacsha256_update(&st, &sep, 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)k->episode_id,
	    k->episode_len);
	crypto_auth_hmacsha256_update(&st, &sep, 1);
	crypto_auth_hmacsha256_update(&st, wk, sizeof wk);
	crypto_auth_hmacsha256_final(&st, mac);
	for (int i = 0; i < 8; i++)
		draws[i] = (uint32_t)mac[4 * i] | (uint32_t)mac[4 * i + 1] << 8 |
		    (uint32_t)mac[4 * i + 2] << 16 | (uint32_t)mac[4 * i + 3] << 24;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int
sched_week(const struct sched_key *k, long week, int start, int last_day,
    int per_week, const struct rd_holidays *hol, int days[SCHED_MAX_PER_WEEK])
{
	int cand[7], m = 0, first = start + 7 * (int)(week - 1) + 1;
	uint32_t draws[8];

	for (int d = first; d < first + 7 && d <= last_day; d++)
		if (rd_is_working_day(hol, d))
			cand[m++] = d;
	if (per_week > SCHED_MAX_PER_WEEK)
		per_week = SCHED_MAX_PER_WEEK;
	if (m <= per_week) {
		memcpy(days, cand, (size_t)m * sizeof *cand);
		return m;
	}
	/*
	 * Partial Fisher-Yates shuffle.  The modulo bias of a 32-bit draw over
	 * at most 7 candidates is below 2e-9, far under any test's resolution.
	 */
	week_draws(k, week, draws);
	for (int i = 0; i < per_week; i++) {
		int j = i + (int)(draws[i] % (uint32_t)(m - i)), t = cand[i];

		cand[i] = cand[j];
		cand[j] = t;
	}
	memcpy(days, cand, (size_t)per_week * sizeof *cand);
	qsort(days, (size_t)per_week, sizeof *days, cmp_int);
	return per_week;
}

struct sched_cols {
	int patient_id, episode_id, start_date, end_date, primary_substance;
};

static void
write_sample(struct rd_writer *w, const struct rd_record *rec,
    const struct sched_cols *c, int day, int substance)
{
	rd_put(w, rec->f[c->patient_id], rec->len[c->patient_id]);
	if (c->episode_id >= 0)
		rd_put(w, rec->f[c->episode_id], rec->len[c->episode_id]);
	rd_put_date(w, day);
	rd_put_str(w, rd_substance_codes.code[substance]);
	rd_put_str(w, "missing");
	rd_put_str(w, "yes");
	rd_put_str(w, "yes");
	rd_end_row(w);
}

/* The substances of one patient's samples: --substances, else the primary. */
static size_t
row_substances(const struct track_opts *o, int primary, int *one,
    const int **list)
{
	if (o->nsubstances > 0) {
		*list = o->substances;
		return o->nsubstances;
	}
	/* gambling (and an unknown primary substance) has no urine test: other. */
	*one = primary >= 0 && (size_t)primary < rd_substance_codes.n ? primary :
	    (int)rd_substance_codes.n - 1;
	*list = one;
	return 1;
}

static void
schedule_row(struct rd_reader *r, struct rd_writer *w, const struct rd_record *rec,
    const struct sched_cols *c, const struct track_opts *o,
    const struct rd_holidays *hol)
{
	struct sched_key key;
	int start, end, primary, one, days[SCHED_MAX_PER_WEEK];
	const int *subst;
	size_t nsubst;
	long nweeks;

	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_id(r, rec, c->episode_id, c->episode_id >= 0) ||
	    !rd_get_date(r, rec, c->start_date, true, &start) ||
	    !rd_get_date(r, rec, c->end_date, false, &end) ||
	    !rd_get_code(r, rec, c->primary_substance, &rd_primary_codes, false,
	    &primary))
		return;
	if (end != RD_NO_DATE && end < start) {
		rd_reject(r, rec, c->end_date, "end_date is before start_date");
		return;
	}
	key.seed = o->seed;
	key.seed_len = strlen(o->seed);
	key.patient_id = rec->f[c->patient_id];
	key.patient_len = rec->len[c->patient_id];
	key.episode_id = c->episode_id >= 0 ? rec->f[c->episode_id] : "";
	key.episode_len = c->episode_id >= 0 ? rec->len[c->episode_id] : 0;
	nsubst = row_substances(o, primary, &one, &subst);
	nweeks = sched_weeks(start, end, o->weeks);
	for (long k = 1; k <= nweeks; k++) {
		int last = end == RD_NO_DATE ? start + 7 * (int)k : end;
		int n = sched_week(&key, k, start, last, o->per_week, hol, days);

		if (n < o->per_week)
			rd_warn("%s:%ld: week %ld has %d working day%s for %d "
			    "sample%s a week", rd_name(r), rec->line, k, n,
			    n == 1 ? "" : "s", o->per_week, o->per_week == 1 ? "" : "s");
		for (int i = 0; i < n; i++)
			for (size_t s = 0; s < nsubst; s++)
				write_sample(w, rec, c, days[i], subst[s]);
	}
}

void
run_schedule(const char *path, const struct track_opts *o)
{
	static const char *const names[] = { "patient_id", "episode_id", "date",
	    "substance", "result", "supervised", "random" };
	static const char *const names_no_ep[] = { "patient_id", "date",
	    "substance", "result", "supervised", "random" };
	struct rd_reader *r;
	struct rd_writer *w;
	struct rd_record rec;
	struct rd_holidays *hol;
	struct sched_cols c;
	char err[512];

	if (sodium_init() < 0)
		rd_die(RD_EXIT_DATA, "libsodium failed to initialise");
	switch (rd_holidays_open(o->holidays, o->nholidays, &hol, err, sizeof err)) {
	case 0:
		break;
	case -2:
		rd_usage_msg("--holidays %s", err);
	default:
		rd_die(RD_EXIT_DATA, "--holidays: %s", err);
	}
	r = rd_open(path);
	c.patient_id = rd_col_required(r, "patient_id");
	c.start_date = rd_col_required(r, "start_date");
	c.episode_id = rd_col(r, "episode_id");
	c.end_date = rd_col(r, "end_date");
	c.primary_substance = rd_col(r, "primary_substance");
	w = rd_writer_new(STDOUT_FILENO);
	if (c.episode_id >= 0)
		rd_put_header(w, names, sizeof names / sizeof names[0]);
	else
		rd_put_header(w, names_no_ep, sizeof names_no_ep / sizeof names_no_ep[0]);
	while (rd_next_good(r, &rec) > 0)
		schedule_row(r, w, &rec, &c, o, hol);
	rd_writer_close(w);
	rd_close(r);
	rd_holidays_free(hol);
}

bool
substances_parse_list(const char *list, int **codes, size_t *n, char *err,
    size_t errsz)
{
	const char *p = list;

	*codes = NULL;
	*n = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		const char *mapped = NULL;
		int code, analyte;

		/* A lab name of an analyte schedules its class. */
		if (rd_substance_lookup(p, len, &code, &analyte, &mapped) != 1)
			code = -1;
		if (code < 0) {
			snprintf(err, errsz, "substance '%.*s' is not one of %s",
			    (int)(len > 40 ? 40 : len), p, rd_codes_joined(&rd_substance_codes));
			free(*codes);
			*codes = NULL;
			*n = 0;
			return false;
		}
		*codes = rd_realloc(*codes, (*n + 1) * sizeof **codes);
		(*codes)[(*n)++] = code;
		if (p[len] == '\0')
			return true;
		p += len + 1;
	}
}
