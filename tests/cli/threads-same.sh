#!/bin/sh
# threads-same.sh TOOL TABLE [OPTIONS]: TOOL with OPTIONS (none: its
# default mode, validate and normalise) on a synth-clinic TABLE of about 3 MB with about 1% of its
# lines after the first 12,000 corrupted by a seeded awk (a stray quote
# opening a field, a stray quote inside one, a bare CR, a field missing or
# one too many, an empty line), run with -j 1 and with -j 2, strict and with --rejects, from a
# file and from standard input, in chunks of 512 KiB and of 4093 bytes
# (many cuts, records open across them): standard output, standard error,
# the rejects file and the exit status must be the same bytes.  Prints one
# line per run and whether the input did what it is for.  PATIENTS
# (default 1000) sizes the table; MIN_OUT (default 20000) is the fewest
# output lines with --rejects that shows the input did.  REORDER=1 also
# repeats one line in 97 and swaps one in 89 with the line after it, from
# line 11,000 on (before the corruption): rows whose rejects come from
# the rows before them (goal-track: a goal set twice, reviewed twice on
# one day, reviewed before a row sets it).
tool=$1 table=$2
shift 2
opts="$*"
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT INT TERM
synth-clinic --seed 17 --patients "${PATIENTS:-1000}" --table "$table" >"$d/clean" || exit 1
# @EPISODES@ in OPTIONS: the episodes of the same patients, and the
# second field (a session's episode_id) of one line in 500 made the first
# row's, another patient's episode.
swap=0
case $opts in *@EPISODES@*)
	synth-clinic --seed 17 --patients "${PATIENTS:-1000}" --table episodes \
	    >"$d/episodes.csv" || exit 1
	opts=$(echo "$opts" | sed "s#@EPISODES@#$d/episodes.csv#")
	swap=1
esac
# @PLAN@ in OPTIONS: the plan of the same patients (a secondary input).
case $opts in *@PLAN@*)
	synth-clinic --seed 17 --patients "${PATIENTS:-1000}" --table plan \
	    >"$d/plan.csv" || exit 1
	opts=$(echo "$opts" | sed "s#@PLAN@#$d/plan.csv#")
esac
# @KEY@ in OPTIONS: a new pseudonymize key file.
case $opts in *@KEY@*)
	pseudonymize --keygen "$d/key" || exit 1
	opts=$(echo "$opts" | sed "s#@KEY@#$d/key#")
esac
# NATID=1: the last field of one line in 700 a Swedish personnummer
# (the test number 19121212-1212).
# NOEPISODE=1: the second field (a session's episode_id) of one line in
# 53 emptied, so that summaries by episode leave rows out and count them.
awk -v seed=17 -v swap=$swap -v natid="${NATID:-0}" -v reorder="${REORDER:-0}" \
    -v noepisode="${NOEPISODE:-0}" '
BEGIN { srand(seed); FS = OFS = "," }
NR == 2 { first = $2 }
swap && NR > 2 && NR % 500 == 0 { $2 = first }
natid && NR > 2 && NR % 700 == 0 { $NF = "19121212-1212" }
noepisode && NR > 2 && NR % 53 == 0 { $2 = "" }
NR > 12000 && rand() < 0.012 {
	r = int(rand() * 6)
	if (r == 0) $0 = "\"" $0
	else if (r == 1) sub(/,/, ",x\"y", $0)
	else if (r == 2) sub(/,/, "\r,", $0)
	else if (r == 3) sub(/,[^,]*$/, "", $0)
	else if (r == 4) $0 = $0 ",extra"
	else $0 = ""
}
reorder && NR > 11000 && NR % 89 == 0 { held = $0; next }
{ print }
reorder && NR > 11000 && NR % 97 == 0 { print }
held != "" { print held; held = "" }' "$d/clean" >"$d/in.csv"
[ "$(wc -c <"$d/in.csv")" -gt 2000000 ] || echo "input too small"
run() {	# run DIR THREADS CHUNK REJECTS STDIN
	mkdir "$d/$1"
	(cd "$d/$1" && if [ "$5" = stdin ]; then
		RUSDATA_CHUNK_BYTES=$3 "$tool" -j "$2" $4 $opts <../in.csv >out 2>err
	else
		RUSDATA_CHUNK_BYTES=$3 "$tool" -j "$2" $4 $opts ../in.csv >out 2>err
	fi; echo $? >status)
}
for rejects in "" "--rejects rej.csv"; do
	for chunk in 524288 4093; do
		for from in file stdin; do
			rm -rf "$d/one" "$d/two"
			run one 1 "$chunk" "$rejects" "$from"
			run two 2 "$chunk" "$rejects" "$from"
			same=same
			for f in out err status rej.csv; do
				[ -e "$d/one/$f" ] || [ -e "$d/two/$f" ] || continue
				cmp -s "$d/one/$f" "$d/two/$f" || same="$f differs"
			done
			echo "${rejects:-strict} chunk $chunk $from: $same"
		done
	done
	if [ -n "$rejects" ]; then
		[ "$(wc -l <"$d/one/rej.csv")" -gt 100 ] && echo "over 100 rows rejected"
		[ "${NATID:-0}" = 1 ] && [ "$(grep -c personnummer "$d/one/rej.csv")" -gt 20 ] &&
		    echo "over 20 national identity numbers rejected"
		[ "${NOEPISODE:-0}" = 1 ] &&
		    grep -Eq ' ([0-9]{3,}) rows fit no episode' "$d/one/err" &&
		    echo "over 100 rows left out without an episode"
		[ "$(wc -l <"$d/one/out")" -gt "${MIN_OUT:-20000}" ] &&
		    echo "over ${MIN_OUT:-20000} rows out"
	else
		[ "$(cat "$d/one/status")" = 1 ] && echo "strict: stopped at a bad row"
	fi
done
