/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Commit walking and raw signature extraction with libgit2, for the trust
 * checks of sig/.
 *
 * Why over 800 lines: the walk, the signed objects it hands out and the
 * cache record of the walk all read and fill the one private commit table
 * (struct pa_history); the record at the end must change with the walk.
 */
#include "config.h"

#include "dossier/history.h"

#include <git2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/record.h"
#include "util/text.h"

/* The pact files whose changes need rights, in enum pa_history_change bit order. */
static const char *const pact_files[] = {
	"commitments.xml", "commitments.xml.asc", "signers.xml", "keys.asc"
};
#define PACT_NFILES (sizeof(pact_files) / sizeof(pact_files[0]))
#define SIGNERS_FILE 2

/* What one commit holds under <subdir>/pact, computed once per commit. */
struct node {
	git_oid id;
	git_oid tree;
	git_oid pact;		/* the pact folder's tree */
	git_oid file[PACT_NFILES];
	unsigned present;	/* bit per file */
	bool has_pact;
	bool filled;		/* the facts above are read (node_get) */
	bool parsed;		/* check_parsable() parsed the commit */
	size_t walk;		/* index in h->commits, or PA_HISTORY_NONE */
};

struct pa_history {
	git_repository *repo;	/* borrowed from the dossier */
	char *pact_dir;		/* "<subdir>/pact" or "pact" */
	git_oid target;
	char root[41];
	bool reachable;
	struct node *nodes;	/* memo of commit facts, open addressing on the id */
	size_t nnodes, cap;
	struct pa_history_commit *commits;
	size_t count, alloc;
	size_t root_index;
	struct pa_history_tag *tag;
	bool limited;		/* PA_LIMIT_COMMITS was reached */
	bool shallow;		/* a shallow clone: parents are missing */
	bool parsable;		/* check_parsable() passed for the target's ancestors */
};

#define SHALLOW_MESSAGE "shallow clone: history incomplete; the commits before the " \
	"audited one are not in the repository, so its history is not authenticated " \
	"(fetch the whole history: git fetch --unshallow)"

static size_t
oid_hash(const git_oid *id)
{
	uint64_t v;

	memcpy(&v, id->id, sizeof(v));
	return (size_t)v;
}

static struct node *
node_find(struct pa_history *h, const git_oid *id, size_t *slot)
{
	size_t i, mask = h->cap - 1;

	for (i = oid_hash(id) & mask; !git_oid_is_zero(&h->nodes[i].id); i = (i + 1) & mask) {
		if (git_oid_equal(&h->nodes[i].id, id))
			return &h->nodes[i];
	}
	*slot = i;
	return NULL;
}

/*
 * The memo slot for id (existing or new); NULL on OOM.  Inserting may move
 * every node (pointers from earlier calls are then stale); finding does not.
 */
static struct node *
node_slot(struct pa_history *h, const git_oid *id, bool *fresh)
{
	struct node *n;
	size_t i = 0;

	if (h->cap > 0 && (n = node_find(h, id, &i)) != NULL) {
		*fresh = false;
		return n;
	}
	if ((h->nnodes + 1) * 2 > h->cap) {
		size_t ncap = h->cap ? h->cap * 2 : 256, j;
		struct node *nn = pa_calloc(ncap, sizeof(*nn));

		if (nn == NULL)
			return NULL;
		for (j = 0; j < h->cap; j++) {
			if (git_oid_is_zero(&h->nodes[j].id))
				continue;
			for (i = oid_hash(&h->nodes[j].id) & (ncap - 1);
			    !git_oid_is_zero(&nn[i].id); i = (i + 1) & (ncap - 1))
				;
			nn[i] = h->nodes[j];
		}
		free(h->nodes);
		h->nodes = nn;
		h->cap = ncap;
		(void)node_find(h, id, &i);
	}
	git_oid_cpy(&h->nodes[i].id, id);
	h->nodes[i].walk = PA_HISTORY_NONE;
	h->nnodes++;
	*fresh = true;
	return &h->nodes[i];
}

/*
 * libgit2's revision walk and graph functions leak what they had parsed of
 * a commit they cannot parse (commit_quick_parse frees the commit but not
 * its parent list: libgit2 1.5.1, and later).  So before they run, every
 * commit they may read (the ancestors of `from`, `also` and theirs) is
 * parsed here in full, and a malformed one is an error before libgit2's
 * walk reaches it.  The commits parsed are marked in h's node table (the
 * one set of commits of the walk; their facts are read later, by
 * node_get, only for the commits that need them), so a commit is never
 * parsed twice here.  A missing commit is left to the walk to report; past
 * PA_LIMIT_COMMITS commits the check stops (the walk reports that limit).
 */
static int
check_parsable(struct pa_history *h, const git_oid *from, const git_oid *also)
{
	git_oid *stack = NULL, id;
	size_t nparsed = 0, n = 0, scap = 0, i, k, np;
	struct node *node;
	git_commit *c = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	bool fresh;
	int error = 0, rc;

	for (k = 0; k < 2 && error == 0; k++) {
		const git_oid *start = k == 0 ? from : also;

		if (start == NULL)
			continue;
		if (n == scap) {
			git_oid *ns = pa_reallocarray(stack, scap ? scap * 2 : 64, sizeof(*ns));

			if (ns == NULL) {
				error = PA_ENOMEM;
				break;
			}
			stack = ns;
			scap = scap ? scap * 2 : 64;
		}
		git_oid_cpy(&stack[n++], start);
		while (n > 0 && nparsed < PA_LIMIT_COMMITS) {
			git_oid_cpy(&id, &stack[--n]);
			if ((node = node_slot(h, &id, &fresh)) == NULL) {
				error = PA_ENOMEM;
				break;
			}
			if (node->parsed)
				continue;
			node->parsed = true;
			nparsed++;
			if ((rc = git_commit_lookup(&c, h->repo, &id)) == GIT_ENOTFOUND) {
				git_error_clear();
				continue;
			}
			if (rc < 0) {
				git_oid_tostr(hex, sizeof(hex), &id);
				error = pa_dossier_git_error("cannot read commit %s", hex);
				break;
			}
			np = git_commit_parentcount(c);
			if (n + np > scap) {
				size_t ncap = scap + np + 64;
				git_oid *ns = pa_reallocarray(stack, ncap, sizeof(*ns));

				if (ns == NULL) {
					error = PA_ENOMEM;
					break;
				}
				stack = ns;
				scap = ncap;
			}
			for (i = 0; i < np; i++)
				git_oid_cpy(&stack[n++], git_commit_parent_id(c, (unsigned int)i));
			git_commit_free(c);
			c = NULL;
		}
		n = 0;
	}
	git_commit_free(c);
	free(stack);
	return error;
}

int
pa_history_check_parsable(struct git_repository *repo, const struct git_oid *from,
    const struct git_oid *also)
{
	struct pa_history h;
	int error;

	memset(&h, 0, sizeof(h));
	h.repo = repo;
	error = check_parsable(&h, from, also);
	free(h.nodes);
	return error;
}

/* Fill n's pact facts from the commit's tree. */
static int
node_facts(struct node *n, struct pa_history *h, const git_commit *c)
{
	git_tree *tree = NULL, *pact = NULL;
	git_tree_entry *e = NULL;
	const git_tree_entry *fe;
	size_t i;
	int error = 0, rc;

	git_oid_cpy(&n->tree, git_commit_tree_id(c));
	if (git_tree_lookup(&tree, h->repo, &n->tree) < 0) {
		error = pa_dossier_git_error("cannot read a commit's tree");
		goto done;
	}
	rc = git_tree_entry_bypath(&e, tree, h->pact_dir);
	if (rc == GIT_ENOTFOUND || (rc == 0 && git_tree_entry_type(e) != GIT_OBJECT_TREE))
		goto done;
	if (rc < 0) {
		error = pa_dossier_git_error("cannot read the pact folder");
		goto done;
	}
	git_oid_cpy(&n->pact, git_tree_entry_id(e));
	n->has_pact = true;
	if (git_tree_lookup(&pact, h->repo, &n->pact) < 0) {
		error = pa_dossier_git_error("cannot read the pact folder");
		goto done;
	}
	for (i = 0; i < PACT_NFILES; i++) {
		if ((fe = git_tree_entry_byname(pact, pact_files[i])) == NULL)
			continue;
		git_oid_cpy(&n->file[i], git_tree_entry_id(fe));
		n->present |= 1u << i;
	}
done:
	git_tree_entry_free(e);
	git_tree_free(pact);
	git_tree_free(tree);
	return error;
}

/* The memo node of a commit, with its facts; c may be NULL (it is then looked up). */
static int
node_get(struct node **out, struct pa_history *h, const git_oid *id, const git_commit *c)
{
	git_commit *own = NULL;
	struct node *n;
	bool fresh;
	int error = 0;

	if ((n = node_slot(h, id, &fresh)) == NULL)
		return PA_ENOMEM;
	if (!n->filled) {
		if (c == NULL) {
			if (git_commit_lookup(&own, h->repo, id) < 0) {
				error = pa_dossier_git_error("cannot read a commit");
				goto done;
			}
			c = own;
		}
		/* n may move if the table grows: no allocation in node_facts uses it */
		error = node_facts(n, h, c);
		n->filled = true;
	}
	*out = n;
done:
	git_commit_free(own);
	return error;
}

static unsigned
node_diff(const struct node *a, const struct node *b)
{
	unsigned ch = 0;
	size_t i;

	if (git_oid_equal(&a->tree, &b->tree))
		return 0;
	if (a->has_pact == b->has_pact && (!a->has_pact || git_oid_equal(&a->pact, &b->pact)))
		return 0;
	for (i = 0; i < PACT_NFILES; i++) {
		unsigned bit = 1u << i;

		if ((a->present & bit) != (b->present & bit) ||
		    ((a->present & bit) && !git_oid_equal(&a->file[i], &b->file[i])))
			ch |= bit;
	}
	return ch;
}

static void
commit_dispose(struct pa_history_commit *c)
{
	free(c->parent_ids);
	free(c->parents);
	free(c->changes);
	free(c->author);
}

/* Append commit c to the walk. */
static int
add_commit(struct pa_history *h, git_commit *c)
{
	struct pa_history_commit *pc;
	const git_signature *who;
	struct node *n, *pn;
	git_oid nid;
	size_t i, np;
	int error;

	if (h->count == h->alloc) {
		size_t na = h->alloc ? h->alloc * 2 : 64;
		struct pa_history_commit *nc = pa_reallocarray(h->commits, na, sizeof(*nc));

		if (nc == NULL)
			return PA_ENOMEM;
		h->commits = nc;
		h->alloc = na;
	}
	pc = &h->commits[h->count];
	memset(pc, 0, sizeof(*pc));
	np = git_commit_parentcount(c);
	if (np > 0 &&
	    ((pc->parent_ids = pa_calloc(np, sizeof(*pc->parent_ids))) == NULL ||
	    (pc->parents = pa_calloc(np, sizeof(*pc->parents))) == NULL ||
	    (pc->changes = pa_calloc(np, sizeof(*pc->changes))) == NULL)) {
		commit_dispose(pc);
		return PA_ENOMEM;
	}
	pc->nparents = np;
	h->count++;	/* owned by h from here on */
	git_oid_tostr(pc->id, sizeof(pc->id), git_commit_id(c));
	who = git_commit_author(c);
	if (who != NULL) {
		struct pa_buf b = PA_BUF_INIT;

		pa_buf_printf(&b, "%s <%s>", who->name ? who->name : "",
		    who->email ? who->email : "");
		if ((pc->author = pa_buf_detach(&b)) == NULL)
			return PA_ENOMEM;
	}
	pc->time = (long long)git_commit_time(c);
	if ((error = node_get(&n, h, git_commit_id(c), c)) < 0)
		return error;
	n->walk = h->count - 1;
	pc->present = n->present;
	if (n->present & (1u << SIGNERS_FILE))
		git_oid_tostr(pc->signers_blob, sizeof(pc->signers_blob), &n->file[SIGNERS_FILE]);
	for (i = 0; i < np; i++) {
		git_oid_cpy(&nid, git_commit_parent_id(c, (unsigned int)i));
		git_oid_tostr(pc->parent_ids[i], sizeof(pc->parent_ids[i]), &nid);
		if (h->shallow) {
			/* the parent is not there: every pact file counts as changed */
			pc->parents[i] = PA_HISTORY_NONE;
			pc->changes[i] = n->present;
			continue;
		}
		if ((error = node_get(&pn, h, &nid, NULL)) < 0)
			return error;
		/* node_get may have grown the table: look n up again */
		if ((error = node_get(&n, h, git_commit_id(c), c)) < 0)
			return error;
		pc->parents[i] = pn->walk;
		pc->changes[i] = node_diff(pn, n);
		if (pn->walk != PA_HISTORY_NONE && h->commits[pn->walk].from_root)
			pc->from_root = true;
	}
	if (h->root_index == PA_HISTORY_NONE && strcmp(pc->id, h->root) == 0) {
		h->root_index = h->count - 1;
		pc->from_root = true;
	}
	return 0;
}

/* The self-declared root: where pact/signers.xml appears on the first-parent line. */
static int
find_root(struct pa_history *h, struct pa_diag *diag)
{
	git_commit *c = NULL, *p = NULL;
	struct node *n;
	size_t steps = 0;
	int error;

	if (git_commit_lookup(&c, h->repo, &h->target) < 0)
		return pa_dossier_git_error("cannot read the audited commit");
	if ((error = node_get(&n, h, &h->target, c)) < 0)
		goto done;
	if (!(n->present & (1u << SIGNERS_FILE)))
		goto done;	/* no policy: no root */
	for (;;) {
		if (++steps > PA_LIMIT_COMMITS) {
			h->limited = true;
			pa_diag_add(diag, PA_DIAG_ERROR, "history-limit", NULL, 0, NULL,
			    "more than %d commits on the first-parent line; no trust root was searched further",
			    PA_LIMIT_COMMITS);
			goto done;
		}
		if (git_commit_parentcount(c) == 0)
			break;
		if (git_commit_parent(&p, c, 0) < 0) {
			error = pa_dossier_git_error("cannot read a parent commit");
			goto done;
		}
		if ((error = node_get(&n, h, git_commit_id(p), p)) < 0)
			goto done;
		if (!(n->present & (1u << SIGNERS_FILE)))
			break;
		git_commit_free(c);
		c = p;
		p = NULL;
	}
	git_oid_tostr(h->root, sizeof(h->root), git_commit_id(c));
	h->reachable = true;
done:
	git_commit_free(p);
	git_commit_free(c);
	return error;
}

static int
check_root(struct pa_history *h, const char *root)
{
	git_commit *c = NULL;
	git_oid id;
	int error = 0, rc;

	if (git_oid_fromstrp(&id, root) < 0 || strlen(root) != GIT_OID_HEXSZ)
		goto done;	/* not a full commit id: unreachable */
	git_oid_tostr(h->root, sizeof(h->root), &id);
	if (git_commit_lookup(&c, h->repo, &id) < 0)
		goto done;
	if (git_oid_equal(&id, &h->target)) {
		h->reachable = true;
		goto done;
	}
	if ((error = check_parsable(h, &h->target, &id)) < 0)
		goto done;
	h->parsable = true;
	rc = git_graph_descendant_of(h->repo, &h->target, &id);
	if (rc < 0)
		error = pa_dossier_git_error("cannot compare the trust root with the audited commit");
	h->reachable = rc == 1;
done:
	git_error_clear();
	git_commit_free(c);
	return error;
}

static int
walk(struct pa_history *h, struct pa_diag *diag)
{
	git_revwalk *w = NULL;
	git_commit *root = NULL, *c = NULL;
	git_oid id;
	size_t i;
	int error = 0, rc;

	if (!h->parsable && (error = check_parsable(h, &h->target, NULL)) < 0)
		return error;
	if (git_revwalk_new(&w, h->repo) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, &h->target) < 0) {
		error = pa_dossier_git_error("cannot walk the history");
		goto done;
	}
	if (git_oid_fromstr(&id, h->root) < 0 || git_commit_lookup(&root, h->repo, &id) < 0) {
		error = pa_dossier_git_error("cannot read the trust root");
		goto done;
	}
	for (i = 0; i < git_commit_parentcount(root); i++) {
		if (git_revwalk_hide(w, git_commit_parent_id(root, (unsigned int)i)) < 0) {
			error = pa_dossier_git_error("cannot walk the history");
			goto done;
		}
	}
	while ((rc = git_revwalk_next(&id, w)) == 0) {
		if (h->count >= PA_LIMIT_COMMITS) {
			h->limited = true;
			pa_diag_add(diag, PA_DIAG_ERROR, "history-limit", NULL, 0, NULL,
			    "more than %d commits from the trust root; the history is not authenticated",
			    PA_LIMIT_COMMITS);
			h->reachable = false;
			goto done;
		}
		if (git_commit_lookup(&c, h->repo, &id) < 0) {
			error = pa_dossier_git_error("cannot read a commit");
			goto done;
		}
		error = add_commit(h, c);
		git_commit_free(c);
		c = NULL;
		if (error < 0)
			goto done;
	}
	if (rc != GIT_ITEROVER)
		error = pa_dossier_git_error("cannot walk the history");
done:
	git_commit_free(c);
	git_commit_free(root);
	git_revwalk_free(w);
	return error;
}

static int
only_target(struct pa_history *h)
{
	git_commit *c = NULL;
	int error;

	if (git_commit_lookup(&c, h->repo, &h->target) < 0)
		return pa_dossier_git_error("cannot read the audited commit");
	error = add_commit(h, c);
	git_commit_free(c);
	return error;
}

static void
tag_free(struct pa_history_tag *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->ref);
	free(t->object_name);
	free(t);
}

/* If the audited revision names a tag, record it. */
static int
find_tag(struct pa_history *h, const char *rev)
{
	git_object *obj = NULL, *peeled = NULL;
	git_reference *ref = NULL;
	struct pa_history_tag *t = NULL;
	struct pa_buf b = PA_BUF_INIT;
	const char *name = NULL;
	int error = 0;

	if (rev == NULL || git_revparse_ext(&obj, &ref, h->repo, rev) < 0) {
		git_error_clear();
		goto done;
	}
	if (ref != NULL && !git_reference_is_tag(ref) && git_object_type(obj) != GIT_OBJECT_TAG)
		goto done;
	if (ref == NULL && git_object_type(obj) != GIT_OBJECT_TAG)
		goto done;
	if ((t = pa_calloc(1, sizeof(*t))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if (git_object_type(obj) == GIT_OBJECT_TAG) {
		git_oid_tostr(t->id, sizeof(t->id), git_object_id(obj));
		name = git_tag_name((git_tag *)obj);
		if ((t->object_name = pa_strdup(name ? name : "")) == NULL) {
			error = PA_ENOMEM;
			goto done;
		}
	}
	if (ref != NULL) {
		name = git_reference_shorthand(ref);
		if ((t->ref = pa_strdup(git_reference_name(ref))) == NULL) {
			error = PA_ENOMEM;
			goto done;
		}
	} else {
		pa_buf_printf(&b, "refs/tags/%s", name ? name : "");
		if ((t->ref = pa_buf_detach(&b)) == NULL) {
			error = PA_ENOMEM;
			goto done;
		}
	}
	if ((t->name = pa_strdup(name ? name : "")) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		error = pa_dossier_git_error("cannot resolve the tag to a commit");
		goto done;
	}
	git_oid_tostr(t->target, sizeof(t->target), git_object_id(peeled));
	h->tag = t;
	t = NULL;
done:
	pa_buf_dispose(&b);
	tag_free(t);
	git_object_free(peeled);
	git_reference_free(ref);
	git_object_free(obj);
	return error;
}

/* A walk with no commits yet: the repository, the pact folder, the audited commit. */
static int
history_new(struct pa_history **out, struct pa_dossier *d)
{
	struct pa_history *h = NULL;
	struct pa_buf dir = PA_BUF_INIT;
	const char *sub = pa_dossier_subdir(d), *commit = pa_dossier_commit(d);
	size_t n;
	int error = 0;

	*out = NULL;
	if (pa_dossier_mode(d) != PA_DOSSIER_GIT || pa_dossier_git(d) == NULL || commit == NULL)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_DOSSIER,
		    "'%s' is not read from git: no history to check", pa_dossier_location(d));
	if ((h = pa_calloc(1, sizeof(*h))) == NULL)
		return PA_ENOMEM;
	h->repo = pa_dossier_git(d);
	h->root_index = PA_HISTORY_NONE;
	if (git_oid_fromstr(&h->target, commit) < 0) {
		error = pa_dossier_git_error("bad audited commit id");
		goto done;
	}
	if (sub != NULL) {
		while (*sub == '/')
			sub++;
		n = strlen(sub);
		while (n > 0 && sub[n - 1] == '/')
			n--;
		if (n > 0 && strncmp(sub, ".", n) != 0) {
			pa_buf_put(&dir, sub, n);
			pa_buf_putc(&dir, '/');
		}
	}
	pa_buf_puts(&dir, "pact");
	if ((h->pact_dir = pa_buf_detach(&dir)) == NULL)
		error = PA_ENOMEM;
done:
	pa_buf_dispose(&dir);
	if (error < 0) {
		pa_history_free(h);
		return error;
	}
	*out = h;
	return 0;
}

int
pa_history_open(struct pa_history **out, struct pa_dossier *d, const char *root,
    struct pa_diag *diag)
{
	struct pa_history *h = NULL;
	size_t i;
	int error;

	*out = NULL;
	if ((error = history_new(&h, d)) < 0)
		return error;
	if (git_repository_is_shallow(h->repo) == 1) {
		/* only the audited commit is there to read: the walk is that commit */
		h->shallow = true;
		pa_diag_add(diag, PA_DIAG_ERROR, "history-shallow", NULL, 0, NULL, "%s",
		    SHALLOW_MESSAGE);
		if (root != NULL && strlen(root) == GIT_OID_HEXSZ)
			memcpy(h->root, root, sizeof(h->root));
	} else if (root != NULL) {
		error = check_root(h, root);
	} else {
		error = find_root(h, diag);
	}
	if (error < 0)
		goto done;
	if (h->reachable)
		error = walk(h, diag);
	if (error == 0 && !h->reachable) {
		for (i = 0; i < h->count; i++)
			commit_dispose(&h->commits[i]);
		h->count = 0;
		h->root_index = PA_HISTORY_NONE;
		for (i = 0; i < h->cap; i++)
			h->nodes[i].walk = PA_HISTORY_NONE;
		error = only_target(h);
	}
	if (error == 0)
		error = find_tag(h, pa_dossier_rev(d));
done:
	if (error < 0) {
		pa_history_free(h);
		return error;
	}
	*out = h;
	return 0;
}

void
pa_history_free(struct pa_history *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->count; i++)
		commit_dispose(&h->commits[i]);
	free(h->commits);
	free(h->nodes);
	free(h->pact_dir);
	tag_free(h->tag);
	free(h);
}

const char *
pa_history_root(const struct pa_history *h)
{
	return h->root;
}

bool
pa_history_root_reachable(const struct pa_history *h)
{
	return h->reachable;
}

size_t
pa_history_count(const struct pa_history *h)
{
	return h->count;
}

const struct pa_history_commit *
pa_history_at(const struct pa_history *h, size_t i)
{
	return i < h->count ? &h->commits[i] : NULL;
}

size_t
pa_history_root_index(const struct pa_history *h)
{
	return h->root_index;
}

size_t
pa_history_target_index(const struct pa_history *h)
{
	return h->count - 1;
}

const struct pa_history_tag *
pa_history_tag(const struct pa_history *h)
{
	return h->tag;
}

static const struct {
	const char *begin;
	enum pa_history_sigformat format;
} sig_markers[] = {
	{ "-----BEGIN PGP SIGNATURE-----", PA_HISTORY_SIG_OPENPGP },
	{ "-----BEGIN PGP MESSAGE-----", PA_HISTORY_SIG_OPENPGP },
	{ "-----BEGIN SSH SIGNATURE-----", PA_HISTORY_SIG_SSH },
	{ "-----BEGIN SIGNED MESSAGE-----", PA_HISTORY_SIG_X509 },
};

static enum pa_history_sigformat
line_format(const char *p, size_t len)
{
	size_t i, n;

	for (i = 0; i < sizeof(sig_markers) / sizeof(sig_markers[0]); i++) {
		n = strlen(sig_markers[i].begin);
		if (len >= n && memcmp(p, sig_markers[i].begin, n) == 0)
			return sig_markers[i].format;
	}
	return PA_HISTORY_SIG_NONE;
}

enum pa_history_sigformat
pa_history_sigformat(const char *sig, size_t len)
{
	enum pa_history_sigformat f;

	if (len == 0)
		return PA_HISTORY_SIG_NONE;
	f = line_format(sig, len);
	return f == PA_HISTORY_SIG_NONE ? PA_HISTORY_SIG_UNKNOWN : f;
}

const char *
pa_history_sigformat_name(enum pa_history_sigformat f)
{
	switch (f) {
	case PA_HISTORY_SIG_NONE:
		return "none";
	case PA_HISTORY_SIG_OPENPGP:
		return "openpgp";
	case PA_HISTORY_SIG_SSH:
		return "ssh";
	case PA_HISTORY_SIG_X509:
		return "x509";
	case PA_HISTORY_SIG_UNKNOWN:
		break;
	}
	return "unknown";
}

int
pa_history_commit_signature(struct pa_buf *sig, struct pa_buf *data,
    struct pa_history *h, size_t i)
{
	git_buf s = { 0 }, d = { 0 };
	git_oid id;
	int error, rc;

	if (i >= h->count || git_oid_fromstr(&id, h->commits[i].id) < 0)
		return pa_error_set(PA_ERRCLASS_INTERNAL, "no commit %zu in the walk", i);
	rc = git_commit_extract_signature(&s, &d, h->repo, &id, NULL);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return PA_HISTORY_SIG_NONE;
	}
	if (rc < 0)
		return pa_dossier_git_error("cannot read a commit signature");
	if ((error = pa_buf_put(sig, s.ptr, s.size)) == 0 &&
	    (error = pa_buf_put(data, d.ptr, d.size)) == 0)
		error = (int)pa_history_sigformat(s.ptr, s.size);
	git_buf_dispose(&s);
	git_buf_dispose(&d);
	return error;
}

int
pa_history_tag_signature(struct pa_buf *sig, struct pa_buf *data, struct pa_history *h)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	const char *raw, *body, *line;
	size_t size, off, match;
	git_oid id;
	int error = PA_HISTORY_SIG_NONE;

	if (h->tag == NULL || h->tag->id[0] == '\0')
		return PA_HISTORY_SIG_NONE;
	if (git_oid_fromstr(&id, h->tag->id) < 0 || git_repository_odb(&odb, h->repo) < 0 ||
	    git_odb_read(&obj, odb, &id) < 0) {
		error = pa_dossier_git_error("cannot read the tag object");
		goto done;
	}
	raw = git_odb_object_data(obj);
	size = git_odb_object_size(obj);
	/* The signature starts at the last line of the message that opens one (as git does). */
	body = NULL;
	for (off = 0; off + 1 < size; off++) {
		if (raw[off] == '\n' && raw[off + 1] == '\n') {
			body = raw + off + 2;
			break;
		}
	}
	if (body == NULL)
		goto done;
	match = size;
	for (off = (size_t)(body - raw); off < size; ) {
		const char *eol;

		line = raw + off;
		if (line_format(line, size - off) != PA_HISTORY_SIG_NONE)
			match = off;
		eol = memchr(line, '\n', size - off);
		off = eol ? (size_t)(eol - raw) + 1 : size;
	}
	if (match == size)
		goto done;
	if ((error = pa_buf_put(data, raw, match)) < 0 ||
	    (error = pa_buf_put(sig, raw + match, size - match)) < 0)
		goto done;
	error = (int)pa_history_sigformat(raw + match, size - match);
done:
	git_odb_object_free(obj);
	git_odb_free(odb);
	return error;
}

int
pa_history_read_blob(struct pa_buf *out, struct pa_history *h, const char *blob)
{
	git_blob *b = NULL;
	git_oid id;
	git_object_size_t size;
	int error = 0;

	if (git_oid_fromstr(&id, blob) < 0 || git_blob_lookup(&b, h->repo, &id) < 0)
		return pa_dossier_git_error("cannot read a blob");
	size = git_blob_rawsize(b);
	if (size > PA_LIMIT_FILE_SIZE) {
		error = pa_error_setc(PA_ELIMIT, PA_ERRCLASS_DOSSIER,
		    "blob %s is larger than %u bytes", blob, PA_LIMIT_FILE_SIZE);
		goto done;
	}
	error = pa_buf_put(out, git_blob_rawcontent(b), (size_t)size);
done:
	git_blob_free(b);
	return error;
}

int
pa_history_is_ancestor(bool *out, struct pa_dossier *d, const char *ancestor)
{
	git_repository *repo = pa_dossier_git(d);
	const char *commit = pa_dossier_commit(d);
	git_oid a, t;
	git_commit *c = NULL;
	int rc;

	*out = false;
	if (repo == NULL || commit == NULL || strlen(ancestor) != GIT_OID_HEXSZ ||
	    git_oid_fromstr(&a, ancestor) < 0 || git_oid_fromstr(&t, commit) < 0)
		return 0;
	if (git_commit_lookup(&c, repo, &a) < 0) {
		git_error_clear();
		return 0;
	}
	git_commit_free(c);
	if (git_oid_equal(&a, &t)) {
		*out = true;
		return 0;
	}
	if ((rc = pa_history_check_parsable(repo, &t, &a)) < 0)
		return rc;
	rc = git_graph_descendant_of(repo, &t, &a);
	if (rc < 0)
		return pa_dossier_git_error("cannot compare commits");
	*out = rc == 1;
	return 0;
}

/* ---- the walk as a cache record ---- */

/*
 * A record (util/record.h) of kind "history":
 *	{"target":ID,"root":ID|null,"reachable":B,"limited":B,"shallow":B,
 *	 "commits":[[ID,PRESENT,SIGNERS|null,TIME,FROM_ROOT,AUTHOR,
 *	             [[PARENT,INDEX|null,CHANGES],...]],...]}
 * Parents come before their children, so INDEX points backwards.
 */
#define HISTORY_KIND "history"
#define HISTORY_VERSION 2

int
pa_history_cache_key(struct pa_buf *out, struct pa_dossier *d, const char *root)
{
	const char *sub = pa_dossier_subdir(d);

	git_repository *repo = pa_dossier_git(d);

	/* a shallow clone and the whole repository hold the same commit id */
	pa_buf_printf(out, "history %s\nfolder %s\nroot %s\nshallow %d\nrecord %s %d\n",
	    pa_dossier_commit(d) ? pa_dossier_commit(d) : "-", sub && *sub ? sub : ".",
	    root ? root : "self-declared",
	    repo != NULL && git_repository_is_shallow(repo) == 1 ? 1 : 0,
	    HISTORY_KIND, HISTORY_VERSION);
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

static json_t *
hex_or_null(const char *id)
{
	return id[0] != '\0' ? json_string(id) : json_null();
}

int
pa_history_encode(struct pa_buf *out, const struct pa_history *h)
{
	char target[41];
	json_t *commits = NULL, *parents, *c;
	size_t i, j;

	git_oid_tostr(target, sizeof(target), &h->target);
	if ((commits = json_array()) == NULL)
		return pa_error_oom();
	for (i = 0; i < h->count; i++) {
		const struct pa_history_commit *hc = &h->commits[i];

		if ((parents = json_array()) == NULL)
			goto oom;
		for (j = 0; j < hc->nparents; j++) {
			json_t *idx = hc->parents[j] == PA_HISTORY_NONE ? json_null() :
			    json_integer((json_int_t)hc->parents[j]);

			if (json_array_append_new(parents, json_pack("[s,o,i]", hc->parent_ids[j],
			    idx, (int)hc->changes[j])) < 0) {
				json_decref(parents);
				goto oom;
			}
		}
		c = json_pack("[s,i,o,I,b,o,o]", hc->id, (int)hc->present,
		    hex_or_null(hc->signers_blob), (json_int_t)hc->time, hc->from_root,
		    pa_record_str(hc->author), parents);
		if (json_array_append_new(commits, c) < 0)
			goto oom;
	}
	return pa_record_encode(out, HISTORY_KIND, HISTORY_VERSION,
	    json_pack("{s:s, s:o, s:b, s:b, s:b, s:o}", "target", target,
	    "root", hex_or_null(h->root), "reachable", h->reachable,
	    "limited", h->limited, "shallow", h->shallow, "commits", commits));
oom:
	json_decref(commits);
	return pa_error_oom();
}

static bool
is_hex_id(const char *s)
{
	size_t i;

	for (i = 0; i < GIT_OID_HEXSZ; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return s[GIT_OID_HEXSZ] == '\0';
}

/* A commit id, or "" for null when allowed; false if malformed. */
static bool
get_id(char out[41], const json_t *v, bool nullable)
{
	if (nullable && json_is_null(v)) {
		out[0] = '\0';
		return true;
	}
	if (!json_is_string(v) || !is_hex_id(json_string_value(v)))
		return false;
	memcpy(out, json_string_value(v), 41);
	return true;
}

static int
decode_commit(struct pa_history *h, size_t i, json_t *rec)
{
	struct pa_history_commit *c = &h->commits[i];
	json_t *signers, *author, *parents, *p, *idx;
	const char *id, *pid;
	json_int_t present, t, changes;
	int from_root;
	size_t j, np;

	if (json_unpack_ex(rec, NULL, JSON_STRICT, "[s,I,o,I,b,o,o]", &id, &present, &signers,
	    &t, &from_root, &author, &parents) < 0 ||
	    !get_id(c->id, json_array_get(rec, 0), false) || present < 0 || present > 15 ||
	    !get_id(c->signers_blob, signers, true) || t < 0 || !json_is_array(parents) ||
	    (np = json_array_size(parents)) > 1000)
		return PA_EINVALID;
	(void)id;
	c->present = (unsigned)present;
	c->time = (long long)t;
	c->from_root = from_root != 0;
	if (pa_record_get_str(&c->author, author) < 0)
		return PA_EINVALID;
	if (np > 0 &&
	    ((c->parent_ids = pa_calloc(np, sizeof(*c->parent_ids))) == NULL ||
	    (c->parents = pa_calloc(np, sizeof(*c->parents))) == NULL ||
	    (c->changes = pa_calloc(np, sizeof(*c->changes))) == NULL))
		return PA_ENOMEM;
	c->nparents = np;
	for (j = 0; j < np; j++) {
		p = json_array_get(parents, j);
		if (json_unpack_ex(p, NULL, JSON_STRICT, "[s,o,I]", &pid, &idx, &changes) < 0 ||
		    !get_id(c->parent_ids[j], json_array_get(p, 0), false) ||
		    changes < 0 || changes > 15)
			return PA_EINVALID;
		c->changes[j] = (unsigned)changes;
		if (json_is_null(idx)) {
			c->parents[j] = PA_HISTORY_NONE;
			continue;
		}
		/* parents come first: an index points backwards, at that very commit */
		if (!json_is_integer(idx) || json_integer_value(idx) < 0 ||
		    (size_t)json_integer_value(idx) >= i ||
		    strcmp(h->commits[json_integer_value(idx)].id, pid) != 0)
			return PA_EINVALID;
		c->parents[j] = (size_t)json_integer_value(idx);
	}
	return 0;
}

static int
decode(struct pa_history *h, const char *data, size_t len)
{
	char target[41], root[41];
	json_t *rec = NULL, *rootv, *commits;
	const char *t;
	int reachable, limited, shallow;
	size_t i, count;
	int error;

	git_oid_tostr(target, sizeof(target), &h->target);
	if ((error = pa_record_decode(&rec, HISTORY_KIND, HISTORY_VERSION, data, len)) < 0)
		return PA_EINVALID;
	error = PA_EINVALID;
	if (json_unpack_ex(rec, NULL, JSON_STRICT, "{s:s, s:o, s:b, s:b, s:b, s:o}", "target",
	    &t, "root", &rootv, "reachable", &reachable, "limited", &limited,
	    "shallow", &shallow, "commits", &commits) < 0 ||
	    strcmp(t, target) != 0 || !get_id(root, rootv, true) || !json_is_array(commits) ||
	    (count = json_array_size(commits)) == 0 || count > PA_LIMIT_COMMITS)
		goto done;
	memcpy(h->root, root, sizeof(h->root));
	h->reachable = reachable != 0;
	h->limited = limited != 0;
	h->shallow = shallow != 0;
	if ((h->commits = pa_calloc(count, sizeof(*h->commits))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	h->alloc = count;
	for (i = 0; i < count; i++) {
		h->count = i + 1;	/* owned by h from here on */
		if ((error = decode_commit(h, i, json_array_get(commits, i))) < 0)
			goto done;
		if (h->root[0] != '\0' && h->root_index == PA_HISTORY_NONE &&
		    strcmp(h->commits[i].id, h->root) == 0)
			h->root_index = i;
	}
	error = strcmp(h->commits[h->count - 1].id, target) == 0 ? 0 : PA_EINVALID;
done:
	json_decref(rec);
	return error;
}

int
pa_history_open_encoded(struct pa_history **out, struct pa_dossier *d,
    const char *data, size_t len, struct pa_diag *diag)
{
	struct pa_history *h = NULL;
	int error;

	*out = NULL;
	if ((error = history_new(&h, d)) < 0)
		return error;
	if ((error = decode(h, data, len)) < 0)
		goto done;
	if (h->limited)
		pa_diag_add(diag, PA_DIAG_ERROR, "history-limit", NULL, 0, NULL,
		    "more than %d commits from the trust root; the history is not authenticated",
		    PA_LIMIT_COMMITS);
	if (h->shallow)
		pa_diag_add(diag, PA_DIAG_ERROR, "history-shallow", NULL, 0, NULL, "%s",
		    SHALLOW_MESSAGE);
	error = find_tag(h, pa_dossier_rev(d));
done:
	if (error < 0) {
		pa_history_free(h);
		return error;
	}
	*out = h;
	return 0;
}
