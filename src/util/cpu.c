/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Processor count from the affinity mask (sched_getaffinity), not the machine's. */
#include "config.h"

#include "util/cpu.h"

#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

unsigned int
pa_cpu_count(void)
{
	cpu_set_t *set;
	size_t size;
	int ncpu = 1024, n = 0;
	long online;

	/* grow the mask until the kernel's fits (machines with > 1024 CPUs) */
	while (ncpu <= 65536) {
		if ((set = CPU_ALLOC(ncpu)) == NULL)
			break;
		size = CPU_ALLOC_SIZE(ncpu);
		CPU_ZERO_S(size, set);
		if (sched_getaffinity(0, size, set) == 0) {
			n = CPU_COUNT_S(size, set);
			CPU_FREE(set);
			break;
		}
		CPU_FREE(set);
		ncpu *= 2;
	}
	if (n > 0)
		return (unsigned int)n;
	online = sysconf(_SC_NPROCESSORS_ONLN);
	return online > 0 ? (unsigned int)online : 1;
}
