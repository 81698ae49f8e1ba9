/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SARIF 2.1.0 output (jansson): one run per dossier, one result per finding. */
#include "config.h"

#include "render/writer.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_FINGERPRINT "pactaudit/v1"
#define SARIF_BASE "SRCROOT"

/* Steal value into obj[key]; false on failure (value is released either way). */
static bool
jset(json_t *obj, const char *key, json_t *value)
{
	return value != NULL && json_object_set_new(obj, key, value) == 0;
}

/* Set obj[key] to the string s unless s is NULL. */
static bool
jopt(json_t *obj, const char *key, const char *s)
{
	return s == NULL || jset(obj, key, json_string(s));
}

static bool
jpush(json_t *arr, json_t *value)
{
	return value != NULL && json_array_append_new(arr, value) == 0;
}

/* {"text": s} */
static json_t *
jtext(const char *s)
{
	json_t *o = json_object();

	if (o != NULL && !jset(o, "text", json_string(s))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static const char *
sarif_level(enum pa_severity sev)
{
	switch (sev) {
	case PA_SEVERITY_BLOCKER:
	case PA_SEVERITY_ERROR:
		return "error";
	case PA_SEVERITY_WARNING:
		return "warning";
	default:
		return "note";
	}
}

/*
 * The level a rule's most severe in-force finding gives it; -1 while the
 * rule has only findings not yet in force (their level is "note").
 */
static int
level_rank(const struct pa_results_finding *f)
{
	return f->in_force ? (int)f->severity : -1;
}

/* Value of a hex digit, or -1. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The bytes of a file name from its display form: the results model shows
 * control bytes and invalid UTF-8 as \xHH (and \n, \t, \r, \uXXXX); a URI
 * names the real file, so those escapes are undone before encoding.
 */
static void
unescape_path(struct pa_buf *out, const char *s)
{
	unsigned long cp;
	size_t k;

	while (*s != '\0') {
		if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0 && hexval(s[3]) >= 0) {
			pa_buf_putc(out, (char)(hexval(s[2]) * 16 + hexval(s[3])));
			s += 4;
		} else if (s[0] == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == 'r')) {
			pa_buf_putc(out, s[1] == 'n' ? '\n' : s[1] == 't' ? '\t' : '\r');
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'u' && hexval(s[2]) >= 0 &&
		    hexval(s[3]) >= 0 && hexval(s[4]) >= 0 && hexval(s[5]) >= 0) {
			for (cp = 0, k = 2; k < 6; k++)
				cp = cp * 16 + (unsigned long)hexval(s[k]);
			/* only controls are escaped: U+0080-U+009F, BiDi marks (< U+FFFF) */
			if (cp < 0x800) {
				pa_buf_putc(out, (char)(0xc0 | (cp >> 6)));
				pa_buf_putc(out, (char)(0x80 | (cp & 0x3f)));
			} else {
				pa_buf_putc(out, (char)(0xe0 | (cp >> 12)));
				pa_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
				pa_buf_putc(out, (char)(0x80 | (cp & 0x3f)));
			}
			s += 6;
		} else {
			pa_buf_putc(out, *s++);
		}
	}
}

/*
 * Percent-encode a relative path into a relative URI reference that never
 * parses as absolute: ':' is always encoded (a first segment "javascript:x"
 * would otherwise be a scheme), and so is every byte outside RFC 3986's
 * unreserved and sub-delims.
 */
static int
uri_encode(struct pa_buf *out, const char *path)
{
	static const char keep[] = "-._~!$&'()*+,;=@/";
	struct pa_buf raw = PA_BUF_INIT;
	const unsigned char *p;

	unescape_path(&raw, path);
	for (p = (const unsigned char *)(raw.ptr ? raw.ptr : ""); *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			pa_buf_putc(out, (char)*p);
		else
			pa_buf_printf(out, "%%%02X", *p);
	}
	pa_buf_dispose(&raw);
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

/*
 * The rules of one run: rule id -> index in driver.rules[], an
 * open-addressing hash table (a call may have tens of thousands of rules).
 */
struct rule_map {
	const char **keys;
	size_t *index;
	int *ranks;		/* level_rank() of each rule, by index */
	size_t cap;
};

static size_t
hash_str(const char *s)
{
	size_t h = 14695981039346656037u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static bool
map_init(struct rule_map *m, size_t count)
{
	m->cap = 16;
	while (m->cap < 2 * count + 1)
		m->cap *= 2;
	m->keys = pa_calloc(m->cap, sizeof(*m->keys));
	m->index = pa_calloc(m->cap, sizeof(*m->index));
	m->ranks = pa_calloc(count + 1, sizeof(*m->ranks));
	return m->keys != NULL && m->index != NULL && m->ranks != NULL;
}

static void
map_dispose(struct rule_map *m)
{
	free(m->keys);
	free(m->index);
	free(m->ranks);
}

/* The slot of key: where it is, or the empty slot where it belongs. */
static size_t
map_slot(const struct rule_map *m, const char *key)
{
	size_t i = hash_str(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* "Art. 4" linked to its text when the rule has a URI (Markdown). */
static void
md_ref(struct pa_buf *b, const struct pa_results_finding *f)
{
	if (f->help_uri != NULL)
		pa_buf_printf(b, "[%s](%s)", f->ref, f->help_uri);
	else
		pa_buf_puts(b, f->ref);
}

/* A rule's tags: what kind of text it checks (GitHub shows at most 10). */
static json_t *
rule_tags(const struct pa_results_finding *f)
{
	json_t *tags = json_array();
	const char *family = "ai-act";

	if (strncmp(f->rule, "SIG-", 4) == 0)
		family = "signatures";
	else if (strncmp(f->rule, "PACT-", 5) == 0)
		family = "ai-pact";
	else if (f->help_uri == NULL)
		family = "dossier-format";
	else if (strstr(f->help_uri, "/2024/1689/") == NULL)
		family = "eu-law";
	if (tags == NULL || !jpush(tags, json_string("compliance")) ||
	    !jpush(tags, json_string(family)) ||
	    !jpush(tags, json_string(pa_results_severity_name(f->severity)))) {
		json_decref(tags);
		return NULL;
	}
	return tags;
}

/* A reportingDescriptor for f's rule, from the first finding of it. */
static json_t *
rule_descriptor(const struct pa_results_finding *f)
{
	json_t *r = json_object(), *cfg, *props, *help;
	struct pa_buf title = PA_BUF_INIT, full = PA_BUF_INIT, text = PA_BUF_INIT,
	    md = PA_BUF_INIT;
	bool ok;

	if (f->title != NULL && f->title[0] != '\0')
		pa_buf_puts(&title, f->title);
	else
		pa_buf_puts(&title, f->rule);
	pa_buf_puts(&full, title.ptr ? title.ptr : "");
	if (f->ref != NULL)
		pa_buf_printf(&full, " (%s)", f->ref);
	pa_buf_putc(&full, '.');
	/* help: the remedy and the legal reference */
	pa_buf_puts(&text, f->remedy ? f->remedy : title.ptr ? title.ptr : "");
	pa_buf_puts(&md, f->remedy ? f->remedy : title.ptr ? title.ptr : "");
	if (f->ref != NULL) {
		pa_buf_printf(&text, "\n\nReference: %s", f->ref);
		if (f->help_uri != NULL)
			pa_buf_printf(&text, " <%s>", f->help_uri);
		pa_buf_puts(&md, "\n\n**Reference:** ");
		md_ref(&md, f);
	}
	ok = r != NULL && !pa_buf_oom(&title) && !pa_buf_oom(&full) &&
	    !pa_buf_oom(&text) && !pa_buf_oom(&md) &&
	    jset(r, "id", json_string(f->rule)) &&
	    jset(r, "name", json_string(f->rule)) &&
	    jset(r, "shortDescription", jtext(title.ptr)) &&
	    jset(r, "fullDescription", jtext(full.ptr)) &&
	    (help = jtext(text.ptr)) != NULL && jset(r, "help", help) &&
	    jset(help, "markdown", json_string(md.ptr)) &&
	    jopt(r, "helpUri", f->help_uri) &&
	    (cfg = json_object()) != NULL && jset(r, "defaultConfiguration", cfg) &&
	    jset(cfg, "level", json_string(sarif_level(f->in_force ? f->severity :
	    PA_SEVERITY_INFO))) &&
	    (props = json_object()) != NULL && jset(r, "properties", props) &&
	    jset(props, "tags", rule_tags(f)) &&
	    jopt(props, "ref", f->ref) &&
	    jopt(props, "severity", pa_results_severity_name(f->severity));
	pa_buf_dispose(&title);
	pa_buf_dispose(&full);
	pa_buf_dispose(&text);
	pa_buf_dispose(&md);
	if (!ok) {
		json_decref(r);
		return NULL;
	}
	return r;
}

/* Index of f's rule in the run's rules[] (adding it), or -1 on OOM. */
static json_int_t
rule_index(json_t *rules, struct rule_map *m, const struct pa_results_finding *f)
{
	json_t *r, *props, *cfg;
	size_t slot = map_slot(m, f->rule), i, n = json_array_size(rules);

	if (m->keys[slot] != NULL) {
		i = m->index[slot];
		/* the rule's level is that of its most severe in-force finding */
		if (level_rank(f) > m->ranks[i]) {
			m->ranks[i] = level_rank(f);
			r = json_array_get(rules, i);
			cfg = json_object_get(r, "defaultConfiguration");
			props = json_object_get(r, "properties");
			if (!jset(cfg, "level", json_string(sarif_level(f->severity))) ||
			    !jset(props, "severity",
			    json_string(pa_results_severity_name(f->severity))))
				return -1;
		}
		return (json_int_t)i;
	}
	if (!jpush(rules, rule_descriptor(f)))
		return -1;
	m->keys[slot] = f->rule;
	m->index[slot] = n;
	m->ranks[n] = level_rank(f);
	return (json_int_t)n;
}

static json_t *
sarif_location(const struct pa_results *d, const struct pa_results_finding *f)
{
	json_t *locs = json_array(), *loc, *phys, *art, *region;
	struct pa_buf uri = PA_BUF_INIT, path = PA_BUF_INIT;
	long line;
	bool ok;

	ok = locs != NULL && pa_render_repo_path(&path, d, f, &line) == 0 &&
	    uri_encode(&uri, path.ptr) == 0 &&
	    (loc = json_object()) != NULL && jpush(locs, loc) &&
	    (phys = json_object()) != NULL && jset(loc, "physicalLocation", phys) &&
	    (art = json_object()) != NULL && jset(phys, "artifactLocation", art) &&
	    jset(art, "uri", json_string(uri.ptr)) &&
	    jset(art, "uriBaseId", json_string(SARIF_BASE)) &&
	    (line <= 0 ||
	    ((region = json_object()) != NULL && jset(phys, "region", region) &&
	    jset(region, "startLine", json_integer(line))));
	pa_buf_dispose(&path);
	pa_buf_dispose(&uri);
	if (!ok) {
		json_decref(locs);
		return NULL;
	}
	return locs;
}

/*
 * SARIF 2.1.0 section 3.35: a waived finding is suppressed "external"
 * (the waiver lives outside the dossier), "accepted" (an applied waiver),
 * its justification the waiver's; properties carry the rest of it.
 */
static json_t *
sarif_suppressions(const struct pa_results_finding *f)
{
	const struct pa_results_waiver *w = f->waiver;
	json_t *arr = json_array(), *s, *props;
	struct pa_buf why = PA_BUF_INIT;
	bool ok;

	if (f->status != PA_FINDING_WAIVED)
		pa_buf_puts(&why, "recorded in the baseline");
	else if (w == NULL)
		pa_buf_puts(&why, "waived");
	else
		pa_buf_printf(&why, "%s (%s waiver%s%s): %s", w->reason ? w->reason : "waived",
		    w->source ? w->source : "", w->until ? " until " : "",
		    w->until ? w->until : "", w->justification ? w->justification : "");
	ok = !pa_buf_oom(&why) && arr != NULL && (s = json_object()) != NULL && jpush(arr, s) &&
	    jset(s, "kind", json_string("external")) &&
	    jset(s, "status", json_string("accepted")) &&
	    jset(s, "justification", json_string(why.ptr));
	if (ok && f->status == PA_FINDING_WAIVED && w != NULL)
		ok = (props = json_object()) != NULL && jset(s, "properties", props) &&
		    jopt(props, "source", w->source) && jopt(props, "origin", w->origin) &&
		    jopt(props, "id", w->id) && jopt(props, "reason", w->reason) &&
		    jopt(props, "until", w->until) && jopt(props, "approver", w->approver) &&
		    jopt(props, "approverName", w->approver_name);
	pa_buf_dispose(&why);
	if (!ok) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static json_t *
sarif_result(const struct pa_results *d, const struct pa_results_finding *f,
    json_t *rules, struct rule_map *map)
{
	json_t *r = json_object(), *fp, *props;
	json_int_t idx = -2;
	bool ok, suppressed = f->status == PA_FINDING_WAIVED ||
	    f->status == PA_FINDING_BASELINED;

	ok = r != NULL;
	if (ok && f->rule != NULL)
		ok = (idx = rule_index(rules, map, f)) >= 0 &&
		    jset(r, "ruleId", json_string(f->rule)) &&
		    jset(r, "ruleIndex", json_integer(idx));
	ok = ok &&
	    jset(r, "level", json_string(sarif_level(f->severity))) &&
	    jset(r, "message", jtext(f->message ? f->message :
	    f->rule ? f->rule : "finding")) &&
	    jset(r, "locations", sarif_location(d, f)) &&
	    (f->fingerprint[0] == '\0' ||
	    ((fp = json_object()) != NULL && jset(r, "partialFingerprints", fp) &&
	    jset(fp, SARIF_FINGERPRINT, json_string(f->fingerprint)))) &&
	    (!suppressed || jset(r, "suppressions", sarif_suppressions(f))) &&
	    (props = json_object()) != NULL && jset(r, "properties", props) &&
	    jopt(props, "severity", pa_results_severity_name(f->severity)) &&
	    jopt(props, "status", pa_results_status_name(f->status)) &&
	    jset(props, "inForce", json_boolean(f->in_force)) &&
	    jopt(props, "appliesFrom", f->applies_from) &&
	    jopt(props, "ref", f->ref) &&
	    jopt(props, "anchor", f->anchor) &&
	    jopt(props, "remedy", f->remedy);
	if (!ok) {
		json_decref(r);
		return NULL;
	}
	return r;
}

/* file:// URI of an absolute folder, with a final slash. */
static json_t *
sarif_base(const char *path)
{
	json_t *bases = json_object(), *base;
	struct pa_buf uri = PA_BUF_INIT;
	bool ok;

	pa_buf_puts(&uri, "file://");
	ok = bases != NULL && uri_encode(&uri, path) == 0 &&
	    (uri.ptr[uri.size - 1] == '/' || pa_buf_putc(&uri, '/') == 0) &&
	    (base = json_object()) != NULL && jset(bases, SARIF_BASE, base) &&
	    jset(base, "uri", json_string(uri.ptr));
	pa_buf_dispose(&uri);
	if (!ok) {
		json_decref(bases);
		return NULL;
	}
	return bases;
}

/* A toolExecutionNotification: {"level", "message", "descriptor": {"id"}}. */
static json_t *
notification(const char *level, const char *id, const char *text)
{
	json_t *n = json_object(), *desc;

	if (n == NULL || !jset(n, "level", json_string(level)) ||
	    !jset(n, "message", jtext(text)) ||
	    (id != NULL && ((desc = json_object()) == NULL ||
	    !jset(n, "descriptor", desc) || !jset(desc, "id", json_string(id))))) {
		json_decref(n);
		return NULL;
	}
	return n;
}

/*
 * invocations[0]: the exit status this dossier gives (0 or 1 at --fail-on,
 * 2 when it could not be audited) and a notification for each rule that
 * could not be evaluated or the reason it failed.
 */
static json_t *
sarif_invocation(const struct pa_results *d, const char *failure,
    enum pa_fail_on fail_on)
{
	json_t *arr = json_array(), *inv, *notes;
	size_t i;
	bool ok;

	ok = arr != NULL && (inv = json_object()) != NULL && jpush(arr, inv) &&
	    jset(inv, "executionSuccessful", json_boolean(failure == NULL)) &&
	    jset(inv, "exitCode", json_integer(failure != NULL ? 2 :
	    pa_results_failing(d, fail_on) > 0 ? 1 : 0)) &&
	    (notes = json_array()) != NULL &&
	    jset(inv, "toolExecutionNotifications", notes);
	if (ok && failure != NULL)
		ok = jpush(notes, notification("error", NULL, failure));
	for (i = 0; ok && d != NULL && i < d->findings.count; i++) {
		const struct pa_results_finding *f = d->findings.items[i];

		if (f->status == PA_FINDING_NEEDS_REVIEW)
			ok = jpush(notes, notification("error", f->rule, f->message ?
			    f->message : "a rule could not be evaluated"));
	}
	if (!ok) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

/* Whether an earlier run of the log has this automationDetails.id. */
static bool
id_taken(json_t *runs, const char *id)
{
	size_t i;

	for (i = 0; i < json_array_size(runs); i++) {
		json_t *a = json_object_get(json_array_get(runs, i), "automationDetails");
		const char *other = json_string_value(json_object_get(a, "id"));

		if (other != NULL && strcmp(other, id) == 0)
			return true;
	}
	return false;
}

/*
 * runs[].automationDetails.id: "pactaudit/" for a log of one dossier,
 * "pactaudit/DOSSIER/" for each of several (GitHub takes what comes before
 * the last '/' as the analysis category, which must be unique in a file;
 * a dossier named twice gets "DOSSIER#2").
 */
static json_t *
sarif_automation(const char *label, size_t total, json_t *runs)
{
	json_t *o = json_object();
	struct pa_buf id = PA_BUF_INIT;
	size_t n, base;
	bool ok;

	pa_buf_puts(&id, "pactaudit/");
	if (total > 1) {
		while (label != NULL && (label[0] == '/' || (label[0] == '.' && label[1] == '/')))
			label += label[0] == '/' ? 1 : 2;
		pa_buf_printf(&id, "%s", label && label[0] ? label : "dossier");
		base = id.size;
		for (n = 2; !pa_buf_oom(&id) && (pa_buf_putc(&id, '/'), id_taken(runs,
		    id.ptr)); n++) {
			pa_buf_truncate(&id, base);
			pa_buf_printf(&id, "#%zu", n);
		}
	}
	ok = o != NULL && !pa_buf_oom(&id) && jset(o, "id", json_string(id.ptr));
	pa_buf_dispose(&id);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The dossier's label in the category: its folder with --path, else its path. */
static const char *
dossier_label(const struct pa_results *d)
{
	if (d->dossier_subdir != NULL && d->dossier_subdir[0] != '\0')
		return d->dossier_subdir;
	return d->dossier_path;
}

static json_t *
sarif_driver(json_t **rules, const char *version)
{
	json_t *tool = json_object(), *driver;

	if (tool == NULL || (driver = json_object()) == NULL ||
	    !jset(tool, "driver", driver) ||
	    !jset(driver, "name", json_string("pactaudit")) ||
	    !jset(driver, "informationUri",
	    json_string("https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng")) ||
	    !jopt(driver, "version", version ? version : PACKAGE_VERSION) ||
	    (*rules = json_array()) == NULL || !jset(driver, "rules", *rules)) {
		json_decref(tool);
		return NULL;
	}
	return tool;
}

static json_t *
sarif_run(const struct pa_results *d, size_t total, json_t *runs, enum pa_fail_on fail_on)
{
	json_t *run = json_object(), *props;
	json_t *rules = NULL, *results = NULL;
	struct rule_map map = { 0 };
	size_t i;
	bool ok;

	ok = run != NULL && map_init(&map, d->findings.count) &&
	    jset(run, "tool", sarif_driver(&rules, d->tool_version)) &&
	    jset(run, "automationDetails", sarif_automation(dossier_label(d), total, runs)) &&
	    (d->dossier_path == NULL || d->dossier_path[0] != '/' ||
	    jset(run, "originalUriBaseIds", sarif_base(d->dossier_path))) &&
	    jset(run, "invocations", sarif_invocation(d, NULL, fail_on)) &&
	    (results = json_array()) != NULL && jset(run, "results", results);
	for (i = 0; ok && i < d->findings.count; i++)
		ok = jpush(results, sarif_result(d, d->findings.items[i], rules, &map));
	/* the dossier's facts, as in the JSON format, without the findings */
	ok = ok && (props = pa_render_json_dossier(d)) != NULL &&
	    jset(run, "properties", props) &&
	    json_object_del(props, "findings") == 0 &&
	    json_object_del(props, "tool") == 0;
	map_dispose(&map);
	if (!ok) {
		json_decref(run);
		return NULL;
	}
	return run;
}

/* The run of a dossier that could not be audited: no results, the reason. */
static json_t *
sarif_failed_run(const struct pa_render_failure *fail, size_t total, json_t *runs)
{
	json_t *run = json_object(), *rules = NULL, *props;
	char *path = pa_text_sanitize_dup(fail->path ? fail->path : "");
	char *why = pa_text_sanitize_dup(fail->message ? fail->message : "");
	bool ok;

	ok = run != NULL && path != NULL && why != NULL &&
	    jset(run, "tool", sarif_driver(&rules, NULL)) &&
	    jset(run, "automationDetails", sarif_automation(path, total, runs)) &&
	    jset(run, "invocations", sarif_invocation(NULL, why, PA_FAIL_ON_NONE)) &&
	    jset(run, "results", json_array()) &&
	    (props = json_object()) != NULL && jset(run, "properties", props) &&
	    jset(props, "path", json_string(path)) &&
	    jset(props, "error", json_string(why));
	free(path);
	free(why);
	if (!ok) {
		json_decref(run);
		return NULL;
	}
	return run;
}

int
pa_render_sarif(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	json_t *log = json_object(), *runs = NULL;
	size_t i, k = 0, total = in->count + opts->nfailures;
	bool ok;
	int error = 0;

	ok = log != NULL &&
	    jset(log, "$schema", json_string(SARIF_SCHEMA)) &&
	    jset(log, "version", json_string("2.1.0")) &&
	    (runs = json_array()) != NULL && jset(log, "runs", runs);
	/* one run per dossier named, in their order, failed ones included */
	for (i = 0; ok && i <= in->count; i++) {
		for (; ok && k < opts->nfailures && opts->failures[k].before <= i; k++)
			ok = jpush(runs, sarif_failed_run(&opts->failures[k], total, runs));
		if (ok && i < in->count)
			ok = jpush(runs, sarif_run(in->results[i], total, runs,
			    opts->fail_on));
	}
	if (!ok)
		error = pa_error_oom();
	else if (json_dumpf(log, out, JSON_INDENT(2)) < 0 || fputc('\n', out) == EOF)
		error = pa_error_set(PA_ERRCLASS_OS, "cannot write the SARIF log");
	json_decref(log);
	return error;
}
