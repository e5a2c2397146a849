#!/bin/sh
# Runs every Check unit-test program given; prints each one's summary and a
# closing line.  Exit 1 if any failed.
# Check's 4 s default timeout is for hangs, not speed: the sanitizer build on
# a loaded machine takes longer (test_common's 200,000 strtod comparisons).
CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-10}
export CK_TIMEOUT_MULTIPLIER
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
