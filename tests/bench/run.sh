#!/bin/sh
# make bench: wall time and peak memory of every tool mode in
# tests/bench/cases whose program exists, on synth-clinic data, beside the
# libcsv floor (csv_floor), the pipe ceiling (cat FILE | wc -l) and peers
# (Miller, sqlite3, DuckDB) doing the equivalent task; per-patient cases
# also on a shuffled copy of the input.  Prints one table and writes
# $BUILD/bench-results.csv.  See tests/bench/README.
#
# Environment: BUILD (build), BIN (bin), BENCH_PATIENTS (200000),
# BENCH_SEED (1), BENCH_RUNS (3: the median is reported), BENCH_FORMATS
# ("csv tsv"; add csvq for CSV with every field quoted), BENCH_PEER_FORMATS
# (csv: Miller and sqlite3; DuckDB runs on every format), BENCH_PEER_RUNS
# (1), BENCH_PEERS ("mlr sqlite3 duckdb"; empty: none),
# BENCH_ONLY (a shell pattern on TOOL/MODE), BENCH_BUDGET (720 seconds:
# past it, the remaining cases run once and without peers, so that a
# loaded machine still finishes within 15 minutes), CC (cc).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
cd "$top" || exit 1

BUILD=${BUILD:-build}
BIN=${BIN:-bin}
case $BIN in /*) ;; *) BIN=$top/$BIN ;; esac
patients=${BENCH_PATIENTS:-200000}
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-3}
formats=${BENCH_FORMATS:-csv tsv}
peer_formats=${BENCH_PEER_FORMATS:-csv}
peer_runs=${BENCH_PEER_RUNS:-1}
peers=${BENCH_PEERS-mlr sqlite3 duckdb}
only=${BENCH_ONLY:-*}
budget=${BENCH_BUDGET:-720}
t0=$(date +%s)
cases=tests/bench/cases
data=$BUILD/bench-data/$patients-$seed
results=$BUILD/bench-results.csv
floor=$BUILD/tests/csv_floor
scan_limit=$BUILD/tests/scan_limit
measure=$BUILD/tests/bench_measure
. tests/bench/data.sh
tables=$bench_tables

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
PATH=$BIN:$PATH
case $BUILD in /*) duckdir=$BUILD/duckdb ;; *) duckdir=$top/$BUILD/duckdb ;; esac
NODE_PATH=$duckdir/node_modules
export PATH LC_ALL=C TZ=UTC NODE_PATH

[ -x "$BIN/synth-clinic" ] || die "$BIN/synth-clinic is missing: run make bench"
mkdir -p "$BUILD/tests" || exit 1
# The floor and the timer: built here when make has not done it.
if [ ! -x "$floor" ] || [ tests/bench/csv_floor.c -nt "$floor" ]; then
	${CC:-cc} -std=c11 -O2 -o "$floor" tests/bench/csv_floor.c -lcsv ||
	    die "cannot build $floor"
fi
if [ ! -x "$measure" ] || [ tests/bench/measure.c -nt "$measure" ]; then
	${CC:-cc} -std=c11 -O2 -o "$measure" tests/bench/measure.c ||
	    die "cannot build $measure"
fi

# Peers from Debian when root and missing; otherwise they are left out.
# DuckDB is the npm package @duckdb/node-api (what an analyst installs),
# put into $BUILD/duckdb by npm and run by node through duckdb.js.
have_duckdb() {
	command -v node >/dev/null 2>&1 && [ -d "$NODE_PATH/@duckdb/node-api" ]
}
have_peer() {
	case " $peers " in
	*" $1 "*)
		if [ "$1" = duckdb ]; then have_duckdb; else command -v "$1" >/dev/null 2>&1; fi ;;
	*) false ;;
	esac
}
case " $peers " in
*" duckdb "*)
	if ! have_duckdb; then
		if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
			say "bench: npm install @duckdb/node-api into $duckdir"
			mkdir -p "$duckdir" &&
			    npm install --no-audit --no-fund --silent --prefix "$duckdir" \
			    @duckdb/node-api >/dev/null 2>&1 ||
			    say "bench: npm could not install @duckdb/node-api; DuckDB is left out"
		else
			say "bench: node and npm missing (apt-get install nodejs npm); DuckDB is left out"
		fi
	fi
	;;
esac
missing=""
for p in $peers; do
	[ "$p" = duckdb ] && continue
	command -v "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	pkgs=$(printf '%s\n' $missing | sed 's/^mlr$/miller/' | tr '\n' ' ')
	if [ "$(id -u)" = 0 ]; then
		say "bench: installing $pkgs"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null 2>&1 ||
		    { apt-get update -qq >/dev/null 2>&1 &&
		    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null 2>&1; } ||
		    say "bench: could not install $pkgs; those peers are left out"
	else
		say "bench: peers missing:$missing (apt-get install $pkgs); left out"
	fi
fi

ext() { case $1 in tsv) echo tsv ;; *) echo csv ;; esac; }

# Data, cached by size and seed.  csvq is the CSV with every field quoted
# (bench_quote_all): the slow path of every CSV reader.
# The cache is kept while synth-clinic writes the same first rows: a
# changed generator makes new data.
stamp=$(synth-clinic --patients 20 --seed "$seed" --table sessions | cksum)
generate() {
	fmt=$1 dir=$data/$1
	[ "$(cat "$dir/.done" 2>/dev/null)" = "$stamp" ] && return 0
	rm -rf "$dir"
	case $fmt in
	csv | tsv)
		opt=""
		[ "$fmt" = tsv ] && opt=--tsv
		say "bench: synth-clinic --patients $patients --seed $seed $opt --out-dir $dir"
		: >"$tmp/gen"
		"$measure" "$tmp/gen" synth-clinic --patients "$patients" --seed "$seed" \
		    $opt --out-dir "$dir" || die "synth-clinic failed"
		say "bench: generated in $(cut -d' ' -f1 "$tmp/gen") s (peak $(cut -d' ' -f2 "$tmp/gen") KiB)"
		;;
	csvq)
		generate csv
		dir=$data/csvq	# sh has no locals: generate csv set it
		mkdir -p "$dir" || exit 1
		for t in $tables; do
			bench_quote_all "$data/csv/$t.csv" "$dir/$t.csv" ||
			    die "cannot write $dir/$t.csv"
		done
		;;
	*)
		die "unknown format $fmt in BENCH_FORMATS (csv, tsv, csvq)"
		;;
	esac
	echo "$stamp" >"$dir/.done"
}
# The shuffled copy of a format (FMT-shuf): every table's rows in a random
# order, the header first (bench_shuffle).
shuffle() {
	fmt=$1 dir=$data/$1-shuf
	[ "$(cat "$dir/.done" 2>/dev/null)" = "$stamp" ] && return 0
	rm -rf "$dir"
	mkdir -p "$dir" || exit 1
	say "bench: shuffled copy of $data/$fmt"
	sep=,
	[ "$fmt" = tsv ] && sep=$(printf '\t')
	for t in $tables; do
		f=$data/$fmt/$t.$(ext "$fmt")
		bench_shuffle "$f" "$dir/$t.$(ext "$fmt")" "$t" "$sep" ||
		    die "cannot shuffle $f"
	done
	echo "$stamp" >"$dir/.done"
}
mkdir -p "$data" || exit 1
for fmt in $formats; do
	generate "$fmt"
done
shuffled_cases=$(grep '^shuffled|' "$cases" | cut -d'|' -f2,3 | tr '|' / | tr '\n' ' ')
for fmt in $formats; do
	case $fmt in csv | tsv) ;; *) continue ;; esac
	for c in $shuffled_cases; do
		case $c in $only) shuffle "$fmt"; break ;; esac
	done
done
if [ -x "$BIN/pseudonymize" ] && [ ! -f "$data/key" ]; then
	pseudonymize --keygen "$data/key" || die "cannot make a key"
fi

# Runs commands n times each, in turn (with a peer: tool, peer, tool,
# peer, ...), so that a machine whose speed drifts over minutes, as a
# shared virtual machine's does, slows both alike and their ratio holds:
# a line "median_wall_s max_rss_kib status" for each command.
timed() {
	n=$1
	shift
	k=0
	for c in "$@"; do
		k=$((k + 1))
		: >"$tmp/times.$k"
		echo 0 >"$tmp/status.$k"
	done
	i=0
	while [ "$i" -lt "$n" ]; do
		k=0
		for c in "$@"; do
			k=$((k + 1))
			"$measure" "$tmp/times.$k" sh -c "$c >/dev/null" </dev/null 2>"$tmp/err" || {
				echo $? >"$tmp/status.$k"
				[ -s "$tmp/err" ] && head -3 "$tmp/err" >&2
			}
		done
		i=$((i + 1))
	done
	k=0
	for c in "$@"; do
		k=$((k + 1))
		sort -n "$tmp/times.$k" | awk -v s="$(cat "$tmp/status.$k")" '
		    { t[NR] = $1; if ($2 > m) m = $2 }
		    END { printf "%s %d %s\n", t[int((NR + 1) / 2)], m, s }'
	done
}

# The structural-scan limit over the case's tables in format $1 (one
# command), or nothing when make has not built it.
scan_command() {
	[ -x "$scan_limit" ] || return 0
	flag=""
	[ "$1" = tsv ] && flag=-t
	sep=""
	for t in $(echo "$tabs" | tr , ' '); do
		# Each to /dev/null: timed sends only the whole command's last.
		printf '%s%s %s %s >/dev/null' "$sep" "$scan_limit" "$flag" \
		    "$data/$1/$t.$(ext "$1")"
		sep="; "
	done
}

# The DuckDB command of the case in format $1 on the tables in folder $2
# (default: the format's own), or nothing when DuckDB is not run.
duck_command() {
	pf=$tmp/peer.$peer.duckdb
	if [ -n "$peer" ] && [ -f "$pf" ] && [ "$over" = no ] && have_peer duckdb; then
		expand "$(cat "$pf")" "$1" "${2:-}"
	fi
}

# Floor, pipe ceiling, rows and bytes of one table file, measured once
# (n times, the median).
file_stats() {
	fmt=$1 t=$2 n=$3
	f=$data/$fmt/$t.$(ext "$fmt")
	key=$tmp/file.$fmt.$t
	if [ ! -f "$key" ]; then
		flag=""
		[ "$fmt" = tsv ] && flag=-t
		fl=$(timed "$n" "$floor $flag $f")
		wc=$(timed "$n" "cat $f | wc -l")
		rows=$(($(wc -l <"$f") - 1))
		bytes=$(wc -c <"$f")
		echo "$fl $wc $rows $bytes" >"$key"
		# The floor as a line of its own: its absolute speed.
		set -- $fl
		echo "libcsv-floor,$t,$fmt,$t,$rows,$bytes,$1,$2,$3,,,,,,,$n" >>"$tmp/rows"
		# The structural-scan limit (one core), when make built it.
		if [ -x "$scan_limit" ]; then
			set -- $(timed "$n" "$scan_limit $flag $f")
			echo "scan-limit,$t,$fmt,$t,$rows,$bytes,$1,$2,$3,,,,,,,$n" >>"$tmp/rows"
		fi
	fi
	cat "$key"
}

# expand COMMAND FORMAT [DIR]: the placeholders filled in; the tables are
# read from DIR (default: the format's own folder).
expand() {
	bench_expand "$1" "$2" "${3:-$data/$2}" "$data/key"
}

# Peer lines first: tmp/peer.KIND.PROGRAM holds the command.
grep '^peer|' "$cases" | while IFS= read -r line; do
	rest=${line#peer|}
	kind=${rest%%|*}
	rest=${rest#*|}
	program=${rest%%|*}
	printf '%s\n' "${rest#*|}" >"$tmp/peer.$kind.$program"
done

: >"$tmp/rows"
skipped="" over=no
start=$(date +%s)
while IFS= read -r line; do
	bench_case "$line" || continue
	case "$tool/$mode" in $only) ;; *) continue ;; esac
	if [ ! -x "$BIN/$tool" ]; then
		case " $skipped " in *" $tool "*) ;; *) skipped="$skipped $tool" ;; esac
		continue
	fi
	for fmt in $formats; do
		n=$runs peer_fmt=no
		case " $peer_formats " in *" $fmt "*) peer_fmt=yes ;; esac
		if [ $(($(date +%s) - t0)) -gt "$budget" ]; then
			n=1 peer_fmt=no over=yes
		fi
		rows=0 bytes=0 floor_s=0 wc_s=0
		for t in $(echo "$tabs" | tr , ' '); do
			set -- $(file_stats "$fmt" "$t" "$n")
			floor_s=$(echo "$floor_s $1" | awk '{ print $1 + $2 }')
			wc_s=$(echo "$wc_s $4" | awk '{ print $1 + $2 }')
			rows=$((rows + $7))
			bytes=$((bytes + $8))
		done
		mlr_s="" mlr_rss="" sql_s="" sql_rss="" duck_s="" duck_rss=""
		# DuckDB takes seconds: every format, as many runs as the tool,
		# in turn with the tool's.
		# The scan limit too, in turn: validate-1core is held to it.
		duck=$(duck_command "$fmt") scan=$(scan_command "$fmt") scan_s=""
		say "bench: $tool $mode ($fmt)${scan:+, in turn with the scan limit}${duck:+ and duckdb}"
		set -- $(timed "$n" "$(expand "$cmd" "$fmt")" ${scan:+"$scan"} ${duck:+"$duck"})
		tool_s=$1 tool_rss=$2 status=$3
		shift 3
		if [ -n "$scan" ]; then
			[ "$3" = 0 ] && scan_s=$1
			shift 3
		fi
		[ -n "$duck" ] && [ "$3" = 0 ] && duck_s=$1 duck_rss=$2
		for program in mlr sqlite3; do
			pf=$tmp/peer.$peer.$program
			[ -n "$peer" ] && [ -f "$pf" ] && have_peer "$program" || continue
			[ "$peer_fmt" = yes ] && [ "$over" = no ] || continue
			say "bench:   peer $program ($fmt)"
			set -- $(timed "$peer_runs" "$(expand "$(cat "$pf")" "$fmt")")
			[ "$3" = 0 ] || continue
			case $program in
			mlr) mlr_s=$1 mlr_rss=$2 ;;
			sqlite3) sql_s=$1 sql_rss=$2 ;;
			esac
		done
		# The same case on shuffled rows, in turn with DuckDB on the same rows.
		shuf_s="" shuf_rss="" shuf_status="" duck_shuf_s=""
		case " $shuffled_cases " in *" $tool/$mode "*)
			case $fmt in csv | tsv)
				duck=$(duck_command "$fmt" "$data/$fmt-shuf")
				say "bench: $tool $mode ($fmt, shuffled)${duck:+, in turn with duckdb}"
				set -- $(timed "$n" "$(expand "$cmd" "$fmt" "$data/$fmt-shuf")" ${duck:+"$duck"})
				shuf_s=$1 shuf_rss=$2 shuf_status=$3
				[ -n "$duck" ] && [ "$6" = 0 ] && duck_shuf_s=$4
				;;
			esac ;;
		esac
		echo "$tool,$mode,$fmt,$(echo "$tabs" | tr , +),$rows,$bytes,$tool_s,$tool_rss,$status,$floor_s,$wc_s,$mlr_s,$mlr_rss,$sql_s,$sql_rss,$n,$duck_s,$duck_rss,$shuf_s,$shuf_rss,$shuf_status,$duck_shuf_s,$scan_s" >>"$tmp/rows"
	done
done <"$cases"

# The results file (CSV) and the table (stdout), from the rows collected:
# tool,mode,format,tables(+),rows,bytes,wall,rss,status,floor,wc,mlr,mlr_rss,sql,sql_rss,runs,
# duck,duck_rss,shuf,shuf_rss,shuf_status,duck_shuf,scan
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
echo "rusdata benchmark: $patients patients (seed $seed), median of $runs runs; $(nproc 2>/dev/null) cores, ${cpu:-unknown CPU}"
echo "x_floor = floor time / tool time (above 1: faster than a bare libcsv parse); x_wc = (cat | wc -l) time / tool time;"
echo "x_mlr, x_sql, x_duck = peer time / tool time; mem_x = peer peak RSS / tool peak RSS; MB = 10^6 bytes, RSS in MiB;"
echo "shuf_s, shuf_MB/s: the tool on the shuffled copy; x_dk_sh = DuckDB time / tool time, both on the shuffled copy."
echo "x_scan = scan-limit time over the case's tables / tool time, the two run in turn (validate-1core: at least 0.25)."
echo "B_row, shB_row: the tool's peak RSS in bytes per input row (on the shuffled copy), fixed costs included."
awk -v results="$results" -v runs="$runs" '
function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "" : sprintf("%.2f", a / b) }
function fixed(x, d) { return x == "" ? "" : sprintf("%." d "f", x) }
function mib(kib) { return kib == "" ? "" : sprintf("%.1f", kib / 1024) }
function per_row(kib, rows) { return kib == "" || rows + 0 == 0 ? "" : sprintf("%.0f", kib * 1024 / rows) }
BEGIN {
	FS = ","
	print "tool,mode,format,tables,rows,mb,wall_s,mb_per_s,rss_mb,floor_s,x_floor," \
	    "wc_s,x_wc,mlr_s,mlr_rss_mb,x_mlr,mem_x_mlr,sqlite_s,sqlite_rss_mb," \
	    "x_sqlite,mem_x_sqlite,status,runs,duckdb_s,duckdb_rss_mb,x_duckdb,mem_x_duckdb," \
	    "shuffled_s,shuffled_mb_per_s,shuffled_rss_mb,shuffled_status,duckdb_shuffled_s," \
	    "x_duckdb_shuffled,bytes_per_row,shuffled_bytes_per_row,scan_s,x_scan" > results
	fmt = "%-14s %-18s %-4s %10s %8s %8s %7s %7s %6s %7s %6s %6s %6s %7s %6s %6s %7s %6s %7s %7s %7s %7s %7s %6s %s\n"
	printf fmt, "tool", "mode", "fmt", "rows", "MB", "wall_s", "MB/s", "rss_MB", "B_row",
	    "x_floor", "x_wc", "x_scan", "x_mlr", "mem_x", "mlr_MB", "x_sql", "mem_x", "sql_MB",
	    "x_duck", "duck_MB", "shuf_s", "shMB/s", "x_dk_sh", "shB_row", ""
}
{
	tables = $4
	gsub(/\+/, ",", tables)
	if (tables ~ /,/)
		tables = "\"" tables "\""
	mb = $6 / 1e6
	floor = $1 == "libcsv-floor" ? $7 : $10
	wc = $1 == "libcsv-floor" ? "" : $11
	mlr = $12; sql = $14
	rss = $8
	r[1] = $1; r[2] = $2; r[3] = $3; r[4] = tables; r[5] = $5
	r[6] = sprintf("%.1f", mb); r[7] = sprintf("%.3f", $7)
	r[8] = $7 > 0 ? sprintf("%.1f", mb / $7) : ""; r[9] = mib(rss)
	r[10] = fixed(floor, 3); r[11] = ratio(floor, $7)
	r[12] = fixed(wc, 3); r[13] = ratio(wc, $7)
	r[14] = fixed(mlr, 3); r[15] = mib($13); r[16] = ratio(mlr, $7); r[17] = ratio($13, rss)
	r[18] = fixed(sql, 3); r[19] = mib($15); r[20] = ratio(sql, $7); r[21] = ratio($15, rss)
	r[22] = $9; r[23] = $16
	r[24] = fixed($17, 3); r[25] = mib($18); r[26] = ratio($17, $7); r[27] = ratio($18, rss)
	r[28] = fixed($19, 3); r[29] = $19 > 0 ? sprintf("%.1f", mb / $19) : ""
	r[30] = mib($20); r[31] = $21; r[32] = fixed($22, 3); r[33] = ratio($22, $19)
	r[34] = per_row(rss, $5); r[35] = per_row($20, $5)
	r[36] = fixed($23, 3); r[37] = ratio($23, $7)
	line = r[1]
	for (i = 2; i <= 37; i++)
		line = line "," r[i]
	print line > results
	note = $9 == "0" ? "" : "exit " $9
	if ($21 != "" && $21 != "0")
		note = note (note == "" ? "" : " ") "shuffled exit " $21
	if ($16 != runs)
		note = note (note == "" ? "" : " ") "(" $16 " run)"
	printf fmt, r[1], r[2], r[3], r[5], r[6], r[7], r[8], r[9], r[34], r[11], r[13], r[37],
	    r[16], r[17], r[15], r[20], r[21], r[19], r[26], r[25], r[28], r[29], r[33], r[35], note
}' "$tmp/rows" || die "cannot write $results"
end=$(date +%s)
[ -n "$skipped" ] && echo "skipped (not built yet):$skipped"
[ "$over" = yes ] && echo "over the time budget of $budget s (BENCH_BUDGET): the last cases ran once, without peers"
echo "results: $results; $((end - t0)) s in all, $((end - start)) s of it measuring"
