#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Shell completion: the bash file, sourced, completes commands, options (from
# each command's --help), formats and values; zsh's parses; both are
# installed where bash-completion and zsh look.
. "$top_srcdir/tests/lib/testlib.sh"
set -e
pa_tmp
command -v bash >/dev/null || pa_skip "bash is not installed"
comp="$top_srcdir/completions"
mkdir -p "$T/bin" "$T/work/dossier-a"
ln -s "$PACTAUDIT" "$T/bin/pactaudit"

# complete WORDS...: what _pactaudit offers for the last word
complete_words() {
	PATH="$T/bin:$PATH" bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_pactaudit
		printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$comp/bash/pactaudit" "$@"
}
expect() {
	want=$1
	shift
	got=$(cd "$T/work" && complete_words "$@" | tr '\n' ' ')
	[ "$got" = "$want" ] || pa_fail "completing '$*': got '$got', expected '$want'"
}

expect "check " pactaudit ch
expect "report review rules " pactaudit r
expect "--color " pactaudit check --co
expect "--fail-on --format " pactaudit check --f
expect "--severity " pactaudit check -v --sev
expect "--not-audited " pactaudit report --not
expect "--plan " pactaudit report --pl
expect "codequality csv csv-applicants " pactaudit check --format c
expect "always auto " pactaudit check --color a
expect "error " pactaudit check --severity e
expect "sign " pactaudit pact s
expect "dossier-a " pactaudit check dossier
# every option a command's --help lists is offered
for c in check evidence report; do
	"$PACTAUDIT" "$c" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u >"$T/help.$c"
	(cd "$T/work" && complete_words pactaudit "$c" --) >"$T/comp.$c"
	while read -r o; do
		grep -qx -- "$o" "$T/comp.$c" || pa_fail "completion of '$c' lacks $o"
	done <"$T/help.$c"
done

# zsh: the function parses (when zsh is installed)
if command -v zsh >/dev/null; then
	zsh -n "$comp/zsh/_pactaudit" || pa_fail "_pactaudit does not parse"
fi
bash -n "$comp/bash/pactaudit" || pa_fail "the bash completion does not parse"

# installed where bash-completion's pkg-config file says, unless configure
# was told otherwise (make distcheck installs under its own prefix)
mk="${top_builddir:-.}/Makefile"
st="${top_builddir:-.}/config.status"
if [ -f "$mk" ] && want=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null) &&
    [ -n "$want" ] && ! grep -q -- '--with-bash-completion-dir' "$st" 2>/dev/null; then
	assert_grep "^BASH_COMPLETION_DIR = $want\$" "$mk"
	assert_grep '^ZSH_COMPLETION_DIR = .*/zsh/site-functions$' "$mk"
fi
exit 0
