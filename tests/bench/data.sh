# Sourced by tests/bench/run.sh and tests/paths/run.sh: how the bench's
# inputs are derived from synth-clinic's tables and how a command of
# tests/bench/cases gets its placeholders, in one place, so that the paths
# test runs exactly what the bench runs.  Variables of these functions
# start with _b (sh has no locals), but for what bench_case sets.

# The synth-clinic tables the cases may name.
bench_tables="episodes plan sessions urine goals assessments prescriptions"

# bench_case LINE: a line of tests/bench/cases split into tool, mode,
# tabs (its tables, comma-separated), cmd and peer; false for blank
# lines, comments and the peer| and shuffled| lines.
bench_case() {
	case $1 in '' | '#'* | 'peer|'* | 'shuffled|'*) return 1 ;; esac
	tool=${1%%|*}
	_brest=${1#*|}
	mode=${_brest%%|*}
	_brest=${_brest#*|}
	tabs=${_brest%%|*}
	_brest=${_brest#*|}
	peer=${_brest##*|}
	cmd=${_brest%|*}
}

# bench_quote_all SRC DST: the CSV file SRC with every field quoted, the
# slow (libcsv) path of every CSV reader.  No generated value holds a
# quote or a comma, so these are still the same records.
bench_quote_all() {
	sed -e 's/,/","/g' -e 's/^/"/' -e 's/$/"/' "$1" >"$2"
}

# bench_shuffle SRC DST TABLE SEP: the table SRC (columns separated by SEP)
# with its rows in a random order, the header first.  shuf takes its
# random bytes from the table itself, so the order is the same on every
# run of the same data.  Goals are then put in date order (a stable sort:
# still not grouped by patient), since a goal's first row must come
# before its reviews.
bench_shuffle() {
	_bcol=0
	[ "$3" = goals ] &&
	    _bcol=$(head -n 1 "$1" | tr "$4" '\n' | grep -n -x date | cut -d: -f1)
	{ head -n 1 "$1" && tail -n +2 "$1" | shuf --random-source="$1" |
	    if [ "$_bcol" -gt 0 ]; then sort -s -t "$4" -k "$_bcol,$_bcol"; else cat; fi; } \
	    >"$2"
}

# bench_expand COMMAND FORMAT DIR KEY: COMMAND with its placeholders
# filled in (see tests/bench/cases): the tables are DIR/TABLE.csv (.tsv
# for FORMAT tsv), {key} is the file KEY.
bench_expand() {
	_be=csv
	case $2 in
	tsv)
		_be=tsv _bfmt=--tsv _bmlr="--itsv --otsv" _bsql=tabs
		_bduck="node tests/bench/duckdb.js --tsv"
		;;
	*) _bfmt="" _bmlr="--icsv --ocsv" _bsql=csv _bduck="node tests/bench/duckdb.js" ;;
	esac
	_bscript=""
	for _bt in $bench_tables; do
		_bscript="$_bscript s#{$_bt}#$3/$_bt.$_be#g;"
	done
	printf '%s\n' "$1" | sed -e "$_bscript" -e "s#{fmt}#$_bfmt#g" \
	    -e "s#{mlrio}#$_bmlr#g" -e "s#{sqlmode}#$_bsql#g" -e "s#{key}#$4#g" \
	    -e "s#{duckdb}#$_bduck#g"
}
