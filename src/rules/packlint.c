/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Named expressions of a pack (<define>) and the checks across packs and vocabularies. */
#include "config.h"

#include "rules/packlint.h"

#include <libxml/tree.h>
#include <string.h>

#include "parse/xml.h"
#include "rules/pack.h"
#include "rules/xpathfn.h"
#include "util/error.h"

/* The end of the string literal that starts at p (a quote); NULL if unterminated. */
static const char *
literal_end(const char *p)
{
	const char *e = strchr(p + 1, *p);

	return e ? e + 1 : NULL;
}

/* ------------------------------------------------------------------ */
/* <define>                                                            */

int
pa_define_expand(struct pa_buf *out, const char *expr, struct pa_define *defs,
    size_t count, struct pa_buf *msg)
{
	const char *p = expr, *q, *name;
	size_t n, i;

	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			/* an unterminated literal is copied; the compiler reports it */
			q = literal_end(p);
			n = q ? (size_t)(q - p) : strlen(p);
			pa_buf_put(out, p, n);
			p += n;
			continue;
		}
		if (*p != '$') {
			pa_buf_putc(out, *p++);
			continue;
		}
		name = ++p;
		while (pa_xpath_name_char(*p))
			p++;
		n = (size_t)(p - name);
		for (i = 0; i < count; i++)
			if (strlen(defs[i].name) == n && memcmp(defs[i].name, name, n) == 0)
				break;
		if (n == 0 || !pa_xpath_name_start(*name) || i == count) {
			pa_buf_printf(msg, "$%.*s: no <define name=\"%.*s\"> before it in "
			    "this pack", (int)n, name, (int)n, name);
			return -1;
		}
		defs[i].used = true;
		pa_buf_printf(out, "(%s)", defs[i].expr);
	}
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

/* ------------------------------------------------------------------ */
/* string literals of an expression                                    */

#define MAX_DEPTH 64

/* One literal and where it stands. */
struct literal {
	const char *text;	/* without quotes, not terminated */
	size_t len;
	const char *call;	/* the innermost call it is inside ("" if none) */
	size_t call_len;
	bool kind;		/* @kind = '...' */
};

typedef void (*literal_fn)(const struct literal *lit, void *arg);

/* Call fn for each string literal of expr. */
static void
each_literal(const char *expr, literal_fn fn, void *arg)
{
	const char *stack[MAX_DEPTH], *name = NULL, *p = expr, *q, *r;
	size_t stack_len[MAX_DEPTH], name_len = 0;
	int depth = 0;
	bool after_kind = false;	/* @kind = seen */
	struct literal lit;

	while (*p != '\0') {
		if (pa_xpath_is_space(*p)) {
			p++;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			if ((q = literal_end(p)) == NULL)
				return;
			lit.text = p + 1;
			lit.len = (size_t)(q - p - 2);
			lit.call = depth > 0 ? stack[depth - 1] : "";
			lit.call_len = depth > 0 ? stack_len[depth - 1] : 0;
			lit.kind = after_kind;
			fn(&lit, arg);
			after_kind = false;
			name = NULL;
			p = q;
			continue;
		}
		if (*p == '@' && strncmp(p + 1, "kind", 4) == 0 && !pa_xpath_name_char(p[5])) {
			for (q = p + 5; pa_xpath_is_space(*q); q++)
				;
			if (*q == '=') {
				after_kind = true;
				p = q + 1;
				continue;
			}
		}
		after_kind = false;
		if (pa_xpath_name_start(*p)) {
			for (q = p; pa_xpath_name_char(*q) || (*q == ':' && q[1] != ':' &&
			    pa_xpath_name_start(q[1])); q++)
				;
			name = p;
			name_len = (size_t)(q - p);
			p = q;
			continue;
		}
		if (*p == '(') {
			for (r = p - 1; r >= expr && pa_xpath_is_space(*r); r--)
				;
			if (depth < MAX_DEPTH) {
				bool call = name != NULL && r >= expr && r == name + name_len - 1;

				stack[depth] = call ? name : "";
				stack_len[depth] = call ? name_len : 0;
			}
			depth++;
		} else if (*p == ')') {
			if (depth > 0)
				depth--;
		}
		name = NULL;
		p++;
	}
}

/* ------------------------------------------------------------------ */
/* checks across packs and vocabularies                                */

struct lint {
	const struct pa_rulepack *pack;
	struct pa_diag *diag;
	const struct pa_rule *rule;
	const char *part;	/* "<assert>" ... */
	long line;
	bool use_cases, doc_kinds;	/* the vocabularies exist */
};

static bool
is_use_case_literal(const struct literal *l)
{
	static const char *const groups[] = { "art5-", "art50-", "annex1-", "annex3-" };
	size_t i, k, g;

	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		k = strlen(groups[g]);
		if (l->len <= k || strncmp(l->text, groups[g], k) != 0)
			continue;
		for (i = k; i < l->len; i++)
			if (!((l->text[i] >= 'a' && l->text[i] <= 'z') ||
			    (l->text[i] >= '0' && l->text[i] <= '9') || l->text[i] == '-'))
				return false;
		return true;
	}
	return false;
}

static bool
call_is(const struct literal *l, const char *name)
{
	return l->call_len == strlen(name) && memcmp(l->call, name, l->call_len) == 0;
}

static void
check_literal(const struct literal *l, void *arg)
{
	struct lint *ln = arg;
	char id[128];
	const char *vocab = NULL, *what = NULL;

	if (l->len == 0 || l->len >= sizeof(id))
		return;
	memcpy(id, l->text, l->len);
	id[l->len] = '\0';
	if (l->kind && ln->doc_kinds) {
		vocab = "doc-kinds";
		what = "documentation kind";
	} else if (ln->use_cases && is_use_case_literal(l) &&
	    !call_is(l, "starts-with") && !call_is(l, "contains")) {
		vocab = "use-cases";
		what = "use case";
	}
	if (vocab != NULL && pa_rulepack_term(ln->pack, vocab, id) == NULL)
		pa_diag_add(ln->diag, PA_DIAG_ERROR, "rules-invalid", ln->rule->file,
		    ln->line, NULL, "rule '%s': %s: %s '%s' is not in rules/vocab/%s.xml",
		    ln->rule->id, ln->part, what, id, vocab);
}

static long
part_line(const struct pa_rule *r, const char *name)
{
	const xmlNode *c;

	for (c = r->element ? r->element->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return pa_xml_line(c);
	return r->line;
}

static void
check_part(struct lint *ln, const char *part, const char *name, const char *expr)
{
	if (expr == NULL)
		return;
	ln->part = part;
	ln->line = part_line(ln->rule, name);
	each_literal(expr, check_literal, ln);
}

/* Check the literals of every XPath of rule r (value-of selects included). */
static void
rule_xpaths(struct lint *ln, const struct pa_rule *r)
{
	const xmlNode *c;
	xmlChar *sel;

	ln->rule = r;
	check_part(ln, "<context>", "context", r->context);
	check_part(ln, "<applicable>", "applicable", r->applicable);
	check_part(ln, r->fires_if ? "<fires-if>" : "<assert>",
	    r->fires_if ? "fires-if" : "assert", r->assertion);
	check_part(ln, "<location>", "location", r->location);
	for (c = r->message ? r->message->children : NULL; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "value-of") != 0)
			continue;
		if ((sel = xmlGetProp(c, BAD_CAST "select")) == NULL)
			continue;
		ln->part = "<value-of select>";
		ln->line = pa_xml_line(c);
		each_literal((const char *)sel, check_literal, ln);
		xmlFree(sel);
	}
}

/*
 * Does some classification rule's XPath hold needle, or the rule name the
 * use case?  With tier, only a rule that classifies to that tier counts.
 */
static bool
some_rule_has(const struct pa_rulepack *pack, const char *needle, const char *use_case,
    const char *tier)
{
	const struct pa_rule *r;
	size_t i;

	for (i = 0; (r = pa_rulepack_rule_at(pack, i)) != NULL; i++) {
		if (r->phase != PA_RULE_PHASE_CLASSIFY)
			continue;
		if (tier != NULL && (r->classify_value == NULL ||
		    strcmp(r->classify_value, tier) != 0))
			continue;
		if (use_case != NULL && r->use_case != NULL && strcmp(r->use_case, use_case) == 0)
			return true;
		if (needle == NULL)
			continue;
		if ((r->context && strstr(r->context, needle)) ||
		    (r->applicable && strstr(r->applicable, needle)) ||
		    (r->assertion && strstr(r->assertion, needle)))
			return true;
	}
	return false;
}

/* Every use case whose tier is above minimal is classified by some rule. */
static void
check_classified(const struct pa_rulepack *pack, struct pa_diag *diag)
{
	struct pa_buf needle = PA_BUF_INIT;
	const xmlNode *t;
	xmlChar *id, *tier, *annex3, *section;
	size_t i;
	bool found;

	for (i = 0; (t = pa_rulepack_term_at(pack, "use-cases", i)) != NULL; i++) {
		id = xmlGetProp(t, BAD_CAST "id");
		tier = xmlGetProp(t, BAD_CAST "tier");
		annex3 = xmlGetProp(t, BAD_CAST "annex3");
		section = xmlGetProp(t, BAD_CAST "section");
		if (id != NULL && tier != NULL && (xmlStrEqual(tier, BAD_CAST "prohibited") ||
		    xmlStrEqual(tier, BAD_CAST "high") || xmlStrEqual(tier, BAD_CAST "limited"))) {
			pa_buf_clear(&needle);
			if (section != NULL && strncmp((const char *)id, "annex1-", 7) == 0) {
				/* Annex I entries are classified by their section */
				pa_buf_printf(&needle, "'section') = '%s'", (const char *)section);
				found = some_rule_has(pack, needle.ptr, NULL, NULL);
			} else {
				pa_buf_printf(&needle, "'%s'", (const char *)id);
				found = some_rule_has(pack, needle.ptr, (const char *)id, NULL);
				if (!found && annex3 != NULL) {
					pa_buf_clear(&needle);
					pa_buf_printf(&needle, "'annex3') = '%s'", (const char *)annex3);
					found = some_rule_has(pack, needle.ptr, NULL, NULL);
				}
			}
			if (!found) {
				/* a rule that classifies every term of the tier */
				pa_buf_clear(&needle);
				pa_buf_printf(&needle, "'tier') = '%s'", (const char *)tier);
				found = some_rule_has(pack, needle.ptr, NULL, (const char *)tier);
			}
			if (!found && !pa_buf_oom(&needle))
				pa_diag_add(diag, PA_DIAG_ERROR, "rules-invalid",
				    t->doc && t->doc->URL ? (const char *)t->doc->URL : NULL,
				    pa_xml_line(t), NULL, "use case '%s' (tier %s) is "
				    "classified by no rule", (const char *)id, (const char *)tier);
		}
		xmlFree(id);
		xmlFree(tier);
		xmlFree(annex3);
		xmlFree(section);
	}
	pa_buf_dispose(&needle);
}

void
pa_packlint_run(const struct pa_rulepack *pack, struct pa_diag *diag)
{
	struct lint ln = { 0 };
	const struct pa_rule *r;
	size_t i;

	ln.pack = pack;
	ln.diag = diag;
	ln.use_cases = pa_rulepack_has_vocab(pack, "use-cases");
	ln.doc_kinds = pa_rulepack_has_vocab(pack, "doc-kinds");
	if (!ln.use_cases && !ln.doc_kinds)
		return;
	for (i = 0; (r = pa_rulepack_rule_at(pack, i)) != NULL; i++)
		rule_xpaths(&ln, r);
	if (ln.use_cases)
		check_classified(pack, diag);
}
