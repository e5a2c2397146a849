/*
 * The row loop of --summary and --missed: sessions parsed, validated and
 * attached (attach.h's rd_attached_until: a row of another patient's
 * episode is rejected there) on every core (par.h), added to the summary in input
 * order in this thread, so that units, notes and output are one
 * thread's, byte for byte.
 */
#include "sessionlog.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "par.h"

struct stage_ctx {
	const struct sl_summary *s;
	const struct rd_session_cols *c;
};

/* A session's values and attachment, false for a bad or rejected row. */
static bool
session_row(const struct stage_ctx *x, struct rd_reader *r,
    const struct rd_record *rec, struct rd_session *row, struct rd_attached *a)
{
	if (!rd_session_parse(r, rec, x->c, row))
		return false;
	*a = rd_attached_until(x->s->episodes, x->s->by_episode, x->s->as_of, r,
	    rec, x->c->episode_id, row->patient_id, row->patient_id_len,
	    row->episode_id, row->episode_id_len, row->date);
	return a->reason != RD_ATTACH_OTHER_PATIENT;
}

/*
 * Without --episodes, a session is staged as what the calling thread
 * needs of it and no more: its attachment (for the note), its event and
 * its unit key, built here (sl_unit_key_write), then the key's bytes.
 * The calling thread then adds a batch of rows with their keys read
 * where they are staged (sl_summary_add_keyed): on input in no order its
 * per-row work, not the reading threads', was what bounded the summary.
 */
struct staged_keyed {
	struct rd_attached a;
	struct rd_session_event ev;
	uint32_t key_len;
	uint32_t zero;		/* staged bytes are all defined */
};

static void
stage_keyed(const struct sl_summary *s, struct rd_writer *w,
    const struct rd_session *row, const struct rd_attached *a)
{
	struct staged_keyed h = { *a, rd_session_event(row), 0, 0 };
	size_t plen = row->patient_id_len, elen = row->episode_id_len;
	char small[256], *key = small;

	if (!s->by_episode) {
		h.key_len = (uint32_t)plen;
		rd_write_raw(w, (const char *)&h, sizeof h);
		rd_write_raw(w, row->patient_id, plen);
		return;
	}
	if (SL_UNIT_KEY_MAX(plen, elen) > sizeof small)
		key = rd_malloc(SL_UNIT_KEY_MAX(plen, elen));
	h.key_len = (uint32_t)sl_unit_key_write(key, row->patient_id, plen,
	    row->episode_id, elen);
	rd_write_raw(w, (const char *)&h, sizeof h);
	rd_write_raw(w, key, h.key_len);
	if (key != small)
		free(key);
}

/*
 * Each session kept, as bytes: keyed (above) without --episodes, else its
 * attachment, then rd_session_stage.  Rows after as-of are not staged:
 * the summary leaves them out uncounted (sl_summary_add_session).
 */
static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct stage_ctx *x = arg;
	struct rd_record rec;
	struct rd_session row;
	struct rd_attached a;

	while (rd_next_good(r, &rec) > 0) {
		if (!session_row(x, r, &rec, &row, &a) || row.date > x->s->as_of)
			continue;
		if (x->s->episodes == NULL)
			stage_keyed(x->s, w, &row, &a);
		else {
			rd_write_raw(w, (const char *)&a, sizeof a);
			rd_session_stage(w, &row);
		}
	}
}

/* Keyed rows from p on, up to a batch of them; where the next one starts. */
static const char *
take_keyed(struct sl_summary *s, const char *p, const char *end)
{
	const char *keys[RD_IDMAP_BATCH];
	size_t lens[RD_IDMAP_BATCH], n = 0;
	struct rd_session_event ev[RD_IDMAP_BATCH];
	struct staged_keyed h;

	while (p < end && n < RD_IDMAP_BATCH) {
		memcpy(&h, p, sizeof h);
		p += sizeof h;
		if (rd_attached_count(&s->sessions_note, &h.a)) {
			keys[n] = p;
			lens[n] = h.key_len;
			ev[n++] = h.ev;
		}
		p += h.key_len;
	}
	sl_summary_add_keyed(s, n, keys, lens, ev);
	return p;
}

static void
take_rows(void *arg, const char *p, size_t len)
{
	struct sl_summary *s = arg;
	const char *end = p + len;
	struct rd_session row;
	struct rd_attached a;

	if (s->episodes == NULL) {
		while (p < end)
			p = take_keyed(s, p, end);
		return;
	}
	while (p < end) {
		memcpy(&a, p, sizeof a);
		p = rd_session_unstage(p + sizeof a, &row);
		sl_summary_add_session(s, &row, &a);
	}
}

void
sl_summary_read(struct sl_summary *s, struct rd_reader *r,
    const struct rd_session_cols *c)
{
	struct stage_ctx x = { s, c };
	struct rd_record rec;
	struct rd_session row;
	struct rd_attached a;

	if (rd_par_stage(r, stage_rows, &x, take_rows, s))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (session_row(&x, r, &rec, &row, &a))
			sl_summary_add_session(s, &row, &a);
}
