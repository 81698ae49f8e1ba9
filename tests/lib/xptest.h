/* SPDX-License-Identifier: GPL-3.0-or-later */
/* XPath assertions on evidence documents for unit tests (prefix e bound). */
#ifndef PA_TESTS_XPTEST_H
#define PA_TESTS_XPTEST_H

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static inline xmlXPathObject *
xp_eval(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *o;

	xmlXPathRegisterNs(ctx, BAD_CAST "e", BAD_CAST "urn:pactaudit:evidence:1");
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	return o;
}

/* The number expr evaluates to; -1 if it does not evaluate. */
static inline double
xp_num(xmlDoc *doc, const char *expr)
{
	xmlXPathObject *o = xp_eval(doc, expr);
	double v = o ? xmlXPathCastToNumber(o) : -1;

	xmlXPathFreeObject(o);
	return v;
}

/* True if expr's string value is want; says what it was otherwise. */
static inline bool
xp_is(xmlDoc *doc, const char *expr, const char *want)
{
	xmlXPathObject *o = xp_eval(doc, expr);
	xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
	bool ok = s != NULL && strcmp((const char *)s, want) == 0;

	if (!ok)
		fprintf(stderr, "%s = '%s', expected '%s'\n", expr, s ? (char *)s : "(null)", want);
	xmlFree(s);
	xmlXPathFreeObject(o);
	return ok;
}

/* Is expr (prefix e) true on doc?  Says so when it does not evaluate. */
static inline bool
xp_true(xmlDoc *doc, const char *expr)
{
	xmlXPathObject *o = xp_eval(doc, expr);
	bool r = o != NULL && xmlXPathCastToBoolean(o) != 0;

	if (o == NULL)
		fprintf(stderr, "bad XPath %s\n", expr);
	xmlXPathFreeObject(o);
	return r;
}

#endif
