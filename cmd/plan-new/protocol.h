/*
 * Treatment protocols as data (plan-new(1)): the built-in ones, protocol
 * files, and printing them back as protocol CSV.
 *
 * A protocol is a list of rows "protocol, phase, week_from, week_to, days,
 * activity, topics".  Its name is a modality code, so that an episode
 * finds its protocol by modality.  Phases are the week spans of their rows
 * and never overlap; rows keep their file order, which is the order of
 * their items within a day.
 */
#ifndef PLAN_NEW_PROTOCOL_H
#define PLAN_NEW_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>

#include "reader.h"
#include "writer.h"

/* The longest plan, in weeks (ten years). */
#define PROTO_MAX_WEEKS	520

struct proto_row {
	const char *phase;
	int week_from, week_to;	/* 1-based, inclusive */
	bool weekly;		/* one item a week on the --weekday day */
	unsigned days;		/* else: bit 0 Monday .. bit 6 Sunday */
	int *activity;		/* activity codes, taken in turn */
	size_t nactivity;
	const char **topic;	/* topic cycle; none when ntopic is 0 */
	size_t ntopic;
	long line;		/* line in its file, for messages */
};

struct proto_phase {
	const char *name;
	int week_from, week_to;
};

struct protocol {
	const char *name;	/* a modality code */
	int modality;		/* its index in rd_modality_codes */
	const char *source;	/* "built-in" or the file it came from */
	struct proto_row *row;
	size_t nrow;
	struct proto_phase *phase;	/* in order of first appearance */
	size_t nphase;
	int weeks;		/* the largest week_to */
};

struct proto_set {
	struct protocol *p;
	size_t n;
};

/* The numbers of the built-in protocols that options change. */
struct proto_builtin_opts {
	int intensive_weeks;	/* twelve-step, default 4 */
	int aftercare_weeks;	/* twelve-step, default 52; 0 for none */
};

/* Adds the built-in protocols, as protocol CSV run through proto_read. */
void proto_add_builtins(struct proto_set *, const struct proto_builtin_opts *);
/*
 * Adds every protocol of a protocol file (strict: the first bad row stops
 * the tool with "FILE:LINE:COL: message", exit 1).  A protocol of the same
 * name as a built-in one replaces it; one that another file already
 * defined is an error.  A header with ';' and no ',' (Nordic Excel) makes
 * ';' the delimiter.
 */
void proto_load_file(struct proto_set *, const char *path);
/* The same from an open reader; source names it in --list. */
void proto_read(struct proto_set *, struct rd_reader *, const char *source);
void proto_set_free(struct proto_set *);

/* The protocol for a modality code index, or NULL. */
const struct protocol *proto_find(const struct proto_set *, int modality);
/* The phase whose weeks hold week (1-based), or "" when none does. */
const char *proto_phase_of_week(const struct protocol *, int week);

/* Protocol CSV of one protocol, header included. */
void proto_print(struct rd_writer *, const struct protocol *);
/* One row per protocol: protocol, source, weeks, phases. */
void proto_list(struct rd_writer *, const struct proto_set *);

/*
 * Weekday names: "mon" .. "sun" (any case) to 0 .. 6, or -1.  A days field
 * is "weekly", a day, a range "mon-fri" or a comma list of days and
 * ranges; parse_days gives 0 on success, -1 on anything else (an empty
 * element, a backward range, a day named twice).
 */
int proto_weekday(const char *s, size_t len);
const char *proto_weekday_name(int weekday);
int proto_parse_days(const char *s, size_t len, bool *weekly, unsigned *days);
/* The canonical days text: "weekly", runs of three or more as ranges. */
void proto_format_days(bool weekly, unsigned days, char out[32]);

#endif
