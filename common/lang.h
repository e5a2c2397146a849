/*
 * The language of the texts people read (outcome-report and care-check
 * text and html): English, Norwegian bokmål or Swedish.  CSV and TSV
 * column names and codes stay English whatever the language: they are the
 * machine interface.
 *
 * The language comes from --lang, else from the environment the way
 * setlocale(3) ranks it (LC_ALL, then LC_MESSAGES, then LANG): a value
 * that starts with nb, nn or no is Norwegian, sv Swedish, anything else
 * (C, POSIX, en_GB, unset) English.
 *
 * Sorting follows the language: Norwegian puts Æ Ø Å after Z, Swedish
 * Å Ä Ö; letters compare without case first, bytes decide ties.
 */
#ifndef RD_LANG_H
#define RD_LANG_H

enum rd_lang { RD_LANG_EN, RD_LANG_NB, RD_LANG_SV, RD_NLANGS };

/* "en", "nb" ("no" and "nn" too) or "sv", any case; -1 for anything else. */
int rd_lang_parse(const char *s, enum rd_lang *out);
enum rd_lang rd_lang_from_env(void);
/* "en", "nb", "sv": the html lang attribute. */
const char *rd_lang_code(enum rd_lang);
/* strcmp's contract, in the language's order (UTF-8 text). */
int rd_lang_collate(enum rd_lang, const char *a, const char *b);

#endif
