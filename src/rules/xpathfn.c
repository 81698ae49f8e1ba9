/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * XPath extension functions in urn:pactaudit:xpath:1 (prefix pa); the static
 * checks of rule XPath are in xpathcheck.c.  Thread-safe: every function reads only its
 * arguments, the per-thread environment in the XPath context's userData
 * and the read-only rule pack.
 *
 * Over 800 lines because it is one table: every function uses the same
 * argument helpers (pop_*, push_*, fn_fail), which a split by family would
 * have to share through a header.
 */
#include "config.h"

#include "rules/xpathfn.h"

#include <ctype.h>
#include <libxml/xpathInternals.h>
#include <locale.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/evnode.h"
#include "parse/xml.h"
#include "rules/pack.h"
#include "util/date.h"
#include "util/error.h"
#include "util/text.h"

/* Longest string pa:number() and pa:date() look at, and pa:matches() regex. */
#define NUMBER_MAX 64
#define REGEX_MAX 1024

/* ------------------------------------------------------------------ */
/* pure helpers                                                        */

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

double
pa_xpathfn_parse_number(const char *s)
{
	char buf[NUMBER_MAX + 1];
	const char *p = s, *end;
	size_t n = 0;
	double v, mult = 1.0;
	bool digits = false, exponent = false;
	locale_t c_locale;

	if (s == NULL)
		return NAN;
	while (pa_xpath_is_space(*p))
		p++;
	end = p + strlen(p);
	while (end > p && pa_xpath_is_space(end[-1]))
		end--;
	if (end - p > NUMBER_MAX)
		return NAN;
	if (p < end && (*p == '+' || *p == '-'))
		buf[n++] = *p++;
	/* digits, with '_' allowed between two digits */
	while (p < end && (is_digit(*p) || (*p == '_' && n > 0 &&
	    is_digit(buf[n - 1]) && p + 1 < end && is_digit(p[1])))) {
		if (*p != '_') {
			buf[n++] = *p;
			digits = true;
		}
		p++;
	}
	if (p < end && *p == '.') {
		buf[n++] = *p++;
		while (p < end && is_digit(*p)) {
			buf[n++] = *p++;
			digits = true;
		}
	}
	if (!digits)
		return NAN;
	if (p < end && (*p == 'e' || *p == 'E')) {
		buf[n++] = *p++;
		if (p < end && (*p == '+' || *p == '-'))
			buf[n++] = *p++;
		if (p >= end || !is_digit(*p))
			return NAN;
		while (p < end && is_digit(*p))
			buf[n++] = *p++;
		exponent = true;
	}
	buf[n] = '\0';
	while (p < end && *p == ' ')
		p++;
	if (p < end && !exponent && p + 1 == end) {
		switch (ascii_lower(*p)) {
		case 'k': mult = 1e3; break;
		case 'm': mult = 1e6; break;
		case 'b': case 'g': mult = 1e9; break;
		case 't': mult = 1e12; break;
		case 'p': mult = 1e15; break;
		default: return NAN;
		}
		p++;
	}
	if (p != end)
		return NAN;
	/* the "C" locale: '.' is the radix character whatever LC_NUMERIC says */
	if ((c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0)
		return NAN;
	v = strtod_l(buf, NULL, c_locale) * mult;
	freelocale(c_locale);
	return isfinite(v) ? v : NAN;
}

/* n digits at p as a number, or -1. */
static long
read_digits(const char *p, int n)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* A time of day after 'T': hh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm]; true if valid. */
static bool
valid_time(const char *p)
{
	long h = read_digits(p, 2), mi, sec;

	if (h < 0 || h > 23 || p[2] != ':' || (mi = read_digits(p + 3, 2)) < 0 || mi > 59)
		return false;
	p += 5;
	if (*p == ':') {
		if ((sec = read_digits(p + 1, 2)) < 0 || sec > 60)
			return false;
		p += 3;
		if (*p == '.') {
			if (!is_digit(*++p))
				return false;
			while (is_digit(*p))
				p++;
		}
	}
	if (*p == 'Z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-') {
		h = read_digits(p + 1, 2);
		return h >= 0 && h <= 23 && p[3] == ':' &&
		    (mi = read_digits(p + 4, 2)) >= 0 && mi <= 59 && p[6] == '\0';
	}
	return *p == '\0';
}

double
pa_xpathfn_parse_date(const char *s)
{
	char buf[NUMBER_MAX + 1];
	size_t n;
	long days;

	if (s == NULL)
		return NAN;
	while (pa_xpath_is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && pa_xpath_is_space(s[n - 1]))
		n--;
	if (n < 10 || n > NUMBER_MAX)
		return NAN;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (n > 10 && (buf[10] != 'T' || !valid_time(buf + 11)))
		return NAN;
	buf[10] = '\0';
	if (!pa_date_parse(buf, &days))
		return NAN;
	return (double)days;
}

static const char *const tiers[] = { "minimal", "limited", "high", "prohibited", NULL };
static const char *const gpai_statuses[] = { "none", "gpai", "systemic", NULL };

static int
rank_in(const char *const *names, const char *s)
{
	int i;

	for (i = 0; s != NULL && names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int
pa_xpathfn_tier_rank(const char *tier)
{
	return rank_in(tiers, tier);
}

int
pa_xpathfn_gpai_rank(const char *gpai)
{
	return rank_in(gpai_statuses, gpai);
}

/* Dossier paths compare without "./" in front and "/" at the end. */
static void
path_trim(const char **p, size_t *len)
{
	while (*len >= 2 && (*p)[0] == '.' && (*p)[1] == '/') {
		*p += 2;
		*len -= 2;
		while (*len > 0 && **p == '/') {
			(*p)++;
			(*len)--;
		}
	}
	while (*len > 0 && (*p)[*len - 1] == '/')
		(*len)--;
}

/* ------------------------------------------------------------------ */
/* the environment                                                     */

void
pa_xpathfn_env_init(struct pa_xpathfn_env *env, const struct pa_rulepack *pack)
{
	memset(env, 0, sizeof(*env));
	env->pack = pack;
	pa_buf_init(&env->error);
	env->as_of_days = NAN;
}

void
pa_xpathfn_env_dispose(struct pa_xpathfn_env *env)
{
	pa_buf_dispose(&env->error);
}

int
pa_xpathfn_env_set_as_of(struct pa_xpathfn_env *env, const struct pa_date *as_of)
{
	if (as_of == NULL)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "no as-of date for the rules");
	memcpy(env->as_of, as_of->iso, sizeof(env->as_of));
	env->as_of_days = (double)as_of->days;
	return 0;
}

static struct pa_xpathfn_env *
env_of(xmlXPathParserContextPtr ctxt)
{
	return ctxt->context->userData;
}

/* Raise an evaluation error with our own message. */
static void PA_PRINTF(2, 3)
fn_fail(xmlXPathParserContextPtr ctxt, const char *fmt, ...)
{
	struct pa_xpathfn_env *env = env_of(ctxt);
	va_list ap;

	if (env != NULL && env->error.size == 0) {
		va_start(ap, fmt);
		pa_buf_vprintf(&env->error, fmt, ap);
		va_end(ap);
	}
	xmlXPathErr(ctxt, XPATH_EXPR_ERROR);
}

/*
 * libxml2 passes its XPath errors to a context's own error callback
 * without a message text (only the code), so the texts live here.
 */
static const char *const xpath_messages[] = {
	[XPATH_EXPRESSION_OK] = "no error",
	[XPATH_NUMBER_ERROR] = "malformed number",
	[XPATH_UNFINISHED_LITERAL_ERROR] = "unfinished string literal",
	[XPATH_START_LITERAL_ERROR] = "string literal expected",
	[XPATH_VARIABLE_REF_ERROR] = "variable reference expected",
	[XPATH_UNDEF_VARIABLE_ERROR] = "undefined variable",
	[XPATH_INVALID_PREDICATE_ERROR] = "invalid predicate",
	[XPATH_EXPR_ERROR] = "invalid expression",
	[XPATH_UNCLOSED_ERROR] = "missing closing bracket",
	[XPATH_UNKNOWN_FUNC_ERROR] = "unknown function",
	[XPATH_INVALID_OPERAND] = "invalid operand",
	[XPATH_INVALID_TYPE] = "wrong type (for example a string where a node-set is needed)",
	[XPATH_INVALID_ARITY] = "wrong number of arguments",
	[XPATH_INVALID_CTXT_SIZE] = "invalid context size",
	[XPATH_INVALID_CTXT_POSITION] = "invalid context position",
	[XPATH_MEMORY_ERROR] = "out of memory",
	[XPTR_SYNTAX_ERROR] = "syntax error",
	[XPTR_RESOURCE_ERROR] = "resource error",
	[XPTR_SUB_RESOURCE_ERROR] = "sub-resource error",
	[XPATH_UNDEF_PREFIX_ERROR] = "undefined namespace prefix",
	[XPATH_ENCODING_ERROR] = "encoding error",
	[XPATH_INVALID_CHAR_ERROR] = "invalid character",
	[XPATH_INVALID_CTXT] = "invalid context",
	[XPATH_STACK_ERROR] = "stack usage error",
	[XPATH_FORBID_VARIABLE_ERROR] = "variables are not allowed",
	[XPATH_OP_LIMIT_EXCEEDED] = "evaluation limit exceeded (too many steps)",
	[XPATH_RECURSION_LIMIT_EXCEEDED] = "recursion limit exceeded",
};

/* libxml2's own errors land here (the context's error callback). */
static void
on_xpath_error(void *data, xmlErrorPtr err)
{
	struct pa_xpathfn_env *env = data;
	int code;
	size_t n;

	if (env == NULL || env->error.size > 0 || err == NULL)
		return;
	code = err->code - XML_XPATH_EXPRESSION_OK;
	if (err->message != NULL)
		pa_buf_puts(&env->error, err->message);
	else if (code >= 0 && (size_t)code < sizeof(xpath_messages) / sizeof(xpath_messages[0]) &&
	    xpath_messages[code] != NULL)
		pa_buf_puts(&env->error, xpath_messages[code]);
	else
		pa_buf_printf(&env->error, "XPath error %d", err->code);
	n = env->error.size;
	while (n > 0 && (env->error.ptr[n - 1] == '\n' || env->error.ptr[n - 1] == ' '))
		n--;
	pa_buf_truncate(&env->error, n);
	if (err->str1 != NULL && err->int1 > 0)
		pa_buf_printf(&env->error, " at character %d", err->int1 + 1);
}

/* ------------------------------------------------------------------ */
/* argument helpers                                                    */

/* Pop a string argument (any type converted the XPath way); NULL on error. */
static xmlChar *
pop_string(xmlXPathParserContextPtr ctxt)
{
	xmlChar *s = xmlXPathPopString(ctxt);

	if (ctxt->error != XPATH_EXPRESSION_OK) {
		xmlFree(s);
		return NULL;
	}
	if (s == NULL)
		xmlXPathErr(ctxt, XPATH_MEMORY_ERROR);
	return s;
}

/* Pop a number the pa:number() way: numbers as they are, anything else parsed. */
static bool
pop_number(xmlXPathParserContextPtr ctxt, double *out)
{
	xmlXPathObjectPtr obj = valuePop(ctxt);
	xmlChar *s;

	if (obj == NULL) {
		xmlXPathErr(ctxt, XPATH_INVALID_OPERAND);
		return false;
	}
	if (obj->type == XPATH_NUMBER) {
		*out = obj->floatval;
	} else {
		if ((s = xmlXPathCastToString(obj)) == NULL) {
			xmlXPathFreeObject(obj);
			xmlXPathErr(ctxt, XPATH_MEMORY_ERROR);
			return false;
		}
		*out = pa_xpathfn_parse_number((const char *)s);
		xmlFree(s);
	}
	xmlXPathFreeObject(obj);
	return true;
}

static void
push_number(xmlXPathParserContextPtr ctxt, double v)
{
	valuePush(ctxt, xmlXPathNewFloat(v));
}

static void
push_bool(xmlXPathParserContextPtr ctxt, bool v)
{
	valuePush(ctxt, xmlXPathNewBoolean(v));
}

static void
push_string(xmlXPathParserContextPtr ctxt, const char *s)
{
	valuePush(ctxt, xmlXPathNewString(BAD_CAST(s ? s : "")));
}

static bool
is_ev(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PA_EVIDENCE_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* ------------------------------------------------------------------ */
/* the functions                                                       */

/* pa:number(s) -> number */
static void
fn_number(xmlXPathParserContextPtr ctxt, int nargs)
{
	double v;

	CHECK_ARITY(1);
	if (pop_number(ctxt, &v))
		push_number(ctxt, v);
}

/* pa:flop(N, D) -> 6 * N * D */
static void
fn_flop(xmlXPathParserContextPtr ctxt, int nargs)
{
	double n, d;

	CHECK_ARITY(2);
	if (!pop_number(ctxt, &d) || !pop_number(ctxt, &n))
		return;
	push_number(ctxt, (n < 0 || d < 0) ? NAN : 6.0 * n * d);
}

/* pa:date(s) -> days since 1970-01-01 */
static void
fn_date(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s;

	CHECK_ARITY(1);
	if ((s = pop_string(ctxt)) == NULL)
		return;
	push_number(ctxt, pa_xpathfn_parse_date((const char *)s));
	xmlFree(s);
}

/* pa:as-of() -> 'YYYY-MM-DD' */
static void
fn_as_of(xmlXPathParserContextPtr ctxt, int nargs)
{
	CHECK_ARITY(0);
	push_string(ctxt, env_of(ctxt) ? env_of(ctxt)->as_of : "");
}

/* pa:applies(from) -> from <= as-of */
static void
fn_applies(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct pa_xpathfn_env *env = env_of(ctxt);
	xmlChar *s;
	double d;

	CHECK_ARITY(1);
	if ((s = pop_string(ctxt)) == NULL)
		return;
	d = pa_xpathfn_parse_date((const char *)s);
	xmlFree(s);
	push_bool(ctxt, env != NULL && !isnan(d) && !isnan(env->as_of_days) &&
	    d <= env->as_of_days);
}

/* The vocabulary must exist; false (error raised) if not. */
static bool
check_vocab(xmlXPathParserContextPtr ctxt, const char *vocab)
{
	struct pa_xpathfn_env *env = env_of(ctxt);

	if (env == NULL || env->pack == NULL ||
	    !pa_rulepack_has_vocab(env->pack, vocab)) {
		fn_fail(ctxt, "unknown vocabulary '%s'", vocab);
		return false;
	}
	return true;
}

/* pa:in-vocab(vocab, value) -> boolean */
static void
fn_in_vocab(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *vocab = NULL, *value = NULL;

	CHECK_ARITY(2);
	if ((value = pop_string(ctxt)) == NULL || (vocab = pop_string(ctxt)) == NULL)
		goto done;
	if (!check_vocab(ctxt, (const char *)vocab))
		goto done;
	push_bool(ctxt, pa_rulepack_term(env_of(ctxt)->pack, (const char *)vocab,
	    (const char *)value) != NULL);
done:
	xmlFree(vocab);
	xmlFree(value);
}

/* Whether word (lower case) is a whole word of label, alone or plural. */
static bool
label_has_word(const char *label, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = label; (p = strstr(p, word)) != NULL; p++) {
		bool start = p == label || !isalnum((unsigned char)p[-1]);
		char after = p[len];

		if (after == 's')
			after = p[len + 1];
		if (start && !isalnum((unsigned char)after))
			return true;
	}
	return false;
}

/*
 * pa:suggest(vocab, value) -> string: the term a value not in the
 * vocabulary was probably meant to be ('' when none): the id it looks like
 * a typo of, else the first term whose label names it as a word ("chatbot"
 * for art50-1, "for example a chatbot or voice assistant").
 */
static void
fn_suggest(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *vocab = NULL, *value = NULL;
	const struct pa_rulepack *pack;
	const xmlNode *term;
	const char *ids[512], *near = NULL, *label;
	char word[64], lower[512];
	size_t i, n = 0, k, wlen;

	CHECK_ARITY(2);
	if ((value = pop_string(ctxt)) == NULL || (vocab = pop_string(ctxt)) == NULL)
		goto done;
	if (!check_vocab(ctxt, (const char *)vocab))
		goto done;
	pack = env_of(ctxt)->pack;
	for (wlen = 0; value[wlen] != '\0' && wlen + 1 < sizeof(word); wlen++)
		word[wlen] = (char)tolower(value[wlen]);
	word[wlen] = '\0';
	if (value[wlen] != '\0' || wlen == 0) {	/* too long to be a typo */
		push_string(ctxt, "");
		goto done;
	}
	while (n < sizeof(ids) / sizeof(ids[0]) &&
	    (term = pa_rulepack_term_at(pack, (const char *)vocab, n)) != NULL)
		ids[n++] = pa_xml_attr(term, "id");
	near = pa_text_closest(word, ids, n);
	for (i = 0; near == NULL && wlen >= 4 && i < n; i++) {
		term = pa_rulepack_term_at(pack, (const char *)vocab, i);
		if ((label = pa_xml_attr(term, "label")) == NULL)
			continue;
		snprintf(lower, sizeof(lower), "%s", label);
		for (k = 0; lower[k] != '\0'; k++)
			lower[k] = (char)tolower((unsigned char)lower[k]);
		if (label_has_word(lower, word))
			near = ids[i];
	}
	push_string(ctxt, near ? near : "");
done:
	xmlFree(vocab);
	xmlFree(value);
}

/* pa:vocab(vocab, id, attr) -> string ('' when absent) */
static void
fn_vocab(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *vocab = NULL, *id = NULL, *attr = NULL;
	const xmlNode *term;

	CHECK_ARITY(3);
	if ((attr = pop_string(ctxt)) == NULL || (id = pop_string(ctxt)) == NULL ||
	    (vocab = pop_string(ctxt)) == NULL)
		goto done;
	if (!check_vocab(ctxt, (const char *)vocab))
		goto done;
	term = pa_rulepack_term(env_of(ctxt)->pack, (const char *)vocab, (const char *)id);
	push_string(ctxt, pa_xml_attr(term, (const char *)attr));
done:
	xmlFree(vocab);
	xmlFree(id);
	xmlFree(attr);
}

/* pa:peak(accelerator or machine, precision) -> FLOP/s, NaN when unknown */
static void
fn_peak(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct pa_xpathfn_env *env = env_of(ctxt);
	xmlChar *acc = NULL, *prec = NULL;
	const xmlNode *node = NULL;
	const char *v;
	size_t i;

	CHECK_ARITY(2);
	if ((prec = pop_string(ctxt)) == NULL || (acc = pop_string(ctxt)) == NULL)
		goto done;
	for (i = 0; prec[i] != '\0'; i++)
		prec[i] = (xmlChar)ascii_lower(prec[i]);
	if (env != NULL && env->pack != NULL) {
		node = pa_rulepack_accelerator(env->pack, (const char *)acc);
		if (node == NULL &&	/* a machine id: its accelerator */
		    (v = pa_xml_attr(pa_rulepack_machine(env->pack, (const char *)acc),
		    "accelerator")) != NULL)
			node = pa_rulepack_accelerator(env->pack, v);
	}
	v = (prec[0] != '\0' && strcmp((const char *)prec, "id") != 0) ?
	    pa_xml_attr(node, (const char *)prec) : NULL;
	push_number(ctxt, v ? pa_xpathfn_parse_number(v) : NAN);
done:
	xmlFree(acc);
	xmlFree(prec);
}

/* pa:machine(id, attr) -> string ('' when absent) */
static void
fn_machine(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct pa_xpathfn_env *env = env_of(ctxt);
	xmlChar *id = NULL, *attr = NULL;
	const xmlNode *node = NULL;

	CHECK_ARITY(2);
	if ((attr = pop_string(ctxt)) == NULL || (id = pop_string(ctxt)) == NULL)
		goto done;
	if (env != NULL && env->pack != NULL)
		node = pa_rulepack_machine(env->pack, (const char *)id);
	push_string(ctxt, pa_xml_attr(node, (const char *)attr));
done:
	xmlFree(id);
	xmlFree(attr);
}

/* The evidence's <files> element, or NULL. */
static const xmlNode *
files_of(const struct pa_xpathfn_env *env)
{
	const xmlNode *n;

	for (n = env && env->root ? env->root->children : NULL; n != NULL; n = n->next)
		if (is_ev(n, "files"))
			return n;
	return NULL;
}

/* pa:file-exists(path) -> a listed file, or a folder holding one */
static void
fn_file_exists(xmlXPathParserContextPtr ctxt, int nargs)
{
	const xmlNode *files, *n;
	const char *want, *have;
	size_t wlen, hlen;
	xmlChar *s;
	bool found = false;

	CHECK_ARITY(1);
	if ((s = pop_string(ctxt)) == NULL)
		return;
	want = (const char *)s;
	wlen = strlen(want);
	path_trim(&want, &wlen);
	files = files_of(env_of(ctxt));
	for (n = files && wlen ? files->children : NULL; n != NULL && !found; n = n->next) {
		if (!is_ev(n, "file") || (have = pa_xml_attr(n, "path")) == NULL)
			continue;
		hlen = strlen(have);
		path_trim(&have, &hlen);
		found = hlen >= wlen && memcmp(have, want, wlen) == 0 &&
		    (hlen == wlen || have[wlen] == '/');
	}
	xmlFree(s);
	push_bool(ctxt, found);
}

/* pa:card(path) -> the e:model, e:dataset or e:doc read from path (or from path/README.md) */
static void
fn_card(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct pa_xpathfn_env *env = env_of(ctxt);
	xmlNodeSetPtr set;
	xmlNode *n;
	const char *want, *have;
	size_t wlen, hlen;
	xmlChar *s;

	CHECK_ARITY(1);
	if ((s = pop_string(ctxt)) == NULL)
		return;
	if ((set = xmlXPathNodeSetCreate(NULL)) == NULL) {
		xmlFree(s);
		xmlXPathErr(ctxt, XPATH_MEMORY_ERROR);
		return;
	}
	want = (const char *)s;
	wlen = strlen(want);
	path_trim(&want, &wlen);
	for (n = env && env->root && wlen ? env->root->children : NULL; n != NULL; n = n->next) {
		if (!is_ev(n, "model") && !is_ev(n, "dataset") && !is_ev(n, "doc"))
			continue;
		if ((have = pa_xml_attr(n, "src")) == NULL)
			continue;
		hlen = strlen(have);
		path_trim(&have, &hlen);
		if ((hlen == wlen && memcmp(have, want, wlen) == 0) ||
		    (hlen == wlen + 10 && memcmp(have, want, wlen) == 0 &&
		    memcmp(have + wlen, "/README.md", 10) == 0)) {
			if (xmlXPathNodeSetAdd(set, n) < 0) {
				xmlXPathFreeNodeSet(set);
				xmlFree(s);
				xmlXPathErr(ctxt, XPATH_MEMORY_ERROR);
				return;
			}
		}
	}
	xmlFree(s);
	valuePush(ctxt, xmlXPathWrapNodeSet(set));
}

/* pa:current() -> the rule's context node */
static void
fn_current(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct pa_xpathfn_env *env = env_of(ctxt);

	CHECK_ARITY(0);
	valuePush(ctxt, xmlXPathNewNodeSet(env ? env->current : NULL));
}

/* pa:lower(s) -> s with ASCII letters lowercased */
static void
fn_lower(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s;
	size_t i;

	CHECK_ARITY(1);
	if ((s = pop_string(ctxt)) == NULL)
		return;
	for (i = 0; s[i] != '\0'; i++)
		s[i] = (xmlChar)ascii_lower(s[i]);
	valuePush(ctxt, xmlXPathWrapString(s));
}

/* pa:ends-with(s, suffix) -> boolean */
static void
fn_ends_with(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s = NULL, *suffix = NULL;
	size_t n, m;

	CHECK_ARITY(2);
	if ((suffix = pop_string(ctxt)) == NULL || (s = pop_string(ctxt)) == NULL)
		goto done;
	n = strlen((const char *)s);
	m = strlen((const char *)suffix);
	push_bool(ctxt, m <= n && memcmp(s + n - m, suffix, m) == 0);
done:
	xmlFree(s);
	xmlFree(suffix);
}

/* pa:matches(s, regex) -> POSIX extended regex, case-insensitive */
static void
fn_matches(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s = NULL, *re = NULL;
	regex_t rx;
	char err[128];
	int rc;

	CHECK_ARITY(2);
	if ((re = pop_string(ctxt)) == NULL || (s = pop_string(ctxt)) == NULL)
		goto done;
	if (strlen((const char *)re) > REGEX_MAX) {
		fn_fail(ctxt, "pa:matches(): regular expression longer than %d bytes",
		    REGEX_MAX);
		goto done;
	}
	if ((rc = regcomp(&rx, (const char *)re, REG_EXTENDED | REG_ICASE | REG_NOSUB)) != 0) {
		regerror(rc, NULL, err, sizeof(err));
		fn_fail(ctxt, "pa:matches(): invalid regular expression '%s': %s",
		    (const char *)re, err);
		goto done;
	}
	rc = regexec(&rx, (const char *)s, 0, NULL, 0);
	regfree(&rx);
	push_bool(ctxt, rc == 0);
done:
	xmlFree(s);
	xmlFree(re);
}

static void
rank_fn(xmlXPathParserContextPtr ctxt, int nargs, int (*rank)(const char *))
{
	xmlChar *s;
	int r;

	CHECK_ARITY(1);
	if ((s = pop_string(ctxt)) == NULL)
		return;
	r = rank((const char *)s);
	xmlFree(s);
	push_number(ctxt, r < 0 ? NAN : (double)r);
}

/* pa:tier-rank(t) -> minimal 0, limited 1, high 2, prohibited 3, else NaN */
static void
fn_tier_rank(xmlXPathParserContextPtr ctxt, int nargs)
{
	rank_fn(ctxt, nargs, pa_xpathfn_tier_rank);
}

/* pa:gpai-rank(g) -> none 0, gpai 1, systemic 2, else NaN */
static void
fn_gpai_rank(xmlXPathParserContextPtr ctxt, int nargs)
{
	rank_fn(ctxt, nargs, pa_xpathfn_gpai_rank);
}

/* pa:sum(node-set) -> the sum of pa:number() of each node (NaN if any is NaN) */
static void
fn_sum(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlXPathObjectPtr obj;
	xmlChar *s;
	double total = 0;
	int i;

	CHECK_ARITY(1);
	if ((obj = valuePop(ctxt)) == NULL) {
		xmlXPathErr(ctxt, XPATH_INVALID_OPERAND);
		return;
	}
	if (obj->type != XPATH_NODESET) {
		xmlXPathFreeObject(obj);
		fn_fail(ctxt, "pa:sum() takes a node-set");
		return;
	}
	for (i = 0; obj->nodesetval != NULL && i < obj->nodesetval->nodeNr; i++) {
		if ((s = xmlXPathCastNodeToString(obj->nodesetval->nodeTab[i])) == NULL) {
			xmlXPathFreeObject(obj);
			xmlXPathErr(ctxt, XPATH_MEMORY_ERROR);
			return;
		}
		total += pa_xpathfn_parse_number((const char *)s);
		xmlFree(s);
	}
	xmlXPathFreeObject(obj);
	push_number(ctxt, total);
}

const struct pa_xpathfn_info pa_xpathfn_table[] = {
	{ "number", 1, 1, "pa:number(s) -> number", fn_number },
	{ "flop", 2, 2, "pa:flop(N, D) -> number", fn_flop },
	{ "date", 1, 1, "pa:date(s) -> number", fn_date },
	{ "as-of", 0, 0, "pa:as-of() -> string", fn_as_of },
	{ "applies", 1, 1, "pa:applies(from) -> boolean", fn_applies },
	{ "in-vocab", 2, 2, "pa:in-vocab(vocab, value) -> boolean", fn_in_vocab },
	{ "vocab", 3, 3, "pa:vocab(vocab, id, attr) -> string", fn_vocab },
	{ "suggest", 2, 2, "pa:suggest(vocab, value) -> string", fn_suggest },
	{ "peak", 2, 2, "pa:peak(accelerator-or-machine, precision) -> number", fn_peak },
	{ "machine", 2, 2, "pa:machine(id, attr) -> string", fn_machine },
	{ "file-exists", 1, 1, "pa:file-exists(path) -> boolean", fn_file_exists },
	{ "card", 1, 1, "pa:card(path) -> node-set", fn_card },
	{ "current", 0, 0, "pa:current() -> node-set", fn_current },
	{ "lower", 1, 1, "pa:lower(s) -> string", fn_lower },
	{ "ends-with", 2, 2, "pa:ends-with(s, suffix) -> boolean", fn_ends_with },
	{ "matches", 2, 2, "pa:matches(s, regex) -> boolean", fn_matches },
	{ "tier-rank", 1, 1, "pa:tier-rank(tier) -> number", fn_tier_rank },
	{ "gpai-rank", 1, 1, "pa:gpai-rank(status) -> number", fn_gpai_rank },
	{ "sum", 1, 1, "pa:sum(node-set) -> number", fn_sum },
	{ 0 }
};

int
pa_xpathfn_register(xmlXPathContext *ctxt, struct pa_xpathfn_env *env)
{
	const struct pa_xpathfn_info *f;

	if (xmlXPathRegisterNs(ctxt, BAD_CAST "e", BAD_CAST PA_EVIDENCE_NS) != 0 ||
	    xmlXPathRegisterNs(ctxt, BAD_CAST "pa", BAD_CAST PA_XPATHFN_NS) != 0)
		return pa_error_oom();
	for (f = pa_xpathfn_table; f->name != NULL; f++)
		if (xmlXPathRegisterFuncNS(ctxt, BAD_CAST f->name,
		    BAD_CAST PA_XPATHFN_NS, f->fn) != 0)
			return pa_error_oom();
	ctxt->userData = env;
	ctxt->error = on_xpath_error;
	return 0;
}
