#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Renderers in linear time: `pactaudit report` of one results file with
# N and 10*N findings (default 2,000 and 20,000), every finding with a
# rule of its own (the worst case for SARIF's rule table; kept small to
# stay under the 4 MiB input limit), in every format; prints the seconds of each and the ratio, which is about 10
# for a linear renderer and about 100 for a quadratic one.
#   sh bench/render-bench.sh [-n N] [-r RUNS] path/to/pactaudit
set -eu
n=2000
runs=3
while getopts n:r: o; do
	case $o in
	n) n=$OPTARG ;;
	r) runs=$OPTARG ;;
	*) echo "usage: $0 [-n N] [-r RUNS] pactaudit" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
pa=${1:?usage: $0 [-n N] [-r RUNS] pactaudit}
top=$(cd "$(dirname "$0")/.." && pwd)
: "${PACTAUDIT_DATADIR:=$top}"
export PACTAUDIT_DATADIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pa-render-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

make_results() {	# make_results COUNT FILE
	awk -v n="$1" 'BEGIN {
		print "<results xmlns=\"urn:pactaudit:results:1\" version=\"1\">"
		print "<tool name=\"pactaudit\" version=\"bench\"/><rules version=\"bench\"/>"
		print "<dossier path=\"bench\" mode=\"worktree\" trust=\"none\"/>"
		print "<applicant name=\"Bench SA\" country=\"FR\"/>"
		print "<request call=\"bench\" machine=\"leonardo\" gpu-hours=\"1000\"/>"
		print "<as-of>2026-11-27</as-of>"
		for (i = 0; i < n; i++)
			printf "<finding rule=\"B%d\" severity=\"warning\" status=\"open\" fingerprint=\"%064x\" ref=\"Art. %d\" waivable=\"true\"><message>m%d</message></finding>\n", i, i, i % 113 + 1, i
		print "<verdict>eligible</verdict></results>"
	}' > "$2"
}

best() {	# best FORMAT FILE: the least wall-clock seconds of $runs runs
	b=
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s.%N)
		"$pa" report --format "$1" -o /dev/null "$2"
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
		i=$((i + 1))
	done
	echo "$b"
}

small=$n
large=$((n * 10))
make_results "$small" "$tmp/small.xml"
make_results "$large" "$tmp/large.xml"
echo "findings: $small and $large, best of $runs; $(nproc) processors, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-15s %10s %10s %7s\n' format "t($small)" "t($large)" ratio
for f in text json sarif junit tap xml html md csv csv-applicants; do
	a=$(best "$f" "$tmp/small.xml")
	b=$(best "$f" "$tmp/large.xml")
	printf '%-15s %10.3f %10.3f %7.1f\n' "$f" "$a" "$b" "$(echo "$b / $a" | bc -l)"
done
