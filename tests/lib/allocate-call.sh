# SPDX-License-Identifier: GPL-3.0-or-later
# The sample call with an auditor's ledger, for the allocation tests
# (sourced after testlib.sh and pa_tmp).  pa_alloc_call builds:
#   $C             the sample call (examples/make-call.sh), audited at --rev submission
#   $L             a ledger with one auditor key made for the test ($AUD)
#   $T/results.xml the results of the five dossiers (check --format xml)
#   $POLICY        tests/fixtures/call/call.xml
#   DEC_<dossier>  the commit of the decision that counts for each dossier
# Decisions: arkisto, voxara, talentra and sentimetria approve; aurore is
# first approved, then rejected (the last decision counts).

pa_alloc_call() {
	command -v gpg >/dev/null && command -v gpgconf >/dev/null || pa_skip "GnuPG is not installed"
	command -v xmllint >/dev/null || pa_skip "xmllint is not installed"
	C="$T/call"
	L="$T/ledger"
	POLICY="$top_srcdir/tests/fixtures/call/call.xml"
	ASOF=2027-12-02
	mkdir -p "$T/tmp"
	TMPDIR="$T/tmp" sh "$top_srcdir/examples/make-call.sh" "$C" >/dev/null 2>"$T/err" ||
	    { cat "$T/err" >&2; pa_fail "make-call.sh failed"; }
	pa_gpg_home
	AUD=$(pa_gpg_key "Ann Auditor")
	"$PACTAUDIT" ledger init --ledger "$L" --key "$AUD" >/dev/null ||
	    pa_fail "ledger init failed"
	set +e
	"$PACTAUDIT" check --keyring "$C/keyring.asc" --as-of "$ASOF" --rev submission \
	    --format xml -o "$T/results.xml" "$C/arkisto" "$C/talentra" "$C/aurore" \
	    "$C/voxara" "$C/sentimetria"
	rc=$?
	set -e
	[ "$rc" -le 1 ] && [ -s "$T/results.xml" ] || pa_fail "check of the sample call failed ($rc)"
	for d in arkisto:approve voxara:approve talentra:approve sentimetria:approve \
	    aurore:approve aurore:reject; do
		"$PACTAUDIT" decide --ledger "$L" --key "$AUD" --keyring "$C/keyring.asc" \
		    --as-of "$ASOF" --rev submission --decision "${d#*:}" "$C/${d%%:*}" >"$T/dec" ||
		    pa_fail "decide ${d} failed"
		commit=$(sed -n 's/^recorded \([0-9a-f]\{40\}\): .*/\1/p' "$T/dec")
		[ -n "$commit" ] || { cat "$T/dec" >&2; pa_fail "decide printed no commit"; }
		eval "DEC_${d%%:*}=$commit"
	done
}
