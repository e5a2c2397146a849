/*
 * libFuzzer harness: urine rows (common/urine.c) under a fixed header must
 * never crash, leak or loop (lab names and analytes through the analyte
 * table included): every bad row goes to a rejects file
 * (/dev/null); the kept rows become samples, a summary under both missing
 * rules, a weekly word (urine-track's summary.c, linked), and every
 * outcome definition of that word.  The code columns stand next to each
 * other, so rows are read with the memo of their spellings
 * (rd_urine_parse_memo); a row it passes must pass rd_urine_parse with the
 * same codes.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fields.h"
#include "opts.h"
#include "reader.h"
#include "fuzz_rows.h"
#include "uds.h"
#include "urine.h"

#include "track.h"

static const char header[] =
    "patient_id,episode_id,date,substance,analyte,result,supervised,random,"
    "sample_id,value,cutoff\n";

/* The memo's codes are rd_urine_parse's (spelled is only a hint). */
static void
same_as_plain(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_urine_cols *cols, const struct rd_urine_row *kept)
{
	struct rd_urine_row plain;

	if (!rd_urine_parse(r, rec, cols, &plain) ||
	    plain.substance != kept->substance || plain.analyte != kept->analyte ||
	    plain.result != kept->result || plain.supervised != kept->supervised ||
	    plain.random != kept->random || plain.date != kept->date)
		abort();
}

static void
exercise(struct rd_urine_obs *obs, size_t n)
{
	struct rd_sample *s = malloc((n + 1) * sizeof *s);
	struct urine_summary u;
	char cell[64], *word;
	size_t ns;
	long len;
	int start;

	if (s == NULL)
		return;
	ns = rd_urine_samples(obs, n, s);
	summarize(s, ns, RD_NO_DATE, RD_MISSING_POSITIVE, &u);
	summarize(s, ns, ns ? s[0].date : RD_NO_DATE, RD_MISSING_IGNORE, &u);
	if (u.tests > u.neg + u.pos + u.missing)
		abort();
	start = ns ? s[0].date : 0;
	/* At most about three years of weeks: dates may be anywhere. */
	len = weekly_length(start, ns ? s[ns - 1].date : RD_NO_DATE,
	    start + 7 * 150, -1);
	if ((word = malloc((size_t)len + 1)) != NULL) {
		weekly_word(s, ns, start, RD_NO_DATE, start + 7 * 150, len, word);
		if (rd_uds_invalid_at(word, (size_t)len) >= 0)
			abort();
		for (size_t d = 0; d < rd_uds_ndefs; d++)
			(void)rd_uds_compute((int)d, word, (size_t)len, cell, sizeof cell);
		free(word);
	}
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0, cap = 0;
	struct rd_urine_obs *obs = NULL, *grown;
	struct rd_reader *r;
	struct rd_urine_cols cols;
	struct rd_urine_row row;
	static struct rd_urine_memo memo;	/* 120 KB: not on the stack */
	struct rd_record rec;
	struct rd_arena long_ids = { 0 };

	r = fuzz_open_rows("fuzz_urine", header, data, size, rd_urine_map_init);
	if (r == NULL)
		return 0;
	rd_urine_cols(r, &cols);
	rd_urine_memo_init(&memo, &cols);
	while (rd_next_good(r, &rec) > 0) {
		if (!rd_urine_parse_memo(r, &rec, &cols, &memo, &row))
			continue;
		same_as_plain(r, &rec, &cols, &row);
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			if ((grown = realloc(obs, cap * sizeof *obs)) == NULL)
				break;
			obs = grown;
		}
		/* The sample_id goes in as the tools keep it, long ones included. */
		rd_urine_obs_fill(&obs[n], &row, NULL, &long_ids);
		obs[n].prescribed = row.substance == 2;
		n++;
	}
	exercise(obs, n);
	free(obs);
	rd_arena_free(&long_ids);
	rd_close(r);
	return 0;
}
