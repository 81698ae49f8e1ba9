/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evidence schema (rules/schema/evidence.rng): validation, and the names it defines. */
#ifndef PA_EVIDENCE_SCHEMA_H
#define PA_EVIDENCE_SCHEMA_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

#define PA_EVIDENCE_SCHEMA "evidence.rng"

/*
 * Validate an evidence document against rules/schema/evidence.rng; each
 * violation is a diagnostic in diag (path "evidence").  *valid says
 * whether it passed.  < 0 only when the schema cannot be loaded (message
 * set).
 */
int pa_evidence_validate(bool *valid, xmlDoc *doc, struct pa_diag *diag);

/*
 * Is the self-check on (PACTAUDIT_CHECK_EVIDENCE set and not empty)?  Then
 * every evidence document is validated when it is built and again after
 * classification, and a violation fails the run: the test suite runs this
 * way, so every dossier it builds is checked against the schema.
 */
bool pa_evidence_selfcheck(void);
/* Validate doc (selfcheck on) and turn a violation into PA_EINVALID with its first message. */
int pa_evidence_selfcheck_doc(xmlDoc *doc, const char *when);

/* The element and attribute names a RELAX NG schema under rules/schema/ defines. */
struct pa_schema_names;

/*
 * Load the names of rules/schema/<schema> (PA_EVIDENCE_SCHEMA for the
 * evidence): every <element> and <attribute> named there (by @name or a
 * <name> child; wildcards name nothing).  < 0 with a message when the
 * schema cannot be read.  Free with pa_schema_names_free().
 */
int pa_schema_names_load(struct pa_schema_names **out, const char *schema);
void pa_schema_names_free(struct pa_schema_names *names);
bool pa_schema_has_element(const struct pa_schema_names *names, const char *name, size_t len);
bool pa_schema_has_attribute(const struct pa_schema_names *names, const char *name, size_t len);
/* Call fn on every element (is_attribute false) and attribute name, in no particular order. */
void pa_schema_names_each(const struct pa_schema_names *names,
    void (*fn)(const char *name, bool is_attribute, void *arg), void *arg);

#endif
