#!/bin/sh
# make check-helpman: every tool's --help and its man page's OPTIONS section
# name the same options with the same argument words, so they cannot drift.
#
# From --help: every line that begins with spaces and a dash is an option
# line; its left column (up to the first run of two spaces) holds one or
# more options, each followed by its argument words ("--holidays
# no|se|none|FILE", "--tsv | --itsv --otsv").  The lines after "common
# options:" are compared with rusdata(7)'s OPTIONS, unless the tool's own
# page lists them.  From the man page: each .It line of OPTIONS, read as
# Fl (an option), Ar and Cm (argument words, "|" joining alternatives) and
# "," (the next option).  Prints every difference; exit 1 if there is one.
: "${BIN:?BIN must name the folder of the built tools}"
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# Options and their argument words of an --help text, one per line.
help_options() {
	awk '
	# The usage lines and their indented continuations are no option lines.
	/^usage:/ { usage = 1; next }
	usage && /^[ \t]/ { next }
	{ usage = 0 }
	/^common options:/ { common = 1 }
	/^ +-/ {
		line = $0
		sub(/^ +/, "", line)
		# The left column ends at two spaces (or at the end of the line).
		if (match(line, /  /)) line = substr(line, 1, RSTART - 1)
		n = split(line, tok, / +/)
		cur = ""
		for (i = 1; i <= n; i++) {
			t = tok[i]
			end = sub(/,$/, "", t)
			if (t == "|") { emit(); continue }
			if (t ~ /^-/) { emit(); cur = t }
			else if (cur != "") cur = cur " " t
			if (end) emit()
		}
		emit()
	}
	function emit() {
		if (cur != "") print (common ? "common " : "own ") cur
		cur = ""
	}'
}

# Long options of a tool's getopt tables: its own and, when it uses them,
# the shared ones of common/opts.h.
source_options() {
	{
		cat "$top"/cmd/"$1"/*.c
		grep -q RD_COMMON_LONGOPTS "$top"/cmd/"$1"/*.c && cat "$top/common/opts.h"
	} | sed -n 's/.*{ *"\([a-z0-9-]*\)", *\(no\|required\|optional\)_argument.*/--\1/p'
}

# Options of the .It lines of a man page's OPTIONS section, one per line.
man_options() {
	awk '
	/^\.Sh / { in_opts = ($0 == ".Sh OPTIONS"); next }
	in_opts && /^\.It / {
		line = $0
		gsub(/\\-/, "-", line)
		gsub(/\\&/, "", line)
		n = split(line, tok, / +/)
		cur = ""; arg = 0; alt = 0
		for (i = 2; i <= n; i++) {
			t = tok[i]
			if (t == "Fl") { emit(); cur = "-" tok[++i]; continue }
			if (t == "Ar" || t == "Cm") {
				w = tok[++i]
				cur = cur (alt ? "|" : " ") w; alt = 0
				continue
			}
			if (t == "|") { if (tok[i + 1] == "Fl") emit(); else alt = 1; continue }
			if (t == ",") { emit(); continue }
			if (t ~ /^-/) { emit(); cur = "-" t; continue }
			if (t ~ /^[A-Z][a-z]$/) continue	# Ns, Op and the like
			cur = cur (alt ? "|" : " ") t; alt = 0
		}
		emit()
	}
	function emit() { if (cur != "") print cur; cur = ""; alt = 0 }' "$1"
}

failed=0
man_options "$top/man/rusdata.7" | sort -u >"$tmp/shared"

# One footer on every page: "rusdata VERSION" (what --version prints) and
# the same date.
version=$("$BIN/plan-new" --version | sed 's/.* //')
for page in "$top"/man/*.[1-9]; do
	os=$(sed -n 's/^\.Os //p' "$page")
	if [ "$os" != "rusdata $version" ]; then
		echo "helpman: ${page##*/}: .Os '$os', expected 'rusdata $version'"; failed=1
	fi
done
if [ "$(sed -n 's/^\.Dd //p' "$top"/man/*.[1-9] | sort -u | wc -l)" -ne 1 ]; then
	echo "helpman: the man pages carry different .Dd dates:"
	grep -H '^\.Dd' "$top"/man/*.[1-9] | sed 's|.*/||'
	failed=1
fi
for tool in "$BIN"/*; do
	name=${tool##*/}
	page=$top/man/$name.1
	if [ ! -f "$page" ]; then
		echo "helpman: $name has no man page"; failed=1; continue
	fi
	"$tool" --help >"$tmp/help" || { echo "helpman: $name --help failed"; failed=1; continue; }
	help_options <"$tmp/help" >"$tmp/all"
	sed -n 's/^own //p' "$tmp/all" | sort -u >"$tmp/help-own"
	sed -n 's/^common //p' "$tmp/all" | sort -u >"$tmp/help-common"
	man_options "$page" | sort -u >"$tmp/man"
	# A page that lists the shared options itself is held to them; one that
	# refers to rusdata(7) for them, to that page's list.
	if grep -qx -e '--tsv' "$tmp/man"; then
		cat "$tmp/help-own" "$tmp/help-common" | sort -u >"$tmp/help"
		cp "$tmp/man" "$tmp/want"
	else
		cp "$tmp/help-own" "$tmp/help"
		cp "$tmp/man" "$tmp/want"
		if ! cmp -s "$tmp/help-common" "$tmp/shared"; then
			echo "helpman: $name --help common options differ from rusdata(7) OPTIONS:"
			diff "$tmp/shared" "$tmp/help-common" | sed -n 's/^</  rusdata.7 only:/p; s/^>/  --help only:  /p'
			failed=1
		fi
	fi
	# Every option the tool takes is in its --help (and -d is the one short one).
	source_options "$name" | sort -u >"$tmp/takes"
	sed 's/ .*//' "$tmp/help-own" "$tmp/help-common" | grep -e '^--' | sort -u >"$tmp/listed"
	if ! cmp -s "$tmp/takes" "$tmp/listed"; then
		echo "helpman: $name takes other options than its --help lists:"
		diff "$tmp/takes" "$tmp/listed" | sed -n 's/^</  taken, not listed:/p; s/^>/  listed, not taken:/p'
		failed=1
	fi
	if ! cmp -s "$tmp/want" "$tmp/help"; then
		echo "helpman: $name --help options differ from $name(1) OPTIONS:"
		diff "$tmp/want" "$tmp/help" | sed -n 's/^</  man page only:/p; s/^>/  --help only:  /p'
		failed=1
	fi
done
[ "$failed" -eq 0 ] && echo "help and man pages: the same options in every tool"
[ "$failed" -eq 0 ]
