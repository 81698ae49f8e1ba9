#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Start-up benchmark: wall time of N runs of each command, alternating
# them run by run (so load changes hit every command alike), with the
# median, mean and 10th/90th percentiles in milliseconds.
#
#   bench/startup-bench.py [-n RUNS] 'LABEL=COMMAND' ...
#
# Each COMMAND is run through /bin/sh -c with its output thrown away; its
# exit status is ignored (a bad option exits 2 on purpose).
import os
import statistics
import subprocess
import sys
import time

runs = 200
args = sys.argv[1:]
if len(args) >= 2 and args[0] == "-n":
    runs = int(args[1])
    args = args[2:]
if not args or any("=" not in a for a in args):
    sys.exit("usage: startup-bench.py [-n RUNS] 'LABEL=COMMAND' ...")
cmds = [a.split("=", 1) for a in args]
times = {label: [] for label, _ in cmds}
null = open(os.devnull, "w")
for _ in range(runs):
    for label, cmd in cmds:
        t0 = time.perf_counter()
        subprocess.run(["/bin/sh", "-c", "exec " + cmd], stdout=null, stderr=null)
        times[label].append((time.perf_counter() - t0) * 1000)
print("%-28s %8s %8s %8s %8s" % ("command (%d runs)" % runs, "median", "mean", "p10", "p90"))
for label, _ in cmds:
    t = sorted(times[label])
    print("%-28s %8.2f %8.2f %8.2f %8.2f" % (label, statistics.median(t), statistics.mean(t),
                                            t[len(t) // 10], t[len(t) * 9 // 10]))
