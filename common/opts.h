/*
 * The options every tool shares, parsed in one place.
 *
 * A tool builds its getopt_long table as its own options followed by
 * RD_COMMON_LONGOPTS, with RD_COMMON_SHORTOPTS in its short-option string,
 * and hands every option its own switch does not know to rd_opt_common().
 * The parsed values live in the global rd_opt, which the reader, writer,
 * field validators and rejects file consult.
 */
#ifndef RD_OPTS_H
#define RD_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "date.h"

#define RD_VERSION "0.1.0"

enum {
	RD_OPT_TSV = 0x1000,
	RD_OPT_ITSV,
	RD_OPT_ICSV,
	RD_OPT_OTSV,
	RD_OPT_OCSV,
	RD_OPT_CRLF,
	RD_OPT_EXCEL,
	RD_OPT_LATIN1,
	RD_OPT_REJECTS,
	RD_OPT_AS_OF,
	RD_OPT_DATE_FORMAT,
	RD_OPT_ID_PATTERN,
	RD_OPT_MAP,
	RD_OPT_MAX_FIELD,
	RD_OPT_IEXCEL,
	RD_OPT_TRIM,
	RD_OPT_HELP,
	RD_OPT_VERSION,
	RD_OPT_TOOL_BASE = 0x2000	/* tools number their own long options from here */
};

#define RD_COMMON_SHORTOPTS "d:j:"	/* -j: tools with par.h handle it */
#define RD_COMMON_LONGOPTS \
	{ "tsv", no_argument, NULL, RD_OPT_TSV }, \
	{ "itsv", no_argument, NULL, RD_OPT_ITSV }, \
	{ "icsv", no_argument, NULL, RD_OPT_ICSV }, \
	{ "otsv", no_argument, NULL, RD_OPT_OTSV }, \
	{ "ocsv", no_argument, NULL, RD_OPT_OCSV }, \
	{ "crlf", no_argument, NULL, RD_OPT_CRLF }, \
	{ "excel", no_argument, NULL, RD_OPT_EXCEL }, \
	{ "latin1", no_argument, NULL, RD_OPT_LATIN1 }, \
	{ "rejects", required_argument, NULL, RD_OPT_REJECTS }, \
	{ "as-of", required_argument, NULL, RD_OPT_AS_OF }, \
	{ "date-format", required_argument, NULL, RD_OPT_DATE_FORMAT }, \
	{ "id-pattern", required_argument, NULL, RD_OPT_ID_PATTERN }, \
	{ "map", required_argument, NULL, RD_OPT_MAP }, \
	{ "max-field", required_argument, NULL, RD_OPT_MAX_FIELD }, \
	{ "iexcel", no_argument, NULL, RD_OPT_IEXCEL }, \
	{ "trim", no_argument, NULL, RD_OPT_TRIM }, \
	{ "help", no_argument, NULL, RD_OPT_HELP }, \
	{ "version", no_argument, NULL, RD_OPT_VERSION }, \
	{ NULL, 0, NULL, 0 }

/* Usage text of the common options, for each tool's --help. */
#define RD_COMMON_USAGE \
	"common options:\n" \
	"  --tsv | --itsv --otsv | --icsv --ocsv   TSV or CSV on input/output\n" \
	"  -d C            CSV input delimiter (default ,)\n" \
	"  --crlf          CRLF line ends on output\n" \
	"  --excel         output for Nordic Excel (; decimal comma, BOM, CRLF)\n" \
	"  --iexcel        input from --excel or Excel (; decimal comma, ' guard)\n" \
	"  --trim          drop spaces and tabs around input values\n" \
	"  --latin1        input is ISO-8859-1/Windows-1252\n" \
	"  --rejects FILE  write bad rows to FILE and go on\n" \
	"  --as-of DATE    today's date for summaries (default: local date)\n" \
	"  --date-format iso|dmy   also accept DD.MM.YYYY\n" \
	"  --id-pattern RE  identifier pattern (PCRE2)\n" \
	"  --map FILE      code mapping table (column,pattern,code)\n" \
	"  --max-field N   longest field in bytes (default 1048576)\n" \
	"  --help, --version\n"

struct rd_options {
	bool in_tsv, out_tsv;
	char delim;			/* CSV input delimiter */
	bool crlf, excel, latin1;
	bool iexcel, trim;		/* input fix-ups: infix.h */
	const char *rejects_path;	/* NULL: strict, stop at the first bad row */
	int as_of;			/* day number */
	bool as_of_given;
	enum rd_date_format date_format;
	const char *id_pattern;
	const char **map_paths;		/* --map may be repeated */
	size_t nmap_paths;
	size_t max_field_bytes;
	int threads;			/* -j N; 0: RUSDATA_THREADS or the CPUs */
};

extern struct rd_options rd_opt;

/*
 * Sets defaults and the usage text printed by --help (to stdout, exit 0).
 * A bad option prints one line and "Try 'TOOL --help'." (stderr, exit 2).
 */
void rd_opts_init(const char *argv0, const char *usage_text);
/*
 * getopt_long with RD_COMMON_SHORTOPTS, but long options must be spelled
 * out: on its first call it checks every long option of argv, and an
 * abbreviation (which getopt_long would take for the option it starts)
 * is a usage error naming the options it could mean.
 */
int rd_getopt(int argc, char *const argv[], const struct option *longopts);
/* Handles one shared option; returns false when c is not one of them. */
bool rd_opt_common(int c, const char *arg);
/* Reports an unknown option (getopt's '?') or a bad value: one line, exit 2. */
_Noreturn void rd_usage(void);
_Noreturn void rd_usage_msg(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/*
 * Called once after getopt: compiles the identifier pattern, loads --map
 * files, creates the rejects file.  Exits 2 on a bad value.
 */
void rd_opts_done(void);

/* -j N, for the tools that run rows in threads (par.h): 1 to 256. */
void rd_opt_threads(const char *arg);

/* Range-checked numeric option arguments; a bad value is a usage error. */
long rd_opt_long(const char *name, const char *arg, long min, long max);
double rd_opt_double(const char *name, const char *arg, double min, double max);
int rd_opt_date(const char *name, const char *arg);

#endif
