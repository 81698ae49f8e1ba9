#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerate rules/spdx/licenses.json, exceptions.json and VERSION from the npm packages that carry the SPDX lists.
#
# usage: scripts/update-spdx.sh [--from DIR]
#
# Without --from, the three packages are fetched with `npm pack` (the npm
# registry is the only network source this needs).  With --from DIR, DIR
# holds the already unpacked packages as DIR/<name>/package/...  Versions can
# be pinned with SPDX_LICENSE_LIST=, SPDX_LICENSE_IDS=, SPDX_EXCEPTIONS=
# (default: latest).  The hand-written tables (hf-licenses.json, facts.json)
# are not touched.  Needs node (which npm needs anyway).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/rules/spdx"
from=

while [ $# -gt 0 ]; do
	case $1 in
	--from) from=$2; shift 2 ;;
	-h|--help) sed -n '3,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "update-spdx: unknown argument '$1'" >&2; exit 2 ;;
	esac
done

command -v node >/dev/null 2>&1 || { echo "update-spdx: node is needed" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ -z "$from" ]; then
	command -v npm >/dev/null 2>&1 || { echo "update-spdx: npm is needed" >&2; exit 2; }
	for spec in "spdx-license-list@${SPDX_LICENSE_LIST:-latest}" \
	    "spdx-license-ids@${SPDX_LICENSE_IDS:-latest}" \
	    "spdx-exceptions@${SPDX_EXCEPTIONS:-latest}"; do
		name=${spec%@*}
		tgz=$(cd "$tmp" && npm pack --silent "$spec" | tail -n 1)
		mkdir -p "$tmp/$name"
		tar xzf "$tmp/$tgz" -C "$tmp/$name"
	done
	from=$tmp
fi

for name in spdx-license-list spdx-license-ids spdx-exceptions; do
	[ -f "$from/$name/package/package.json" ] ||
	    { echo "update-spdx: $from/$name/package/package.json missing" >&2; exit 2; }
done

mkdir -p "$out"
node - "$from" "$out" <<'EOF'
'use strict';
const fs = require('fs');
const path = require('path');
const [from, out] = process.argv.slice(2);
const pkg = (n, f) => path.join(from, n, 'package', f);
const json = (n, f) => JSON.parse(fs.readFileSync(pkg(n, f), 'utf8'));
const version = (n) => json(n, 'package.json').version;

const list = json('spdx-license-list', 'spdx.json');
const current = json('spdx-license-ids', 'index.json');
const deprecated = new Set(json('spdx-license-ids', 'deprecated.json'));
const exIds = json('spdx-exceptions', 'index.json');
let exDeprecated = [];
try { exDeprecated = json('spdx-exceptions', 'deprecated.json'); } catch (e) { /* older packages */ }

// The list version is stated in spdx-license-list's readme.
const readme = fs.readdirSync(path.join(from, 'spdx-license-list', 'package'))
    .filter((f) => /^readme/i.test(f))
    .map((f) => fs.readFileSync(pkg('spdx-license-list', f), 'utf8')).join('\n');
const m = /SPDX License List version ([0-9][0-9.]*) \(([0-9-]+)\)/.exec(readme);
if (!m) {
	console.error('update-spdx: cannot find the list version in the spdx-license-list readme');
	process.exit(1);
}
const [, listVersion, releaseDate] = m;

const url = (id, ext) => `https://spdx.org/licenses/${id}.${ext}`;
const byId = new Map();
for (const [id, l] of Object.entries(list)) {
	byId.set(id, {
		reference: url(id, 'html'),
		// spdx-license-ids leaves out the "+" ids (GPL-2.0+ ...), all deprecated upstream
		isDeprecatedLicenseId: deprecated.has(id) || id.endsWith('+'),
		detailsUrl: url(id, 'json'),
		name: l.name,
		licenseId: id,
		seeAlso: l.url ? [l.url] : [],
		isOsiApproved: Boolean(l.osiApproved),
	});
}
const extra = [];
for (const id of current.concat([...deprecated])) {
	if (byId.has(id))
		continue;
	extra.push(id);
	byId.set(id, {
		reference: url(id, 'html'),
		isDeprecatedLicenseId: deprecated.has(id),
		detailsUrl: url(id, 'json'),
		licenseId: id,
		seeAlso: [],
		'x-pactaudit-note': `id from spdx-license-ids ${version('spdx-license-ids')}; ` +
		    `name and OSI status not in spdx-license-list ${version('spdx-license-list')}`,
	});
}
const cmp = (a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
const licenses = [...byId.values()].sort((a, b) => cmp(a.licenseId, b.licenseId));

const exDep = new Set(exDeprecated);
const exceptions = [...new Set(exIds.concat(exDeprecated))].sort(cmp).map((id) => ({
	reference: url(id, 'html'),
	isDeprecatedLicenseId: exDep.has(id),
	detailsUrl: url(id, 'json'),
	licenseExceptionId: id,
	seeAlso: [],
}));

const write = (f, v) => fs.writeFileSync(path.join(out, f), JSON.stringify(v, null, 2) + '\n');
write('licenses.json', { licenseListVersion: listVersion, releaseDate, licenses });
write('exceptions.json', {
	licenseListVersion: listVersion,
	'x-pactaudit-note': `exception ids from spdx-exceptions ${version('spdx-exceptions')}, ` +
	    'which may predate the licence list version',
	exceptions,
});
fs.writeFileSync(path.join(out, 'VERSION'), [
	`license-list-version ${listVersion}`,
	`release-date ${releaseDate}`,
	`licenses ${licenses.length} (${licenses.filter((l) => l.isDeprecatedLicenseId).length} deprecated)`,
	`exceptions ${exceptions.length}`,
	`source npm spdx-license-list ${version('spdx-license-list')}: ids, names, URLs, OSI approval`,
	`source npm spdx-license-ids ${version('spdx-license-ids')}: current and deprecated ids` +
	    (extra.length ? `; ${extra.length} ids only here (no name, no OSI data): ${extra.join(' ')}` : ''),
	`source npm spdx-exceptions ${version('spdx-exceptions')}: exception ids (no names)`,
	'not in these sources: isFsfLibre, referenceNumber, exception names',
	'generated by scripts/update-spdx.sh; hand-written: hf-licenses.json, facts.json',
	'',
].join('\n'));
console.log(`update-spdx: SPDX list ${listVersion} (${releaseDate}): ` +
    `${licenses.length} licences, ${exceptions.length} exceptions -> ${out}`);
EOF
