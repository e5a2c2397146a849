/*
 * The insides of the table of episodes, shared by episodes.c (the
 * table's id lines, its lookups) and episodes_load.c (its loading on
 * every core).  Not for tools: they use episodes.h.
 *
 * Contract: a table's lines are made (lines_init) and grown
 * (grow_lines) only by the loading thread, before any other thread
 * looks one up; line_slot finds an id's line or the empty slot where it
 * goes, and set_line fills that slot.  Hot ones are static inline here.
 */
#ifndef RD_EPISODES_IMPL_H
#define RD_EPISODES_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "episodes.h"
#include "idmap.h"
#include "wordload.h"

/*
 * A patient's episodes as rd_episodes_by_date reads them, contiguous per
 * patient (in row order) and small: on input not grouped by patient every
 * lookup is a cache miss or two, not one a field of a 72-byte episode.
 */
struct dated_span {
	int start, end;
	uint32_t row;
};

/*
 * The episodes by id: open addressing, one 32-byte line a slot (16 MiB
 * for 228,571 episodes, in a 32 MiB L3) that holds the row, its days and,
 * when the two fit in LINE_KEY bytes, the id and the patient's id ("e000001-1"
 * and "p000001" do), so that a row of sessions or goals in no order finds
 * what attaching it needs with one cache miss (an id table's slot and
 * then a record by row were two).  Longer ids are compared with the
 * episode's own.
 */
#define LINE_KEY 18
struct id_line {
	uint32_t row1;		/* the row + 1; 0: an empty slot (see lines_init) */
	int start, end;
	uint8_t idlen, plen;	/* their lengths, up to 255 */
	char key[LINE_KEY];	/* the id, then the patient's id, when they fit */
};

struct ready;

/* Clinics copied once each, by a hash of their bytes (see clinic_copy). */
#define CLINIC_SEEN 64
#define CLINIC_SEEN_MAX 32

struct rd_episodes {
	struct rd_episode *ep;
	size_t n, cap;
	struct id_line *lines;		/* episode id -> row (see id_line) */
	size_t nlines;			/* power of two, over twice n */
	unsigned long serial;		/* new with every lines table */
	struct rd_arena ids;		/* the episode ids' and clinics' bytes */
	bool indexed;			/* lines and by_patient made (see read_rows) */
	size_t npatients;
	struct rd_idmap *by_patient;	/* patient id -> index p */
	uint32_t *patient_of;		/* by row: p, while reading */
	uint32_t *first;		/* p's episodes: spans[first[p], first[p + 1]) */
	struct dated_span *spans;
	const struct rd_episode **sorted;	/* scratch for rd_episodes_of_patient */
	size_t sorted_cap;
	const char *clinic_seen[CLINIC_SEEN];	/* see clinic_copy */
	struct ready *ready;		/* while loading, or NULL (see struct ready) */
};

static inline size_t
line_hash(const char *id, size_t len)
{
	return (size_t)(rd_hash_bytes(id, len) >> 32);
}

static inline uint8_t
len_byte(size_t len)
{
	return len > UINT8_MAX ? UINT8_MAX : (uint8_t)len;
}

static inline bool
line_inline(const struct id_line *l)
{
	return l->idlen + l->plen <= LINE_KEY;
}

/* s, NUL-terminated, is exactly b[0..len). */
static inline bool
same_str(const char *s, const char *b, size_t len)
{
	return memcmp(s, b, len) == 0 && s[len] == '\0';
}

static inline size_t
line_row(const struct id_line *l)
{
	return (size_t)l->row1 - 1;
}

static inline bool
line_is(const struct rd_episodes *t, const struct id_line *l, const char *id,
    size_t len)
{
	if (l->idlen != len_byte(len))
		return false;
	return line_inline(l) ? rd_same_short(l->key, id, len) :
	    same_str(t->ep[line_row(l)].episode_id, id, len);
}

/* The slot of id (hash: its line_hash): its line, or the empty slot where it goes. */
static inline size_t
line_slot(const struct rd_episodes *t, const char *id, size_t len, size_t hash)
{
	size_t mask = t->nlines - 1;

	for (size_t j = hash & mask;; j = (j + 1) & mask) {
		const struct id_line *l = &t->lines[j];

		if (l->row1 == 0 || line_is(t, l, id, len))
			return j;
	}
}

/*
 * Episode e (its row and patient set), whose id is new, in slot j
 * (line_slot); the key's bytes from id and patient, e's own strings'
 * bytes as read, not e's copies of them.  Written in place, and from
 * bytes stored long before: a load that spans stores still in the store
 * buffer (a copy made on the stack, or copies of variable length just
 * made) cannot take its bytes from there, and waited for every store
 * before it, the missing ones of the row included.
 */
static inline void
set_line(struct rd_episodes *t, size_t j, const struct rd_episode *e,
    const char *id, size_t idlen, const char *patient, size_t plen)
{
	struct id_line *l = &t->lines[j];

	l->start = e->start;
	l->end = e->end;
	l->idlen = len_byte(idlen);
	l->plen = len_byte(plen);
	if (line_inline(l)) {
		memcpy(l->key, id, idlen);
		memcpy(l->key + idlen, patient, plen);
		memset(l->key + idlen + plen, 0, LINE_KEY - idlen - plen);
	} else
		memset(l->key, 0, LINE_KEY);
	l->row1 = (uint32_t)(e->row + 1);
}

/* In episodes.c: t's lines, n (a power of two) empty slots; t's lines doubled. */
void lines_init(struct rd_episodes *t, size_t n);
void grow_lines(struct rd_episodes *t);

#endif
