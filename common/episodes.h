/*
 * Episodes (rusdata(7)): reading and validating episode rows, and the
 * table that attaches dated rows of other files to their episode.
 */
#ifndef RD_EPISODES_H
#define RD_EPISODES_H

#include <stdbool.h>
#include <limits.h>
#include <stddef.h>

#include "reader.h"

struct rd_episode_cols {
	int patient_id, episode_id, clinic, modality, setting, start_date,
	    end_date, end_reason, primary_substance, sex, birth_year,
	    referral_date;
	bool clinic_required;
};

/*
 * One validated episode.  Strings point into the record (rd_episode_parse)
 * or into the table (rd_episodes_*).  Codes are indexes into the lists of
 * codes.h, -1 when empty; end is RD_NO_DATE while ongoing; birth_year 0
 * when unknown; referral RD_NO_DATE when not given.  An episode referred
 * but not started (empty start_date, allowed only with a referral_date)
 * has start RD_NOT_STARTED, a day after every other, so that every
 * "started by as-of" test leaves it out and no dated row attaches to it.
 */
#define RD_NOT_STARTED INT_MAX
struct rd_episode {
	const char *patient_id, *episode_id, *clinic;
	int modality, setting, end_reason, primary_substance, sex;
	int start, end;
	int referral;
	int birth_year;
	size_t row;		/* 0-based position in its file */
};

/*
 * Finds the episode columns; patient_id, episode_id, modality and
 * start_date are always required (exit 2 when missing), clinic when
 * need_clinic.
 */
void rd_episode_cols(const struct rd_reader *, struct rd_episode_cols *, bool need_clinic);
/* Validates one row (rejecting it through rd_reject when bad). */
bool rd_episode_parse(struct rd_reader *, const struct rd_record *,
    const struct rd_episode_cols *, struct rd_episode *);
/*
 * e's strings (patient_id, episode_id, clinic) pointing into rec, as
 * rd_episode_parse sets them: for a row parsed in another thread whose
 * record is rebuilt from staged bytes.
 */
void rd_episode_strings(const struct rd_record *, const struct rd_episode_cols *,
    struct rd_episode *);
/* "0-17", "18-24", "25-64", "65+" at the start date, or "" when unknown. */
const char *rd_age_group(const struct rd_episode *);

/* All episodes of a file, in memory, grouped by patient. */
struct rd_episodes;
/*
 * Reads and validates a whole episodes file (every bad row is fatal, as
 * for any secondary input); episode_id must be unique in the file.  With
 * more than one thread (par.h) the rows are parsed and validated in
 * reading threads and added to the table in input order in the calling
 * thread: the same table, messages and rejects as one thread.
 */
struct rd_episodes *rd_episodes_load(const char *path, bool need_clinic);
/*
 * The same with the caller's work on every row in two steps, so that
 * the calling thread gets only what the caller needs of each row
 * (outcome-report --by): cols(ctx, r) once after the header is read (to
 * find more columns); stage(ctx, rec, e, out, cap), in the thread that
 * parsed the row, puts the caller's bytes of the row in out and returns
 * their length (when that is over cap, out is left and stage is called
 * again with room for them), reading only rec, e and what cols set;
 * take(ctx, e, bytes, len), in the calling thread in input order, gets
 * them for every episode as it is added (e is the table's copy).  Any
 * of the three may be NULL (stage: no bytes).
 */
struct rd_episode_hooks {
	void (*cols)(void *ctx, const struct rd_reader *r);
	size_t (*stage)(const void *ctx, const struct rd_record *rec,
	    const struct rd_episode *e, char *out, size_t cap);
	void (*take)(void *ctx, const struct rd_episode *e, const char *bytes,
	    size_t len);
	void *ctx;
};
/*
 * lookups: whether the caller will look episodes up afterwards (by id,
 * by date or a patient's: rd_episodes_by_*, _of_patient, _prefetch).
 * Without, a file whose ids come in order (episode ids ascending, each
 * patient's rows together in ascending order, as extracts sorted by id
 * are) is loaded without the id tables, which only such lookups and
 * rows out of order need: the tables were most of the loading's cache
 * misses and half its memory.  Patients are numbered the same either way.
 */
struct rd_episodes *rd_episodes_load_hooks(const char *path, bool need_clinic,
    const struct rd_episode_hooks *, bool lookups);
/*
 * The same from an open reader, not made strict: a tool whose primary
 * input is episodes (care-check) lets --rejects take its bad rows.
 */
struct rd_episodes *rd_episodes_read(struct rd_reader *, bool need_clinic);
void rd_episodes_free(struct rd_episodes *);
size_t rd_episodes_count(const struct rd_episodes *);
const struct rd_episode *rd_episodes_at(const struct rd_episodes *, size_t i);
/*
 * e->row of an episode of the table (rd_episodes_at, _by_id, _by_date)
 * without reading e: on rows in no order that read is a cache miss.
 */
size_t rd_episodes_row_of(const struct rd_episodes *, const struct rd_episode *e);
/* The episode with this id, or NULL. */
const struct rd_episode *rd_episodes_by_id(const struct rd_episodes *,
    const char *episode_id, size_t len);
/*
 * What attaching a row by its episode_id reads of the episode with this
 * id, from one small per-episode record instead of the episode and its
 * patient's id (two or three cache misses a row on input in no order):
 * false when there is no such episode, else its row, its start and end,
 * and whether it is the episode of patient (plen bytes).
 */
struct rd_episode_brief {
	size_t row;
	int start, end;
	bool own;
};
bool rd_episodes_by_id_brief(const struct rd_episodes *, const char *episode_id,
    size_t len, const char *patient, size_t plen, struct rd_episode_brief *);
/*
 * Starts fetching the memory that attaching a row reads first: the id's
 * line when the row has an episode_id (elen > 0), else its patient's slot.
 * Nothing else: a batch of rows calls it for each before attaching any.
 */
void rd_episodes_prefetch(const struct rd_episodes *, const char *episode_id,
    size_t elen, const char *patient_id, size_t plen);
/*
 * The episode of a patient that contains day (start <= day <= end, or
 * ongoing); when several do, the latest started wins.  NULL if none.
 */
const struct rd_episode *rd_episodes_by_date(const struct rd_episodes *,
    const char *patient_id, size_t len, int day);
/*
 * rd_episodes_by_date for n rows (n <= RD_EPISODES_BATCH) at once: row[i]
 * is the row of row i's episode (rd_episodes_row_of), -1 if none.  Each
 * step's memory (the patient's slot, where its episodes start, the
 * episodes) is fetched for all n rows before it is read, so that on rows
 * in no order their cache misses overlap instead of coming one by one.
 */
#define RD_EPISODES_BATCH 32
void rd_episodes_by_date_rows(const struct rd_episodes *, size_t n,
    const char *const *patient_id, const size_t *len, const int *day,
    long *row);
/*
 * Patients numbered 0 .. rd_episodes_patients() - 1; patient p has
 * rd_episodes_patient_size() episodes, whose rows (in row order) are
 * rd_episodes_patient_row(t, p, 0), (t, p, 1), ...
 */
size_t rd_episodes_patients(const struct rd_episodes *);
size_t rd_episodes_patient_size(const struct rd_episodes *, size_t p);
size_t rd_episodes_patient_row(const struct rd_episodes *, size_t p, size_t i);
/* The patient's episodes in start order (*n of them), or NULL. */
const struct rd_episode *const *rd_episodes_of_patient(const struct rd_episodes *,
    const char *patient_id, size_t len, size_t *n);

#endif
