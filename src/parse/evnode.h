/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Creating evidence nodes (urn:pactaudit:evidence:1) with provenance. */
#ifndef PA_PARSE_EVNODE_H
#define PA_PARSE_EVNODE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

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

/*
 * Anchors.  Every evidence element that names a place in its file records
 * that place in @anchor when it is made: a YAML key path ("license",
 * "model-index[0].name"), a Markdown heading ("## Uses"), the licence's
 * key, or the element path below its file's root element
 * ("system[cv-screen]/use-case[annex3-4a]"); elements that come from no
 * file record their path below the evidence root ("files/file[README.md]").
 * A finding's anchor is the @anchor of the nearest ancestor-or-self
 * element (see pactaudit-evidence(1)); it goes into the finding's
 * fingerprint, so these strings must not change between releases.
 */
#define PA_EV_KEY_MAX 64	/* bytes of one key (an id, a YAML key) in an anchor */
#define PA_EV_ANCHOR_MAX 128	/* bytes of a heading, a licence key or a diagnostic's anchor */

/* Append s with white-space runs as one space, trimmed, cut after max bytes with "…". */
void pa_ev_put_collapsed(struct pa_buf *b, const char *s, size_t max);
/* Set @anchor (already in its final form); 0 or PA_ENOMEM. */
int pa_ev_set_anchor(xmlNode *node, const char *anchor);
/* The @anchor of node, or NULL. */
const char *pa_ev_anchor(const xmlNode *node);
/*
 * Record the element-path anchor of node, one step below `prefix` (NULL or
 * "": node is directly below its file's root element, or below the
 * evidence root): the local name, then a key in brackets: the first of
 * the attributes id, name, object, path, kind, code that is not empty, or
 * else, when `leaf` (the element has no child elements), its text when
 * that is short and not blank.  Call it once the node's attributes and
 * text are set.  0 or PA_ENOMEM.
 */
int pa_ev_anchor_step(xmlNode *node, const char *prefix, bool leaf);
/* Has node no child elements? */
bool pa_ev_is_leaf(const xmlNode *node);

#endif
