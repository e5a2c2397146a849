#!/bin/sh
# Cross-tool consistency: every tool that reads episodes attaches rows to
# them by one rule (rusdata(7), EPISODES AND DATED ROWS), so where two
# tools measure the same thing per episode they must agree:
#   attended and no-show sessions   session-log --summary, outcome-report,
#                                   care-check (no-show-run, no-contact)
#   negative and positive samples   urine-track --summary, outcome-report,
#                                   care-check (relapse)
#   T-score and goals met           goal-track, outcome-report
#   rows left out (the note)        every tool reading the same input
#   another patient's episode       every tool rejects the same row
# Runs on the hand-made set testdata/consistency/ (every attachment case)
# and on a synth-clinic set.  A difference prints
#   FAIL SET: TOOL/TOOL: episode E: what differs
# and the run exits 1.
: "${BIN:?BIN must name the folder of the built tools}"
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d) || exit 1
[ -n "$KEEP" ] || trap 'rm -rf "$tmp"' EXIT INT TERM; [ -n "$KEEP" ] && echo "kept $tmp"
PATH="$BIN:$PATH"
export LC_ALL=C TZ=UTC
failed=0

fail() {
	echo "FAIL $*"
	failed=$((failed + 1))
}

# run NAME TOOL ARGS...: stdout to $tmp/NAME.tsv, stderr to $tmp/NAME.err;
# any exit status but 0 is a failure of the suite itself.
run() {
	name=$1
	shift
	if ! "$@" >"$tmp/$name.tsv" 2>"$tmp/$name.err"; then
		fail "$set: $1 exited $?: $(head -1 "$tmp/$name.err")"
	fi
}

# compare SET AS_OF: the per-episode checks over the outputs in $tmp.
compare() {
	awk -F '\t' -v set="$1" -v as_of="$2" '
	# Column numbers by name, per file.
	FNR == 1 { file = FILENAME; sub(/.*\//, "", file); sub(/\.tsv$/, "", file)
		for (i = 1; i <= NF; i++) col[file, $i] = i; next }
	function v(name) { return $(col[file, name]) }
	function bad(pair, ep, what) { print "FAIL " set ": " pair ": episode " ep ": " what; nbad++ }
	file == "episodes" {
		ep = v("episode_id"); end[ep] = v("end_date"); start[ep] = v("start_date")
		if (start[ep] <= as_of) { inscope[ep] = 1
			if (end[ep] == "" || end[ep] > as_of) active[ep] = 1 }
		next }
	file == "sl" { ep = v("episode_id"); sl[ep] = 1
		att[ep] = v("attended"); ns[ep] = v("no_show")
		run2[ep] = v("current_no_show_run"); dsc[ep] = v("days_since_contact"); next }
	file == "ut" { ep = v("episode_id"); ut[ep] = 1
		neg[ep] = v("neg"); tests[ep] = v("tests"); last[ep] = v("last_test_date")
		cur[ep] = v("current_negative_run"); next }
	file == "gt" { ep = v("episode_id"); gt[ep] = 1; gast[ep] = v("gas_t"); met[ep] = v("goals_met"); next }
	file == "or" { if (v("_kind") != "group") next
		ep = v("by:episode_id"); or[ep] = 1
		oatt[ep] = v("attendance_num"); oden[ep] = v("attendance_den")
		oneg[ep] = v("urine_negative_num"); osam[ep] = v("urine_negative_den")
		on[ep] = v("goal_n"); otsum[ep] = v("goal_t_sum"); omet[ep] = v("goals_met_num"); next }
	file == "cc" { ep = v("episode_id"); check = v("check"); d = v("detail")
		if (check == "no-show-run") { split(d, w, " "); ccrun[ep] = w[1] }
		else if (check == "no-contact") { split(d, w, " "); ccdays[ep] = w[1] }
		else if (check == "relapse") { split(d, w, " "); ccrel[ep] = w[3]
			n = d; sub(/.* after /, "", n); sub(/ negative.*/, "", n); ccnegs[ep] = n }
		next }
	file == "before" { ep = v("episode_id"); before[ep] = v("current_negative_run"); next }
	END {
		for (ep in inscope) {
			if (!(ep in sl)) bad("session-log", ep, "no summary row")
			if (!(ep in ut)) bad("urine-track", ep, "no summary row")
			if (!(ep in or)) bad("outcome-report", ep, "no group row")
		}
		for (ep in or) {
			if (att[ep] != oatt[ep] || att[ep] + ns[ep] != oden[ep])
				bad("session-log/outcome-report", ep, "attended " att[ep] " no-show " ns[ep] \
				    " vs attendance " oatt[ep] "/" oden[ep])
			if (neg[ep] != oneg[ep] || tests[ep] != osam[ep])
				bad("urine-track/outcome-report", ep, "neg " neg[ep] " of " tests[ep] \
				    " vs urine_negative " oneg[ep] "/" osam[ep])
			t = on[ep] ? sprintf("%.2f", otsum[ep] / 1000000) : ""
			if ((ep in gt ? gast[ep] : "") != t)
				bad("goal-track/outcome-report", ep, "gas_t " gast[ep] " vs goal_t " t)
			if (on[ep] && (met[ep] == "yes") != (omet[ep] == 1))
				bad("goal-track/outcome-report", ep, "goals_met " met[ep] " vs " omet[ep])
		}
		for (ep in gt) if (!(ep in inscope) && gast[ep] != "")
			bad("goal-track/outcome-report", ep, "T-score of an episode outside the report")
		for (ep in active) {
			want = run2[ep] >= 2 ? run2[ep] : ""
			if (ccrun[ep] != want)
				bad("session-log/care-check", ep, "current no-show run " run2[ep] \
				    " vs no-show-run finding \"" ccrun[ep] "\"")
			want = dsc[ep] > 14 ? dsc[ep] : ""
			if (ccdays[ep] != want)
				bad("session-log/care-check", ep, "days since contact " dsc[ep] \
				    " vs no-contact finding \"" ccdays[ep] "\"")
		}
		for (ep in ccrel) {
			if (last[ep] != ccrel[ep] || cur[ep] != 0)
				bad("urine-track/care-check", ep, "last sample " last[ep] " (negative run " \
				    cur[ep] ") vs relapse on " ccrel[ep])
			if (before[ep] != ccnegs[ep])
				bad("urine-track/care-check", ep, "negative run the day before " before[ep] \
				    " vs relapse after " ccnegs[ep])
		}
		exit nbad > 0
	}' "$tmp/episodes.tsv" "$tmp/sl.tsv" "$tmp/ut.tsv" "$tmp/gt.tsv" \
	    "$tmp/or.tsv" "$tmp/cc.tsv" "$tmp/before.tsv" || failed=$((failed + 1))
}

# The note of one input must be the same line in every tool that read it.
same_notes() {
	input=$1
	shift
	first=""
	for tool in "$@"; do
		note=$(grep -h "note: [^ ]*$input" "$tmp/$tool.err" | sed 's/^[a-z-]*: //')
		case $tool in
		sl) name=session-log ;; ut) name=urine-track ;; gt) name=goal-track ;;
		or) name=outcome-report ;; cc) name=care-check ;;
		esac
		if [ -z "$first" ]; then
			first=$note firstname=$name
		elif [ "$note" != "$first" ]; then
			fail "$set: $firstname/$name: the note on $input differs: '$first' vs '$note'"
		fi
	done
}

# check_set SET DIR AS_OF: every tool on DIR's tables, then the comparisons.
check_set() {
	set=$1 dir=$2 as_of=$3
	e=$dir/episodes.csv s=$dir/sessions.csv u=$dir/urine.csv g=$dir/goals.csv
	# Prescriptions (synth-clinic writes them): every tool judges samples
	# by the same analyte rule.
	rx=""
	[ -f "$dir/prescriptions.csv" ] && rx="--prescribed $dir/prescriptions.csv"
	cp "$e" "$tmp/episodes.csv"
	tr ',' '\t' <"$e" >"$tmp/episodes.tsv"
	run sl session-log --otsv --summary --as-of "$as_of" --episodes "$e" "$s"
	run ut urine-track --otsv --summary --as-of "$as_of" --episodes "$e" $rx "$u"
	run gt goal-track --otsv --as-of "$as_of" --episodes "$e" "$g"
	run or outcome-report --otsv --partial --by episode_id --as-of "$as_of" \
	    --sessions "$s" --urine "$u" --goals "$g" $rx "$e"
	run cc care-check --otsv --as-of "$as_of" --sessions "$s" --urine "$u" \
	    --goals "$g" $rx "$e"
	# care-check's relapse counts the negatives before the positive: the
	# current run of urine-track on the day before that sample.
	: >"$tmp/before.tsv"
	awk -F '\t' 'NR > 1 && $4 == "relapse" { print $6 }' "$tmp/cc.tsv" | sort -u |
	while read -r day; do
		prev=$(date -u -d "$day - 1 day" +%F)
		urine-track --otsv --summary --as-of "$prev" --episodes "$e" $rx "$u" \
		    2>/dev/null >"$tmp/prev.tsv"
		for ep in $(awk -F '\t' -v d="$day" 'NR > 1 && $4 == "relapse" && $6 == d { print $2 }' "$tmp/cc.tsv"); do
			[ -s "$tmp/before.tsv" ] || head -1 "$tmp/prev.tsv" >"$tmp/before.tsv"
			awk -F '\t' -v ep="$ep" 'NR > 1 && $2 == ep' "$tmp/prev.tsv" >>"$tmp/before.tsv"
		done
	done
	[ -s "$tmp/before.tsv" ] || echo "episode_id" >"$tmp/before.tsv"
	compare "$set" "$as_of"
	same_notes "$(basename "$s")" sl or cc
	same_notes "$(basename "$u")" ut or cc
	same_notes "$(basename "$g")" gt or cc
}

# reject_same SET DIR: a row naming another patient's episode is the same
# bad row for every tool reading it.
reject_same() {
	set=$1 dir=$2 e=$top/testdata/consistency/episodes.csv
	for input in sessions urine goals; do
		f=$dir/$input.csv
		case $input in
		sessions) own="session-log --summary --episodes $e $f" ;;
		urine) own="urine-track --summary --episodes $e $f" ;;
		goals) own="goal-track --episodes $e $f" ;;
		esac
		first=""
		for cmd in "$own" "outcome-report --$input $f $e" "care-check --$input $f $e"; do
			msg=$($cmd --as-of 2026-03-31 2>&1 >/dev/null)
			status=$?
			tool=${cmd%% *}
			msg=${msg#"$tool: "}
			if [ "$status" != 1 ] || [ -z "$msg" ]; then
				fail "$set: $tool: $input naming another patient's episode: status $status"
			elif [ -z "$first" ]; then
				first=$msg firsttool=$tool
			elif [ "$msg" != "$first" ]; then
				fail "$set: $firsttool/$tool: $input naming another patient's episode: '$first' vs '$msg'"
			fi
		done
	done
}

check_set handmade "$top/testdata/consistency" 2026-03-31
reject_same handmade "$top/testdata/consistency/other-patient"
synth-clinic --patients 300 --seed 13 --out-dir "$tmp/synth" || fail "synth-clinic"
check_set synth-clinic "$tmp/synth" 2026-06-30

if [ "$failed" -eq 0 ]; then
	echo "consistency: every tool agrees on the hand-made and the synth-clinic set"
else
	echo "consistency: the tools disagree (FAIL lines above)"
	exit 1
fi
