#include "pseudo.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "idmap.h"

#define PSEUDO_BYTES (PSEUDO_HEX_LEN / 2)

struct pseudo {
	/*
	 * HMAC state right after keying: copying it saves hashing the two
	 * padded key blocks again for every value.
	 */
	crypto_auth_hmacsha256_state keyed;
	struct rd_idmap *cache;		/* value -> index into digest */
	unsigned char (*digest)[PSEUDO_BYTES];
	size_t digest_cap;
	size_t cache_max;
	struct pseudo_stats stats;
};

struct pseudo *
pseudo_new(const unsigned char *key, size_t keylen, size_t cache_max)
{
	struct pseudo *p = rd_calloc(1, sizeof *p);

	if (crypto_auth_hmacsha256_init(&p->keyed, key, keylen) != 0)
		rd_die(RD_EXIT_DATA, "HMAC-SHA256 initialisation failed");
	p->cache_max = cache_max;
	if (cache_max > 0)
		p->cache = rd_idmap_new();
	return p;
}

void
pseudo_free(struct pseudo *p)
{
	if (p == NULL)
		return;
	sodium_memzero(&p->keyed, sizeof p->keyed);
	rd_idmap_free(p->cache);
	free(p->digest);
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

/*
 * The cached digest of value, computing it when new.  A full cache is
 * emptied rather than evicted entry by entry: memory stays bounded, and
 * for extracts grouped or sorted by patient no policy does better.
 */
static const unsigned char *
cached(struct pseudo *p, const char *value, size_t len)
{
	size_t i = rd_idmap_find(p->cache, value, len);

	if (i != (size_t)-1) {
		p->stats.hits++;
		return p->digest[i];
	}
	if (rd_idmap_count(p->cache) >= p->cache_max) {
		rd_idmap_free(p->cache);
		p->cache = rd_idmap_new();
		p->stats.clears++;
	}
	i = rd_idmap_intern(p->cache, value, len, NULL);
	if (i >= p->digest_cap) {
		size_t cap = p->digest_cap > 0 ? 2 * p->digest_cap : 1024;

		if (cap > p->cache_max)
			cap = p->cache_max;
		p->digest = rd_realloc(p->digest, cap * sizeof *p->digest);
		p->digest_cap = cap;
	}
	compute(p, value, len, p->digest[i]);
	return p->digest[i];
}

void
pseudo_hex(struct pseudo *p, const char *value, size_t len,
    char out[PSEUDO_HEX_LEN])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char own[PSEUDO_BYTES];
	const unsigned char *d;

	if (p->cache != NULL && len <= PSEUDO_CACHE_MAX_VALUE)
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
	s->cached = p->cache != NULL ? rd_idmap_count(p->cache) : 0;
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

int
pseudo_scan(struct rd_natid *nid, const struct pseudo_plan *plan,
    const struct rd_record *rec, size_t *col, enum rd_natid_kind *kind)
{
	if (!plan->scan)
		return 0;
	for (size_t c = 0; c < rec->n && c < plan->n; c++) {
		size_t off;
		int rc;

		if (plan->action[c] != PSEUDO_KEEP)
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
			pseudo_hex(p, rec->f[c], rec->len[c], hex);
			rd_put(w, hex, sizeof hex);
			break;
		case PSEUDO_DROP:
			break;
		}
	}
	rd_end_row(w);
}
