/*
 * The text side of the UDS outcome library: looking up definitions by
 * name, checking words, and printing cells as urine-track(1) says (--outcome):
 * a definition's value on a word (uds.c) as its cell.
 */
#include "uds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
rd_uds_find(const char *name)
{
	size_t i;

	for (i = 0; i < rd_uds_ndefs; i++)
		if (strcmp(rd_uds_defs[i].name, name) == 0)
			return (int)i;
	return -1;
}

long
rd_uds_invalid_at(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (word[i] == '\0' || strchr("+-o*_", word[i]) == NULL)
			return (long)i;
	return -1;
}

/*
 * The shortest of 15, 16 or 17 significant digits that reads back as the
 * same double, as R's writer prints reals.
 */
static void
format_shortest(double v, char *text, size_t size)
{
	int digits;

	for (digits = 15; digits < 17; digits++) {
		snprintf(text, size, "%.*g", digits, v);
		if (strtod(text, NULL) == v)
			return;
	}
	snprintf(text, size, "%.17g", v);
}

size_t
rd_uds_format(enum rd_uds_type t, double v, char *out, size_t outsz)
{
	char text[64];

	if (!isfinite(v))
		text[0] = '\0';
	else if (t == RD_UDS_LOGICAL)
		snprintf(text, sizeof(text), "%s", v != 0 ? "TRUE" : "FALSE");
	else if (v == 0)
		snprintf(text, sizeof(text), "0");	/* never "-0" */
	else if (v == floor(v) && fabs(v) < 1e15)
		snprintf(text, sizeof(text), "%.0f", v);
	else
		format_shortest(v, text, sizeof(text));
	return (size_t)snprintf(out, outsz, "%s", text);
}

size_t
rd_uds_compute(int def, const char *word, size_t len, char *out, size_t outsz)
{
	double v;

	if (rd_uds_value(def, word, len, &v) == -1) {
		if (outsz > 0)
			out[0] = '\0';
		return RD_UDS_NOMEM;
	}
	if (def < 0 || (size_t)def >= rd_uds_ndefs)
		return rd_uds_format(RD_UDS_REAL, NAN, out, outsz);
	return rd_uds_format(rd_uds_defs[def].type, v, out, outsz);
}
