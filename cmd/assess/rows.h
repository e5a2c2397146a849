/*
 * assess row handling: finding the columns, validating and scoring one row,
 * writing it back with the results.  Bad rows go to rd_reject().
 */
#ifndef ASSESS_ROWS_H
#define ASSESS_ROWS_H

#include <stdbool.h>

#include "reader.h"
#include "instrument.h"
#include "writer.h"

/* What one row gives: the parsed date (written back as ISO) and the result. */
struct scored {
	int day;
	struct assess_result res;
};

/* The columns assess fills in: score, zone, status, alert. */
#define ASSESS_NOUT 4
extern const char *const assess_out_names[ASSESS_NOUT];

struct columns {
	int patient_id, date, instrument, sex;
	int item[ASSESS_MAX_ITEMS];	/* -1 when the input lacks the column */
	int out[ASSESS_NOUT];		/* -1 to append */
};

void find_columns(const struct rd_reader *, struct columns *);
/* Validates and scores one row; false when it was rejected. */
bool score_row(struct rd_reader *, const struct rd_record *,
    const struct columns *, struct scored *);
void write_header(struct rd_writer *, const struct rd_reader *, const struct columns *);
void write_row(struct rd_writer *, const struct rd_record *,
    const struct columns *, const struct scored *);

#endif
