#!/bin/sh
# The whole national-ID scan of pseudonymize against Skatteverket's test
# personnummer and samordningsnummer (../shared/oracle/natid, read in place).
# Every number there is valid, so every one must be found, in every spelling
# pseudonymize(1) lists: YYYYMMDDNNNN, YYYYMMDD-NNNN, YYMMDDNNNN,
# YYMMDD-NNNN, and YYMMDD+NNNN for the numbers of 18YY and 19YY (the "+"
# says aged 100 or more; a 20YY number never takes it).  Each spelling is a
# field of its own row, run through `pseudonymize --rejects`: every row must
# be rejected, naming the right kind, and nothing may reach the output.
# Prints found/total per file and spelling; exits 1 on any miss, 0 with
# "skipped: ... not found" when the folder is absent.
set -u
dir=${NATID_DIR:-../shared/oracle/natid}
BIN=${BIN:-$PWD/bin}

if [ ! -d "$dir" ]; then
	echo "natid_skv: skipped: $dir not found"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

status=0
for pair in skv_testpersonnummer.txt:personnummer \
    skv_testsamordningsnummer.txt:samordningsnummer; do
	file=${pair%%:*}
	kind=${pair#*:}
	if [ ! -s "$dir/$file" ]; then
		echo "natid_skv: $file missing"
		status=1
		continue
	fi
	# spelling,text per row; the spelling column holds no digits.
	awk 'BEGIN { print "spelling,text" }
	    { n = $0; sub(/\r$/, "", n)
	      if (n !~ /^[0-9]+$/ || length(n) != 12) { print "bad line " NR > "/dev/stderr"; exit 1 }
	      d8 = substr(n, 1, 8); s6 = substr(n, 3, 6); tail = substr(n, 9, 4)
	      print "long," n
	      print "long-dash," d8 "-" tail
	      print "short," s6 tail
	      print "short-dash," s6 "-" tail
	      if (substr(n, 1, 2) != "20") print "short-plus," s6 "+" tail }' \
	    "$dir/$file" >"$tmp/in.csv" || { status=1; continue; }
	"$BIN/pseudonymize" --rejects "$tmp/rej.csv" "$tmp/in.csv" \
	    >"$tmp/out.csv" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 1 ] || [ "$(cat "$tmp/out.csv")" != "spelling,text" ]; then
		echo "natid_skv: $file: exit $rc, or rows reached the output:"
		sed -n '2,6p' "$tmp/out.csv"
		status=1
	fi
	# Found: rejected in column 2 as the right kind; counted by spelling.
	awk -F, -v kind="$kind" -v file="$file" '
	    FILENAME == ARGV[1] { if (FNR > 1) total[$1]++; next }
	    FNR > 1 && $4 == 2 && index($0, "holds a Swedish " kind " ") { found[$1]++ }
	    END { bad = 0
	          for (s in total) {
	              printf "natid_skv: %s %s %d/%d\n", file, s, found[s], total[s]
	              if (found[s] != total[s]) bad = 1 }
	          exit bad }' "$tmp/in.csv" "$tmp/rej.csv" | sort || status=1
done
exit $status
