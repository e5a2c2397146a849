#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *rd_progname = "rusdata";
void (*rd_exit_hook)(void);
static _Thread_local struct rd_diag_trap *trap;

void
rd_diag_set_trap(struct rd_diag_trap *t)
{
	trap = t;
}

void
rd_exit(int status)
{
	void (*hook)(void);

	/* A worker's trap first: it never reads the hook another thread sets. */
	if (trap != NULL) {
		trap->status = status;
		longjmp(trap->at, 1);
	}
	hook = rd_exit_hook;

	/* Once: a write error inside the hook dies through here again. */
	rd_exit_hook = NULL;
	if (hook != NULL)
		hook();
	exit(status);
}

void
rd_setprogname(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	rd_progname = slash ? slash + 1 : argv0;
}

/* Appends to the trap's buffer what would go to stderr. */
static void
trap_vprintf(const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0)
		return;
	if (trap->len + (size_t)n + 1 > trap->cap) {
		trap->cap = 2 * (trap->len + (size_t)n + 1);
		trap->msgs = rd_realloc(trap->msgs, trap->cap);
	}
	vsnprintf(trap->msgs + trap->len, (size_t)n + 1, fmt, ap);
	trap->len += (size_t)n;
}

static void
out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (trap != NULL)
		trap_vprintf(fmt, ap);
	else
		vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void
vout(const char *fmt, va_list ap)
{
	if (trap != NULL)
		trap_vprintf(fmt, ap);
	else
		vfprintf(stderr, fmt, ap);
}

static void
vmsg(const char *fmt, va_list ap)
{
	out("%s: ", rd_progname);
	vout(fmt, ap);
	out("\n");
}

void
rd_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
rd_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	rd_exit(status);
}

static void
vmsg_errno(const char *fmt, va_list ap)
{
	int saved = errno;

	out("%s: ", rd_progname);
	vout(fmt, ap);
	out(": %s\n", strerror(saved));
}

void
rd_warn_errno(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg_errno(fmt, ap);
	va_end(ap);
}

void
rd_die_errno(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg_errno(fmt, ap);
	va_end(ap);
	rd_exit(status);
}

void
rd_vdata_msg(const char *file, long line, long col, const char *fmt,
    va_list ap)
{
	out("%s: %s:%ld:%ld: ", rd_progname, file, line, col);
	vout(fmt, ap);
	out("\n");
}

void
rd_data_msg(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rd_vdata_msg(file, line, col, fmt, ap);
	va_end(ap);
}

const char *
rd_excerpt(const char *value, size_t len, char *out, size_t outsz)
{
	size_t keep = len > 40 ? 40 : len;
	size_t o = 0;

	/* Do not cut a UTF-8 sequence in half. */
	while (keep < len && keep > 0 && ((unsigned char)value[keep] & 0xC0) == 0x80)
		keep--;
	if (outsz < 4)
		return "";
	out[o++] = '\'';
	for (size_t i = 0; i < keep && o + 6 < outsz; i++) {
		unsigned char c = (unsigned char)value[i];
		/* Control bytes would corrupt a terminal or a log line. */
		out[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (keep < len && o + 5 < outsz) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '\'';
	out[o] = '\0';
	return out;
}

static _Noreturn void
out_of_memory(void)
{
	rd_die(RD_EXIT_DATA, "out of memory");
}

void *
rd_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
rd_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
rd_realloc(void *old, size_t size)
{
	void *p = realloc(old, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

char *
rd_strndup(const char *s, size_t len)
{
	char *p = rd_malloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
rd_strdup(const char *s)
{
	return rd_strndup(s, strlen(s));
}

void
rd_close_stdout(void)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		failed = 1;
	if (failed)
		rd_die(RD_EXIT_DATA, "write error on standard output: %s",
		    strerror(errno ? errno : EIO));
}
