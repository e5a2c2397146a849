#!/bin/sh
# threads-episodes.sh TOOL [OPTIONS]: TOOL reads an episodes file (its
# last argument) in two threads (common/episodes_load.c: rows parsed in the
# reading threads, taken in input order); its output, messages and status
# must be the bytes of -j 1.  On 3000 synth-clinic patients: clean; with a
# clinic quoted over two lines; with an episode_id seen before (strict:
# it stops the tool at that line); and with a bad date before that line
# (which stops it first), in chunks of 512 KiB, 4093 and 997 bytes.
# Prints one line per run and the messages of -j 1, the folder's path
# made alike.
tool=$1
shift
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT INT TERM
. "$(dirname "$0")/threads-lib.sh"
synth-clinic --seed 11 --patients 3000 --out-dir "$d" >/dev/null || exit 1
awk -F, 'BEGIN { OFS = "," } NR == 1500 { $3 = "\"c\n" $3 "\"" } { print }' \
    "$d/episodes.csv" >"$d/quoted.csv"
awk -F, 'BEGIN { OFS = "," } NR == 2 { e = $2 } NR == 3001 { $2 = e } { print }' \
    "$d/quoted.csv" >"$d/twice.csv"
awk -F, 'BEGIN { OFS = "," } NR == 2999 { $6 = "2026-02-30" } { print }' \
    "$d/twice.csv" >"$d/baddate.csv"
for s in episodes quoted twice baddate; do
	for chunk in 524288 4093 997; do
		same_in_threads "$s " $chunk "$tool" "$@" "$d/$s.csv"
	done
	sed "s#$d/#DIR/#g" "$d/err1"
done
