#include "split.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fields.h"
#include "reader.h"
#include "rejects.h"
#include "writer.h"

uint64_t
split_hash(const char *id, size_t len)
{
	unsigned char out[crypto_shorthash_BYTES];
	uint64_t h = 0;

	_Static_assert(sizeof SPLIT_KEY - 1 == crypto_shorthash_KEYBYTES,
	    "the shard key is one SipHash key");
	crypto_shorthash(out, (const unsigned char *)id, len,
	    (const unsigned char *)SPLIT_KEY);
	/* Little-endian by definition, whatever the machine's byte order. */
	for (int i = crypto_shorthash_BYTES - 1; i >= 0; i--)
		h = h << 8 | out[i];
	return h;
}

unsigned
split_shard(const char *id, size_t len, unsigned nshards)
{
	return (unsigned)(split_hash(id, len) % nshards) + 1;
}

char *
split_dir_name(unsigned shard, unsigned nshards, char *out, size_t outsz)
{
	int width = snprintf(NULL, 0, "%u", nshards);

	if (width < 2)
		width = 2;
	snprintf(out, outsz, "shard-%0*u-of-%0*u", width, shard, width, nshards);
	return out;
}

static int
ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && strcmp(s + len - n, suffix) == 0;
}

char *
split_table_name(const char *path, int out_tsv)
{
	const char *base = strrchr(path, '/');
	size_t len;
	char *name;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len == 0 || strcmp(base, "-") == 0 || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0)
		return NULL;
	if (ends_with(base, len, ".csv") || ends_with(base, len, ".tsv")) {
		name = rd_strdup(base);
		memcpy(name + len - 3, out_tsv ? "tsv" : "csv", 3);
		return name;
	}
	return rd_strdup(base);
}

char *
split_shard_path(const char *out_dir, unsigned shard, unsigned nshards, const char *name)
{
	char dir[SPLIT_DIR_MAX];
	size_t len;
	char *path;

	split_dir_name(shard, nshards, dir, sizeof dir);
	len = strlen(out_dir) + strlen(dir) + (name ? strlen(name) : 0) + 3;
	path = rd_malloc(len);
	snprintf(path, len, "%s/%s%s%s", out_dir, dir, name ? "/" : "",
	    name ? name : "");
	return path;
}

static void
make_dir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0700) == 0)
		return;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return;
	rd_die_errno(RD_EXIT_DATA, "%s", path);
}

void
split_make_dirs(const char *out_dir, unsigned nshards)
{
	make_dir(out_dir);
	for (unsigned s = 1; s <= nshards; s++) {
		char *path = split_shard_path(out_dir, s, nshards, NULL);

		make_dir(path);
		free(path);
	}
}

/* TSV has no quoting: a tab or line break in a value cannot be written. */
static bool
fits_tsv(struct rd_reader *r, const struct rd_record *rec)
{
	for (size_t i = 0; i < rec->n; i++) {
		const char *bad = strpbrk(rec->f[i], "\t\r\n");

		if (bad != NULL) {
			rd_reject(r, rec, (int)i, "%s contains a %s, which TSV output "
			    "cannot hold (split to CSV instead)", rd_header(r)->f[i],
			    *bad == '\t' ? "tab" : "line break");
			return false;
		}
	}
	return true;
}

struct shard_out {
	char *path;
	int fd;
	struct rd_writer *w;
};

void
split_table(struct rd_reader *r, int id_col, const char *out_dir,
    const char *name, unsigned nshards, int out_tsv, struct split_counts *counts)
{
	struct shard_out *out = rd_calloc(nshards, sizeof *out);
	unsigned long *per_shard = rd_calloc(nshards, sizeof *per_shard);
	unsigned long rows = 0;
	struct rd_record rec;

	for (unsigned s = 0; s < nshards; s++) {
		out[s].path = split_shard_path(out_dir, s + 1, nshards, name);
		out[s].fd = open(out[s].path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (out[s].fd < 0)
			rd_die_errno(RD_EXIT_DATA, "%s", out[s].path);
		out[s].w = rd_writer_new_named(out[s].fd, out[s].path);
		rd_put_header_rec(out[s].w, rd_header(r), NULL, 0);
	}
	while (rd_next_good(r, &rec) > 0) {
		unsigned s;

		if (!rd_get_id(r, &rec, id_col, true))
			continue;
		if (out_tsv && !fits_tsv(r, &rec))
			continue;
		s = split_shard(rec.f[id_col], rec.len[id_col], nshards) - 1;
		rd_put_record(out[s].w, &rec);
		rd_end_row(out[s].w);
		per_shard[s]++;
		rows++;
	}
	for (unsigned s = 0; s < nshards; s++) {
		rd_writer_close(out[s].w);
		if (close(out[s].fd) != 0)
			rd_die_errno(RD_EXIT_DATA, "%s", out[s].path);
		free(out[s].path);
	}
	free(out);
	if (counts != NULL) {
		counts->rows = rows;
		counts->per_shard = per_shard;
	} else
		free(per_shard);
}
