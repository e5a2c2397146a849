#!/bin/sh
# Writes the current output of one case as its expectation (out, err,
# status), for a new case whose output has been checked by hand.  Usage:
#   BIN=$PWD/bin sh tests/cli/bless.sh testdata/TOOL/CASE
: "${BIN:?BIN must name the folder of the built tools}"
for dir in "$@"; do
	(cd "$dir" && PATH="$BIN:$PATH" LC_ALL=C TZ=UTC sh -c "$(cat cmd)" \
	    >out 2>err </dev/null; echo $? >status)
	[ -s "$dir/err" ] || rm -f "$dir/err"
	[ -s "$dir/out" ] || rm -f "$dir/out"
	[ "$(cat "$dir/status")" = 0 ] && rm -f "$dir/status"
	echo "blessed $dir"
done
