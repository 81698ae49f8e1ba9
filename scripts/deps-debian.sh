#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install every Debian 12 package pactaudit needs to build, test and run.
# This is the one package list: the README, .ci/run and fresh machines use it.
set -eu

PACKAGES="
build-essential autoconf automake pkg-config
libgit2-dev libxml2-dev libxslt1-dev libgpgme-dev libncurses-dev
libyaml-dev libjansson-dev libcunit1-dev libgcrypt20-dev
git gnupg gpg-agent libxml2-utils xsltproc mandoc tmux
python3 python3-jsonschema python3-yaml openssh-client jq
librnp-dev bash-completion time python3-cryptography
slurmctld slurmd slurm-client slurmdbd munge mariadb-server
chromium fonts-dejavu-core
"

if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi

missing=
for p in $PACKAGES; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "deps-debian: all packages present"
	exit 0
fi
echo "deps-debian: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
