/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Diagnostics sink. */
#include "config.h"

#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"

static char *
dup_or_null(const char *s, int *oom)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = pa_text_sanitize_dup(s)) == NULL)
		*oom = 1;
	return p;
}

void
pa_diag_add(struct pa_diag *d, enum pa_diag_severity sev, const char *code,
    const char *path, long line, const char *anchor, const char *fmt, ...)
{
	struct pa_diag_entry e = { 0 }, *n;
	struct pa_buf msg = PA_BUF_INIT;
	va_list ap;
	int oom = 0;

	va_start(ap, fmt);
	pa_buf_vprintf(&msg, fmt, ap);
	va_end(ap);

	e.severity = sev;
	e.line = line;
	e.code = dup_or_null(code ? code : "input", &oom);
	e.path = dup_or_null(path, &oom);
	e.anchor = dup_or_null(anchor, &oom);
	if (!pa_buf_oom(&msg))
		e.message = dup_or_null(msg.ptr, &oom);
	else
		oom = 1;
	pa_buf_dispose(&msg);

	if (!oom && d->count == d->alloc) {
		size_t na = d->alloc ? d->alloc * 2 : 16;

		n = pa_reallocarray(d->entries, na, sizeof(*n));
		if (n == NULL) {
			oom = 1;
		} else {
			d->entries = n;
			d->alloc = na;
		}
	}
	if (oom) {
		free(e.code);
		free(e.path);
		free(e.anchor);
		free(e.message);
		d->oom = 1;
		return;
	}
	d->entries[d->count++] = e;
}

int
pa_diag_oom(const struct pa_diag *d)
{
	return d->oom;
}

const char *
pa_diag_severity_name(enum pa_diag_severity sev)
{
	switch (sev) {
	case PA_DIAG_INFO:
		return "info";
	case PA_DIAG_WARNING:
		return "warning";
	case PA_DIAG_ERROR:
		return "error";
	}
	return "error";
}

void
pa_diag_dispose(struct pa_diag *d)
{
	size_t i;

	for (i = 0; i < d->count; i++) {
		free(d->entries[i].code);
		free(d->entries[i].path);
		free(d->entries[i].anchor);
		free(d->entries[i].message);
	}
	free(d->entries);
	d->entries = NULL;
	d->count = d->alloc = 0;
	d->oom = 0;
}
