/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The decision ledger: signed commits, compare-and-swap writes, verified
 * history (see ledger.h).
 *
 * Why over 800 lines: writing a record (lock, compare-and-swap on the
 * branch, sign) and reading the history back (verify each commit against
 * the policy of its parent) are the two halves of one protocol over the
 * same private repository state; they are kept side by side so that a
 * change to one is seen next to the other.
 */
#include "config.h"

#include "ledger/ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>
#include <libxml/entities.h>
#include <jansson.h>

#include "dossier/dossier.h"
#include "dossier/history.h"
#include "ledger/internal.h"
#include "sig/gpg.h"
#include "sig/policy.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/text.h"

#define POLICY_FILE "signers.xml"
#define KEYS_FILE "keys.asc"
#define MAX_ATTEMPTS 200	/* writes retried after a lost race, before giving up */
#define MAX_RECORD (1024 * 1024)	/* bytes of one commit message read back */

struct pa_ledger {
	char *dir;
	git_repository *repo;
};

static const char *const decision_names[] = {
	[PA_DECISION_APPROVE] = "approve",
	[PA_DECISION_REJECT] = "reject",
	[PA_DECISION_CHANGES] = "changes",
};

const char *
pa_decision_name(enum pa_decision_kind k)
{
	return (unsigned)k <= PA_DECISION_CHANGES ? decision_names[k] : "?";
}

int
pa_decision_parse(enum pa_decision_kind *out, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i <= PA_DECISION_CHANGES; i++) {
		if (strcmp(name, decision_names[i]) == 0) {
			*out = (enum pa_decision_kind)i;
			return 0;
		}
	}
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
	    "'%s' is not a decision (approve, reject or changes)", name ? name : "");
}

static int
git_fail(const char *what, const char *where)
{
	return pa_dossier_git_error("%s %s", what, where);
}

int
pa_ledger_default_dir(struct pa_buf *out)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return pa_buf_printf(out, "%s/pactaudit/ledger", xdg);
	if (home != NULL && home[0] == '/')
		return pa_buf_printf(out, "%s/.local/share/pactaudit/ledger", home);
	return pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE,
	    "no ledger folder: set --ledger DIR, XDG_DATA_HOME or HOME");
}

int
pa_ledger_open(struct pa_ledger **out, const char *dir, bool create)
{
	git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
	struct pa_ledger *l = NULL;
	struct stat st;
	int error;

	*out = NULL;
	/* every object and ref the ledger writes is fsync'd (DESIGN.md section 7) */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if ((l = pa_calloc(1, sizeof(*l))) == NULL || (l->dir = pa_strdup(dir)) == NULL) {
		free(l);
		return PA_ENOMEM;
	}
	error = git_repository_open_ext(&l->repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH |
	    GIT_REPOSITORY_OPEN_BARE, NULL);
	if (error == GIT_ENOTFOUND && create && (stat(dir, &st) < 0 || S_ISDIR(st.st_mode))) {
		if ((error = pa_file_mkdir_p(dir)) < 0)
			goto done;
		init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
		init.initial_head = "main";
		init.description = "pactaudit decision ledger";
		if (git_repository_init_ext(&l->repo, dir, &init) < 0) {
			error = git_fail("cannot create the ledger", dir);
			goto done;
		}
		error = 0;
	} else if (error == GIT_ENOTFOUND) {
		error = pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_USAGE,
		    "no ledger at %s", dir);
		goto done;
	} else if (error < 0) {
		error = git_fail("cannot open the ledger", dir);
		goto done;
	}
	if (!git_repository_is_bare(l->repo)) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s is a git working tree, not a ledger (a bare repository)", dir);
		goto done;
	}
done:
	if (error < 0) {
		pa_ledger_free(l);
		return error;
	}
	*out = l;
	return 0;
}

void
pa_ledger_free(struct pa_ledger *l)
{
	if (l == NULL)
		return;
	git_repository_free(l->repo);
	free(l->dir);
	free(l);
}

const char *
pa_ledger_dir(const struct pa_ledger *l)
{
	return l->dir;
}

int
pa_ledger_dossier_id(struct pa_buf *out, const char *location, const char *subdir,
    const char *registry_id)
{
	char *real;
	int error;

	if (registry_id != NULL)
		return pa_buf_printf(out, "registry:%s", registry_id);
	if ((real = realpath(location, NULL)) == NULL)
		return pa_error_from_os("cannot resolve the dossier", location);
	error = pa_buf_puts(out, real);
	if (error == 0 && subdir != NULL && subdir[0] != '\0')
		error = pa_buf_printf(out, "//%s", subdir);
	free(real);
	return error;
}

/* A blob of the tree by name, appended to out; PA_ENOTFOUND when absent. */
static int
tree_file(struct pa_buf *out, git_repository *repo, const git_tree *tree, const char *name)
{
	const git_tree_entry *e = git_tree_entry_byname(tree, name);
	git_blob *blob = NULL;
	int error;

	if (e == NULL || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return PA_ENOTFOUND;
	if (git_blob_lookup(&blob, repo, git_tree_entry_id(e)) < 0)
		return git_fail("cannot read", name);
	if (git_blob_rawsize(blob) > PA_LIMIT_FILE_SIZE)
		error = pa_error_setc(PA_ELIMIT, PA_ERRCLASS_GIT, "the ledger's %s is too large",
		    name);
	else
		error = pa_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return error;
}

/* The policy of a tree (an empty one when signers.xml is missing or malformed). */
static int
tree_policy(struct pa_policy **out, git_repository *repo, const git_tree *tree)
{
	struct pa_buf b = PA_BUF_INIT;
	struct pa_diag diag = PA_DIAG_INIT;
	int error;

	*out = NULL;
	error = tree_file(&b, repo, tree, POLICY_FILE);
	if (error == PA_ENOTFOUND)
		error = pa_policy_new(out);
	else if (error == 0)
		error = pa_policy_parse(out, b.ptr, b.size, POLICY_FILE, &diag);
	pa_diag_dispose(&diag);
	pa_buf_dispose(&b);
	return error;
}

/* "Name <email>" of a user id into a git signature made now. */
static int
make_signature(git_signature **out, const char *uid)
{
	const char *lt = strchr(uid, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	struct pa_buf name = PA_BUF_INIT, email = PA_BUF_INIT;
	int error;

	if (lt != NULL && gt != NULL) {
		const char *e = lt;

		while (e > uid && e[-1] == ' ')
			e--;
		pa_buf_put(&name, uid, (size_t)(e - uid));
		pa_buf_put(&email, lt + 1, (size_t)(gt - lt - 1));
	} else {
		pa_buf_puts(&name, uid);
	}
	if (name.size == 0)
		pa_buf_puts(&name, "pactaudit auditor");
	if (pa_buf_oom(&name) || pa_buf_oom(&email))
		error = PA_ENOMEM;
	else if (git_signature_now(out, name.ptr, email.ptr) < 0)
		error = git_fail("cannot make the committer of", "a ledger record");
	else
		error = 0;
	pa_buf_dispose(&name);
	pa_buf_dispose(&email);
	return error;
}

/* The first policy: the signer (commit signers) and the other auditors (commit). */
static int
root_tree(git_oid *out, git_repository *repo, const char *signer, const char *signer_uid,
    const char *const *auditors, size_t n)
{
	struct pa_buf xml = PA_BUF_INIT, keys = PA_BUF_INIT, uid = PA_BUF_INIT;
	const char **fprs = NULL;
	git_treebuilder *tb = NULL;
	git_oid blob;
	char fpr[65], want[65];
	size_t i;
	int error;

	if ((fprs = pa_calloc(n + 1, sizeof(*fprs))) == NULL)
		return PA_ENOMEM;
	fprs[0] = signer;
	pa_buf_puts(&xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- the auditors of this pactaudit ledger: see pactaudit-trust(7) -->\n"
	    "<signers xmlns=\"urn:pactaudit:signers:1\" version=\"1\">\n");
	for (i = 0; i <= n; i++) {
		const char *u;
		char *esc;

		if (i > 0) {
			pa_buf_clear(&uid);
			if (!pa_fpr_normalise(want, auditors[i - 1])) {
				error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
				    "'%s' is not a key fingerprint", auditors[i - 1]);
				goto done;
			}
			if ((error = pa_gpg_key_find(fpr, &uid, want, false)) < 0)
				goto done;
			fprs[i] = pa_strdup(fpr);
			if (fprs[i] == NULL) {
				error = PA_ENOMEM;
				goto done;
			}
			u = uid.ptr;
		} else {
			u = signer_uid;
		}
		esc = (char *)xmlEncodeSpecialChars(NULL, (const xmlChar *)(u[0] ? u : "auditor"));
		pa_buf_printf(&xml, "  <signer fingerprint=\"%s\" name=\"%s\" rights=\"%s\"/>\n",
		    fprs[i], esc ? esc : "auditor", i == 0 ? "commit signers" : "commit");
		xmlFree(esc);
	}
	pa_buf_puts(&xml, "</signers>\n");
	if (pa_buf_oom(&xml)) {
		error = PA_ENOMEM;
		goto done;
	}
	if ((error = pa_gpg_export(&keys, fprs, n + 1)) < 0)
		goto done;
	if (git_treebuilder_new(&tb, repo, NULL) < 0 ||
	    git_blob_create_from_buffer(&blob, repo, xml.ptr, xml.size) < 0 ||
	    git_treebuilder_insert(NULL, tb, POLICY_FILE, &blob, GIT_FILEMODE_BLOB) < 0 ||
	    git_blob_create_from_buffer(&blob, repo, keys.ptr, keys.size) < 0 ||
	    git_treebuilder_insert(NULL, tb, KEYS_FILE, &blob, GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(out, tb) < 0) {
		error = git_fail("cannot write the policy of", "the ledger");
		goto done;
	}
	error = 0;
done:
	for (i = 1; fprs != NULL && i <= n; i++)
		free((char *)fprs[i]);
	free(fprs);
	git_treebuilder_free(tb);
	pa_buf_dispose(&xml);
	pa_buf_dispose(&keys);
	pa_buf_dispose(&uid);
	return error;
}

/*
 * flock(2) on DIR/pactaudit.lock while the branch moves.  The kernel drops
 * it when its holder dies, so a ref lock file seen under it was left by a
 * killed writer.
 */
static int
writer_lock(int *fd, const char *gitdir)
{
	struct pa_buf p = PA_BUF_INIT;
	int error = 0;

	*fd = -1;
	if (pa_buf_printf(&p, "%spactaudit.lock", gitdir) < 0)
		return PA_ENOMEM;
	if ((*fd = open(p.ptr, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)) < 0)
		error = pa_error_from_os("cannot open the ledger's lock", p.ptr);
	else {
		while (flock(*fd, LOCK_EX) < 0) {
			if (errno != EINTR) {
				error = pa_error_from_os("cannot lock the ledger", p.ptr);
				close(*fd);
				*fd = -1;
				break;
			}
		}
	}
	pa_buf_dispose(&p);
	return error;
}

static void
writer_unlock(int fd)
{
	if (fd >= 0)
		close(fd);	/* releases the flock */
}

static void
remove_stale_ref_lock(const char *gitdir)
{
	struct pa_buf p = PA_BUF_INIT;

	if (pa_buf_printf(&p, "%s%s.lock", gitdir, PA_LEDGER_BRANCH) == 0)
		unlink(p.ptr);
	pa_buf_dispose(&p);
}

static void
backoff(unsigned attempt, unsigned *seed)
{
	struct timespec ts;
	unsigned ms = 1 + (unsigned)rand_r(seed) % (attempt < 8 ? 4u << attempt : 500u);

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Whether the key is listed with every right of `needed` in the policy. */
static bool
policy_allows(const struct pa_policy *p, const char *fpr, unsigned needed)
{
	const struct pa_signer *s = pa_policy_find(p, fpr);

	return s != NULL && (s->rights & needed) == needed;
}

static const char root_message[] =
    "ledger: the first auditors\n\n{\"pactaudit-ledger\": 1, \"type\": \"policy\"}\n";

/*
 * Write one record (or, with init, the root) on the tip, moving the branch
 * with compare-and-swap; retried on a newer tip.  See ledger.h.
 */
static int
write_record(char out[41], struct pa_ledger *l, const struct pa_ledger_signer *s,
    const char *message, bool init, const char *const *auditors, size_t nauditors)
{
	git_repository *repo = l->repo;
	const char *gitdir = git_repository_path(repo);
	struct pa_buf uid = PA_BUF_INIT, sig = PA_BUF_INIT;
	git_buf buf = GIT_BUF_INIT;
	git_signature *who = NULL;
	git_commit *tip = NULL;
	git_tree *tree = NULL;
	git_reference *ref = NULL;
	struct pa_policy *policy = NULL;
	git_oid tip_id, tree_id, id;
	char fpr[65], sigfpr[65];
	unsigned attempt, seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	int error, rc, lockfd = -1;

	if ((error = pa_gpg_key_find(fpr, &uid, s->key, true)) < 0 ||
	    (error = make_signature(&who, uid.ptr)) < 0)
		goto done;
	for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const git_commit *parents[1];
		bool have_tip;

		git_commit_free(tip);
		git_tree_free(tree);
		pa_policy_free(policy);
		git_buf_dispose(&buf);
		git_reference_free(ref);
		tip = NULL, tree = NULL, policy = NULL, ref = NULL;
		pa_buf_clear(&sig);

		rc = git_reference_name_to_id(&tip_id, repo, PA_LEDGER_BRANCH);
		if (rc < 0 && rc != GIT_ENOTFOUND) {
			error = git_fail("cannot read the branch of", l->dir);
			goto done;
		}
		have_tip = rc == 0;
		if (!have_tip && !init) {
			/* the first record of a ledger: its root lists the signer */
			char root[41];

			error = write_record(root, l, s, NULL, true, NULL, 0);
			if (error < 0 && error != PA_EINVALID)
				goto done;
			pa_error_clear();
			attempt--;	/* the root was made (by us or another writer) */
			continue;
		}
		if (have_tip && init) {
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
			    "the ledger %s already has its first auditors", l->dir);
			goto done;
		}
		if (have_tip) {
			if (git_commit_lookup(&tip, repo, &tip_id) < 0 ||
			    git_commit_tree(&tree, tip) < 0) {
				error = git_fail("cannot read the tip of", l->dir);
				goto done;
			}
			if ((error = tree_policy(&policy, repo, tree)) < 0)
				goto done;
			if (!policy_allows(policy, fpr, PA_RIGHT_COMMIT)) {
				error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
				    "key %s is not an auditor of the ledger %s (its signers.xml "
				    "does not give it the commit right)", fpr, l->dir);
				goto done;
			}
			parents[0] = tip;
		} else {
			if ((error = root_tree(&tree_id, repo, fpr, uid.ptr, auditors,
			    nauditors)) < 0)
				goto done;
			if (git_tree_lookup(&tree, repo, &tree_id) < 0) {
				error = git_fail("cannot read the policy tree of", l->dir);
				goto done;
			}
		}
		if (git_commit_create_buffer(&buf, repo, who, who, NULL,
		    init ? root_message : message, tree, have_tip ? 1 : 0, parents) < 0) {
			error = git_fail("cannot make a record of", l->dir);
			goto done;
		}
		if ((error = pa_gpg_sign_detached(&sig, sigfpr, buf.ptr, buf.size, fpr)) < 0)
			goto done;
		if (git_commit_create_with_signature(&id, repo, buf.ptr, sig.ptr, NULL) < 0) {
			error = git_fail("cannot write a record to", l->dir);
			goto done;
		}
		if ((error = writer_lock(&lockfd, gitdir)) < 0)
			goto done;
		remove_stale_ref_lock(gitdir);
		if (have_tip)
			rc = git_reference_create_matching(&ref, repo, PA_LEDGER_BRANCH, &id, 1,
			    &tip_id, "pactaudit: record");
		else
			rc = git_reference_create(&ref, repo, PA_LEDGER_BRANCH, &id, 0,
			    "pactaudit: first auditors");
		writer_unlock(lockfd);
		lockfd = -1;
		if (rc == 0) {
			git_oid_tostr(out, 41, &id);
			error = 0;
			goto done;
		}
		if (rc != GIT_EMODIFIED && rc != GIT_EEXISTS && rc != GIT_ELOCKED) {
			error = git_fail("cannot move the branch of", l->dir);
			goto done;
		}
		if (init && rc == GIT_EEXISTS) {
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
			    "the ledger %s already has its first auditors", l->dir);
			goto done;
		}
		git_error_clear();
		backoff(attempt, &seed);	/* another writer won: build on its record */
	}
	error = pa_error_set(PA_ERRCLASS_GIT, "%s: gave up after %d writes lost to other "
	    "writers", l->dir, MAX_ATTEMPTS);
done:
	writer_unlock(lockfd);
	git_reference_free(ref);
	pa_policy_free(policy);
	git_tree_free(tree);
	git_commit_free(tip);
	git_buf_dispose(&buf);
	git_signature_free(who);
	pa_buf_dispose(&uid);
	pa_buf_dispose(&sig);
	return error;
}

int
pa_ledger_init(char out[41], struct pa_ledger *l, const struct pa_ledger_signer *s,
    const char *const *auditors, size_t nauditors)
{
	return write_record(out, l, s, NULL, true, auditors, nauditors);
}

/* summary line, empty line, the JSON record (ASCII, keys sorted), newline. */
static int
record_message(struct pa_buf *msg, const char *summary, json_t *record)
{
	char *text;
	int error;

	if (record == NULL)
		return pa_error_oom();
	text = json_dumps(record, JSON_SORT_KEYS | JSON_ENSURE_ASCII | JSON_COMPACT);
	json_decref(record);
	if (text == NULL)
		return pa_error_oom();
	pa_text_sanitize(msg, summary, strlen(summary), PA_TEXT_ONELINE);
	pa_buf_printf(msg, "\n\n%s\n", text);
	free(text);
	error = pa_buf_oom(msg) ? PA_ENOMEM : 0;
	return error;
}

static void
now_iso(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

int
pa_ledger_decide(char out[41], struct pa_ledger *l, const struct pa_ledger_signer *s,
    const struct pa_decision *d)
{
	struct pa_buf msg = PA_BUF_INIT, summary = PA_BUF_INIT;
	char when[21];
	json_t *r;
	int error;

	if (d->dossier == NULL || d->dossier[0] == '\0' || (unsigned)d->decision > PA_DECISION_CHANGES)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "a decision names a dossier and is approve, reject or changes");
	if (d->gpu_hours < -1)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "granted GPU-hours cannot be negative");
	now_iso(when);
	r = json_pack("{s:i, s:s, s:s, s:s, s:s}", "pactaudit-ledger", 1, "type", "decision",
	    "decision", pa_decision_name(d->decision), "dossier", d->dossier, "recorded", when);
	if (r != NULL && d->commit != NULL)
		json_object_set_new(r, "commit", json_string(d->commit));
	if (r != NULL && d->results_digest != NULL)
		json_object_set_new(r, "results-digest", json_string(d->results_digest));
	if (r != NULL && d->gpu_hours >= 0)
		json_object_set_new(r, "gpu-hours", json_integer(d->gpu_hours));
	if (r != NULL && d->note != NULL)
		json_object_set_new(r, "note", json_string(d->note));
	pa_buf_printf(&summary, "decision: %s %s", pa_decision_name(d->decision),
	    base_name(d->dossier));
	if (d->commit != NULL)
		pa_buf_printf(&summary, " at %.12s", d->commit);
	if ((error = record_message(&msg, summary.ptr, r)) == 0)
		error = write_record(out, l, s, msg.ptr, false, NULL, 0);
	pa_buf_dispose(&summary);
	pa_buf_dispose(&msg);
	return error;
}

int
pa_ledger_waive(char out[41], struct pa_ledger *l, const struct pa_ledger_signer *s,
    const struct pa_waiver *w)
{
	struct pa_buf msg = PA_BUF_INIT, summary = PA_BUF_INIT;
	struct pa_waiver copy;
	char when[21];
	json_t *r, *wj;
	int error;

	if ((error = pa_waiver_validate(w, "waiver")) < 0)
		return error;
	now_iso(when);
	copy = *w;
	copy.approver = NULL;		/* the approver is the signer, read from the signature */
	copy.approver_name = NULL;
	copy.created = when;
	copy.id = NULL;
	wj = pa_waiver__to_json(&copy);
	r = wj == NULL ? NULL : json_pack("{s:i, s:s, s:o}", "pactaudit-ledger", 1,
	    "type", "waiver", "waiver", wj);
	pa_buf_printf(&summary, "waiver: %s%s%.12s until %s", w->rule ? w->rule : "",
	    w->rule && w->finding ? " " : "", w->finding ? w->finding : "", w->until);
	if (w->dossier != NULL)
		pa_buf_printf(&summary, " for %s", base_name(w->dossier));
	if ((error = record_message(&msg, summary.ptr, r)) == 0)
		error = write_record(out, l, s, msg.ptr, false, NULL, 0);
	pa_buf_dispose(&summary);
	pa_buf_dispose(&msg);
	return error;
}

/* Loading and verifying */

static void
entry_dispose(struct pa_ledger_entry *e)
{
	free(e->signer_name);
	free(e->problem);
	free(e->decision.dossier);
	free(e->decision.commit);
	free(e->decision.results_digest);
	free(e->decision.note);
	pa_waiver_free(e->waiver);
}

void
pa_ledger_log_free(struct pa_ledger_log *log)
{
	size_t i;

	if (log == NULL)
		return;
	for (i = 0; i < log->count; i++)
		entry_dispose(&log->entries[i]);
	free(log->entries);
	free(log);
}

static int
dup_json_str(char **out, json_t *o, const char *key, bool required)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL && !required)
		return 0;
	if (!json_is_string(v))
		return PA_EINVALID;
	return (*out = pa_strndup(json_string_value(v), json_string_length(v))) ? 0 : PA_ENOMEM;
}

/* Read the record of a commit message into e (kind and fields); PA_EINVALID if it is none. */
static int
parse_record(struct pa_ledger_entry *e, const char *message)
{
	const char *body = strstr(message, "\n\n"), *type;
	json_t *r = NULL, *v;
	int error = PA_EINVALID;

	if (body == NULL || strlen(body) > MAX_RECORD)
		return PA_EINVALID;
	r = json_loads(body + 2, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(r) ||
	    !json_is_integer(v = json_object_get(r, "pactaudit-ledger")) ||
	    json_integer_value(v) != 1 || !json_is_string(v = json_object_get(r, "type")))
		goto done;
	type = json_string_value(v);
	if (strcmp(type, "policy") == 0) {
		e->kind = PA_LEDGER_POLICY;
		error = 0;
	} else if (strcmp(type, "decision") == 0) {
		v = json_object_get(r, "decision");
		if (!json_is_string(v) ||
		    pa_decision_parse(&e->decision.decision, json_string_value(v)) < 0)
			goto done;
		if ((error = dup_json_str(&e->decision.dossier, r, "dossier", true)) < 0 ||
		    (error = dup_json_str(&e->decision.commit, r, "commit", false)) < 0 ||
		    (error = dup_json_str(&e->decision.results_digest, r, "results-digest",
		    false)) < 0 ||
		    (error = dup_json_str(&e->decision.note, r, "note", false)) < 0)
			goto done;
		v = json_object_get(r, "gpu-hours");
		e->decision.gpu_hours = -1;
		if (v != NULL) {
			if (!json_is_integer(v) || json_integer_value(v) < 0) {
				error = PA_EINVALID;
				goto done;
			}
			e->decision.gpu_hours = json_integer_value(v);
		}
		e->kind = PA_LEDGER_DECISION;
	} else if (strcmp(type, "waiver") == 0) {
		if ((error = pa_waiver__from_json(&e->waiver, json_object_get(r, "waiver"),
		    "ledger waiver")) < 0)
			goto done;
		if (pa_waiver_validate(e->waiver, "ledger waiver") < 0) {
			error = PA_EINVALID;
			goto done;
		}
		e->kind = PA_LEDGER_WAIVER;
	}
done:
	pa_error_clear();
	json_decref(r);
	return error == PA_ENOMEM ? PA_ENOMEM : error;
}

static int
set_problem(struct pa_ledger_entry *e, const char *fmt, ...) PA_PRINTF(2, 3);

static int
set_problem(struct pa_ledger_entry *e, const char *fmt, ...)
{
	struct pa_buf b = PA_BUF_INIT;
	va_list ap;

	e->trusted = false;
	if (e->problem != NULL)
		return 0;
	va_start(ap, fmt);
	pa_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if ((e->problem = pa_buf_detach(&b)) == NULL)
		return PA_ENOMEM;
	return 0;
}

/* Import keys.asc of every distinct tree, and the keyring file, into the private home. */
static int
import_keys(struct pa_gpg_home *home, git_repository *repo, git_tree *tree,
    struct pa_buf *seen)
{
	const git_tree_entry *e = git_tree_entry_byname(tree, KEYS_FILE);
	struct pa_buf keys = PA_BUF_INIT;
	char hex[41];
	size_t count;
	int error;

	if (e == NULL)
		return 0;
	git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
	if (seen->size > 0 && strstr(seen->ptr, hex) != NULL)
		return 0;
	pa_buf_printf(seen, "%s\n", hex);
	if ((error = tree_file(&keys, repo, tree, KEYS_FILE)) == 0)
		error = pa_gpg_home_import(home, keys.ptr, keys.size, "the ledger's keys.asc",
		    &count);
	pa_buf_dispose(&keys);
	return error == PA_ENOTFOUND ? 0 : error;
}

struct walk {
	struct pa_ledger *l;
	git_revwalk *rw;
	struct pa_gpg_home *home;
	struct pa_gpg_verifier *verifier;
	struct pa_keyset keys;
	struct pa_ledger_log *log;
};

static int
grow_log(struct pa_ledger_log *log)
{
	struct pa_ledger_entry *n;

	n = pa_reallocarray(log->entries, log->count + 1, sizeof(*n));
	if (n == NULL)
		return PA_ENOMEM;
	log->entries = n;
	memset(&n[log->count], 0, sizeof(n[0]));
	log->count++;
	return 0;
}

/* Verify commit c as entry e against policy (NULL: the root, judged by its own). */
static int
judge(struct walk *w, struct pa_ledger_entry *e, git_commit *c, const struct pa_policy *policy,
    unsigned needed)
{
	git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
	struct pa_sig_fact *facts = NULL;
	struct pa_sig_verdict v;
	const struct pa_key_fact *key;
	git_oid id;
	size_t n = 0;
	int error = 0, rc;

	git_oid_cpy(&id, git_commit_id(c));
	rc = git_commit_extract_signature(&sig, &data, w->l->repo, &id, NULL);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		e->status = pa_sig_status_name(PA_SIG_MISSING);
		error = set_problem(e, "not signed");
		goto done;
	}
	if (rc < 0) {
		error = git_fail("cannot read the signature of a commit in", w->l->dir);
		goto done;
	}
	if ((error = pa_gpg_verify(&facts, &n, w->verifier, pa_gpg_home_path(w->home),
	    sig.ptr, sig.size, data.ptr, data.size)) < 0)
		goto done;
	if (facts[0].created == 0)
		facts[0].created = e->time;
	pa_sig_judge(&v, &facts[0], &w->keys, facts[0].created, policy, needed);
	e->status = pa_sig_status_name(v.status);
	key = v.key;
	snprintf(e->signer, sizeof(e->signer), "%s", key ? key->primary : facts[0].fpr);
	if (v.signer != NULL && v.signer->name != NULL)
		e->signer_name = pa_strdup(v.signer->name);
	else if (key != NULL && key->uid != NULL)
		e->signer_name = pa_strdup(key->uid);
	e->trusted = v.authorised;
	if (v.status != PA_SIG_GOOD && v.status != PA_SIG_UNTRUSTED_SIGNER)
		error = set_problem(e, "signature %s", pa_sig_status_name(v.status));
	else if (v.signer == NULL)
		error = set_problem(e, "signed by %s, who is not an auditor of the ledger",
		    e->signer);
	else if (v.missing != 0)
		error = set_problem(e, "signed by %s, who may not %s", e->signer,
		    (v.missing & PA_RIGHT_SIGNERS) ? "change the ledger's auditors" :
		    "record decisions");
done:
	free(facts);
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	return error;
}

static int
walk_all(struct walk *w)
{
	git_repository *repo = w->l->repo;
	struct pa_ledger_log *log = w->log;
	struct pa_policy *policy = NULL;
	git_oid policy_tree, id;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	size_t i;
	bool root_trusted = false;
	int error = 0;

	for (i = 0; (error = git_revwalk_next(&id, w->rw)) == 0; i++) {
		struct pa_ledger_entry *e;
		bool tree_changed;
		unsigned needed = PA_RIGHT_COMMIT;

		git_commit_free(c);
		git_tree_free(tree);
		c = NULL, tree = NULL;
		if (i >= PA_LIMIT_COMMITS) {
			error = pa_error_setc(PA_ELIMIT, PA_ERRCLASS_GIT,
			    "the ledger %s has more than %d records", w->l->dir, PA_LIMIT_COMMITS);
			goto done;
		}
		if (git_commit_lookup(&c, repo, &id) < 0 || git_commit_tree(&tree, c) < 0) {
			error = git_fail("cannot read a commit of", w->l->dir);
			goto done;
		}
		if ((error = grow_log(log)) < 0)
			goto done;
		e = &log->entries[log->count - 1];
		git_oid_tostr(e->commit, sizeof(e->commit), &id);
		e->time = (long long)git_commit_time(c);
		e->kind = PA_LEDGER_OTHER;
		if ((error = parse_record(e, git_commit_message_raw(c))) == PA_ENOMEM)
			goto done;
		error = 0;
		if (i == 0) {
			/* the root authorises itself: its own policy, both rights */
			git_oid_tostr(log->root, sizeof(log->root), &id);
			git_oid_cpy(&policy_tree, git_tree_id(tree));
			if ((error = tree_policy(&policy, repo, tree)) < 0 ||
			    (error = judge(w, e, c, policy, PA_RIGHT_COMMIT | PA_RIGHT_SIGNERS)) < 0)
				goto done;
			if (git_commit_parentcount(c) != 0)
				error = set_problem(e, "the ledger's first commit has parents");
			root_trusted = e->trusted;
			if (!root_trusted)
				set_problem(e, "the ledger's first auditors are not signed by one of them");
			continue;
		}
		tree_changed = !git_oid_equal(&policy_tree, git_tree_id(tree));
		if (tree_changed)
			needed |= PA_RIGHT_SIGNERS;
		if ((error = judge(w, e, c, policy, needed)) < 0)
			goto done;
		if (git_commit_parentcount(c) != 1)
			error = set_problem(e, "a merge: the ledger's history is a single line");
		else if (!root_trusted)
			error = set_problem(e, "the ledger's root is not trusted");
		else if (e->kind == PA_LEDGER_OTHER)
			error = set_problem(e, "not a ledger record");
		if (error < 0)
			goto done;
		if (e->trusted && tree_changed) {
			/* an authorised change of the auditors: later records answer to it */
			pa_policy_free(policy);
			policy = NULL;
			git_oid_cpy(&policy_tree, git_tree_id(tree));
			if ((error = tree_policy(&policy, repo, tree)) < 0)
				goto done;
		}
		if (e->kind == PA_LEDGER_WAIVER) {
			struct pa_waiver *wv = e->waiver;

			free(wv->approver);
			free(wv->id);
			wv->approver = pa_strdup(e->signer);
			wv->id = pa_strdup(e->commit);
			wv->approver_name = e->signer_name ? pa_strdup(e->signer_name) : NULL;
			wv->source = PA_WAIVER_LEDGER;
			wv->trusted = e->trusted;
			if (wv->approver == NULL || wv->id == NULL) {
				error = PA_ENOMEM;
				goto done;
			}
		}
	}
	if (error == GIT_ITEROVER)
		error = 0;
	else if (error < 0)
		error = git_fail("cannot walk the history of", w->l->dir);
done:
	for (i = 0; i < log->count; i++)
		if (!log->entries[i].trusted)
			log->untrusted++;
	pa_policy_free(policy);
	git_tree_free(tree);
	git_commit_free(c);
	return error;
}

int
pa_ledger_load(struct pa_ledger_log **out, struct pa_ledger *l, const char *keyring)
{
	struct walk w = { .l = l };
	struct pa_buf seen = PA_BUF_INIT, kr = PA_BUF_INIT;
	git_oid tip, id;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	size_t count;
	int error, rc;

	*out = NULL;
	if ((w.log = pa_calloc(1, sizeof(*w.log))) == NULL)
		return PA_ENOMEM;
	rc = git_reference_name_to_id(&tip, l->repo, PA_LEDGER_BRANCH);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		*out = w.log;
		return 0;
	}
	if (rc < 0)
		return git_fail("cannot read the branch of", l->dir), pa_ledger_log_free(w.log),
		    PA_ERROR;
	if ((error = pa_gpg_home_new(&w.home)) < 0 ||
	    (error = pa_gpg_verifier_new(&w.verifier)) < 0)
		goto done;
	if (keyring != NULL) {
		if ((error = pa_file_read(&kr, keyring, PA_LIMIT_FILE_SIZE, 0)) < 0 ||
		    (error = pa_gpg_home_import(w.home, kr.ptr, kr.size, keyring, &count)) < 0)
			goto done;
	}
	/* libgit2's walk leaks on a malformed commit: parse them all first */
	if ((error = pa_history_check_parsable(l->repo, &tip, NULL)) < 0)
		goto done;
	/* the keys of every keys.asc the history ever held */
	if (git_revwalk_new(&w.rw, l->repo) < 0 || git_revwalk_push(w.rw, &tip) < 0) {
		error = git_fail("cannot walk the history of", l->dir);
		goto done;
	}
	while ((rc = git_revwalk_next(&id, w.rw)) == 0) {
		if (git_commit_lookup(&c, l->repo, &id) < 0 || git_commit_tree(&tree, c) < 0) {
			error = git_fail("cannot read a commit of", l->dir);
			goto done;
		}
		error = import_keys(w.home, l->repo, tree, &seen);
		git_tree_free(tree);
		git_commit_free(c);
		tree = NULL, c = NULL;
		if (error < 0)
			goto done;
	}
	if ((error = pa_gpg_home_keys(&w.keys, w.home)) < 0)
		goto done;
	git_revwalk_reset(w.rw);
	git_revwalk_sorting(w.rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_push(w.rw, &tip) < 0) {
		error = git_fail("cannot walk the history of", l->dir);
		goto done;
	}
	error = walk_all(&w);
done:
	git_tree_free(tree);
	git_commit_free(c);
	git_revwalk_free(w.rw);
	pa_keyset_dispose(&w.keys);
	pa_gpg_verifier_free(w.verifier);
	pa_gpg_home_free(w.home);
	pa_buf_dispose(&seen);
	pa_buf_dispose(&kr);
	if (error < 0) {
		pa_ledger_log_free(w.log);
		return error;
	}
	*out = w.log;
	return 0;
}

const struct pa_ledger_entry *
pa_ledger_log_decision(const struct pa_ledger_log *log, const char *dossier)
{
	size_t i;

	for (i = log->count; i-- > 0;) {
		const struct pa_ledger_entry *e = &log->entries[i];

		if (e->kind == PA_LEDGER_DECISION && e->trusted &&
		    strcmp(e->decision.dossier, dossier) == 0)
			return e;
	}
	return NULL;
}

int
pa_ledger_log_waivers(struct pa_waivers *out, const struct pa_ledger_log *log,
    const char *dossier)
{
	struct pa_waiver *w;
	size_t i;
	int error;

	for (i = 0; i < log->count; i++) {
		const struct pa_ledger_entry *e = &log->entries[i];

		if (e->kind != PA_LEDGER_WAIVER || !e->trusted)
			continue;
		if (dossier != NULL && e->waiver->dossier != NULL &&
		    strcmp(e->waiver->dossier, dossier) != 0)
			continue;
		if ((w = pa_waiver_dup(e->waiver)) == NULL)
			return PA_ENOMEM;
		if ((error = pa_waivers_push(out, w)) < 0)
			return error;
	}
	return 0;
}
