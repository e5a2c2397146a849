/*
 * Observations and samples (urine.h): a validated row kept in 24 bytes,
 * the rows of a patient grouped into samples in date and sample_id order,
 * and a sample's status and positive names.
 */
#include "urine.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analytes.h"
#include "arena.h"
#include "codes.h"
#include "collect.h"
#include "diag.h"
#include "fields.h"
#include "idmap.h"
#include "map.h"
#include "rejects.h"
#include "wordload.h"
#include "wordsort.h"

/* A long sample_id's place in the observation: its copy, then its length. */
struct long_id {
	const char *text;
	uint32_t len;
} __attribute__((packed));

_Static_assert(sizeof(struct long_id) <= RD_SAMPLE_INLINE,
    "a long sample_id's reference fits where a short one goes");
_Static_assert(sizeof(struct rd_urine_obs) == 24, "observations stay 24 bytes");

void
rd_urine_obs_fill(struct rd_urine_obs *o, const struct rd_urine_row *u,
    const struct rd_prescribed *rx, struct rd_arena *long_ids)
{
	o->date = u->date;
	o->substance = (uint8_t)u->substance;
	o->result = (uint8_t)u->result;
	o->prescribed = rd_prescribed_excuses(rx, u->patient_id, u->patient_len,
	    u->date, u->substance, u->analyte);
	o->analyte = u->analyte < 0 ? RD_NO_ANALYTE : (uint8_t)u->analyte;
	/* Zero after the bytes: comparing the whole array compares the ids. */
	memset(o->sample_id, 0, sizeof o->sample_id);
	if (u->sample_len <= RD_SAMPLE_INLINE) {
		o->sample_len = (uint8_t)u->sample_len;
		if (u->sample_len > 0)
			memcpy(o->sample_id, u->sample_id, u->sample_len);
		return;
	}
	o->sample_len = RD_SAMPLE_LONG;
	if (long_ids != NULL)
		rd_urine_obs_long_id(o, u->sample_id, u->sample_len, long_ids);
}

void
rd_urine_obs_long_id(struct rd_urine_obs *o, const char *id, size_t len,
    struct rd_arena *long_ids)
{
	if (len > UINT32_MAX)
		rd_die(RD_EXIT_DATA, "a sample_id of more than 4 GB");
	struct long_id l = { rd_arena_copy(long_ids, id, len), (uint32_t)len };

	o->sample_len = RD_SAMPLE_LONG;
	memcpy(o->sample_id, &l, sizeof l);
}

const char *
rd_urine_obs_sample(const struct rd_urine_obs *o, size_t *len)
{
	struct long_id l;

	if (o->sample_len != RD_SAMPLE_LONG) {
		*len = o->sample_len;
		return o->sample_id;
	}
	memcpy(&l, o->sample_id, sizeof l);
	*len = l.len;
	return l.text;
}

/* A row that makes its sample positive: pos, and no prescription excuses it. */
static bool
counts_positive(const struct rd_urine_obs *o)
{
	return o->result == RD_POS && !o->prescribed;
}

enum rd_sample_status
rd_urine_sample_status(const struct rd_urine_obs *obs, size_t n,
    bool *prescribed_pos, uint16_t *positive_substances)
{
	bool pos = false, missing = false;

	*prescribed_pos = false;
	*positive_substances = 0;
	for (size_t i = 0; i < n; i++) {
		int res = obs[i].result;

		if (res == RD_MISSING || res == RD_REFUSED || res == RD_INVALID) {
			missing = true;
			continue;
		}
		if (res != RD_POS)
			continue;
		if (!counts_positive(&obs[i])) {
			*prescribed_pos = true;
			continue;
		}
		pos = true;
		*positive_substances |= (uint16_t)(1u << obs[i].substance);
	}
	if (pos)
		return RD_SAMPLE_POS;
	return missing ? RD_SAMPLE_MISSING : RD_SAMPLE_NEG;
}

/* Eight bytes as a number whose order is their byte order. */
static inline uint64_t
load_be64(const char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#elif !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_BIG_ENDIAN__
#error "byte order unknown"
#endif
	return v;
}

_Static_assert(RD_SAMPLE_INLINE == 15, "two overlapping words cover an inline id");

/* Byte order of two sample_ids, a prefix first. */
static int
cmp_sample_id(const struct rd_urine_obs *x, const struct rd_urine_obs *y)
{
	const char *a, *b;
	size_t alen, blen;
	int c;

	/*
	 * Short ids are zero-padded: two words (bytes 0-7, then 7-14, which
	 * decide when the first are equal), then the length.  memcmp is a
	 * call here, and this runs for every comparison of a group's sort.
	 */
	if (x->sample_len != RD_SAMPLE_LONG && y->sample_len != RD_SAMPLE_LONG) {
		uint64_t p = load_be64(x->sample_id), q = load_be64(y->sample_id);

		if (p == q) {
			p = load_be64(x->sample_id + 7);
			q = load_be64(y->sample_id + 7);
		}
		if (p != q)
			return p < q ? -1 : 1;
		return (int)x->sample_len - (int)y->sample_len;
	}
	a = rd_urine_obs_sample(x, &alen);
	b = rd_urine_obs_sample(y, &blen);
	c = memcmp(a, b, alen < blen ? alen : blen);
	if (c != 0 || alen == blen)
		return c;
	return alen < blen ? -1 : 1;
}

/* Rows without a sample_id group by date, before rows with one. */
static int
cmp_obs_group(const void *a, const void *b)
{
	const struct rd_urine_obs *x = a, *y = b;
	int c;

	if ((x->sample_len == 0) != (y->sample_len == 0))
		return x->sample_len == 0 ? -1 : 1;
	if (x->sample_len != 0 && (c = cmp_sample_id(x, y)) != 0)
		return c;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return 0;
}

/*
 * A group's rows in cmp_obs_group order: a merge sort with the comparison
 * inlined (qsort's indirect call per comparison was a fifth of --summary
 * on shuffled input), stable, and one comparison a row for rows already in
 * order (halves in order are not merged).  tmp has room for n / 2 rows.
 */
static void
sort_obs(struct rd_urine_obs *a, size_t n, struct rd_urine_obs *tmp)
{
	size_t half = n / 2, i, j, k;

	if (n <= 8) {
		for (i = 1; i < n; i++) {
			struct rd_urine_obs cur = a[i];

			for (j = i; j > 0 && cmp_obs_group(&a[j - 1], &cur) > 0; j--)
				a[j] = a[j - 1];
			a[j] = cur;
		}
		return;
	}
	sort_obs(a, half, tmp);
	sort_obs(a + half, n - half, tmp);
	if (cmp_obs_group(&a[half - 1], &a[half]) <= 0)
		return;
	memcpy(tmp, a, half * sizeof *a);
	for (i = 0, j = half, k = 0; i < half; k++) {
		if (j < n && cmp_obs_group(&a[j], &tmp[i]) < 0)
			a[k] = a[j++];
		else
			a[k] = tmp[i++];
	}
}

/*
 * A sort key a row that orders a group's rows exactly as cmp_obs_group,
 * when the group allows one: the rows without a sample_id first (bit 63
 * clear), then by the bytes of sample_id after those every sample_id of
 * the group shares (KEY_ID_BYTES of them at most: u000123-1-004 and
 * u000123-2-001 differ in 5), then by date (the low KEY_DATE_BITS, days
 * after the group's first).  Zero padding orders ids as their bytes do
 * when no id ends in a NUL byte (the reader takes none; checked all the
 * same).  False when the group allows no such key (a long sample_id, ids
 * that differ in more bytes, dates too far apart): then sort_obs.
 */
#define KEY_ID_BYTES 5
#define KEY_DATE_BITS 23

/* Bytes at the start of two inline sample_ids that are the same (15: all). */
static size_t
shared_bytes(const struct rd_urine_obs *x, const struct rd_urine_obs *y)
{
	uint64_t d = load_be64(x->sample_id) ^ load_be64(y->sample_id);

	if (d != 0)
		return (size_t)__builtin_clzll(d) / 8;
	d = load_be64(x->sample_id + 7) ^ load_be64(y->sample_id + 7);
	return d != 0 ? 7 + (size_t)__builtin_clzll(d) / 8 : RD_SAMPLE_INLINE;
}

/* What a group's rows allow a key of: their dates' range, their ids' bytes. */
struct key_span {
	int first, last;
	size_t shared, longest;	/* bytes every sample_id shares; the longest */
};

/* False for a long sample_id or one that ends in a NUL byte: no key. */
static bool
key_span(const struct rd_urine_obs *obs, size_t n, struct key_span *sp)
{
	const struct rd_urine_obs *ref = NULL;

	sp->shared = RD_SAMPLE_INLINE;
	sp->longest = 0;
	sp->first = sp->last = obs[0].date;
	for (size_t i = 0; i < n; i++) {
		const struct rd_urine_obs *o = &obs[i];

		sp->first = o->date < sp->first ? o->date : sp->first;
		sp->last = o->date > sp->last ? o->date : sp->last;
		if (o->sample_len == 0)
			continue;
		if (o->sample_len == RD_SAMPLE_LONG ||
		    o->sample_id[o->sample_len - 1] == '\0')
			return false;
		if (ref == NULL)
			ref = o;
		if (sp->shared > 0 && o != ref) {
			size_t s = shared_bytes(ref, o);

			sp->shared = s < sp->shared ? s : sp->shared;
		}
		sp->longest = o->sample_len > sp->longest ? o->sample_len :
		    sp->longest;
	}
	return true;
}

/* The bytes of o's sample_id after shared, w of them (1..8), as a number. */
static inline uint64_t
id_after(const struct rd_urine_obs *o, size_t shared, size_t w)
{
	char id[24] = { 0 };

	memcpy(id, o->sample_id, RD_SAMPLE_INLINE);
	return load_be64(id + shared) >> (64 - 8 * w);
}

static bool
obs_keys(const struct rd_urine_obs *obs, size_t n, const struct key_span *sp,
    uint64_t *keys)
{
	if ((long long)sp->last - sp->first >= 1LL << KEY_DATE_BITS ||
	    sp->longest > sp->shared + KEY_ID_BYTES)
		return false;
	for (size_t i = 0; i < n; i++) {
		keys[i] = (uint64_t)((long long)obs[i].date - sp->first);
		if (obs[i].sample_len != 0)
			keys[i] |= 1ULL << 63 | id_after(&obs[i], sp->shared,
			    KEY_ID_BYTES) << KEY_DATE_BITS;
	}
	return true;
}

_Static_assert(1 + 8 * KEY_ID_BYTES + KEY_DATE_BITS == 64, "a key is a word");

/*
 * Groups of up to PACKED_MAX rows are sorted in scratch on the stack, by
 * a key a row packed as tight as the group allows: the key of obs_keys
 * (sample_id or not, the bytes of sample_id after the shared ones, days
 * after the first) in as few bits as the group needs, then the row's
 * position.  Keys are then distinct, so a plain sort of words gives the
 * stable order, with no position to compare and no allocation: on
 * shuffled input, where every group is sorted, this halved the sort.
 * False when the key does not fit a word (then obs_keys or sort_obs).
 */
#define PACKED_MAX 512

static bool
sort_packed(struct rd_urine_obs *obs, size_t n, const struct key_span *sp)
{
	uint64_t keys[PACKED_MAX], tmp[PACKED_MAX / 2];
	struct rd_urine_obs rows[PACKED_MAX];
	size_t w = sp->longest > sp->shared ? sp->longest - sp->shared : 0;
	unsigned db = rd_bits_for((uint64_t)((long long)sp->last - sp->first));
	unsigned ib = rd_bits_for(n - 1), idb = 8 * (unsigned)w;

	if (n > PACKED_MAX || w > 8 || 1 + idb + db + ib > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		uint64_t k = (uint64_t)((long long)obs[i].date - sp->first);

		if (obs[i].sample_len != 0) {
			k |= 1ULL << (idb + db);
			if (w > 0)
				k |= id_after(&obs[i], sp->shared, w) << db;
		}
		keys[i] = k << ib | i;
	}
	rd_sort_words(keys, n, tmp);
	for (size_t i = 0; i < n; i++)
		rows[i] = obs[keys[i] & ((1ULL << ib) - 1)];
	memcpy(obs, rows, n * sizeof *obs);
	return true;
}

/* A group's rows in cmp_obs_group order, by key when they allow it. */
static void
sort_group(struct rd_urine_obs *obs, size_t n)
{
	struct key_span sp;
	struct rd_urine_obs small[32], *tmp;
	uint64_t *keys;
	bool spanned;
	size_t i = 1;

	/* In order already (input grouped by patient, by date): one pass. */
	while (i < n && cmp_obs_group(&obs[i - 1], &obs[i]) <= 0)
		i++;
	if (i >= n)
		return;
	spanned = key_span(obs, n, &sp);
	if (spanned && sort_packed(obs, n, &sp))
		return;
	keys = rd_malloc(n * sizeof *keys);
	if (spanned && obs_keys(obs, n, &sp, keys))
		rd_collect_sort_keys(obs, n, sizeof *obs, keys);
	else {
		tmp = n / 2 <= 32 ? small : rd_malloc(n / 2 * sizeof *tmp);
		sort_obs(obs, n, tmp);
		if (tmp != small)
			free(tmp);
	}
	free(keys);
}

static int
cmp_sample(const void *a, const void *b)
{
	const struct rd_sample *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return 0;
}

static bool
same_group(const struct rd_urine_obs *a, const struct rd_urine_obs *b)
{
	if ((a->sample_len == 0) != (b->sample_len == 0))
		return false;
	if (a->sample_len == 0)
		return a->date == b->date;
	return cmp_sample_id(a, b) == 0;
}

size_t
rd_urine_samples(struct rd_urine_obs *obs, size_t n, struct rd_sample *out)
{
	size_t nout = 0;

	if (n == 0)
		return 0;
	sort_group(obs, n);
	for (size_t i = 0, j; i < n; i = j) {
		struct rd_sample *s = &out[nout];

		for (j = i + 1; j < n && same_group(&obs[i], &obs[j]); j++)
			;
		/* Sorted by date within the group: the first row is the earliest. */
		s->date = obs[i].date;
		s->status = rd_urine_sample_status(obs + i, j - i, &s->prescribed_pos,
		    &s->positive_substances);
		s->key = (uint32_t)nout;
		s->first_obs = (uint32_t)i;
		s->nobs = (uint32_t)(j - i);
		nout++;
	}
	rd_collect_sort(out, nout, sizeof *out, cmp_sample);
	return nout;
}

static int
cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* Appends ", name" (or "name" first); false when it does not fit. */
static bool
append_name(char *out, size_t outsz, size_t *len, const char *name)
{
	size_t need = strlen(name) + (*len > 0 ? 2 : 0);

	if (*len + need >= outsz)
		return false;
	if (*len > 0) {
		memcpy(out + *len, ", ", 2);
		*len += 2;
	}
	memcpy(out + *len, name, strlen(name) + 1);
	*len += strlen(name);
	return true;
}

void
rd_sample_positive_names(const struct rd_urine_obs *obs,
    const struct rd_sample *s, int klass, char *out, size_t outsz)
{
	const struct rd_urine_obs *o = obs + s->first_obs;
	/* Class, then 0 for the class itself or 1 + the analyte: the order. */
	unsigned *key = rd_malloc((s->nobs + 1) * sizeof *key);
	size_t n = 0, len = 0;

	for (size_t i = 0; i < s->nobs; i++) {
		bool has_analyte = o[i].analyte != RD_NO_ANALYTE;

		if (!counts_positive(&o[i]) ||
		    (klass >= 0 && (o[i].substance != klass || !has_analyte)))
			continue;
		key[n++] = (unsigned)o[i].substance << 8 |
		    (has_analyte ? o[i].analyte + 1u : 0);
	}
	qsort(key, n, sizeof *key, cmp_unsigned);
	if (outsz > 0)
		out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned k = key[i], analyte = k & 0xff;

		if (i > 0 && k == key[i - 1])
			continue;
		if (!append_name(out, outsz, &len, analyte == 0 ?
		    rd_substance_codes.code[k >> 8] : rd_analyte_name((int)analyte - 1)))
			break;
	}
	free(key);
}

int
rd_missing_rule_parse(const char *s, enum rd_missing_rule *out)
{
	if (strcmp(s, "positive") == 0)
		*out = RD_MISSING_POSITIVE;
	else if (strcmp(s, "ignore") == 0)
		*out = RD_MISSING_IGNORE;
	else
		return -1;
	return 0;
}

