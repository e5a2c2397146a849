#!/bin/sh
# threads-goals.sh TOOL [OPTIONS]: TOOL (outcome-report, care-check) reads
# --goals on every core (common/goals_read.c: rows parsed and their
# episodes looked up in the chunk threads, checked and attached in input
# order in the calling thread); its output, messages and status must be
# the bytes of -j 1.  On 1500 synth-clinic patients, --goals (strict)
# with: goals left out (every row of one goal naming an unknown episode,
# one set before every episode) and one attached by date (empty
# episode_id); a goal naming another patient's episode; a goal set
# twice; a goal reviewed before the row that sets it (moved to the end);
# a row with a stray quote.  In chunks of 512 KiB and of 4093 bytes.
# Prints one line per run and the messages of -j 1, the folder made alike.
tool=$1
shift
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT INT TERM
. "$(dirname "$0")/threads-lib.sh"
synth-clinic --seed 9 --patients 1500 --out-dir "$d" >/dev/null || exit 1
g=$d/goals.csv
# The goal of the first row that sets one (empty attainment) from line N.
goal_from() {
	awk -F, -v n="$1" 'NR >= n && $7 == "" { print $3; exit }' "$g"
}
unknown=$(goal_from 5000) early=$(goal_from 6000) bydate=$(goal_from 7000)
other=$(goal_from 8000) twice=$(goal_from 10000) moved=$(goal_from 12000)
awk -F, -v u="$unknown" -v e="$early" -v b="$bydate" 'BEGIN { OFS = "," }
$3 == u { $2 = "ZZZ" }
$3 == e && $7 == "" { $6 = "1999-01-01" }
$3 == b { $2 = "" }
{ print }' "$g" >"$d/notes.csv"
awk -F, -v o="$other" 'BEGIN { OFS = "," } NR == 2 { e = $2 } $3 == o { $2 = e }
{ print }' "$d/notes.csv" >"$d/other.csv"
awk -F, -v t="$twice" '{ print } $3 == t && !done { print; done = 1 }' \
    "$d/notes.csv" >"$d/twice.csv"
awk -F, -v m="$moved" '$3 == m && $7 == "" { held = $0; next } { print }
END { print held }' "$d/notes.csv" >"$d/moved.csv"
awk 'NR == 15000 { sub(/,/, ",x\"y") } { print }' "$d/notes.csv" >"$d/quote.csv"
for s in notes other twice moved quote; do
	for chunk in 524288 4093; do
		same_in_threads "$s " $chunk "$tool" --as-of 2026-12-31 "$@" \
		    --goals "$d/$s.csv" "$d/episodes.csv"
	done
	sed "s#$d/#DIR/#g" "$d/err1"
done
