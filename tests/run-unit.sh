#!/bin/sh
# Runs every Check unit-test program given; prints each one's summary and a
# closing line.  Exit 1 if any failed.
# Check's default 4 s per test is too short for the 200,000-case loops on
# a loaded machine (or under the sanitizers); a hang still ends.
CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-60}
export CK_DEFAULT_TIMEOUT
passed=0 failed=0
for t in "$@"; do
	if out=$("$t" 2>&1); then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	printf '%s: %s\n' "${t##*/}" "$(printf '%s\n' "$out" | grep -E '^[0-9]+%:' | tail -1)"
	[ -n "$(printf '%s\n' "$out" | grep -E '^[0-9]+%:')" ] || printf '%s\n' "$out" | tail -5
	printf '%s\n' "$out" | grep -E ':[EF]:' | head -20
done
echo "unit test programs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
