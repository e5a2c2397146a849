#!/bin/sh
# Concurrent appends: N session-log --append processes (default 16) write
# ROWS rows each (default 500) to one log at once.  The log must end up
# with exactly one header and every row exactly once, none torn or
# interleaved.  Prints a one-line verdict; exit 1 on any difference.
n=${1:-16}
rows=${2:-500}
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT INT TERM
header=patient_id,episode_id,date,activity,attendance,topic
i=1
while [ "$i" -le "$n" ]; do
	awk -v w="$i" -v rows="$rows" -v h="$header" 'BEGIN {
		print h
		for (j = 1; j <= rows; j++)
			printf "W%d-P%d,E%d,2026-03-%02d,group,attended,writer %d row %d\n",
			    w, j, j, j % 28 + 1, w, j
	}' >"$d/in$i.csv"
	i=$((i + 1))
done
cat "$d"/in*.csv | grep -v "^$header\$" | sort >"$d/want"
# Every writer starts and blocks reading its input from a pipe whose feeder
# waits on one FIFO; opening the FIFO for writing releases them together.
mkfifo "$d/go" || exit 1
i=1
while [ "$i" -le "$n" ]; do
	({ cat "$d/go" >/dev/null; cat "$d/in$i.csv"; } |
	    session-log --append "$d/log.csv"; echo "$?" >"$d/status$i") &
	i=$((i + 1))
done
sleep 1
: >"$d/go"
wait
bad=$(cat "$d"/status* | grep -cv '^0$')
lines=$(wc -l <"$d/log.csv")
headers=$(grep -c "^$header\$" "$d/log.csv")
first=$(head -n 1 "$d/log.csv")
tail -n +2 "$d/log.csv" | sort >"$d/got"
if [ "$bad" -ne 0 ] || [ "$headers" -ne 1 ] || [ "$first" != "$header" ] ||
    ! cmp -s "$d/want" "$d/got"; then
	echo "FAILED: $bad writers failed, $lines lines, $headers headers"
	diff "$d/want" "$d/got" | head -5
	exit 1
fi
echo "$n writers: $lines lines, one header, every row once"
