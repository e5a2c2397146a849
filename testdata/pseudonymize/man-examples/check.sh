# The examples of pseudonymize(1), run as written in a scratch folder.  The
# key is random, so what is printed are facts about the results: the key's
# mode and size, the extract's header and shape, and whether OpenSSL's
# HMAC (Python's hmac where openssl is missing) gives the pseudonym the
# tool wrote for P-000123.
t=$PWD
d=$(mktemp -d) || exit 1
trap 'cd / && rm -rf "$d"' EXIT
cd "$d" && cp "$t/episodes.csv" . || exit 1
pseudonymize --keygen study.key || exit 1
ls -l study.key | cut -c1-10
wc -c < study.key
pseudonymize --key-file study.key --columns patient_id,episode_id \
    --drop staff_id < episodes.csv > extract.csv || exit 1
head -1 extract.csv
grep -c '^[0-9a-f]\{32\},[0-9a-f]\{32\},' extract.csv
pseudonymize extract.csv > /dev/null
echo "check only: exit $?"
printf 'patient_id,note\nP1,pnr 19121212-1212\n' > notes.csv
pseudonymize notes.csv > /dev/null
echo "check only, a file with a personnummer: exit $?"
if command -v openssl >/dev/null 2>&1; then
	ours=$(printf %s P-000123 | openssl dgst -sha256 -mac HMAC \
	    -macopt hexkey:$(od -An -tx1 study.key | tr -d ' \n') |
	    cut -d' ' -f2 | cut -c1-32)
else
	ours=$(python3 -c 'import hmac, hashlib
print(hmac.new(open("study.key", "rb").read(), b"P-000123", hashlib.sha256).hexdigest()[:32])')
fi
tool=$(sed -n 2p extract.csv | cut -d, -f1)
third=$(sed -n 4p extract.csv | cut -d, -f1)
[ "$ours" = "$tool" ] && echo "openssl gives the pseudonym of P-000123"
[ "$tool" = "$third" ] && echo "P-000123 has one pseudonym in both its rows"
