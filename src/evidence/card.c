/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cards and Markdown documents as evidence: front matter, one <section> per heading, the licence. */
#include "config.h"

#include "evidence/card.h"
#include "evidence/substance.h"

#include <stdbool.h>
#include <string.h>

#include "parse/card.h"
#include "parse/frontmatter.h"
#include "parse/markdown.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/limits.h"

/* @words, @placeholder and @marker of a section or a document (evidence/substance.h). */
static int
set_substance(xmlNode *n, const struct pa_substance_part *p)
{
	if (pa_ev_set_long(n, "words", p->words) < 0 ||
	    (p->placeholder != NULL && pa_ev_set(n, "placeholder", p->placeholder) < 0) ||
	    (p->marker[0] != '\0' && pa_ev_set(n, "marker", p->marker) < 0))
		return PA_ENOMEM;
	return 0;
}

/*
 * One <section> per heading, anchored at "#... heading" (at most
 * PA_EV_ANCHOR_MAX bytes), with what it says; the same for the parent.
 */
static int
write_sections(xmlNode *parent, const struct pa_md *md, const char *data, size_t len,
    const struct pa_evsrc *from, const struct pa_templates *tmpl)
{
	struct pa_buf anchor = PA_BUF_INIT;
	struct pa_substance sub;
	const struct pa_md_section *s;
	xmlNode *n;
	xmlChar *text;
	size_t i;
	int level, error;

	if ((error = pa_substance_judge(&sub, md, data, len, tmpl)) < 0)
		return error;
	if (set_substance(parent, &sub.doc) < 0)
		error = PA_ENOMEM;
	for (i = 0; i < md->count && error == 0; i++) {
		s = &md->sections[i];
		if ((n = pa_ev_child_n(parent, "section", from, s->line, s->len ? s->text : NULL,
		    s->len)) == NULL || pa_ev_set_long(n, "level", s->level) < 0 ||
		    set_substance(n, &sub.sections[i]) < 0) {
			error = PA_ENOMEM;
			break;
		}
		pa_buf_clear(&anchor);
		for (level = s->level < 1 ? 1 : s->level > 6 ? 6 : s->level; level > 0; level--)
			pa_buf_putc(&anchor, '#');
		pa_buf_putc(&anchor, ' ');
		text = xmlNodeGetContent(n);
		pa_ev_put_collapsed(&anchor, (const char *)text, PA_EV_ANCHOR_MAX);
		xmlFree(text);
		if (pa_buf_oom(&anchor) || pa_ev_set_anchor(n, anchor.ptr) < 0)
			error = PA_ENOMEM;
	}
	if (error == 0 && md->truncated && pa_ev_set(parent, "sections-truncated", "true") < 0)
		error = PA_ENOMEM;
	pa_substance_dispose(&sub);
	pa_buf_dispose(&anchor);
	return error ? pa_error_oom() : 0;
}

int
pa_markdown_to_evidence(xmlNode *parent, const char *data, size_t len, long first_line,
    const struct pa_evsrc *from, const struct pa_templates *tmpl)
{
	struct pa_md md;
	int error;

	if ((error = pa_markdown_parse(&md, data, len, first_line)) < 0)
		return error;
	error = write_sections(parent, &md, data, len, from, tmpl);
	pa_md_dispose(&md);
	return error;
}

int
pa_card_to_evidence(xmlNode *card, const char *data, size_t len,
    const struct pa_evsrc *from, const struct pa_licdb *licdb,
    const struct pa_templates *tmpl, struct pa_diag *diag)
{
	const char *path = from ? from->src : NULL;
	struct pa_card_parts parts;
	struct pa_md md = { 0 };
	xmlNode *fm = NULL;
	bool valid = false, license_heading = false;
	size_t i;
	int error;

	if ((error = pa_card_split(&parts, data, len, path, diag)) < 0)
		return error;
	if (parts.have_fm) {
		if ((fm = pa_ev_child(card, "front-matter", from, parts.open_line, NULL)) == NULL ||
		    pa_ev_set_anchor(fm, "front-matter") < 0)
			return pa_error_oom();
		if ((error = pa_frontmatter_to_evidence(fm, &valid, data + parts.yaml,
		    parts.yaml_end - parts.yaml, parts.open_line + 1, from, diag)) < 0)
			return error;
	}
	if ((error = pa_markdown_parse(&md, data + parts.body, len - parts.body,
	    parts.body_line)) < 0)
		return error;
	if ((error = write_sections(card, &md, data + parts.body, len - parts.body, from,
	    tmpl)) < 0)
		goto done;
	if (md.truncated)
		pa_diag_add(diag, PA_DIAG_WARNING, "md-too-many-headings", path, 0, NULL,
		    "more than %d Markdown headings; the rest are not read", PA_LIMIT_MD_HEADINGS);
	for (i = 0; i < md.count && !license_heading; i++)
		license_heading = pa_card_is_license_heading(md.sections[i].text, md.sections[i].len);
	error = pa_card_license_to_evidence(card, fm, valid, &parts, license_heading, from,
	    licdb, diag);
done:
	pa_md_dispose(&md);
	return error;
}
