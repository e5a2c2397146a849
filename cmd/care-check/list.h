/*
 * Writing the findings: csv and tsv (one row per finding, the machine
 * interface: codes, English column names), text and html (for people: one
 * section per clinic, a count per check at its top, then the findings,
 * in the language of --lang).  Findings come sorted by clinic, severity
 * and patient (finding_cmp); text and html order the clinics as the
 * language sorts.
 */
#ifndef CARE_CHECK_LIST_H
#define CARE_CHECK_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "lang.h"
#include "rules.h"
#include "writer.h"

enum list_format { LIST_CSV, LIST_TSV, LIST_TEXT, LIST_HTML };

struct list_settings {
	enum list_format format;
	enum rd_lang lang;
	int as_of;
	const bool *enabled;		/* [NCHECKS]: the checks that ran */
	const char *const *clinics;	/* --clinic: sections even without findings */
	size_t nclinics;
};

void list_write(const struct finding *, size_t n, const struct list_settings *,
    struct rd_writer *);

#endif
