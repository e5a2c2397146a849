/*
 * libFuzzer harness: patient-split's table splitting (cmd/patient-split)
 * over rows under a fixed header must never crash, leak or loop; every
 * bad row goes to a rejects file (/dev/null), the rows written add up to
 * the good rows, and every row lands in a shard from 1 to N.  The first
 * input byte picks CSV or TSV output and the number of shards (1 to 8).
 * Writes its shard files under build/fuzz/patient-split-shards.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <errno.h>
#include <sodium.h>
#include <sys/stat.h>

#include "split.h"
#include "fuzz_rows.h"

static const char header[] = "visit,patient_id,note\n";

static void
init_sodium(void)
{
	if (sodium_init() < 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* make fuzz runs from the top folder; the shards stay in build/. */
	static const char dir[] = "build/fuzz/patient-split-shards";
	static int made;
	struct split_counts counts;
	struct rd_reader *r;
	unsigned nshards;
	unsigned long sum = 0;

	if (size == 0)
		return 0;
	r = fuzz_open_rows("fuzz_patient-split", header, data + 1, size - 1,
	    init_sodium);
	if (r == NULL)
		return 0;
	if (!made) {
		split_make_dirs(dir, 8);	/* 1..8 shards share the first folders */
		made = 1;
	}
	nshards = (unsigned)(data[0] % 8) + 1;
	rd_opt.out_tsv = data[0] & 0x80;
	for (unsigned s = 1; s <= nshards; s++) {
		char name[SPLIT_DIR_MAX], path[sizeof dir + SPLIT_DIR_MAX + 1];

		snprintf(path, sizeof path, "%s/%s", dir,
		    split_dir_name(s, nshards, name, sizeof name));
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			abort();
	}
	split_table(r, rd_col(r, "patient_id"), dir, "t.csv", nshards,
	    rd_opt.out_tsv, &counts);
	for (unsigned s = 0; s < nshards; s++)
		sum += counts.per_shard[s];
	if (sum != counts.rows)
		abort();
	for (size_t i = 1; i < size && i < 64; i++)
		if (split_shard((const char *)data, i, nshards) < 1 ||
		    split_shard((const char *)data, i, nshards) > nshards)
			abort();
	free(counts.per_shard);
	rd_close(r);
	return 0;
}
