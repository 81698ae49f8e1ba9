/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared inside results/ only: adding to a model without sanitising (the reader, pa_results_dup). */
#ifndef PA_RESULTS_INTERNAL_H
#define PA_RESULTS_INTERNAL_H

#include "results/results.h"

/*
 * Like the pa_results_add_* and pa_results_set functions, but strings are
 * copied as they are and a finding keeps the fingerprint it carries.
 * 0, or PA_ENOMEM with the message set.
 */
int pa_results__push_finding(struct pa_results *res, const struct pa_results_finding *f);
int pa_results__push_item(struct pa_vec *list, const char *id, const char *tier,
    const char *gpai);
int pa_results__push_signature(struct pa_results *res,
    const struct pa_results_signature *sig);
int pa_results__push_pack(struct pa_results *res, const char *id, const char *version);
int pa_results__set_raw(char **field, const char *value);

/* Set attribute name=value unless value is NULL; false on out of memory. */
bool pa_results__set_attr(xmlNode *node, const char *name, const char *value);
/* fn on *s (a string owned by a model) unless it is NULL. */
int pa_results__visit(const char **s, enum pa_results_text kind,
    int (*fn)(char **, enum pa_results_text, void *), void *arg);

/* Waivers and the baseline's fixed findings (amended.c). */
void pa_results__waiver_free(struct pa_results_waiver *w);
void pa_results__fixed_free(void *fx);
/* Copy src's baseline and fixed findings into dst. */
int pa_results__dup_amended(struct pa_results *dst, const struct pa_results *src);
/* <waiver> in a <finding>, <baseline> in <results>; false on out of memory. */
bool pa_results__waiver_xml(xmlNode *finding, xmlNs *ns, const struct pa_results_waiver *w);
bool pa_results__baseline_xml(xmlNode *root, xmlNs *ns, const struct pa_results *res);
int pa_results__each_waiver_string(struct pa_results_finding *f,
    int (*fn)(char **s, enum pa_results_text kind, void *arg), void *arg);
int pa_results__each_fixed_string(struct pa_results *res,
    int (*fn)(char **s, enum pa_results_text kind, void *arg), void *arg);

/* Datasets, licences and the pact (inventory.c). */
void pa_results__pact_dispose(struct pa_results_pact *p);
int pa_results__push_commitment(struct pa_results *res, const struct pa_results_commitment *c);
/* Copy src's datasets, the licences of its models and datasets, and its pact into dst. */
int pa_results__dup_inventory(struct pa_results *dst, const struct pa_results *src);
/* The licences of src's items onto dst's (the same items, in the same order). */
int pa_results__dup_licenses(struct pa_vec *dst, const struct pa_vec *src);
/* The pact's strings (the items' licences are visited with the items). */
int pa_results__each_pact_string(struct pa_results *res,
    int (*fn)(char **s, enum pa_results_text kind, void *arg), void *arg);
/* license= and license-status= of a <model> or <dataset>; false on out of memory. */
bool pa_results__license_xml(xmlNode *n, const struct pa_results_item *it);
/* <dataset>s and <pact>, written after the models; false on out of memory. */
bool pa_results__inventory_xml(xmlNode *root, xmlNs *ns, const struct pa_results *res);

#endif
