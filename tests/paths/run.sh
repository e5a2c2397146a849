#!/bin/sh
# make check-paths: every command of tests/bench/cases gives the same
# result whichever way its input is read, on the bench's kinds of data in
# small (synth-clinic, PATHS_PATIENTS patients, 3000).  Standard output,
# standard error (the data folder's path made alike) and exit status are
# compared:
#   - RUSDATA_SIMD=0 (portable structural scan), RUSDATA_BATCH=0 (every
#     line the general way, none in batches), RUSDATA_THREADS=1
#     and RUSDATA_THREADS=2 against the default, on CSV, TSV and fully
#     quoted CSV, and on the shuffled copies;
#   - fully quoted CSV (libcsv) against CSV (the fast path);
#   - TSV against CSV: TSV output made CSV the way the writer quotes
#     (tabs to commas, a value with a comma or a quote quoted), ".tsv" read
#     as ".csv" in messages; output without a tab in its first line is
#     taken as written in the same format whatever the input, and compared
#     as it is;
#   - for the "shuffled|" cases, the shuffled copy against the grouped
#     input, in CSV and in TSV: byte for byte where the case says "fixed"
#     (its man page promises an output order that does not depend on the
#     input's), else (its fourth field "input" or absent) after
#     LC_ALL=C sort; standard error after line numbers are masked and its
#     lines sorted, since a message names the line where the shuffled
#     copy has the row.
# The data is made as tests/bench/run.sh makes it (tests/bench/data.sh).
# Every case must exit 0 with output on CSV.  Prints a line per failed
# check (VERBOSE=1: with the first lines of the difference), then
# "N passed, N failed".  Environment: BIN (bin), PATHS_PATIENTS,
# PATHS_SEED (5), PATHS_JOBS (2: runs at a time), PATHS_ONLY (a shell
# pattern on TOOL/MODE).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
cd "$top" || exit 1
BIN=${BIN:-bin}
case $BIN in /*) ;; *) BIN=$top/$BIN ;; esac
patients=${PATHS_PATIENTS:-3000}
seed=${PATHS_SEED:-5}
par=${PATHS_JOBS:-2}
only=${PATHS_ONLY:-*}
cases=tests/bench/cases
PATH=$BIN:$PATH
export PATH LC_ALL=C TZ=UTC
unset RUSDATA_SIMD RUSDATA_BATCH RUSDATA_THREADS
. tests/bench/data.sh

d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
trap 'exit 130' INT TERM
t0=$(date +%s)

# The data: CSV, TSV, fully quoted CSV, shuffled CSV and TSV.
[ -x "$BIN/synth-clinic" ] || { echo "paths: $BIN/synth-clinic is missing"; exit 1; }
synth-clinic --patients "$patients" --seed "$seed" --out-dir "$d/csv" >/dev/null &&
    synth-clinic --patients "$patients" --seed "$seed" --tsv --out-dir "$d/tsv" >/dev/null &&
    mkdir "$d/csvq" "$d/csv-shuf" "$d/tsv-shuf" "$d/out" &&
    pseudonymize --keygen "$d/key" || { echo "paths: cannot make the data"; exit 1; }
tab=$(printf '\t')
for t in $bench_tables; do
	bench_quote_all "$d/csv/$t.csv" "$d/csvq/$t.csv" &&
	    bench_shuffle "$d/csv/$t.csv" "$d/csv-shuf/$t.csv" "$t" , &&
	    bench_shuffle "$d/tsv/$t.tsv" "$d/tsv-shuf/$t.tsv" "$t" "$tab" ||
	    { echo "paths: cannot derive the copies of $t"; exit 1; }
done

# run NAME FORMAT DIR COMMAND [VAR=VALUE ...]: the case's command on the
# tables of DIR, with the variables set, into $d/out/NAME.{out,err,status}.
run() {
	_n=$d/out/$1 _c=$(bench_expand "$4" "$2" "$3" "$d/key") _dir=$3
	shift 4
	env "$@" sh -c "$_c" >"$_n.out" 2>"$_n.err" </dev/null
	echo $? >"$_n.status"
	sed -i "s#$_dir/#DIR/#g" "$_n.err"
}
# launch ARGS: run ARGS in the background, PATHS_JOBS at a time.
running=0
launch() {
	run "$@" &
	running=$((running + 1))
	if [ "$running" -ge "$par" ]; then
		wait
		running=0
	fi
}

passed=0 failed=0
pass() { passed=$((passed + 1)); }
# fail LABEL WHAT A B: a failed check, with the difference under VERBOSE.
fail() {
	failed=$((failed + 1))
	echo "FAIL $1: $2"
	if [ -n "${VERBOSE:-}" ]; then
		diff "$3" "$4" | head -10 | cut -c1-200
	fi
}
# check LABEL A B: runs A and B agree on output, errors and status.
check() {
	_why=""
	cmp -s "$d/out/$2.status" "$d/out/$3.status" ||
	    _why="status $(cat "$d/out/$3.status"), expected $(cat "$d/out/$2.status")"
	cmp -s "$d/out/$2.out" "$d/out/$3.out" || _why="$_why${_why:+; }stdout differs"
	cmp -s "$d/out/$2.err" "$d/out/$3.err" || _why="$_why${_why:+; }stderr differs"
	if [ -z "$_why" ]; then
		pass
	else
		_f=out
		cmp -s "$d/out/$2.out" "$d/out/$3.out" && _f=err
		fail "$1" "$_why" "$d/out/$2.$_f" "$d/out/$3.$_f"
	fi
}
# TSV output as CSV, quoted as the writer quotes: a value with a comma or
# a double quote (TSV values hold no tab, CR or LF).
tsv_to_csv() {
	awk -F '\t' '{
		for (i = 1; i <= NF; i++) {
			f = $i
			if (f ~ /[,"]/) {
				gsub(/"/, "\"\"", f)
				f = "\"" f "\""
			}
			printf "%s%s", f, i < NF ? "," : ""
		}
		printf "\n"
	}'
}
# as_csv FROM TO: the TSV run FROM as the CSV run TO would be.
as_csv() {
	if head -n 1 "$d/out/$1.out" | grep -q "$tab"; then
		tsv_to_csv <"$d/out/$1.out" >"$d/out/$2.out"
	else
		cp "$d/out/$1.out" "$d/out/$2.out"
	fi
	sed 's/\.tsv/.csv/g' "$d/out/$1.err" >"$d/out/$2.err"
	cp "$d/out/$1.status" "$d/out/$2.status"
}
# unordered FROM TO ORDER: run FROM with its rows sorted unless ORDER is
# fixed, its messages' line numbers masked and the messages sorted.
unordered() {
	if [ "$3" = fixed ]; then
		cp "$d/out/$1.out" "$d/out/$2.out"
	else
		sort "$d/out/$1.out" >"$d/out/$2.out"
	fi
	sed -e 's/line [0-9][0-9]*/line N/g' -e 's/:[0-9][0-9]*:[0-9][0-9]*:/:N:N:/g' \
	    "$d/out/$1.err" | sort >"$d/out/$2.err"
	cp "$d/out/$1.status" "$d/out/$2.status"
}

ran=0
grep '^shuffled|' "$cases" >"$d/shuffled"
while IFS= read -r line; do
	bench_case "$line" || continue
	label="$tool $mode"
	case "$tool/$mode" in $only) ;; *) continue ;; esac
	ran=$((ran + 1))
	if [ ! -x "$BIN/$tool" ]; then
		fail "$label" "$BIN/$tool is not built" /dev/null /dev/null
		continue
	fi
	sline=$(grep -e "^shuffled|$tool|$mode\$" -e "^shuffled|$tool|$mode|" "$d/shuffled" |
	    head -n 1)
	shuffled=no order=""
	[ -n "$sline" ] && shuffled=yes order=$(printf '%s\n' "$sline" | cut -d'|' -f4)
	formats="csv csvq tsv"
	[ "$shuffled" = yes ] && formats="$formats csv-shuf tsv-shuf"
	rm -f "$d"/out/*
	for f in $formats; do
		e=${f%-shuf}
		[ "$e" = csvq ] && e=csv
		launch "$f" "$e" "$d/$f" "$cmd"
		launch "$f.simd0" "$e" "$d/$f" "$cmd" RUSDATA_SIMD=0
		launch "$f.batch0" "$e" "$d/$f" "$cmd" RUSDATA_BATCH=0
		launch "$f.t1" "$e" "$d/$f" "$cmd" RUSDATA_THREADS=1
		launch "$f.t2" "$e" "$d/$f" "$cmd" RUSDATA_THREADS=2
	done
	wait
	running=0
	if [ "$(cat "$d/out/csv.status")" = 0 ] && [ -s "$d/out/csv.out" ]; then
		pass
	else
		why="exit $(cat "$d/out/csv.status"), $(wc -c <"$d/out/csv.out") bytes out on CSV"
		fail "$label" "$why" /dev/null "$d/out/csv.err"
	fi
	for f in $formats; do
		check "$label ($f, RUSDATA_SIMD=0)" "$f" "$f.simd0"
		check "$label ($f, RUSDATA_BATCH=0)" "$f" "$f.batch0"
		check "$label ($f, RUSDATA_THREADS=1)" "$f" "$f.t1"
		check "$label ($f, RUSDATA_THREADS=2)" "$f" "$f.t2"
	done
	check "$label (fully quoted CSV against CSV)" csv csvq
	as_csv tsv tsv-as-csv
	check "$label (TSV against CSV)" csv tsv-as-csv
	if [ "$shuffled" = yes ]; then
		for f in csv tsv; do
			unordered "$f" "$f.u" "$order"
			unordered "$f-shuf" "$f-shuf.u" "$order"
			check "$label (shuffled $f against grouped, order ${order:-input})" "$f.u" "$f-shuf.u"
		done
	fi
done <"$cases"

# Every "shuffled|" line names a case that ran, with a known order.
while IFS='|' read -r _ tool mode order; do
	case "$tool/$mode" in $only) ;; *) continue ;; esac
	case $order in '' | input | fixed) ;; *)
		fail "shuffled|$tool|$mode|$order" "the order is fixed, input or absent" /dev/null /dev/null
		continue ;;
	esac
	if grep -q "^$tool|$mode|" "$cases"; then pass; else
		fail "shuffled|$tool|$mode" "no such case in $cases" /dev/null /dev/null
	fi
done <"$d/shuffled"
[ "$ran" -gt 0 ] || fail "$cases" "no case ran" /dev/null /dev/null
echo "paths: $ran cases on $patients patients in $(($(date +%s) - t0)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
