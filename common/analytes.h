/*
 * The analyte table: what a urine (or blood) lab measures, the substance
 * class it belongs to, and the medicines it can come from.
 *
 * A lab name ("U-Buprenorfin", "Norbuprenorphine", "Opiater") goes
 * through the substance map (map.h: --map rows first, then the built-in
 * rows below, first match wins) to a code, which is either an analyte
 * (buprenorphine; the class follows from the table) or only a class
 * (opioids; the lab did not say what it measured).  An analyte "comes
 * from" itself and from the medicines named in its from list:
 * norbuprenorphine from buprenorphine, morphine from morphine, codeine
 * and diacetylmorphine.  A medicine name is any analyte or any name in a
 * from list; prescription files name medicines through the prescribed
 * map (brand names, diacetylmorphine) before the substance map.
 *
 * A --map file adds an analyte with a substance row whose code is new and
 * whose optional class column names its class (the from column, medicines
 * separated by spaces, is optional).  Names are lower-case ASCII; lookups
 * ignore ASCII case.  The table holds at most RD_ANALYTE_MAX analytes.
 * Nothing here exits except rd_analytes_init() on a bad --map row.
 */
#ifndef RD_ANALYTES_H
#define RD_ANALYTES_H

#include <stdbool.h>
#include <stddef.h>

#define RD_ANALYTE_MAX 250

/* One built-in row of the substance map. */
struct rd_analyte_row {
	const char *pattern;	/* PCRE2, caseless, searched anywhere */
	const char *code;	/* an analyte, or a class for class-only names */
	const char *klass;	/* its class, a code of rd_substance_codes */
	const char *from;	/* medicines besides itself, space-separated */
	const char *examples;	/* for the man page: names it covers */
};
extern const struct rd_analyte_row rd_analyte_map[];
extern const size_t rd_analyte_nmap;

/* One built-in row of the prescribed map: medicine spellings and brands. */
struct rd_medicine_row {
	const char *pattern, *code, *examples;
};
extern const struct rd_medicine_row rd_medicine_map[];
extern const size_t rd_medicine_nmap;

/*
 * Registers the built-in analytes and the --map ones, and adds the
 * built-in substance and prescribed rows to the maps (after --map rows).
 * Call once, after rd_opts_done().  A --map analyte row with a class that
 * is not a class, or that gives a known analyte another class, exits 2.
 */
void rd_analytes_init(void);

/* Index of an analyte name (ASCII case ignored), or -1. */
int rd_analyte_find(const char *name, size_t len);
size_t rd_analyte_count(void);
const char *rd_analyte_name(int analyte);
/* Index into rd_substance_codes. */
int rd_analyte_class(int analyte);
/* Whether analyte can come from medicine (itself or its from list). */
bool rd_analyte_comes_from(int analyte, const char *medicine, size_t len);
/* Whether name is a medicine: an analyte or a name in some from list. */
bool rd_medicine_known(const char *name, size_t len);

/*
 * A lab name to class and analyte (-1 for a class-only name): exact class
 * codes first, then exact analyte names, then the substance map.  Returns
 * 1 when found, 0 when nothing matches, -1 when a pattern hit its limits,
 * 2 when the map gave a code that is neither (*code names it).
 */
int rd_substance_lookup(const char *value, size_t len, int *klass,
    int *analyte, const char **code);

/*
 * A prescribed name to a class (*klass >= 0, *medicine NULL) or to a
 * medicine (*medicine and *medicine_len set, *klass -1; borrowed from
 * value or the table): exact class codes, exact medicine names, the
 * prescribed map (whose codes are classes or medicines, known to the
 * table or not: naltrexone leaves no analyte and so excuses nothing),
 * then the substance map.  Returns as rd_substance_lookup().
 */
int rd_prescribed_lookup(const char *value, size_t len, int *klass,
    const char **medicine, size_t *medicine_len, const char **code);

#endif
