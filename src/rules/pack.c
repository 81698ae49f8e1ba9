/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loading and checking rule packs, vocabularies and the accelerator table.
 *
 * Why one file of ~1500 lines: the loader of every part (files, rules,
 * <define> expansion, vocabularies, accelerators) and the checks run after
 * everything is loaded all work on one private loader state and report
 * through the same problem(); split, that state and the pack's layout
 * would have to move into a header.  The seams, if it grows: the
 * "checks after everything is loaded" section, then <define> expansion.
 */
#include "config.h"

#include "rules/pack.h"

#include <dirent.h>
#include <errno.h>
#include <libxml/xpath.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse/xml.h"
#include "rules/packlint.h"
#include "rules/xpathfn.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/text.h"
#include "util/vec.h"

#define DEFAULT_ACT "2024/1689"
#define MAX_FILES 1000

struct pack_info {
	const char *id, *version, *file;
	long line;
	struct pa_define *defs;		/* the pack's <define>s, in order (owned) */
	size_t ndefs;
};

struct keyed {			/* an id and the node it names */
	const char *vocab;	/* terms only */
	const char *id;
	const xmlNode *node;
	const char *file;
	long line;
};

struct pa_rulepack {
	char *version;
	char digest[PA_DIGEST_HEXLEN + 1];
	struct pa_vec docs;		/* xmlDoc * (freed with xmlFreeDoc) */
	struct pa_vec owned;		/* malloc'd blocks and strings (freed with free) */
	struct pa_vec rules;		/* struct pa_rule *, load order (blocks in owned) */
	struct pa_vec packs;		/* struct pack_info * (in owned) */
	struct pa_vec vocabs;		/* struct keyed * (vocab ids; in owned) */
	struct pa_vec terms;		/* struct keyed * */
	struct pa_vec accelerators;	/* struct keyed * */
	struct pa_vec machines;		/* struct keyed * */
	struct pa_rule **by_id;		/* rules sorted by id */
	bool oom;
};

/* Everything a load needs while it runs. */
struct loader {
	struct pa_rulepack *pack;
	struct pa_diag *diag;
	size_t first_diag;		/* diag entries before this load */
	xmlXPathContext *xp;		/* for compile checks */
	struct pa_xpathfn_env env;
	struct pa_schema_names *names;	/* of the evidence schema: what rules may name */
};

/* ------------------------------------------------------------------ */
/* small helpers                                                       */

/* Keep s (malloc'd) until the pack is freed; returns s, or NULL on OOM (s freed). */
static void *
own(struct pa_rulepack *pack, void *s)
{
	if (s == NULL)
		return NULL;
	if (pa_vec_push(&pack->owned, s) < 0) {
		free(s);
		pack->oom = true;
		return NULL;
	}
	return s;
}

static void *
own_calloc(struct pa_rulepack *pack, size_t count, size_t size)
{
	void *p = pa_calloc(count ? count : 1, size);

	if (p == NULL) {
		pack->oom = true;
		return NULL;
	}
	return own(pack, p);
}

static const char *
own_str(struct pa_rulepack *pack, const char *s)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = pa_strdup(s)) == NULL) {
		pack->oom = true;
		return NULL;
	}
	return own(pack, p);
}

/* Text with runs of white space turned into one space, trimmed; owned by pack. */
static const char *
own_collapsed(struct pa_rulepack *pack, const char *s)
{
	struct pa_buf b = PA_BUF_INIT;
	bool space = false;

	if (s == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b.size > 0;
			continue;
		}
		if (space)
			pa_buf_putc(&b, ' ');
		space = false;
		pa_buf_putc(&b, *s);
	}
	if (pa_buf_oom(&b)) {
		pa_buf_dispose(&b);
		pack->oom = true;
		return NULL;
	}
	return own(pack, pa_buf_detach(&b));
}

static bool
is_rules_el(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PA_RULES_NS) == 0 &&
	    (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static const xmlNode *
child_el(const xmlNode *parent, const char *name)
{
	const xmlNode *c;

	for (c = parent->children; c != NULL; c = c->next)
		if (is_rules_el(c, name))
			return c;
	return NULL;
}

/* An attribute as a pack-owned string, or NULL. */
static const char *
prop(struct pa_rulepack *pack, const xmlNode *n, const char *name)
{
	char *v;

	if (n == NULL)
		return NULL;
	if ((v = pa_xml_prop_dup(n, name)) == NULL)
		return NULL;
	return own(pack, v);
}

/* Trimmed text of a child element as a pack-owned string, or NULL. */
static const char *
child_text(struct pa_rulepack *pack, const xmlNode *parent, const char *name)
{
	const xmlNode *c = child_el(parent, name);
	char *v;

	if (c == NULL || (v = pa_xml_text_dup(c)) == NULL)
		return NULL;
	return own(pack, v);
}

static void PA_PRINTF(4, 5)
problem(struct loader *ld, const char *file, long line, const char *fmt, ...)
{
	struct pa_buf msg = PA_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pa_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	pa_diag_add(ld->diag, PA_DIAG_ERROR, "rules-invalid", file, line, NULL,
	    "%s", msg.ptr);
	pa_buf_dispose(&msg);
}

static bool
all_match(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return false;
	return true;
}

#define DIGITS "0123456789"
#define LOWER "abcdefghijklmnopqrstuvwxyz"

/* Article point: "a", "ba", "h(iii)", or a number "44". */
static bool
valid_article_point(const char *p)
{
	size_t n = strlen(p), k;

	if (n >= 1 && n <= 2 && all_match(p, n, DIGITS))
		return true;
	for (k = 0; k < n && p[k] >= 'a' && p[k] <= 'z'; k++)
		;
	if (k < 1 || k > 2)
		return false;
	if (k == n)
		return true;
	return p[k] == '(' && p[n - 1] == ')' && n - k - 2 >= 1 && n - k - 2 <= 5 &&
	    all_match(p + k + 1, n - k - 2, "ivx");
}

/* Annex point: "4", "4(a)", or a letter point "a". */
static bool
valid_annex_point(const char *p)
{
	size_t n = strlen(p), k;

	if (n >= 1 && n <= 2 && all_match(p, n, LOWER))
		return true;
	for (k = 0; k < n && p[k] >= '0' && p[k] <= '9'; k++)
		;
	if (k < 1 || k > 2)
		return false;
	if (k == n)
		return true;
	return p[k] == '(' && p[n - 1] == ')' && n - k - 2 >= 1 && n - k - 2 <= 2 &&
	    all_match(p + k + 1, n - k - 2, LOWER);
}

/* A problem with the reference, or NULL if it is well formed. */
static const char *
ref_problem(const struct pa_rule_ref *r)
{
	bool pact = r->act != NULL && strcmp(r->act, "ai-pact") == 0;
	bool policy = r->act != NULL && strcmp(r->act, "policy") == 0;

	if (policy) {
		if (r->doc == NULL)
			return "a policy reference names the page that states it (doc=)";
		if (r->article || r->annex || r->paragraph || r->point || r->section ||
		    r->subparagraph || r->commitment)
			return "a policy reference has only doc=";
		return NULL;
	}
	if (r->doc != NULL)
		return "doc= belongs to act=\"policy\" references";
	if (pact) {
		if (r->article || r->annex || r->paragraph || r->point || r->section ||
		    r->subparagraph)
			return "an ai-pact reference has no article=, annex= or their parts "
		    "(only an optional commitment=)";
		return NULL;
	}
	if (r->commitment != NULL)
		return "commitment= belongs to act=\"ai-pact\" references";
	if ((r->article == NULL) == (r->annex == NULL))
		return "a reference names exactly one of article= and annex=";
	if (r->article != NULL) {
		if (r->section != NULL)
			return "section= belongs to annex references";
		if (r->subparagraph != NULL && r->paragraph == NULL)
			return "subparagraph= needs paragraph=";
		if (r->point != NULL && !valid_article_point(r->point))
			return "point= of an article is a letter (\"a\"), letters with "
			    "a roman sub-point (\"h(iii)\") or a number (\"44\")";
		return NULL;
	}
	if (r->paragraph != NULL || r->subparagraph != NULL)
		return "an annex reference has no paragraph=; use section= and point=";
	if (r->point != NULL && !valid_annex_point(r->point))
		return "point= of an annex is a number with an optional letter "
		    "(\"4(a)\") or a letter (\"a\")";
	return NULL;
}

int
pa_rulepack_format_ref(struct pa_buf *out, const struct pa_rule_ref *r)
{
	const char *p;

	if (r->act != NULL && strcmp(r->act, "policy") == 0) {
		/* not law: a requirement of the dossier format or signing policy */
		pa_buf_printf(out, "%s", r->doc ? r->doc : "pactaudit");
	} else if (r->act != NULL && strcmp(r->act, "ai-pact") == 0) {
		pa_buf_puts(out, "AI Pact");
		if (r->commitment != NULL)
			pa_buf_printf(out, " commitment %s", r->commitment);
	} else if (r->article != NULL) {
		pa_buf_printf(out, "Art. %s", r->article);
		if (r->paragraph != NULL)
			pa_buf_printf(out, "(%s)", r->paragraph);
		if ((p = r->point) != NULL) {
			size_t k = strcspn(p, "(");

			pa_buf_printf(out, "%s(%.*s)%s", r->paragraph ? "" : " point ",
			    (int)k, p, p + k);
		}
		if (r->subparagraph != NULL)
			pa_buf_printf(out, ", subparagraph %s", r->subparagraph);
	} else {
		pa_buf_printf(out, "Annex %s", r->annex ? r->annex : "?");
		if (r->section != NULL)
			pa_buf_printf(out, " Section %s", r->section);
		if ((p = r->point) != NULL) {
			if (p[0] >= 'a' && p[0] <= 'z')
				pa_buf_printf(out, " point (%s)", p);
			else
				pa_buf_printf(out, " point %s", p);
		}
	}
	if (r->act != NULL && strcmp(r->act, DEFAULT_ACT) != 0 &&
	    strcmp(r->act, "ai-pact") != 0 && strcmp(r->act, "policy") != 0)
		pa_buf_printf(out, " (%s)", r->act);
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

/* Digits only (an article or annex number that can name an EUR-Lex anchor). */
static bool
is_anchor_word(const char *s)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return false;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= '0' && *p <= '9') || *p == 'I' || *p == 'V' || *p == 'X'))
			return false;
	return true;
}

int
pa_rulepack_ref_uri(struct pa_buf *out, const struct pa_rule_ref *r)
{
	const char *act = r->act ? r->act : DEFAULT_ACT, *p;
	size_t digits = 0;

	if (strcmp(act, "ai-pact") == 0) {
		pa_buf_puts(out, "https://digital-strategy.ec.europa.eu/en/policies/ai-pact");
		return pa_buf_oom(out) ? PA_ENOMEM : 1;
	}
	/* an act of the Union, "YYYY/N": its Official Journal text by ELI */
	for (p = act; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (digits != 4 || *p != '/' || p[1] == '\0' || strspn(p + 1, "0123456789") !=
	    strlen(p + 1))
		return 0;
	pa_buf_printf(out, "https://eur-lex.europa.eu/eli/reg/%.4s/%s/oj/eng", act, p + 1);
	if (is_anchor_word(r->article))
		pa_buf_printf(out, "#art_%s", r->article);
	else if (r->article == NULL && is_anchor_word(r->annex))
		pa_buf_printf(out, "#anx_%s", r->annex);
	return pa_buf_oom(out) ? PA_ENOMEM : 1;
}

const char *
pa_rulepack_phase_name(enum pa_rule_phase phase)
{
	return phase == PA_RULE_PHASE_CLASSIFY ? "classify" : "obligation";
}

/* ------------------------------------------------------------------ */
/* rules                                                               */

static bool
valid_day(const char *s)
{
	return s != NULL && strlen(s) == 10 && !isnan(pa_xpathfn_parse_date(s));
}

/* The template as text: literal text and {select} for each value-of. */
static const char *
message_as_text(struct pa_rulepack *pack, const xmlNode *msg)
{
	struct pa_buf b = PA_BUF_INIT;
	const xmlNode *c;
	const char *r;
	xmlChar *sel;

	for (c = msg->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content != NULL) {
			pa_buf_puts(&b, (const char *)c->content);
		} else if (is_rules_el(c, "value-of")) {
			sel = xmlGetProp(c, BAD_CAST "select");
			pa_buf_printf(&b, "{%s}", sel ? (const char *)sel : "");
			xmlFree(sel);
		}
	}
	if (pa_buf_oom(&b)) {
		pa_buf_dispose(&b);
		pack->oom = true;
		return NULL;
	}
	r = own_collapsed(pack, b.ptr);
	pa_buf_dispose(&b);
	return r;
}

static void
load_refs(struct loader *ld, struct pa_rule *r, const xmlNode *rule_el, const char *file)
{
	struct pa_rulepack *pack = ld->pack;
	struct pa_rule_ref *refs;
	struct pa_buf text = PA_BUF_INIT;
	const xmlNode *c;
	const char *why;
	size_t n = 0;

	for (c = rule_el->children; c != NULL; c = c->next)
		if (is_rules_el(c, "ref"))
			n++;
	if ((refs = own_calloc(pack, n, sizeof(*refs))) == NULL)
		return;
	n = 0;
	for (c = rule_el->children; c != NULL; c = c->next) {
		if (!is_rules_el(c, "ref"))
			continue;
		refs[n].act = prop(pack, c, "act");
		refs[n].article = prop(pack, c, "article");
		refs[n].paragraph = prop(pack, c, "paragraph");
		refs[n].subparagraph = prop(pack, c, "subparagraph");
		refs[n].point = prop(pack, c, "point");
		refs[n].annex = prop(pack, c, "annex");
		refs[n].section = prop(pack, c, "section");
		refs[n].commitment = prop(pack, c, "commitment");
		refs[n].doc = prop(pack, c, "doc");
		if ((why = ref_problem(&refs[n])) != NULL)
			problem(ld, file, pa_xml_line(c), "rule '%s': <ref>: %s", r->id, why);
		if (n > 0)
			pa_buf_puts(&text, "; ");
		pa_rulepack_format_ref(&text, &refs[n]);
		n++;
	}
	r->refs = refs;
	r->ref_count = n;
	if (pa_buf_oom(&text))
		pack->oom = true;
	else
		r->ref_text = own(pack, pa_buf_detach(&text));
	pa_buf_dispose(&text);
}

/*
 * expr with the pack's defines expanded (pack-owned), or expr itself when it
 * names none; a problem at file:line when it names an unknown one.
 */
static const char *
expand(struct loader *ld, struct pack_info *pi, const char *label, const char *expr,
    long line)
{
	struct pa_buf out = PA_BUF_INIT, msg = PA_BUF_INIT;
	const char *r = expr;

	if (expr == NULL || strchr(expr, '$') == NULL)
		return expr;
	if (pa_define_expand(&out, expr, pi->defs, pi->ndefs, &msg) == 0) {
		r = own(ld->pack, pa_buf_detach(&out));
	} else if (msg.size > 0) {
		problem(ld, pi->file, line, "%s: %s", label, msg.ptr);
		r = "false()";	/* the load fails: no second message about the "$" */
	} else {
		ld->pack->oom = true;
	}
	pa_buf_dispose(&out);
	pa_buf_dispose(&msg);
	return r;
}

/* The text of child `name` with the defines expanded, or NULL. */
static const char *
xpath_child(struct loader *ld, struct pack_info *pi, const struct pa_rule *r,
    const xmlNode *el, const char *name)
{
	const xmlNode *c = child_el(el, name);
	struct pa_buf label = PA_BUF_INIT;
	const char *v;

	if (c == NULL)
		return NULL;
	pa_buf_printf(&label, "rule '%s': <%s>", r->id, name);
	v = expand(ld, pi, label.ptr ? label.ptr : name, child_text(ld->pack, el, name),
	    pa_xml_line(c));
	pa_buf_dispose(&label);
	return v;
}

/* Expand the defines in the select= of each <value-of> of the message, in place. */
static void
expand_selects(struct loader *ld, struct pack_info *pi, const struct pa_rule *r,
    const xmlNode *msg)
{
	struct pa_buf label = PA_BUF_INIT;
	xmlNode *c;
	xmlChar *sel;
	const char *v;

	pa_buf_printf(&label, "rule '%s': <value-of select>", r->id);
	for (c = msg->children; c != NULL; c = c->next) {
		if (!is_rules_el(c, "value-of") ||
		    (sel = xmlGetProp(c, BAD_CAST "select")) == NULL)
			continue;
		v = expand(ld, pi, label.ptr ? label.ptr : "<value-of>", (const char *)sel,
		    pa_xml_line(c));
		if (v != NULL && v != (const char *)sel &&
		    xmlSetProp(c, BAD_CAST "select", BAD_CAST v) == NULL)
			ld->pack->oom = true;
		xmlFree(sel);
	}
	pa_buf_dispose(&label);
}

static void
load_rule(struct loader *ld, const xmlNode *el, struct pack_info *pi)
{
	struct pa_rulepack *pack = ld->pack;
	struct pa_rule *r;
	const xmlNode *cl, *ap;
	const char *v, *file = pi->file;
	long line = pa_xml_line(el);

	if ((r = own_calloc(pack, 1, sizeof(*r))) == NULL)
		return;
	r->id = prop(pack, el, "id");
	r->pack = pi->id;
	r->file = file;
	r->line = line;
	r->element = el;
	if (r->id == NULL)
		r->id = "";
	v = prop(pack, el, "severity");
	if (pa_results_severity_parse(&r->severity, v) < 0) {
		problem(ld, file, line, "rule '%s': severity '%s' is not blocker, "
		    "error, warning or info", r->id, v ? v : "");
		pa_error_clear();
	}
	v = prop(pack, el, "waivable");
	r->waivable = v == NULL || strcmp(v, "false") != 0;
	v = prop(pack, el, "heuristic");
	r->heuristic = v != NULL && strcmp(v, "true") == 0;
	v = prop(pack, el, "phase");
	r->phase = (v != NULL && strcmp(v, "classify") == 0) ?
	    PA_RULE_PHASE_CLASSIFY : PA_RULE_PHASE_OBLIGATION;
	r->use_case = prop(pack, el, "use-case");
	r->title = own_collapsed(pack, child_text(pack, el, "title"));
	load_refs(ld, r, el, file);

	ap = child_el(el, "applies");
	if (r->use_case != NULL && ap != NULL)
		problem(ld, file, pa_xml_line(ap), "rule '%s': <applies> is taken from "
		    "use case '%s' (applies-from in rules/vocab/use-cases.xml)", r->id,
		    r->use_case);
	else if (r->use_case == NULL && ap == NULL)
		problem(ld, file, line, "rule '%s' needs <applies from=> (or use-case=)",
		    r->id);
	else if (r->use_case == NULL && r->ref_count == 0)
		problem(ld, file, line, "rule '%s' needs a <ref> (or use-case=)", r->id);
	if (ap != NULL) {
		r->applies_from = prop(pack, ap, "from");
		r->applies_until = prop(pack, ap, "until");
		if (!valid_day(r->applies_from))
			problem(ld, file, pa_xml_line(ap), "rule '%s': applies from "
			    "'%s' is not a date (YYYY-MM-DD)", r->id,
			    r->applies_from ? r->applies_from : "");
		if (r->applies_until != NULL && !valid_day(r->applies_until))
			problem(ld, file, pa_xml_line(ap), "rule '%s': applies until "
			    "'%s' is not a date (YYYY-MM-DD)", r->id, r->applies_until);
		else if (r->applies_until != NULL && valid_day(r->applies_from) &&
		    strcmp(r->applies_until, r->applies_from) < 0)
			problem(ld, file, pa_xml_line(ap), "rule '%s': applies until "
			    "%s, before it applies from %s", r->id, r->applies_until,
			    r->applies_from);
	}
	r->context = xpath_child(ld, pi, r, el, "context");
	r->applicable = xpath_child(ld, pi, r, el, "applicable");
	r->assertion = xpath_child(ld, pi, r, el, "assert");
	if (r->assertion == NULL) {
		r->assertion = xpath_child(ld, pi, r, el, "fires-if");
		r->fires_if = r->assertion != NULL;
	}
	r->location = xpath_child(ld, pi, r, el, "location");
	if ((cl = child_el(el, "classify")) != NULL) {
		r->classify_attribute = prop(pack, cl, "attribute");
		if (r->classify_attribute == NULL)
			r->classify_attribute = "tier";
		r->classify_value = prop(pack, cl, "value");
		v = prop(pack, cl, "report");
		r->classify_report = v ? strcmp(v, "true") == 0 :
		    r->severity != PA_SEVERITY_INFO;
		if (r->phase != PA_RULE_PHASE_CLASSIFY)
			problem(ld, file, pa_xml_line(cl), "rule '%s': <classify> "
			    "needs phase=\"classify\"", r->id);
		if (r->use_case != NULL && r->classify_value != NULL)
			problem(ld, file, pa_xml_line(cl), "rule '%s': the <classify> "
			    "value is the tier of use case '%s' (rules/vocab/use-cases.xml)",
			    r->id, r->use_case);
		else if (r->use_case == NULL && r->classify_value == NULL)
			problem(ld, file, pa_xml_line(cl), "rule '%s': <classify> needs "
			    "value= (or the rule use-case=)", r->id);
		else if (r->use_case != NULL && strcmp(r->classify_attribute, "tier") != 0)
			problem(ld, file, pa_xml_line(cl), "rule '%s': use-case= gives "
			    "a tier, not %s", r->id, r->classify_attribute);
	} else if (r->phase == PA_RULE_PHASE_CLASSIFY && r->use_case != NULL) {
		r->classify_attribute = "tier";	/* the value is the term's tier */
		r->classify_report = r->severity != PA_SEVERITY_INFO;
	} else if (r->phase == PA_RULE_PHASE_CLASSIFY) {
		problem(ld, file, line, "rule '%s': phase=\"classify\" needs "
		    "<classify attribute= value=/> (or use-case=)", r->id);
	}
	if ((cl = child_el(el, "message")) != NULL) {
		r->message = cl;
		expand_selects(ld, pi, r, cl);
		r->message_text = message_as_text(pack, cl);
	}
	r->remedy = own_collapsed(pack, child_text(pack, el, "remedy"));
	r->note = own_collapsed(pack, child_text(pack, el, "note"));
	if (pa_vec_push(&pack->rules, r) < 0)
		pack->oom = true;
}

static void
load_pack(struct loader *ld, const xmlNode *root, const char *file)
{
	struct pa_rulepack *pack = ld->pack;
	struct pack_info *pi;
	const xmlNode *c;

	if ((pi = own_calloc(pack, 1, sizeof(*pi))) == NULL)
		return;
	pi->id = prop(pack, root, "id");
	pi->version = prop(pack, root, "version");
	pi->file = file;
	pi->line = pa_xml_line(root);
	if (pi->id == NULL || pi->version == NULL) {
		problem(ld, file, pi->line, "pack without id or version");
		return;
	}
	if (pa_vec_push(&pack->packs, pi) < 0) {
		pack->oom = true;
		return;
	}
	for (c = root->children; c != NULL; c = c->next)
		if (is_rules_el(c, "define"))
			pi->ndefs++;
	if ((pi->defs = own_calloc(pack, pi->ndefs, sizeof(*pi->defs))) == NULL)
		return;
	pi->ndefs = 0;
	for (c = root->children; c != NULL; c = c->next) {
		if (is_rules_el(c, "define")) {
			struct pa_define *d = &pi->defs[pi->ndefs];
			struct pa_buf label = PA_BUF_INIT;
			size_t k;

			if ((d->name = prop(pack, c, "name")) == NULL)
				continue;
			/* a define sees the ones before it only: no cycles */
			pa_buf_printf(&label, "<define name=\"%s\">", d->name);
			d->expr = expand(ld, pi, label.ptr ? label.ptr : d->name,
			    own(pack, pa_xml_text_dup(c)), pa_xml_line(c));
			pa_buf_dispose(&label);
			if (d->expr == NULL)
				continue;
			for (k = 0; k < pi->ndefs; k++)
				if (strcmp(pi->defs[k].name, d->name) == 0)
					problem(ld, file, pa_xml_line(c), "<define name=\"%s\">: "
					    "defined twice in this pack", d->name);
			pi->ndefs++;
		} else if (is_rules_el(c, "rule")) {
			load_rule(ld, c, pi);
		}
	}
	for (c = root->children; c != NULL; c = c->next) {
		size_t k;
		xmlChar *name;

		if (!is_rules_el(c, "define"))
			continue;
		name = xmlGetProp(c, BAD_CAST "name");
		for (k = 0; k < pi->ndefs && name != NULL; k++)
			if (strcmp(pi->defs[k].name, (const char *)name) == 0 &&
			    !pi->defs[k].used)
				problem(ld, file, pa_xml_line(c), "<define name=\"%s\">: "
				    "no rule uses it", (const char *)name);
		xmlFree(name);
	}
}

static struct keyed *
add_keyed(struct loader *ld, struct pa_vec *list, const char *vocab,
    const xmlNode *n, const char *file)
{
	struct keyed *k = own_calloc(ld->pack, 1, sizeof(*k));

	if (k == NULL)
		return NULL;
	k->vocab = vocab;
	k->id = prop(ld->pack, n, "id");
	k->node = n;
	k->file = file;
	k->line = pa_xml_line(n);
	if (k->id == NULL || pa_vec_push(list, k) < 0) {
		ld->pack->oom = true;
		return NULL;
	}
	return k;
}

static void
load_vocab(struct loader *ld, const xmlNode *root, const char *file)
{
	struct keyed *v = add_keyed(ld, &ld->pack->vocabs, NULL, root, file);
	const xmlNode *c;

	if (v == NULL)
		return;
	for (c = root->children; c != NULL; c = c->next)
		if (is_rules_el(c, "term"))
			add_keyed(ld, &ld->pack->terms, v->id, c, file);
}

static void
load_accelerators(struct loader *ld, const xmlNode *root, const char *file)
{
	const xmlNode *c;

	for (c = root->children; c != NULL; c = c->next) {
		if (is_rules_el(c, "accelerator"))
			add_keyed(ld, &ld->pack->accelerators, NULL, c, file);
		else if (is_rules_el(c, "machine"))
			add_keyed(ld, &ld->pack->machines, NULL, c, file);
	}
}

/* ------------------------------------------------------------------ */
/* checks after everything is loaded                                   */

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = *(const struct keyed *const *)a;
	const struct keyed *y = *(const struct keyed *const *)b;
	int c = strcmp(x->vocab ? x->vocab : "", y->vocab ? y->vocab : "");

	if (c != 0)
		return c;
	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	if ((c = strcmp(x->file, y->file)) != 0)	/* stable: first loaded first */
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Sort a keyed list and report duplicates. */
static void
sort_keyed(struct loader *ld, struct pa_vec *list, const char *what)
{
	size_t i;

	if (list->count > 1)
		qsort(list->items, list->count, sizeof(list->items[0]), keyed_cmp);
	for (i = 1; i < list->count; i++) {
		const struct keyed *a = list->items[i - 1], *b = list->items[i];

		if (strcmp(a->id, b->id) == 0 &&
		    strcmp(a->vocab ? a->vocab : "", b->vocab ? b->vocab : "") == 0)
			problem(ld, b->file, b->line, "duplicate %s id '%s' (first at %s:%ld)",
			    what, b->id, a->file, a->line);
	}
}

static int
rule_id_cmp(const void *a, const void *b)
{
	const struct pa_rule *x = *(const struct pa_rule *const *)a;
	const struct pa_rule *y = *(const struct pa_rule *const *)b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
pack_id_cmp(const void *a, const void *b)
{
	const struct pack_info *x = *(const struct pack_info *const *)a;
	const struct pack_info *y = *(const struct pack_info *const *)b;
	int c = strcmp(x->id, y->id);

	return c != 0 ? c : strcmp(x->file, y->file);
}

static void
check_ids(struct loader *ld)
{
	struct pa_rulepack *pack = ld->pack;
	struct pack_info **packs = NULL;
	size_t i, n = pack->rules.count;

	if ((pack->by_id = pa_calloc(n ? n : 1, sizeof(*pack->by_id))) == NULL) {
		pack->oom = true;
		return;
	}
	if (n > 0) {
		memcpy(pack->by_id, pack->rules.items, n * sizeof(*pack->by_id));
		qsort(pack->by_id, n, sizeof(*pack->by_id), rule_id_cmp);
	}
	for (i = 1; i < n; i++)
		if (strcmp(pack->by_id[i - 1]->id, pack->by_id[i]->id) == 0)
			problem(ld, pack->by_id[i]->file, pack->by_id[i]->line,
			    "duplicate rule id '%s' (first at %s:%ld)", pack->by_id[i]->id,
			    pack->by_id[i - 1]->file, pack->by_id[i - 1]->line);

	n = pack->packs.count;
	if ((packs = pa_calloc(n ? n : 1, sizeof(*packs))) == NULL) {
		pack->oom = true;
		return;
	}
	if (n > 0) {
		memcpy(packs, pack->packs.items, n * sizeof(*packs));
		qsort(packs, n, sizeof(*packs), pack_id_cmp);
	}
	for (i = 1; i < n; i++)
		if (strcmp(packs[i - 1]->id, packs[i]->id) == 0)
			problem(ld, packs[i]->file, packs[i]->line,
			    "duplicate pack id '%s' (first in %s)", packs[i]->id,
			    packs[i - 1]->file);
	free(packs);

	sort_keyed(ld, &pack->vocabs, "vocabulary");
	sort_keyed(ld, &pack->terms, "term");
	sort_keyed(ld, &pack->accelerators, "accelerator");
	sort_keyed(ld, &pack->machines, "machine");
	for (i = 0; i < pack->machines.count; i++) {
		const struct keyed *m = pack->machines.items[i];
		xmlChar *acc = xmlGetProp(m->node, BAD_CAST "accelerator");

		if (acc != NULL && pa_rulepack_accelerator(pack, (const char *)acc) == NULL)
			problem(ld, m->file, m->line, "machine '%s' names an unknown "
			    "accelerator '%s'", m->id, (const char *)acc);
		xmlFree(acc);
	}
}

static long child_line(const struct pa_rule *r, const char *name);

/*
 * A vocabulary term's ref= ("Art. 5(1)(a)") as a reference of the AI Act:
 * article, paragraph and point, pack-owned; false when it is not of that form
 * or does not read back the same.
 */
static bool
parse_term_ref(struct pa_rulepack *pack, struct pa_rule_ref *ref, const char *text)
{
	struct pa_buf b = PA_BUF_INIT;
	const char *p = text, *part[3] = { NULL, NULL, NULL };
	size_t n, i = 0;
	bool ok;

	memset(ref, 0, sizeof(*ref));
	if (strncmp(p, "Art. ", 5) != 0)
		return false;
	p += 5;
	n = strspn(p, DIGITS LOWER);
	part[i++] = own(pack, pa_strndup(p, n));
	for (p += n; *p == '(' && i < 3; i++) {
		n = strspn(p + 1, DIGITS LOWER);
		if (p[1 + n] != ')')
			return false;
		part[i] = own(pack, pa_strndup(p + 1, n));
		p += n + 2;
	}
	ref->act = DEFAULT_ACT;
	ref->article = part[0];
	ref->paragraph = part[1];
	ref->point = part[2];
	if (*p != '\0' || ref->article == NULL || ref_problem(ref) != NULL)
		return false;
	pa_rulepack_format_ref(&b, ref);
	ok = !pa_buf_oom(&b) && strcmp(b.ptr, text) == 0;
	pa_buf_dispose(&b);
	return ok;
}

/* use-case=: the first reference, the date and the tier from the term. */
static void
resolve_use_case(struct loader *ld, struct pa_rule *r)
{
	struct pa_rulepack *pack = ld->pack;
	const xmlNode *t = pa_rulepack_term(pack, "use-cases", r->use_case);
	struct pa_rule_ref *refs;
	struct pa_buf text = PA_BUF_INIT;
	const char *ref, *from, *tier;
	size_t i;

	if (t == NULL) {
		problem(ld, r->file, r->line, "rule '%s': use case '%s' is not in "
		    "rules/vocab/use-cases.xml", r->id, r->use_case);
		return;
	}
	ref = prop(pack, t, "ref");
	from = prop(pack, t, "applies-from");
	tier = prop(pack, t, "tier");
	if ((refs = own_calloc(pack, r->ref_count + 1, sizeof(*refs))) == NULL)
		return;
	if (ref == NULL || !parse_term_ref(pack, &refs[0], ref))
		problem(ld, r->file, r->line, "rule '%s': use case '%s' has no ref= of "
		    "the form \"Art. 5(1)(a)\" a rule can cite", r->id, r->use_case);
	if (!valid_day(from))
		problem(ld, r->file, r->line, "rule '%s': use case '%s' has no "
		    "applies-from date", r->id, r->use_case);
	for (i = 0; i < r->ref_count; i++)
		refs[i + 1] = r->refs[i];
	r->refs = refs;
	r->ref_count++;
	for (i = 0; i < r->ref_count; i++) {
		if (i > 0)
			pa_buf_puts(&text, "; ");
		pa_rulepack_format_ref(&text, &refs[i]);
	}
	if (pa_buf_oom(&text))
		pack->oom = true;
	else
		r->ref_text = own(pack, pa_buf_detach(&text));
	pa_buf_dispose(&text);
	r->applies_from = from ? from : "";
	if (r->phase == PA_RULE_PHASE_CLASSIFY)
		r->classify_value = tier;
}

/* The classification a rule writes is a value of its attribute. */
static void
check_classify(struct loader *ld, const struct pa_rule *r)
{
	if (r->classify_attribute == NULL || r->classify_value == NULL)
		return;
	if ((strcmp(r->classify_attribute, "tier") == 0 &&
	    pa_xpathfn_tier_rank(r->classify_value) < 0) ||
	    (strcmp(r->classify_attribute, "gpai") == 0 &&
	    pa_xpathfn_gpai_rank(r->classify_value) < 0))
		problem(ld, r->file, child_line(r, "classify"), "rule '%s': '%s' is not "
		    "a value of %s", r->id, r->classify_value, r->classify_attribute);
}

/* Compile one XPath and run the static checks; report at file:line. */
static void
check_xpath(struct loader *ld, const struct pa_rule *r, const char *what,
    const char *expr, long line)
{
	struct pa_buf msg = PA_BUF_INIT;
	xmlXPathCompExprPtr comp;

	if (expr == NULL)
		return;
	if (expr[0] == '\0') {
		problem(ld, r->file, line, "rule '%s': %s is empty", r->id, what);
		return;
	}
	pa_buf_clear(&ld->env.error);
	comp = xmlXPathCtxtCompile(ld->xp, BAD_CAST expr);
	if (comp == NULL) {
		problem(ld, r->file, line, "rule '%s': %s does not compile: %s: %s",
		    r->id, what, ld->env.error.size ? ld->env.error.ptr : "invalid XPath",
		    expr);
	} else if (!pa_xpathfn_check_names(&msg, expr, ld->pack, ld->names)) {
		problem(ld, r->file, line, "rule '%s': %s: %s", r->id, what, msg.ptr);
	}
	xmlXPathFreeCompExpr(comp);
	pa_buf_dispose(&msg);
}

static long
child_line(const struct pa_rule *r, const char *name)
{
	const xmlNode *c = child_el(r->element, name);

	return c ? pa_xml_line(c) : r->line;
}

static void
check_rule_xpaths(struct loader *ld, const struct pa_rule *r)
{
	const xmlNode *c;
	xmlChar *sel;

	check_xpath(ld, r, "<context>", r->context, child_line(r, "context"));
	check_xpath(ld, r, "<applicable>", r->applicable, child_line(r, "applicable"));
	if (r->fires_if)
		check_xpath(ld, r, "<fires-if>", r->assertion, child_line(r, "fires-if"));
	else
		check_xpath(ld, r, "<assert>", r->assertion, child_line(r, "assert"));
	check_xpath(ld, r, "<location>", r->location, child_line(r, "location"));
	for (c = r->message ? r->message->children : NULL; c != NULL; c = c->next) {
		if (!is_rules_el(c, "value-of"))
			continue;
		sel = xmlGetProp(c, BAD_CAST "select");
		check_xpath(ld, r, "<value-of select>", sel ? (const char *)sel : "",
		    pa_xml_line(c));
		xmlFree(sel);
	}
	if (r->context == NULL || r->assertion == NULL || r->message == NULL)
		problem(ld, r->file, r->line, "rule '%s' needs <context>, <assert> "
		    "(or <fires-if>) and <message>", r->id);
}

/* ------------------------------------------------------------------ */
/* files                                                               */

/* Append "sub/name" of every regular *.xml file in dir/sub to names. */
static int
list_xml(struct pa_vec *names, const char *dir, const char *sub, bool required)
{
	struct pa_buf path = PA_BUF_INIT, rel = PA_BUF_INIT;
	DIR *d = NULL;
	struct dirent *de;
	struct stat st;
	size_t n;
	int error = 0;

	if ((error = pa_buf_printf(&path, "%s%s%s", dir, sub ? "/" : "", sub ? sub : "")) < 0)
		goto done;
	if ((d = opendir(path.ptr)) == NULL) {
		if (errno == ENOENT && !required)
			goto done;
		error = pa_error_setc(errno == ENOENT ? PA_ENOTFOUND : PA_ERROR,
		    PA_ERRCLASS_RULES, "cannot open rules folder %s: %s", path.ptr,
		    strerror(errno));
		goto done;
	}
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".xml") != 0 || de->d_name[0] == '.')
			continue;
		pa_buf_clear(&rel);
		pa_buf_printf(&rel, "%s%s%s", sub ? sub : "", sub ? "/" : "", de->d_name);
		pa_buf_truncate(&path, strlen(dir) + (sub ? strlen(sub) + 1 : 0));
		pa_buf_printf(&path, "/%s", de->d_name);
		if (pa_buf_oom(&rel) || pa_buf_oom(&path)) {
			error = PA_ENOMEM;
			goto done;
		}
		if (stat(path.ptr, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (names->count >= MAX_FILES) {
			error = pa_error_setc(PA_ELIMIT, PA_ERRCLASS_RULES,
			    "%s: more than %d rule files", dir, MAX_FILES);
			goto done;
		}
		if ((error = pa_vec_push(names, rel.ptr)) < 0)
			goto done;
		rel.ptr = NULL;	/* owned by names */
		pa_buf_init(&rel);
	}
done:
	if (d != NULL)
		closedir(d);
	pa_buf_dispose(&rel);
	pa_buf_dispose(&path);
	return error;
}

/* Parse, validate and load one file's bytes; problems go to the diagnostics. */
static void
load_one(struct loader *ld, const struct pa_rulepack_file *f)
{
	struct pa_rulepack *pack = ld->pack;
	const char *file;
	xmlDoc *doc = NULL;
	xmlNode *root;
	bool valid = false;

	if ((file = own_str(pack, f->path)) == NULL)
		return;

	if (pa_xml_parse_trusted_mem(&doc, f->data, f->len, file) < 0) {
		problem(ld, NULL, 0, "%s", pa_error_last() ? pa_error_last() : file);
		pa_error_clear();
		return;
	}
	if (pa_vec_push(&pack->docs, doc) < 0) {
		xmlFreeDoc(doc);
		pack->oom = true;
		return;
	}
	root = xmlDocGetRootElement(doc);	/* doc is owned by pack->docs */
	if (pa_xml_validate_rng(&valid, doc, "rules.rng", file, ld->diag) < 0) {
		problem(ld, NULL, 0, "%s", pa_error_last() ? pa_error_last() :
		    "cannot load rules/schema/rules.rng");
		pa_error_clear();
		return;
	}
	if (!valid)
		return;
	if (is_rules_el(root, "pack"))
		load_pack(ld, root, file);
	else if (is_rules_el(root, "vocab"))
		load_vocab(ld, root, file);
	else if (is_rules_el(root, "accelerators"))
		load_accelerators(ld, root, file);
}

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pa_rulepack_file *)a)->rel,
	    ((const struct pa_rulepack_file *)b)->rel);
}

static void
make_version(struct pa_rulepack *pack)
{
	struct pa_buf b = PA_BUF_INIT;
	bool same = true;
	size_t i;

	for (i = 1; i < pack->packs.count; i++) {
		const struct pack_info *a = pack->packs.items[0], *p = pack->packs.items[i];

		if (strcmp(a->version, p->version) != 0)
			same = false;
	}
	for (i = 0; i < pack->packs.count; i++) {
		const struct pack_info *p = pack->packs.items[i];

		if (same) {
			pa_buf_puts(&b, p->version);
			break;
		}
		pa_buf_printf(&b, "%s%s@%s", i ? " " : "", p->id, p->version);
	}
	if (pa_buf_oom(&b))
		pack->oom = true;
	else
		pack->version = pa_buf_detach(&b);
	pa_buf_dispose(&b);
}

/* The pack digest: each file's relative path, size and bytes, in sorted order. */
static int
digest_sorted(char out[PA_DIGEST_HEXLEN + 1], const struct pa_rulepack_file *files,
    size_t count)
{
	struct pa_digest dg;
	char size[32];
	size_t i;

	if (pa_digest_init(&dg) < 0)
		return PA_ERROR;
	for (i = 0; i < count; i++) {
		snprintf(size, sizeof(size), "%zu", files[i].len);
		pa_digest_update(&dg, files[i].rel, strlen(files[i].rel) + 1);
		pa_digest_update(&dg, size, strlen(size) + 1);
		pa_digest_update(&dg, files[i].data, files[i].len);
	}
	pa_digest_final(&dg, out);
	return 0;
}

int
pa_rulepack_load_files(struct pa_rulepack **out, const char *label,
    const struct pa_rulepack_file *files, size_t count, struct pa_diag *diag)
{
	struct pa_diag local = PA_DIAG_INIT;
	struct pa_rulepack_file *sorted = NULL;
	struct pa_rulepack *pack = NULL;
	struct loader ld = { 0 };
	size_t i;
	int error = 0;

	*out = NULL;
	pa_xpathfn_env_init(&ld.env, NULL);
	ld.diag = diag ? diag : &local;
	ld.first_diag = ld.diag->count;
	if ((pack = pa_calloc(1, sizeof(*pack))) == NULL ||
	    (sorted = pa_calloc(count ? count : 1, sizeof(*sorted))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	ld.pack = pack;
	if (count > 0) {
		memcpy(sorted, files, count * sizeof(*sorted));
		qsort(sorted, count, sizeof(*sorted), file_cmp);
	}
	if ((ld.xp = xmlXPathNewContext(NULL)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	if ((error = pa_xpathfn_register(ld.xp, &ld.env)) < 0 ||
	    (error = pa_schema_names_load(&ld.names, PA_EVIDENCE_SCHEMA)) < 0)
		goto done;
	if ((error = digest_sorted(pack->digest, sorted, count)) < 0)
		goto done;
	for (i = 0; i < count && !pack->oom; i++)
		load_one(&ld, &sorted[i]);
	if (pack->packs.count == 0 && ld.diag->count == ld.first_diag)
		problem(&ld, NULL, 0, "%s: no rule packs (*.xml with a <pack> root)", label);

	check_ids(&ld);
	for (i = 0; i < pack->rules.count && !pack->oom; i++) {
		struct pa_rule *r = pack->rules.items[i];

		if (r->use_case != NULL)
			resolve_use_case(&ld, r);
		check_classify(&ld, r);
		check_rule_xpaths(&ld, r);
	}
	if (!pack->oom)
		pa_packlint_run(pack, ld.diag);
	make_version(pack);

	if (pack->oom || pa_diag_oom(ld.diag)) {
		error = pa_error_oom();
		goto done;
	}
	if (ld.diag->count > ld.first_diag) {
		const struct pa_diag_entry *e = &ld.diag->entries[ld.first_diag];

		if (e->path != NULL)
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES, "%s:%ld: %s",
			    e->path, e->line, e->message);
		else
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES, "%s",
			    e->message);
		goto done;
	}
	*out = pack;
	pack = NULL;	/* owned by the caller */
done:
	xmlXPathFreeContext(ld.xp);
	pa_schema_names_free(ld.names);
	pa_xpathfn_env_dispose(&ld.env);
	pa_diag_dispose(&local);
	pa_rulepack_free(pack);
	free(sorted);
	return error;
}

/* The rule folder's files read into memory. */
struct folder {
	struct pa_vec names;		/* relative paths (owned) */
	struct pa_rulepack_file *files;
	struct pa_buf *data;
	char **paths;
	size_t n;			/* files read */
};

static void
folder_dispose(struct folder *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		pa_buf_dispose(&f->data[i]);
		free(f->paths[i]);
	}
	free(f->data);
	free(f->paths);
	free(f->files);
	pa_vec_dispose(&f->names, free);
}

static int
read_folder(struct folder *f, const char *dir)
{
	struct pa_buf path = PA_BUF_INIT;
	size_t cap;
	int error;

	if ((error = list_xml(&f->names, dir, NULL, true)) < 0 ||
	    (error = list_xml(&f->names, dir, "vocab", false)) < 0 ||
	    (error = list_xml(&f->names, dir, "data", false)) < 0)
		goto done;
	cap = f->names.count ? f->names.count : 1;
	if ((f->files = pa_calloc(cap, sizeof(*f->files))) == NULL ||
	    (f->data = pa_calloc(cap, sizeof(*f->data))) == NULL ||
	    (f->paths = pa_calloc(cap, sizeof(*f->paths))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	for (f->n = 0; f->n < f->names.count; f->n++) {
		size_t n = f->n;

		pa_buf_init(&f->data[n]);
		pa_buf_clear(&path);
		if ((error = pa_buf_printf(&path, "%s/%s", dir,
		    (const char *)f->names.items[n])) < 0 ||
		    (error = pa_file_read(&f->data[n], path.ptr, PA_LIMIT_XML_SIZE, 0)) < 0 ||
		    (f->paths[n] = pa_strdup(path.ptr)) == NULL) {
			error = error < 0 ? error : PA_ENOMEM;
			f->n++;
			goto done;
		}
		f->files[n].path = f->paths[n];
		f->files[n].rel = f->names.items[n];
		f->files[n].data = f->data[n].ptr;
		f->files[n].len = f->data[n].size;
	}
done:
	pa_buf_dispose(&path);
	return error;
}

int
pa_rulepack_load(struct pa_rulepack **out, const char *dir, struct pa_diag *diag)
{
	struct folder f = { PA_VEC_INIT, NULL, NULL, NULL, 0 };
	int error;

	*out = NULL;
	if ((error = read_folder(&f, dir)) == 0)
		error = pa_rulepack_load_files(out, dir, f.files, f.names.count, diag);
	folder_dispose(&f);
	return error;
}

int
pa_rulepack_dir_digest(char out[PA_DIGEST_HEXLEN + 1], const char *dir)
{
	struct folder f = { PA_VEC_INIT, NULL, NULL, NULL, 0 };
	int error;

	if ((error = read_folder(&f, dir)) == 0) {
		if (f.names.count > 0)
			qsort(f.files, f.names.count, sizeof(*f.files), file_cmp);
		error = digest_sorted(out, f.files, f.names.count);
	}
	folder_dispose(&f);
	return error;
}

static void
free_doc(void *p)
{
	xmlFreeDoc(p);
}

void
pa_rulepack_free(struct pa_rulepack *pack)
{
	if (pack == NULL)
		return;
	free(pack->by_id);
	pa_vec_dispose(&pack->rules, NULL);
	pa_vec_dispose(&pack->packs, NULL);
	pa_vec_dispose(&pack->vocabs, NULL);
	pa_vec_dispose(&pack->terms, NULL);
	pa_vec_dispose(&pack->accelerators, NULL);
	pa_vec_dispose(&pack->machines, NULL);
	pa_vec_dispose(&pack->owned, free);
	pa_vec_dispose(&pack->docs, free_doc);
	free(pack->version);
	free(pack);
}

/* ------------------------------------------------------------------ */
/* getters                                                             */

size_t
pa_rulepack_count(const struct pa_rulepack *pack)
{
	return pack->rules.count;
}

const struct pa_rule *
pa_rulepack_rule_at(const struct pa_rulepack *pack, size_t i)
{
	return i < pack->rules.count ? pack->rules.items[i] : NULL;
}

const struct pa_rule *
pa_rulepack_find(const struct pa_rulepack *pack, const char *id)
{
	size_t lo = 0, hi = pack->rules.count, mid;
	int c;

	if (pack->by_id == NULL || id == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, pack->by_id[mid]->id);
		if (c == 0)
			return pack->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

size_t
pa_rulepack_pack_count(const struct pa_rulepack *pack)
{
	return pack->packs.count;
}

const char *
pa_rulepack_pack_id(const struct pa_rulepack *pack, size_t i)
{
	return i < pack->packs.count ?
	    ((const struct pack_info *)pack->packs.items[i])->id : NULL;
}

const char *
pa_rulepack_pack_version(const struct pa_rulepack *pack, size_t i)
{
	return i < pack->packs.count ?
	    ((const struct pack_info *)pack->packs.items[i])->version : NULL;
}

const char *
pa_rulepack_version(const struct pa_rulepack *pack)
{
	return pack->version ? pack->version : "";
}

const char *
pa_rulepack_digest(const struct pa_rulepack *pack)
{
	return pack->digest;
}

/* Binary search in a sorted keyed list. */
static const struct keyed *
find_keyed(const struct pa_vec *list, const char *vocab, const char *id)
{
	size_t lo = 0, hi = list->count, mid;
	int c;

	if (id == NULL)
		return NULL;
	while (lo < hi) {
		const struct keyed *k;

		mid = lo + (hi - lo) / 2;
		k = list->items[mid];
		c = strcmp(vocab ? vocab : "", k->vocab ? k->vocab : "");
		if (c == 0)
			c = strcmp(id, k->id);
		if (c == 0)
			return k;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

bool
pa_rulepack_has_vocab(const struct pa_rulepack *pack, const char *vocab)
{
	return find_keyed(&pack->vocabs, NULL, vocab) != NULL;
}

const xmlNode *
pa_rulepack_term(const struct pa_rulepack *pack, const char *vocab, const char *id)
{
	const struct keyed *k = find_keyed(&pack->terms, vocab ? vocab : "", id);

	return k ? k->node : NULL;
}

const xmlNode *
pa_rulepack_term_at(const struct pa_rulepack *pack, const char *vocab, size_t i)
{
	size_t lo = 0, hi = pack->terms.count, mid;
	const struct keyed *k;

	/* the first term of vocab, then the i-th after it */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		k = pack->terms.items[mid];
		if (strcmp(k->vocab ? k->vocab : "", vocab) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo + i >= pack->terms.count)
		return NULL;
	k = pack->terms.items[lo + i];
	return strcmp(k->vocab ? k->vocab : "", vocab) == 0 ? k->node : NULL;
}

const xmlNode *
pa_rulepack_accelerator(const struct pa_rulepack *pack, const char *id)
{
	const struct keyed *k = find_keyed(&pack->accelerators, NULL, id);

	return k ? k->node : NULL;
}

const xmlNode *
pa_rulepack_machine(const struct pa_rulepack *pack, const char *id)
{
	const struct keyed *k = find_keyed(&pack->machines, NULL, id);

	return k ? k->node : NULL;
}
