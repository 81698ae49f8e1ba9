#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The results cache on a shared filesystem: a cache folder writable by
# others (or a link) is not used, with one warning; an entry whose content
# was changed, or that was moved under another key, is a miss even when
# its digest was fixed up; --no-cache writes nothing.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v git >/dev/null || pa_skip "git is not installed"
command -v python3 >/dev/null || pa_skip "python3 is not installed"

RULES="$T/rules"
pa_copy "$top_srcdir/tests/fixtures/rules/check" "$RULES"
pa_repo "$T/d" "$top_srcdir/tests/fixtures/rules/dossier"
LOG="$T/log"
export XDG_CACHE_HOME="$T/cache"
C="$XDG_CACHE_HOME/pactaudit"

# audit NAME: check with the cache; its report must equal a fresh audit's
audit() {
	: >"$LOG"
	set +e
	"$PACTAUDIT" --log "$LOG" check --rules "$RULES" --as-of 2026-11-27 --format xml \
	    -o "$T/cached.xml" "$T/d" 2>"$T/err"
	rc=$?
	"$PACTAUDIT" check --no-cache --rules "$RULES" --as-of 2026-11-27 --format xml \
	    -o "$T/fresh.xml" "$T/d" 2>"$T/err.fresh"
	rc2=$?
	set -e
	[ "$rc" -eq "$rc2" ] || pa_fail "$1: exit $rc with the cache, $rc2 without"
	cmp -s "$T/cached.xml" "$T/fresh.xml" || pa_fail "$1: the cache changed the results"
}
hit() { grep -q "check: results of .* from the cache" "$LOG" || pa_fail "$1: expected a cache hit"; }
miss() { ! grep -q "check: results of .* from the cache" "$LOG" || pa_fail "$1: expected no cache hit"; }
one_warning() {
	[ "$(grep -c 'warning: the cache' "$T/err")" -eq 1 ] || { cat "$T/err" >&2; pa_fail "$1: expected one warning"; }
}
no_warning() {
	! grep -q 'warning' "$T/err" || { cat "$T/err" >&2; pa_fail "$1: unexpected warning"; }
}

rm -rf "$C"
audit "first"
miss "first"
no_warning "first"
[ -f "$C/secret" ] || pa_fail "no cache secret"
[ "$(stat -c %a "$C/secret")" = 600 ] || pa_fail "the cache secret is not private"
[ "$(stat -c %a "$C")" = 700 ] || pa_fail "the cache folder is not private"
audit "second"
hit "second"
no_warning "second"

# folders writable by the group or others, or a link: not used, one warning
for dir in "$C" "$C/results" "$(dirname "$(find "$C/results" -type f | head -n 1)")"; do
	for bits in g+w o+w; do
		chmod "$bits" "$dir"
		audit "$dir $bits"
		miss "$dir $bits"
		one_warning "$dir $bits"
		chmod go-w "$dir"
	done
done
audit "safe again"
hit "safe again"
mv "$C/results" "$T/elsewhere"
ln -s "$T/elsewhere" "$C/results"
audit "results folder is a link"
miss "results folder is a link"
one_warning "results folder is a link"
rm "$C/results"
mv "$T/elsewhere" "$C/results"

# a secret others can read is not used
chmod 644 "$C/secret"
audit "readable secret"
miss "readable secret"
one_warning "readable secret"
chmod 600 "$C/secret"
audit "secret private again"
hit "secret private again"

# an entry changed by someone without the secret, its digest fixed up: a miss
entry=$(find "$C/results" -type f | head -n 1)
python3 - "$entry" <<'PY'
import hashlib, json, sys
p = sys.argv[1]
raw = open(p, 'rb').read()
head, data = raw.split(b'\n', 1)
rec = json.loads(head)
data = data.replace(b'status="open"', b'status="waived"')
data = data.replace(b'<verdict>needs-changes</verdict>', b'<verdict>eligible</verdict>')
data = data.replace(b'<verdict>ineligible</verdict>', b'<verdict>eligible</verdict>')
# what an attacker without the secret can do: a fresh plain digest and length
rec['data']['hmac'] = hashlib.sha256(data).hexdigest()
rec['data']['length'] = len(data)
open(p, 'wb').write(json.dumps(rec, separators=(',', ':')).encode() + b'\n' + data)
PY
audit "tampered entry"
miss "tampered entry"
no_warning "tampered entry"

# an entry moved under another key (here: another as-of date's file name) is a miss
"$PACTAUDIT" check --rules "$RULES" --as-of 2027-12-02 --format xml -o "$T/other.xml" "$T/d" 2>/dev/null || true
audit "refresh"
for f in $(find "$C/results" -type f); do
	[ "$f" = "$entry" ] && continue
	cp "$f" "$entry.swap" && mv "$entry.swap" "$entry"
	break
done
audit "swapped entry"
miss "swapped entry"

# --no-cache reads and writes nothing
rm -rf "$C"
set +e
"$PACTAUDIT" check --no-cache --rules "$RULES" --as-of 2026-11-27 "$T/d" >/dev/null 2>&1
set -e
[ ! -e "$C" ] || pa_fail "--no-cache created the cache"
echo "check-cache-safety: ok"
