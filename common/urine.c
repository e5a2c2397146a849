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

/*
 * Lab names of substances are the analyte table's (analytes.c).  Result
 * words are anchored at the start (a result cell holds one word, possibly with a comment after it);
 * negated phrases come before the plain ones.  First match wins.
 */
const struct rd_urine_map_row rd_urine_map[] = {
	{ "result", "^\\s*(-|neg(ativ[et]?|ative)?\\b|not detected|"
	    "(ej|inte|ikke|ikkje) påvis(ad|t))", "neg",
	    "-, neg, negativ, negative, negativt, not detected, ej påvisad, "
	    "ikke påvist" },
	{ "result", "^\\s*(\\+|pos(itiv[et]?|itive)?\\b|detected|påvis(ad|t))",
	    "pos", "+, pos, positiv, positive, positivt, detected, påvisad, påvist" },
	{ "result", "^\\s*(missing|saknas|uteblev|ej lämnat|inte lämnat|"
	    "ikke levert|ikke avgitt|mangler|not given)", "missing",
	    "missing, saknas, uteblev, ej lämnat, ikke levert, ikke avgitt, "
	    "mangler, not given" },
	{ "result", "^\\s*(refused|declined|vägra|nekt|avböj)", "refused",
	    "refused, declined, vägrade, vägrat, nektet, avböjde" },
	{ "result", "^\\s*(invalid|ogiltig|ugyldig|utspädd|fortynnet|dilute|"
	    "tampered|manipuler)", "invalid",
	    "invalid, ogiltig, ugyldig, utspädd, fortynnet, diluted, tampered, "
	    "manipulerad, manipulert" },
	{ "supervised", "^\\s*(ja|j|y|true|1)\\s*$", "yes", "ja, j, y, true, 1" },
	{ "supervised", "^\\s*(nej|nei|n|false|0)\\s*$", "no",
	    "nej, nei, n, false, 0" },
	{ "random", "^\\s*(ja|j|y|true|1)\\s*$", "yes", "ja, j, y, true, 1" },
	{ "random", "^\\s*(nej|nei|n|false|0)\\s*$", "no", "nej, nei, n, false, 0" },
};
const size_t rd_urine_nmap = sizeof rd_urine_map / sizeof rd_urine_map[0];

void
rd_urine_map_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	rd_analytes_init();
	for (size_t i = 0; i < rd_urine_nmap; i++)
		rd_map_add(rd_urine_map[i].column, rd_urine_map[i].pattern,
		    rd_urine_map[i].code);
}

void
rd_urine_cols(const struct rd_reader *r, struct rd_urine_cols *c)
{
	c->patient_id = rd_col_required(r, "patient_id");
	c->date = rd_col_required(r, "date");
	c->substance = rd_col_required(r, "substance");
	c->result = rd_col_required(r, "result");
	c->episode_id = rd_col(r, "episode_id");
	c->supervised = rd_col(r, "supervised");
	c->random = rd_col(r, "random");
	c->sample_id = rd_col(r, "sample_id");
	c->value = rd_col(r, "value");
	c->cutoff = rd_col(r, "cutoff");
	c->analyte = rd_col(r, "analyte");
}

static const char *
field(const struct rd_record *rec, int col, size_t *len)
{
	if (col < 0) {
		*len = 0;
		return "";
	}
	*len = rec->len[col];
	return rec->f[col];
}

/* The substance's map answer rc as a rejection; false unless rc is 1. */
static bool
substance_found(struct rd_reader *r, const struct rd_record *rec, int col,
    int rc, const char *code)
{
	char ex[64];
	const char *name = rd_header(r)->f[col];

	if (rc == 1)
		return true;	/* every row: no excerpt to make */
	rd_excerpt(rec->f[col], rec->len[col], ex, sizeof ex);
	if (rc == 2)
		rd_reject(r, rec, col, "%s %s maps to '%s', which is not one of %s",
		    name, ex, code, rd_codes_joined(&rd_substance_codes));
	else if (rc < 0)
		rd_reject(r, rec, col, "%s %s: a map pattern hit its match limit",
		    name, ex);
	else if (rc == 0)
		rd_reject(r, rec, col, "%s %s is not one of %s", name, ex,
		    rd_codes_joined(&rd_substance_codes));
	return rc == 1;
}

/*
 * substance through the analyte table: a class, and the analyte when the
 * lab name says one.  An analyte column, when the input has one, names
 * the analyte (it wins over one the substance name implies) and must
 * agree with the substance's class.
 */
static bool
get_substance(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_urine_cols *c, struct rd_urine_row *row)
{
	const char *code;
	char ex[64];
	int col = c->substance, klass, analyte, rc;

	row->analyte = -1;
	/* A class as the list spells it (the usual value): no analyte. */
	row->substance = rd_code_index_exact(&rd_substance_codes, rec->f[col],
	    rec->len[col]);
	if (row->substance >= 0 && c->analyte < 0) {
		row->spelled |= RD_URINE_SPELLED_SUBSTANCE;
		return true;
	}
	if (rec->len[col] == 0) {
		rd_reject(r, rec, col, "%s is empty (a value is required)",
		    rd_header(r)->f[col]);
		return false;
	}
	rc = rd_substance_lookup(rec->f[col], rec->len[col], &row->substance,
	    &row->analyte, &code);
	if (!substance_found(r, rec, col, rc, code))
		return false;
	col = c->analyte;
	if (col < 0 || rec->len[col] == 0)
		return true;
	/* Exact names first: the analyte ghb shares its class's name. */
	analyte = rd_analyte_find(rec->f[col], rec->len[col]);
	rc = analyte >= 0 ? 1 : rd_substance_lookup(rec->f[col], rec->len[col],
	    &klass, &analyte, &code);
	if (analyte >= 0)
		klass = rd_analyte_class(analyte);
	if (rc == 1 && analyte >= 0 && klass == row->substance) {
		row->analyte = analyte;
		return true;
	}
	rd_excerpt(rec->f[col], rec->len[col], ex, sizeof ex);
	if (rc < 0) {
		rd_reject(r, rec, col, "analyte %s: a map pattern hit its match limit", ex);
		return false;
	}
	if (rc != 1 || analyte < 0) {
		rd_reject(r, rec, col, "analyte %s is not in the analyte table (see "
		    "urine-track --list-map; --map can add it)", ex);
		return false;
	}
	if (klass != row->substance) {
		rd_reject(r, rec, col, "analyte %s is %s, not %s", ex,
		    rd_substance_codes.code[klass],
		    rd_substance_codes.code[row->substance]);
		return false;
	}
	row->analyte = analyte;
	return true;
}

/* rd_get_code_exact, with bit set in *spelled when exact says so. */
static inline bool
get_code(struct rd_reader *r, const struct rd_record *rec, int col,
    const struct rd_codes *codes, bool required, int *index, unsigned bit,
    unsigned *spelled)
{
	bool exact, ok = rd_get_code_exact(r, rec, col, codes, required, index,
	    &exact);

	*spelled |= exact ? bit : 0;
	return ok;
}

static void
memo_col(int col, int *lo, int *hi, int *count)
{
	if (col < 0)
		return;
	*lo = *lo < 0 || col < *lo ? col : *lo;
	*hi = col + 1 > *hi ? col + 1 : *hi;
	(*count)++;
}

void
rd_urine_memo_init(struct rd_urine_memo *m, const struct rd_urine_cols *c)
{
	int lo = -1, hi = -1, count = 0;

	memo_col(c->substance, &lo, &hi, &count);
	memo_col(c->analyte, &lo, &hi, &count);
	memo_col(c->result, &lo, &hi, &count);
	memo_col(c->supervised, &lo, &hi, &count);
	memo_col(c->random, &lo, &hi, &count);
	m->lo = hi - lo == count ? lo : -1;	/* next to each other */
	m->hi = hi;
	m->n = 0;
	memset(m->at, 0, sizeof m->at);
}

/*
 * The code fields of a line as read, from the first's first byte to the
 * last's last (their separators NULs: no field holds one), as words that
 * with the length say every byte: overlapping loads within the span, never
 * past it.  False when the row is not the line as read or the span is
 * longer than 32 bytes.
 */
static bool
memo_words(const struct rd_urine_memo *m, const struct rd_record *rec,
    uint64_t w[4], size_t *len)
{
	const char *s;

	if (m->lo < 0 || rec->plain_sep == 0)
		return false;
	s = rec->f[m->lo];
	*len = (size_t)(rec->f[m->hi - 1] + rec->len[m->hi - 1] - s);
	if (*len > 32)
		return false;
	if (*len > 16) {
		w[0] = rd_load64(s);
		w[1] = rd_load64(s + 8);
		w[2] = rd_load64(s + *len - 16);
		w[3] = rd_load64(s + *len - 8);
	} else {
		rd_short_words(s, *len, w);
		w[2] = w[3] = 0;
	}
	return true;
}

static size_t
memo_slot(const uint64_t w[4], size_t len)
{
	/* One multiply on the row's path: the compare settles collisions. */
	uint64_t h = w[0] ^ (w[1] << 17 | w[1] >> 47) ^ (w[2] << 31 | w[2] >> 33) ^
	    (w[3] << 47 | w[3] >> 17) ^ len;

	return (size_t)(h * 0x9E3779B97F4A7C15ULL >> 53);	/* 11 bits */
}

/* The entry of the spelling, or NULL with *slot where it would go. */
static const struct rd_urine_memo_entry *
memo_find(const struct rd_urine_memo *m, const uint64_t w[4], size_t len,
    size_t *slot)
{
	size_t i = memo_slot(w, len);

	for (; m->at[i] != 0; i = (i + 1) & (RD_URINE_MEMO_SLOTS - 1)) {
		const struct rd_urine_memo_entry *e = &m->e[m->at[i] - 1];

		if (e->len == len && e->w[0] == w[0] && e->w[1] == w[1] &&
		    e->w[2] == w[2] && e->w[3] == w[3])
			return e;
	}
	*slot = i;
	return NULL;
}

static void
memo_keep(struct rd_urine_memo *m, size_t slot, const uint64_t w[4],
    size_t len, struct rd_urine_row *row)
{
	struct rd_urine_memo_entry *e;

	if (m->n == RD_URINE_SPELLINGS)
		return;	/* the table stays half empty: probes stay short */
	row->spelling = (int)m->n;
	e = &m->e[m->n++];
	memcpy(e->w, w, sizeof e->w);
	e->len = len;
	e->substance = (signed char)row->substance;
	e->analyte = (short)row->analyte;
	e->result = (signed char)row->result;
	e->supervised = (signed char)row->supervised;
	e->random = (signed char)row->random;
	e->spelled = (unsigned char)row->spelled;
	m->at[slot] = (uint16_t)m->n;
}

/* The codes of a row: from the memo when it has their spelling. */
static bool
get_codes(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_urine_cols *c, struct rd_urine_memo *m,
    struct rd_urine_row *row)
{
	const struct rd_urine_memo_entry *e;
	uint64_t w[4];
	size_t len = 0, slot = 0;
	bool keep = m != NULL && memo_words(m, rec, w, &len);

	if (keep && (e = memo_find(m, w, len, &slot)) != NULL) {
		row->substance = e->substance;
		row->analyte = e->analyte;
		row->result = e->result;
		row->supervised = e->supervised;
		row->random = e->random;
		row->spelled = e->spelled;
		row->spelling = (int)(e - m->e);
		return true;
	}
	if (!get_substance(r, rec, c, row) ||
	    !get_code(r, rec, c->result, &rd_result_codes, true, &row->result,
	    RD_URINE_SPELLED_RESULT, &row->spelled) ||
	    !get_code(r, rec, c->supervised, &rd_yes_no_codes, false,
	    &row->supervised, RD_URINE_SPELLED_SUPERVISED, &row->spelled) ||
	    !get_code(r, rec, c->random, &rd_yes_no_codes, false, &row->random,
	    RD_URINE_SPELLED_RANDOM, &row->spelled))
		return false;
	if (keep)
		memo_keep(m, slot, w, len, row);
	return true;
}

bool
rd_urine_parse(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_urine_cols *c, struct rd_urine_row *row)
{
	return rd_urine_parse_memo(r, rec, c, NULL, row);
}

bool
rd_urine_parse_memo(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_urine_cols *c, struct rd_urine_memo *m,
    struct rd_urine_row *row)
{
	/*
	 * Every member zero, one store each: memset of the row compiles to
	 * rep stos, whose start-up cost was 7% of the time of urine-track's
	 * default mode.
	 */
	row->patient_id = row->episode_id = row->sample_id = NULL;
	row->patient_len = row->episode_len = row->sample_len = 0;
	row->date = row->substance = row->analyte = row->result = 0;
	row->supervised = row->random = 0;
	row->has_value = row->has_cutoff = false;
	row->value = row->cutoff = 0;
	row->spelled = 0;
	row->spelling = -1;
	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_id(r, rec, c->episode_id, false) ||
	    !rd_get_date(r, rec, c->date, true, &row->date) ||
	    !get_codes(r, rec, c, m, row) ||
	    !rd_get_real(r, rec, c->value, 0, 999999, 6, false, &row->value,
	    &row->has_value) ||
	    !rd_get_real(r, rec, c->cutoff, 0, 999999, 6, false, &row->cutoff,
	    &row->has_cutoff))
		return false;
	row->patient_id = field(rec, c->patient_id, &row->patient_len);
	row->episode_id = field(rec, c->episode_id, &row->episode_len);
	row->sample_id = field(rec, c->sample_id, &row->sample_len);
	return true;
}

/* One prescription: a class, or the analytes a medicine can leave. */
struct rx {
	int from, to;			/* days, inclusive; RD_NO_DATE: open */
	uint16_t classes;		/* bit i: substance code i */
	uint8_t analytes[(RD_ANALYTE_MAX + 7) / 8];	/* bit a: analyte a */
};

struct rx_list {
	struct rx *v;
	size_t n;
};

struct rd_prescribed {
	struct rd_idmap *patients;
	struct rx_list *lists;		/* by patient index */
};

/* The prescription of row rec (substance and dates); false when rejected. */
static bool
rx_parse(struct rd_reader *r, const struct rd_record *rec, int scol,
    int fcol, int tcol, struct rx *x)
{
	const char *medicine, *code;
	size_t medicine_len;
	int klass, rc;
	char ex[64];

	memset(x, 0, sizeof *x);
	if (!rd_get_date(r, rec, fcol, false, &x->from) ||
	    !rd_get_date(r, rec, tcol, false, &x->to))
		return false;
	if (x->from != RD_NO_DATE && x->to != RD_NO_DATE && x->to < x->from) {
		rd_reject(r, rec, tcol, "to is before from");
		return false;
	}
	if (rec->len[scol] == 0) {
		rd_reject(r, rec, scol, "substance is empty (a value is required)");
		return false;
	}
	rc = rd_prescribed_lookup(rec->f[scol], rec->len[scol], &klass, &medicine,
	    &medicine_len, &code);
	rd_excerpt(rec->f[scol], rec->len[scol], ex, sizeof ex);
	if (rc < 0)
		rd_reject(r, rec, scol, "substance %s: a map pattern hit its match "
		    "limit", ex);
	else if (rc != 1)
		rd_reject(r, rec, scol, "substance %s is not a medicine, analyte or "
		    "substance class (see urine-track --list-map)", ex);
	if (rc != 1)
		return false;
	if (medicine == NULL) {
		x->classes = (uint16_t)(1u << klass);
		return true;
	}
	for (size_t a = 0; a < rd_analyte_count(); a++)
		if (rd_analyte_comes_from((int)a, medicine, medicine_len))
			x->analytes[a / 8] |= (uint8_t)(1u << (a % 8));
	return true;
}

struct rd_prescribed *
rd_prescribed_load(const char *path)
{
	struct rd_prescribed *p = rd_calloc(1, sizeof *p);
	struct rd_reader *r = rd_open(path);
	struct rd_record rec;
	int pcol, scol, fcol, tcol;

	rd_reader_set_strict(r);
	pcol = rd_col_required(r, "patient_id");
	scol = rd_col_required(r, "substance");
	fcol = rd_col(r, "from");
	tcol = rd_col(r, "to");
	p->patients = rd_idmap_new();
	while (rd_next_good(r, &rec) > 0) {
		struct rx x;
		struct rx_list *l;
		int is_new;
		size_t i;

		if (!rd_get_id(r, &rec, pcol, true) ||
		    !rx_parse(r, &rec, scol, fcol, tcol, &x))
			continue;
		i = rd_idmap_intern(p->patients, rec.f[pcol], rec.len[pcol], &is_new);
		if (is_new) {
			p->lists = rd_realloc(p->lists, (i + 1) * sizeof *p->lists);
			memset(&p->lists[i], 0, sizeof p->lists[i]);
		}
		l = &p->lists[i];
		l->v = rd_realloc(l->v, (l->n + 1) * sizeof *l->v);
		l->v[l->n++] = x;
	}
	rd_close(r);
	return p;
}

void
rd_prescribed_free(struct rd_prescribed *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < rd_idmap_count(p->patients); i++)
		free(p->lists[i].v);
	rd_idmap_free(p->patients);
	free(p->lists);
	free(p);
}

bool
rd_prescribed_excuses(const struct rd_prescribed *p, const char *patient_id,
    size_t len, int date, int substance, int analyte)
{
	const struct rx_list *l;
	size_t i;

	if (p == NULL || substance < 0)
		return false;
	i = rd_idmap_find(p->patients, patient_id, len);
	if (i == (size_t)-1)
		return false;
	l = &p->lists[i];
	for (size_t k = 0; k < l->n; k++) {
		const struct rx *x = &l->v[k];

		if ((x->from != RD_NO_DATE && date < x->from) ||
		    (x->to != RD_NO_DATE && date > x->to))
			continue;
		if (x->classes & (1u << substance))
			return true;
		if (analyte >= 0 && (x->analytes[analyte / 8] & (1u << (analyte % 8))))
			return true;
	}
	return false;
}

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
