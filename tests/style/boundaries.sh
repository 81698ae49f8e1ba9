#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Module boundaries and banned calls (see doc/architecture.md):
# each third-party library has one home, layers include only downwards,
# and unsafe C string calls and dangerous libxml2 options never appear.
set -u
src="${top_srcdir:-$(dirname "$0")/../..}/src"
fail=0

bad() {
	echo "boundaries: $*" >&2
	fail=1
}

# grep -n over src/ for a pattern, excluding the allowed files/folders (ERE on path)
only_in() {
	pattern=$1
	allowed=$2
	what=$3
	hits=$(grep -rnE --include='*.c' --include='*.h' "$pattern" "$src" |
	    sed "s|^$src/||" | grep -vE "^($allowed)" || true)
	[ -z "$hits" ] || bad "$what outside $allowed:
$hits"
}

only_in '#include <git2' 'dossier/|ledger/' '<git2.h>'
only_in '#include <gpgme' 'sig/gpg' '<gpgme.h>'
only_in '#include <rnp' 'sig/rnp\.c' '<rnp/rnp.h>'
only_in '#include <(n)?curses' 'review/' 'curses'
only_in '#include <yaml' 'parse/frontmatter' '<yaml.h>'
only_in '#include <jansson' 'util/record\.h|render/(json|sarif|codequality|diff)\.c|parse/licdb\.c|cli/cmd_rules\.c|ledger/|allocate/output\.c' '<jansson.h>'
only_in '#include <libxslt' 'render/xslt' 'libxslt'
only_in '#include <gcrypt' 'util/digest' '<gcrypt.h>'
only_in '(xmlRead|xmlCtxtRead|xmlParse(Memory|File|Doc)|xmlSetExternalEntityLoader|xmlReaderFor)' \
	'parse/xml\.c' 'libxml2 parse calls'
only_in '(xsltParseStylesheet|xsltApplyStylesheet)' 'render/xslt\.c' 'libxslt calls'
only_in '(waddn?str|mvwaddn?str|addn?str|mvaddn?str|wprintw|mvwprintw|printw|mvprintw|waddch|addch|mvaddch)\(' \
	'review/draw\.c' 'curses output'
# one way to do each small thing
only_in 'git_error_last\(' 'dossier/init\.c' 'the importer of libgit2 errors (pa_dossier_git_error)'
only_in '0x202[aAeE]|0x206[69]|0x061[cC]' 'util/text\.c' 'the unsafe code-point table (pa_text_is_unsafe)'

# layering: lower layers never include higher ones
layer_check() {
	dir=$1
	forbidden=$2
	allowed=${3:-^$}	# ERE on "file:line:include" for a sanctioned exception
	[ -d "$src/$dir" ] || return 0
	hits=$(grep -rnE "#include \"($forbidden)/" "$src/$dir" | sed "s|^$src/||" |
	    grep -vE "$allowed" || true)
	[ -z "$hits" ] || bad "$dir/ includes a higher layer:
$hits"
}
# allocate: the home of a future src/allocate (doc/architecture.md), above audit/
layer_check util 'cli|parse|dossier|sig|evidence|rules|results|render|cache|audit|ledger|review|allocate'
layer_check parse 'cli|dossier|sig|evidence|rules|results|render|cache|audit|ledger|review|allocate'
layer_check dossier 'cli|parse|sig|evidence|rules|results|render|cache|audit|ledger|review|allocate'
# results/ reads results documents back through parse/xml (hardened parsing, the schema)
layer_check results 'cli|parse|dossier|sig|evidence|rules|render|cache|audit|ledger|review|allocate' \
	'^results/read\.c:[0-9]+:#include "parse/xml\.h"$'
layer_check sig 'cli|evidence|rules|results|render|audit|ledger|review|allocate'
layer_check evidence 'cli|rules|results|render|cache|audit|ledger|review|allocate'
layer_check rules 'cli|render|cache|audit|ledger|review|allocate|dossier|sig'
layer_check cache 'cli|parse|dossier|sig|evidence|rules|results|render|audit|ledger|review|allocate'
# audit/ runs the pipeline up to the results model; it never renders
layer_check audit 'cli|render|ledger|review|allocate'
layer_check render 'cli|parse|dossier|sig|evidence|rules|cache|audit|ledger|review|allocate' \
	'^render/xslt\.c:[0-9]+:#include "parse/xml\.h"$'	# the project's stylesheets are parsed there
# the one results model: no renderer keeps a second one
hits=$(grep -rnE 'pa_rdossier|pa_rfinding|enum pa_sev\b|define PA_RESULTS_NS' "$src" |
    sed "s|^$src/||" | grep -v '^results/results\.h:' || true)
[ -z "$hits" ] || bad "a second results model or namespace outside results/:
$hits"
# cli/ parses options and writes output; cache keys are the audit library's
hits=$(grep -rnE 'pa_cache_(open|get|put)|pa_dossier_resolve|pa_rulepack_dir_digest' "$src/cli" |
    sed "s|^$src/||" || true)
[ -z "$hits" ] || bad "cli/ builds cache keys or reads the cache (audit/ does):
$hits"
layer_check ledger 'cli|render|cache|review|allocate|evidence|rules|audit'	# amend.c applies waivers to results
layer_check review 'cli|parse|dossier|evidence|rules|sig|render|cache'	# the review works on results only
# allocate/ is pure functions over results, decisions and a call policy; the
# policy and a plan read back (policy.c) go through parse/xml
layer_check allocate 'cli|render|review|audit|cache|dossier|evidence|rules|sig|parse' \
	'^allocate/policy\.c:[0-9]+:#include "parse/xml\.h"$'

# engine modules never print
for dir in evidence rules results render parse audit cache allocate; do
	[ -d "$src/$dir" ] || continue
	hits=$(grep -rnE '\b(printf|puts|perror)\(|fprintf\(std(out|err)|fputs\([^,]*, *std(out|err)' \
	    "$src/$dir" | sed "s|^$src/||" || true)
	[ -z "$hits" ] || bad "$dir/ prints to the terminal:
$hits"
done

# banned calls and options
hits=$(grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|strtok|system|popen|strncpy)\(' \
    --include='*.c' --include='*.h' "$src" | sed "s|^$src/||" || true)
[ -z "$hits" ] || bad "banned call:
$hits"
hits=$(grep -rnE 'XML_PARSE_(NOENT|DTDLOAD|DTDATTR|DTDVALID|HUGE|XINCLUDE)|xmlSubstituteEntitiesDefault|xmlLoadExtDtdDefaultValue' \
    "$src" | sed "s|^$src/||" || true)
[ -z "$hits" ] || bad "dangerous libxml2 option:
$hits"

[ "$fail" -eq 0 ] && echo "boundaries: ok"
exit "$fail"
