#!/bin/sh
# Every tool mode of tests/bench/cases on synth-clinic data gives the same
# bytes whichever reader path runs: the structural scan with AVX2 or
# portable (RUSDATA_SIMD=0), libcsv (every field quoted, so no line takes
# the fast path), and TSV input (its TSV output made CSV: tabs to commas,
# values with a comma or a quote quoted; messages with .tsv for .csv).  Standard output, standard error (paths made
# alike) and exit status are compared.  Prints a line for each case where
# a path disagrees (VERBOSE=1: for every case), then one verdict line.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
cd "$top" || exit 1
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
n=${PATHS_PATIENTS:-300}
synth-clinic --patients "$n" --seed 5 --out-dir "$d/csv" >/dev/null || exit 1
synth-clinic --patients "$n" --seed 5 --tsv --out-dir "$d/tsv" >/dev/null || exit 1
mkdir "$d/csvq" "$d/out" || exit 1
for f in "$d"/csv/*.csv; do
	sed -e 's/,/","/g' -e 's/^/"/' -e 's/$/"/' "$f" >"$d/csvq/${f##*/}" || exit 1
done
pseudonymize --keygen "$d/key" || exit 1

# run LABEL DIR EXT FMTOPT COMMAND: output, errors and status to $d/out/LABEL.
run() {
	label=$1 dir=$2 e=$3 fo=$4 cmd=$5
	c=$(printf '%s\n' "$cmd" | sed -e "s#{fmt}#$fo#g" -e "s#{key}#$d/key#g" \
	    -e "s#{\([a-z]*\)}#$dir/\1.$e#g")
	sh -c "$c" >"$d/out/$label.out" 2>"$d/out/$label.err"
	echo $? >"$d/out/$label.status"
	sed -i "s#$dir/#DIR/#g" "$d/out/$label.err"
}
# TSV output as CSV: tabs to commas, values with a comma or a quote quoted.
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
same() {
	cmp -s "$d/out/$1.out" "$d/out/$2.out" && cmp -s "$d/out/$1.err" "$d/out/$2.err" &&
	    cmp -s "$d/out/$1.status" "$d/out/$2.status"
}

grep -v -e '^#' -e '^peer|' -e '^shuffled|' tests/bench/cases | grep . >"$d/cases"
: >"$d/verdicts"
while IFS= read -r line; do
	tool=${line%%|*}
	rest=${line#*|}
	mode=${rest%%|*}
	rest=${rest#*|}
	rest=${rest#*|}
	cmd=${rest%|*}
	run csv "$d/csv" csv "" "$cmd"
	RUSDATA_SIMD=0 run simd0 "$d/csv" csv "" "$cmd"
	run csvq "$d/csvq" csv "" "$cmd"
	RUSDATA_SIMD=0 run csvq0 "$d/csvq" csv "" "$cmd"
	run tsv "$d/tsv" tsv --tsv "$cmd"
	RUSDATA_SIMD=0 run tsv0 "$d/tsv" tsv --tsv "$cmd"
	tsv_to_csv <"$d/out/tsv.out" >"$d/out/tsvc.out"
	sed 's/\.tsv/.csv/g' "$d/out/tsv.err" >"$d/out/tsvc.err"
	cp "$d/out/tsv.status" "$d/out/tsvc.status"
	agree="" differ=""
	for p in simd0 csvq csvq0 tsvc; do
		if same csv "$p"; then agree="$agree $p"; else differ="$differ $p"; fi
	done
	same tsv tsv0 && agree="$agree tsv-simd0" || differ="$differ tsv-simd0"
	[ -s "$d/out/csv.out" ] || differ="$differ (no output)"
	v="$tool $mode: status $(cat "$d/out/csv.status"), agree:$agree${differ:+; differ:$differ}"
	echo "$v" >>"$d/verdicts"
	[ -n "$differ" ] || [ -n "${VERBOSE:-}" ] && echo "$v"
done <"$d/cases"
cases=$(wc -l <"$d/verdicts")
if [ "$cases" -lt 10 ]; then
	echo "only $cases cases ran"
	exit 1
fi
if grep -q differ "$d/verdicts"; then
	echo "paths disagree"
	exit 1
fi
echo "every case: AVX2, portable, libcsv and TSV give the same output"
