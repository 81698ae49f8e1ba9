#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Key expiry, revocation and signature expiry judged at the as-of date;
# the verification cache: reused, never across keyring changes, safe under
# concurrent runs; the dossier's own keys (self-assessment only).
. "$top_srcdir/tests/cli/trust-common.sh"

A=$(pa_gpg_key "Alice Owner")
R=$(pa_gpg_key "Rita Revoked")
E=$(past_key "Eve Expired" 20250101T000000 1d)		# expired on 2025-01-02
S=$(past_key "Sam Shortsig" 20250101T000000 never)	# makes signatures that expire
D=$T/d

# gpg in the past, for git: signatures made on 2025-01-01 (optionally expiring a day later)
cat > "$T/gpg-2025" <<EOF
#!/bin/sh
exec gpg --faked-system-time 20250101T010000 \$PA_SIG_EXPIRE "\$@"
EOF
chmod +x "$T/gpg-2025"

new_dossier "$D" "$A"
signers "$D/pact/signers.xml" "$A" Alice "commit pact tag signers" "$R" Rita commit \
    "$E" Eve commit "$S" Sam commit
commit_as "$A" "$D" "policy with four signers"
echo r > "$D/r.md"
commit_as "$R" "$D" "Rita commits"
cr=$(rev "$D")
echo e > "$D/e.md"
GPG_PROGRAM=$T/gpg-2025 commit_as "$E" "$D" "Eve commits while her key is valid"
ce=$(rev "$D")
echo s > "$D/s.md"
PA_SIG_EXPIRE="--default-sig-expire 1d" GPG_PROGRAM=$T/gpg-2025 commit_as "$S" "$D" \
    "Sam signs with a signature valid one day"
cs=$(rev "$D")
keyring "$T/before.asc"

# ---- expiry judged at the as-of date ----
verify 1 "$D" --keyring "$T/before.asc"
sig "$cr" "[@status='good'][@authorised='true']"
sig "$ce" "[@status='expired-key'][@fingerprint='$E'][@created='2025-01-01T01:00:00Z'][@authorised='false'][contains(@reason, 'expired on 2025-01-02')]"
sig "$cs" "[@status='expired-signature'][@fingerprint='$S'][@authorised='false'][contains(@reason, 'signature expired on 2025-01-02')]"
# the same cached facts, judged on 2025-01-01: both were valid then
verify 0 "$D" --keyring "$T/before.asc" --as-of 2025-01-01
sig "$ce" "[@status='good'][@authorised='true']"
sig "$cs" "[@status='good'][@authorised='true']"
summary "[@history='authenticated']"

# ---- the cache: reused, and only with the same keyring ----
ls "$XDG_CACHE_HOME/pactaudit/sig" >/dev/null 2>&1 || pa_fail "no cache under \$XDG_CACHE_HOME/pactaudit/sig"
n1=$(find "$XDG_CACHE_HOME/pactaudit/sig" -type f | wc -l)
# per verifier (verify runs librnp and GPGME, trust-common.sh): an entry per
# commit, the detached signature, the keys and the bundle; the walk is shared
[ "$n1" -eq 17 ] || pa_fail "expected an entry per commit, the detached signature, the keys and the bundle per verifier, and the walk; found $n1"
cp "$T/ev.xml" "$T/first.xml"
assert_exit 0 "$PACTAUDIT" -v --log "$T/log" pact verify --xml "$D" --keyring "$T/before.asc" --as-of 2025-01-01
cmp -s "$T/out" "$T/first.xml" || pa_fail "a warm run printed something else than the cold run"
assert_grep 'signatures: 6 objects, 6 from the cache, 0 verified' "$T/log"
n2=$(find "$XDG_CACHE_HOME/pactaudit/sig" -type f | wc -l)
[ "$n1" -eq "$n2" ] || pa_fail "a warm run wrote new cache entries ($n1 -> $n2)"
# --no-cache neither reads nor writes
rm -rf "$XDG_CACHE_HOME"
assert_exit 0 "$PACTAUDIT" -v --log "$T/log2" pact verify "$D" --keyring "$T/before.asc" --as-of 2025-01-01 --no-cache
assert_grep '0 from the cache, 6 verified' "$T/log2"
[ ! -d "$XDG_CACHE_HOME/pactaudit" ] || pa_fail "--no-cache wrote a cache"
# a damaged entry is a miss, not a wrong answer
verify 0 "$D" --keyring "$T/before.asc" --as-of 2025-01-01
for f in $(find "$XDG_CACHE_HOME/pactaudit/sig" -type f); do
	printf 'garbage' >> "$f"
done
verify 0 "$D" --keyring "$T/before.asc" --as-of 2025-01-01
cmp -s "$T/ev.xml" "$T/first.xml" || pa_fail "damaged cache entries changed the answer"

# ---- revocation: a new keyring is never answered from the old one's entries ----
sed 's/^://' "$GNUPGHOME/openpgp-revocs.d/$R.rev" > "$T/r.rev"
gpg --batch --import "$T/r.rev" 2>/dev/null
keyring "$T/after.asc"
verify 1 "$D" --keyring "$T/after.asc" --as-of 2025-01-01
sig "$cr" "[@status='revoked-key'][@fingerprint='$R'][@authorised='false'][contains(@reason, 'revoked')]"
summary "[@history='unauthenticated']"
verify 0 "$D" --keyring "$T/before.asc" --as-of 2025-01-01	# the old keyring still says good
sig "$cr" "[@status='good']"

# ---- concurrent runs on a cold cache agree and leave a sound cache ----
rm -rf "$XDG_CACHE_HOME"
for i in 1 2 3 4; do
	"$PACTAUDIT" pact verify --xml "$D" --keyring "$T/before.asc" --as-of 2025-01-01 \
	    >"$T/par$i.xml" 2>"$T/par$i.err" &
done
wait
for i in 1 2 3 4; do
	cmp -s "$T/par$i.xml" "$T/first.xml" || { cat "$T/par$i.err" >&2; pa_fail "concurrent run $i differs"; }
done
[ -z "$(find "$XDG_CACHE_HOME/pactaudit/sig" -name '.tmp-*')" ] || pa_fail "temporary cache files left"
verify 0 "$D" --keyring "$T/before.asc" --as-of 2025-01-01
cmp -s "$T/ev.xml" "$T/first.xml" || pa_fail "the cache written concurrently gives another answer"

# ---- parallel and serial verification agree ----
verify 0 "$D" --keyring "$T/before.asc" --as-of 2025-01-01 --no-cache -j 1
cmp -s "$T/ev.xml" "$T/first.xml" || pa_fail "-j 1 gives another answer"
verify 0 "$D" --keyring "$T/before.asc" --as-of 2025-01-01 --no-cache -j 4
cmp -s "$T/ev.xml" "$T/first.xml" || pa_fail "-j 4 gives another answer"

# ---- self-assessment: the dossier's own pact/keys.asc, counted only through the policy ----
K2=$T/d2
new_dossier "$K2" "$A"
gpg --batch --armor --export "$A" > "$K2/pact/keys.asc"
commit_as "$A" "$K2" "publish our keys"
verify 0 "$K2"
sig "$(rev "$K2")" "[@status='good'][@authorised='true']"
# a key in keys.asc that the policy does not name signs nothing
O=$(pa_gpg_key "Oscar Outsider")
gpg --batch --armor --export "$A" "$O" > "$K2/pact/keys.asc"
commit_as "$O" "$K2" "Oscar slips his key in"
verify 1 "$K2"
sig "$(rev "$K2")" "[@status='untrusted-signer'][@fingerprint='$O']"
# the user's own keyring is never used: with no keys at all, every key is unknown
git -C "$K2" rm -q pact/keys.asc
commit_as "$A" "$K2" "keys removed"
verify 1 "$K2" --no-cache
sig "$(rev "$K2")" "[@status='unknown-key'][@fingerprint='$A']"
exit 0
