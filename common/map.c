#include "map.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "idmap.h"
#include "reader.h"

struct map_row {
	char *column, *code;
	char *klass, *from;	/* optional columns of a --map file; NULL when absent */
	pcre2_code *re;
};

static struct map_row *rows;
static size_t nrows;

/*
 * Exact-match cache in front of the patterns: a column holds few distinct
 * values (lab names, result words) but every row asks, and a pattern search
 * gives the same answer for the same bytes.  The key is the column's
 * number (one byte, 1-based, in order of first use) and the value; rows
 * added later clear it.  Values up to CACHE_VALUE_MAX bytes, at most
 * CACHE_MAX of them: past that, the patterns answer directly.
 */
#define CACHE_MAX 65536
#define CACHE_VALUE_MAX 128
struct cached {
	int rc;
	const char *code;
};
/* Per thread, as the match data is: worker threads (par.h) have their own. */
static _Thread_local struct rd_idmap *cache;
static _Thread_local struct cached *cached;
static _Thread_local const char *cache_cols[255];	/* column names, by number - 1 */
static _Thread_local size_t ncache_cols;
static _Thread_local pcre2_match_context *match_ctx;
static _Thread_local pcre2_match_data *match_data;

pcre2_code *
rd_regex_compile(const char *pattern, uint32_t extra_flags, char *err,
    size_t errsz)
{
	int code;
	PCRE2_SIZE offset;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | extra_flags, &code, &offset, NULL);

	if (re == NULL) {
		PCRE2_UCHAR text[256];

		pcre2_get_error_message(code, text, sizeof text);
		snprintf(err, errsz, "bad pattern at offset %zu: %s", (size_t)offset,
		    (char *)text);
		return NULL;
	}
	/* JIT is an optimisation; without it matching still works. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int
rd_regex_search(const pcre2_code *re, const char *s, size_t len)
{
	int rc;

	if (match_ctx == NULL) {
		match_ctx = pcre2_match_context_create(NULL);
		match_data = pcre2_match_data_create(16, NULL);
		if (match_ctx == NULL || match_data == NULL)
			rd_die(RD_EXIT_DATA, "out of memory");
		pcre2_set_match_limit(match_ctx, RD_REGEX_MATCH_LIMIT);
		pcre2_set_depth_limit(match_ctx, RD_REGEX_DEPTH_LIMIT);
	}
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, match_data, match_ctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return -1;
}

static void
drop_cache(void)
{
	rd_idmap_free(cache);
	free(cached);
	cache = NULL;
	cached = NULL;
}

static void
add_row(const char *column, size_t column_len, const char *pattern,
    const char *code, size_t code_len, char *err, size_t errsz)
{
	pcre2_code *re = rd_regex_compile(pattern, PCRE2_CASELESS, err, errsz);

	if (re == NULL)
		return;
	drop_cache();
	rows = rd_realloc(rows, (nrows + 1) * sizeof *rows);
	rows[nrows].column = rd_strndup(column, column_len);
	rows[nrows].code = rd_strndup(code, code_len);
	rows[nrows].klass = rows[nrows].from = NULL;
	rows[nrows].re = re;
	nrows++;
	err[0] = '\0';
}

void
rd_map_add(const char *column, const char *pattern, const char *code)
{
	char err[300];

	add_row(column, strlen(column), pattern, code, strlen(code), err, sizeof err);
	if (err[0] != '\0')
		rd_die(RD_EXIT_DATA, "built-in map: %s: %s", pattern, err);
}

void
rd_map_load(const char *path)
{
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 16 };
	struct rd_reader *r;
	struct rd_record rec;
	int ccol, pcol, kcol, clcol, fcol, got;

	if (strlen(path) > 4 && strcmp(path + strlen(path) - 4, ".tsv") == 0)
		cfg.tsv = true;
	/*
	 * A map is part of the command: one that is missing, unreadable, not
	 * a file or empty is a usage error (exit 2), like a bad option value.
	 */
	struct stat st;
	if (access(path, R_OK) != 0 || stat(path, &st) != 0)
		rd_die_errno(RD_EXIT_USAGE, "--map %s", path);
	if (!S_ISREG(st.st_mode))
		rd_die(RD_EXIT_USAGE, "--map %s: not a regular file", path);
	if (st.st_size == 0)
		rd_die(RD_EXIT_USAGE, "--map %s: empty file (expected the header "
		    "column,pattern,code)", path);
	r = rd_open_config(path, &cfg);
	ccol = rd_col_required(r, "column");
	pcol = rd_col_required(r, "pattern");
	kcol = rd_col_required(r, "code");
	clcol = rd_col(r, "class");
	fcol = rd_col(r, "from");
	while ((got = rd_next(r, &rec)) != 0) {
		char err[300];

		if (got < 0)
			rd_die(RD_EXIT_USAGE, "%s:%ld:%ld: %s", path, rd_error(r)->line,
			    rd_error(r)->col, rd_error(r)->msg);
		if (rec.len[pcol] == 0 || rec.len[kcol] == 0 || rec.len[ccol] == 0)
			rd_die(RD_EXIT_USAGE, "%s:%ld:1: column, pattern and code must "
			    "not be empty", path, rec.line);
		add_row(rec.f[ccol], rec.len[ccol], rec.f[pcol], rec.f[kcol],
		    rec.len[kcol], err, sizeof err);
		if (err[0] != '\0')
			rd_die(RD_EXIT_USAGE, "%s:%ld:%d: %s", path, rec.line, pcol + 1, err);
		if (clcol >= 0 && rec.len[clcol] > 0)
			rows[nrows - 1].klass = rd_strndup(rec.f[clcol], rec.len[clcol]);
		if (fcol >= 0 && rec.len[fcol] > 0)
			rows[nrows - 1].from = rd_strndup(rec.f[fcol], rec.len[fcol]);
	}
	rd_close(r);
}

int
rd_map_has(const char *column)
{
	for (size_t i = 0; i < nrows; i++)
		if (strcmp(rows[i].column, column) == 0)
			return 1;
	return 0;
}

static int
search_rows(const char *column, const char *value, size_t len,
    const char **code)
{
	/*
	 * A code is one line.  A value with a line break is most likely a
	 * stray quote's field that swallowed whole rows; a pattern found
	 * anywhere in it must not turn those rows into one valid code.
	 */
	if (memchr(value, '\n', len) != NULL || memchr(value, '\r', len) != NULL)
		return 0;
	for (size_t i = 0; i < nrows; i++) {
		if (strcmp(rows[i].column, column) != 0)
			continue;
		int rc = rd_regex_search(rows[i].re, value, len);
		if (rc < 0)
			return -1;
		if (rc > 0) {
			*code = rows[i].code;
			return 1;
		}
	}
	return 0;
}

/* The column's cache number, 1-based; 0 when the cache has no room for it. */
static unsigned
cache_column(const char *column)
{
	for (size_t i = 0; i < ncache_cols; i++)
		if (cache_cols[i] == column || strcmp(cache_cols[i], column) == 0)
			return (unsigned)i + 1;
	if (ncache_cols == sizeof cache_cols / sizeof cache_cols[0])
		return 0;
	cache_cols[ncache_cols] = rd_strndup(column, strlen(column));
	return (unsigned)++ncache_cols;
}

int
rd_map_apply(const char *column, const char *value, size_t len,
    const char **code)
{
	char key[1 + CACHE_VALUE_MAX];
	unsigned col;
	size_t i;
	int is_new;

	if (nrows == 0)
		return 0;
	if (len > CACHE_VALUE_MAX || (col = cache_column(column)) == 0)
		return search_rows(column, value, len, code);
	key[0] = (char)col;
	memcpy(key + 1, value, len);
	if (cache == NULL) {
		cache = rd_idmap_new();
		cached = rd_malloc(CACHE_MAX * sizeof *cached);
	}
	if (rd_idmap_count(cache) == CACHE_MAX) {
		i = rd_idmap_find(cache, key, len + 1);
		if (i == (size_t)-1)
			return search_rows(column, value, len, code);
	} else {
		i = rd_idmap_intern(cache, key, len + 1, &is_new);
		if (is_new) {
			cached[i].code = NULL;
			cached[i].rc = search_rows(column, value, len, &cached[i].code);
		}
	}
	if (cached[i].rc > 0)
		*code = cached[i].code;
	return cached[i].rc;
}

size_t
rd_map_count(void)
{
	return nrows;
}

void
rd_map_row_at(size_t i, struct rd_map_entry *e)
{
	e->column = rows[i].column;
	e->code = rows[i].code;
	e->klass = rows[i].klass;
	e->from = rows[i].from;
}

void
rd_map_thread_end(void)
{
	drop_cache();
	for (size_t i = 0; i < ncache_cols; i++)
		free((char *)cache_cols[i]);
	ncache_cols = 0;
	pcre2_match_data_free(match_data);
	pcre2_match_context_free(match_ctx);
	match_data = NULL;
	match_ctx = NULL;
}
