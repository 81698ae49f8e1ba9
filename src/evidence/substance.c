/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Substantive words and placeholders in Markdown, judged against the templates of `pactaudit init`. */
#include "config.h"

#include "evidence/substance.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/card.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/file.h"
#include "util/vec.h"

#define TEMPLATE_DIR "rules/templates/init"
#define TEMPLATE_MAX (256u * 1024)	/* bytes of one template file */
#define WILDCARD '\x01'			/* an @TOKEN@ of a template line */

struct pa_templates {
	struct pa_vec lines;		/* normalised body lines without a token, sorted */
	struct pa_vec patterns;		/* normalised body lines with WILDCARDs */
	struct pa_vec headings;		/* normalised headings, sorted */
};

/* ---- normalising ---- */

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c >= 0x80;
}

/* p[0..n) in ASCII lower case, white space collapsed to one space, trimmed. */
static int
normalise(struct pa_buf *out, const char *p, size_t n)
{
	bool space = false;
	size_t i;
	char c;

	pa_buf_clear(out);
	for (i = 0; i < n; i++) {
		c = p[i];
		if (is_ws(c)) {
			space = out->size > 0;
			continue;
		}
		if (space)
			pa_buf_putc(out, ' ');
		space = false;
		pa_buf_putc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
	}
	return pa_buf_oom(out) ? pa_error_oom() : 0;
}

/* Replace each "@name@" (lower-case letters and '_') by WILDCARD, in place; any? */
static bool
wildcard_tokens(char *s)
{
	char *r = s, *w = s, *e;
	bool any = false;

	while (*r) {
		if (*r == '@') {
			for (e = r + 1; (*e >= 'a' && *e <= 'z') || *e == '_'; e++)
				;
			if (e > r + 1 && *e == '@') {
				*w++ = WILDCARD;
				r = e + 1;
				any = true;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
	return any;
}

/* Does s match the pattern (WILDCARD: any text, possibly none)? */
static bool
pattern_match(const char *pat, const char *s)
{
	const char *seg = pat, *end, *hit;
	size_t n, slen = strlen(s);
	bool first = true;

	for (;;) {
		end = strchr(seg, WILDCARD);
		n = end ? (size_t)(end - seg) : strlen(seg);
		if (first) {
			if (strncmp(s, seg, n) != 0)
				return false;
			s += n;
			slen -= n;
			first = false;
		} else if (end == NULL) {
			return slen >= n && strcmp(s + slen - n, seg) == 0;
		} else {
			char save[256];

			if (n == 0) {
				seg = end + 1;
				continue;
			}
			if (n >= sizeof(save))
				return false;
			memcpy(save, seg, n);
			save[n] = '\0';
			if ((hit = strstr(s, save)) == NULL)
				return false;
			slen -= (size_t)(hit + n - s);
			s = hit + n;
		}
		if (end == NULL)
			return slen == 0;
		seg = end + 1;
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
in_sorted(const struct pa_vec *v, const char *s)
{
	return v->count > 0 &&
	    bsearch(&s, v->items, v->count, sizeof(v->items[0]), cmp_str) != NULL;
}

/* ---- the templates ---- */

static int
add_norm(struct pa_vec *v, const struct pa_buf *norm)
{
	char *copy;

	if ((copy = pa_strdup(norm->ptr)) == NULL || pa_vec_push(v, copy) < 0) {
		free(copy);
		return pa_error_oom();
	}
	return 0;
}

/*
 * The next line of p[0..n) from *pos that is not blank, normalised into
 * norm: 1, or 0 at the end, < 0 on OOM.
 */
static int
next_line(struct pa_buf *norm, const char *p, size_t n, size_t *pos)
{
	struct pa_md_line l;
	int error;

	while (pa_md_get_line(p, n, *pos, 1, &l)) {
		*pos = l.next;
		if (pa_md_blank(l.p, l.n))
			continue;
		if ((error = normalise(norm, l.p, l.n)) < 0)
			return error;
		return 1;
	}
	return 0;
}

/* The body lines of p[0..n) that are not blank. */
static int
add_lines(struct pa_templates *t, struct pa_buf *norm, const char *p, size_t n)
{
	size_t pos = 0;
	int more, error;

	while ((more = next_line(norm, p, n, &pos)) > 0)
		if ((error = add_norm(wildcard_tokens(norm->ptr) ? &t->patterns : &t->lines,
		    norm)) < 0)
			return error;
	return more;
}

static int
add_template(struct pa_templates *t, const char *path)
{
	struct pa_buf data = PA_BUF_INIT, norm = PA_BUF_INIT;
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_card_parts parts;
	struct pa_md md = { 0 };
	const char *body;
	size_t i, blen;
	int error;

	if ((error = pa_file_read(&data, path, TEMPLATE_MAX, 1)) < 0)
		goto done;
	pa_card_split(&parts, data.ptr, data.size, path, &diag);
	body = data.ptr + parts.body;
	blen = data.size - parts.body;
	if ((error = pa_markdown_parse(&md, body, blen, 1)) < 0)
		goto done;
	if (md.count > 0)
		error = add_lines(t, &norm, body, md.sections[0].start);
	else
		error = add_lines(t, &norm, body, blen);
	for (i = 0; i < md.count && error == 0; i++) {
		const struct pa_md_section *s = &md.sections[i];

		if ((error = normalise(&norm, s->text, s->len)) < 0 ||
		    (error = add_norm(&t->headings, &norm)) < 0)
			break;
		error = add_lines(t, &norm, body + s->body_start, s->body_end - s->body_start);
	}
done:
	pa_md_dispose(&md);
	pa_diag_dispose(&diag);
	pa_buf_dispose(&norm);
	pa_buf_dispose(&data);
	return error;
}

/*
 * The .md files of folder `rel` (below the template root in *path), or
 * with cards set, the README.md of each of its subfolders.
 */
static int
add_folder(struct pa_templates *t, struct pa_buf *path, const char *rel, bool cards)
{
	size_t base = path->size;
	struct dirent *de;
	struct pa_vec names = PA_VEC_INIT;
	DIR *dir;
	size_t i, n;
	int error = 0;

	if ((error = pa_buf_printf(path, "/%s", rel)) < 0)
		return error;
	if ((dir = opendir(path->ptr)) == NULL) {
		error = errno == ENOENT ? 0 : pa_error_from_os("cannot open template folder",
		    path->ptr);
		pa_buf_truncate(path, base);
		return error;
	}
	while ((de = readdir(dir)) != NULL && error == 0) {
		char *name;

		n = strlen(de->d_name);
		if (de->d_name[0] == '.' || (!cards && (n < 4 || strcmp(de->d_name + n - 3, ".md") != 0)))
			continue;
		if ((name = pa_strdup(de->d_name)) == NULL || pa_vec_push(&names, name) < 0) {
			free(name);
			error = pa_error_oom();
		}
	}
	closedir(dir);
	/* in name order, so the same templates always load the same way */
	if (names.count > 1)
		qsort(names.items, names.count, sizeof(names.items[0]), cmp_str);
	for (i = 0; i < names.count && error == 0; i++) {
		pa_buf_truncate(path, base);
		if ((error = pa_buf_printf(path, "/%s/%s%s", rel, (char *)names.items[i],
		    cards ? "/README.md" : "")) < 0)
			break;
		error = add_template(t, path->ptr);
		if (cards && error == PA_ENOTFOUND) {
			pa_error_clear();
			error = 0;
		}
	}
	pa_vec_dispose(&names, free);
	pa_buf_truncate(path, base);
	return error;
}

void
pa_templates_free(struct pa_templates *t)
{
	if (t == NULL)
		return;
	pa_vec_dispose(&t->lines, free);
	pa_vec_dispose(&t->patterns, free);
	pa_vec_dispose(&t->headings, free);
	free(t);
}

int
pa_templates_load(struct pa_templates **out)
{
	struct pa_templates *t;
	struct pa_buf path = PA_BUF_INIT;
	size_t root;
	int error;

	*out = NULL;
	if ((t = pa_calloc(1, sizeof(*t))) == NULL)
		return pa_error_oom();
	if ((error = pa_datadir_path(&path, TEMPLATE_DIR)) < 0)
		goto done;
	root = path.size;
	if ((error = pa_buf_puts(&path, "/README.md")) < 0)
		goto done;
	if ((error = add_template(t, path.ptr)) < 0)
		goto done;
	pa_buf_truncate(&path, root);
	if ((error = add_folder(t, &path, "docs", false)) < 0 ||
	    (error = add_folder(t, &path, "models", true)) < 0 ||
	    (error = add_folder(t, &path, "datasets", true)) < 0)
		goto done;
	if (t->lines.count > 1)
		qsort(t->lines.items, t->lines.count, sizeof(t->lines.items[0]), cmp_str);
	if (t->headings.count > 1)
		qsort(t->headings.items, t->headings.count, sizeof(t->headings.items[0]), cmp_str);
	*out = t;
	t = NULL;
done:
	pa_buf_dispose(&path);
	pa_templates_free(t);
	return error;
}

static pthread_once_t shared_once = PTHREAD_ONCE_INIT;
static struct pa_templates *shared;
static char shared_error[512];

static void
load_shared(void)
{
	const char *msg;

	if (pa_templates_load(&shared) < 0) {
		shared = NULL;
		msg = pa_error_last();
		snprintf(shared_error, sizeof(shared_error), "%s",
		    msg ? msg : "cannot load the dossier templates");
	}
}

int
pa_templates_shared(const struct pa_templates **out)
{
	pthread_once(&shared_once, load_shared);
	if (shared == NULL)
		return pa_error_set(PA_ERRCLASS_INTERNAL, "%s", shared_error);
	*out = shared;
	return 0;
}

/* ---- judging ---- */

/* Markers found as a substring of the normalised line. */
static const char *const marker_text[] = {
	"to be written", "to be completed", "lorem ipsum", "name of the signatory",
	"example.com", "example.org", "example.net",
	"0000000000000000000000000000000000000000",
	"example-model", "example-dataset", "example-org", "example-base", "example-system",
};
/* Markers found as a whole word. */
static const char *const marker_word[] = { "todo", "tbd", "fixme" };

struct facts {
	long words;
	bool tmpl;		/* template text seen */
	const char *marker;	/* first marker, or NULL */
};

static bool
word_at(const char *s, size_t len, size_t i, size_t n)
{
	return (i == 0 || !is_word_byte((unsigned char)s[i - 1])) &&
	    (i + n == len || !is_word_byte((unsigned char)s[i + n]));
}

static const char *
find_marker(const char *s, size_t len)
{
	const char *hit;
	size_t i, k, n;

	for (k = 0; k < sizeof(marker_text) / sizeof(marker_text[0]); k++)
		if (strstr(s, marker_text[k]) != NULL)
			return k == 7 ? "all-zero fingerprint" : marker_text[k];
	for (k = 0; k < sizeof(marker_word) / sizeof(marker_word[0]); k++) {
		n = strlen(marker_word[k]);
		for (hit = s; (hit = strstr(hit, marker_word[k])) != NULL; hit++) {
			i = (size_t)(hit - s);
			if (word_at(s, len, i, n))
				return k == 0 ? "TODO" : k == 1 ? "TBD" : "FIXME";
		}
	}
	return NULL;
}

static long
count_words(const char *s, size_t n)
{
	size_t i = 0, j;
	long words = 0;

	while (i < n) {
		if (!is_word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		for (j = i; j < n && is_word_byte((unsigned char)s[j]); j++)
			;
		if (j - i >= 2 || (s[i] >= '0' && s[i] <= '9'))
			words++;
		i = j;
	}
	return words;
}

static bool
is_template_line(const struct pa_templates *t, const char *s)
{
	size_t i;

	if (t == NULL)
		return false;
	if (in_sorted(&t->lines, s))
		return true;
	for (i = 0; i < t->patterns.count; i++)
		if (pattern_match(t->patterns.items[i], s))
			return true;
	return false;
}

static int
judge_range(struct facts *f, struct pa_buf *norm, const char *p, size_t n,
    const struct pa_templates *t)
{
	const char *marker;
	size_t pos = 0;
	int more;

	memset(f, 0, sizeof(*f));
	while ((more = next_line(norm, p, n, &pos)) > 0) {
		if (is_template_line(t, norm->ptr)) {
			f->tmpl = true;
			continue;
		}
		if ((marker = find_marker(norm->ptr, norm->size)) != NULL) {
			if (f->marker == NULL)
				f->marker = marker;
			continue;
		}
		f->words += count_words(norm->ptr, norm->size);
	}
	return more;
}

static void
set_marker(struct pa_substance_part *p, const char *marker)
{
	p->placeholder = "marker";
	snprintf(p->marker, sizeof(p->marker), "%s", marker);
}

int
pa_substance_judge(struct pa_substance *out, const struct pa_md *md, const char *data,
    size_t len, const struct pa_templates *t)
{
	struct pa_buf norm = PA_BUF_INIT;
	struct facts *own = NULL, pre;
	bool *tmpl_heading = NULL, doc_tmpl;
	const char *doc_marker;
	size_t i, j, count = md->count;
	int error;

	memset(out, 0, sizeof(*out));
	if (count > 0 && ((own = pa_calloc(count, sizeof(*own))) == NULL ||
	    (tmpl_heading = pa_calloc(count, sizeof(*tmpl_heading))) == NULL ||
	    (out->sections = pa_calloc(count, sizeof(*out->sections))) == NULL)) {
		error = pa_error_oom();
		goto done;
	}
	out->count = count;
	if ((error = judge_range(&pre, &norm, data, count > 0 ? md->sections[0].start : len,
	    t)) < 0)
		goto done;
	out->doc.words = pre.words;
	doc_tmpl = pre.tmpl;
	doc_marker = pre.marker;
	for (i = 0; i < count; i++) {
		const struct pa_md_section *s = &md->sections[i];
		size_t end = s->body_end > len ? len : s->body_end;

		if ((error = judge_range(&own[i], &norm, data + s->body_start,
		    end > s->body_start ? end - s->body_start : 0, t)) < 0 ||
		    (error = normalise(&norm, s->text, s->len)) < 0)
			goto done;
		tmpl_heading[i] = t != NULL && in_sorted(&t->headings, norm.ptr);
		out->doc.words += own[i].words;
		doc_tmpl = doc_tmpl || own[i].tmpl || tmpl_heading[i];
		if (doc_marker == NULL)
			doc_marker = own[i].marker;
	}
	for (i = 0; i < count; i++) {
		struct pa_substance_part *p = &out->sections[i];
		bool tmpl = own[i].tmpl;

		p->words = own[i].words;
		for (j = i + 1; j < count && md->sections[j].level > md->sections[i].level; j++) {
			p->words += own[j].words;
			tmpl = tmpl || own[j].tmpl;
		}
		if (own[i].marker != NULL)
			set_marker(p, own[i].marker);
		else if (p->words == 0)
			p->placeholder = tmpl ? "template" : "empty";
	}
	if (out->doc.words == 0) {
		if (doc_marker != NULL)
			set_marker(&out->doc, doc_marker);
		else
			out->doc.placeholder = doc_tmpl ? "template" : "empty";
	}
done:
	free(own);
	free(tmpl_heading);
	pa_buf_dispose(&norm);
	if (error < 0)
		pa_substance_dispose(out);
	return error;
}

void
pa_substance_dispose(struct pa_substance *s)
{
	free(s->sections);
	memset(s, 0, sizeof(*s));
}
