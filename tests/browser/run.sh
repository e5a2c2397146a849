#!/bin/sh
# make check-browser: the html outcome report in a real browser.  Debian's
# chromium, headless, driven by puppeteer-core (installed from npm into
# build/browser/ on the first run; it uses the installed browser and
# downloads nothing else), opens the report in English, Norwegian and
# Swedish at a desktop and a phone width and checks from the rendered
# layout that every chart label and value lies inside its chart, that no
# text is cut or overlaps, that the table is fully visible or scrolls in
# its own box, and that the page makes no network request.  Screenshots:
# build/browser/*.png, for a person to look at.
#
# Environment: BIN (built tools, default bin/), CHROMIUM (default
# /usr/bin/chromium).  Needs node and npm (apt-get install chromium nodejs
# npm).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$top/bin}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
out=$top/build/browser
PUPPETEER_VERSION=24.43.1
export LC_ALL=C TZ=UTC

for tool in node npm; do
	command -v $tool >/dev/null || { echo "check-browser: $tool not found (apt-get install nodejs npm)" >&2; exit 1; }
done
[ -x "$CHROMIUM" ] || { echo "check-browser: $CHROMIUM not found (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$out"
if [ ! -f "$out/node_modules/puppeteer-core/package.json" ] ||
    ! grep -q "\"version\": \"$PUPPETEER_VERSION\"" "$out/node_modules/puppeteer-core/package.json"; then
	(cd "$out" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund \
	    --loglevel=error "puppeteer-core@$PUPPETEER_VERSION") >&2
fi

# The reports: the demo clinics by clinic and programme (many rows, long
# labels) and the hand-made set of Nordic clinic names, in each language.
d=$top/testdata/demo l=$top/testdata/outcome-report/lang-data
rm -f "$out"/*.html "$out"/*.png
for lang in en nb sv; do
	"$BIN/outcome-report" --as-of 2026-03-01 --by clinic,modality --lang "$lang" \
	    --sessions "$d/sessions.csv" --urine "$d/urine.csv" --goals "$d/goals.csv" \
	    --format html "$d/episodes.csv" >"$out/demo-$lang.html" 2>/dev/null
	"$BIN/outcome-report" --as-of 2026-03-31 --by clinic,team --min-cell 0 --lang "$lang" \
	    --sessions "$l/sessions.csv" --format html "$l/episodes.csv" >"$out/nordic-$lang.html"
done
cp "$top/tests/browser/check.mjs" "$out/check.mjs"
exec node "$out/check.mjs" "$CHROMIUM" "$out" "$out"/*.html
