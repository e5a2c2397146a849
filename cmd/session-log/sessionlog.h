/*
 * session-log logic, apart from option parsing (see session-log(1)):
 * normalising rows, the locked all-or-nothing append, and the summary
 * per patient or episode with plan adherence and dropout-risk signals.
 */
#ifndef SESSIONLOG_H
#define SESSIONLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "attach.h"
#include "collect.h"
#include "episodes.h"
#include "idmap.h"
#include "reader.h"
#include "sessions.h"
#include "writer.h"

/*
 * Writes one validated row with its codes, dates and numbers normalised;
 * output column k is input column order[k] (order NULL: the input's order).
 */
void sl_put_normalised(struct rd_writer *, const struct rd_record *,
    const struct rd_session_cols *, const struct rd_session *,
    const size_t *order);
/*
 * The order of an existing log's columns when they are the input header's
 * in another order: order[k] is the input column of the log's column k
 * (malloc'd).  NULL when there is no log yet, the order is the same, or
 * the columns differ (the append then reports the header).
 */
size_t *sl_log_order(const char *path, const struct rd_reader *input);

/*
 * Appends batch (len bytes; its first header_len bytes are the header
 * line) to path under an exclusive flock: the file is created with mode
 * 0600 and gets the whole batch; an existing file must start with the
 * same header and gets the batch without it.  A torn last line (no final
 * newline) is cut off with a warning first.  A journal left by a killed
 * writer is undone first; a batch whose rows were appended already (same
 * digest) is refused.  Journal, one write, fsync, digest, journal removed;
 * a failed write is undone.  Returns 0, or -1 after printing why (nothing
 * was appended).
 */
int sl_append(const char *path, const char *batch, size_t len, size_t header_len);

/*
 * The append journal and the batch digests beside the log (journal.c);
 * all under the log's lock, each returns 0 or -1 after printing why.
 * sl_journal_recover undoes an append whose journal is still there
 * (truncates fd to the recorded size, *size updated, and forgets the
 * batch's digest); sl_journal_begin records the size before a batch and
 * its digest; sl_journal_end removes the journal.  sl_digest_seen is 1
 * (when set to the time) if a batch with that digest was appended among
 * the last SL_DIGESTS_KEPT, 0 if not.
 */
#define SL_DIGEST_HEX 64	/* BLAKE2b-256 (crypto_generichash) in hex */
#define SL_DIGESTS_KEPT 1000
void sl_batch_digest(const char *rows, size_t len, char hex[SL_DIGEST_HEX + 1]);
int sl_journal_recover(const char *log, int fd, off_t *size);
int sl_journal_begin(const char *log, off_t size, const char *digest);
int sl_journal_end(const char *log);
int sl_digest_seen(const char *log, const char *digest, char *when, size_t whensz);
int sl_digest_add(const char *log, const char *digest, long rows);

/* One unit of the summary: a patient, or an episode of a patient. */
struct sl_unit {
	size_t patient;		/* index into the patients map */
	const char *episode_id;	/* NULL when summarising per patient */
	int start, end;		/* from --episodes, else RD_NO_DATE */
	int first_date;		/* earliest session or planned item (at finish) */
};

/* What the summary prints for a unit. */
struct sl_result {
	struct rd_session_stats stats;
	long planned, done;	/* planned items due by as-of, and done */
	long days_since_contact;	/* -1 when unknown */
	int risk;		/* RD_RISK_* bits */
};

struct sl_plan_row {
	uint32_t row;		/* 0-based data row in the plan file */
	int date;
	int activity;
};

struct sl_summary {
	bool by_episode;
	int as_of;
	long tolerance_days;
	struct rd_risk_thresholds thresholds;
	const struct rd_episodes *episodes;	/* --episodes, or NULL */
	struct rd_idmap *patients, *units_map;
	char *keybuf;			/* unit keys are built here */
	size_t keybuf_cap;
	uint32_t *unit_of_episode;	/* with --episodes: by episode row, UINT32_MAX until made */
	struct sl_unit *units;
	size_t nunits, units_cap;
	struct rd_collect sessions;	/* rd_session_event per unit */
	struct rd_collect items;	/* sl_plan_row per unit */
	struct rd_attach_note sessions_note, items_note;	/* rows left out */
	/* Filled by sl_summary_finish: */
	struct sl_result *results;	/* per unit */
	size_t *order;			/* units in output order */
	bool *missed;			/* per plan row: due, not self-help, not done */
	size_t plan_rows;
};

/*
 * The key of a unit by episode in buf: the patient id's length, a colon,
 * the patient id and the episode id ("2:P1E7"), so that the same episode
 * id under two patients stays two units; its length.  buf has room for
 * SL_UNIT_KEY_MAX(plen, elen) bytes.  By patient the key is the patient
 * id itself.
 */
#define SL_UNIT_KEY_MAX(plen, elen) ((plen) + (elen) + 21)
size_t sl_unit_key_write(char *buf, const char *patient, size_t plen,
    const char *episode, size_t elen);
void sl_summary_init(struct sl_summary *, bool by_episode,
    const struct rd_episodes *episodes, int as_of);
void sl_summary_free(struct sl_summary *);
/*
 * Adds a session that attached as a says (rows after as-of are left
 * out): kept, or left out and counted in sessions_note (rd_attached_count).
 */
void sl_summary_add_session(struct sl_summary *, const struct rd_session *,
    const struct rd_attached *a);
/*
 * Without --episodes: n sessions kept (by as-of and rd_attached_count),
 * in input order, by their unit keys (sl_unit_key_write, or the patient
 * id by patient) and events; the same units and rows as n calls of
 * sl_summary_add_session, with no key copied (rd_collect_add_keys).
 */
void sl_summary_add_keyed(struct sl_summary *, size_t n,
    const char *const *keys, const size_t *lens,
    const struct rd_session_event *ev);
/* The same for a planned item of plan row `row` (counted in items_note). */
void sl_summary_add_item(struct sl_summary *, const char *patient_id,
    size_t patient_len, const char *episode_id, size_t episode_len, int date,
    int activity, size_t row, const struct rd_attached *a);
/*
 * Reads every session of r into the summary: parsed (and with --episodes
 * checked for another patient's episode) on every core (par.h), added in
 * input order; with one thread, in this thread's row loop.
 */
void sl_summary_read(struct sl_summary *, struct rd_reader *,
    const struct rd_session_cols *);
/* Groups, sorts and computes every unit's result, and the missed items. */
void sl_summary_finish(struct sl_summary *, size_t plan_rows);
/* Header and one row per unit, in order; with_plan adds planned, adherence. */
void sl_summary_write(struct rd_writer *, const struct sl_summary *, bool with_plan);

/*
 * The plan file (strict, like every secondary input): sl_plan_load adds
 * its items to the summary and returns the number of data rows;
 * sl_plan_write_missed reads it again and writes the rows of the items
 * sl_summary_finish marked missed.
 */
size_t sl_plan_load(struct sl_summary *, const char *path);
void sl_plan_write_missed(struct rd_writer *, const struct sl_summary *,
    const char *path);

#endif
