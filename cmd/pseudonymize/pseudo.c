#include "pseudo.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "idmap.h"

#define PSEUDO_BYTES (PSEUDO_HEX_LEN / 2)

/*
 * The cache is an open-addressing table of 8-byte slots over an arena of
 * entries: digest (16 bytes), value length (1 byte), value.  A lookup
 * touches one slot and one entry, and an entry costs about 27 bytes plus
 * the value.  Offsets are 32 bits, which bounds the arena to 4 GiB and so
 * --cache to PSEUDO_CACHE_LIMIT entries.
 */
#define ENTRY_HEAD (PSEUDO_BYTES + 1)

struct slot {
	uint32_t hash;
	uint32_t off;		/* offset + 1 of the entry in the arena; 0: empty */
};

struct pseudo {
	/*
	 * HMAC state right after keying: copying it saves hashing the two
	 * padded key blocks again for every value.
	 */
	crypto_auth_hmacsha256_state keyed;
	struct slot *slots;
	size_t nslots;		/* a power of two, or 0 without a cache */
	size_t count;
	size_t cache_max;
	unsigned char *arena;
	size_t arena_used, arena_cap;
	struct pseudo_stats stats;
	struct memo *memo;	/* by input column: its last value's pseudonym */
	size_t nmemo;
};

/* A column's last value and pseudonym (len SIZE_MAX: none). */
struct memo {
	size_t len;
	char value[PSEUDO_CACHE_MAX_VALUE];
	char hex[PSEUDO_HEX_LEN];
};

struct pseudo *
pseudo_new(const unsigned char *key, size_t keylen, size_t cache_max)
{
	struct pseudo *p;
	struct pseudo keyed;

	if (crypto_auth_hmacsha256_init(&keyed.keyed, key, keylen) != 0)
		rd_die(RD_EXIT_DATA, "HMAC-SHA256 initialisation failed");
	p = pseudo_clone(&keyed, cache_max);
	sodium_memzero(&keyed.keyed, sizeof keyed.keyed);
	return p;
}

struct pseudo *
pseudo_clone(const struct pseudo *proto, size_t cache_max)
{
	struct pseudo *p = rd_calloc(1, sizeof *p);

	p->keyed = proto->keyed;
	if (cache_max > PSEUDO_CACHE_LIMIT)
		cache_max = PSEUDO_CACHE_LIMIT;
	p->cache_max = cache_max;
	if (cache_max > 0) {
		p->nslots = 1024;
		p->slots = rd_calloc(p->nslots, sizeof *p->slots);
	}
	return p;
}

void
pseudo_free(struct pseudo *p)
{
	if (p == NULL)
		return;
	sodium_memzero(&p->keyed, sizeof p->keyed);
	free(p->memo);
	free(p->slots);
	free(p->arena);
	free(p);
}

static void
compute(struct pseudo *p, const char *value, size_t len,
    unsigned char out[PSEUDO_BYTES])
{
	crypto_auth_hmacsha256_state st = p->keyed;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_update(&st, (const unsigned char *)value, len);
	crypto_auth_hmacsha256_final(&st, mac);
	memcpy(out, mac, PSEUDO_BYTES);
	p->stats.computed++;
}

static size_t
find_slot(const struct pseudo *p, const char *value, size_t len, uint32_t h)
{
	size_t mask = p->nslots - 1, j = h & mask;

	for (; p->slots[j].off != 0; j = (j + 1) & mask) {
		const unsigned char *e = p->arena + p->slots[j].off - 1;

		if (p->slots[j].hash == h && e[PSEUDO_BYTES] == len &&
		    memcmp(e + ENTRY_HEAD, value, len) == 0)
			break;
	}
	return j;
}

static void
grow_slots(struct pseudo *p)
{
	size_t n = 2 * p->nslots, mask = n - 1;
	struct slot *slots = rd_calloc(n, sizeof *slots);

	for (size_t i = 0; i < p->nslots; i++) {
		size_t j;

		if (p->slots[i].off == 0)
			continue;
		for (j = p->slots[i].hash & mask; slots[j].off != 0; j = (j + 1) & mask)
			;
		slots[j] = p->slots[i];
	}
	free(p->slots);
	p->slots = slots;
	p->nslots = n;
}

/* Room for one more entry of len bytes; the arena never outgrows a full cache. */
static void
reserve(struct pseudo *p, size_t len)
{
	size_t need = p->arena_used + ENTRY_HEAD + len, cap;

	if (need <= p->arena_cap)
		return;
	cap = p->arena_cap > 0 ? 2 * p->arena_cap : 64 * 1024;
	if (cap > p->cache_max * (ENTRY_HEAD + PSEUDO_CACHE_MAX_VALUE))
		cap = p->cache_max * (ENTRY_HEAD + PSEUDO_CACHE_MAX_VALUE);
	if (cap < need)
		cap = need;
	p->arena = rd_realloc(p->arena, cap);
	p->arena_cap = cap;
}

/*
 * The cached digest of value, computing it when new.  A full cache is
 * emptied rather than evicted entry by entry: memory stays bounded, the
 * work is a memset, and for extracts grouped or sorted by patient no
 * policy does better.
 */
static const unsigned char *
cached(struct pseudo *p, const char *value, size_t len)
{
	uint32_t h = (uint32_t)rd_hash_bytes(value, len);
	size_t j = find_slot(p, value, len, h);
	unsigned char *e;

	if (p->slots[j].off != 0) {
		p->stats.hits++;
		return p->arena + p->slots[j].off - 1;
	}
	if (p->count >= p->cache_max) {
		memset(p->slots, 0, p->nslots * sizeof *p->slots);
		p->count = 0;
		p->arena_used = 0;
		p->stats.clears++;
		j = h & (p->nslots - 1);
	}
	reserve(p, len);
	e = p->arena + p->arena_used;
	e[PSEUDO_BYTES] = (unsigned char)len;
	memcpy(e + ENTRY_HEAD, value, len);
	compute(p, value, len, e);
	p->slots[j].hash = h;
	p->slots[j].off = (uint32_t)(p->arena_used + 1);
	p->arena_used += ENTRY_HEAD + len;
	if (2 * ++p->count > p->nslots)
		grow_slots(p);
	return e;
}

void
pseudo_hex(struct pseudo *p, const char *value, size_t len,
    char out[PSEUDO_HEX_LEN])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char own[PSEUDO_BYTES];
	const unsigned char *d;

	if (p->cache_max > 0 && len <= PSEUDO_CACHE_MAX_VALUE)
		d = cached(p, value, len);
	else {
		compute(p, value, len, own);
		d = own;
	}
	for (size_t i = 0; i < PSEUDO_BYTES; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
}

void
pseudo_get_stats(const struct pseudo *p, struct pseudo_stats *s)
{
	*s = p->stats;
	s->cached = p->count;
}

const char *
pseudo_names_add(struct pseudo_names *list, const char *arg)
{
	const char *p = arg;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);

		if (len == 0)
			return "has an empty column name (names are separated by single commas)";
		list->name = rd_realloc(list->name, (list->n + 1) * sizeof *list->name);
		list->name[list->n++] = rd_strndup(p, len);
		if (comma == NULL)
			return NULL;
		p = comma + 1;
	}
}

void
pseudo_names_free(struct pseudo_names *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->name[i]);
	free(list->name);
	list->name = NULL;
	list->n = 0;
}

const char *
pseudo_names_overlap(const struct pseudo_names *a, const struct pseudo_names *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (strcmp(a->name[i], b->name[j]) == 0)
				return a->name[i];
	return NULL;
}

/* Marks the columns named in list; the first name header lacks, or NULL. */
static const char *
mark(enum pseudo_action *action, const struct rd_record *header,
    const struct pseudo_names *list, enum pseudo_action what)
{
	for (size_t i = 0; i < list->n; i++) {
		size_t c;

		for (c = 0; c < header->n; c++)
			if (strcmp(header->f[c], list->name[i]) == 0)
				break;
		if (c == header->n)
			return list->name[i];
		action[c] = what;
	}
	return NULL;
}

const char *
pseudo_plan_build(struct pseudo_plan *plan, const struct rd_record *header,
    const struct pseudo_names *hash, const struct pseudo_names *drop,
    bool scan, const char **which)
{
	enum pseudo_action *action = rd_calloc(header->n, sizeof *action);
	const char *missing;

	for (size_t c = 0; c < header->n; c++)
		action[c] = PSEUDO_KEEP;
	if ((missing = mark(action, header, hash, PSEUDO_HASH)) != NULL)
		*which = "--columns";
	else if ((missing = mark(action, header, drop, PSEUDO_DROP)) != NULL)
		*which = "--drop";
	if (missing != NULL) {
		free(action);
		return missing;
	}
	plan->n = header->n;
	plan->action = action;
	plan->scan = scan;
	return NULL;
}

void
pseudo_plan_free(struct pseudo_plan *plan)
{
	free(plan->action);
	plan->action = NULL;
	plan->n = 0;
}

bool
pseudo_may_hold_natid(const char *s, size_t len)
{
	size_t run = 0;

	if (len < 10)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			run = 0;
		else if (++run == 6)
			return true;
	}
	return false;
}

bool
pseudo_line_break(const struct pseudo_plan *plan, const struct rd_record *rec,
    size_t *col)
{
	for (size_t c = 0; c < rec->n && c < plan->n; c++)
		if (plan->action[c] != PSEUDO_KEEP &&
		    (memchr(rec->f[c], '\n', rec->len[c]) != NULL ||
		    memchr(rec->f[c], '\r', rec->len[c]) != NULL)) {
			*col = c;
			return true;
		}
	return false;
}

int
pseudo_scan(struct rd_natid *nid, const struct pseudo_plan *plan,
    const struct rd_record *rec, size_t *col, enum rd_natid_kind *kind)
{
	if (!plan->scan)
		return 0;
	for (size_t c = 0; c < rec->n && c < plan->n; c++) {
		size_t off;
		int rc;

		if (plan->action[c] != PSEUDO_KEEP ||
		    !pseudo_may_hold_natid(rec->f[c], rec->len[c]))
			continue;
		rc = rd_natid_scan(nid, rec->f[c], rec->len[c], kind, &off);
		if (rc != 0) {
			*col = c;
			return rc;
		}
	}
	return 0;
}

void
pseudo_write_header(struct rd_writer *w, const struct pseudo_plan *plan,
    const struct rd_record *header)
{
	const char **names = rd_calloc(header->n, sizeof *names);
	size_t n = 0;

	for (size_t c = 0; c < header->n; c++)
		if (plan->action[c] != PSEUDO_DROP)
			names[n++] = header->f[c];
	rd_put_header(w, names, n);
	free(names);
}

/*
 * The pseudonym of a value of input column c: as pseudo_hex, but a value
 * equal to the column's last one (rows of one patient come together)
 * costs a compare instead of a cache lookup, a miss on a large cache.
 */
static void
column_hex(struct pseudo *p, size_t c, const char *value, size_t len,
    char out[PSEUDO_HEX_LEN])
{
	struct memo *m;

	if (c >= p->nmemo) {
		p->memo = rd_realloc(p->memo, (c + 1) * sizeof *p->memo);
		for (size_t i = p->nmemo; i <= c; i++)
			p->memo[i].len = SIZE_MAX;
		p->nmemo = c + 1;
	}
	m = &p->memo[c];
	if (m->len == len && memcmp(m->value, value, len) == 0) {
		p->stats.hits++;
		memcpy(out, m->hex, PSEUDO_HEX_LEN);
		return;
	}
	pseudo_hex(p, value, len, out);
	m->len = SIZE_MAX;
	if (len <= sizeof m->value) {
		memcpy(m->value, value, len);
		memcpy(m->hex, out, PSEUDO_HEX_LEN);
		m->len = len;
	}
}

void
pseudo_write_row(struct rd_writer *w, struct pseudo *p,
    const struct pseudo_plan *plan, const struct rd_record *rec)
{
	char hex[PSEUDO_HEX_LEN];

	for (size_t c = 0; c < rec->n; c++) {
		switch (plan->action[c]) {
		case PSEUDO_KEEP:
			rd_put(w, rec->f[c], rec->len[c]);
			break;
		case PSEUDO_HASH:
			/* Empty means unknown: a pseudonym would pretend a value. */
			if (rec->len[c] == 0) {
				rd_put_empty(w);
				break;
			}
			column_hex(p, c, rec->f[c], rec->len[c], hex);
			rd_put_clean(w, hex, sizeof hex);	/* hex digits */
			break;
		case PSEUDO_DROP:
			break;
		}
	}
	rd_end_row(w);
}
