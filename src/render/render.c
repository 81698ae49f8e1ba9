/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of output formats, and the sanitised copy of the results every writer reads. */
#include "config.h"

#include "render/render.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render/writer.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

const struct pa_renderer pa_renderers[] = {
	{ .name = "text", .summary = "findings for a terminal, grouped by severity", .write = pa_render_text },
	{ .name = "json", .summary = "one JSON object per dossier (an array for several)", .lazy = true,
	  .write = pa_render_json },
	{ .name = "sarif", .summary = "SARIF 2.1.0 log, one run per dossier", .write = pa_render_sarif },
	{ .name = "junit", .summary = "JUnit XML, one test suite per dossier", .write = pa_render_junit },
	{ .name = "tap", .summary = "Test Anything Protocol version 13", .write = pa_render_tap },
	{ .name = "xml", .summary = "the results document (a results-set for several)", .doc = true, .write = pa_render_xml },
	{ .name = "html", .summary = "the board report, self-contained HTML (XSLT)", .doc = true,
	  .plan = true, .write = pa_render_html },
	{ .name = "md", .summary = "a Markdown report (XSLT)", .doc = true,
	  .plan = true, .write = pa_render_md },
	{ .name = "csv", .summary = "one CSV row per finding, RFC 4180 (XSLT)", .doc = true, .write = pa_render_csv },
	{ .name = "codequality", .summary = "GitLab Code Quality (CodeClimate issues, JSON)", .write = pa_render_codequality },
	{ .name = "csv-applicants", .summary = "one CSV row per dossier, the call overview (XSLT)", .doc = true,
	  .plan = true, .write = pa_render_csv_applicants },
	{ 0 }
};

static const struct pa_renderer *
render_find(const char *format)
{
	size_t i;

	if (format == NULL)
		return NULL;
	for (i = 0; pa_renderers[i].name != NULL; i++)
		if (strcmp(pa_renderers[i].name, format) == 0)
			return &pa_renderers[i];
	return NULL;
}

bool
pa_render_known(const char *format)
{
	return render_find(format) != NULL;
}

bool
pa_render_shows_plan(const char *format)
{
	const struct pa_renderer *r = render_find(format);

	return r != NULL && r->plan;
}

/* Replace *s by b's content (b is emptied). */
static int
replace(char **s, struct pa_buf *b)
{
	char *p;

	if (pa_buf_oom(b))
		return pa_error_oom();
	if ((p = pa_buf_detach(b)) == NULL && (p = pa_strdup("")) == NULL)
		return pa_error_oom();
	free(*s);
	*s = p;
	return 0;
}

int
pa_render_clean(struct pa_buf *out, const char *s, bool one_line)
{
	struct pa_buf san = PA_BUF_INIT;
	int error;

	pa_buf_clear(out);
	if ((error = pa_text_sanitize(&san, s, strlen(s), one_line ? PA_TEXT_ONELINE :
	    PA_TEXT_KEEP_NL)) == 0)
		error = pa_text_xml_clean(out, san.ptr ? san.ptr : "", san.size, NULL);
	pa_buf_dispose(&san);
	return error < 0 || pa_buf_oom(out) ? pa_error_oom() : 0;
}

/* Safe to show and legal in XML: attributes on one line, element text keeps \n and \t. */
static int
sanitise(char **s, enum pa_results_text kind, void *arg)
{
	struct pa_buf xml = PA_BUF_INIT;
	int error;

	(void)arg;
	if ((error = pa_render_clean(&xml, *s, kind == PA_RESULTS_TEXT_ATTR)) == 0)
		error = replace(s, &xml);
	pa_buf_dispose(&xml);
	return error;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Text on one line: runs of white space become one space, trimmed. */
static void
tidy_line(struct pa_buf *b, const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (!is_space(*p))
			pa_buf_putc(b, *p);
		else if (b->size > 0 && !is_space(p[1]) && p[1] != '\0')
			pa_buf_putc(b, ' ');
	}
}

/* Multi-line text: each line trimmed, blank lines at the ends dropped, runs of them kept as one. */
static void
tidy_block(struct pa_buf *b, const char *s)
{
	const char *p, *e, *eol;
	bool blank = false;

	for (p = s; *p != '\0'; p = *eol ? eol + 1 : eol) {
		if ((eol = strchr(p, '\n')) == NULL)
			eol = p + strlen(p);
		e = eol;
		while (p < e && is_space(*p))
			p++;
		while (e > p && is_space(e[-1]))
			e--;
		if (e == p) {
			blank = b->size > 0;
			continue;
		}
		if (b->size > 0)
			pa_buf_puts(b, blank ? "\n\n" : "\n");
		pa_buf_put(b, p, (size_t)(e - p));
		blank = false;
	}
}

static int
tidy(char **s, enum pa_results_text kind, void *arg)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	(void)arg;
	if (kind == PA_RESULTS_TEXT_ATTR)
		return 0;
	if (kind == PA_RESULTS_TEXT_LINE)
		tidy_line(&b, *s);
	else
		tidy_block(&b, *s);
	error = replace(s, &b);
	pa_buf_dispose(&b);
	return error;
}

/* The results document of in->results: one <results>, or a <results-set>. */
static int
build_doc(struct pa_render_input *in)
{
	xmlDoc *doc = NULL, *one = NULL;
	xmlNode *top = NULL, *copy;
	xmlNs *ns;
	size_t i;
	int error = 0;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (doc->encoding = xmlStrdup(BAD_CAST "UTF-8")) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	if (in->count != 1) {
		if ((top = xmlNewDocNode(doc, NULL, BAD_CAST "results-set", NULL)) == NULL ||
		    (ns = xmlNewNs(top, BAD_CAST PA_RESULTS_NS, NULL)) == NULL) {
			xmlFreeNode(top);
			error = pa_error_oom();
			goto done;
		}
		xmlSetNs(top, ns);
		xmlDocSetRootElement(doc, top);
	}
	for (i = 0; i < in->count; i++) {
		if ((error = pa_results_to_xml(&one, in->results[i])) < 0)
			goto done;
		if ((copy = xmlDocCopyNode(xmlDocGetRootElement(one), doc, 1)) == NULL) {
			error = pa_error_oom();
			goto done;
		}
		xmlFreeDoc(one);
		one = NULL;
		if (top == NULL)
			xmlDocSetRootElement(doc, copy);
		else if (xmlAddChild(top, copy) == NULL) {
			xmlFreeNode(copy);
			error = pa_error_oom();
			goto done;
		}
	}
	in->doc = doc;
	doc = NULL;
done:
	xmlFreeDoc(one);
	xmlFreeDoc(doc);
	return error;
}

/*
 * Sanitise every attribute value and text node of n, its siblings after it
 * and their subtrees, as sanitise() does (a plan is schema-checked, so the
 * depth is small).
 */
static int
sanitise_tree(xmlNode *n)
{
	struct pa_buf xml = PA_BUF_INIT;
	xmlAttr *a;
	xmlChar *v;
	int error = 0;

	for (; n != NULL && error == 0; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if ((error = pa_render_clean(&xml, n->content ? (const char *)n->content : "",
			    false)) == 0)
				xmlNodeSetContentLen(n, BAD_CAST (xml.ptr ? xml.ptr : ""), (int)xml.size);
		} else if (n->type == XML_ELEMENT_NODE) {
			for (a = n->properties; a != NULL && error == 0; a = a->next) {
				if ((v = xmlNodeListGetString(n->doc, a->children, 1)) == NULL)
					continue;
				if ((error = pa_render_clean(&xml, (const char *)v, true)) == 0 &&
				    xmlSetNsProp(n, a->ns, a->name, BAD_CAST (xml.ptr ? xml.ptr : "")) == NULL)
					error = pa_error_oom();
				xmlFree(v);
			}
			if (error == 0)
				error = sanitise_tree(n->children);
		}
		/* comments and processing instructions: no stylesheet shows them */
	}
	pa_buf_dispose(&xml);
	return error;
}

/* A sanitised copy of n as the last child of parent. */
static int
graft(xmlNode *parent, const xmlNode *n)
{
	xmlNode *copy;

	if ((copy = xmlDocCopyNode((xmlNode *)n, parent->doc, 1)) == NULL)
		return pa_error_oom();
	if (xmlAddChild(parent, copy) == NULL) {
		xmlFreeNode(copy);
		return pa_error_oom();
	}
	return sanitise_tree(copy);
}

/* opts->allocation and its lines into in->doc (see struct pa_render_opts). */
static int
graft_plan(struct pa_render_input *in, const struct pa_render_opts *opts)
{
	xmlNode *top = xmlDocGetRootElement(in->doc), *r;
	size_t i = 0;
	int error;

	if (top == NULL)
		return 0;
	r = in->count == 1 ? top : xmlFirstElementChild(top);
	for (; r != NULL && i < in->count; r = xmlNextElementSibling(r), i++)
		if (opts->allocated != NULL && opts->allocated[i] != NULL &&
		    (error = graft(r, opts->allocated[i])) < 0)
			return error;
	return graft(top, opts->allocation);
}

static void
input_dispose(struct pa_render_input *in)
{
	size_t i;

	for (i = 0; in->results != NULL && i < in->count; i++)
		pa_results_free(in->results[i]);
	free(in->results);
	xmlFreeDoc(in->doc);
	memset(in, 0, sizeof(*in));
}

int
pa_render_input_copy(struct pa_results **out, const struct pa_render_input *in, size_t i)
{
	int error;

	if ((error = pa_results_dup(out, in->source[i])) < 0)
		return error;
	if ((error = pa_results_each_string(*out, sanitise, NULL)) < 0 ||
	    (error = pa_results_each_string(*out, tidy, NULL)) < 0) {
		pa_results_free(*out);
		*out = NULL;
	}
	return error;
}

static int
input_init(struct pa_render_input *in, struct pa_results *const *results, size_t count,
    bool want_doc, bool lazy)
{
	size_t i;
	int error = 0;

	memset(in, 0, sizeof(*in));
	in->source = results;
	if (lazy) {
		in->count = count;
		return 0;
	}
	if (count > 0 && (in->results = pa_calloc(count, sizeof(*in->results))) == NULL)
		return pa_error_oom();
	for (i = 0; i < count && error == 0; i++) {
		if ((error = pa_results_dup(&in->results[i], results[i])) == 0)
			in->count++;
		if (error == 0)
			error = pa_results_each_string(in->results[i], sanitise, NULL);
	}
	if (error == 0 && want_doc)
		error = build_doc(in);
	for (i = 0; i < in->count && error == 0; i++)
		error = pa_results_each_string(in->results[i], tidy, NULL);
	if (error < 0)
		input_dispose(in);
	return error;
}

int
pa_render(FILE *out, const char *format, struct pa_results *const *results, size_t count,
    const struct pa_render_opts *opts)
{
	static const struct pa_render_opts defaults = { .color = false };
	const struct pa_renderer *r = render_find(format);
	struct pa_render_input in;
	int error;

	if (r == NULL)
		return pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_USAGE,
		    "unknown output format '%s'", format ? format : "");
	if (opts == NULL)
		opts = &defaults;
	if ((error = input_init(&in, results, count, r->doc, r->lazy)) < 0)
		return error;
	if (r->plan && opts->allocation != NULL && in.doc != NULL &&
	    (error = graft_plan(&in, opts)) < 0) {
		input_dispose(&in);
		return error;
	}
	if ((error = r->write(out, &in, opts)) == 0)
		error = pa_render_check_stream(out);
	input_dispose(&in);
	return error;
}

int
pa_render_repo_path(struct pa_buf *out, const struct pa_results *d,
    const struct pa_results_finding *f, long *line)
{
	const char *sub = d->dossier_subdir, *path = f->path;
	size_t len = 0;

	*line = f->line;
	if (path == NULL || path[0] == '\0') {
		/* about the whole dossier: the file that governs it, line 1 */
		*line = 1;
		path = strncmp(f->rule ? f->rule : "", "SIG-", 4) == 0 ?
		    "pact/signers.xml" : "application.xml";
	}
	while (sub != NULL && sub[0] == '.' && sub[1] == '/')
		sub += 2;
	if (sub != NULL && strcmp(sub, ".") != 0)
		len = strlen(sub);
	while (len > 0 && sub[len - 1] == '/')
		len--;
	if (len > 0) {
		pa_buf_put(out, sub, len);
		pa_buf_putc(out, '/');
	}
	pa_buf_puts(out, path);
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

int
pa_render_check_stream(FILE *out)
{
	if (fflush(out) != 0 || ferror(out))
		return pa_error_setc(PA_ERROR, PA_ERRCLASS_OS,
		    "cannot write the report: %s", strerror(errno ? errno : EIO));
	return 0;
}
