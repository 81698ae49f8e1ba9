#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The board report (--format html) in a real headless Chromium: the script
# runs under the page's Content-Security-Policy, nothing is blocked or
# loaded, no console message at all, hostile strings stay text, and
# screenshots at laptop (1366x900) and desktop (1920x1080) widths are made
# (kept in $PA_SCREENSHOTS when that is set).  Skipped (77) without chromium.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp

chromium=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chromium=$c
		break
	fi
done
[ -n "$chromium" ] || pa_skip "no chromium"

fx="$top_srcdir/tests/fixtures/results"
page="$T/board.html"
assert_exit 0 "$PACTAUDIT" report --format html -o "$page" "$fx/needs-changes.xml" \
    "$fx/ineligible.xml" "$fx/hostile.xml" "$fx/clean.xml"

# ---- the page itself: a policy that allows no load, nothing to load ----
assert_grep "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; script-src 'sha256-[A-Za-z0-9+/]*='\"" "$page"
assert_no_grep '<link|<iframe|<object|<embed|<img|@import|url\(' "$page"
assert_no_grep '<script [^>]*src' "$page"
[ "$(grep -c '<script' "$page")" = 1 ] || pa_fail "one inline script expected"
# the only absolute addresses are links to the regulation on EUR-Lex
if grep -o '\(href\|src\)="[a-z]*:[^"]*"' "$page" | grep -v '^href="https://eur-lex.europa.eu/eli/reg/2024/1689/oj#\(art\|anx\)_[0-9IVXL]*"$'; then
	pa_fail "an absolute address other than EUR-Lex"
fi
assert_grep 'href="https://eur-lex.europa.eu/eli/reg/2024/1689/oj#art_53"' "$page"

: > "$T/log"
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$T/profile" --enable-logging=stderr --v=0 \
    --window-size=1366,900 --dump-dom "file://$page" >"$T/dom.html" 2>>"$T/log" ||
    pa_fail "chromium --dump-dom failed: $(tail -3 "$T/log")"
for size in 1366,900 1920,1080; do
	(cd "$T" && timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
	    --user-data-dir="$T/profile" --enable-logging=stderr --v=0 \
	    --window-size=$size --screenshot="$T/board-$size.png" "file://$page" \
	    >/dev/null 2>>"$T/log") || pa_fail "chromium --screenshot failed: $(tail -3 "$T/log")"
	[ -s "$T/board-$size.png" ] || pa_fail "no screenshot at $size"
	[ "$(head -c 8 "$T/board-$size.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	    pa_fail "the screenshot at $size is not a PNG"
	if [ -n "${PA_SCREENSHOTS:-}" ]; then
		cp "$T/board-$size.png" "$PA_SCREENSHOTS/"
	fi
done

# ---- no console message: no CSP violation, no script error, no blocked load ----
if grep 'CONSOLE' "$T/log"; then
	pa_fail "the browser console reported the lines above"
fi

# ---- the script ran under the policy (it adds the filters and sort buttons) ----
assert_grep 'class="filters"' "$T/dom.html"
assert_grep '<button type="button" class="sort">' "$T/dom.html"
# the applicants are in the overview, with what they asked for
assert_grep '>Acme Rank GmbH</a>' "$T/dom.html"
assert_grep '120,000' "$T/dom.html"
# hostile strings are text in the DOM, never elements or handlers
assert_grep "&lt;script&gt;alert\\('app'\\)&lt;/script&gt;" "$T/dom.html"
assert_no_grep '<script>alert' "$T/dom.html"
assert_no_grep '<img' "$T/dom.html"
assert_no_grep 'onerror=alert\(2\)>' "$T/dom.html"
exit 0
