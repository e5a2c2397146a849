#include "idmap.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"

#define ARENA_BLOCK (1 << 20)

struct slot {
	uint64_t hash;
	size_t index;		/* (size_t)-1: empty */
};

struct rd_idmap {
	struct slot *slots;
	size_t nslots;		/* power of two */
	char **keys;		/* by index */
	size_t nkeys, keys_cap;
	char **blocks;		/* arena blocks holding the key text */
	size_t nblocks;
	size_t block_used;
};

uint64_t
rd_hash_bytes(const void *data, size_t len)
{
	/* FNV-1a with a final mix: ids are short, this is fast and spreads well. */
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static void
clear_slots(struct slot *slots, size_t n)
{
	for (size_t i = 0; i < n; i++)
		slots[i].index = (size_t)-1;
}

struct rd_idmap *
rd_idmap_new(void)
{
	struct rd_idmap *m = rd_calloc(1, sizeof *m);

	m->nslots = 1024;
	m->slots = rd_malloc(m->nslots * sizeof *m->slots);
	clear_slots(m->slots, m->nslots);
	return m;
}

void
rd_idmap_free(struct rd_idmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	free(m->blocks);
	free(m->keys);
	free(m->slots);
	free(m);
}

static char *
arena_copy(struct rd_idmap *m, const char *key, size_t len)
{
	char *p;

	if (len + 1 > ARENA_BLOCK)
		p = rd_strndup(key, len);	/* its own block */
	else {
		if (m->nblocks == 0 || m->block_used + len + 1 > ARENA_BLOCK) {
			m->blocks = rd_realloc(m->blocks, (m->nblocks + 1) * sizeof *m->blocks);
			m->blocks[m->nblocks++] = rd_malloc(ARENA_BLOCK);
			m->block_used = 0;
		}
		p = m->blocks[m->nblocks - 1] + m->block_used;
		memcpy(p, key, len);
		p[len] = '\0';
		m->block_used += len + 1;
		return p;
	}
	m->blocks = rd_realloc(m->blocks, (m->nblocks + 1) * sizeof *m->blocks);
	/* Keep the current block last so that it goes on filling. */
	m->blocks[m->nblocks] = m->blocks[m->nblocks ? m->nblocks - 1 : 0];
	if (m->nblocks > 0)
		m->blocks[m->nblocks - 1] = p;
	else
		m->blocks[0] = p, m->block_used = ARENA_BLOCK;
	m->nblocks++;
	return p;
}

static void
grow(struct rd_idmap *m)
{
	size_t n = m->nslots * 2;
	struct slot *slots = rd_malloc(n * sizeof *slots);

	clear_slots(slots, n);
	for (size_t i = 0; i < m->nslots; i++) {
		if (m->slots[i].index == (size_t)-1)
			continue;
		size_t j = m->slots[i].hash & (n - 1);
		while (slots[j].index != (size_t)-1)
			j = (j + 1) & (n - 1);
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->nslots = n;
}

static size_t
probe(const struct rd_idmap *m, const char *key, size_t len, uint64_t h)
{
	size_t j = h & (m->nslots - 1);

	while (m->slots[j].index != (size_t)-1) {
		const char *k = m->keys[m->slots[j].index];
		if (m->slots[j].hash == h && strncmp(k, key, len) == 0 && k[len] == '\0')
			return j;
		j = (j + 1) & (m->nslots - 1);
	}
	return j;
}

size_t
rd_idmap_find(const struct rd_idmap *m, const char *key, size_t len)
{
	size_t j = probe(m, key, len, rd_hash_bytes(key, len));

	return m->slots[j].index;
}

size_t
rd_idmap_intern(struct rd_idmap *m, const char *key, size_t len, int *is_new)
{
	uint64_t h = rd_hash_bytes(key, len);
	size_t j = probe(m, key, len, h);

	if (m->slots[j].index != (size_t)-1) {
		if (is_new)
			*is_new = 0;
		return m->slots[j].index;
	}
	if (m->nkeys == m->keys_cap) {
		m->keys_cap = m->keys_cap ? 2 * m->keys_cap : 1024;
		m->keys = rd_realloc(m->keys, m->keys_cap * sizeof *m->keys);
	}
	m->keys[m->nkeys] = arena_copy(m, key, len);
	m->slots[j].hash = h;
	m->slots[j].index = m->nkeys++;
	if (is_new)
		*is_new = 1;
	if (2 * m->nkeys > m->nslots)
		grow(m);
	return m->nkeys - 1;
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
