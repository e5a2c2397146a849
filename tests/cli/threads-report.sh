#!/bin/sh
# threads-report.sh TOOL [OPTIONS]: TOOL (outcome-report, care-check)
# reads --sessions and --urine in two threads and collects in one; its
# output, messages and status must be the bytes of -j 1.  On 1500 synth-clinic patients: clean, with rows left out
# (an unknown episode_id, an empty one and a sample dated before every
# episode), and
# with a row naming another patient's episode (strict: it stops the tool
# at that line), also a few rows before or after a bad date, and with a
# bad date in the goals, in chunks of
# 512 KiB and of 4093 bytes.  Prints one line
# per run and the messages of -j 1, the folder's path made alike.  PATIENTS
# (default 1500) sizes the data.
tool=$1
shift
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT INT TERM
. "$(dirname "$0")/threads-lib.sh"
synth-clinic --seed 9 --patients "${PATIENTS:-1500}" --out-dir "$d" >/dev/null || exit 1
awk -F, 'BEGIN { OFS = "," }
NR == 5000 || NR == 7000 { $2 = "ZZZ" }
NR == 9000 { $2 = ""; $3 = "1999-01-01" }
{ print }' "$d/sessions.csv" >"$d/notes.csv"
awk -F, 'BEGIN { OFS = "," } NR == 3 { e = $2 } NR == 40000 { $2 = e } { print }' \
    "$d/notes.csv" >"$d/other.csv"
# A reading thread holds session rows back in batches of 32: a bad date
# a few rows after another patient's episode (and the other way round)
# must still stop the tool at the first of the two.
awk -F, 'BEGIN { OFS = "," } NR == 40005 { $3 = "2026-02-30" } { print }' \
    "$d/other.csv" >"$d/other_then_bad.csv"
awk -F, 'BEGIN { OFS = "," } NR == 3 { e = $2 } NR == 39990 { $3 = "2026-02-30" }
NR == 39995 { $2 = e } { print }' "$d/notes.csv" >"$d/bad_then_other.csv"
awk -F, 'BEGIN { OFS = "," } NR == 30000 { $2 = "1999-01-01" } { print }' \
    "$d/urine.csv" >"$d/urine_notes.csv"
for s in sessions notes other other_then_bad bad_then_other; do
	for chunk in 524288 4093; do
		same_in_threads "$s " $chunk "$tool" --as-of 2026-12-31 "$@" \
		    --sessions "$d/$s.csv" --urine "$d/urine_notes.csv" \
		    --goals "$d/goals.csv" "$d/episodes.csv"
	done
	sed "s#$d/#DIR/#g" "$d/err1"
done
# A goal row that stops the tool (a bad date) while outcome-report still
# counts the urine rows in a thread of their own: the same message and
# status as one thread.
awk -F, 'BEGIN { OFS = "," } NR == 20000 { $6 = "2026-02-30" } { print }' \
    "$d/goals.csv" >"$d/goals_bad.csv"
for chunk in 524288 4093; do
	same_in_threads "goals_bad " $chunk "$tool" --as-of 2026-12-31 "$@" \
	    --sessions "$d/sessions.csv" --urine "$d/urine_notes.csv" \
	    --goals "$d/goals_bad.csv" "$d/episodes.csv"
done
sed "s#$d/#DIR/#g" "$d/err1"
