/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The static checks of rule XPath (xpathfn.h): prefixes, functions and their
 * arguments, vocabularies named by literals, and names the evidence schema
 * has.  A scanner over the expression text; libxml2 compiles it elsewhere.
 */
#include "config.h"

#include "rules/xpathfn.h"

#include <string.h>

#include "rules/pack.h"

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')

/* ------------------------------------------------------------------ */
/* static checks                                                       */

static const struct {
	const char *name;
	int min_args, max_args;
} core_functions[] = {
	{ "last", 0, 0 }, { "position", 0, 0 }, { "count", 1, 1 }, { "id", 1, 1 },
	{ "local-name", 0, 1 }, { "namespace-uri", 0, 1 }, { "name", 0, 1 },
	{ "string", 0, 1 }, { "concat", 2, -1 }, { "starts-with", 2, 2 },
	{ "contains", 2, 2 }, { "substring-before", 2, 2 },
	{ "substring-after", 2, 2 }, { "substring", 2, 3 },
	{ "string-length", 0, 1 }, { "normalize-space", 0, 1 },
	{ "translate", 3, 3 }, { "boolean", 1, 1 }, { "not", 1, 1 },
	{ "true", 0, 0 }, { "false", 0, 0 }, { "lang", 1, 1 },
	{ "number", 0, 1 }, { "sum", 1, 1 }, { "floor", 1, 1 },
	{ "ceiling", 1, 1 }, { "round", 1, 1 },
};

bool
pa_xpath_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool
pa_xpath_name_start(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	    (unsigned char)c >= 0x80;
}

bool
pa_xpath_name_char(int c)
{
	return pa_xpath_name_start(c) || IS_DIGIT(c) || c == '-' || c == '.';
}

/* Skip a string literal starting at p (a quote); NULL if unterminated. */
static const char *
skip_literal(const char *p)
{
	const char *e = strchr(p + 1, *p);

	return e ? e + 1 : NULL;
}

/*
 * Arguments of the call whose '(' is at p: their count, and the first
 * argument when it is nothing but a string literal (*lit, *litlen).
 */
static int
count_args(const char *p, const char **lit, size_t *litlen)
{
	const char *q = p + 1, *first_end = NULL, *s;
	int depth = 1, commas = 0;
	bool content = false;

	*lit = NULL;
	*litlen = 0;
	while (*q != '\0' && depth > 0) {
		if (*q == '\'' || *q == '"') {
			if ((s = skip_literal(q)) == NULL)
				return -1;
			content = true;
			q = s;
			continue;
		}
		if (*q == '(' || *q == '[')
			depth++;
		else if (*q == ')' || *q == ']')
			depth--;
		else if (*q == ',' && depth == 1) {
			commas++;
			if (first_end == NULL)
				first_end = q;
		} else if (!pa_xpath_is_space(*q) && depth >= 1)
			content = true;
		if (depth > 0)
			q++;
	}
	if (depth != 0)
		return -1;
	if (first_end == NULL)
		first_end = q;
	/* first argument alone a literal? */
	for (s = p + 1; pa_xpath_is_space(*s); s++)
		;
	if ((*s == '\'' || *s == '"') && (q = skip_literal(s)) != NULL) {
		const char *t = q;

		while (pa_xpath_is_space(*t))
			t++;
		if (t == first_end) {
			*lit = s + 1;
			*litlen = (size_t)(q - s - 2);
		}
	}
	return content ? commas + 1 : 0;
}

static bool
check_call(struct pa_buf *msg, const char *prefix, size_t plen, const char *name,
    size_t nlen, const char *paren, const struct pa_rulepack *pack)
{
	const char *lit;
	size_t litlen, i;
	int nargs = count_args(paren, &lit, &litlen), min = -1, max = -1;
	const char *label = plen ? "pa:" : "";

	if (nargs < 0)
		return true;	/* unbalanced: the compiler says so */
	if (plen == 0) {
		for (i = 0; i < sizeof(core_functions) / sizeof(core_functions[0]); i++) {
			if (strlen(core_functions[i].name) == nlen &&
			    memcmp(core_functions[i].name, name, nlen) == 0) {
				min = core_functions[i].min_args;
				max = core_functions[i].max_args;
			}
		}
		if (min < 0) {
			pa_buf_printf(msg, "unknown function %.*s()", (int)nlen, name);
			return false;
		}
	} else if (plen == 2 && memcmp(prefix, "pa", 2) == 0) {
		const struct pa_xpathfn_info *f;

		for (f = pa_xpathfn_table; f->name != NULL; f++) {
			if (strlen(f->name) == nlen && memcmp(f->name, name, nlen) == 0) {
				min = f->min_args;
				max = f->max_args;
			}
		}
		if (min < 0) {
			pa_buf_printf(msg, "unknown extension function pa:%.*s() "
			    "(see pactaudit-rules(5))", (int)nlen, name);
			return false;
		}
		if (lit != NULL && pack != NULL &&
		    ((nlen == 8 && memcmp(name, "in-vocab", 8) == 0) ||
		    (nlen == 7 && memcmp(name, "suggest", 7) == 0) ||
		    (nlen == 5 && memcmp(name, "vocab", 5) == 0))) {
			char vocab[128];

			if (litlen < sizeof(vocab)) {
				memcpy(vocab, lit, litlen);
				vocab[litlen] = '\0';
				if (!pa_rulepack_has_vocab(pack, vocab)) {
					pa_buf_printf(msg, "pa:%.*s(): unknown vocabulary '%s'",
					    (int)nlen, name, vocab);
					return false;
				}
			}
		}
	} else {
		pa_buf_printf(msg, "unknown function %.*s:%.*s()", (int)plen, prefix,
		    (int)nlen, name);
		return false;
	}
	if (nargs < min || (max >= 0 && nargs > max)) {
		if (min == max)
			pa_buf_printf(msg, "%s%.*s() takes %d argument%s, not %d", label,
			    (int)nlen, name, min, min == 1 ? "" : "s", nargs);
		else if (max < 0)
			pa_buf_printf(msg, "%s%.*s() takes at least %d arguments, not %d",
			    label, (int)nlen, name, min, nargs);
		else
			pa_buf_printf(msg, "%s%.*s() takes %d to %d arguments, not %d",
			    label, (int)nlen, name, min, max, nargs);
		return false;
	}
	return true;
}

static bool
node_type_name(const char *name, size_t n)
{
	static const char *const types[] = { "node", "text", "comment",
		"processing-instruction", NULL };
	size_t i;

	for (i = 0; types[i] != NULL; i++)
		if (strlen(types[i]) == n && memcmp(types[i], name, n) == 0)
			return true;
	return false;
}

/*
 * A name test: e:NAME must be an element of the evidence schema, @NAME (or
 * attribute::NAME) one of its attributes; an element name without a
 * prefix never matches evidence.
 */
static bool
check_name(struct pa_buf *msg, const char *prefix, size_t plen, const char *name,
    size_t nlen, bool attribute, const struct pa_schema_names *names)
{
	if (names == NULL || nlen == 0)
		return true;	/* no schema, or a wildcard */
	if (attribute) {
		if (plen == 0 && pa_schema_has_attribute(names, name, nlen))
			return true;
		pa_buf_printf(msg, "@%.*s%s%.*s: the evidence has no such attribute "
		    "(rules/schema/%s)", (int)plen, prefix ? prefix : "", plen ? ":" : "",
		    (int)nlen, name, PA_EVIDENCE_SCHEMA);
		return false;
	}
	if (plen == 1 && *prefix == 'e' && pa_schema_has_element(names, name, nlen))
		return true;
	if (plen == 0)
		pa_buf_printf(msg, "%.*s: an element name needs the prefix e: to match the "
		    "evidence", (int)nlen, name);
	else
		pa_buf_printf(msg, "%.*s:%.*s: the evidence has no such element (rules/schema/%s)",
		    (int)plen, prefix, (int)nlen, name, PA_EVIDENCE_SCHEMA);
	return false;
}

static bool
scan(struct pa_buf *msg, const char *expr, const struct pa_rulepack *pack,
    const struct pa_schema_names *names)
{
	const char *p = expr, *q, *name, *prefix;
	size_t nlen, plen;
	bool operand = false;	/* the previous token ends an operand */
	bool attribute = false;	/* the next name test is on the attribute axis */

	while (*p != '\0') {
		if (pa_xpath_is_space(*p)) {
			p++;
		} else if (*p == '\'' || *p == '"') {
			if ((q = skip_literal(p)) == NULL)
				return true;	/* the compiler reports it */
			p = q;
			operand = true;
		} else if (IS_DIGIT(*p) || (*p == '.' && IS_DIGIT(p[1]))) {
			while (IS_DIGIT(*p) || *p == '.')
				p++;
			operand = true;
		} else if (*p == '.') {
			p += p[1] == '.' ? 2 : 1;
			operand = true;
		} else if (*p == '$') {
			pa_buf_printf(msg, "variables are not available in rules ($...)");
			return false;
		} else if (*p == ')' || *p == ']') {
			p++;
			operand = true;
		} else if (*p == ':' && p[1] == ':') {
			p += 2;
			operand = false;
		} else if (*p == '*') {
			p++;
			operand = !operand;	/* multiply after an operand, else a name test */
			attribute = false;
		} else if (pa_xpath_name_start(*p)) {
			name = p;
			while (pa_xpath_name_char(*p))
				p++;
			nlen = (size_t)(p - name);
			if (operand) {	/* and, or, div, mod */
				operand = false;
				continue;
			}
			prefix = NULL;
			plen = 0;
			if (p[0] == ':' && p[1] != ':') {
				prefix = name;
				plen = nlen;
				p++;
				if (*p == '*') {
					p++;
					name = p;
					nlen = 0;
				} else {
					name = p;
					while (pa_xpath_name_char(*p))
						p++;
					nlen = (size_t)(p - name);
				}
			}
			for (q = p; pa_xpath_is_space(*q); q++)
				;
			if (*q == '(' && !(plen == 0 && node_type_name(name, nlen))) {
				if (!check_call(msg, prefix, plen, name, nlen, q, pack))
					return false;
				operand = false;
				p = q + 1;
				continue;
			}
			if (plen > 0 && !((plen == 1 && *prefix == 'e') ||
			    (plen == 2 && memcmp(prefix, "pa", 2) == 0))) {
				pa_buf_printf(msg, "undefined namespace prefix '%.*s' "
				    "(rules may use e: and pa:)", (int)plen, prefix);
				return false;
			}
			if (q[0] == ':' && q[1] == ':') {	/* an axis */
				attribute = plen == 0 && nlen == 9 &&
				    memcmp(name, "attribute", 9) == 0;
			} else if (*q != '(') {
				if (!check_name(msg, prefix, plen, name, nlen, attribute, names))
					return false;
				attribute = false;
			}
			operand = !(q[0] == ':' && q[1] == ':') && *q != '(';
		} else {
			if (*p == '@')
				attribute = true;
			p++;	/* ( [ , @ / | + - = ! < > */
			operand = false;
		}
	}
	return true;
}

bool
pa_xpathfn_check(struct pa_buf *msg, const char *expr, const struct pa_rulepack *pack)
{
	return scan(msg, expr, pack, NULL);
}

bool
pa_xpathfn_check_names(struct pa_buf *msg, const char *expr, const struct pa_rulepack *pack,
    const struct pa_schema_names *names)
{
	return scan(msg, expr, pack, names);
}
