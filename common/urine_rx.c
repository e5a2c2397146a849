/*
 * Prescriptions (--prescribed): the file read into lists per patient, and
 * the rule that excuses a positive row (urine.h).
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
