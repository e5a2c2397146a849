/*
 * The row loop of --summary and --missed: sessions parsed and validated
 * on every core (par.h), added to the summary in input order in this
 * thread, so that units, notes and output are one thread's, byte for byte.
 */
#include "sessionlog.h"

#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "par.h"

/*
 * A parsed session as a worker hands it over: what sl_summary_add_session
 * reads, then the patient_id and episode_id bytes.  32 bytes, no padding.
 */
struct staged {
	long line;
	int date, activity, attendance, ors10;
	uint32_t patient_len, episode_len;
};

static void
stage_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	const struct rd_session_cols *c = arg;
	struct rd_record rec;
	struct rd_session row;

	while (rd_next_good(r, &rec) > 0) {
		if (!rd_session_parse(r, &rec, c, &row))
			continue;
		if (row.patient_id_len > UINT32_MAX || row.episode_id_len > UINT32_MAX)
			rd_die(RD_EXIT_DATA, "an id of more than 4 GB");
		struct staged st = { rec.line, row.date, row.activity,
		    row.attendance, row.ors10, (uint32_t)row.patient_id_len,
		    (uint32_t)row.episode_id_len };

		rd_write_raw(w, (const char *)&st, sizeof st);
		rd_write_raw(w, row.patient_id, row.patient_id_len);
		rd_write_raw(w, row.episode_id, row.episode_id_len);
	}
}

static void
take_rows(void *arg, const char *p, size_t len)
{
	struct sl_summary *s = arg;
	const char *end = p + len;
	struct staged st;

	while (p < end) {
		struct rd_session row = { 0 };

		memcpy(&st, p, sizeof st);
		p += sizeof st;
		row.patient_id = p;
		row.patient_id_len = st.patient_len;
		p += st.patient_len;
		row.episode_id = p;
		row.episode_id_len = st.episode_len;
		p += st.episode_len;
		row.date = st.date;
		row.activity = st.activity;
		row.attendance = st.attendance;
		row.ors10 = st.ors10;
		/* Without --episodes no row is another patient's: nothing to reject. */
		(void)sl_summary_add_session(s, &row, st.line);
	}
}

void
sl_summary_read(struct sl_summary *s, struct rd_reader *r,
    const struct rd_session_cols *c)
{
	struct rd_record rec;
	struct rd_session row;

	/* A row of another patient's episode is rejected here, in input order. */
	if (s->episodes == NULL &&
	    rd_par_stage(r, stage_rows, (void *)c, take_rows, s))
		return;
	while (rd_next_good(r, &rec) > 0)
		if (rd_session_parse(r, &rec, c, &row) &&
		    sl_summary_add_session(s, &row, rec.line) == RD_ATTACH_OTHER_PATIENT)
			rd_attach_reject(r, &rec, c->episode_id);
}
