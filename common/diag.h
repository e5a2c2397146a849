/*
 * Diagnostics and exit status, the same for every tool.
 *
 *   tool: message                      (rd_warn, rd_die)
 *   tool: message: strerror(errno)     (rd_warn_errno, rd_die_errno)
 *   tool: FILE:LINE:COL: message       (rd_data_msg: one bad place in an input)
 *
 * Exit status: 0 success, 1 data error (bad rows, I/O), 2 usage error.
 * Values quoted in messages are cut to their first 40 bytes so that a
 * message never carries more patient data than it needs.
 */
#ifndef RD_DIAG_H
#define RD_DIAG_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define RD_EXIT_OK 0
#define RD_EXIT_DATA 1
#define RD_EXIT_USAGE 2

extern const char *rd_progname;

void rd_setprogname(const char *argv0);
void rd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void rd_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * As rd_warn and rd_die, with ": " and strerror(errno) appended, as err(3)
 * and warn(3) do; errno is read before anything is printed.
 */
void rd_warn_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void rd_die_errno(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void rd_data_msg(const char *file, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void rd_vdata_msg(const char *file, long line, long col, const char *fmt,
    va_list ap);
/*
 * Writes value as a printable, single-quoted excerpt of at most 40 bytes
 * (cut on a UTF-8 boundary, "..." appended when cut) into out.
 */
const char *rd_excerpt(const char *value, size_t len, char *out, size_t outsz);
/* Allocation that cannot fail: on failure the tool stops with exit 1. */
void *rd_malloc(size_t size);
void *rd_calloc(size_t n, size_t size);
void *rd_realloc(void *p, size_t size);
char *rd_strdup(const char *s);
char *rd_strndup(const char *s, size_t len);
/*
 * Exits with status after running the hook (the writer of standard output
 * sets it, to send out the rows that are complete, never half a row).
 * rd_die() ends here too.
 */
_Noreturn void rd_exit(int status);
extern void (*rd_exit_hook)(void);
/*
 * A worker thread (par.h) must not print or end the process: with a trap
 * set for the thread, messages are appended to its buffer instead of
 * stderr, and rd_exit() (so rd_die() too) jumps back to the trap's
 * setjmp with the status, without running the exit hook.
 */
struct rd_diag_trap {
	jmp_buf at;
	int status;
	char *msgs;		/* messages, each line ending in LF */
	size_t len, cap;
};
void rd_diag_set_trap(struct rd_diag_trap *);	/* NULL: print and exit */
/* Flushes and closes stdout; a write error (a full disk) exits 1. */
void rd_close_stdout(void);

#endif
