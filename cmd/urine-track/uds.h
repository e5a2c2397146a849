/*
 * Urine drug screen (UDS) outcome library: the literature outcome
 * definitions of urine-track(1) (--outcome, after the CTNote R package of
 * the CTN-0094 project), computed on a participant's weekly use-pattern
 * word (one symbol per week: + - o * _).  Only urine-track uses it, so it
 * lives here (uds.c, uds_prim.c, uds_text.c); its unit tests are test_uds.c
 * (primitives) and test_uds_defs.c (cells and definitions),
 * and the CTNote oracle links it from here.
 *
 * A word is passed as (sym, len) and need not be NUL-terminated.
 * Positions and start/end arguments are 1-based as in CTNote; negative
 * values count from the end (-1 is the last week).  Nothing here keeps
 * state between calls; only rd_uds_compute() and rd_uds_value() allocate,
 * and only scratch for words longer than RD_UDS_STACK_WORD symbols.
 * Reals are printed and read back with snprintf and strtod, so LC_NUMERIC
 * must stay "C".
 */
#ifndef RD_UDS_H
#define RD_UDS_H

#include <stddef.h>

/* One entry per output column, in the reference files' order (62). */
enum rd_uds_type { RD_UDS_LOGICAL, RD_UDS_INTEGER, RD_UDS_REAL };

struct rd_uds_def {
	const char	*name;		/* column name, e.g. "Rd_fiellin_2006" */
	const char	*source;	/* publication it comes from */
	const char	*description;	/* weeks, missing and mixed handling */
	enum rd_uds_type type;
};

extern const struct rd_uds_def rd_uds_defs[];
extern const size_t rd_uds_ndefs;

/* Words up to this length are computed without touching the heap. */
#define RD_UDS_STACK_WORD	512
/* rd_uds_compute() result when a long word's scratch cannot be allocated. */
#define RD_UDS_NOMEM		((size_t)-1)

/* Index of the definition named name (exact, case-sensitive), or -1. */
int rd_uds_find(const char *name);
/* Position (0-based) of the first byte not in "+-o*_", or -1 if valid. */
long rd_uds_invalid_at(const char *word, size_t len);
/*
 * Compute definition def on a valid word and write the cell text (TRUE or
 * FALSE, an integer, a real as urine-track(1) prints it, or "" for not
 * available) NUL-terminated into out.  Returns the length of the text;
 * as with snprintf, a longer text than outsz - 1 is truncated, and 64
 * bytes always suffice.  An unknown def or an invalid word gives "".
 * Returns RD_UDS_NOMEM (out set to "") if scratch memory is exhausted.
 */
size_t rd_uds_compute(int def, const char *word, size_t len, char *out,
    size_t outsz);
/*
 * The same value as a double: 1/0 for TRUE/FALSE, NAN for not available.
 * Returns 0, or -1 if scratch memory is exhausted.
 */
int rd_uds_value(int def, const char *word, size_t len, double *value);
/* Cell text of value v for a column of type t, as rd_uds_compute(). */
size_t rd_uds_format(enum rd_uds_type t, double v, char *out, size_t outsz);

/*
 * Primitives (CTNote's, named as there).  Results that are words are
 * written to a caller's buffer; where noted it may be the input itself.
 */

/* str_sub: returns a pointer into w and stores the slice length. */
const char *rd_uds_str_sub(const char *w, size_t n, long start, long end,
    size_t *sublen);
/* Replace symbol from by to, or delete it if to is '\0'; out may be w. */
size_t rd_uds_recode(const char *w, size_t n, char from, char to, char *out);
/* pos(w): missing and mixed become positive; out may be w. */
size_t rd_uds_pos(const char *w, size_t n, char *out);
/* mixed is '\0' when mixed weeks are not counted; proportion is 0 or 1. */
double rd_uds_count_matches(const char *w, size_t n, char match, long start,
    long end, char mixed, double mixed_weight, int proportion);
/*
 * Does any of the nsubs strings occur in str_sub(w, start, end)?  Never in
 * an empty slice; an empty string occurs in any other.
 */
int rd_uds_detect_subpattern(const char *w, size_t n,
    const char *const subs[], size_t nsubs, long start, long end);

struct rd_uds_window {
	int	na;		/* word shorter than one window */
	long	time;
	int	event;
};
/* The spec's default offset is width - threshold. */
struct rd_uds_window rd_uds_detect_in_window(const char *w, size_t n,
    long width, long threshold, long offset, char match);

size_t rd_uds_measure_retention(const char *w, size_t n);
size_t rd_uds_measure_abstinence_period(const char *w, size_t n);

#define RD_UDS_LOFWALL_LATTICE	"ooooooo_o_o_o_o"
#define RD_UDS_WOODY_LATTICE	"___o___o___o"
/*
 * collapse_lattice: patterns[i] repeated times[i] times, in order, written
 * to out NUL-terminated as snprintf would; returns the full length.
 */
size_t rd_uds_collapse_lattice(const char *const patterns[],
    const size_t times[], size_t k, char *out, size_t outsz);
/* view_by_lattice: writes exactly m symbols (no NUL) to out. */
void rd_uds_view_by_lattice(const char *w, size_t n, const char *lattice,
    size_t m, char *out);

enum rd_uds_impute { RD_UDS_LOCF, RD_UDS_LOCFD, RD_UDS_MODE, RD_UDS_KNV };
/*
 * impute_missing_visits, in place.  missing is the symbol to fill for
 * locf and locfD ('_' in every column) and 'o' for mode and kNV.
 */
void rd_uds_impute_missing_visits(char *w, size_t n,
    enum rd_uds_impute method, char missing);

/* Ling 1976 weights of the symbols + * o -. */
struct rd_uds_weights {
	double	positive;
	double	mixed;
	double	missing;
	double	negative;
};
/*
 * weight_positive_visits: the score 120 * sum(out) / sum(worst) over the
 * word repeated cyclically to q symbols.  NAN (not available) if the word
 * holds a '_' or is empty.
 */
double rd_uds_weight_positive_visits(const char *w, size_t n,
    const struct rd_uds_weights *weights, const double penalty[], size_t q);
/* ramp(a, b, k): k evenly spaced penalties from a to b, into out[k]. */
void rd_uds_ramp(double a, double b, size_t k, double out[]);

#endif
