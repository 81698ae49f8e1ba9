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
"$dir/src/pactaudit" check --keyring "$top/examples/call/keyring.asc" \
    "$top"/examples/call/*/ || status=$?
echo
echo "pactaudit: $dir/src/pactaudit (exit status $status: 0 eligible, 1 findings, 2 error)"
