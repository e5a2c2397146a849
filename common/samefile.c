#include "samefile.h"

#include <errno.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "opts.h"

struct named_file {
	const char *role, *path;	/* path NULL: standard input or output */
	bool output;
	bool exists;			/* a regular file: dev and ino are set */
	bool in_dir;			/* not there yet: dir_dev, dir_ino, base */
	dev_t dev, dir_dev;
	ino_t ino, dir_ino;
	char *base;
};

static struct named_file *files;
static size_t nfiles;

static void
add(const char *role, const char *path, bool output)
{
	files = rd_realloc(files, (nfiles + 1) * sizeof *files);
	files[nfiles++] = (struct named_file){ .role = role, .path = path,
	    .output = output };
}

void
rd_file_input(const char *role, const char *path)
{
	if (path == NULL)
		return;
	if (strcmp(path, "-") == 0)
		add("standard input", NULL, false);
	else
		add(role, path, false);
}

void
rd_file_inputs(int n, char *const *paths)
{
	if (n <= 0)
		rd_file_input(NULL, "-");
	for (int i = 0; i < n; i++)
		rd_file_input("the input", paths[i]);
}

void
rd_file_output(const char *role, const char *path)
{
	add(role, path, true);
}

/* Where the file is: its inode, or for an output still to be made its directory entry. */
static void
identify(struct named_file *f)
{
	struct stat st;
	int rc;

	if (f->path == NULL)
		rc = fstat(f->output ? STDOUT_FILENO : STDIN_FILENO, &st);
	else
		rc = stat(f->path, &st);
	if (rc == 0) {
		f->exists = S_ISREG(st.st_mode);
		f->dev = st.st_dev;
		f->ino = st.st_ino;
		return;
	}
	if (f->path == NULL || errno != ENOENT || !f->output)
		return;		/* the tool reports it when it opens the file */
	char *dir_copy = rd_strdup(f->path), *base_copy = rd_strdup(f->path);
	if (stat(dirname(dir_copy), &st) == 0) {
		f->in_dir = true;
		f->dir_dev = st.st_dev;
		f->dir_ino = st.st_ino;
		f->base = rd_strdup(basename(base_copy));
	}
	free(dir_copy);
	free(base_copy);
}

static bool
same(const struct named_file *a, const struct named_file *b)
{
	if (a->exists && b->exists)
		return a->dev == b->dev && a->ino == b->ino;
	return a->in_dir && b->in_dir && a->dir_dev == b->dir_dev &&
	    a->dir_ino == b->dir_ino && strcmp(a->base, b->base) == 0;
}

void
rd_files_check(void)
{
	if (rd_opt.rejects_path != NULL)
		rd_file_output("--rejects", rd_opt.rejects_path);
	for (size_t i = 0; i < rd_opt.nmap_paths; i++)
		rd_file_input("--map", rd_opt.map_paths[i]);
	rd_file_output("standard output", NULL);
	for (size_t i = 0; i < nfiles; i++)
		identify(&files[i]);
	for (size_t i = 0; i < nfiles; i++) {
		const struct named_file *out = &files[i];

		for (size_t j = 0; out->output && j < nfiles; j++) {
			const struct named_file *other = &files[j];

			if (j == i || (other->output && j < i) || !same(out, other))
				continue;
			rd_usage_msg("%s%s%s is the same file as %s%s%s: writing one "
			    "would destroy the other", out->role,
			    out->path ? " " : "", out->path ? out->path : "", other->role,
			    other->path ? " " : "", other->path ? other->path : "");
		}
	}
	for (size_t i = 0; i < nfiles; i++)
		free(files[i].base);
	free(files);
	files = NULL;
	nfiles = 0;
}
