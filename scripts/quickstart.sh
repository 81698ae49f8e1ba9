#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install the Debian packages, build pactaudit, build the example call of
# signed dossiers and audit it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps-debian.sh"
dir=$("$top/scripts/build.sh" | tail -n 1)
"$top/examples/make-call.sh" "$top/examples/call" >/dev/null
export PACTAUDIT_DATADIR="$top"
status=0
# The as-of date on which the Annex III obligations apply (see examples/README.md)
"$dir/src/pactaudit" check --keyring "$top/examples/call/keyring.asc" \
    --rev submission --as-of 2027-12-02 "$top"/examples/call/*/ || status=$?
echo
echo "pactaudit is $dir/src/pactaudit; this audit exited $status (0: no open error, 1: open errors or blockers, 2: could not audit)"
