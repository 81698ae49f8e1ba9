/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Creating evidence nodes (urn:pactaudit:evidence:1) with provenance. */
#ifndef PA_PARSE_EVNODE_H
#define PA_PARSE_EVNODE_H

#include <libxml/tree.h>
#include <stddef.h>

#define PA_EVIDENCE_NS "urn:pactaudit:evidence:1"

/* Where the nodes being made come from: copied onto every node. */
struct pa_evsrc {
	const char *src;	/* dossier-relative path */
	const char *blob;	/* git blob id, or NULL (worktree) */
};

/*
 * A new child element `name` of parent in the evidence namespace, with
 * src/line/blob from `from` (line 0: no line attribute).  `text` (may be
 * NULL) becomes its content after XML cleaning (invalid UTF-8 and control
 * characters turned into visible escapes).  NULL on OOM (message set).
 */
xmlNode *pa_ev_child(xmlNode *parent, const char *name, const struct pa_evsrc *from,
    long line, const char *text);
/* Same with an explicit length for text that may hold NUL bytes. */
xmlNode *pa_ev_child_n(xmlNode *parent, const char *name, const struct pa_evsrc *from,
    long line, const char *text, size_t len);
/* Set an attribute after XML cleaning the value; 0 or PA_ENOMEM. */
int pa_ev_set(xmlNode *node, const char *name, const char *value);
int pa_ev_set_long(xmlNode *node, const char *name, long value);
/* The evidence namespace of the document that holds node (creating it on the root). */
xmlNs *pa_ev_ns(xmlNode *node);

#endif
