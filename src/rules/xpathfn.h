/* SPDX-License-Identifier: GPL-3.0-or-later */
/* XPath extension functions (urn:pactaudit:xpath:1) and the static checks of rule XPath. */
#ifndef PA_RULES_XPATHFN_H
#define PA_RULES_XPATHFN_H

#include <libxml/xpath.h>
#include <stdbool.h>

#include "evidence/schema.h"
#include "util/buf.h"
#include "util/date.h"

struct pa_rulepack;

/*
 * What the extension functions may look at during one evaluation.  One
 * per thread (it is the XPath context's userData); nothing global.
 */
struct pa_xpathfn_env {
	const struct pa_rulepack *pack;	/* vocabularies, accelerators; may be NULL */
	char as_of[11];			/* YYYY-MM-DD */
	double as_of_days;		/* days since 1970-01-01 */
	xmlNode *current;		/* the rule's context node: pa:current() */
	xmlNode *root;			/* the evidence root element, or NULL */
	struct pa_buf error;		/* first error of the current evaluation */
};

/* One function of the table (for registration, lint and pactaudit-rules(5)). */
struct pa_xpathfn_info {
	const char *name;		/* local name in PA_XPATHFN_NS */
	int min_args, max_args;		/* max -1: any number */
	const char *synopsis;		/* "pa:number(s) -> number" */
	xmlXPathFunction fn;
};

/* Every extension function, terminated by { 0 }. */
extern const struct pa_xpathfn_info pa_xpathfn_table[];

void pa_xpathfn_env_init(struct pa_xpathfn_env *env, const struct pa_rulepack *pack);
void pa_xpathfn_env_dispose(struct pa_xpathfn_env *env);
/* Set the as-of date (parsed by the caller); PA_EINVALID when it is NULL. */
int pa_xpathfn_env_set_as_of(struct pa_xpathfn_env *env, const struct pa_date *as_of);

/*
 * Bind the prefixes e (evidence) and pa (functions), register every
 * function, and route XPath errors into env->error (nothing is printed).
 * 0 or PA_ENOMEM.
 */
int pa_xpathfn_register(xmlXPathContext *ctxt, struct pa_xpathfn_env *env);

/*
 * Static checks of one XPath expression beyond what libxml2 compiles:
 * every prefix is e or pa, every function exists (XPath 1.0 core or the
 * table) and gets an allowed number of arguments, no variables.  On the
 * first problem, a message goes to msg and the return is false.  When a
 * vocabulary is named by a string literal (pa:in-vocab('use-cases', ...))
 * and pack is not NULL, the vocabulary must exist.
 */
bool pa_xpathfn_check(struct pa_buf *msg, const char *expr, const struct pa_rulepack *pack);
/*
 * The same, and every name test must name what the evidence schema has
 * (names from pa_schema_names_load(PA_EVIDENCE_SCHEMA)): e:NAME one of its
 * elements, @NAME (attribute::NAME) one of its attributes.  A name without
 * a prefix is no evidence element.  The check is by name, not by place: an
 * attribute that exists on some other element passes.
 */
bool pa_xpathfn_check_names(struct pa_buf *msg, const char *expr,
    const struct pa_rulepack *pack, const struct pa_schema_names *names);

/* XPath 1.0 lexical classes: whitespace, and (ASCII; bytes >= 0x80 too) name characters. */
bool pa_xpath_is_space(int c);
bool pa_xpath_name_start(int c);
bool pa_xpath_name_char(int c);

/* The parsers behind pa:number() and pa:date(); NaN on bad input. */
double pa_xpathfn_parse_number(const char *s);
double pa_xpathfn_parse_date(const char *s);
/* Rank of a tier (minimal 0 .. prohibited 3) or GPAI status (none 0 .. systemic 2); -1 if unknown. */
int pa_xpathfn_tier_rank(const char *tier);
int pa_xpathfn_gpai_rank(const char *gpai);

#endif
