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
