/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * HTML, Markdown and CSV through libxslt: the only caller of
 * xsltParseStylesheet* and xsltApplyStylesheet*.  Only the project's own
 * stylesheets are loaded (<datadir>/reports/, through parse/xml.c, imports
 * allowed from the data directory only), and each transformation runs with
 * security preferences that forbid reading and writing files, creating
 * directories and any network access.
 */
#include "config.h"

#include "render/writer.h"

#include <libxml/xmlerror.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse/xml.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"

#define CSS_MAX	(256u * 1024)	/* bytes of reports/report.css and report.js */

struct sheet {
	const char *file;	/* under <datadir>/reports/ */
	/*
	 * Pass reports/report.css as $css, reports/report.js as $js with its
	 * SHA-256 in base64 as $js-hash (for the page's Content-Security-
	 * Policy), and the time of rendering as $generated.
	 */
	bool css;
};

static const struct sheet sheet_html = { .file = "html.xsl", .css = true };
static const struct sheet sheet_md = { .file = "md.xsl" };
static const struct sheet sheet_csv = { .file = "csv.xsl" };
static const struct sheet sheet_csv_applicants = { .file = "csv-applicants.xsl" };

/* libxml2/libxslt error callback: keep the first few messages, on one line. */
static void
on_error(void *ctx, const char *fmt, ...)
{
	struct pa_buf *msg = ctx;
	struct pa_buf part = PA_BUF_INIT;
	va_list ap;
	size_t i;

	if (msg->size >= 400)
		return;
	va_start(ap, fmt);
	pa_buf_vprintf(&part, fmt, ap);
	va_end(ap);
	for (i = 0; i < part.size; i++)
		if (part.ptr[i] == '\n')
			part.ptr[i] = ' ';
	while (part.size > 0 && part.ptr[part.size - 1] == ' ')
		pa_buf_truncate(&part, part.size - 1);
	if (part.size > 0 && msg->size > 0)
		pa_buf_puts(msg, "; ");
	pa_buf_puts(msg, part.ptr);
	pa_buf_dispose(&part);
}

/* Send libxml2's and libxslt's generic errors to msg; restored by errors_restore(). */
struct saved_errors {
	xmlGenericErrorFunc xml_fn, xslt_fn;
	void *xml_ctx, *xslt_ctx;
};

static void
errors_capture(struct saved_errors *saved, struct pa_buf *msg)
{
	saved->xml_fn = xmlGenericError;
	saved->xml_ctx = xmlGenericErrorContext;
	saved->xslt_fn = xsltGenericError;
	saved->xslt_ctx = xsltGenericErrorContext;
	xmlSetGenericErrorFunc(msg, on_error);
	xsltSetGenericErrorFunc(msg, on_error);
}

static void
errors_restore(const struct saved_errors *saved)
{
	xmlSetGenericErrorFunc(saved->xml_ctx, saved->xml_fn);
	xsltSetGenericErrorFunc(saved->xslt_ctx, saved->xslt_fn);
}

static int
load_sheet(xsltStylesheetPtr *out, const char *path)
{
	struct pa_buf msg = PA_BUF_INIT;
	struct saved_errors saved;
	xmlDoc *doc = NULL;
	int error;

	*out = NULL;
	if ((error = pa_xml_parse_trusted_file(&doc, path)) < 0)
		goto done;
	errors_capture(&saved, &msg);
	pa_xml_trusted_begin();	/* xsl:import and xsl:include: data directory only */
	*out = xsltParseStylesheetDoc(doc);
	pa_xml_trusted_end();
	errors_restore(&saved);
	if (*out != NULL)
		doc = NULL;	/* owned by the stylesheet now */
	/* the project's stylesheets compile without a single diagnostic */
	if (*out == NULL || (*out)->errors > 0 || msg.size > 0) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s: not a usable stylesheet: %s", path,
		    msg.size ? msg.ptr : "unknown error");
		xsltFreeStylesheet(*out);
		*out = NULL;
	}
done:
	xmlFreeDoc(doc);
	pa_buf_dispose(&msg);
	return error;
}

static int
new_prefs(xsltSecurityPrefsPtr *out)
{
	static const xsltSecurityOption forbidden[] = {
		XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
		XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
		XSLT_SECPREF_WRITE_NETWORK
	};
	size_t i;

	if ((*out = xsltNewSecurityPrefs()) == NULL)
		return pa_error_oom();
	for (i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
		if (xsltSetSecurityPrefs(*out, forbidden[i], xsltSecurityForbid) != 0) {
			xsltFreeSecurityPrefs(*out);
			*out = NULL;
			return pa_error_oom();
		}
	}
	return 0;
}

/* The SHA-256 of data in base64, as a CSP hash source wants it. */
static int
sha256_base64(struct pa_buf *out, const char *data, size_t len)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char hex[PA_DIGEST_HEXLEN + 1];
	unsigned char raw[PA_DIGEST_HEXLEN / 2];
	size_t i;
	int error;

	if ((error = pa_digest_sha256(hex, data, len)) < 0)
		return error;
	for (i = 0; i < sizeof(raw); i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		raw[i] = (unsigned char)v;
	}
	for (i = 0; i < sizeof(raw); i += 3) {
		unsigned n = (unsigned)raw[i] << 16 |
		    (i + 1 < sizeof(raw) ? (unsigned)raw[i + 1] << 8 : 0) |
		    (i + 2 < sizeof(raw) ? raw[i + 2] : 0);

		pa_buf_putc(out, b64[n >> 18 & 63]);
		pa_buf_putc(out, b64[n >> 12 & 63]);
		pa_buf_putc(out, i + 1 < sizeof(raw) ? b64[n >> 6 & 63] : '=');
		pa_buf_putc(out, i + 2 < sizeof(raw) ? b64[n & 63] : '=');
	}
	return pa_buf_oom(out) ? pa_error_oom() : 0;
}

/* Now in UTC, or $SOURCE_DATE_EPOCH for reproducible reports. */
static void
generated_at(char *buf, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	struct tm tm;
	char *end;

	if (sde != NULL && *sde != '\0') {
		long long v = strtoll(sde, &end, 10);

		if (*end == '\0' && v >= 0)
			now = (time_t)v;
	}
	if (gmtime_r(&now, &tm) == NULL || strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm) == 0)
		buf[0] = '\0';
}

/*
 * auditor (the board report's $auditor: who prepared it) is made safe
 * like every dossier string; NULL or "" leaves it out.
 */
static int
transform(FILE *out, xmlDoc *doc, const struct sheet *sh, const char *auditor)
{
	struct pa_buf whox = PA_BUF_INIT;
	struct pa_buf path = PA_BUF_INIT, csspath = PA_BUF_INIT;
	struct pa_buf css = PA_BUF_INIT, msg = PA_BUF_INIT;
	struct pa_buf js = PA_BUF_INIT, jspath = PA_BUF_INIT, jshash = PA_BUF_INIT;
	char when[64];
	struct saved_errors saved;
	xsltStylesheetPtr style = NULL;
	xsltSecurityPrefsPtr prefs = NULL;
	xsltTransformContextPtr ctxt = NULL;
	xmlDoc *res = NULL;
	xmlChar *text = NULL;
	int error, len = 0;

	if ((error = pa_buf_printf(&path, "%s/reports/%s", pa_datadir(), sh->file)) < 0 ||
	    (error = load_sheet(&style, path.ptr)) < 0 ||
	    (error = new_prefs(&prefs)) < 0)
		goto done;
	if (sh->css &&
	    ((error = pa_buf_printf(&csspath, "%s/reports/report.css", pa_datadir())) < 0 ||
	    (error = pa_file_read(&css, csspath.ptr, CSS_MAX, 0)) < 0 ||
	    (error = pa_buf_printf(&jspath, "%s/reports/report.js", pa_datadir())) < 0 ||
	    (error = pa_file_read(&js, jspath.ptr, CSS_MAX, 0)) < 0 ||
	    (error = sha256_base64(&jshash, js.ptr, js.size)) < 0))
		goto done;
	generated_at(when, sizeof(when));
	if (auditor != NULL && (error = pa_render_clean(&whox, auditor, true)) < 0)
		goto done;
	if ((ctxt = xsltNewTransformContext(style, doc)) == NULL ||
	    xsltSetCtxtSecurityPrefs(prefs, ctxt) != 0) {
		error = pa_error_oom();
		goto done;
	}
	xsltSetTransformErrorFunc(ctxt, &msg, on_error);
	errors_capture(&saved, &msg);
	if ((sh->css && (xsltQuoteOneUserParam(ctxt, BAD_CAST "css", BAD_CAST css.ptr) != 0 ||
	    xsltQuoteOneUserParam(ctxt, BAD_CAST "js", BAD_CAST js.ptr) != 0 ||
	    xsltQuoteOneUserParam(ctxt, BAD_CAST "js-hash", BAD_CAST jshash.ptr) != 0 ||
	    xsltQuoteOneUserParam(ctxt, BAD_CAST "generated", BAD_CAST when) != 0)) ||
	    (whox.size > 0 &&
	    xsltQuoteOneUserParam(ctxt, BAD_CAST "auditor", BAD_CAST whox.ptr) != 0))
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s: cannot set the parameters css, js, js-hash, generated, auditor",
		    path.ptr);
	else
		res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	errors_restore(&saved);
	if (error < 0)
		goto done;
	if (res == NULL || ctxt->state != XSLT_STATE_OK || msg.size > 0) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s: the transformation failed: %s", path.ptr,
		    msg.size ? msg.ptr : "unknown error");
		goto done;
	}
	if (xsltSaveResultToString(&text, &len, res, style) != 0) {
		error = pa_error_oom();
		goto done;
	}
	if (len > 0 && fwrite(text, 1, (size_t)len, out) != (size_t)len)
		error = pa_error_set(PA_ERRCLASS_OS, "cannot write the report");
done:
	xmlFree(text);
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctxt);
	xsltFreeSecurityPrefs(prefs);
	xsltFreeStylesheet(style);
	pa_buf_dispose(&msg);
	pa_buf_dispose(&css);
	pa_buf_dispose(&csspath);
	pa_buf_dispose(&js);
	pa_buf_dispose(&jspath);
	pa_buf_dispose(&jshash);
	pa_buf_dispose(&path);
	pa_buf_dispose(&whox);
	return error;
}

int
pa_render_html(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	return transform(out, in->doc, &sheet_html, opts->auditor);
}

int
pa_render_md(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	return transform(out, in->doc, &sheet_md, opts->auditor);
}

int
pa_render_csv(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	(void)opts;
	return transform(out, in->doc, &sheet_csv, NULL);
}

int
pa_render_xslt_doc(FILE *out, xmlDoc *doc, const char *sheet_file, bool css)
{
	struct sheet sh = { .file = sheet_file, .css = css };

	return transform(out, doc, &sh, NULL);
}

int
pa_render_csv_applicants(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	(void)opts;
	return transform(out, in->doc, &sheet_csv_applicants, NULL);
}
