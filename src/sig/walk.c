/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The trust walk: each commit from the trust root judged against its
 * parent's signing policy, the pact and the tag against the audited one,
 * written into the report.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sig/internal.h"
#include "util/alloc.h"
#include "util/error.h"

static void
short_id(char out[13], const char *id)
{
	snprintf(out, 13, "%.12s", id);
}


static const struct pa_policy *
policy_of_blob(struct run *r, const char *blob, const char *commit)
{
	struct pa_diag scratch = PA_DIAG_INIT;
	struct pa_buf data = PA_BUF_INIT;
	struct pa_policy *p = NULL;
	struct policy_memo *m;
	char sid[13];
	size_t i;

	if (blob == NULL || blob[0] == '\0')
		return r->empty;
	for (i = 0; i < r->nmemo; i++) {
		if (strcmp(r->memo[i].blob, blob) == 0)
			return r->memo[i].policy;
	}
	if (pa_history_read_blob(&data, r->hist, blob) < 0 ||
	    pa_policy_parse(&p, data.ptr, data.size, SIGNERS_FILE, &scratch) < 0) {
		pa_error_clear();
		p = NULL;
	}
	if (scratch.count > 0 || p == NULL) {
		short_id(sid, commit);
		pa_diag_add(r->diag, PA_DIAG_WARNING, "signers-history", SIGNERS_FILE, 0, NULL,
		    "%s as of commit %s has problems (%s); its signers were read as far as possible",
		    SIGNERS_FILE, sid, scratch.count ? scratch.entries[0].message : "unreadable");
	}
	pa_diag_dispose(&scratch);
	pa_buf_dispose(&data);
	if (p == NULL)
		return r->empty;
	if ((m = pa_reallocarray(r->memo, r->nmemo + 1, sizeof(*m))) == NULL) {
		pa_policy_free(p);
		pa_error_clear();
		return r->empty;
	}
	r->memo = m;
	snprintf(m[r->nmemo].blob, sizeof(m[r->nmemo].blob), "%s", blob);
	m[r->nmemo].policy = p;
	r->nmemo++;
	return p;
}



static void
describe(struct pa_buf *out, const struct pa_sig_verdict *v, const struct pa_sig_fact *f,
    const char *policy_name)
{
	char when[16];
	struct pa_buf rights = PA_BUF_INIT;

	switch (v->status) {
	case PA_SIG_GOOD:
		pa_rights_format(&rights, v->missing);
		if (v->missing)
			pa_buf_printf(out, "the signer lacks the right '%s' in %s", rights.ptr,
			    policy_name);
		else
			pa_buf_printf(out, "signed by an authorised signer");
		break;
	case PA_SIG_BAD:
		if (f->outcome == PA_SIG_OUTCOME_ERROR)
			pa_buf_printf(out, "the signature could not be checked: %s",
			    f->note[0] ? f->note : "GnuPG gave no reason");
		else
			pa_buf_puts(out, "the signature does not match the signed bytes");
		break;
	case PA_SIG_MISSING:
		if (f->outcome == PA_SIG_OUTCOME_UNSUPPORTED)
			pa_buf_printf(out, "unsupported signature type (%s): only OpenPGP signatures are verified",
			    f->note);
		else
			pa_buf_puts(out, "not signed");
		break;
	case PA_SIG_UNKNOWN_KEY:
		pa_buf_printf(out, "signed by key %s, which is in no keyring given",
		    f->fpr[0] ? f->fpr : "(unknown)");
		break;
	case PA_SIG_EXPIRED_KEY:
		pa_sig__iso_date(when, v->key ? v->key->expires : 0);
		pa_buf_printf(out, "the signing key expired on %s", when);
		break;
	case PA_SIG_REVOKED_KEY:
		if (v->key != NULL && (v->key->revocation == PA_REVOCATION_SUPERSEDED ||
		    v->key->revocation == PA_REVOCATION_RETIRED)) {
			pa_sig__iso_date(when, v->key->revoked_at);
			pa_buf_printf(out, "the signing key was revoked (%s) on %s, "
			    "before this signature was made",
			    pa_revocation_name(v->key->revocation), when);
		} else {
			pa_buf_puts(out, "the signing key is revoked (compromised or without "
			    "a reason): every signature it made is void");
		}
		break;
	case PA_SIG_EXPIRED_SIGNATURE:
		pa_sig__iso_date(when, f->expires);
		pa_buf_printf(out, "the signature expired on %s", when);
		break;
	case PA_SIG_UNTRUSTED_SIGNER:
		pa_buf_printf(out, "the signer is not in %s", policy_name);
		break;
	}
	pa_buf_dispose(&rights);
}

static unsigned
popcount(unsigned v)
{
	unsigned n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}

/* Pick the better of two verdicts for a commit: authorised, then fewer missing rights. */
static bool
better(const struct pa_sig_verdict *a, const struct pa_sig_verdict *b)
{
	if (a->authorised != b->authorised)
		return a->authorised;
	if ((a->status == PA_SIG_GOOD) != (b->status == PA_SIG_GOOD))
		return a->status == PA_SIG_GOOD;
	return popcount(a->missing) < popcount(b->missing);
}

static void
judge_best(struct pa_sig_verdict *out, const struct pa_sig_fact **fact, const struct object *o,
    const struct run *r, const struct pa_policy *p, unsigned needed)
{
	struct pa_sig_verdict v;
	size_t i;

	for (i = 0; i < o->nfacts; i++) {
		pa_sig_judge(&v, &o->facts[i], &r->keys, r->as_of, p, needed);
		if (i == 0 || better(&v, out)) {
			*out = v;
			*fact = &o->facts[i];
		}
	}
}

static void
judge_commit(struct run *r, const struct object *o)
{
	const struct pa_history_commit *c = pa_history_at(r->hist, o->commit);
	struct commit_state *s = &r->cs[o->commit];
	const struct pa_history_commit *pc;
	struct pa_buf pname = PA_BUF_INIT;
	const struct pa_policy *p;
	struct pa_sig_verdict v;
	const struct pa_sig_fact *f = NULL, *bf;
	char sid[13];
	size_t j;
	bool have = false, parents_ok = true;

	s->checked = true;
	if (o->commit == pa_history_root_index(r->hist)) {
		/* the root: the registry's pinned keys, or its own (self-declared) policy */
		p = r->entry != NULL ? r->entry->pins : policy_of_blob(r, c->signers_blob, c->id);
		s->policy_from = r->entry != NULL ? "registry" : c->id;
		judge_best(&s->v, &s->fact, o, r, p, PA_RIGHT_COMMIT);
		s->authorised = s->v.authorised;
		s->authenticated = s->authorised;
		if (!s->authorised)
			describe(&s->reason, &s->v, s->fact, r->entry != NULL ?
			    "the registry's pinned keys" : "the policy the root commit declares");
		return;
	}
	if (!c->from_root) {
		/* no trust root: judged against its own policy for information only */
		judge_best(&s->v, &s->fact, o, r, r->current, PA_RIGHT_COMMIT);
		s->v.authorised = false;
		s->policy_from = "";
		pa_buf_puts(&s->reason, r->trust_reason.size ? r->trust_reason.ptr : "no trust root");
		return;
	}
	for (j = 0; j < c->nparents; j++) {
		size_t pi = c->parents[j];

		if (pi == PA_HISTORY_NONE || !pa_history_at(r->hist, pi)->from_root) {
			parents_ok = false;
			continue;
		}
		pc = pa_history_at(r->hist, pi);
		if (!r->cs[pi].authenticated)
			parents_ok = false;
		p = policy_of_blob(r, pc->signers_blob, pc->id);
		bf = NULL;
		judge_best(&v, &bf, o, r, p, pa_rights_for_changes(c->changes[j]));
		if (!have || better(&v, &s->v)) {
			s->v = v;
			s->fact = bf;
			s->policy_from = pc->id;
			have = true;
		}
	}
	f = s->fact;
	s->authorised = have && s->v.authorised;
	s->authenticated = s->authorised && parents_ok;
	if (!s->authorised && have) {
		short_id(sid, s->policy_from);
		pa_buf_printf(&pname, "the policy of parent %s", sid);
		describe(&s->reason, &s->v, f, pname.ptr);
	} else if (!s->authenticated) {
		for (j = 0; j < c->nparents; j++) {
			size_t pi = c->parents[j];

			short_id(sid, c->parent_ids[j]);
			if (pi == PA_HISTORY_NONE || !pa_history_at(r->hist, pi)->from_root) {
				pa_buf_printf(&s->reason, "parent %s does not descend from the trust root", sid);
				break;
			}
			if (!r->cs[pi].authenticated) {
				pa_buf_printf(&s->reason, "parent %s is not authenticated", sid);
				break;
			}
		}
	}
	pa_buf_dispose(&pname);
}


/* A new entry of the report for a judged signature (strings copied). */
static struct pa_sig_entry *
add_entry(struct pa_sig_report *rep, enum pa_sig_kind kind, const char *object,
    const struct pa_sig_verdict *v, const struct pa_sig_fact *f, enum pa_history_sigformat format)
{
	struct pa_sig_entry *e = &rep->entries[rep->count];
	const char *fpr = v->key ? v->key->primary : f->fpr;

	memset(e, 0, sizeof(*e));
	rep->count++;
	e->kind = kind;
	e->status = v->status;
	e->format = pa_history_sigformat_name(format);
	snprintf(e->fpr, sizeof(e->fpr), "%s", fpr);
	e->created = f->created;
	e->needed = v->needed;
	e->missing = v->missing;
	e->authorised = v->authorised;
	if (v->key != NULL && v->key->revoked) {
		e->key_revoked = pa_revocation_name(v->key->revocation == PA_REVOCATION_NONE ?
		    PA_REVOCATION_HARD : v->key->revocation);
		e->revoked_at = v->key->revoked_at;
	}
	if ((e->object = strdup(object)) == NULL ||
	    (v->key != NULL && v->key->uid != NULL && (e->uid = strdup(v->key->uid)) == NULL) ||
	    (v->signer != NULL && v->signer->name != NULL &&
	    (e->signer = strdup(v->signer->name)) == NULL))
		return NULL;
	if (v->missing != 0 && (v->status == PA_SIG_GOOD || v->status == PA_SIG_UNTRUSTED_SIGNER)) {
		struct pa_sig_violation *nv = pa_reallocarray(rep->violations,
		    rep->nviolations + 1, sizeof(*nv));

		if (nv == NULL)
			return NULL;
		rep->violations = nv;
		nv[rep->nviolations].entry = rep->count - 1;
		nv[rep->nviolations].missing = v->missing;
		rep->nviolations++;
	}
	return e;
}

static int
set_reason(struct pa_sig_entry *e, const struct pa_buf *b)
{
	if (pa_buf_oom(b))
		return PA_ENOMEM;
	if (b->size == 0)
		return 0;
	return (e->reason = strdup(b->ptr)) == NULL ? PA_ENOMEM : 0;
}

static int
judge_detached(struct pa_sig_report *rep, struct run *r, const struct object *o, bool *pact_ok)
{
	struct pa_buf reason = PA_BUF_INIT;
	struct pa_sig_entry *e;
	struct pa_sig_verdict v;
	size_t j;
	int error = 0;

	for (j = 0; j < o->nfacts && error == 0; j++) {
		pa_sig_judge(&v, &o->facts[j], &r->keys, r->as_of, r->current, PA_RIGHT_PACT);
		if ((e = add_entry(rep, PA_SIG_KIND_DETACHED, PACT_FILE, &v, &o->facts[j],
		    o->format)) == NULL) {
			error = PA_ENOMEM;
			break;
		}
		pa_buf_clear(&reason);
		if (!v.authorised) {
			describe(&reason, &v, &o->facts[j], "the audited pact/signers.xml");
			if (!r->has_pact_sig)
				pa_buf_printf(&reason, ": %s is missing", PACT_SIG_FILE);
			else if (o->facts[j].outcome == PA_SIG_OUTCOME_NONE)
				pa_buf_printf(&reason, ": %s holds no OpenPGP signature",
				    PACT_SIG_FILE);
			error = set_reason(e, &reason);
		}
		*pact_ok = *pact_ok || v.authorised;
	}
	pa_buf_dispose(&reason);
	return error;
}

static int
judge_tag(struct pa_sig_report *rep, struct run *r, const struct object *o)
{
	const struct pa_history_tag *t = pa_history_tag(r->hist);
	const struct pa_sig_fact *f = NULL;
	struct pa_buf reason = PA_BUF_INIT;
	struct pa_sig_entry *e;
	struct pa_sig_verdict v;
	int error = 0;

	const char *shortname = strncmp(t->ref, "refs/tags/", 10) == 0 ? t->ref + 10 : t->ref;
	bool moved = t->object_name != NULL && strcmp(t->object_name, shortname) != 0;

	judge_best(&v, &f, o, r, r->current, PA_RIGHT_TAG);
	if ((e = add_entry(rep, PA_SIG_KIND_TAG, t->ref, &v, f, o->format)) == NULL)
		return PA_ENOMEM;
	if (!v.authorised) {
		describe(&reason, &v, f, "the audited pact/signers.xml");
		if (t->id[0] == '\0')
			pa_buf_puts(&reason, " (a lightweight tag cannot be signed)");
		error = set_reason(e, &reason);
	} else if (moved) {
		/* the signature covers the name inside the tag: a tag signed for another name was moved */
		e->authorised = false;
		pa_buf_printf(&reason, "the signed tag object is named '%s', not '%s': "
		    "the tag was moved or renamed", t->object_name, shortname);
		error = set_reason(e, &reason);
	}
	pa_buf_dispose(&reason);
	if (error == 0 && (rep->tag = pa_calloc(1, sizeof(*rep->tag))) != NULL) {
		snprintf(rep->tag->target, sizeof(rep->tag->target), "%s", t->target);
		snprintf(rep->tag->id, sizeof(rep->tag->id), "%s", t->id);
		if ((rep->tag->name = strdup(t->name)) == NULL ||
		    (rep->tag->ref = strdup(t->ref)) == NULL)
			error = PA_ENOMEM;
	} else if (error == 0) {
		error = PA_ENOMEM;
	}
	return error;
}

static int
judge_commit_entry(struct pa_sig_report *rep, struct run *r, const struct object *o,
    struct pa_buf *first_reason)
{
	const struct pa_history_commit *c = pa_history_at(r->hist, o->commit);
	struct commit_state *s = &r->cs[o->commit];
	struct pa_buf parents = PA_BUF_INIT;
	struct pa_sig_entry *e;
	char sid[13];
	size_t j;
	int error;

	judge_commit(r, o);
	if ((e = add_entry(rep, PA_SIG_KIND_COMMIT, c->id, &s->v, s->fact, o->format)) == NULL)
		return PA_ENOMEM;
	e->authenticated = s->authenticated;
	e->root = o->commit == pa_history_root_index(r->hist);
	snprintf(e->policy, sizeof(e->policy), "%s", s->policy_from ? s->policy_from : "");
	if ((error = set_reason(e, &s->reason)) < 0)
		return error;
	if (!s->authenticated && first_reason->size == 0 && s->reason.size > 0) {
		short_id(sid, c->id);
		pa_buf_printf(first_reason, "commit %s: %s", sid, s->reason.ptr);
	}
	for (j = 0; j < c->nparents; j++)
		pa_buf_printf(&parents, "%s%s", j ? " " : "", c->parent_ids[j]);
	e->date = c->time;
	e->changes = c->nparents ? c->changes[0] : c->present;
	if (pa_buf_oom(&parents) || (e->parents = pa_buf_detach(&parents)) == NULL ||
	    (e->author = strdup(c->author ? c->author : "")) == NULL)
		error = PA_ENOMEM;
	pa_buf_dispose(&parents);
	return error;
}

int
pa_sig__judge(struct pa_sig_report *rep, struct run *r, bool git_mode)
{
	struct pa_buf first_reason = PA_BUF_INIT;
	bool pact_ok = false;
	size_t i, n = 0, target = r->hist ? pa_history_target_index(r->hist) : 0;
	int error = PA_ENOMEM;

	for (i = 0; i < r->nobjs; i++)
		n += r->objs[i].kind == OBJ_DETACHED ? r->objs[i].nfacts : 1;
	if (n > 0 && (rep->entries = pa_calloc(n, sizeof(*rep->entries))) == NULL)
		goto done;
	if (r->hist != NULL) {
		if ((r->cs = pa_calloc(pa_history_count(r->hist), sizeof(*r->cs))) == NULL)
			goto done;
		for (i = 0; i < pa_history_count(r->hist); i++)
			pa_buf_init(&r->cs[i].reason);
	}
	for (i = 0; i < r->nobjs; i++) {
		const struct object *o = &r->objs[i];

		if (o->kind == OBJ_DETACHED)
			error = judge_detached(rep, r, o, &pact_ok);
		else if (o->kind == OBJ_COMMIT)
			error = judge_commit_entry(rep, r, o, &first_reason);
		else
			error = judge_tag(rep, r, o);
		if (error < 0)
			goto done;
	}
	error = PA_ENOMEM;
	rep->history = "skipped";
	if (git_mode && r->hist != NULL) {
		rep->history = r->cs[target].authenticated && pa_history_root_reachable(r->hist) ?
		    "authenticated" : "unauthenticated";
	}
	rep->pact_signed = pact_ok && strcmp(rep->history, "unauthenticated") != 0;
	if (strcmp(rep->history, "unauthenticated") == 0) {
		if (r->trust_reason.size > 0)
			pa_buf_puts(&first_reason, r->trust_reason.ptr);
		if (first_reason.size == 0)
			pa_buf_puts(&first_reason, "the audited commit is not authenticated");
		if (pa_buf_oom(&first_reason) || (rep->reason = strdup(first_reason.ptr)) == NULL)
			goto done;
	}
	error = 0;
done:
	pa_buf_dispose(&first_reason);
	if (error < 0 && pa_error_last() == NULL)
		pa_error_oom();
	return error;
}
