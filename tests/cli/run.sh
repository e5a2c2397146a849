#!/bin/sh
# Command-line tests as data.  Each case is a folder testdata/TOOL/CASE/
# holding:
#   cmd     one shell command line, run in the case folder with the tools
#           first on PATH (redirect input from files there: "assess < in.csv")
#   out     expected standard output (absent: must be empty)
#   err     expected standard error  (absent: must be empty)
#   status  expected exit status     (absent: 0)
# Everything is compared byte for byte.  Prints one line per failure and
# the closing line "N passed, N failed".  CASES=pattern limits the run.
: "${BIN:?BIN must name the folder of the built tools}"
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0 failed=0
for dir in "$top"/testdata/*/*/; do
	[ -f "$dir/cmd" ] || continue
	name=${dir#"$top"/testdata/}
	name=${name%/}
	case "$name" in ${CASES:-*}) ;; *) continue ;; esac
	(cd "$dir" && PATH="$BIN:$PATH" LC_ALL=C TZ=UTC sh -c "$(cat cmd)" \
	    >"$tmp/out" 2>"$tmp/err" </dev/null)
	status=$?
	want_status=0
	[ -f "$dir/status" ] && want_status=$(cat "$dir/status")
	[ -f "$dir/out" ] && want_out="$dir/out" || want_out=/dev/null
	[ -f "$dir/err" ] && want_err="$dir/err" || want_err=/dev/null
	why=""
	[ "$status" = "$want_status" ] || why="status $status, expected $want_status"
	cmp -s "$tmp/out" "$want_out" || why="$why${why:+; }stdout differs"
	cmp -s "$tmp/err" "$want_err" || why="$why${why:+; }stderr differs"
	if [ -z "$why" ]; then
		passed=$((passed + 1))
		continue
	fi
	failed=$((failed + 1))
	echo "FAIL $name: $why"
	if [ -n "$VERBOSE" ]; then
		diff "$want_out" "$tmp/out" | head -20
		diff "$want_err" "$tmp/err" | head -10
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
