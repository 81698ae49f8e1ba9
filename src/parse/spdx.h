/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SPDX licence expressions (SPDX 2.3 Annex D / 3.0): lexer and parser to an AST with byte offsets. */
#ifndef PA_PARSE_SPDX_H
#define PA_PARSE_SPDX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

enum pa_spdx_type {
	PA_SPDX_LICENSE,	/* license-id, possibly with "+" */
	PA_SPDX_LICENSE_REF,	/* [DocumentRef-x:]LicenseRef-y */
	PA_SPDX_NONE,		/* NONE */
	PA_SPDX_NOASSERTION,	/* NOASSERTION */
	PA_SPDX_EXCEPTION,	/* license-exception-id (right of WITH) */
	PA_SPDX_ADDITION_REF,	/* [DocumentRef-x:]AdditionRef-y (right of WITH) */
	PA_SPDX_WITH,		/* left: a licence leaf; right: an exception/addition leaf */
	PA_SPDX_AND,
	PA_SPDX_OR
};

/*
 * One node of a parsed expression.  Leaves have `id` (the identifier as
 * written, without "+" and without the DocumentRef- part); operators have
 * `left` and `right`.  `offset`/`len` give the bytes of the input the node
 * spans.
 */
struct pa_spdx_node {
	enum pa_spdx_type type;
	size_t offset, len;
	char *id;		/* leaves: owned, NUL-terminated */
	char *document;		/* "DocumentRef-x" of a reference, or NULL */
	bool plus;		/* PA_SPDX_LICENSE written with "+" */
	struct pa_spdx_node *left, *right;
};

/* Why an expression was refused: a static message and the byte offset it is about. */
struct pa_spdx_error {
	size_t offset;
	const char *message;
};

/*
 * Parse `len` bytes of `expr` (which need not be NUL-terminated and may
 * hold NUL bytes).  On success *out is the tree (free with
 * pa_spdx_free).  Operators are AND, OR, WITH in upper or lower case;
 * precedence "+" > WITH > AND > OR; parentheses group.  Returns
 * PA_EINVALID for a malformed expression and PA_ELIMIT when it is longer
 * than PA_LIMIT_SPDX_LEN or nests deeper than PA_LIMIT_SPDX_DEPTH (err,
 * if not NULL, says why and where; *out is NULL), PA_ENOMEM on OOM.
 */
int pa_spdx_parse(struct pa_spdx_node **out, const char *expr, size_t len,
    struct pa_spdx_error *err);
void pa_spdx_free(struct pa_spdx_node *node);

/*
 * Append the expression in canonical form to out: operators upper-case,
 * one space around them, parentheses only where precedence needs them,
 * leaves as their `document`, `id` and "+" say.  0 or PA_ENOMEM.
 */
int pa_spdx_write(struct pa_buf *out, const struct pa_spdx_node *node);

/* Name of a node type ("license", "and", ...), for tests and debugging. */
const char *pa_spdx_type_name(enum pa_spdx_type type);

#endif
