#include "colhint.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "diag.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether field is name but for case and blanks around it; *padded says blanks. */
static bool
near_name(const char *field, size_t len, const char *name, bool *padded)
{
	size_t b = 0, e = len, nlen = strlen(name);

	while (b < e && is_blank(field[b]))
		b++;
	while (e > b && is_blank(field[e - 1]))
		e--;
	*padded = b > 0 || e < len;
	return e - b == nlen && strncasecmp(field + b, name, nlen) == 0;
}

void
rd_col_hint(const struct rd_record *header, bool tsv, const char *name,
    char *out, size_t outsz)
{
	char ex[64];
	bool padded;

	out[0] = '\0';
	if (header->n == 1 && !tsv && memchr(header->f[0], ';', header->len[0])) {
		snprintf(out, outsz, " (the header is one field with ';' in it: "
		    "try -d ';')");
		return;
	}
	if (header->n == 1 && !tsv && memchr(header->f[0], '\t', header->len[0])) {
		snprintf(out, outsz, " (the header is one field with tabs in it: "
		    "try --itsv)");
		return;
	}
	for (size_t i = 0; i < header->n; i++)
		if (near_name(header->f[i], header->len[i], name, &padded)) {
			snprintf(out, outsz, " (did you mean %s?%s)",
			    rd_excerpt(header->f[i], header->len[i], ex, sizeof ex),
			    padded ? " --trim drops the spaces" : "");
			return;
		}
}
