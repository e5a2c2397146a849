# Shell functions shared by the Slurm scripts: the folder layout of
# patient-split(1), DIR/shard-I-of-N, both numbers zero-padded to the
# digits of N and at least two.

# The number of shards in DIR (every folder shard-*-of-N agrees on N).
shard_count() {
	set -- "$1"/shard-*-of-*
	[ -d "$1" ] || { echo "no shard-I-of-N folders (run patient-split first)" >&2; return 1; }
	n=${1##*-of-}
	[ "$#" -eq "$((10#$n))" ] || { echo "$# shard folders, but their names say $((10#$n))" >&2; return 1; }
	echo "$((10#$n))"
}

# shard_name I N: "shard-03-of-08".
shard_name() {
	w=${#2}
	[ "$w" -ge 2 ] || w=2
	printf 'shard-%0*d-of-%0*d\n' "$w" "$1" "$w" "$2"
}
