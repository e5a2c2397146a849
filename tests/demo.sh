#!/bin/sh
# make demo: the toolkit end to end on one synthetic clinic, in a few
# seconds.  Generates data with synth-clinic (or copies the sample data
# shipped in testdata/demo/), builds treatment plans, scores screening
# forms, summarises sessions, urine and goals, lists what the guideline
# expects and the record does not show, prints the outcome report as text,
# writes it as html to build/demo/report.html, checks that four shards
# (split by patient-split) merged give the same report, and makes a
# pseudonymised research extract.
#
# Every date is fixed by AS_OF, so the demo prints the same on any day.
# A tool that is not built is skipped with a note; a tool that fails
# makes the demo fail.
#
# Environment: BIN (built tools, default bin/), OUT (default build/demo),
# PATIENTS (default 400), AS_OF (default 2026-03-31).
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$top/bin}
OUT=${OUT:-$top/build/demo}
PATIENTS=${PATIENTS:-400}
AS_OF=${AS_OF:-2026-03-31}
PATH=$BIN:$PATH
export LC_ALL=C TZ=UTC
failed=0

have() { [ -x "$BIN/$1" ]; }
step() { printf '\n== %s\n' "$*"; }
skip() { printf '(%s is not built: step skipped)\n' "$1"; }
fail() { printf 'demo: %s failed\n' "$1" >&2; failed=1; }
# Lines of a file without its header.
rows() { echo $(($(wc -l <"$1") - 1)); }
rm -rf "$OUT"
mkdir -p "$OUT/data" || exit 1
cd "$OUT" || exit 1
D=data

step "data"
if have synth-clinic; then
	synth-clinic --patients "$PATIENTS" --seed 2026 --clinics 3 \
	    --from 2024-07-01 --as-of "$AS_OF" --out-dir $D || fail synth-clinic
	echo "synth-clinic: $PATIENTS synthetic patients, seed 2026, records up to $AS_OF"
else
	skip synth-clinic
	cp "$top"/testdata/demo/*.csv $D/ || fail "copying testdata/demo"
	echo "sample data from testdata/demo/"
fi
for t in episodes sessions urine goals assessments prescriptions; do
	[ -f $D/$t.csv ] && printf '  %-12s %6d rows\n' $t "$(rows $D/$t.csv)"
done
# Prescriptions of medication-assisted treatment, when the data has them.
rx=""
[ -f $D/prescriptions.csv ] && rx="--prescribed $D/prescriptions.csv"

step "assess: screening scores and risk zones"
if have assess && [ -f $D/assessments.csv ]; then
	assess $D/assessments.csv >assess.csv || fail assess
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { z = $c["zone"]; if (z == "") z = "(incomplete)"; n[$c["instrument"] " " z]++ }
	    END { for (k in n) printf "  %-22s %5d\n", k, n[k] }' assess.csv | sort
else
	skip assess
fi

step "plan-new: treatment plans for the programmes with a built-in protocol"
if have plan-new; then
	plan-new --list
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "modality") m = i; print; next }
	    $m == "twelve-step" || $m == "relapse-prevention" || $m == "network-therapy"' \
	    $D/episodes.csv >planned-episodes.csv
	plan-new --holidays no planned-episodes.csv >plans.csv 2>plan-warnings.txt ||
	    { cat plan-warnings.txt >&2; fail plan-new; }
	echo "$(rows plans.csv) planned items for $(rows planned-episodes.csv) episodes" \
	    "($(wc -l <plan-warnings.txt) dropped for Norwegian holidays: plan-warnings.txt);"
	echo "the first:"
	head -6 plans.csv
else
	skip plan-new
fi

step "session-log --summary: attendance, adherence to plan, dropout risk"
if have session-log; then
	plan=""
	[ -s plans.csv ] && plan="--plan plans.csv"
	# shellcheck disable=SC2086
	session-log --summary $plan --episodes $D/episodes.csv --as-of "$AS_OF" \
	    $D/sessions.csv >session-summary.csv || fail session-log
	head -4 session-summary.csv
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { n++; if ($c["dropout_risk"] == "yes") r++ }
	    END { printf "%d patient episodes, %d at risk of dropout\n", n, r }' \
	    session-summary.csv
else
	skip session-log
fi

step "urine-track --summary: samples per episode"
if have urine-track; then
	# shellcheck disable=SC2086
	urine-track --summary --episodes $D/episodes.csv --as-of "$AS_OF" $rx \
	    $D/urine.csv >urine-summary.csv || fail urine-track
	head -4 urine-summary.csv
	echo "... $(rows urine-summary.csv) episodes"
else
	skip urine-track
fi

step "urine-track --prescribed: one patient in medication-assisted treatment"
if have urine-track && [ -n "$rx" ]; then
	# The first patient whose samples a class prescription would judge
	# differently: one with a positive that the medicine does not excuse.
	awk -F, -v OFS=, 'NR > 1 { $2 = "opioids" } 1' $D/prescriptions.csv >class-rx.csv
	urine-track --summary --as-of "$AS_OF" $rx $D/urine.csv >by-analyte.csv &&
	    urine-track --summary --as-of "$AS_OF" --prescribed class-rx.csv \
	    $D/urine.csv >by-class.csv || fail "urine-track --prescribed"
	p=$(paste -d'|' by-analyte.csv by-class.csv | awk -F'|' '$1 != $2 {
	    split($1, f, ","); if (f[1] != "patient_id") { print f[1]; exit } }')
	if [ -n "$p" ]; then
		grep -e '^patient_id,' -e "^$p," $D/prescriptions.csv
		grep -e '^patient_id,' -e "^$p," $D/urine.csv >mat-urine.csv
		urine-track --as-of "$AS_OF" mat-urine.csv | head -11 || fail urine-track
		echo "... $(rows mat-urine.csv) rows"
		echo "samples judged by analyte: the medicine excuses only its own analytes"
		grep -e '^patient_id,' -e "^$p," by-analyte.csv | cut -d, -f1-7
		echo "the same rows with the class opioids prescribed (heroin and fentanyl hidden)"
		grep -e "^$p," by-class.csv | cut -d, -f1-7
		echo "$(($(rows by-analyte.csv))) patients, $(paste -d'|' by-analyte.csv \
		    by-class.csv | awk -F'|' '$1 != $2' | wc -l) judged differently by analyte"
	fi
elif have urine-track; then
	echo "(no prescriptions in the data: step skipped)"
fi

step "goal-track: goal attainment (GAS T-score) and overdue reviews"
if have goal-track; then
	goal-track --as-of "$AS_OF" $D/goals.csv >goal-summary.csv || fail goal-track
	head -4 goal-summary.csv
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { n++; if ($c["overdue"] == "yes") o++ }
	    END { printf "%d patient episodes with goals, %d with a review overdue\n", n, o }' \
	    goal-summary.csv
else
	skip goal-track
fi

step "care-check: what the guideline expects and the record does not show"
asm=""
[ -f $D/assessments.csv ] && asm="--assessments $D/assessments.csv"
if have care-check; then
	# shellcheck disable=SC2086
	care-check --as-of "$AS_OF" --sessions $D/sessions.csv --goals $D/goals.csv \
	    --urine $D/urine.csv $rx $asm $D/episodes.csv >findings.csv || fail care-check
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { n[$c["check"] " [" $c["guideline"] "]"]++ }
	    END { for (k in n) printf "  %-28s %4d\n", k, n[k] }' findings.csv | sort
else
	skip care-check
fi

step "outcome-report: results by clinic, as text (html in $OUT/report.html)"
if have outcome-report; then
	inputs="--sessions $D/sessions.csv --urine $D/urine.csv --goals $D/goals.csv $rx $asm"
	# shellcheck disable=SC2086
	outcome-report --as-of "$AS_OF" --by clinic $inputs --format text \
	    --title "Outcome report, demo clinic" $D/episodes.csv || fail outcome-report
	# shellcheck disable=SC2086
	outcome-report --as-of "$AS_OF" --by clinic,modality $inputs --format html \
	    --title "Outcome report, demo clinic" $D/episodes.csv >report.html ||
	    fail "outcome-report --format html"
	# shellcheck disable=SC2086
	outcome-report --as-of "$AS_OF" --by clinic,modality $inputs \
	    $D/episodes.csv >report.csv || fail "outcome-report --format csv"
	echo
	echo "wrote $OUT/report.html ($(wc -c <report.html) bytes) and report.csv"

	step "patient-split into 4 shards, outcome-report --partial on each, --merge"
	if have patient-split; then
		prx=""
		[ -n "$rx" ] && prx=$D/prescriptions.csv
		[ -n "$asm" ] && prx="$prx $D/assessments.csv"
		# shellcheck disable=SC2086
		patient-split --shards 4 --out-dir shards $D/episodes.csv \
		    $D/sessions.csv $D/urine.csv $D/goals.csv $prx || fail patient-split
		for i in 1 2 3 4; do
			s=shards/shard-0$i-of-04
			srx=""
			[ -n "$rx" ] && srx="--prescribed $s/prescriptions.csv"
			[ -n "$asm" ] && srx="$srx --assessments $s/assessments.csv"
			# shellcheck disable=SC2086
			outcome-report --partial --shard $i/4 --as-of "$AS_OF" \
			    --by clinic,modality --sessions $s/sessions.csv \
			    --urine $s/urine.csv --goals $s/goals.csv $srx $s/episodes.csv \
			    >$s/partial.csv || fail "outcome-report --partial"
			echo "$s: $(rows $s/episodes.csv) episodes"
		done
		cat shards/*/partial.csv | outcome-report --merge >merged.csv ||
		    fail "outcome-report --merge"
		if cmp -s merged.csv report.csv; then
			echo "merged report identical to the single run ($(rows report.csv) rows)"
		else
			fail "merge identical to one run"
		fi
	else
		skip patient-split
	fi
else
	skip outcome-report
fi

step "pseudonymize: a research extract of the episodes"
if have pseudonymize; then
	rm -f research.key
	pseudonymize --keygen research.key || fail "pseudonymize --keygen"
	pseudonymize --key-file research.key --columns patient_id,episode_id \
	    --drop birth_year $D/episodes.csv >episodes-research.csv ||
	    fail pseudonymize
	head -3 episodes-research.csv
else
	skip pseudonymize
fi

echo
if [ "$failed" -ne 0 ]; then
	echo "demo: some steps failed" >&2
	exit 1
fi
echo "demo: done; files in $OUT"
