#!/bin/sh
# threads-urine.sh: outcome-report's --urine read in two threads, which
# make each kept row's observation themselves (dated.h's
# rd_dated_urine_obs), against one thread, on 1500 synth-clinic patients
# with: sample_ids too long for an observation (every patient whose number
# ends in 3; one of them split off into samples of their own), a row dated
# before every episode (a note), --prescribed, and --from, which leaves
# the rows of episodes out of scope out in the reading threads.  Prints
# whether -j 2 gives the bytes of -j 1 in chunks of 512 KiB and 4093
# bytes, then the report and messages of -j 2.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT INT TERM
. "$(dirname "$0")/threads-lib.sh"
synth-clinic --seed 9 --patients 1500 --out-dir "$d" >/dev/null || exit 1
awk -F, 'BEGIN { OFS = "," }
NR > 1 && $1 ~ /3$/ { $7 = $7 "-a-long-sample-identifier" }
NR > 1 && $1 ~ /3$/ && NR % 5 == 0 { $7 = $7 "-retest" }
NR == 30000 { $2 = "1999-01-01" }
{ print }' "$d/urine.csv" >"$d/u.csv"
for chunk in 524288 4093; do
	same_in_threads "" $chunk outcome-report --as-of 2026-12-31 --by clinic \
	    --from 2024-06-01 --urine "$d/u.csv" \
	    --prescribed "$d/prescriptions.csv" "$d/episodes.csv"
done
cat "$d/out2"
sed "s#$d/#DIR/#g" "$d/err2" >&2
