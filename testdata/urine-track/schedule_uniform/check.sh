# 2,000 patients x 26 weeks, one random sample a week.  Expected: each
# weekday within 1 point of 20% of the samples, no weekend; the share of
# weeks that repeat the previous week's weekday within 1 point of 20%
# (independent weeks; a fixed rhythm would give 100%); the same seed gives
# the same bytes and another seed other days.
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
awk 'BEGIN { print "patient_id,start_date"
	for (p = 0; p < 2000; p++) printf "P%04d,2026-01-%02d\n", p, 1 + p % 7 }' >"$t/in.csv"
urine-track --schedule --seed s1 --weeks 26 "$t/in.csv" >"$t/a.csv" || exit 1
urine-track --schedule --seed s1 --weeks 26 "$t/in.csv" >"$t/b.csv" || exit 1
urine-track --schedule --seed s2 --weeks 26 "$t/in.csv" >"$t/c.csv" || exit 1
cmp -s "$t/a.csv" "$t/b.csv" && echo "same seed: identical" || echo "same seed: DIFFERENT"
cmp -s "$t/a.csv" "$t/c.csv" && echo "other seed: IDENTICAL" || echo "other seed: differs"
awk -F, '
# Day number of an ISO date (days since 1970-01-01); weekday 0 = Monday.
function weekday(s,   y, m, d, n) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) { y--; m += 12 }
	n = 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d - 719469
	return (n + 3) % 7
}
NR == 1 { next }
{
	wd = weekday($2); count[wd]++; total++
	if ($1 == prev) { pairs++; if (wd == prevwd) repeats++ }
	prev = $1; prevwd = wd
}
END {
	ok = 1
	split("mon tue wed thu fri sat sun", name, " ")
	for (i = 0; i < 7; i++) {
		share = count[i] / total
		printf "%s %.4f\n", name[i + 1], share
		if (i < 5 && (share < 0.19 || share > 0.21)) ok = 0
		if (i >= 5 && count[i] > 0) ok = 0
	}
	printf "samples %d, week pairs %d, repeat share %.4f\n", total, pairs, repeats / pairs
	print "weekdays within 1 point of 20%: " (ok ? "yes" : "NO")
	r = repeats / pairs
	print "repeats within 1 point of 20%: " ((r >= 0.19 && r <= 0.21) ? "yes" : "NO")
}' "$t/a.csv"
