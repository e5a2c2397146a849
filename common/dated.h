/*
 * The dated rows of outcome-report's and care-check's --sessions and
 * --urine, and of urine-track's summaries, on every core: rows are
 * parsed, checked and attached to their episodes (rd_attach_check: a row
 * of another patient's episode is rejected there, in input order) in the
 * chunk threads of par.h's rd_par_stage, then taken in input order in the
 * calling thread, which counts the left-out rows in note
 * (rd_attach_count), so that what it builds, the notes and the messages
 * are those of one thread, byte for byte.  With one thread, one row loop
 * does the same.
 *
 * Sessions: fn(arg, row, ep) is called for every good row dated by as_of
 * that is not rejected: ep is its episode's row (rd_episodes_at), or
 * RD_DATED_NONE when it fits none (counted in note).  Without episodes
 * (NULL) nothing is attached: ep is RD_DATED_NONE for every row.  A row
 * number, not the episode: on input in no order, reading a 72-byte
 * episode a row only to find its row was a cache miss a row in the
 * calling thread.  A session's topic and staff_id are NULL
 * (rd_session_unstage).
 */
#ifndef RD_DATED_H
#define RD_DATED_H

#include "arena.h"
#include "attach.h"
#include "collect.h"
#include "episodes.h"
#include "reader.h"
#include "sessions.h"
#include "urine.h"

#define RD_DATED_NONE ((size_t)-1)
typedef void rd_dated_session_fn(void *arg, const struct rd_session *, size_t ep);

void rd_dated_sessions(struct rd_reader *, const struct rd_episodes *,
    int as_of, struct rd_attach_note *, rd_dated_session_fn *, void *arg);

/*
 * Sessions, for a tool that keeps per episode row only each session's
 * event (rd_session_event) of the episodes whose bit is set in keep (as
 * rd_dated_urine_obs has it; NULL: every episode): each good session
 * dated by as_of that fits such an episode is added to events with its
 * episode row as its unit, in input order; a row that fits none is
 * counted in note; the same as rd_dated_sessions with a function that
 * keeps those events.  The reading threads make the event and leave out
 * the rows of episodes not kept, so that the calling thread copies 16
 * bytes a row.  The episodes (not NULL) and keep are read by the reading
 * threads: they must not change meanwhile.
 */
void rd_dated_session_events(struct rd_reader *, const struct rd_episodes *,
    int as_of, struct rd_attach_note *, const uint64_t *keep,
    struct rd_collect *events);

/*
 * Urine rows, for a tool that keeps per episode row only the observation
 * of each row (rd_urine_obs_fill with rx, a long sample_id copied into
 * long_ids) of the episodes whose bit is set in keep (episode row e: bit
 * e % 64 of keep[e / 64]; keep NULL: every episode): each good row dated
 * by as_of that fits such an episode is added to rows with its episode
 * row as its unit, in input order; a row that fits none is counted in
 * note.  The reading threads make the observation, attach rows without
 * an episode_id by date in batches (attach.h's rd_attached_by_date_rows)
 * and leave out the rows of episodes not kept, so that the calling thread
 * only copies 28 bytes a kept row into rows (the patient_id too when
 * keyed).
 * Without episodes (NULL) every row is kept, in rows keyed by its
 * patient_id (collect.h's rd_collect_keyed; flush rows after), keep unused.
 * rx, keep and the episodes are read by the reading threads: they must
 * not change meanwhile.
 */
void rd_dated_urine_obs(struct rd_reader *, const struct rd_episodes *,
    int as_of, struct rd_attach_note *, const struct rd_prescribed *rx,
    const uint64_t *keep, struct rd_collect *rows,
    struct rd_arena *long_ids);

#endif
