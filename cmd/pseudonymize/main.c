/*
 * pseudonymize: replace identifier columns with keyed pseudonyms, drop
 * columns, and refuse national identity numbers in what is written (see
 * pseudonymize(1)).  Streams: one row in, one row out; memory apart from
 * the bounded pseudonym cache is constant.
 */
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "key.h"
#include "lanes.h"
#include "natid.h"
#include "opts.h"
#include "samefile.h"
#include "pseudo.h"
#include "reader.h"
#include "par.h"
#include "rejects.h"
#include "writer.h"

static const char usage_text[] =
    "usage: pseudonymize [--key-file FILE --columns LIST] [--drop LIST]\n"
    "                    [--allow-national-ids] [--cache N] [-j N] [options]\n"
    "                    [FILE]\n"
    "       pseudonymize --keygen FILE\n"
    "Replaces the values of the --columns with keyed pseudonyms (HMAC-SHA256,\n"
    "first 16 bytes in hex), removes the --drop columns, and stops at any\n"
    "Swedish or Norwegian national identity number left in the output.\n"
    "  --key-file FILE       the key: at least 32 bytes, mode 0600\n"
    "  --columns LIST        comma-separated columns to pseudonymize\n"
    "  --drop LIST           comma-separated columns to leave out\n"
    "  --allow-national-ids  do not scan for national identity numbers\n"
    "  --cache N             pseudonyms remembered (default 20000; 0 none)\n"
    "  --keygen FILE         write a new random 32-byte key to FILE (0600)\n"
    "  -j N                  threads (default: the CPUs)\n"
    RD_COMMON_USAGE;

enum {
	OPT_KEY_FILE = RD_OPT_TOOL_BASE,
	OPT_COLUMNS,
	OPT_DROP,
	OPT_ALLOW_NATIONAL_IDS,
	OPT_CACHE,
	OPT_KEYGEN
};

struct settings {
	const char *key_path;
	const char *keygen_path;
	struct pseudo_names hash, drop;
	bool allow_national_ids;
	size_t cache_max;
};

static void
add_names(struct pseudo_names *list, const char *option, const char *arg)
{
	const char *why = pseudo_names_add(list, arg);

	if (why != NULL)
		rd_usage_msg("%s '%s' %s", option, arg, why);
}

static void
parse_options(int argc, char *argv[], struct settings *s)
{
	static const struct option longopts[] = {
		{ "key-file", required_argument, NULL, OPT_KEY_FILE },
		{ "columns", required_argument, NULL, OPT_COLUMNS },
		{ "drop", required_argument, NULL, OPT_DROP },
		{ "allow-national-ids", no_argument, NULL, OPT_ALLOW_NATIONAL_IDS },
		{ "cache", required_argument, NULL, OPT_CACHE },
		{ "keygen", required_argument, NULL, OPT_KEYGEN },
		RD_COMMON_LONGOPTS
	};
	int ch;

	memset(s, 0, sizeof *s);
	s->cache_max = PSEUDO_DEFAULT_CACHE;
	while ((ch = rd_getopt(argc, argv, longopts)) != -1) {
		switch (ch) {
		case OPT_ALLOW_NATIONAL_IDS:
			s->allow_national_ids = true;
			break;
		case OPT_CACHE:
			s->cache_max = (size_t)rd_opt_long("--cache", optarg, 0,
			    PSEUDO_CACHE_LIMIT);
			break;
		case OPT_COLUMNS:
			add_names(&s->hash, "--columns", optarg);
			break;
		case OPT_DROP:
			add_names(&s->drop, "--drop", optarg);
			break;
		case OPT_KEY_FILE:
			s->key_path = optarg;
			break;
		case OPT_KEYGEN:
			s->keygen_path = optarg;
			break;
		case 'j':
			rd_opt_threads(optarg);
			break;
		default:
			if (!rd_opt_common(ch, optarg))
				rd_usage();
		}
	}
}

static void
check_settings(const struct settings *s, int nfiles)
{
	const char *both;

	if (s->keygen_path != NULL) {
		if (s->key_path != NULL || s->hash.n > 0 || s->drop.n > 0 ||
		    nfiles > 0)
			rd_usage_msg("--keygen FILE only writes a key; run it on its own");
		return;
	}
	if (nfiles > 1)
		rd_usage_msg("at most one input file");
	if (s->hash.n > 0 && s->key_path == NULL)
		rd_usage_msg("--columns needs --key-file FILE (make one with --keygen FILE)");
	if ((both = pseudo_names_overlap(&s->hash, &s->drop)) != NULL)
		rd_usage_msg("column '%s' is in both --columns and --drop", both);
}

static _Noreturn void
keygen(const char *path)
{
	char why[512];
	int exists;

	if (key_generate(path, &exists, why, sizeof why) != 0)
		rd_die(exists ? RD_EXIT_USAGE : RD_EXIT_DATA, "%s", why);
	exit(RD_EXIT_OK);
}

static struct pseudo *
open_pseudo(const struct settings *s)
{
	unsigned char *key;
	size_t keylen;
	struct pseudo *p;
	char why[512];

	if (key_load(s->key_path, &key, &keylen, why, sizeof why) != 0)
		rd_die(RD_EXIT_USAGE, "%s", why);
	p = pseudo_new(key, keylen, s->cache_max);
	key_free(key, keylen);
	return p;
}

/*
 * Column names are output too: false (the tool must stop, whatever
 * --rejects says) when one holds a number.
 */
static bool
header_is_clean(struct rd_natid *nid, const struct pseudo_plan *plan,
    const struct rd_reader *r)
{
	const struct rd_record *hdr = rd_header(r);
	enum rd_natid_kind kind;
	size_t col;
	int rc = pseudo_scan(nid, plan, hdr, &col, &kind);

	if (rc > 0)
		rd_data_msg(rd_name(r), hdr->line, (long)col + 1, "the name of "
		    "column %zu holds a %s", col + 1, rd_natid_kind_name(kind));
	else if (rc < 0)
		rd_data_msg(rd_name(r), hdr->line, (long)col + 1, "the name of "
		    "column %zu could not be scanned for national identity "
		    "numbers (PCRE2 match limit)", col + 1);
	return rc == 0;
}

/* --cache N in all: each thread that reads rows gets its share. */
static size_t
cache_each(size_t cache_max)
{
	size_t threads = (size_t)rd_par_threads();

	return (cache_max + threads - 1) / threads;
}

int
main(int argc, char *argv[])
{
	struct settings s;
	struct pseudo *p = NULL;
	struct pseudo_plan plan;
	struct lanes lanes;
	struct lane *first;
	struct rd_reader *r;
	struct rd_writer *w;
	const char *missing, *which;
	int status;
	bool clean;

	rd_opts_init(argv[0], usage_text);
	parse_options(argc, argv, &s);
	check_settings(&s, argc - optind);
	if (sodium_init() < 0)
		rd_die(RD_EXIT_DATA, "libsodium could not be initialised");
	rd_file_inputs(argc - optind, argv + optind);
	rd_file_input("--key-file", s.key_path);
	if (s.keygen_path != NULL) {
		rd_file_output("--keygen", s.keygen_path);
		rd_files_check();
		keygen(s.keygen_path);
	}
	rd_opts_done();
	(void)rd_par_threads();	/* a bad RUSDATA_THREADS before any reading */
	if (s.key_path != NULL)
		p = open_pseudo(&s);

	r = rd_open(optind < argc ? argv[optind] : NULL);
	missing = pseudo_plan_build(&plan, rd_header(r), &s.hash, &s.drop,
	    !s.allow_national_ids, &which);
	if (missing != NULL)
		rd_die(RD_EXIT_USAGE, "%s: %s names column '%s', which the input "
		    "does not have", rd_name(r), which, missing);
	lanes_init(&lanes, &plan, p, cache_each(s.cache_max),
	    !s.allow_national_ids);
	first = lane_take(&lanes);
	clean = header_is_clean(first->nid, &plan, r);
	lane_give(&lanes, first);
	if (!clean)
		status = RD_EXIT_DATA;
	else {
		w = rd_writer_new(STDOUT_FILENO);
		pseudo_write_header(w, &plan, rd_header(r));
		rd_par_rows(r, w, lanes_rows, &lanes);
		rd_writer_close(w);
		status = rd_exit_status();
	}
	rd_close(r);
	lanes_free(&lanes);
	pseudo_plan_free(&plan);
	pseudo_free(p);
	pseudo_names_free(&s.hash);
	pseudo_names_free(&s.drop);
	return status;
}
