/*
 * libFuzzer harness for outcome-report's aggregation and output: the input
 * bytes become report parameters, one or two grouping columns and a list
 * of episodes with their facts (dates, end reasons, sessions, urine,
 * goals, shares); the report is written in every format with a min-cell
 * from the bytes, must never crash, leak or divide by zero, and
 *   - its partial output, merged back (--merge of one partial), gives the
 *     same CSV report byte for byte.
 * Reading input files is left out: a bad row there stops the tool (exit),
 * which a fuzz target may not do; the reader has harnesses of its own.
 *
 * The Makefile links the tool's logic (cmd/outcome-report but main.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "codes.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "report.h"

#include "fuzz_bytes.h"

static unsigned
take16(struct bytes *b)
{
	return take(b) | take(b) << 8;
}

/*
 * A short grouping value of characters that matter to CSV, TSV, text and
 * HTML output; valid UTF-8, as everything the reader gives is, and no tab
 * or line break (TSV output refuses those by design: an exit).
 */
static size_t
take_value(struct bytes *b, char *out, size_t outsz)
{
	static const char *const piece[] = { "a", "B", ",", "\"", ">", "|", "<",
		"&", " ", "-", "=", "\xc3\xa5", "0", ";", "'", "+" };
	size_t len = 0, n = take(b) % 5;

	for (size_t i = 0; i < n; i++) {
		const char *s = piece[take(b) % 16];
		size_t l = strlen(s);

		if (len + l >= outsz)
			break;
		memcpy(out + len, s, l);
		len += l;
	}
	out[len] = '\0';
	return len;
}

/* Writes the report as format into a memory file; returns its text (free it). */
static char *
render(struct report *rep, enum format format, long min_cell, bool partial)
{
	int fd = memfd_create("fuzz-report", MFD_CLOEXEC);
	struct rd_writer_config cfg = { .tsv = format == FMT_TSV };
	struct output out = { format, min_cell, "T<&>" };
	struct rd_writer *w;
	char *text;
	off_t len;

	if (fd < 0)
		abort();
	w = rd_writer_new_config(fd, &cfg);
	if (partial)
		partial_write(rep, w);
	else
		report_write(rep, &out, w);
	rd_writer_close(w);
	len = lseek(fd, 0, SEEK_END);
	text = malloc((size_t)len + 1);
	if (text == NULL || pread(fd, text, (size_t)len, 0) != len)
		abort();
	text[len] = '\0';
	close(fd);
	return text;
}

static void
add_episodes(struct report *rep, struct bytes *b, size_t nby)
{
	unsigned n = take(b) % 40;
	size_t groups[16][40], ngroups[16] = { 0 };	/* of each patient's episodes */

	for (unsigned i = 0; i < n && b->n > 0; i++) {
		char values[2][16];
		unsigned patient;
		const char *v[2] = { values[0], values[1] };
		size_t lens[2], g;
		struct ep_facts f;
		int as_of = rep->params.as_of;
		int start = as_of - (int)(take16(b) % 3000);
		int end = take(b) & 1 ? RD_NO_DATE : start + (int)(take16(b) % 800);
		int reason = end == RD_NO_DATE ? -1 : (int)(take(b) % (RD_END_OTHER + 1));
		int referral = take(b) & 1 ? RD_NO_DATE : start - (int)(take(b) % 60);
		unsigned flags = take(b);

		for (size_t k = 0; k < nby; k++)
			lens[k] = take_value(b, values[k], sizeof values[k]);
		patient = take(b) % 16;
		if (end != RD_NO_DATE && end > as_of)
			end = RD_NO_DATE, reason = -1;
		ep_facts_init(&f, start, end, reason, referral, as_of);
		f.planned_end = flags & 1;
		f.network = flags & 2;
		f.screened = flags & 4;
		f.self_help = flags & 8;
		f.abstinent = flags & 16;
		f.ors_deteriorated = (int)(take(b) % 3) - 1;
		f.ors_improved = (int)(take(b) % 3) - 1;
		f.attended = take(b) % 50;
		f.no_show = take(b) % 50;
		f.tests = take(b) % 30;
		f.negative = f.tests > 0 ? take(b) % (f.tests + 1) : 0;
		f.has_t = flags & 32;
		f.t = f.has_t ? 20.0 + take(b) * 0.25 : 0;
		g = report_group(rep, v, lens);
		report_add(rep, g, &f);
		groups[patient][ngroups[patient]++] = g;
	}
	long *counts = calloc(rep->ngroups + 1, sizeof *counts);

	if (counts == NULL)
		abort();
	for (unsigned p = 0; p < 16; p++)
		report_count_patient(counts, rep->ngroups, groups[p], ngroups[p]);
	report_add_patients(rep, counts);
	free(counts);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *by_names[] = { "clinic", "modality" };
	struct bytes b = { data, size };
	struct params p = { 0 };
	struct report rep, merged;
	char path[] = "/tmp/fuzz_outcome_partial.XXXXXX";
	const char *paths[1] = { path };
	unsigned flags = take(&b);
	size_t nby = 1 + (flags & 1);
	long min_cell = take(&b) % 7;
	char *direct, *again, *part;
	int fd;

	rd_setprogname("fuzz_outcome-report");
	p.as_of = rd_date_from_ymd(2026, 3, 31);
	p.from = flags & 2 ? p.as_of - 2000 : RD_NO_DATE;
	p.to = flags & 4 ? p.as_of - 10 : RD_NO_DATE;
	p.missing = flags & 8 ? RD_MISSING_IGNORE : RD_MISSING_POSITIVE;
	p.sessions = flags & 16;
	p.urine = flags & 32;
	p.goals = flags & 64;
	p.assessments = flags & 128;
	p.waiting_days = WAITING_DAYS_DEFAULT;
	report_init(&rep, &p, by_names, nby);
	add_episodes(&rep, &b, nby);
	for (enum format f = FMT_CSV; f <= FMT_HTML; f++)
		free(render(&rep, f, min_cell, false));
	direct = render(&rep, FMT_CSV, min_cell, false);
	part = render(&rep, FMT_CSV, 0, true);
	fd = mkstemp(path);
	if (fd < 0 || write(fd, part, strlen(part)) != (ssize_t)strlen(part))
		abort();
	close(fd);
	partial_merge(&merged, paths, 1);
	unlink(path);
	again = render(&merged, FMT_CSV, min_cell, false);
	if (strcmp(direct, again) != 0) {
		fprintf(stderr, "merged report differs:\n%s---\n%s", direct, again);
		abort();
	}
	free(direct);
	free(again);
	free(part);
	for (size_t i = 0; i < merged.nby; i++)
		free(merged.by[i]);
	free(merged.by);
	report_free(&merged);
	report_free(&rep);
	return 0;
}
