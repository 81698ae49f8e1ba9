/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one entry point for parsing XML: hardened for hostile dossiers. */
#ifndef PA_PARSE_XML_H
#define PA_PARSE_XML_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

/*
 * Install the refuse-everything external-entity loader and initialise
 * libxml2.  Call once from main() before any thread starts.
 */
void pa_xml_global_init(void);
void pa_xml_global_cleanup(void);
/* Free what this thread cached (compiled schemas); call before a worker thread ends. */
void pa_xml_thread_cleanup(void);

/*
 * Parse untrusted XML (a dossier file).  Never loads anything from outside
 * (XML_PARSE_NONET, no DTD loading, no entity substitution), refuses any
 * document with a DOCTYPE, limits size and nesting depth.  On bad input a
 * diagnostic with path and line goes to diag and *out is NULL; the return
 * is still 0.  < 0 only for out of memory.
 */
int pa_xml_parse_untrusted(xmlDoc **out, const char *data, size_t len,
    const char *path, struct pa_diag *diag);
/*
 * The same with max bytes instead of PA_LIMIT_XML_SIZE, for bytes whose
 * origin is already authenticated but whose size is not a dossier file's
 * (a results-cache entry, PA_LIMIT_CACHE_ENTRY).
 */
int pa_xml_parse_untrusted_max(xmlDoc **out, const char *data, size_t len, size_t max,
    const char *path, struct pa_diag *diag);

/*
 * Parse one of the project's own files (rule packs, schemas, stylesheets)
 * from the data directory.  Same hardening.  Errors are returned
 * (PA_EINVALID) with "path:line: message" in the error slot.
 */
int pa_xml_parse_trusted_file(xmlDoc **out, const char *path);
/* Inside a trusted scope the entity loader may read files under the data directory (XSLT imports). */
void pa_xml_trusted_begin(void);
void pa_xml_trusted_end(void);
int pa_xml_parse_trusted_mem(xmlDoc **out, const char *data, size_t len,
    const char *path);

/*
 * Validate doc against the RELAX NG schema <datadir>/rules/schema/<name>.
 * Violations become diagnostics (path, line) in diag; returns 0, or < 0 if
 * the schema itself cannot be loaded (message set).  *valid says whether
 * the document passed.
 */
int pa_xml_validate_rng(bool *valid, xmlDoc *doc, const char *schema_name,
    const char *path, struct pa_diag *diag);

/*
 * A borrowed unqualified attribute value ("" for an attribute whose value
 * is not one text node), or NULL if absent; valid while the node lives.
 */
const char *pa_xml_attr(const xmlNode *node, const char *name);
/* Property as a newly allocated char* (free()), or NULL if absent. */
char *pa_xml_prop_dup(const xmlNode *node, const char *name);
/* Text content as a newly allocated char*, whitespace trimmed, or NULL. */
char *pa_xml_text_dup(const xmlNode *node);
/* Line of a node (big lines supported); 0 if unknown. */
long pa_xml_line(const xmlNode *node);

#endif
