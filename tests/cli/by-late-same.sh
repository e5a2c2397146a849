#!/bin/sh
# by-late-same.sh: outcome-report finds the groups of --by values that are
# all in the table of episodes (clinic, a code column, age_group,
# start_year, start_quarter) after the loading, on every core
# (cmd/outcome-report/groups.c: find_groups); any other column's values
# are staged row by row and looked up in input order.  Both must give the
# same bytes: clinic against "site", a copy of it, on 3000 synth-clinic
# patients (clean, and with a clinic quoted over two lines), in one and
# two threads, in scope and with --from.  Prints one line per run.
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT INT TERM
synth-clinic --seed 12 --patients 3000 --out-dir "$d" >/dev/null || exit 1
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "site"; next }
NR == 1500 { $3 = "\"c\n" $3 "\"" } { print $0, $3 }' \
    "$d/episodes.csv" >"$d/site.csv"
for by in clinic,modality age_group,clinic clinic,start_quarter,sex; do
	site=$(echo "$by" | sed 's/clinic/site/')
	for args in "-j 1" "-j 2" "-j 2 --from 2025-01-01"; do
		# $args is split on purpose: it holds options.
		outcome-report $args --as-of 2026-12-31 --by "$by" "$d/site.csv" \
		    >"$d/late" 2>&1
		echo "status $?" >>"$d/late"
		outcome-report $args --as-of 2026-12-31 --by "$site" "$d/site.csv" \
		    2>&1 | sed '1s/site/clinic/' >"$d/staged"
		echo "status $?" >>"$d/staged"
		if cmp -s "$d/late" "$d/staged"; then same=same; else same=differ; fi
		echo "--by $by against $site, $args: $same, $(wc -l <"$d/late") lines"
	done
done
