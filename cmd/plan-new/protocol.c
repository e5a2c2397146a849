#include "protocol.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "fields.h"
#include "opts.h"
#include "rejects.h"

static const char *const weekday_names[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/*
 * The three-letter day names protocols may also use, as Norwegian and
 * Swedish clinics write them (UTF-8, lower case): Monday to Sunday.  Output
 * is always English, so a protocol prints the same whoever wrote it.
 */
static const char *const nordic_weekday_names[][7] = {
	{ "man", "tir", "ons", "tor", "fre", "l\xC3\xB8r", "s\xC3\xB8n" },	/* nb */
	{ "m\xC3\xA5n", "tis", "ons", "tor", "fre", "l\xC3\xB6r", "s\xC3\xB6n" },	/* sv */
};

static const char *const proto_columns[] = {
	"protocol", "phase", "week_from", "week_to", "days", "activity", "topics"
};
enum { C_PROTOCOL, C_PHASE, C_WEEK_FROM, C_WEEK_TO, C_DAYS, C_ACTIVITY,
	C_TOPICS, NCOLS };

static const char builtin_source[] = "built-in";

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Whether s (len bytes) is name in any case: ASCII letters and the UTF-8
 * capitals of the Latin-1 block (C3 80..9E, which includes Å Ä Ö Æ Ø) fold
 * to lower case.
 */
static bool
same_name(const char *s, size_t len, const char *name)
{
	if (strlen(name) != len)
		return false;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E &&
		    c != 0x97)
			c += 0x20;
		if (lower(c) != (unsigned char)name[i])
			return false;
	}
	return true;
}

int
proto_weekday(const char *s, size_t len)
{
	for (int d = 0; d < 7; d++) {
		if (same_name(s, len, weekday_names[d]))
			return d;
		for (size_t l = 0; l < sizeof nordic_weekday_names /
		    sizeof nordic_weekday_names[0]; l++)
			if (same_name(s, len, nordic_weekday_names[l][d]))
				return d;
	}
	return -1;
}

const char *
proto_weekday_name(int weekday)
{
	return weekday >= 0 && weekday < 7 ? weekday_names[weekday] : "";
}

/* One element of a days list: "mon" or "mon-fri", as a bit mask; 0 if bad. */
static unsigned
days_element(const char *s, size_t len)
{
	int from, to;

	const char *dash = memchr(s, '-', len);

	if (dash == NULL) {
		from = to = proto_weekday(s, len);
	} else {
		from = proto_weekday(s, (size_t)(dash - s));
		to = proto_weekday(dash + 1, len - (size_t)(dash - s) - 1);
	}
	if (from < 0 || to < 0 || to < from)
		return 0;
	return ((1u << (to + 1)) - 1) & ~((1u << from) - 1);
}

int
proto_parse_days(const char *s, size_t len, bool *weekly, unsigned *days)
{
	static const char word[] = "weekly";
	size_t i = 0;

	*weekly = false;
	*days = 0;
	if (len == sizeof word - 1) {
		size_t k = 0;

		while (k < len && lower((unsigned char)s[k]) == word[k])
			k++;
		if (k == len) {
			*weekly = true;
			return 0;
		}
	}
	while (i <= len) {
		const char *comma = memchr(s + i, ',', len - i);
		size_t end = comma ? (size_t)(comma - s) : len;
		unsigned bits = days_element(s + i, end - i);

		if (bits == 0 || (bits & *days) != 0)
			return -1;
		*days |= bits;
		i = end + 1;
	}
	return 0;
}

void
proto_format_days(bool weekly, unsigned days, char out[32])
{
	size_t o = 0;

	if (weekly) {
		strcpy(out, "weekly");
		return;
	}
	for (int d = 0; d < 7; d++) {
		int end = d;

		if (!(days & (1u << d)))
			continue;
		while (end + 1 < 7 && (days & (1u << (end + 1))))
			end++;
		if (end - d >= 2) {
			o += (size_t)snprintf(out + o, 32 - o, "%s%s-%s", o ? "," : "",
			    weekday_names[d], weekday_names[end]);
			d = end;
		} else
			o += (size_t)snprintf(out + o, 32 - o, "%s%s", o ? "," : "",
			    weekday_names[d]);
	}
	out[o] = '\0';
}

const struct protocol *
proto_find(const struct proto_set *set, int modality)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->p[i].modality == modality)
			return &set->p[i];
	return NULL;
}

const char *
proto_phase_of_week(const struct protocol *p, int week)
{
	for (size_t i = 0; i < p->nphase; i++)
		if (week >= p->phase[i].week_from && week <= p->phase[i].week_to)
			return p->phase[i].name;
	return "";
}

static void
free_protocol(struct protocol *p)
{
	for (size_t i = 0; i < p->nrow; i++) {
		struct proto_row *row = &p->row[i];

		free((char *)row->phase);
		free(row->activity);
		for (size_t t = 0; t < row->ntopic; t++)
			free((char *)row->topic[t]);
		free(row->topic);
	}
	free(p->row);
	free(p->phase);
	if (p->source != builtin_source)
		free((char *)p->source);
}

void
proto_set_free(struct proto_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free_protocol(&set->p[i]);
	free(set->p);
	set->p = NULL;
	set->n = 0;
}

/*
 * The protocol a row of this source belongs to: one this source already
 * started, else a new one (replacing a built-in protocol of that name).
 */
static struct protocol *
protocol_for_row(struct proto_set *set, size_t *first_new, int modality,
    struct rd_reader *r, const struct rd_record *rec, const char *source)
{
	struct protocol *p;

	for (size_t i = 0; i < set->n; i++) {
		if (set->p[i].modality != modality)
			continue;
		if (i >= *first_new)
			return &set->p[i];
		if (set->p[i].source != builtin_source) {
			rd_reject(r, rec, C_PROTOCOL, "protocol '%s' is already "
			    "defined in %s", rd_modality_codes.code[modality],
			    set->p[i].source);
			return NULL;
		}
		free_protocol(&set->p[i]);
		memmove(&set->p[i], &set->p[i + 1], (set->n - i - 1) * sizeof *set->p);
		set->n--;
		(*first_new)--;
		break;
	}
	set->p = rd_realloc(set->p, (set->n + 1) * sizeof *set->p);
	p = &set->p[set->n++];
	memset(p, 0, sizeof *p);
	p->modality = modality;
	p->name = rd_modality_codes.code[modality];
	p->source = source == builtin_source ? source : rd_strdup(source);
	return p;
}

/* The activity field: codes separated by '|'. */
static bool
read_activities(struct rd_reader *r, const struct rd_record *rec, int col,
    struct proto_row *row)
{
	const char *s = rec->f[col];
	size_t len = rec->len[col], i = 0;
	char ex[64];

	if (len == 0) {
		rd_reject(r, rec, col, "activity is empty (a value is required)");
		return false;
	}
	while (i <= len) {
		const char *bar = memchr(s + i, '|', len - i);
		size_t end = bar ? (size_t)(bar - s) : len;
		int code = rd_code_index(&rd_activity_codes, s + i, end - i);

		if (code < 0) {
			rd_reject(r, rec, col, "activity %s is not one of %s",
			    rd_excerpt(s + i, end - i, ex, sizeof ex),
			    rd_codes_joined(&rd_activity_codes));
			return false;
		}
		row->activity = rd_realloc(row->activity,
		    (row->nactivity + 1) * sizeof *row->activity);
		row->activity[row->nactivity++] = code;
		i = end + 1;
	}
	return true;
}

/* The topics field: a cycle separated by '|', or empty for none. */
static bool
read_topics(struct rd_reader *r, const struct rd_record *rec, int col,
    struct proto_row *row)
{
	const char *s = rec->f[col];
	size_t len = rec->len[col], i = 0;
	char ex[64];

	while (len > 0 && i <= len) {
		const char *bar = memchr(s + i, '|', len - i);
		size_t end = bar ? (size_t)(bar - s) : len;

		if (end == i) {
			rd_reject(r, rec, col, "topics %s has an empty topic "
			    "(topics are separated by single '|')",
			    rd_excerpt(s, len, ex, sizeof ex));
			return false;
		}
		row->topic = rd_realloc(row->topic, (row->ntopic + 1) * sizeof *row->topic);
		row->topic[row->ntopic++] = rd_strndup(s + i, end - i);
		i = end + 1;
	}
	return true;
}

/* What read_row allocated for a row that goes nowhere. */
static void
free_row(struct proto_row *row)
{
	for (size_t i = 0; i < row->ntopic; i++)
		free((char *)row->topic[i]);
	free(row->topic);
	free(row->activity);
	memset(row, 0, sizeof *row);
}

/*
 * Week numbers, days and codes of one row; false when it was rejected
 * (nothing then stays allocated, should the reader not be strict).
 */
static bool
read_row(struct rd_reader *r, const struct rd_record *rec, const int *col,
    int *modality, struct proto_row *row)
{
	long from, to;
	bool present;
	char ex[64];

	memset(row, 0, sizeof *row);
	row->line = rec->line;
	if (!rd_get_code(r, rec, col[C_PROTOCOL], &rd_modality_codes, true, modality))
		return false;
	if (rec->len[col[C_PHASE]] == 0) {
		rd_reject(r, rec, col[C_PHASE], "phase is empty (a value is required)");
		return false;
	}
	if (!rd_get_long(r, rec, col[C_WEEK_FROM], 1, PROTO_MAX_WEEKS, true, &from,
	    &present) ||
	    !rd_get_long(r, rec, col[C_WEEK_TO], 1, PROTO_MAX_WEEKS, true, &to,
	    &present))
		return false;
	if (to < from) {
		rd_reject(r, rec, col[C_WEEK_TO], "week_to %ld is before week_from %ld",
		    to, from);
		return false;
	}
	row->week_from = (int)from;
	row->week_to = (int)to;
	if (proto_parse_days(rec->f[col[C_DAYS]], rec->len[col[C_DAYS]],
	    &row->weekly, &row->days) != 0) {
		rd_reject(r, rec, col[C_DAYS], "days %s is not a weekday list "
		    "(expected weekly, a day such as mon, a range such as mon-fri "
		    "or a list such as mon,thu)", rd_excerpt(rec->f[col[C_DAYS]],
		    rec->len[col[C_DAYS]], ex, sizeof ex));
		return false;
	}
	if (!read_activities(r, rec, col[C_ACTIVITY], row) ||
	    !read_topics(r, rec, col[C_TOPICS], row)) {
		free_row(row);
		return false;
	}
	return true;
}

/* Widens the row's phase to its weeks; phases of a protocol must not overlap. */
static bool
add_to_phase(struct rd_reader *r, const struct rd_record *rec, int col,
    struct protocol *p, const struct proto_row *row)
{
	struct proto_phase *ph = NULL;

	for (size_t i = 0; i < p->nphase; i++)
		if (strcmp(p->phase[i].name, row->phase) == 0)
			ph = &p->phase[i];
	if (ph == NULL) {
		p->phase = rd_realloc(p->phase, (p->nphase + 1) * sizeof *p->phase);
		ph = &p->phase[p->nphase++];
		ph->name = row->phase;
		ph->week_from = row->week_from;
		ph->week_to = row->week_to;
	}
	if (row->week_from < ph->week_from)
		ph->week_from = row->week_from;
	if (row->week_to > ph->week_to)
		ph->week_to = row->week_to;
	for (size_t i = 0; i < p->nphase; i++) {
		const struct proto_phase *o = &p->phase[i];
		char ex[64];

		if (o == ph || o->week_from > ph->week_to || ph->week_from > o->week_to)
			continue;
		rd_reject(r, rec, col, "phase %s (weeks %d-%d) overlaps phase '%s' "
		    "(weeks %d-%d) of protocol %s", rd_excerpt(ph->name,
		    strlen(ph->name), ex, sizeof ex), ph->week_from, ph->week_to,
		    o->name, o->week_from, o->week_to, p->name);
		return false;
	}
	return true;
}

static void
add_row(struct protocol *p, const struct proto_row *row)
{
	p->row = rd_realloc(p->row, (p->nrow + 1) * sizeof *p->row);
	p->row[p->nrow++] = *row;
	if (row->week_to > p->weeks)
		p->weeks = row->week_to;
}

void
proto_read(struct proto_set *set, struct rd_reader *r, const char *source)
{
	struct rd_record rec;
	size_t first_new = set->n, nrows = 0;
	int col[NCOLS];

	rd_reader_set_strict(r);
	for (int i = 0; i < NCOLS; i++)
		col[i] = rd_col_required(r, proto_columns[i]);
	while (rd_next_good(r, &rec) > 0) {
		struct proto_row row;
		struct protocol *p;
		int modality;

		if (!read_row(r, &rec, col, &modality, &row) ||
		    (p = protocol_for_row(set, &first_new, modality, r, &rec,
		    source)) == NULL)
			continue;	/* not reached: the reader is strict */
		row.phase = rd_strndup(rec.f[col[C_PHASE]], rec.len[col[C_PHASE]]);
		add_row(p, &row);
		if (!add_to_phase(r, &rec, col[C_WEEK_FROM], p, &p->row[p->nrow - 1]))
			continue;
		nrows++;
	}
	if (nrows == 0)
		rd_die(RD_EXIT_DATA, "%s: no protocol rows (expected at least one "
		    "after the header)", rd_name(r));
}

void
proto_load_file(struct proto_set *set, const char *path)
{
	struct rd_reader_config cfg = {
		.delim = ',',
		.latin1 = rd_opt.latin1,
		.max_field_bytes = rd_opt.max_field_bytes,
	};
	struct rd_reader *r = rd_open_config(path, &cfg);
	const struct rd_record *h = rd_header(r);
	bool is_stdin = path == NULL || strcmp(path, "-") == 0;

	/* Saved by Nordic Excel: ';' between the columns. */
	if (!is_stdin && h->n == 1 && strchr(h->f[0], ';') != NULL) {
		rd_close(r);
		cfg.delim = ';';
		r = rd_open_config(path, &cfg);
	}
	proto_read(set, r, rd_name(r));
	rd_close(r);
}

/*
 * The built-in protocols of the specification, as protocol CSV.  Twelve-
 * step: an intensive phase (group every weekday, topics steps 1-5, a
 * family session and a self-help meeting a week), then aftercare (a group
 * and a self-help meeting a week).  Relapse prevention: eight weekly
 * groups, one topic each.  Network therapy: Monday and Thursday, individual
 * and network sessions in turn, three phases.
 */
void
proto_add_builtins(struct proto_set *set, const struct proto_builtin_opts *o)
{
	struct rd_reader_config cfg = { .delim = ',' };
	struct rd_reader *r;
	char text[2048], aftercare[256] = "";
	int n = o->intensive_weeks;

	if (o->aftercare_weeks > 0)
		snprintf(aftercare, sizeof aftercare,
		    "twelve-step,aftercare,%d,%d,weekly,group,\n"
		    "twelve-step,aftercare,%d,%d,weekly,self-help,\n",
		    n + 1, n + o->aftercare_weeks, n + 1, n + o->aftercare_weeks);
	snprintf(text, sizeof text,
	    "protocol,phase,week_from,week_to,days,activity,topics\n"
	    "twelve-step,intensive,1,%d,mon-fri,group,"
	    "step-1|step-2|step-3|step-4|step-5\n"
	    "twelve-step,intensive,1,%d,weekly,family,\n"
	    "twelve-step,intensive,1,%d,weekly,self-help,\n"
	    "%s"
	    "relapse-prevention,treatment,1,8,weekly,group,"
	    "functional-analysis|high-risk-situations|craving|refusal-skills|"
	    "warning-signs|problem-solving|emergency-plan|balanced-lifestyle\n"
	    "network-therapy,mapping,1,4,\"mon,thu\",individual|network,\n"
	    "network-therapy,mobilisation,5,20,\"mon,thu\",individual|network,\n"
	    "network-therapy,maintenance,21,24,\"mon,thu\",individual|network,\n",
	    n, n, n, aftercare);
	r = rd_open_mem(builtin_source, text, strlen(text), &cfg);
	proto_read(set, r, builtin_source);
	rd_close(r);
}

/* Joins n strings with '|' into a buffer the caller frees. */
static char *
join_bar(const char *const *s, size_t n)
{
	size_t len = 1;
	char *out, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(s[i]) + 1;
	p = out = rd_malloc(len);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(s[i]);

		if (i > 0)
			*p++ = '|';
		memcpy(p, s[i], l);
		p += l;
	}
	*p = '\0';
	return out;
}

void
proto_print(struct rd_writer *w, const struct protocol *p)
{
	rd_put_header(w, proto_columns, NCOLS);
	for (size_t i = 0; i < p->nrow; i++) {
		const struct proto_row *row = &p->row[i];
		const char **act = rd_malloc(row->nactivity * sizeof *act);
		char days[32], *joined;

		rd_put_str(w, p->name);
		rd_put_str(w, row->phase);
		rd_put_long(w, row->week_from);
		rd_put_long(w, row->week_to);
		proto_format_days(row->weekly, row->days, days);
		rd_put_str(w, days);
		for (size_t a = 0; a < row->nactivity; a++)
			act[a] = rd_activity_codes.code[row->activity[a]];
		joined = join_bar(act, row->nactivity);
		rd_put_str(w, joined);
		free(joined);
		free(act);
		joined = join_bar(row->topic, row->ntopic);
		rd_put_str(w, joined);
		free(joined);
		rd_end_row(w);
	}
}

void
proto_list(struct rd_writer *w, const struct proto_set *set)
{
	static const char *const names[] = { "protocol", "source", "weeks", "phases" };

	rd_put_header(w, names, 4);
	for (size_t i = 0; i < set->n; i++) {
		const struct protocol *p = &set->p[i];
		const char **ph = rd_malloc((p->nphase + 1) * sizeof *ph);
		char *joined;

		for (size_t k = 0; k < p->nphase; k++)
			ph[k] = p->phase[k].name;
		joined = join_bar(ph, p->nphase);
		rd_put_str(w, p->name);
		rd_put_str(w, p->source);
		rd_put_long(w, p->weeks);
		rd_put_str(w, joined);
		rd_end_row(w);
		free(joined);
		free(ph);
	}
}
