/*
 * The summary: sessions and planned items are collected per unit (patient
 * or episode) as small fixed-size rows (collect.h), then handed over unit
 * by unit in date order.  Memory grows with units and rows, nothing else.
 */
#include "sessionlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "fields.h"

void
sl_summary_init(struct sl_summary *s, bool by_episode,
    const struct rd_episodes *episodes, int as_of)
{
	memset(s, 0, sizeof *s);
	s->by_episode = by_episode || episodes != NULL;
	s->episodes = episodes;
	s->as_of = as_of;
	s->tolerance_days = 2;
	s->thresholds.no_show_run = RD_RISK_DEFAULT_NO_SHOW_RUN;
	s->thresholds.no_contact_days = RD_RISK_DEFAULT_NO_CONTACT;
	s->patients = rd_idmap_new();
	s->units_map = rd_idmap_new();
	if (episodes != NULL) {
		size_t n = rd_episodes_count(episodes);

		s->unit_of_episode = rd_malloc((n + 1) * sizeof *s->unit_of_episode);
		for (size_t i = 0; i < n; i++)
			s->unit_of_episode[i] = UINT32_MAX;
		/* Units are episodes, so patients are at most as many: no regrowth. */
		rd_idmap_reserve(s->patients, n);
	}
	rd_collect_init(&s->sessions, sizeof(struct rd_session_event));
	rd_collect_init(&s->items, sizeof(struct sl_plan_row));
	/* Without --episodes units are numbered by key (row_slot). */
	if (episodes == NULL) {
		rd_collect_keyed(&s->sessions, s->units_map);
		rd_collect_keyed(&s->items, s->units_map);
	}
}

void
sl_summary_free(struct sl_summary *s)
{
	rd_idmap_free(s->patients);
	rd_idmap_free(s->units_map);
	free(s->units);
	rd_collect_free(&s->sessions);
	rd_collect_free(&s->items);
	free(s->results);
	free(s->order);
	free(s->missed);
	free(s->keybuf);
	free(s->unit_of_episode);
	memset(s, 0, sizeof *s);
}

size_t
sl_unit_key_write(char *buf, const char *patient, size_t plen,
    const char *episode, size_t elen)
{
	size_t n = 20, key_len;
	char digits[20];

	/* snprintf is too slow for once a row. */
	for (size_t v = plen; ; v /= 10) {
		digits[--n] = (char)('0' + v % 10);
		if (v < 10)
			break;
	}
	memcpy(buf, digits + n, sizeof digits - n);
	key_len = sizeof digits - n;
	buf[key_len++] = ':';
	memcpy(buf + key_len, patient, plen);
	memcpy(buf + key_len + plen, episode, elen);
	return key_len + plen + elen;
}

/* The key of a unit (sl_unit_key_write), built in a buffer reused for every row. */
static const char *
unit_key(struct sl_summary *s, const char *patient, size_t plen,
    const char *episode, size_t elen, size_t *klen)
{
	size_t need = SL_UNIT_KEY_MAX(plen, elen);

	if (!s->by_episode) {
		*klen = plen;
		return patient;
	}
	if (need > s->keybuf_cap) {
		s->keybuf_cap = need * 2;
		s->keybuf = rd_realloc(s->keybuf, s->keybuf_cap);
	}
	*klen = sl_unit_key_write(s->keybuf, patient, plen, episode, elen);
	return s->keybuf;
}

/* A new unit, numbered nunits; episode_id NULL per patient, else kept. */
static uint32_t
new_unit(struct sl_summary *s, const char *patient, size_t plen,
    const char *episode_id)
{
	struct sl_unit *n;

	if (s->nunits >= UINT32_MAX)
		rd_die(RD_EXIT_DATA, "more than 2^32 patients or episodes");
	if (s->nunits == s->units_cap) {
		s->units_cap = s->units_cap ? 2 * s->units_cap : 256;
		s->units = rd_realloc(s->units, s->units_cap * sizeof *s->units);
	}
	n = &s->units[s->nunits];
	n->patient = rd_idmap_intern(s->patients, patient, plen, NULL);
	n->episode_id = episode_id;
	n->start = n->end = RD_NO_DATE;
	n->first_date = RD_NO_DATE;
	return (uint32_t)s->nunits++;
}

/* The unit of an --episodes episode, by its row: no key, no lookup. */
static uint32_t
episode_unit(struct sl_summary *s, const struct rd_episode *e)
{
	if (s->unit_of_episode[e->row] == UINT32_MAX)
		s->unit_of_episode[e->row] = new_unit(s, e->patient_id,
		    strlen(e->patient_id), e->episode_id);
	return s->unit_of_episode[e->row];
}

static void
set_episode(struct sl_summary *s, uint32_t u, const struct rd_episode *e)
{
	s->units[u].start = e->start;
	s->units[u].end = e->end;
}

/*
 * The slot of a dated row in collection c, or NULL when it is left out
 * or rejected (rd_attached_count, which counts it in note).  Without
 * --episodes the unit is the key's index in units_map, which the
 * collection numbers (keyed adding, collect.h: fast on input in no
 * order); the units themselves are made at finish.
 */
static void *
row_slot(struct sl_summary *s, struct rd_collect *c,
    struct rd_attach_note *note, const struct rd_attached *a,
    const char *patient, size_t plen, const char *episode, size_t elen)
{
	const struct rd_episode *e;
	const char *key;
	size_t klen;
	uint32_t u;

	if (!rd_attached_count(note, a))
		return NULL;
	if (a->ep < 0) {
		key = unit_key(s, patient, plen, episode, elen, &klen);
		return rd_collect_add_key(c, key, klen);
	}
	e = rd_episodes_at(s->episodes, (size_t)a->ep);
	u = episode_unit(s, e);
	set_episode(s, u, e);
	return rd_collect_add(c, u);
}

void
sl_summary_add_session(struct sl_summary *s, const struct rd_session *row,
    const struct rd_attached *a)
{
	struct rd_session_event *ev;

	if (row->date > s->as_of)
		return;
	ev = row_slot(s, &s->sessions, &s->sessions_note, a, row->patient_id,
	    row->patient_id_len, row->episode_id, row->episode_id_len);
	if (ev != NULL)
		*ev = rd_session_event(row);
}

void
sl_summary_add_keyed(struct sl_summary *s, size_t n, const char *const *keys,
    const size_t *lens, const struct rd_session_event *ev)
{
	struct rd_session_event *slots;

	if (n == 0)
		return;
	slots = rd_collect_add_keys(&s->sessions, n, keys, lens);
	memcpy(slots, ev, n * sizeof *ev);
}

void
sl_summary_add_item(struct sl_summary *s, const char *patient_id,
    size_t patient_len, const char *episode_id, size_t episode_len,
    int date, int activity, size_t row, const struct rd_attached *a)
{
	struct sl_plan_row *r;

	if (date > s->as_of)
		return;
	/* The sessions' units are numbered first, as they came first. */
	rd_collect_flush(&s->sessions);
	r = row_slot(s, &s->items, &s->items_note, a, patient_id, patient_len,
	    episode_id, episode_len);
	if (r == NULL)
		return;
	r->row = (uint32_t)row;
	r->date = date;
	r->activity = activity;
}

/* Every episode of --episodes that started by as-of gets a row. */
static void
add_all_episodes(struct sl_summary *s)
{
	size_t n = rd_episodes_count(s->episodes);

	for (size_t i = 0; i < n; i++) {
		const struct rd_episode *e = rd_episodes_at(s->episodes, i);
		uint32_t u;

		if (e->start > s->as_of)
			continue;
		u = episode_unit(s, e);
		set_episode(s, u, e);
	}
}

/* A unit's items in date order, then plan row: a sort key (collect.h). */
static uint64_t
item_key(const void *p)
{
	const struct sl_plan_row *r = p;

	return (uint64_t)((uint32_t)r->date ^ 0x80000000u) << 32 | r->row;
}

/* Matches one unit's due items against its sessions; marks the missed. */
static void
match_plan(struct sl_summary *s, struct sl_result *res,
    const struct sl_plan_row *it, size_t nit,
    const struct rd_session_event *ev, size_t nev)
{
	struct rd_planned_item *items = rd_malloc((nit + 1) * sizeof *items);
	bool *done = rd_malloc((nit + 1) * sizeof *done);

	for (size_t i = 0; i < nit; i++) {
		items[i].date = it[i].date;
		items[i].activity = it[i].activity;
	}
	res->done = (long)rd_plan_match(items, nit, ev, nev, s->tolerance_days,
	    done);
	for (size_t i = 0; i < nit; i++) {
		if (it[i].activity == RD_ACT_SELF_HELP)
			continue;
		res->planned++;
		if (!done[i] && it[i].row < s->plan_rows)
			s->missed[it[i].row] = true;
	}
	free(items);
	free(done);
}

/*
 * Days since contact count from the episode start when --episodes gives
 * it, else from the first due planned item or counted session.
 */
static void
compute_unit(struct sl_summary *s, size_t u, const struct rd_session_event *ev,
    size_t nev, int first_planned)
{
	struct sl_result *res = &s->results[u];
	const struct sl_unit *unit = &s->units[u];
	int start = unit->start;

	rd_session_stats_compute(&res->stats, ev, nev);
	if (start == RD_NO_DATE && first_planned != RD_NO_DATE &&
	    (res->stats.first_date == RD_NO_DATE ||
	    first_planned < res->stats.first_date))
		start = first_planned;
	res->days_since_contact = rd_days_since_contact(&res->stats, start,
	    s->as_of);
	/* An episode that ended before as-of can no longer drop out. */
	if (unit->end != RD_NO_DATE && unit->end < s->as_of)
		res->risk = 0;
	else
		res->risk = rd_dropout_risk(&res->stats, res->days_since_contact,
		    &s->thresholds);
}

/* The date of the first item that is not self-help, or RD_NO_DATE. */
static int
first_planned(const struct sl_plan_row *it, size_t nit)
{
	for (size_t i = 0; i < nit; i++)
		if (it[i].activity != RD_ACT_SELF_HELP)
			return it[i].date;
	return RD_NO_DATE;
}

/* The earliest session or planned item of a unit's sorted rows. */
static int
first_date(const struct rd_session_event *ev, size_t nev,
    const struct sl_plan_row *it, size_t nit)
{
	if (nev == 0)
		return nit == 0 ? RD_NO_DATE : it[0].date;
	if (nit == 0 || ev[0].date <= it[0].date)
		return ev[0].date;
	return it[0].date;
}

static const struct sl_summary *sort_ctx;

/* Output order: patient id, then episode start (or first row), episode id. */
static int
unit_cmp(const void *pa, const void *pb)
{
	const struct sl_unit *a = &sort_ctx->units[*(const size_t *)pa];
	const struct sl_unit *b = &sort_ctx->units[*(const size_t *)pb];
	int da, db, c;

	if (a->patient != b->patient) {
		c = strcmp(rd_idmap_key(sort_ctx->patients, a->patient),
		    rd_idmap_key(sort_ctx->patients, b->patient));
		if (c != 0)
			return c;
	}
	if (a->episode_id == NULL || b->episode_id == NULL)
		return 0;
	da = a->start != RD_NO_DATE ? a->start : a->first_date;
	db = b->start != RD_NO_DATE ? b->start : b->first_date;
	if (da != db)
		return da < db ? -1 : 1;
	return strcmp(a->episode_id, b->episode_id);
}

/* A unit's patient id, for rd_collect_sort_by_id. */
static const char *
unit_patient(const void *row, const void *ctx)
{
	const struct sl_summary *s = ctx;

	return rd_idmap_key(s->patients, s->units[*(const size_t *)row].patient);
}

/*
 * Without --episodes: the units whose keys the collections numbered, in
 * their order.  A key per episode is "plen:patient episode" (unit_key);
 * the episode id is kept where the key's text ends it.
 */
static void
add_keyed_units(struct sl_summary *s)
{
	rd_collect_flush(&s->sessions);
	rd_collect_flush(&s->items);
	for (size_t u = s->nunits; u < rd_idmap_count(s->units_map); u++) {
		const char *key = rd_idmap_key(s->units_map, u);
		char *colon;
		size_t plen;

		if (!s->by_episode) {
			(void)new_unit(s, key, strlen(key), NULL);
			continue;
		}
		plen = strtoul(key, &colon, 10);
		(void)new_unit(s, colon + 1, plen, colon + 1 + plen);
	}
}

void
sl_summary_finish(struct sl_summary *s, size_t plan_rows)
{
	if (s->episodes == NULL)
		add_keyed_units(s);
	if (s->episodes != NULL)
		add_all_episodes(s);
	s->plan_rows = plan_rows;
	s->missed = rd_calloc(plan_rows + 1, sizeof *s->missed);
	s->results = rd_calloc(s->nunits + 1, sizeof *s->results);
	rd_collect_finish_key(&s->sessions, s->nunits, rd_session_event_key);
	rd_collect_finish_key(&s->items, s->nunits, item_key);
	for (size_t u = 0; u < s->nunits; u++) {
		size_t nev, nit;
		const struct rd_session_event *ev = rd_collect_unit(&s->sessions, u, &nev);
		const struct sl_plan_row *it = rd_collect_unit(&s->items, u, &nit);

		/*
		 * Both are in date order now: the unit's first date is read
		 * here rather than kept up to date on every row added, a
		 * random access into units[] a row on input not grouped by
		 * patient.
		 */
		s->units[u].first_date = first_date(ev, nev, it, nit);
		compute_unit(s, u, ev, nev, first_planned(it, nit));
		match_plan(s, &s->results[u], it, nit, ev, nev);
	}
	s->order = rd_malloc((s->nunits + 1) * sizeof *s->order);
	for (size_t u = 0; u < s->nunits; u++)
		s->order[u] = u;
	sort_ctx = s;
	rd_collect_sort_by_id(s->order, s->nunits, sizeof *s->order,
	    unit_patient, s, unit_cmp);
	sort_ctx = NULL;
}

static void
put_share(struct rd_writer *w, long num, long den)
{
	if (den == 0)
		rd_put_empty(w);
	else
		rd_put_fixed(w, (double)num / (double)den, 4);
}

static void
write_header(struct rd_writer *w, bool by_episode, bool with_plan)
{
	const char *names[20];
	size_t n = 0;

	names[n++] = "patient_id";
	if (by_episode)
		names[n++] = "episode_id";
	if (with_plan)
		names[n++] = "planned";
	names[n++] = "attended";
	names[n++] = "no_show";
	names[n++] = "cancelled";
	names[n++] = "attendance_rate";
	if (with_plan)
		names[n++] = "adherence";
	names[n++] = "last_attended";
	names[n++] = "days_since_contact";
	names[n++] = "longest_no_show_run";
	names[n++] = "current_no_show_run";
	names[n++] = "self_help";
	names[n++] = "dropout_risk";
	names[n++] = "risk_reason";
	rd_put_header(w, names, n);
}

static void
write_unit(struct rd_writer *w, const struct sl_summary *s, size_t u,
    bool with_plan)
{
	const struct sl_unit *unit = &s->units[u];
	const struct sl_result *res = &s->results[u];
	const struct rd_session_stats *st = &res->stats;

	rd_put_str(w, rd_idmap_key(s->patients, unit->patient));
	if (s->by_episode)
		rd_put_str(w, unit->episode_id);
	if (with_plan)
		rd_put_long(w, res->planned);
	rd_put_long(w, st->attended);
	rd_put_long(w, st->no_show);
	rd_put_long(w, st->cancelled);
	put_share(w, st->attended, st->attended + st->no_show);
	if (with_plan)
		put_share(w, res->done, res->planned);
	rd_put_date_or_empty(w, st->last_attended);
	if (res->days_since_contact < 0)
		rd_put_empty(w);
	else
		rd_put_long(w, res->days_since_contact);
	rd_put_long(w, st->longest_no_show_run);
	rd_put_long(w, st->current_no_show_run);
	rd_put_long(w, st->self_help);
	rd_put_str(w, res->risk ? "yes" : "no");
	rd_put_str(w, rd_risk_reason(res->risk));
	rd_end_row(w);
}

void
sl_summary_write(struct rd_writer *w, const struct sl_summary *s, bool with_plan)
{
	write_header(w, s->by_episode, with_plan);
	for (size_t i = 0; i < s->nunits; i++)
		write_unit(w, s, s->order[i], with_plan);
}
