/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How many processors this process may run on. */
#ifndef PA_UTIL_CPU_H
#define PA_UTIL_CPU_H

/*
 * The processors in this process's CPU affinity mask (what Slurm's
 * --cpus-per-task, taskset or a cgroup cpuset leave it), or the online
 * processors when the mask cannot be read; at least 1.
 */
unsigned int pa_cpu_count(void);

#endif
