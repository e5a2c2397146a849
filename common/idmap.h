/*
 * A hash table from identifier strings to dense indexes 0, 1, 2, ... in
 * order of first insertion: per-patient state lives in arrays indexed by
 * these numbers.  Keys are copied into an arena; nothing is ever removed.
 * Memory: about 24 bytes a key plus the key text.
 */
#ifndef RD_IDMAP_H
#define RD_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct rd_idmap;

struct rd_idmap *rd_idmap_new(void);
void rd_idmap_free(struct rd_idmap *);
/* Index of key, inserting it when new (*is_new says so when not NULL). */
size_t rd_idmap_intern(struct rd_idmap *, const char *key, size_t len, int *is_new);
/*
 * n keys interned in order, their indexes in index[]: the same indexes as
 * n calls of rd_idmap_intern, faster on keys in no order (the table slots
 * of RD_IDMAP_BATCH keys at a time are fetched from memory together).
 */
#define RD_IDMAP_BATCH 32
void rd_idmap_intern_batch(struct rd_idmap *, size_t n, const char *const *keys,
    const size_t *lens, uint32_t *index);
/*
 * Starts fetching from memory the slot where key is or would go, and
 * changes nothing: a caller with many keys to look up in no order asks
 * for several before looking them up, so their cache misses overlap.
 */
void rd_idmap_prefetch(const struct rd_idmap *, const char *key, size_t len);
/* Index of key or (size_t)-1. */
size_t rd_idmap_find(const struct rd_idmap *, const char *key, size_t len);
size_t rd_idmap_count(const struct rd_idmap *);
/* Room for n keys in all without growing (when the input tells how many). */
void rd_idmap_reserve(struct rd_idmap *, size_t n);
/*
 * Where the slots are (bytes from p), for faulting them in ahead in
 * another thread (episodes_load.c): only until the table next grows.
 */
void rd_idmap_slots(const struct rd_idmap *, void **p, size_t *bytes);
/* The key of an index (NUL-terminated, stable for the table's life). */
const char *rd_idmap_key(const struct rd_idmap *, size_t index);
uint64_t rd_hash_bytes(const void *data, size_t len);
/*
 * The hash an idmap gives key, computed where it costs least (in a
 * reading thread), and the lookups above given it: the same indexes,
 * the key's hashing left out.  hash must be rd_idmap_hash(key, len).
 */
uint32_t rd_idmap_hash(const char *key, size_t len);
void rd_idmap_prefetch_hash(const struct rd_idmap *, uint32_t hash);
size_t rd_idmap_intern_hash(struct rd_idmap *, const char *key, size_t len,
    uint32_t hash, int *is_new);

#endif
