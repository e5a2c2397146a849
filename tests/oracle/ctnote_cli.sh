#!/bin/sh
# The urine-track command line against the CTNote 0.1.3 published outcome
# tables (../shared/oracle/ctnote, GPL-3 data read in place, never copied).
# For each of the three files: the words alone (who,usePatternUDS) go through
# `urine-track --outcome COLUMNS --pattern-column usePatternUDS`, with COLUMNS
# the outcome columns of that file, and every output cell is compared with the
# published one: NA equals an empty cell, TRUE/FALSE and integers must be the
# same text, reals the same number within 1e-9 (urine-track(1), --outcome).
# Prints matched/total per column and "N columns all matched"; exits 1 on any
# mismatch, 0 with "skipped: ... not found" when the folder is absent.
# awk only (mawk or gawk): CI machines may have no python.
set -u
dir=${CTNOTE_DIR:-../shared/oracle/ctnote}
BIN=${BIN:-$PWD/bin}

if [ ! -d "$dir" ]; then
	echo "ctnote_cli: skipped: $dir not found"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

status=0
ncols=0
for ref in "$dir"/outcomes_*.csv; do
	[ -f "$ref" ] || continue
	name=$(basename "$ref")
	cols=$(head -n 1 "$ref" | tr -d '\r' | cut -d, -f3-)
	# Only the words go in, so the tool cannot pass by copying the answers.
	cut -d, -f1,2 "$ref" >"$tmp/words.csv"
	if ! "$BIN/urine-track" --outcome "$cols" --pattern-column usePatternUDS \
	    "$tmp/words.csv" >"$tmp/out.csv"; then
		echo "ctnote_cli: $name: urine-track failed"
		status=1
		continue
	fi
	awk -F, -v name="$name" '
	function numeric(s) {
		return s ~ /^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/
	}
	function same(a, b,   d) {
		if (a == b || (a == "NA" && b == ""))
			return 1
		if (!numeric(a) || !numeric(b))
			return 0
		d = a - b
		return d <= 1e-9 && d >= -1e-9
	}
	{ sub(/\r$/, "") }
	FNR == 1 && NR == 1 { nref = NF; for (i = 1; i <= NF; i++) rname[i] = $i; next }
	NR == FNR { nrows++; for (i = 1; i <= NF; i++) ref[nrows, i] = $i; next }
	FNR == 1 {
		for (i = 1; i <= NF; i++) at[$i] = i
		for (i = 3; i <= nref; i++)
			if (!(rname[i] in at)) { print name ": no output column " rname[i]; bad = 1 }
		next
	}
	{
		row = FNR - 1
		for (i = 3; i <= nref; i++) {
			if (!(rname[i] in at)) continue
			if (same(ref[row, i], $(at[rname[i]]))) ok[i]++
			else if (shown[i]++ < 3)
				printf "%s: who %s %s: expected %s, got %s\n", name, ref[row, 1],
				    rname[i], ref[row, i], $(at[rname[i]])
		}
		seen++
	}
	END {
		if (seen != nrows) { print name ": " seen " output rows for " nrows " words"; bad = 1 }
		for (i = 3; i <= nref; i++) {
			printf "%s %s %d/%d\n", name, rname[i], ok[i], nrows
			if (ok[i] != nrows) bad = 1
		}
		exit bad
	}' "$ref" "$tmp/out.csv" || status=1
	ncols=$((ncols + $(echo "$cols" | tr ',' '\n' | wc -l)))
done
if [ "$status" -eq 0 ]; then
	echo "ctnote_cli: $ncols columns all matched"
else
	echo "ctnote_cli: MISMATCH"
fi
exit "$status"
