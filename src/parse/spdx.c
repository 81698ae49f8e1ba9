/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX licence expression parser: recursive descent over a small lexer, with byte offsets for errors. */
#include "config.h"

#include "parse/spdx.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/limits.h"

enum tok {
	TOK_END,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_PLUS,
	TOK_AND,
	TOK_OR,
	TOK_WITH,
	TOK_WORD
};

struct parser {
	const char *s;
	size_t len;
	size_t pos;		/* next byte to lex */
	/* current token */
	enum tok tok;
	size_t toff, tlen;
	bool spaced;		/* whitespace came before the current token */
	int depth;
	int error;		/* 0, PA_EINVALID, PA_ELIMIT or PA_ENOMEM */
	struct pa_spdx_error err;
};

static const char *const type_names[] = {
	[PA_SPDX_LICENSE] = "license",
	[PA_SPDX_LICENSE_REF] = "license-ref",
	[PA_SPDX_NONE] = "none",
	[PA_SPDX_NOASSERTION] = "noassertion",
	[PA_SPDX_EXCEPTION] = "exception",
	[PA_SPDX_ADDITION_REF] = "addition-ref",
	[PA_SPDX_WITH] = "with",
	[PA_SPDX_AND] = "and",
	[PA_SPDX_OR] = "or",
};
_Static_assert(sizeof(type_names) / sizeof(type_names[0]) == PA_SPDX_OR + 1,
    "type_names covers every node type");

const char *
pa_spdx_type_name(enum pa_spdx_type type)
{
	return (unsigned)type <= PA_SPDX_OR ? type_names[type] : "?";
}

static int
fail(struct parser *p, int code, size_t offset, const char *message)
{
	if (p->error == 0) {
		p->error = code;
		p->err.offset = offset;
		p->err.message = message;
	}
	return code;
}

static bool
is_idchar(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static bool
word_is(const struct parser *p, const char *upper)
{
	size_t n = strlen(upper);

	return p->tlen == n && strncasecmp(p->s + p->toff, upper, n) == 0;
}

/* An operator word is AND/and (etc.); "And" is refused. */
static int
classify_operator(struct parser *p)
{
	static const struct {
		const char *upper, *lower;
		enum tok tok;
	} ops[] = {
		{ "AND", "and", TOK_AND },
		{ "OR", "or", TOK_OR },
		{ "WITH", "with", TOK_WITH },
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (!word_is(p, ops[i].upper))
			continue;
		if (strncmp(p->s + p->toff, ops[i].upper, p->tlen) != 0 &&
		    strncmp(p->s + p->toff, ops[i].lower, p->tlen) != 0)
			return fail(p, PA_EINVALID, p->toff,
			    "operators must be written all upper-case or all lower-case");
		p->tok = ops[i].tok;
		return 0;
	}
	return 0;
}

static int
next(struct parser *p)
{
	unsigned char c;

	p->spaced = false;
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')) {
		p->pos++;
		p->spaced = true;
	}
	p->toff = p->pos;
	p->tlen = 0;
	if (p->pos >= p->len) {
		p->tok = TOK_END;
		return 0;
	}
	c = (unsigned char)p->s[p->pos];
	switch (c) {
	case '(':
		p->tok = TOK_LPAREN;
		break;
	case ')':
		p->tok = TOK_RPAREN;
		break;
	case '+':
		p->tok = TOK_PLUS;
		break;
	case '\n':
	case '\r':
		return fail(p, PA_EINVALID, p->pos, "an expression must be on one line");
	default:
		if (!is_idchar(c) && c != ':')
			return fail(p, PA_EINVALID, p->pos, "unexpected character");
		while (p->pos < p->len &&
		    (is_idchar((unsigned char)p->s[p->pos]) || p->s[p->pos] == ':'))
			p->pos++;
		p->tok = TOK_WORD;
		p->tlen = p->pos - p->toff;
		return classify_operator(p);
	}
	p->pos++;
	p->tlen = 1;
	return 0;
}

static struct pa_spdx_node *
node_new(struct parser *p, enum pa_spdx_type type, size_t offset, size_t len)
{
	struct pa_spdx_node *n = pa_calloc(1, sizeof(*n));

	if (n == NULL) {
		fail(p, PA_ENOMEM, offset, "out of memory");
		return NULL;
	}
	n->type = type;
	n->offset = offset;
	n->len = len;
	return n;
}

void
pa_spdx_free(struct pa_spdx_node *node)
{
	/* Loop down the left spine (long AND/OR chains), recurse on the right. */
	while (node != NULL) {
		struct pa_spdx_node *left = node->left;

		pa_spdx_free(node->right);
		free(node->id);
		free(node->document);
		free(node);
		node = left;
	}
}

static bool
valid_idstring(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!is_idchar((unsigned char)s[i]))
			return false;
	return true;
}

static bool
has_prefix_exact(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && memcmp(s, prefix, k) == 0;
}

static bool
has_prefix_nocase(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/*
 * Check a "<Prefix><idstring>" reference at s[0..n) (offset off in the
 * input).  The prefix is case-sensitive; a prefix in another case is an
 * error that says so.
 */
static int
check_ref(struct parser *p, const char *s, size_t n, size_t off, const char *prefix,
    const char *wrong_case)
{
	size_t k = strlen(prefix);

	if (!has_prefix_exact(s, n, prefix))
		return fail(p, PA_EINVALID, off, wrong_case);
	if (!valid_idstring(s + k, n - k))
		return fail(p, PA_EINVALID, off + k,
		    "a reference needs letters, digits, '-' or '.' after its prefix");
	return 0;
}

/*
 * Turn the current word into a leaf.  `addition` says whether it stands
 * right of WITH.  Refs may carry "DocumentRef-x:".
 */
static struct pa_spdx_node *
word_leaf(struct parser *p, bool addition)
{
	const char *w = p->s + p->toff;
	size_t n = p->tlen, off = p->toff;
	const char *colon = memchr(w, ':', n);
	const char *ref = w;
	size_t refn = n, refoff = off;
	struct pa_spdx_node *leaf = NULL;
	enum pa_spdx_type type;

	if (colon != NULL) {
		size_t dn = (size_t)(colon - w);

		if (!has_prefix_nocase(w, dn, "DocumentRef-")) {
			fail(p, PA_EINVALID, off, "':' may only follow a DocumentRef- prefix");
			return NULL;
		}
		if (check_ref(p, w, dn, off, "DocumentRef-",
		    "write the prefix exactly as DocumentRef-") < 0)
			return NULL;
		ref = colon + 1;
		refn = n - dn - 1;
		refoff = off + dn + 1;
		if (memchr(ref, ':', refn) != NULL) {
			fail(p, PA_EINVALID, refoff, "only one ':' is allowed in a reference");
			return NULL;
		}
		if (!has_prefix_nocase(ref, refn, addition ? "AdditionRef-" : "LicenseRef-")) {
			fail(p, PA_EINVALID, refoff, addition ?
			    "a DocumentRef- right of WITH must name an AdditionRef-" :
			    "a DocumentRef- must name a LicenseRef-");
			return NULL;
		}
	}

	if (has_prefix_nocase(ref, refn, "LicenseRef-")) {
		if (addition) {
			fail(p, PA_EINVALID, refoff,
			    "a LicenseRef- cannot follow WITH (use an exception id or AdditionRef-)");
			return NULL;
		}
		if (check_ref(p, ref, refn, refoff, "LicenseRef-",
		    "write the prefix exactly as LicenseRef-") < 0)
			return NULL;
		type = PA_SPDX_LICENSE_REF;
	} else if (has_prefix_nocase(ref, refn, "AdditionRef-")) {
		if (!addition) {
			fail(p, PA_EINVALID, refoff, "an AdditionRef- may only follow WITH");
			return NULL;
		}
		if (check_ref(p, ref, refn, refoff, "AdditionRef-",
		    "write the prefix exactly as AdditionRef-") < 0)
			return NULL;
		type = PA_SPDX_ADDITION_REF;
	} else if (has_prefix_nocase(ref, refn, "DocumentRef-")) {
		fail(p, PA_EINVALID, refoff, "a DocumentRef- must be followed by ':' and a reference");
		return NULL;
	} else if (n == 4 && memcmp(w, "NONE", 4) == 0) {
		type = PA_SPDX_NONE;
	} else if (n == 11 && memcmp(w, "NOASSERTION", 11) == 0) {
		type = PA_SPDX_NOASSERTION;
	} else {
		if (!valid_idstring(w, n)) {
			fail(p, PA_EINVALID, off, "unexpected character");
			return NULL;
		}
		type = addition ? PA_SPDX_EXCEPTION : PA_SPDX_LICENSE;
	}
	if (addition && (type == PA_SPDX_NONE || type == PA_SPDX_NOASSERTION)) {
		fail(p, PA_EINVALID, off, "NONE and NOASSERTION cannot follow WITH");
		return NULL;
	}

	if ((leaf = node_new(p, type, off, n)) == NULL)
		return NULL;
	if ((leaf->id = pa_strndup(ref, refn)) == NULL ||
	    (colon != NULL && (leaf->document = pa_strndup(w, (size_t)(colon - w))) == NULL)) {
		fail(p, PA_ENOMEM, off, "out of memory");
		pa_spdx_free(leaf);
		return NULL;
	}
	return leaf;
}

static struct pa_spdx_node *parse_or(struct parser *p);

/* simple-expression with optional "+", or "(" or-expression ")" */
static struct pa_spdx_node *
parse_primary(struct parser *p, bool *grouped)
{
	struct pa_spdx_node *n = NULL;
	size_t open;

	*grouped = false;
	switch (p->tok) {
	case TOK_LPAREN:
		open = p->toff;
		if (++p->depth > PA_LIMIT_SPDX_DEPTH) {
			fail(p, PA_ELIMIT, p->toff, "parentheses nested too deeply");
			return NULL;
		}
		if (next(p) < 0 || (n = parse_or(p)) == NULL)
			return NULL;
		if (p->tok != TOK_RPAREN) {
			fail(p, PA_EINVALID, p->tok == TOK_END ? open : p->toff,
			    p->tok == TOK_END ? "unclosed '('" : "expected ')'");
			pa_spdx_free(n);
			return NULL;
		}
		p->depth--;
		/* the group spans the parentheses too */
		n->offset = open;
		n->len = p->toff + 1 - open;
		*grouped = true;
		if (next(p) < 0) {
			pa_spdx_free(n);
			return NULL;
		}
		return n;
	case TOK_WORD:
		if ((n = word_leaf(p, false)) == NULL)
			return NULL;
		if (next(p) < 0) {
			pa_spdx_free(n);
			return NULL;
		}
		if (p->tok == TOK_PLUS) {
			if (p->spaced) {
				fail(p, PA_EINVALID, p->toff, "no space is allowed before '+'");
			} else if (n->type != PA_SPDX_LICENSE) {
				fail(p, PA_EINVALID, p->toff, "'+' may only follow a licence id");
			} else {
				n->plus = true;
				n->len++;
				if (next(p) == 0 && p->tok == TOK_PLUS)
					fail(p, PA_EINVALID, p->toff, "only one '+' is allowed");
			}
			if (p->error) {
				pa_spdx_free(n);
				return NULL;
			}
		}
		return n;
	case TOK_END:
		fail(p, PA_EINVALID, p->toff, "expression ends where a licence was expected");
		return NULL;
	case TOK_RPAREN:
		fail(p, PA_EINVALID, p->toff, "expected a licence before ')'");
		return NULL;
	case TOK_PLUS:
		fail(p, PA_EINVALID, p->toff, "'+' must follow a licence id");
		return NULL;
	default:
		fail(p, PA_EINVALID, p->toff, "expected a licence, found an operator");
		return NULL;
	}
}

static struct pa_spdx_node *
binary(struct parser *p, enum pa_spdx_type type, struct pa_spdx_node *l,
    struct pa_spdx_node *r)
{
	struct pa_spdx_node *n;

	if ((n = node_new(p, type, l->offset, r->offset + r->len - l->offset)) == NULL) {
		pa_spdx_free(l);
		pa_spdx_free(r);
		return NULL;
	}
	n->left = l;
	n->right = r;
	return n;
}

static struct pa_spdx_node *
parse_with(struct parser *p)
{
	struct pa_spdx_node *l, *r;
	bool grouped;

	if ((l = parse_primary(p, &grouped)) == NULL)
		return NULL;
	if (p->tok != TOK_WITH)
		return l;
	if (grouped || (l->type != PA_SPDX_LICENSE && l->type != PA_SPDX_LICENSE_REF)) {
		fail(p, PA_EINVALID, p->toff, l->type == PA_SPDX_NONE ||
		    l->type == PA_SPDX_NOASSERTION ?
		    "NONE and NOASSERTION cannot take WITH" :
		    "WITH needs a single licence on its left");
		pa_spdx_free(l);
		return NULL;
	}
	if (next(p) < 0) {
		pa_spdx_free(l);
		return NULL;
	}
	if (p->tok != TOK_WORD) {
		fail(p, PA_EINVALID, p->toff, "WITH must be followed by an exception id");
		pa_spdx_free(l);
		return NULL;
	}
	if ((r = word_leaf(p, true)) == NULL) {
		pa_spdx_free(l);
		return NULL;
	}
	if (next(p) < 0) {
		pa_spdx_free(l);
		pa_spdx_free(r);
		return NULL;
	}
	if (p->tok == TOK_PLUS) {
		fail(p, PA_EINVALID, p->toff, "'+' may only follow a licence id");
	} else if (p->tok == TOK_WITH) {
		fail(p, PA_EINVALID, p->toff, "only one WITH is allowed per licence");
	}
	if (p->error) {
		pa_spdx_free(l);
		pa_spdx_free(r);
		return NULL;
	}
	return binary(p, PA_SPDX_WITH, l, r);
}

static struct pa_spdx_node *
parse_and(struct parser *p)
{
	struct pa_spdx_node *l, *r;

	if ((l = parse_with(p)) == NULL)
		return NULL;
	while (p->tok == TOK_AND) {
		if (next(p) < 0 || (r = parse_with(p)) == NULL) {
			pa_spdx_free(l);
			return NULL;
		}
		if ((l = binary(p, PA_SPDX_AND, l, r)) == NULL)
			return NULL;
	}
	return l;
}

static struct pa_spdx_node *
parse_or(struct parser *p)
{
	struct pa_spdx_node *l, *r;

	if ((l = parse_and(p)) == NULL)
		return NULL;
	while (p->tok == TOK_OR) {
		if (next(p) < 0 || (r = parse_and(p)) == NULL) {
			pa_spdx_free(l);
			return NULL;
		}
		if ((l = binary(p, PA_SPDX_OR, l, r)) == NULL)
			return NULL;
	}
	return l;
}

/* NONE and NOASSERTION may be combined with AND only: find one under an OR. */
static const struct pa_spdx_node *
special_under_or(const struct pa_spdx_node *n, bool under_or)
{
	while (n != NULL) {
		const struct pa_spdx_node *hit;

		if ((n->type == PA_SPDX_NONE || n->type == PA_SPDX_NOASSERTION) && under_or)
			return n;
		if (n->type == PA_SPDX_OR)
			under_or = true;
		if ((hit = special_under_or(n->right, under_or)) != NULL)
			return hit;
		n = n->left;
	}
	return NULL;
}

int
pa_spdx_parse(struct pa_spdx_node **out, const char *expr, size_t len,
    struct pa_spdx_error *err)
{
	struct parser p = { .s = expr, .len = len };
	struct pa_spdx_node *root = NULL;
	const struct pa_spdx_node *bad;

	*out = NULL;
	if (len > PA_LIMIT_SPDX_LEN) {
		fail(&p, PA_ELIMIT, PA_LIMIT_SPDX_LEN, "expression longer than the limit");
		goto done;
	}
	if (next(&p) < 0)
		goto done;
	if (p.tok == TOK_END) {
		fail(&p, PA_EINVALID, 0, "empty expression");
		goto done;
	}
	if ((root = parse_or(&p)) == NULL)
		goto done;
	if (p.tok != TOK_END) {
		fail(&p, PA_EINVALID, p.toff, p.tok == TOK_RPAREN ? "unbalanced ')'" :
		    p.tok == TOK_WORD ? "expected an operator (AND, OR, WITH) between licences" :
		    p.tok == TOK_LPAREN ? "expected an operator before '('" :
		    p.tok == TOK_PLUS ? "'+' may only follow a licence id" :
		    "expected the end of the expression");
		goto done;
	}
	if ((bad = special_under_or(root, false)) != NULL) {
		fail(&p, PA_EINVALID, bad->offset, "NONE and NOASSERTION may only be combined with AND");
		goto done;
	}
	*out = root;
	root = NULL;
done:
	pa_spdx_free(root);
	if (p.error == PA_ENOMEM)
		pa_error_oom();
	if (err != NULL)
		*err = p.error ? p.err : (struct pa_spdx_error){ 0, NULL };
	return p.error;
}

static int
prec(enum pa_spdx_type t)
{
	return t == PA_SPDX_OR ? 1 : t == PA_SPDX_AND ? 2 : 3;
}

static void
write_node(struct pa_buf *out, const struct pa_spdx_node *n, int parent_prec)
{
	bool paren;

	if (n->type != PA_SPDX_AND && n->type != PA_SPDX_OR) {
		if (n->type == PA_SPDX_WITH) {
			write_node(out, n->left, 3);
			pa_buf_puts(out, " WITH ");
			write_node(out, n->right, 3);
			return;
		}
		if (n->document != NULL) {
			pa_buf_puts(out, n->document);
			pa_buf_putc(out, ':');
		}
		pa_buf_puts(out, n->id);
		if (n->plus)
			pa_buf_putc(out, '+');
		return;
	}
	paren = prec(n->type) < parent_prec;
	if (paren)
		pa_buf_putc(out, '(');
	/* left operand of the same operator needs no parentheses */
	write_node(out, n->left, prec(n->type));
	pa_buf_puts(out, n->type == PA_SPDX_AND ? " AND " : " OR ");
	/* right operand: a chain of the same operator is written flat too */
	write_node(out, n->right, prec(n->type));
	if (paren)
		pa_buf_putc(out, ')');
}

int
pa_spdx_write(struct pa_buf *out, const struct pa_spdx_node *node)
{
	write_node(out, node, 0);
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}
