#include "lanes.h"

#include <stdlib.h>

#include "diag.h"
#include "rejects.h"

void
lanes_init(struct lanes *ls, const struct pseudo_plan *plan,
    const struct pseudo *proto, size_t cache_each, bool scan)
{
	ls->plan = plan;
	ls->proto = proto;
	ls->cache_each = cache_each;
	ls->scan = scan;
	ls->idle = ls->made = NULL;
	if (pthread_mutex_init(&ls->mu, NULL) != 0)
		rd_die(RD_EXIT_DATA, "cannot make a mutex");
}

struct lane *
lane_take(struct lanes *ls)
{
	struct lane *l;

	pthread_mutex_lock(&ls->mu);
	if ((l = ls->idle) != NULL)
		ls->idle = l->next;
	pthread_mutex_unlock(&ls->mu);
	if (l != NULL)
		return l;
	l = rd_calloc(1, sizeof *l);
	if (ls->proto != NULL)
		l->p = pseudo_clone(ls->proto, ls->cache_each);
	if (ls->scan && (l->nid = rd_natid_new()) == NULL)
		rd_die(RD_EXIT_DATA, "national ID pattern: out of memory");
	pthread_mutex_lock(&ls->mu);
	l->next_made = ls->made;
	ls->made = l;
	pthread_mutex_unlock(&ls->mu);
	return l;
}

void
lane_give(struct lanes *ls, struct lane *l)
{
	pthread_mutex_lock(&ls->mu);
	l->next = ls->idle;
	ls->idle = l;
	pthread_mutex_unlock(&ls->mu);
}

/* After the threads have ended. */
void
lanes_free(struct lanes *ls)
{
	struct lane *l, *next;

	for (l = ls->made; l != NULL; l = next) {
		next = l->next_made;
		pseudo_free(l->p);
		rd_natid_free(l->nid);
		free(l);
	}
	ls->idle = ls->made = NULL;
	pthread_mutex_destroy(&ls->mu);
}

/* A column name from the input, quoted as values are (40 bytes, no control bytes). */
static const char *
column_excerpt(const struct rd_reader *r, size_t col, char ex[64])
{
	const struct rd_record *hdr = rd_header(r);

	return rd_excerpt(hdr->f[col], hdr->len[col], ex, 64);
}

bool
row_is_clean(struct rd_natid *nid, const struct pseudo_plan *plan,
    struct rd_reader *r, const struct rd_record *rec)
{
	enum rd_natid_kind kind;
	size_t col;
	char ex[64];
	int rc;

	if (pseudo_line_break(plan, rec, &col)) {
		rd_reject(r, rec, (int)col, "column %s holds a line break (a value "
		    "to pseudonymize or drop is one line)", column_excerpt(r, col, ex));
		return false;
	}
	rc = pseudo_scan(nid, plan, rec, &col, &kind);
	if (rc == 0)
		return true;
	if (rc > 0)
		rd_reject(r, rec, (int)col, "column %s holds a %s (remove the number, "
		    "drop or pseudonymize the column, or pass "
		    "--allow-national-ids)", column_excerpt(r, col, ex),
		    rd_natid_kind_name(kind));
	else
		rd_reject(r, rec, (int)col, "column %s could not be scanned for "
		    "national identity numbers (PCRE2 match limit)",
		    column_excerpt(r, col, ex));
	return false;
}

void
lanes_rows(void *arg, struct rd_reader *r, struct rd_writer *w)
{
	struct lanes *ls = arg;
	struct lane *l = lane_take(ls);
	struct rd_record rec;

	while (rd_next_good(r, &rec) > 0)
		if (row_is_clean(l->nid, ls->plan, r, &rec))
			pseudo_write_row(w, l->p, ls->plan, &rec);
	lane_give(ls, l);
}
