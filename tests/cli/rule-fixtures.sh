#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every rule of the shipped packs against its fixtures (tests/rules/README.md): the base
# dossier passes every rule, <ID>/fires yields a finding of ID, <ID>/passes yields none.
#
#   PA_FIXTURES="AIA-ART5-1A INPUT-DOC-REF"  run only these rules' fixtures (no coverage check)
#   PA_FIXTURES_KEEP=1                       keep the dossiers and results in $T (printed)
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/testlib.sh"

pa_tmp
FX="$top_srcdir/tests/rules"
RULES=${PA_RULES:-$PACTAUDIT_DATADIR/rules}
AS_OF_DEFAULT=2028-12-31
# control files of an overlay: never copied into the dossier
CONTROL="BASE DELETE EDIT AS_OF EXPECT GIT ARGS PREPARE NOSIGN DIAG_OK README"
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# count XPATH FILE: the number of nodes (results prefixes bound), or "?".
count() {
	printf 'setns r=urn:pactaudit:results:1\nsetns e=urn:pactaudit:evidence:1\nxpath count(%s)\n' "$1" |
	    xmllint --shell "$2" 2>/dev/null |
	    sed -n 's/.*Object is a number : *//p' | head -n 1
}

# ---------------------------------------------------------------- the packs
[ -d "$RULES" ] || pa_fail "no rules folder $RULES"
packs=$(ls "$RULES"/*.xml)
ids=$(xmllint --xpath "//*[local-name()='pack']/*[local-name()='rule']/@id" $packs 2>/dev/null |
    sed 's/ id="\([^"]*\)"/\1\n/g' | sed '/^$/d')
[ -n "$ids" ] || pa_fail "no rules found in $RULES"

# Every rule has both fixtures (only when all fixtures run).
if [ -z "${PA_FIXTURES:-}" ]; then
	for id in $ids; do
		for kind in fires passes; do
			[ -d "$FX/$id/$kind" ] || fail "rule $id has no fixture tests/rules/$id/$kind"
		done
	done
	for d in "$FX"/*/; do
		name=$(basename "$d")
		case $name in base|profiles) continue ;; esac
		printf '%s\n' $ids | grep -qx -- "$name" || fail "tests/rules/$name: no rule with this id"
	done
fi

# ---------------------------------------------------------------- static checks
# `pactaudit rules lint` is the one static checker of the packs (pactaudit-rules(5),
# CHECKS): schema, XPath, references, dates, the vocabulary terms rules name, and
# that every use case above minimal is classified.
if [ -n "${PA_SKIP_LINT:-}" ] || "$PACTAUDIT" rules lint "$RULES" >"$T/lint.out" 2>&1; then
	:
else
	fail "pactaudit rules lint $RULES: $(head -n 5 "$T/lint.out")"
fi
# ---------------------------------------------------------------- fixtures
pa_gpg_home
FPR=$(pa_gpg_key "Jane Doe")
export FPR
gpg --batch --armor --export "$FPR" >"$T/keys.asc"

# apply_overlay SRC DIR: copy SRC's dossier files over DIR, then its DELETE and EDIT.
# (POSIX sh has no local variables: the profiles of BASE are applied in subshells.)
apply_overlay() {
	ao_src=$1 ao_dir=$2
	if [ -f "$ao_src/BASE" ]; then
		for prof in $(sed 's/#.*//' "$ao_src/BASE"); do
			[ -d "$FX/$prof" ] || { echo "$ao_src/BASE: no such profile $prof" >&2; return 1; }
			(apply_overlay "$FX/$prof" "$ao_dir") || return 1
		done
	fi
	(cd "$ao_src" && find . -type f) | while IFS= read -r f; do
		f=${f#./}
		case " $CONTROL " in *" $f "*) continue ;; esac
		mkdir -p "$ao_dir/$(dirname "$f")" && cp "$ao_src/$f" "$ao_dir/$f"
	done
	if [ -f "$ao_src/DELETE" ]; then
		sed 's/#.*//' "$ao_src/DELETE" | while read -r f; do
			[ -z "$f" ] && continue
			[ -e "$ao_dir/$f" ] || { echo "$ao_src/DELETE: no file $f" >&2; exit 1; }
			rm -rf "${ao_dir:?}/$f"
		done || return 1
	fi
	if [ -f "$ao_src/EDIT" ]; then
		grep -v '^[[:space:]]*\(#\|$\)' "$ao_src/EDIT" | while IFS= read -r line; do
			f=${line%% *} e=${line#* }
			[ -f "$ao_dir/$f" ] || { echo "$ao_src/EDIT: no file $f" >&2; exit 1; }
			cp "$ao_dir/$f" "$T/edit.before"
			sed -i -e "$e" "$ao_dir/$f" || exit 1
			if cmp -s "$ao_dir/$f" "$T/edit.before"; then
				echo "$ao_src/EDIT changed nothing: $line" >&2
				exit 1
			fi
		done || return 1
	fi
	return 0
}

# make_dossier DIR OVERLAY...: base + overlays, placeholders filled in, pact signed.
make_dossier() {
	dir=$1
	shift
	mkdir -p "$dir"
	cp -R "$FX/base/." "$dir/"
	for o in "$@"; do
		(apply_overlay "$o" "$dir") || return 1
	done
	grep -rl '@FPR@' "$dir" 2>/dev/null | while IFS= read -r f; do
		sed -i "s/@FPR@/$FPR/g" "$f"
	done
	last=${1:-}
	if [ -n "$last" ] && [ -f "$last/NOSIGN" ]; then
		:
	elif [ -f "$dir/pact/commitments.xml" ]; then
		cp "$T/keys.asc" "$dir/pact/keys.asc"
		if [ -f "$T/base.commitments" ] && cmp -s "$dir/pact/commitments.xml" "$T/base.commitments"; then
			cp "$T/base.commitments.asc" "$dir/pact/commitments.xml.asc"
		else
			rm -f "$dir/pact/commitments.xml.asc"
			gpg --batch --armor --detach-sign --local-user "$FPR" \
			    -o "$dir/pact/commitments.xml.asc" "$dir/pact/commitments.xml" ||
			    { fail "cannot sign $dir/pact/commitments.xml"; return 1; }
		fi
	fi
	if [ -n "$last" ] && [ -f "$last/PREPARE" ]; then
		(D=$dir; export D; cd "$dir" && . "$last/PREPARE") || { fail "$last/PREPARE failed"; return 1; }
	fi
	if [ -n "$last" ] && [ -f "$last/GIT" ]; then
		pa_git -C "$dir" init -q &&
		    pa_git -C "$dir" add -A &&
		    pa_git -C "$dir" -c gpg.program=gpg -c user.signingkey="$FPR" commit -q -S -m "dossier" ||
		    { fail "cannot make the git repository of $dir"; return 1; }
	fi
	return 0
}

# run_check DIR OVERLAY OUT: pactaudit check of DIR; 0 when it ran (exit 0 or 1).
run_check() {
	dir=$1 o=$2 out=$3
	as_of=$AS_OF_DEFAULT
	[ -n "$o" ] && [ -f "$o/AS_OF" ] && as_of=$(tr -d ' \n' <"$o/AS_OF")
	args=
	[ -n "$o" ] && [ -f "$o/ARGS" ] && args=$(cat "$o/ARGS")
	# shellcheck disable=SC2086
	"$PACTAUDIT" check --format xml --as-of "$as_of" --rules "$RULES" $args "$dir" >"$out" 2>"$out.err"
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		fail "pactaudit check $dir exited $rc: $(head -c 600 "$out.err")"
		return 1
	fi
	return 0
}

# The base: signed once (fixtures whose pact file is unchanged reuse the signature).
mkdir -p "$T/base"
make_dossier "$T/base" || pa_fail "cannot build the base dossier"
cp "$T/base/pact/commitments.xml" "$T/base.commitments"
cp "$T/base/pact/commitments.xml.asc" "$T/base.commitments.asc"
if run_check "$T/base" "" "$T/base.xml" && [ -z "${PA_FIXTURES:-}" ]; then
	# a rule whose fires fixture is the base itself (only a README) may report info on it by design
	self=
	for d in "$FX"/*/fires; do
		[ -z "$(cd "$d" && find . -type f ! -name README | head -n 1)" ] &&
		    self="$self and not(@rule = '$(basename "$(dirname "$d")")' and @severity = 'info')"
	done
	n=$(count "/r:results/r:finding[true()$self]" "$T/base.xml")
	if [ "$n" != 0 ]; then
		fail "the base dossier has $n findings (expected none): $(xmllint --xpath "//*[local-name()='finding']/@rule" "$T/base.xml" 2>/dev/null)"
	fi
	[ "$(count "/r:results/r:verdict[. = 'eligible']" "$T/base.xml")" = 1 ] ||
	    fail "the base dossier is not eligible"
fi

selected=${PA_FIXTURES:-$ids}
ran=0
for id in $selected; do
	for kind in fires passes; do
		o="$FX/$id/$kind"
		[ -d "$o" ] || continue
		dir="$T/fx/$id-$kind"
		out="$T/fx/$id-$kind.xml"
		# overlays with the same files (e.g. only BASE naming one profile) give the
		# same dossier: check it once. An overlay of only a README is the base.
		key=$(cd "$o" && find . -type f ! -name README | LC_ALL=C sort |
		    while IFS= read -r f; do printf '%s\n' "$f"; cat "$f"; done | sha256sum | cut -c1-16)
		if [ "$(cd "$o" && find . -type f ! -name README | head -n 1)" = "" ] && [ -f "$T/base.xml" ]; then
			out="$T/base.xml"	# the base dossier as it is: already checked
		elif [ -f "$T/same/$key.xml" ]; then
			out="$T/same/$key.xml"
		else
			make_dossier "$dir" "$o" || { fail "$id/$kind: cannot build the dossier"; continue; }
			run_check "$dir" "$o" "$out" || continue
			mkdir -p "$T/same" && cp "$out" "$T/same/$key.xml"
		fi
		ran=$((ran + 1))
		# one xmllint for both counts: findings of the rule, read errors
		F="/*[local-name()='results']/*[local-name()='finding']"
		counts=$(xmllint --xpath "concat(count(${F}[@rule = '$id']), ' ', count(${F}[@rule = 'INPUT-DIAG-ERROR']))" "$out" 2>/dev/null) ||
		    counts=
		case $counts in
		*[0-9]" "[0-9]*) n=${counts%% *} d=${counts#* } ;;
		*) fail "$id/$kind: cannot read the results $out"; continue ;;
		esac
		case $kind in
		fires) [ "$n" -ge 1 ] || fail "$id/fires: no finding of $id" ;;
		passes) [ "$n" = 0 ] || fail "$id/passes: $n finding(s) of $id: $(xmllint --xpath "string(${F}[@rule='$id'][1]/*[local-name()='message'])" "$out" 2>/dev/null)" ;;
		esac
		# a fixture that breaks a file by accident shows up as a diagnostic
		case $id in INPUT-DIAG-*) ;; *)
			if [ ! -f "$o/DIAG_OK" ] && [ "$d" != 0 ]; then
				fail "$id/$kind: the fixture dossier has read errors: $(xmllint --xpath "string(${F}[@rule='INPUT-DIAG-ERROR'][1]/*[local-name()='message'])" "$out" 2>/dev/null)"
			fi ;;
		esac
		if [ -f "$o/EXPECT" ]; then
			grep -v '^[[:space:]]*\(#\|$\)' "$o/EXPECT" | while IFS= read -r line; do
				want=${line%% *} xp=${line#* }
				got=$(count "$xp" "$out")
				[ "$got" = "$want" ] || { echo "FAIL: $id/$kind: count($xp) is '$got', expected $want" >&2; exit 1; }
			done || failures=$((failures + 1))
		fi
	done
done

if [ -n "${PA_FIXTURES_KEEP:-}" ]; then
	cp -R "$T" "$T.kept" && echo "kept in $T.kept" >&2
fi
echo "rule fixtures: $ran run, $failures failure(s)"
[ "$failures" -eq 0 ] || exit 1
exit 0
