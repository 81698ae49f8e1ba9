/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Diagnostics sink: what is wrong with dossier input, with path, line and anchor. */
#ifndef PA_UTIL_DIAG_H
#define PA_UTIL_DIAG_H

#include <stddef.h>

#include "util/error.h"

enum pa_diag_severity {
	PA_DIAG_INFO,
	PA_DIAG_WARNING,
	PA_DIAG_ERROR
};

struct pa_diag_entry {
	enum pa_diag_severity severity;
	char *code;	/* stable machine code, e.g. "xml-doctype", "yaml-alias" */
	char *path;	/* dossier-relative path, or NULL */
	long line;	/* 1-based, 0 when unknown */
	char *anchor;	/* YAML key / heading / element path, or NULL */
	char *message;	/* sanitised one-line message */
};

struct pa_diag {
	struct pa_diag_entry *entries;
	size_t count, alloc;
	int oom;
};

#define PA_DIAG_INIT { NULL, 0, 0, 0 }

/*
 * Record a diagnostic.  Strings are copied and the message sanitised.
 * Never fails from the caller's point of view: on OOM the entry is dropped
 * and the sink remembers it (pa_diag_oom()).
 */
void pa_diag_add(struct pa_diag *d, enum pa_diag_severity sev, const char *code,
    const char *path, long line, const char *anchor, const char *fmt, ...)
    PA_PRINTF(7, 8);
int pa_diag_oom(const struct pa_diag *d);
const char *pa_diag_severity_name(enum pa_diag_severity sev);
void pa_diag_dispose(struct pa_diag *d);

#endif
