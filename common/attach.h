/*
 * Attaching a dated row (a session, a planned item, a urine row, a goal)
 * to an episode of the loaded episode table: the one rule every tool that
 * reads episodes follows, and the one policy of what happens to a row
 * that fits no episode (the table in rusdata(7), EPISODES AND DATED ROWS).
 *
 * rd_attach() only looks: it returns a reason and never exits.  The
 * policy is in rd_attach_keep(): an attached row is kept; a row whose
 * episode_id names another patient's episode is a bad row (rd_reject:
 * fatal in strict mode and on secondary inputs, else a rejects-file
 * row); every other row is left out and counted in an rd_attach_note,
 * which rd_attach_note_print() turns into one line on stderr per file.
 * A row left out never makes a group, a week or a word of its own.
 */
#ifndef RD_ATTACH_H
#define RD_ATTACH_H

#include <stdbool.h>
#include <stddef.h>

#include "episodes.h"
#include "reader.h"

enum rd_attach_reason {
	RD_ATTACH_BY_ID,	/* episode_id names the patient's episode, date in it */
	RD_ATTACH_BY_DATE,	/* no episode_id; the latest started episode containing the date */
	RD_ATTACH_NO_EPISODE,	/* no episode_id; no episode of the patient contains the date */
	RD_ATTACH_UNKNOWN_ID,	/* episode_id is not in the table */
	RD_ATTACH_OTHER_PATIENT,	/* episode_id names another patient's episode */
	RD_ATTACH_OUTSIDE,	/* the named episode is the patient's; the date is not in it */
	RD_ATTACH_NREASONS
};

/*
 * The episode of a row of patient (plen bytes) with episode_id episode
 * (elen bytes, 0 when empty) dated day.  *ep is the episode when the
 * reason is BY_ID or BY_DATE, else NULL.  An episode contains the days
 * from its start to its end, both included, or from its start on while
 * it is ongoing.
 */
enum rd_attach_reason rd_attach(const struct rd_episodes *, const char *patient,
    size_t plen, const char *episode, size_t elen, int day,
    const struct rd_episode **ep);

/* Rows left out, by reason, and the input line of the first. */
struct rd_attach_note {
	unsigned long left_out[RD_ATTACH_NREASONS];
	long first_line;	/* 0 when none */
};

/*
 * The policy for a row whose reason is known: true when it is kept
 * (attached).  A left-out row is counted in note (line is its input
 * line).  RD_ATTACH_OTHER_PATIENT is not counted: the caller rejects the
 * row with rd_attach_reject, which needs the record.
 */
bool rd_attach_count(struct rd_attach_note *, enum rd_attach_reason, long line);
/* Rejects rec for naming another patient's episode (field episode_col). */
void rd_attach_reject(struct rd_reader *, const struct rd_record *rec,
    int episode_col);
/*
 * rd_attach_keep in two halves, for rows read in threads (par.h's
 * rd_par_stage): rd_attach_check, in the reading thread, is rd_attach and
 * rejects a row of another patient's episode there, in input order;
 * rd_attach_count, in the thread that collects, then counts the reason
 * and says whether the row is kept.
 */
enum rd_attach_reason rd_attach_check(const struct rd_episodes *,
    struct rd_reader *r, const struct rd_record *rec, int episode_col,
    const char *patient, size_t plen, const char *episode, size_t elen,
    int day, const struct rd_episode **ep);
/*
 * An attachment carried from the thread that reads a row to the one that
 * collects it, as staged bytes (par.h's rd_par_stage), so that the
 * episode is looked up once.  rd_attached_check, in the reading thread,
 * is rd_attach_check with the row's line; without episodes (NULL) the
 * row is BY_ID with no episode.  rd_attached_count, in the collecting
 * thread, is rd_attach_count: true when the row is kept (its episode's
 * row is a->ep, -1 without episodes); false when it is left out (counted
 * in note) or was rejected (OTHER_PATIENT, not counted).
 */
struct rd_attached {
	long line;
	long ep;		/* the episode's row in the table, -1: none */
	int reason;		/* enum rd_attach_reason */
	int unused;		/* zero: staged bytes are all defined */
};

struct rd_attached rd_attached_check(const struct rd_episodes *,
    struct rd_reader *r, const struct rd_record *rec, int episode_col,
    const char *patient, size_t plen, const char *episode, size_t elen,
    int day);
/*
 * rd_attached_check for n rows without an episode_id (n <= RD_EPISODES_BATCH;
 * line[i], patient[i], plen[i] and day[i] are row i's), attached by date
 * with their cache misses overlapped (rd_episodes_by_date_rows): a[i] is
 * what rd_attached_check gives for row i.  Nothing is rejected by date.
 */
void rd_attached_by_date_rows(const struct rd_episodes *, size_t n,
    const long *line, const char *const *patient, const size_t *plen,
    const int *day, struct rd_attached *a);
/*
 * The same for a tool that groups rows by episode: without episodes
 * (NULL) a row is kept by its episode_id alone, and a row without one
 * fits no episode (NO_EPISODE, counted as left out).
 */
struct rd_attached rd_attached_by_episode(const struct rd_episodes *,
    struct rd_reader *r, const struct rd_record *rec, int episode_col,
    const char *patient, size_t plen, const char *episode, size_t elen,
    int day);
/*
 * A dated row's attachment for a summary: by patient (rd_attached_check)
 * or, for one grouped by episode, rd_attached_by_episode; a row dated
 * after as_of is not looked up (by id, no episode: the adding leaves it
 * out uncounted), so that no row after as-of is rejected.
 */
struct rd_attached rd_attached_until(const struct rd_episodes *,
    bool by_episode, int as_of, struct rd_reader *, const struct rd_record *rec,
    int episode_col, const char *patient, size_t plen, const char *episode,
    size_t elen, int day);
bool rd_attached_count(struct rd_attach_note *, const struct rd_attached *);
/*
 * rd_attach, rd_attach_count and rd_attach_reject in one: the episode of
 * a row of reader r, or NULL when the row is left out (or was rejected
 * with --rejects; in strict mode a rejected row stops the tool).  *why,
 * when why is not NULL, gets the reason (RD_ATTACH_OTHER_PATIENT: the
 * row was rejected), for a tool that must forget what the row set up.
 */
const struct rd_episode *rd_attach_keep(const struct rd_episodes *,
    struct rd_attach_note *, struct rd_reader *r, const struct rd_record *rec,
    int episode_col, const char *patient, size_t plen, const char *episode,
    size_t elen, int day, enum rd_attach_reason *why);
/* Rows left out in all. */
unsigned long rd_attach_note_total(const struct rd_attach_note *);
/*
 * "tool: note: FILE: 3 rows fit no episode and were left out (the first
 * on line 4; 1 names an unknown episode, 1 is dated outside the episode
 * it names)"; nothing when no row was left out.  what is the singular
 * noun ("row", "goal", "planned item"); a plural adds "s".
 */
void rd_attach_note_print(const struct rd_attach_note *, const char *path,
    const char *what);

#endif
