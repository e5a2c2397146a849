/*
 * Code maps and regular expressions.
 *
 * A map table has the columns column,pattern,code.  Patterns are PCRE2,
 * compiled once, UTF and caseless, and searched for anywhere in the value
 * (anchor them with ^ and $ to match whole values).  For a value of a
 * column, the first matching row wins; tables given with --map are tried
 * before a tool's built-in ones, so a clinic can override them.  Every
 * match runs under match and depth limits: a runaway pattern is an error
 * for that row, not a hang.  A value with a line break (LF or CR) matches
 * no row: a code is one line.  A --map file may have the optional columns
 * class and from, which the analyte table reads (analytes.h) to learn new
 * analytes; the map itself only carries them.
 */
#ifndef RD_MAP_H
#define RD_MAP_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

#define RD_REGEX_MATCH_LIMIT 1000000
#define RD_REGEX_DEPTH_LIMIT 10000

/* Compiles with PCRE2_UTF | extra_flags, JIT when available; NULL and a message in err on failure. */
pcre2_code *rd_regex_compile(const char *pattern, uint32_t extra_flags,
    char *err, size_t errsz);
/* 1 match, 0 no match, -1 match or depth limit hit (or another PCRE2 error). */
int rd_regex_search(const pcre2_code *re, const char *s, size_t len);

/* Loads a --map file; a bad file or pattern is a usage error (exit 2). */
void rd_map_load(const char *path);
/* Adds a built-in row after those loaded so far; a bad pattern aborts. */
void rd_map_add(const char *column, const char *pattern, const char *code);
/* Whether any row maps column (so a tool can skip the work). */
int rd_map_has(const char *column);
/*
 * Maps value: 1 and *code set, 0 when no row matches, -1 when a pattern
 * hit its limits.
 */
int rd_map_apply(const char *column, const char *value, size_t len,
    const char **code);

/*
 * Matching keeps its scratch space and cache per thread; a thread other
 * than the main one frees them with rd_map_thread_end() before it ends.
 */
void rd_map_thread_end(void);

/* The rows so far, --map rows first; strings live as long as the program. */
struct rd_map_entry {
	const char *column, *code;
	const char *klass, *from;	/* NULL when the file had none */
};
size_t rd_map_count(void);
void rd_map_row_at(size_t i, struct rd_map_entry *);

#endif
