#!/bin/sh
# SIGKILL during session-log --append: KILLS times (default 24) a batch of
# ROWS rows (default 100000) is appended to a log and the writer is killed
# at a random point: half the time after a random delay within the time a
# whole append takes, half the time a random moment after its journal
# appears (so during the write, the fsync or the digest update).  Then
#   - the next writer (an empty batch) must find the log exactly as it was
#     before the batch, or the log before plus the whole batch;
#   - the batch run again (a retried cron job) must leave the log equal to
#     the log before plus the batch exactly once: appended if it had been
#     undone, refused (status 1) if it had completed.
# Prints a one-line verdict (KILL_REPORT=1: the counts on stderr); exit 1
# on any difference.
kills=${1:-24}
rows=${2:-100000}
seed=${SEED:-15}
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT INT TERM
header=patient_id,episode_id,date,activity,attendance,topic
log=$d/log.csv

batch() {	# batch ID ROWS > file
	awk -v b="$1" -v rows="$2" -v h="$header" 'BEGIN {
		print h
		for (j = 1; j <= rows; j++)
			printf "B%d-P%d,E%d,2026-03-%02d,group,attended,batch %d row %d\n",
			    b, j, j, j % 28 + 1, b, j
	}'
}

now_ns() { date +%s%N; }

echo "$header" >"$d/empty.csv"
batch 0 100 >"$d/base.csv"
batch 1 "$rows" >"$d/b.csv"
# How long one whole append takes, for the random delays.
start=$(now_ns)
session-log --append "$d/measure.csv" "$d/b.csv" || exit 1
span_us=$((($(now_ns) - start) / 1000))
[ "$span_us" -gt 0 ] || span_us=1000
awk -v seed="$seed" -v n="$kills" -v span="$span_us" 'BEGIN {
	srand(seed)
	for (i = 1; i <= n; i++)
		printf "%.6f %d\n", rand() * span / 1e6, int(rand() * 300)
}' >"$d/delays"

failed=0 undone=0 journaled=0 completed=0 untouched=0 i=0
fail() { echo "FAIL kill $i: $*"; failed=$((failed + 1)); }
while read -r delay spins; do
	i=$((i + 1))
	cp "$d/base.csv" "$log"
	chmod 600 "$log"
	rm -f "$log.digests" "$log.journal"
	batch "$i" "$rows" >"$d/b.csv"
	{ cat "$d/base.csv"; tail -n +2 "$d/b.csv"; } >"$d/want"
	session-log --append "$log" "$d/b.csv" 2>/dev/null &
	pid=$!
	if [ $((i % 2)) = 1 ]; then
		sleep "$delay"
	else
		while [ ! -e "$log.journal" ] && kill -0 "$pid" 2>/dev/null; do :; done
		j=0
		while [ "$j" -lt "$spins" ]; do j=$((j + 1)); done
	fi
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	session-log --append "$log" "$d/empty.csv" 2>"$d/recover.err" ||
	    fail "the next writer failed: $(cat "$d/recover.err")"
	if cmp -s "$log" "$d/base.csv"; then
		was=undone
		if grep -q "undid" "$d/recover.err"; then
			undone=$((undone + 1))
		elif grep -q "before it wrote" "$d/recover.err"; then
			journaled=$((journaled + 1))
		else
			untouched=$((untouched + 1))
		fi
	elif cmp -s "$log" "$d/want"; then
		was=completed
		completed=$((completed + 1))
	else
		fail "log is neither the log before nor the log before plus the batch"
		continue
	fi
	session-log --append "$log" "$d/b.csv" 2>"$d/retry.err"
	status=$?
	cmp -s "$log" "$d/want" || fail "after the retry the log is not the log before plus the batch once"
	if [ "$was" = completed ]; then
		[ "$status" = 1 ] && grep -q "same batch" "$d/retry.err" ||
		    fail "a retry of a completed batch was not refused"
	else
		[ "$status" = 0 ] || fail "the retry of an undone batch failed: $(cat "$d/retry.err")"
	fi
done <"$d/delays"
if [ -n "$KILL_REPORT" ]; then
	echo "$kills kills of $rows-row batches (an append takes ${span_us} us): $undone cut back" \
	    "by the journal, $journaled journaled but not yet written, $untouched killed" \
	    "before the journal, $completed completed" >&2
fi
[ "$i" = "$kills" ] || fail "only $i kills ran"
if [ "$failed" -eq 0 ]; then
	echo "$kills kills: the log was always the log before or before plus the whole batch; retried, the batch exactly once"
fi
[ "$failed" -eq 0 ]
