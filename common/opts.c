#include "opts.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fields.h"
#include "map.h"
#include "reader.h"
#include "rejects.h"
#include "samefile.h"
#include "writer.h"

struct rd_options rd_opt;

static const char *usage_text = "";

void
rd_opts_init(const char *argv0, const char *usage)
{
	rd_setprogname(argv0);
	usage_text = usage;
	memset(&rd_opt, 0, sizeof rd_opt);
	rd_opt.delim = ',';
	rd_opt.date_format = RD_DATE_ISO;
	rd_opt.id_pattern = RD_DEFAULT_ID_PATTERN;
	rd_opt.max_field_bytes = (size_t)1 << 20;
}

void
rd_usage(void)
{
	/* One line, as datamash does: the full text is for --help. */
	fprintf(stderr, "Try '%s --help'.\n", rd_progname);
	exit(RD_EXIT_USAGE);
}

void
rd_usage_msg(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", rd_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	rd_usage();
}

static const struct option *
find_long(const struct option *longopts, const char *name, size_t len)
{
	for (const struct option *o = longopts; o->name != NULL; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

/*
 * "--to" is not "--tolerance": a prefix that getopt_long would complete is
 * refused, naming what it could mean.  Arguments of options are skipped,
 * so "--title --to" is not read as an option.
 */
static void
check_long_spellings(int argc, char *const argv[], const struct option *longopts)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		const struct option *o;
		size_t len;

		if (strcmp(a, "--") == 0)
			return;
		if (a[0] == '-' && a[1] != '-' && a[1] != '\0') {
			/* -d C: the only short option, and it takes an argument. */
			const char *colon = strchr(RD_COMMON_SHORTOPTS, a[1]);
			if (colon != NULL && colon[1] == ':' && a[2] == '\0')
				i++;
			continue;
		}
		if (a[0] != '-' || a[1] != '-')
			continue;
		a += 2;
		eq = strchr(a, '=');
		len = eq != NULL ? (size_t)(eq - a) : strlen(a);
		if ((o = find_long(longopts, a, len)) != NULL) {
			if (o->has_arg == required_argument && eq == NULL)
				i++;
			continue;
		}
		char could[512] = "";
		size_t n = 0, used = 0;
		for (o = longopts; o->name != NULL; o++)
			if (strncmp(o->name, a, len) == 0 && used + strlen(o->name) + 8 < sizeof could) {
				used += (size_t)snprintf(could + used, sizeof could - used,
				    "%s--%s", n++ ? ", " : "", o->name);
			}
		if (n > 0)
			rd_usage_msg("--%.*s is not an option; long options must be "
			    "spelled out (did you mean %s?)", (int)len, a, could);
	}
}

int
rd_getopt(int argc, char *const argv[], const struct option *longopts)
{
	static bool checked;

	if (!checked) {
		checked = true;
		check_long_spellings(argc, argv, longopts);
	}
	return getopt_long(argc, argv, RD_COMMON_SHORTOPTS, longopts, NULL);
}

long
rd_opt_long(const char *name, const char *arg, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < min || v > max)
		rd_usage_msg("%s '%s' is not a whole number from %ld to %ld",
		    name, arg, min, max);
	return v;
}

void
rd_opt_threads(const char *arg)
{
	rd_opt.threads = (int)rd_opt_long("-j", arg, 1, 256);
}

double
rd_opt_double(const char *name, const char *arg, double min, double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !(v >= min && v <= max))
		rd_usage_msg("%s '%s' is not a number from %g to %g", name, arg, min, max);
	return v;
}

int
rd_opt_date(const char *name, const char *arg)
{
	int day;

	int rc = rd_date_parse(arg, strlen(arg), rd_opt.date_format, &day);

	if (rc == -1)
		rc = rd_date_parse(arg, strlen(arg), RD_DATE_DMY, &day);
	if (rc == -2)
		rd_usage_msg("%s '%s' is outside the years %d to %d", name, arg,
		    RD_YEAR_MIN, RD_YEAR_MAX);
	if (rc != 0)
		rd_usage_msg("%s '%s' is not a valid date (expected YYYY-MM-DD)", name, arg);
	return day;
}

static void
print_and_exit(FILE *to, const char *text)
{
	fputs(text, to);
	rd_close_stdout();
	exit(RD_EXIT_OK);
}

bool
rd_opt_common(int c, const char *arg)
{
	switch (c) {
	case 'd':
		if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' || arg[0] == '\r')
			rd_usage_msg("-d takes one character other than a quote or line break");
		rd_opt.delim = arg[0];
		break;
	case 'j':
		rd_usage_msg("-j: %s has no mode that runs in threads", rd_progname);
	case RD_OPT_TSV:
		rd_opt.in_tsv = rd_opt.out_tsv = true;
		break;
	case RD_OPT_ITSV:
		rd_opt.in_tsv = true;
		break;
	case RD_OPT_ICSV:
		rd_opt.in_tsv = false;
		break;
	case RD_OPT_OTSV:
		rd_opt.out_tsv = true;
		break;
	case RD_OPT_OCSV:
		rd_opt.out_tsv = false;
		break;
	case RD_OPT_CRLF:
		rd_opt.crlf = true;
		break;
	case RD_OPT_EXCEL:
		rd_opt.excel = true;
		break;
	case RD_OPT_LATIN1:
		rd_opt.latin1 = true;
		break;
	case RD_OPT_IEXCEL:
		/* A later -d still wins: an Excel file saved with commas. */
		rd_opt.iexcel = true;
		rd_opt.delim = ';';
		break;
	case RD_OPT_TRIM:
		rd_opt.trim = true;
		break;
	case RD_OPT_REJECTS:
		rd_opt.rejects_path = arg;
		break;
	case RD_OPT_AS_OF:
		rd_opt.as_of = rd_opt_date("--as-of", arg);
		rd_opt.as_of_given = true;
		break;
	case RD_OPT_DATE_FORMAT:
		if (strcmp(arg, "iso") == 0)
			rd_opt.date_format = RD_DATE_ISO;
		else if (strcmp(arg, "dmy") == 0)
			rd_opt.date_format = RD_DATE_DMY;
		else
			rd_usage_msg("--date-format '%s' is not iso or dmy", arg);
		break;
	case RD_OPT_ID_PATTERN:
		rd_opt.id_pattern = arg;
		break;
	case RD_OPT_MAP:
		rd_opt.map_paths = rd_realloc(rd_opt.map_paths,
		    (rd_opt.nmap_paths + 1) * sizeof *rd_opt.map_paths);
		rd_opt.map_paths[rd_opt.nmap_paths++] = arg;
		break;
	case RD_OPT_MAX_FIELD:
		rd_opt.max_field_bytes = (size_t)rd_opt_long("--max-field", arg, 1,
		    1L << 30);
		break;
	case RD_OPT_HELP:
		print_and_exit(stdout, usage_text);
		break;
	case RD_OPT_VERSION: {
		char text[128];
		snprintf(text, sizeof text, "%s (rusdata) %s\n", rd_progname, RD_VERSION);
		print_and_exit(stdout, text);
		break;
	}
	default:
		return false;
	}
	return true;
}

void
rd_opts_done(void)
{
	if (!rd_opt.as_of_given)
		rd_opt.as_of = rd_date_today();
	if (rd_opt.excel && rd_opt.out_tsv)
		rd_usage_msg("--excel writes CSV; it cannot be combined with TSV output");
	if (rd_opt.iexcel && rd_opt.in_tsv)
		rd_usage_msg("--iexcel reads CSV; it cannot be combined with TSV input");
	rd_ids_init(rd_opt.id_pattern);
	rd_files_check();	/* before the rejects file is created */
	rd_rejects_open(rd_opt.rejects_path);
	for (size_t i = 0; i < rd_opt.nmap_paths; i++)
		rd_map_load(rd_opt.map_paths[i]);
}

/*
 * The readers and writers of the command line: the one place where
 * rd_opt becomes their settings, which they carry from then on (nothing
 * in reader.c, writer.c or fields.c reads rd_opt).
 */
struct rd_reader *
rd_open(const char *path)
{
	struct rd_reader_config cfg = {
		.tsv = rd_opt.in_tsv,
		.delim = rd_opt.delim,
		.latin1 = rd_opt.latin1,
		.max_field_bytes = rd_opt.max_field_bytes,
		.trim = rd_opt.trim,
		.excel = rd_opt.iexcel,
		.date_format = rd_opt.date_format,
	};

	return rd_open_config(path, &cfg);
}

struct rd_writer *
rd_writer_new_named(int fd, const char *name)
{
	struct rd_writer_config cfg = {
		.tsv = rd_opt.out_tsv,
		.crlf = rd_opt.crlf,
		.excel = rd_opt.excel,
		.name = name,
	};

	return rd_writer_new_config(fd, &cfg);
}

struct rd_writer *
rd_writer_new(int fd)
{
	return rd_writer_new_named(fd, NULL);
}
