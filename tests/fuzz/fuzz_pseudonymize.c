/*
 * libFuzzer harness for pseudonymize's row handling: any bytes read as CSV
 * with a header, the first column pseudonymized (through a tiny cache, so
 * it is emptied often), the second dropped, the rest scanned for national
 * identity numbers and written.  Besides crashes, leaks and loops it checks
 * that the cheap pre-test never turns away a field rd_natid_scan flags.
 */
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "pseudo.h"

static struct pseudo *p;
static struct rd_natid *nid;
static int devnull = -1;

static void
check_prefilter(const struct rd_record *rec)
{
	for (size_t c = 0; c < rec->n; c++) {
		enum rd_natid_kind kind;
		size_t off;

		if (rd_natid_scan(nid, rec->f[c], rec->len[c], &kind, &off) == 1 &&
		    !pseudo_may_hold_natid(rec->f[c], rec->len[c]))
			abort();
	}
}

/* The first good record, copied, as the header. */
static struct rd_record *
copy_header(const struct rd_record *rec)
{
	struct rd_record *h = rd_calloc(1, sizeof *h);

	h->n = rec->n;
	h->f = rd_calloc(rec->n, sizeof *h->f);
	h->len = rd_calloc(rec->n, sizeof *h->len);
	for (size_t i = 0; i < rec->n; i++) {
		h->f[i] = rd_strndup(rec->f[i], rec->len[i]);
		h->len[i] = rec->len[i];
	}
	return h;
}

static void
free_header(struct rd_record *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->f[i]);
	free(h->f);
	free(h->len);
	free(h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char key[32] = "fuzz key, fuzz key, fuzz key, f";
	/* no_header: a bad header line would end the process in rd_open. */
	struct rd_reader_config cfg = { .delim = ',', .no_header = true,
	    .max_field_bytes = 256 };
	struct rd_writer_config wcfg = { .tsv = false };
	struct pseudo_names hash = { 0 }, drop = { 0 };
	struct pseudo_plan plan;
	struct rd_record *hdr = NULL;
	struct rd_reader *r;
	struct rd_writer *w = NULL;
	struct rd_record rec;
	const char *which;
	int rc;

	if (p == NULL) {
		if (sodium_init() < 0)
			abort();
		p = pseudo_new(key, sizeof key, 3);
		nid = rd_natid_new();
		devnull = open("/dev/null", O_WRONLY);
		if (nid == NULL || devnull < 0)
			abort();
	}
	r = rd_open_mem("fuzz", data, size, &cfg);
	while ((rc = rd_next(r, &rec)) != 0) {
		size_t col;
		enum rd_natid_kind kind;

		if (rc < 0)
			continue;
		check_prefilter(&rec);
		if (hdr == NULL) {
			hdr = copy_header(&rec);
			if (pseudo_plan_build(&plan, hdr, &hash, &drop, true,
			    &which) != NULL)
				abort();
			/* Set directly: a fuzzed name may hold a comma. */
			if (plan.n >= 1)
				plan.action[0] = PSEUDO_HASH;
			if (plan.n >= 2)
				plan.action[1] = PSEUDO_DROP;
			w = rd_writer_new_config(devnull, &wcfg);
			pseudo_write_header(w, &plan, hdr);
			continue;
		}
		/* The reader holds real input to the header's width. */
		if (rec.n != plan.n)
			continue;
		if (pseudo_scan(nid, &plan, &rec, &col, &kind) == 0)
			pseudo_write_row(w, p, &plan, &rec);
	}
	if (hdr != NULL) {
		rd_writer_close(w);
		pseudo_plan_free(&plan);
		free_header(hdr);
	}
	rd_close(r);
	pseudo_names_free(&hash);
	pseudo_names_free(&drop);
	return 0;
}
