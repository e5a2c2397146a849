#include "infix.h"

#include <string.h>

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* "-12,5", "0,8125": what the writer's --excel makes of "-12.5", "0.8125". */
static bool
decimal_comma(const char *s, size_t len, size_t *comma)
{
	size_t i = 0, before = 0, after = 0;

	if (i < len && s[i] == '-')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, before++;
	if (i >= len || s[i] != ',')
		return false;
	*comma = i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, after++;
	return i == len && before > 0 && after > 0;
}

char *
rd_infix_field(char *s, size_t *len, bool trim, bool excel)
{
	size_t n = *len, comma;

	if (trim) {
		while (n > 0 && is_blank(s[0]))
			s++, n--;
		while (n > 0 && is_blank(s[n - 1]))
			n--;
		s[n] = '\0';
	}
	if (excel) {
		if (n >= 2 && s[0] == '\'' && memchr("=+-@", s[1], 4) != NULL)
			s++, n--;
		else if (decimal_comma(s, n, &comma))
			s[comma] = '.';
	}
	*len = n;
	return s;
}

void
rd_infix_record(struct rd_record *rec, bool trim, bool excel)
{
	for (size_t i = 0; i < rec->n; i++)
		rec->f[i] = rd_infix_field(rec->f[i], &rec->len[i], trim, excel);
}
