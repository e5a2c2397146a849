#include "staged.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "diag.h"

/* Room for the usual row in one piece (its bytes are about twice the line's). */
#define ROW_BYTES 2048

void
rd_stage_record(struct rd_writer *w, const void *head, size_t hlen,
    const struct rd_record *rec)
{
	uint32_t nf = (uint32_t)rec->n;
	size_t len = hlen + sizeof nf + rec->n * sizeof(uint32_t), text = 0;
	char buf[ROW_BYTES], *p = buf;
	/* The lengths go where they will be sent while they are added up. */
	bool room = len <= sizeof buf;
	char *lens = buf + hlen + sizeof nf;

	for (size_t i = 0; i < rec->n; i++) {
		uint32_t n = (uint32_t)rec->len[i];

		if (rec->len[i] >= UINT32_MAX)
			rd_die(RD_EXIT_DATA, "a field of more than 4 GB");
		text += rec->len[i] + 1;
		if (room)
			memcpy(lens + i * sizeof n, &n, sizeof n);
	}
	len += text;
	/*
	 * The usual row in one write (the writer's per-call cost counts at
	 * this rate), on the stack: a bad row may end the thread's chunk at
	 * any reject (par.h), with nothing to free.
	 */
	if (len > sizeof buf) {
		rd_write_raw(w, head, hlen);
		rd_write_raw(w, (const char *)&nf, sizeof nf);
		for (size_t i = 0; i < rec->n; i++) {
			uint32_t n = (uint32_t)rec->len[i];

			rd_write_raw(w, (const char *)&n, sizeof n);
		}
		for (size_t i = 0; i < rec->n; i++)
			rd_write_raw(w, rec->f[i], rec->len[i] + 1);
		return;
	}
	memcpy(p, head, hlen);
	p += hlen;
	memcpy(p, &nf, sizeof nf);
	p += sizeof nf + rec->n * sizeof(uint32_t);	/* the lengths are there */
	/*
	 * The fields of a line split in place lie one after the other, each
	 * with its NUL: one copy (a copy a field was a third of a thread).
	 */
	if (rec->plain_sep != 0 && rec->n > 0 &&
	    rec->f[rec->n - 1] + rec->len[rec->n - 1] + 1 == rec->f[0] + text)
		memcpy(p, rec->f[0], text);
	else
		for (size_t i = 0; i < rec->n; i++) {
			memcpy(p, rec->f[i], rec->len[i] + 1);
			p += rec->len[i] + 1;
		}
	rd_write_raw(w, buf, len);
}

size_t
rd_staged_fields(const char *p, size_t hlen)
{
	uint32_t nf;

	memcpy(&nf, p + hlen, sizeof nf);
	return nf;
}

const char *
rd_unstage_record(const char *p, void *head, size_t hlen, struct rd_record *rec,
    char **f, size_t *len)
{
	uint32_t nf;

	memcpy(head, p, hlen);
	p += hlen;
	memcpy(&nf, p, sizeof nf);
	p += sizeof nf;
	/* The fields start after the lengths; one pass reads both. */
	const char *text = p + nf * sizeof(uint32_t);

	for (size_t k = 0; k < nf; k++) {
		uint32_t n;

		memcpy(&n, p + k * sizeof n, sizeof n);
		len[k] = n;
		f[k] = (char *)text;	/* the staged bytes are the caller's own */
		text += n + 1;
	}
	p = text;
	memset(rec, 0, sizeof *rec);
	rec->n = nf;
	rec->f = f;
	rec->len = len;
	return p;
}
