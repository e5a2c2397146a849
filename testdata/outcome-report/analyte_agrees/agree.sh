# urine-track --summary, outcome-report and care-check on the same rows:
# negative and total samples per episode must agree, and care-check's
# relapse must match urine-track's sample sequence (latest positive after
# 3 or more negatives).  Prints one line per episode; "DIFFER" fails.
d=../../care-check/analyte_relapse
opts="--as-of 2026-02-01 --prescribed $d/prescribed.csv"
urine-track --summary $opts --episodes $d/episodes.csv $d/urine.csv > ut.csv || exit 1
outcome-report $opts --by episode_id --urine $d/urine.csv --min-cell 0 $d/episodes.csv > or.csv || exit 1
care-check $opts --only relapse --urine $d/urine.csv $d/episodes.csv > cc.csv || exit 1
urine-track --weekly $opts --episodes $d/episodes.csv $d/urine.csv > wk.csv || exit 1
awk -F, '
FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
FILENAME == "ut.csv" { e = $col["ut.csv", "episode_id"]; eps[e] = 1
	neg[e] = $col["ut.csv", "neg"]; tests[e] = $col["ut.csv", "tests"] }
FILENAME == "or.csv" { share[$col["or.csv", "episode_id"]] = $col["or.csv", "urine_negative"] }
FILENAME == "cc.csv" { relapse[$col["cc.csv", "episode_id"]] = $col["cc.csv", "since"] }
FILENAME == "wk.csv" { word[$col["wk.csv", "episode_id"]] = $col["wk.csv", "use_pattern"] }
END {
	for (e in eps) {
		mine = sprintf("%.4f", neg[e] / tests[e])
		ok = mine == share[e] ? "agree" : "DIFFER"
		printf "%s urine-track %d/%d = %s, outcome-report %s: %s; weekly %s; relapse %s\n",
		    e, neg[e], tests[e], mine, share[e], ok, word[e],
		    (e in relapse) ? relapse[e] : "none"
	}
}' ut.csv or.csv cc.csv wk.csv | sort
rm -f ut.csv or.csv cc.csv wk.csv
