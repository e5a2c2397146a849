/*
 * pseudonymize's row logic: keyed pseudonyms with a bounded cache, the
 * plan of which input columns are hashed, dropped or kept, and the scan of
 * the kept columns for national identity numbers.
 *
 * A pseudonym is HMAC-SHA256(key, value) over the value's bytes exactly as
 * read (UTF-8, no quoting), cut to its first 16 bytes and written as 32
 * lower-case hex digits.  It depends on the key and the value only, never
 * on the column or the file, so extracts made with one key can be joined.
 */
#ifndef PSEUDO_H
#define PSEUDO_H

#include <stdbool.h>
#include <stddef.h>

#include "natid.h"
#include "reader.h"
#include "writer.h"

#define PSEUDO_HEX_LEN		32
#define PSEUDO_DEFAULT_CACHE	20000
/* Longer values are hashed every time, so the cache's memory stays bounded. */
#define PSEUDO_CACHE_MAX_VALUE	64
/* Most entries the cache can index (its arena uses 32-bit offsets). */
#define PSEUDO_CACHE_LIMIT	50000000

struct pseudo;

/*
 * A pseudonym maker for key (any length; libsodium hashes keys longer than
 * 64 bytes, as RFC 2104 says).  cache_max distinct values are remembered;
 * when the cache is full and a new value comes, it is emptied and starts
 * again.  0 turns the cache off; more than PSEUDO_CACHE_LIMIT counts as
 * that limit.  Memory: about 27 bytes an entry plus the value, plus 8 to
 * 16 bytes of table.
 */
struct pseudo *pseudo_new(const unsigned char *key, size_t keylen,
    size_t cache_max);
/*
 * A pseudo maker with proto's key and its own empty cache of cache_max
 * values, for another thread: makers share nothing after this call.
 */
struct pseudo *pseudo_clone(const struct pseudo *proto, size_t cache_max);
void pseudo_free(struct pseudo *);
/* Writes the 32 hex digits of value's pseudonym to out (no NUL). */
void pseudo_hex(struct pseudo *, const char *value, size_t len,
    char out[PSEUDO_HEX_LEN]);

struct pseudo_stats {
	unsigned long computed;	/* HMACs computed */
	unsigned long hits;	/* values answered from the cache */
	unsigned long clears;	/* times the full cache was emptied */
	size_t cached;		/* values in the cache now */
};
void pseudo_get_stats(const struct pseudo *, struct pseudo_stats *);

/* A list of column names from --columns or --drop (repeatable). */
struct pseudo_names {
	char **name;
	size_t n;
};

/*
 * Adds the comma-separated names in arg to list.  Returns NULL, or a
 * message saying what is wrong (an empty name).
 */
const char *pseudo_names_add(struct pseudo_names *, const char *arg);
void pseudo_names_free(struct pseudo_names *);
/* The first name in both lists, or NULL. */
const char *pseudo_names_overlap(const struct pseudo_names *,
    const struct pseudo_names *);

enum pseudo_action { PSEUDO_KEEP, PSEUDO_HASH, PSEUDO_DROP };

/* What happens to each input column. */
struct pseudo_plan {
	size_t n;			/* input columns */
	enum pseudo_action *action;	/* by input column */
	bool scan;			/* scan kept columns for national IDs */
};

/*
 * Builds the plan for an input header.  Returns NULL, or (plan untouched)
 * the first name the header lacks, with *which set to "--columns" or
 * "--drop".
 */
const char *pseudo_plan_build(struct pseudo_plan *, const struct rd_record *header,
    const struct pseudo_names *hash, const struct pseudo_names *drop,
    bool scan, const char **which);
void pseudo_plan_free(struct pseudo_plan *);

/*
 * False when s cannot hold a number natid.h detects: every spelling it
 * lists starts with six ASCII digits and is at least ten bytes long.
 * Most fields (codes, dates, names) fail this test, and it is far cheaper
 * than a PCRE2 call; test_pseudonymize holds it to rd_natid_scan.
 */
bool pseudo_may_hold_natid(const char *s, size_t len);
/*
 * Scans the fields of rec that plan keeps as they are (hashed and dropped
 * ones never reach the output).  Returns 1 with *col (0-based) and *kind
 * of the first national identity number, 0 if there is none (or scanning
 * is off), -1 if PCRE2 failed on field *col.
 */
/*
 * Whether a column to pseudonymize or drop holds a line break (its index in
 * *col): such a value is most likely a stray quote's field that swallowed
 * whole rows, which a pseudonym or a dropped column would hide.
 */
bool pseudo_line_break(const struct pseudo_plan *, const struct rd_record *rec,
    size_t *col);
int pseudo_scan(struct rd_natid *, const struct pseudo_plan *,
    const struct rd_record *rec, size_t *col, enum rd_natid_kind *kind);

/* The header without the dropped columns. */
void pseudo_write_header(struct rd_writer *, const struct pseudo_plan *,
    const struct rd_record *header);
/* One row: kept fields as they are, hashed ones replaced (empty stays empty). */
void pseudo_write_row(struct rd_writer *, struct pseudo *,
    const struct pseudo_plan *, const struct rd_record *rec);

#endif
