/*
 * patient-split internals (see patient-split(1)).
 *
 * A patient's shard is SipHash-2-4 (libsodium's crypto_shorthash) of the
 * bytes of patient_id under the fixed, public key "rusdata-shard-v1",
 * read as a little-endian 64-bit number, modulo the number of shards,
 * plus one: shards are numbered 1..N.  Nothing in it depends on the
 * machine, the locale or the version, so every table of a patient lands
 * in the same shard wherever and whenever it is split.  The key is not a
 * secret: the hash only has to spread identifiers evenly.
 *
 * Shard I of N is the folder OUT/shard-II-of-NN, numbers zero-padded to
 * the digits of N (at least two).  A table keeps its file name, with the
 * extension .csv or .tsv following the output format.
 */
#ifndef PATIENT_SPLIT_H
#define PATIENT_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#define SPLIT_KEY "rusdata-shard-v1"	/* 16 bytes: crypto_shorthash_KEYBYTES */
#define SPLIT_MAX_SHARDS 1000

/* The 64-bit hash of an identifier (sodium_init() must have run). */
uint64_t split_hash(const char *id, size_t len);
/* The shard of an identifier, 1..nshards. */
unsigned split_shard(const char *id, size_t len, unsigned nshards);
/* "shard-03-of-08" into out; returns out. */
char *split_dir_name(unsigned shard, unsigned nshards, char *out, size_t outsz);
#define SPLIT_DIR_MAX 32
/*
 * The output file name of an input path: its last component, with a
 * .csv or .tsv extension replaced by the output format's.  Returns a new
 * string (free it), or NULL when the path has no file name ("-", "dir/").
 */
char *split_table_name(const char *path, int out_tsv);
/* OUT/shard-I-of-N/NAME (name NULL: the folder); free it. */
char *split_shard_path(const char *out_dir, unsigned shard, unsigned nshards,
    const char *name);

#endif

struct rd_reader;

/* What split_table did with one table. */
struct split_counts {
	unsigned long rows;		/* good rows written */
	unsigned long *per_shard;	/* nshards counts, indexed shard - 1 */
};

/*
 * Writes every good row of r into OUT/shard-I-of-N/name, the header into
 * every shard (so a shard without rows gets a header-only file).  A bad
 * row (the reader's, or an invalid or empty patient_id, or a value TSV
 * output cannot hold) goes to rd_reject().  Memory: one output buffer per
 * shard, whatever the input's length.  counts may be NULL; its per_shard
 * array is allocated here (free it).
 */
void split_table(struct rd_reader *r, int id_col, const char *out_dir,
    const char *name, unsigned nshards, int out_tsv, struct split_counts *counts);
/* Creates OUT and its shard folders when missing; exits 1 when it cannot. */
void split_make_dirs(const char *out_dir, unsigned nshards);
