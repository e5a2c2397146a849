#!/bin/sh
# The counting test of --rejects: no row is dropped without a trace.
#
# synth-clinic writes each table with ROWS data rows (default 100,000); a
# seeded awk corrupts about 1% of the data lines (a stray quote opening a
# field, a stray quote inside a field, a bare CR, a missing or an extra
# field).  Every tool mode that takes --rejects then reads its table, and
#   - rejects_keep checks that every rejected row names input lines that
#     exist, no line twice, and that a row that did not parse holds the
#     raw line; it writes the input without the rejected lines;
#   - the tool run strictly on those accepted lines must succeed and give
#     the same output, so each of them was a good row that went into it;
#   - for tools that write one row per input row, rows out = lines kept;
#   - lines kept + lines rejected = data lines in.
# Not here: outcome-report refuses --rejects (its inputs are all read
# strictly), and session-log --append appends nothing when a row is
# rejected (all or nothing); its rows are those of session-log's default
# mode, which is counted.  Prints one line per tool mode; exit 1 on any
# failure.
: "${BIN:?BIN must name the folder of the built tools}"
: "${KEEP:?KEEP must name the rejects_keep program}"
ROWS=${ROWS:-100000}
SEED=${SEED:-15}
PATH="$BIN:$PATH"
LC_ALL=C
TZ=UTC
export PATH LC_ALL TZ
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0
asof="--as-of 2026-12-31"

fail() {
	echo "FAIL rejects-count $name: $*"
	failed=$((failed + 1))
}

# table NAME PATIENTS: the first ROWS rows of a table, then corrupted.
tables=0
table() {
	tables=$((tables + 1))
	synth-clinic --seed "$SEED" --patients "$2" --table "$1" >"$tmp/full" ||
	    { echo "synth-clinic failed"; exit 1; }
	head -n $((ROWS + 1)) "$tmp/full" >"$tmp/$1.clean"
	rm -f "$tmp/full"
	if [ "$(wc -l <"$tmp/$1.clean")" -ne $((ROWS + 1)) ]; then
		echo "synth-clinic wrote fewer than $ROWS $1 rows"
		exit 1
	fi
	awk -v seed="$SEED$tables" -v OFS=, -F, '
	BEGIN { srand(seed) }
	NR == 1 { print; next }
	rand() < 0.01 {
		kind = int(rand() * 5)
		k = 1 + int(rand() * NF)
		p = int(rand() * (length($0) + 1))
		if (kind == 0)
			$k = "\"" $k
		else if (kind == 1)
			$0 = substr($0, 1, p) "\"" substr($0, p + 1)
		else if (kind == 2)
			$0 = substr($0, 1, p) "\r" substr($0, p + 1)
		else if (kind == 3)
			NF = NF - 1
		else
			$0 = $0 ",x"
		bad++
	}
	{ print }
	END { print bad > "/dev/stderr" }' "$tmp/$1.clean" >"$tmp/$1.csv" \
	    2>"$tmp/$1.nbad"
	echo "$1: $ROWS rows, $(cat "$tmp/$1.nbad") corrupted (seed $SEED$tables)"
}

# check NAME INPUT ROWWISE OUTFILE COMMAND...: OUTFILE is "-" for stdout,
# otherwise the file the command writes (removed before each run).
check() {
	name=$1 in=$2 rowwise=$3 outfile=$4
	shift 4
	[ "$outfile" = - ] || rm -f "$outfile"
	"$@" --rejects "$tmp/rej.csv" <"$in" >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$outfile" = - ] || mv "$outfile" "$tmp/out"
	[ "$status" = 1 ] || { fail "status $status: $(head -n 1 "$tmp/err")"; return; }
	if ! "$KEEP" "$in" "$tmp/rej.csv" >"$tmp/kept" 2>"$tmp/keep.err"; then
		fail "$(head -n 3 "$tmp/keep.err")"
		return
	fi
	lines_in=$(($(wc -l <"$in") - 1))
	kept=$(($(wc -l <"$tmp/kept") - 1))
	rejected=$(sed -n 's/.* cover \([0-9]*\) lines.*/\1/p' "$tmp/keep.err")
	[ "$outfile" = - ] || rm -f "$outfile"
	if ! "$@" <"$tmp/kept" >"$tmp/out2" 2>"$tmp/err2"; then
		fail "strict run on the kept lines: $(head -n 1 "$tmp/err2")"
		return
	fi
	[ "$outfile" = - ] || mv "$outfile" "$tmp/out2"
	cmp -s "$tmp/out" "$tmp/out2" || fail "output differs from the strict run on the kept lines"
	out=$kept
	[ "$rowwise" = yes ] && out=$(($(wc -l <"$tmp/out") - 1))
	[ "$out" = "$kept" ] || fail "$out rows out, $kept lines kept"
	[ $((kept + rejected)) = "$lines_in" ] || fail "$kept kept + $rejected rejected != $lines_in"
	rows=""
	[ "$rowwise" = yes ] && rows=" ($out rows out)"
	echo "$name: $lines_in lines in = $kept accepted$rows + $rejected rejected"
}

table episodes 90000
table sessions 2400
table urine 2000
table goals 8000
table assessments 30000
pseudonymize --keygen "$tmp/key" || exit 1

check "session-log" "$tmp/sessions.csv" yes - session-log
check "session-log --summary" "$tmp/sessions.csv" no - session-log --summary $asof
check "urine-track" "$tmp/urine.csv" yes - urine-track
check "urine-track --summary" "$tmp/urine.csv" no - urine-track --summary $asof
check "urine-track --weekly" "$tmp/urine.csv" no - urine-track --weekly $asof
check "assess" "$tmp/assessments.csv" yes - assess
check "pseudonymize" "$tmp/sessions.csv" yes - \
    pseudonymize --key-file "$tmp/key" --columns patient_id,staff_id
check "goal-track" "$tmp/goals.csv" no - goal-track $asof
check "goal-track --goals" "$tmp/goals.csv" no - goal-track --goals $asof
# With --episodes, about 1% of the goals' episodes belong to another
# patient (a new id), so the row that sets each of their goals is rejected
# for its episode_id: the goal's reviews must be rejected with it, not
# kept unseen.
synth-clinic --seed "$SEED" --patients 8000 --table episodes |
    awk -F, -v OFS=, 'NR > 1 && NR % 97 == 0 { $1 = "moved" NR } { print }' \
    >"$tmp/goal-episodes.csv" || exit 1
check "goal-track --episodes" "$tmp/goals.csv" no - \
    goal-track --episodes "$tmp/goal-episodes.csv" $asof
check "goal-track --goals --episodes" "$tmp/goals.csv" no - \
    goal-track --goals --episodes "$tmp/goal-episodes.csv" $asof
check "care-check" "$tmp/episodes.csv" no - care-check $asof
check "plan-new" "$tmp/episodes.csv" no - plan-new
check "urine-track --schedule" "$tmp/episodes.csv" no - urine-track --schedule
# patient-split writes shard files: their rows, under one header, are its output.
split_shards() {
	rm -rf "$tmp/ps"
	cat >"$tmp/table.csv"
	patient-split --shards 4 --out-dir "$tmp/ps" "$@" "$tmp/table.csv"
	st=$?
	[ -d "$tmp/ps" ] && awk 'FNR > 1 || NR == 1' "$tmp"/ps/*/table.csv
	return $st
}
check "patient-split" "$tmp/sessions.csv" yes - split_shards
[ "$failed" -eq 0 ] && echo "rejects-count: every line accounted for"
[ "$failed" -eq 0 ]
