# Compares the pseudonyms of pseudonymize with HMAC-SHA256 computed by
# another implementation at run time: openssl, else Python's hmac, and
# exits 1 on any difference.  Then prints the tool's output, which the
# harness compares with out: values computed once with both openssl and
# Python and pinned (listed in cmd), so the case holds without either.
# Values are TSV lines, so each line is the exact value.
key=rusdata-test-key-0123456789abcde
hexkey=$(printf %s "$key" | od -An -tx1 | tr -d ' \n')
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
printf %s "$key" > "$d/key" && chmod 600 "$d/key" || exit 1
pseudonymize --tsv --key-file "$d/key" --columns value values.tsv > "$d/got" || exit 1
other() {
	if command -v openssl >/dev/null 2>&1; then
		printf %s "$1" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" |
		    sed 's/.*= //' | cut -c1-32
	elif command -v python3 >/dev/null 2>&1; then
		python3 -c 'import hmac, hashlib, sys
print(hmac.new(sys.argv[1].encode(), sys.argv[2].encode("utf-8", "surrogateescape"),
    hashlib.sha256).hexdigest()[:32])' "$key" "$1"
	else
		return 1	# neither: only the pinned values in out are checked
	fi
}
{
	echo value
	tail -n +2 values.tsv | while IFS= read -r v; do other "$v" || exit 1; done
} > "$d/want"
if [ -s "$d/want" ] && [ "$(wc -l < "$d/want")" -gt 1 ]; then
	diff "$d/want" "$d/got" >&2 || exit 1
fi
cat "$d/got"
