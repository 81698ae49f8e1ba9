/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YAML front matter to evidence: libyaml's event API, an explicit stack, aliases refused, limits enforced. */
#include "config.h"

#include "parse/frontmatter.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <yaml.h>

#include "parse/xml.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/text.h"

enum frame_kind {
	FRAME_MAPPING,
	FRAME_SEQUENCE
};

struct frame {
	xmlNode *node;		/* element the children go into */
	enum frame_kind kind;
	bool have_key;		/* mapping: a key is waiting for its value */
	long key_line;
	struct pa_buf key;
	xmlHashTablePtr keys;	/* mapping: key -> its <field>, for duplicates */
	size_t items;		/* sequence: <item>s made so far (their anchor's index) */
};

struct fm {
	const char *yaml;
	size_t len;
	long first_line;
	const struct pa_evsrc *from;
	struct pa_diag *diag;
	xmlNode *root;
	struct frame stack[PA_LIMIT_YAML_DEPTH];
	int depth;		/* frames in use */
	size_t nodes;
	int documents;
	size_t skip_count;	/* whole nodes still to skip (a bad key and its value) */
	size_t skip_nest;	/* collections open inside the node being skipped */
	const char *fatal;	/* diag code that made the front matter unusable */
	int error;		/* PA_ENOMEM */
};

static const char *
path_of(const struct fm *f)
{
	return f->from ? f->from->src : NULL;
}

/* The top-level key being read, for diagnostics' anchor. */
static const char *
anchor_of(const struct fm *f)
{
	return f->depth > 0 && f->stack[0].key.size > 0 ? f->stack[0].key.ptr : NULL;
}

static long
line_of(const struct fm *f, const yaml_mark_t *m)
{
	return f->first_line + (long)m->line;
}

static void fatal(struct fm *f, const char *code, long line, const char *fmt, ...)
    PA_PRINTF(4, 5);

static void
fatal(struct fm *f, const char *code, long line, const char *fmt, ...)
{
	struct pa_buf msg = PA_BUF_INIT;
	va_list ap;

	if (f->fatal != NULL)
		return;
	f->fatal = code;
	va_start(ap, fmt);
	pa_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	pa_diag_add(f->diag, PA_DIAG_ERROR, code, path_of(f), line, anchor_of(f),
	    "front matter: %s", msg.ptr);
	pa_buf_dispose(&msg);
}

static bool
is_null_scalar(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return n == 0 || (n == 1 && v[0] == '~') ||
	    (n == 4 && (memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 ||
	    memcmp(v, "NULL", 4) == 0));
}

static void
oom(struct fm *f)
{
	f->error = PA_ENOMEM;
}

/*
 * A key given twice is an error.  For the card's licence (a top-level
 * `license` with plain values) both values are kept, joined with AND: the
 * card is taken to be under both, which is at least as restrictive as
 * either.  Any other key keeps its last value (the earlier <field> is
 * dropped).  True when the value was merged into the earlier field.
 */
static bool
duplicate_key(struct fm *f, struct frame *fr, const yaml_event_t *ev)
{
	xmlNode *old = xmlHashLookup(fr->keys, BAD_CAST fr->key.ptr);
	struct pa_buf merged = PA_BUF_INIT;
	xmlChar *prev;
	bool licence;

	if (old == NULL)
		return false;
	licence = f->depth == 1 && strcmp(fr->key.ptr, "license") == 0 &&
	    ev->type == YAML_SCALAR_EVENT && !is_null_scalar(ev) &&
	    old->children != NULL && old->children->type == XML_TEXT_NODE &&
	    old->children->next == NULL;
	if (!licence) {
		pa_diag_add(f->diag, PA_DIAG_ERROR, "yaml-duplicate-key", path_of(f),
		    fr->key_line, anchor_of(f),
		    "front matter: key '%s' appears more than once; the last one is used",
		    fr->key.ptr);
		xmlHashRemoveEntry(fr->keys, BAD_CAST fr->key.ptr, NULL);
		xmlUnlinkNode(old);
		xmlFreeNode(old);
		return false;
	}
	pa_diag_add(f->diag, PA_DIAG_ERROR, "yaml-duplicate-key", path_of(f), fr->key_line,
	    anchor_of(f), "front matter: key 'license' appears more than once; the card is "
	    "taken to be under all of its values (AND), the most restrictive reading");
	prev = xmlNodeGetContent(old);
	pa_buf_printf(&merged, "(%s) AND (", prev ? (const char *)prev : "");
	xmlFree(prev);
	pa_text_xml_clean(&merged, (const char *)ev->data.scalar.value, ev->data.scalar.length,
	    NULL);
	pa_buf_putc(&merged, ')');
	if (pa_buf_oom(&merged)) {
		oom(f);
	} else {
		/* raw text, no entity parsing (unlike xmlNodeSetContent) */
		xmlFreeNodeList(old->children);
		old->children = old->last = NULL;
		xmlNodeAddContentLen(old, BAD_CAST merged.ptr, (int)merged.size);
	}
	pa_buf_dispose(&merged);
	fr->have_key = false;
	return true;
}

/*
 * The anchor of a new <field> or <item>: its YAML key path below the front
 * matter, "license", "model-index[0].name".
 */
static int
anchor(struct fm *f, struct frame *fr, xmlNode *n)
{
	struct pa_buf b = PA_BUF_INIT;
	const char *up = fr->node == f->root ? NULL : pa_ev_anchor(fr->node);
	int error;

	if (up != NULL)
		pa_buf_puts(&b, up);
	if (fr->kind == FRAME_MAPPING) {
		if (b.size > 0)
			pa_buf_putc(&b, '.');
		pa_ev_put_collapsed(&b, pa_xml_attr(n, "name"), PA_EV_KEY_MAX);
	} else {
		pa_buf_printf(&b, "[%zu]", fr->items++);
	}
	error = pa_buf_oom(&b) ? PA_ENOMEM : pa_ev_set_anchor(n, b.size ? b.ptr : "");
	pa_buf_dispose(&b);
	return error;
}

/*
 * Make the element for a value (a scalar's text, or an empty container)
 * in the current frame: <field name=KEY> in a mapping, <item> in a sequence.
 */
static xmlNode *
value_node(struct fm *f, const yaml_event_t *ev)
{
	struct frame *fr = &f->stack[f->depth - 1];
	const char *text = NULL;
	size_t len = 0;
	long line;
	xmlNode *n;

	if (ev->type == YAML_SCALAR_EVENT && !is_null_scalar(ev)) {
		text = (const char *)ev->data.scalar.value;
		len = ev->data.scalar.length;
	}
	if (fr->kind == FRAME_MAPPING) {
		if (duplicate_key(f, fr, ev))
			return NULL;	/* merged into the earlier field */
		line = fr->key_line;
	} else {
		line = line_of(f, &ev->start_mark);
	}
	n = pa_ev_child_n(fr->node, fr->kind == FRAME_MAPPING ? "field" : "item", f->from,
	    line, text, len);
	if (n == NULL ||
	    (fr->kind == FRAME_MAPPING && pa_ev_set(n, "name", fr->key.ptr) < 0) ||
	    (ev->type == YAML_SCALAR_EVENT && is_null_scalar(ev) &&
	    pa_ev_set(n, "null", "true") < 0)) {
		oom(f);
		return NULL;
	}
	if (anchor(f, fr, n) < 0) {
		oom(f);
		return NULL;
	}
	if (fr->kind == FRAME_MAPPING) {
		fr->have_key = false;
		if (xmlHashAddEntry(fr->keys, BAD_CAST fr->key.ptr, n) < 0) {
			oom(f);
			return NULL;
		}
	}
	return n;
}

static void
push(struct fm *f, xmlNode *node, enum frame_kind kind, const yaml_event_t *ev)
{
	struct frame *fr;

	if (f->depth >= PA_LIMIT_YAML_DEPTH) {
		fatal(f, "yaml-limit", line_of(f, &ev->start_mark),
		    "nested deeper than %d levels", PA_LIMIT_YAML_DEPTH);
		return;
	}
	fr = &f->stack[f->depth++];
	fr->node = node;
	fr->kind = kind;
	fr->have_key = false;
	fr->key_line = 0;
	fr->items = 0;
	pa_buf_clear(&fr->key);
	if (kind == FRAME_MAPPING && (fr->keys = xmlHashCreate(16)) == NULL)
		oom(f);
}

static void
pop(struct fm *f)
{
	struct frame *fr = &f->stack[--f->depth];

	xmlHashFree(fr->keys, NULL);
	fr->keys = NULL;
}

/* Skipping a bad key and its value: consume whole nodes. */
static void
skip_event(struct fm *f, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		f->skip_nest++;
		return;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (--f->skip_nest == 0)
			f->skip_count--;
		return;
	case YAML_SCALAR_EVENT:
		if (f->skip_nest == 0)
			f->skip_count--;
		return;
	default:
		return;
	}
}

static void
on_event(struct fm *f, const yaml_event_t *ev)
{
	struct frame *fr = f->depth > 0 ? &f->stack[f->depth - 1] : NULL;
	const yaml_char_t *anchor = NULL;
	xmlNode *n;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++f->documents > 1)
			fatal(f, "yaml-multiple-documents", line_of(f, &ev->start_mark),
			    "holds more than one YAML document");
		return;
	case YAML_ALIAS_EVENT:
		fatal(f, "yaml-alias", line_of(f, &ev->start_mark),
		    "aliases are not allowed (*%s)", (const char *)ev->data.alias.anchor);
		return;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		break;
	default:
		return;
	}
	if (anchor != NULL) {
		fatal(f, "yaml-alias", line_of(f, &ev->start_mark),
		    "anchors and aliases are not allowed (&%s)", (const char *)anchor);
		return;
	}
	if (ev->type == YAML_SCALAR_EVENT || ev->type == YAML_SEQUENCE_START_EVENT ||
	    ev->type == YAML_MAPPING_START_EVENT) {
		if (++f->nodes > PA_LIMIT_YAML_NODES) {
			fatal(f, "yaml-limit", line_of(f, &ev->start_mark),
			    "more than %d values", PA_LIMIT_YAML_NODES);
			return;
		}
	}
	if (f->skip_count > 0) {
		skip_event(f, ev);
		return;
	}

	if (fr == NULL) {
		/* the document's root */
		if (ev->type == YAML_MAPPING_START_EVENT)
			push(f, f->root, FRAME_MAPPING, ev);
		else if (!(ev->type == YAML_SCALAR_EVENT && is_null_scalar(ev)))
			fatal(f, "yaml-not-mapping", line_of(f, &ev->start_mark),
			    "the top level must be a mapping of keys to values");
		return;
	}
	if (ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT) {
		pop(f);
		return;
	}
	if (fr->kind == FRAME_MAPPING && !fr->have_key) {
		if (ev->type != YAML_SCALAR_EVENT) {
			pa_diag_add(f->diag, PA_DIAG_ERROR, "yaml-key-not-string", path_of(f),
			    line_of(f, &ev->start_mark), anchor_of(f),
			    "front matter: a key must be a string, not a %s; the entry is skipped",
			    ev->type == YAML_MAPPING_START_EVENT ? "mapping" : "sequence");
			f->skip_nest = 1;
			f->skip_count = 2;
			return;
		}
		pa_buf_clear(&fr->key);
		pa_buf_put(&fr->key, (const char *)ev->data.scalar.value, ev->data.scalar.length);
		if (pa_buf_oom(&fr->key)) {
			oom(f);
			return;
		}
		/* a NUL inside a key would cut the name: show it instead */
		if (memchr(fr->key.ptr, '\0', fr->key.size) != NULL) {
			struct pa_buf clean = PA_BUF_INIT;

			if (pa_text_sanitize(&clean, fr->key.ptr, fr->key.size, PA_TEXT_ONELINE) < 0) {
				pa_buf_dispose(&clean);
				oom(f);
				return;
			}
			pa_buf_clear(&fr->key);
			pa_buf_put(&fr->key, clean.ptr, clean.size);
			pa_buf_dispose(&clean);
		}
		fr->have_key = true;
		fr->key_line = line_of(f, &ev->start_mark);
		return;
	}
	if ((n = value_node(f, ev)) == NULL)
		return;
	if (ev->type == YAML_SCALAR_EVENT)
		return;
	if (pa_ev_set(n, "type", ev->type == YAML_SEQUENCE_START_EVENT ? "list" : "map") < 0) {
		oom(f);
		return;
	}
	push(f, n, ev->type == YAML_SEQUENCE_START_EVENT ? FRAME_SEQUENCE : FRAME_MAPPING, ev);
}

/* Line of a byte offset in the YAML text. */
static long
line_at(const struct fm *f, size_t offset)
{
	long line = f->first_line;
	size_t i;

	for (i = 0; i < offset && i < f->len; i++)
		if (f->yaml[i] == '\n')
			line++;
	return line;
}

/* Does the line holding `offset` contain a tab? (hint for indentation errors) */
static bool
line_has_tab(const struct fm *f, size_t offset)
{
	size_t a = offset < f->len ? offset : f->len, z = a;

	while (a > 0 && f->yaml[a - 1] != '\n')
		a--;
	while (z < f->len && f->yaml[z] != '\n')
		z++;
	return memchr(f->yaml + a, '\t', z - a) != NULL;
}

static void
parser_error(struct fm *f, const yaml_parser_t *p)
{
	struct pa_buf msg = PA_BUF_INIT;
	const char *code = "yaml-syntax";
	long line;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		oom(f);
		return;
	case YAML_READER_ERROR:
		code = "yaml-encoding";
		line = line_at(f, p->problem_offset);
		pa_buf_printf(&msg, "%s", p->problem ? p->problem : "unreadable input");
		if (p->problem_value >= 0x20 && p->problem_value < 0x7f)
			pa_buf_printf(&msg, " ('%c')", p->problem_value);
		else if (p->problem_value >= 0)
			pa_buf_printf(&msg, " (byte or character 0x%x)", (unsigned)p->problem_value);
		break;
	default:
		line = line_of(f, &p->problem_mark);
		pa_buf_printf(&msg, "%s", p->problem ? p->problem : "invalid YAML");
		if (p->context != NULL)
			pa_buf_printf(&msg, " %s (line %ld)", p->context,
			    line_of(f, &p->context_mark));
		if (line_has_tab(f, p->problem_mark.index))
			pa_buf_puts(&msg, "; tabs cannot indent YAML");
		break;
	}
	if (pa_buf_oom(&msg)) {
		oom(f);
	} else {
		fatal(f, code, line, "not valid YAML: %s", msg.ptr);
	}
	pa_buf_dispose(&msg);
}

int
pa_frontmatter_to_evidence(xmlNode *fm, bool *valid, const char *yaml, size_t len,
    long first_line, const struct pa_evsrc *from, struct pa_diag *diag)
{
	struct fm f = { .yaml = yaml, .len = len, .first_line = first_line, .from = from,
	    .diag = diag, .root = fm };
	yaml_parser_t parser;
	bool parser_open = false;
	const char *nul;
	int i;

	for (i = 0; i < PA_LIMIT_YAML_DEPTH; i++)
		pa_buf_init(&f.stack[i].key);
	if (len > PA_LIMIT_YAML_SIZE) {
		fatal(&f, "yaml-limit", first_line, "larger than %u bytes",
		    (unsigned)PA_LIMIT_YAML_SIZE);
		goto done;
	}
	if ((nul = memchr(yaml, '\0', len)) != NULL) {
		fatal(&f, "yaml-encoding", line_at(&f, (size_t)(nul - yaml)),
		    "holds a NUL byte");
		goto done;
	}
	if (!yaml_parser_initialize(&parser)) {
		oom(&f);
		goto done;
	}
	parser_open = true;
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	while (f.fatal == NULL && f.error == 0) {
		yaml_event_t ev;
		bool end;

		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(&f, &parser);
			break;
		}
		end = ev.type == YAML_STREAM_END_EVENT;
		on_event(&f, &ev);
		yaml_event_delete(&ev);
		if (end)
			break;
	}
done:
	if (parser_open)
		yaml_parser_delete(&parser);
	while (f.depth > 0)
		pop(&f);
	for (i = 0; i < PA_LIMIT_YAML_DEPTH; i++)
		pa_buf_dispose(&f.stack[i].key);
	if (f.error == 0 && f.fatal != NULL) {
		/* unusable: keep no half-read fields */
		while (fm->children != NULL) {
			xmlNode *c = fm->children;

			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		if (pa_ev_set(fm, "error", f.fatal) < 0)
			f.error = PA_ENOMEM;
	}
	*valid = f.fatal == NULL && f.error == 0;
	if (f.error)
		return pa_error_oom();
	return 0;
}
