#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const codes[RD_NLANGS] = { "en", "nb", "sv" };

int
rd_lang_parse(const char *s, enum rd_lang *out)
{
	if (strcasecmp(s, "en") == 0)
		*out = RD_LANG_EN;
	else if (strcasecmp(s, "nb") == 0 || strcasecmp(s, "no") == 0 ||
	    strcasecmp(s, "nn") == 0)
		*out = RD_LANG_NB;
	else if (strcasecmp(s, "sv") == 0)
		*out = RD_LANG_SV;
	else
		return -1;
	return 0;
}

enum rd_lang
rd_lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v == NULL || v[0] == '\0')
			continue;
		if (strncmp(v, "nb", 2) == 0 || strncmp(v, "nn", 2) == 0 ||
		    strncmp(v, "no", 2) == 0)
			return RD_LANG_NB;
		if (strncmp(v, "sv", 2) == 0)
			return RD_LANG_SV;
		return RD_LANG_EN;
	}
	return RD_LANG_EN;
}

const char *
rd_lang_code(enum rd_lang lang)
{
	return lang < RD_NLANGS ? codes[lang] : "en";
}

/* The code point at *s (UTF-8, checked by the reader); advances *s. */
static unsigned
next_cp(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned cp = p[0];
	int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;

	if (more > 0)
		cp &= 0x3F >> more;
	p++;
	for (int i = 0; i < more && (*p & 0xC0) == 0x80; i++)
		cp = cp << 6 | (*p++ & 0x3F);
	*s = p;
	return cp;
}

/*
 * Primary weight of a code point: digits, then letters a..z without case,
 * then the language's own letters after z; other characters by code point
 * before them all, and unknown letters after.  English folds the Nordic
 * letters to their base letter (å, ä to a; ö, ø to o; æ between a and b).
 */
static unsigned
weight(enum rd_lang lang, unsigned cp)
{
	enum { LETTER = 0x200, AFTER_Z = LETTER + 26 * 4 };

	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		cp += 0x20;		/* Latin-1 capitals */
	if (cp >= 'a' && cp <= 'z')
		return LETTER + 4 * (cp - 'a');
	switch (cp) {
	case 0xE6:	/* æ */
	case 0xE4:	/* ä */
		return lang == RD_LANG_NB ? AFTER_Z + 1 : lang == RD_LANG_SV ?
		    AFTER_Z + 2 : cp == 0xE6 ? LETTER + 1 : LETTER;
	case 0xF8:	/* ø */
	case 0xF6:	/* ö */
		return lang == RD_LANG_NB ? AFTER_Z + 2 : lang == RD_LANG_SV ?
		    AFTER_Z + 3 : LETTER + 4 * ('o' - 'a');
	case 0xE5:	/* å */
		return lang == RD_LANG_NB ? AFTER_Z + 3 : lang == RD_LANG_SV ?
		    AFTER_Z + 1 : LETTER;
	}
	if (cp < 0x80)
		return cp;
	return AFTER_Z + 0x100 + cp;
}

int
rd_lang_collate(enum rd_lang lang, const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p != '\0' && *q != '\0') {
		unsigned wp = weight(lang, next_cp(&p)), wq = weight(lang, next_cp(&q));

		if (wp != wq)
			return wp < wq ? -1 : 1;
	}
	if (*p != '\0' || *q != '\0')
		return *p != '\0' ? 1 : -1;
	return strcmp(a, b);
}
