/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rule packs (urn:pactaudit:rules:1): loading, validation, the rules, vocabularies and data tables. */
#ifndef PA_RULES_PACK_H
#define PA_RULES_PACK_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "results/results.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/digest.h"

#define PA_RULES_NS "urn:pactaudit:rules:1"
#define PA_XPATHFN_NS "urn:pactaudit:xpath:1"

enum pa_rule_phase {
	PA_RULE_PHASE_CLASSIFY,		/* runs first, writes tier / gpai */
	PA_RULE_PHASE_OBLIGATION
};

/* One <ref>: the legal provision a rule applies. */
struct pa_rule_ref {
	const char *act;	/* "2024/1689" (default), another act, "ai-pact" or "policy" */
	const char *article, *paragraph, *subparagraph, *point;
	const char *annex, *section, *commitment;
	const char *doc;	/* act="policy": the man page stating the requirement */
};

/*
 * One rule.  Every pointer is borrowed from the pack (valid until
 * pa_rulepack_free()); optional parts are NULL when absent.
 */
struct pa_rule {
	const char *id;
	const char *pack;		/* the pack's id */
	const char *file;		/* the pack file it came from */
	long line;			/* line of <rule> */
	enum pa_severity severity;
	bool waivable;			/* waivable="false" for Art. 5 */
	bool heuristic;			/* heuristic="true": judges headings or text, not substance */
	enum pa_rule_phase phase;
	const char *title;
	const struct pa_rule_ref *refs;	/* ref_count >= 1; refs[0] is the main one */
	size_t ref_count;
	const char *ref_text;		/* refs formatted, "Art. 5(1)(a)" ("; " between several) */
	const char *applies_from;	/* YYYY-MM-DD */
	const char *applies_until;	/* YYYY-MM-DD (last day it applies), or NULL */
	const char *context;		/* XPath */
	const char *applicable;		/* XPath, or NULL */
	const char *assertion;		/* XPath of <assert> (false => finding) or <fires-if> */
	bool fires_if;			/* <fires-if>: true => finding */
	const char *use_case;		/* use-case= (ref, date and tier from the term), or NULL */
	const char *location;		/* XPath, or NULL */
	const char *classify_attribute;	/* "tier" / "gpai" (classify phase), else NULL */
	const char *classify_value;
	bool classify_report;		/* a classification is also a finding */
	const xmlNode *message;		/* the <message> template (text + <value-of select=>) */
	const char *message_text;	/* the template as text, value-of shown as {XPath} */
	const char *remedy;		/* whitespace collapsed, or NULL */
	const char *note;		/* or NULL */
	const xmlNode *element;		/* the <rule> element itself */
};

struct pa_rulepack;

/*
 * Load every rule file of `dir` (pactaudit-rules(5)): DIR/NAME.xml (rule packs),
 * vocab/NAME.xml (vocabularies) and data/NAME.xml (the accelerator table), each
 * parsed as a trusted file, validated against rules/schema/rules.rng and
 * checked: unique ids across packs, every XPath compiles (prefixes e and
 * pa, the extension functions with their arity), dates, severity, phase,
 * references.  Every problem goes to diag (may be NULL) as "file:line";
 * on any problem the return is PA_EINVALID with the first one as the
 * message ("file:line: message").  Caller frees with pa_rulepack_free.
 */
int pa_rulepack_load(struct pa_rulepack **out, const char *dir, struct pa_diag *diag);

/* One rule file already in memory (borrowed for the call). */
struct pa_rulepack_file {
	const char *path;	/* as named in messages */
	const char *rel;	/* relative to the rule folder: order and digest */
	const char *data;
	size_t len;
};
/*
 * The same from files in memory (pa_rulepack_load reads the folder, then
 * calls this); label names the set in messages.  Used by the fuzz target.
 */
int pa_rulepack_load_files(struct pa_rulepack **out, const char *label,
    const struct pa_rulepack_file *files, size_t count, struct pa_diag *diag);
/*
 * The digest pa_rulepack_digest() would give for the folder dir, from its
 * files' bytes alone (nothing is parsed): for cache keys.
 */
int pa_rulepack_dir_digest(char out[PA_DIGEST_HEXLEN + 1], const char *dir);
void pa_rulepack_free(struct pa_rulepack *pack);

/* Rules in load order: pack files sorted by name, then document order. */
size_t pa_rulepack_count(const struct pa_rulepack *pack);
const struct pa_rule *pa_rulepack_rule_at(const struct pa_rulepack *pack, size_t i);
const struct pa_rule *pa_rulepack_find(const struct pa_rulepack *pack, const char *id);

/* Packs: ids and versions, sorted by file name. */
size_t pa_rulepack_pack_count(const struct pa_rulepack *pack);
const char *pa_rulepack_pack_id(const struct pa_rulepack *pack, size_t i);
const char *pa_rulepack_pack_version(const struct pa_rulepack *pack, size_t i);
/*
 * The version of the rule set: the packs' common version, or
 * "id@version id@version ..." when they differ.  Borrowed.
 */
const char *pa_rulepack_version(const struct pa_rulepack *pack);
/* SHA-256 over every loaded file (name, size, bytes) in sorted order. */
const char *pa_rulepack_digest(const struct pa_rulepack *pack);

/*
 * Data for the extension functions (borrowed, read-only, safe to share
 * between threads): the <term> with this id in vocabulary `vocab`, the
 * <accelerator> or <machine> with this id; NULL when there is none.
 */
bool pa_rulepack_has_vocab(const struct pa_rulepack *pack, const char *vocab);
const xmlNode *pa_rulepack_term(const struct pa_rulepack *pack, const char *vocab,
    const char *id);
/* The i-th term of vocabulary `vocab` in id order, or NULL past the last. */
const xmlNode *pa_rulepack_term_at(const struct pa_rulepack *pack, const char *vocab,
    size_t i);
const xmlNode *pa_rulepack_accelerator(const struct pa_rulepack *pack, const char *id);
const xmlNode *pa_rulepack_machine(const struct pa_rulepack *pack, const char *id);

/*
 * Format a legal reference: "Art. 5(1)(a)", "Annex III point 4(a)",
 * "Art. 6(3), subparagraph 2", "AI Pact", "AI Pact commitment ai-literacy".
 */
int pa_rulepack_format_ref(struct pa_buf *out, const struct pa_rule_ref *ref);
/*
 * Append where ref's text is published (EUR-Lex for an act of the Union, the
 * AI Pact's page): 1 when written, 0 when it has none (a pactaudit policy).
 */
int pa_rulepack_ref_uri(struct pa_buf *out, const struct pa_rule_ref *ref);

/* Phase and severity names, as written in pack files. */
const char *pa_rulepack_phase_name(enum pa_rule_phase phase);

#endif
