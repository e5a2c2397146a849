#include "idmap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bigmem.h"
#include "diag.h"
#include "wordload.h"

/*
 * A slot holds the key itself when it is short (ids are: "p000001",
 * "u000001-1-001"), so a probe compares words in the slot instead of
 * following a pointer into the arena; 32 bytes, two to a cache line.
 */
#define INLINE_KEY 20
#define EMPTY 0

/* A short key as words (see prepare()). */
struct words {
	uint64_t a, b;
	uint32_t c;
} __attribute__((packed));

struct slot {
	uint32_t hash;
	uint32_t index;		/* the key's index + 1; EMPTY (0): an empty slot */
	uint32_t len;
	struct words w;		/* the key when len <= INLINE_KEY */
};

struct rd_idmap {
	struct slot *slots;
	size_t nslots;		/* power of two */
	char **keys;		/* by index */
	size_t nkeys, keys_cap;
	size_t last;		/* the index found last: rows come grouped */
	struct slot last_slot;	/* and its slot */
	struct rd_arena text;	/* the keys' bytes */
};

uint64_t
rd_hash_bytes(const void *data, size_t len)
{
	/*
	 * Eight bytes at a time, each word multiplied in, then a final mix:
	 * ids are short, so this is a few multiplications a key.
	 */
	const char *key = data;
	size_t i = 0;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (len * 0xff51afd7ed558ccdULL), w;

	for (; i + 8 <= len; i += 8) {
		w = rd_load64(key + i);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	w = rd_tail_word(key, len, i);	/* the rest, zero after it */
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/*
 * Slots of a large table on huge pages (bigmem.h), all empty: zero
 * bytes, so that no pass marks them and a table reserved for a large
 * input can be used while another thread faults its pages in.
 */
static struct slot *
alloc_slots(size_t n)
{
	return rd_big_zalloc(n * sizeof(struct slot));
}

static void
free_slots(struct slot *slots, size_t n)
{
	rd_big_free(slots, n * sizeof *slots);
}

struct rd_idmap *
rd_idmap_new(void)
{
	struct rd_idmap *m = rd_calloc(1, sizeof *m);

	m->nslots = 1024;
	m->last = (size_t)-1;
	m->slots = alloc_slots(m->nslots);
	return m;
}

void
rd_idmap_free(struct rd_idmap *m)
{
	if (m == NULL)
		return;
	rd_arena_free(&m->text);
	rd_big_free(m->keys, m->keys_cap * sizeof *m->keys);
	free_slots(m->slots, m->nslots);
	free(m);
}

/* Room for n keys in the array of keys (megabytes: on huge pages). */
static void
grow_keys(struct rd_idmap *m, size_t n)
{
	m->keys = rd_big_realloc(m->keys, m->keys_cap * sizeof *m->keys,
	    n * sizeof *m->keys);
	m->keys_cap = n;
}

/* The keys rehashed into n slots (a power of two over twice the keys). */
static void
grow_to(struct rd_idmap *m, size_t n)
{
	struct slot *slots = alloc_slots(n);

	for (size_t i = 0; i < m->nslots; i++) {
		if (m->slots[i].index == EMPTY)
			continue;
		size_t j = m->slots[i].hash & (n - 1);
		while (slots[j].index != EMPTY)
			j = (j + 1) & (n - 1);
		slots[j] = m->slots[i];
	}
	free_slots(m->slots, m->nslots);
	m->slots = slots;
	m->nslots = n;
}

static void
grow(struct rd_idmap *m)
{
	grow_to(m, m->nslots * 2);
}

/*
 * A key being looked up.  A short key is also read as three words that
 * together with the length determine it (overlapping loads, no byte
 * loop), so that hashing it, comparing it with a slot and with the key
 * found last are a few word operations.
 */
struct probe_key {
	const char *key;
	size_t len;
	uint32_t hash;
	struct words w;
};

/*
 * The words of a short key (hash left for hash_words(), which a key equal
 * to the one found last never needs); a long key is hashed here.
 */
/* Inlined: they are most of a lookup of the key found last. */
static inline __attribute__((always_inline)) void
prepare(struct probe_key *k, const char *key, size_t len)
{
	struct words *w = &k->w;

	k->key = key;
	k->len = len;
	if (len > INLINE_KEY) {
		k->hash = (uint32_t)rd_hash_bytes(key, len);
		return;
	}
	w->b = 0;
	w->c = 0;
	if (len < 4)
		w->a = len == 0 ? 0 : (uint64_t)(unsigned char)key[0] |
		    (uint64_t)(unsigned char)key[len / 2] << 8 |
		    (uint64_t)(unsigned char)key[len - 1] << 16;
	else if (len <= 8)
		w->a = rd_load32(key) | (uint64_t)rd_load32(key + len - 4) << 32;
	else if (len <= 16) {
		w->a = rd_load64(key);
		w->b = rd_load64(key + len - 8);
	} else {
		w->a = rd_load64(key);
		w->b = rd_load64(key + 8);
		w->c = rd_load32(key + len - 4);
	}
}

/* The hash of a short key, from its words. */
static void
hash_words(struct probe_key *k)
{
	const struct words *w = &k->w;

	if (k->len > INLINE_KEY)
		return;
	uint64_t h = (w->a ^ 0x9e3779b97f4a7c15ULL) * 0xff51afd7ed558ccdULL;
	h = (h ^ (h >> 29) ^ w->b) * 0xc4ceb9fe1a85ec53ULL;
	h = (h ^ (h >> 32) ^ ((uint64_t)w->c << 8) ^ k->len) * 0xff51afd7ed558ccdULL;
	k->hash = (uint32_t)(h >> 32);
}

static inline int
same_words(const struct words *x, const struct words *y)
{
	return x->a == y->a && x->b == y->b && x->c == y->c;
}

static int
slot_is(const struct rd_idmap *m, const struct slot *s, const struct probe_key *k)
{
	if (s->hash != k->hash || s->len != k->len)
		return 0;
	if (k->len <= INLINE_KEY)
		return same_words(&s->w, &k->w);
	return memcmp(m->keys[s->index - 1], k->key, k->len) == 0;
}

static size_t
probe(const struct rd_idmap *m, const struct probe_key *k)
{
	size_t j = k->hash & (m->nslots - 1);

	while (m->slots[j].index != EMPTY) {
		if (slot_is(m, &m->slots[j], k))
			return j;
		j = (j + 1) & (m->nslots - 1);
	}
	return j;
}

/*
 * Whether k is the key found last (rows of one patient come together):
 * for a short key its words, before any hashing, so that a row of the
 * same patient as the row before costs a few loads and compares.
 */
static inline __attribute__((always_inline)) int
is_last(const struct rd_idmap *m, const struct probe_key *k)
{
	if (m->last == (size_t)-1 || m->last_slot.len != k->len)
		return 0;
	if (k->len <= INLINE_KEY)
		return same_words(&m->last_slot.w, &k->w);
	return slot_is(m, &m->last_slot, k);
}

size_t
rd_idmap_find(const struct rd_idmap *m, const char *key, size_t len)
{
	struct probe_key k;

	prepare(&k, key, len);
	if (is_last(m, &k))
		return m->last;
	hash_words(&k);
	size_t j = probe(m, &k);

	return m->slots[j].index == EMPTY ? (size_t)-1 : m->slots[j].index - 1;
}

void
rd_idmap_prefetch(const struct rd_idmap *m, const char *key, size_t len)
{
	struct probe_key k;

	prepare(&k, key, len);
	if (is_last(m, &k))
		return;
	hash_words(&k);
	__builtin_prefetch(&m->slots[k.hash & (m->nslots - 1)]);
}

/* The key of k, already prepared and hashed, interned: its index. */
static size_t
intern_hashed(struct rd_idmap *m, const struct probe_key *k, int *is_new)
{
	size_t j = probe(m, k);

	if (m->slots[j].index != EMPTY) {
		*is_new = 0;
		m->last_slot = m->slots[j];
		return m->last = m->slots[j].index - 1;
	}
	if (m->nkeys >= UINT32_MAX || k->len > UINT32_MAX)
		rd_die(RD_EXIT_DATA, "out of memory: more than %lu keys",
		    (unsigned long)UINT32_MAX - 1);
	if (m->nkeys == m->keys_cap)
		grow_keys(m, m->keys_cap ? 2 * m->keys_cap : 1024);
	m->keys[m->nkeys] = rd_arena_copy(&m->text, k->key, k->len);
	/*
	 * The slot made here and stored twice: last_slot copied from the
	 * slot just stored field by field was a wide load over four narrow
	 * stores, which the processor cannot forward, half of this function.
	 */
	struct slot made = { k->hash, (uint32_t)m->nkeys + 1, (uint32_t)k->len, k->w };

	m->slots[j] = made;
	m->last_slot = made;
	m->last = m->nkeys++;
	*is_new = 1;
	if (2 * m->nkeys > m->nslots)
		grow(m);
	return m->last;
}

/*
 * rd_idmap_intern, with the key's hash when the caller made it (hash not
 * NULL), else made here once the key is not the one found last.
 */
static inline __attribute__((always_inline)) size_t
intern_key(struct rd_idmap *m, const char *key, size_t len, const uint32_t *hash,
    int *is_new)
{
	struct probe_key k;
	int dummy;

	prepare(&k, key, len);
	if (is_new == NULL)
		is_new = &dummy;
	if (is_last(m, &k)) {
		*is_new = 0;
		return m->last;
	}
	if (hash != NULL)
		k.hash = *hash;
	else
		hash_words(&k);
	return intern_hashed(m, &k, is_new);
}

size_t
rd_idmap_intern(struct rd_idmap *m, const char *key, size_t len, int *is_new)
{
	return intern_key(m, key, len, NULL, is_new);
}

uint32_t
rd_idmap_hash(const char *key, size_t len)
{
	struct probe_key k;

	prepare(&k, key, len);
	hash_words(&k);
	return k.hash;
}

void
rd_idmap_prefetch_hash(const struct rd_idmap *m, uint32_t hash)
{
	__builtin_prefetch(&m->slots[hash & (m->nslots - 1)]);
}

size_t
rd_idmap_intern_hash(struct rd_idmap *m, const char *key, size_t len,
    uint32_t hash, int *is_new)
{
	return intern_key(m, key, len, &hash, is_new);
}

/* Whether key b is key a (both prepared). */
static bool
same_key(const struct probe_key *a, const struct probe_key *b)
{
	if (a->len != b->len)
		return false;
	if (a->len <= INLINE_KEY)
		return same_words(&a->w, &b->w);
	return memcmp(a->key, b->key, a->len) == 0;
}

/*
 * Two passes over a batch: hash every key that differs from the one
 * before it and prefetch its home slot, then intern them in order.  On
 * input not grouped by key nearly every key is a cache (and TLB) miss in
 * a table of megabytes; the first pass lets those misses overlap instead
 * of paying them one after the other.  A key equal to the one before it
 * (grouped input) is neither hashed nor prefetched, as in rd_idmap_intern.
 */
static void
intern_batch(struct rd_idmap *m, size_t n, const char *const *keys,
    const size_t *lens, uint32_t *index)
{
	struct probe_key k[RD_IDMAP_BATCH];
	bool repeat[RD_IDMAP_BATCH];
	int is_new;

	for (size_t i = 0; i < n; i++) {
		prepare(&k[i], keys[i], lens[i]);
		repeat[i] = i > 0 ? same_key(&k[i], &k[i - 1]) : is_last(m, &k[i]);
		if (repeat[i])
			continue;
		hash_words(&k[i]);
		__builtin_prefetch(&m->slots[k[i].hash & (m->nslots - 1)]);
	}
	for (size_t i = 0; i < n; i++)
		index[i] = (uint32_t)(repeat[i] ? m->last :
		    intern_hashed(m, &k[i], &is_new));
}

void
rd_idmap_intern_batch(struct rd_idmap *m, size_t n, const char *const *keys,
    const size_t *lens, uint32_t *index)
{
	for (size_t i = 0; i < n; i += RD_IDMAP_BATCH)
		intern_batch(m, n - i < RD_IDMAP_BATCH ? n - i : RD_IDMAP_BATCH,
		    keys + i, lens + i, index + i);
}

void
rd_idmap_slots(const struct rd_idmap *m, void **p, size_t *bytes)
{
	*p = m->slots;
	*bytes = m->nslots * sizeof *m->slots;
}

void
rd_idmap_reserve(struct rd_idmap *m, size_t n)
{
	size_t k = m->nslots;

	while (2 * n > k)
		k *= 2;
	/* At once: doubling step by step touched twice the final table. */
	if (k > m->nslots)
		grow_to(m, k);
	/* The keys' array too: each doubling copied it to new pages. */
	if (n > m->keys_cap)
		grow_keys(m, n);
}

size_t
rd_idmap_count(const struct rd_idmap *m)
{
	return m->nkeys;
}

const char *
rd_idmap_key(const struct rd_idmap *m, size_t index)
{
	return m->keys[index];
}
