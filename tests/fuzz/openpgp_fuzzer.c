/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: OpenPGP keys and signatures as the trust check feeds them to librnp (split.c, rnp.c, commit/tag signatures). */
#include "config.h"

/*
 * The input is three parts separated by a line "%%": public keys (as
 * pact/keys.asc), a signature (as pact/commitments.xml.asc, or a commit's
 * or tag's), and the data it signs.  The keys go into a librnp keyring in
 * memory; the signature is split as a detached .asc is (pa_sig_split) and
 * each part verified over the data; then the same signature is put into a
 * commit (gpgsig header) and an annotated tag of an in-memory repository,
 * taken out again by the history reader and verified too.  GPGME is never
 * used (it starts a gpg process per call).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/dossier.h"
#include "dossier/history.h"
#include "memrepo.h"
#include "sig/facts.h"
#include "sig/internal.h"
#include "sig/rnp.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT (256u * 1024)
#define SEP "\n%%\n"

/* Verify sig over data; the facts must be there, and survive the cache's encoding. */
static void
verify(struct pa_rnp *r, const char *sig, size_t siglen, const char *data, size_t datalen)
{
	struct pa_sig_fact *facts = NULL, *back = NULL;
	enum pa_history_sigformat fmt;
	struct pa_buf enc = PA_BUF_INIT;
	size_t n = 0, nback = 0;

	if (pa_rnp_verify(&facts, &n, r, sig, siglen, data, datalen) == 0) {
		if (n == 0 || facts == NULL)
			abort();	/* at least one fact, PA_SIG_OUTCOME_NONE if nothing else */
		if (n <= 64 && pa_sig_facts_encode(&enc, PA_HISTORY_SIG_OPENPGP, facts, n) == 0) {
			if (pa_sig_facts_decode(&fmt, &back, &nback, enc.ptr, enc.size) < 0 ||
			    nback != n || fmt != PA_HISTORY_SIG_OPENPGP ||
			    back[0].outcome != facts[0].outcome ||
			    strcmp(back[0].fpr, facts[0].fpr) != 0)
				abort();
		}
	}
	pa_error_clear();
	free(back);
	free(facts);
	pa_buf_dispose(&enc);
}

/* As collect.c does for a detached .asc: split, then each part (or the whole) verified. */
static void
verify_detached(struct pa_rnp *r, const char *sig, size_t siglen, const char *data,
    size_t datalen)
{
	struct pa_sig_parts parts;
	size_t i;

	if (pa_sig_split(&parts, sig, siglen) < 0)
		goto done;
	if (parts.count == 1 || parts.count > 64 || (parts.not_detached && parts.count > 0))
		abort();	/* one signature is verified whole; a signed message never split */
	for (i = 0; i < parts.count; i++)
		if (parts.parts[i].size < 2 || !((unsigned char)parts.parts[i].ptr[0] & 0x80))
			abort();	/* each part is an OpenPGP packet */
	if (parts.not_detached)
		goto done;
	if (parts.count == 0)
		verify(r, sig, siglen, data, datalen);
	for (i = 0; i < parts.count; i++)
		verify(r, parts.parts[i].ptr, parts.parts[i].size, data, datalen);
done:
	pa_error_clear();
	pa_sig_parts_dispose(&parts);
}

/* A commit signed with sig (gpgsig header) and a tag of it whose message is data then sig. */
static int
write_objects(git_odb *odb, char rev[41], const char *sig, size_t siglen, const char *data,
    size_t datalen)
{
	static const char who[] = "A <a@example.org> 1700000000 +0000";
	struct pa_buf b = PA_BUF_INIT;
	git_oid blob, tree, commit, tag;
	char hex[GIT_OID_HEXSZ + 1];
	size_t i;
	int error = -1;

	if (git_odb_write(&blob, odb, data, datalen, GIT_OBJECT_BLOB) < 0)
		goto done;
	pa_buf_puts(&b, "100644 README.md");
	pa_buf_put(&b, "", 1);
	pa_buf_put(&b, (const char *)blob.id, GIT_OID_RAWSZ);
	if (pa_buf_oom(&b) || git_odb_write(&tree, odb, b.ptr, b.size, GIT_OBJECT_TREE) < 0)
		goto done;
	git_oid_tostr(hex, sizeof(hex), &tree);
	pa_buf_clear(&b);
	pa_buf_printf(&b, "tree %s\nauthor %s\ncommitter %s\n", hex, who, who);
	if (siglen > 0) {
		pa_buf_puts(&b, "gpgsig ");
		for (i = 0; i < siglen; i++) {
			pa_buf_putc(&b, sig[i]);
			if (sig[i] == '\n' && i + 1 < siglen)
				pa_buf_putc(&b, ' ');
		}
		if (sig[siglen - 1] != '\n')
			pa_buf_putc(&b, '\n');
	}
	pa_buf_puts(&b, "\nsigned\n");
	if (pa_buf_oom(&b) || git_odb_write(&commit, odb, b.ptr, b.size, GIT_OBJECT_COMMIT) < 0)
		goto done;
	git_oid_tostr(hex, sizeof(hex), &commit);
	pa_buf_clear(&b);
	pa_buf_printf(&b, "object %s\ntype commit\ntag submission\ntagger %s\n\n", hex, who);
	pa_buf_put(&b, data, datalen);
	pa_buf_put(&b, sig, siglen);
	if (pa_buf_oom(&b) || git_odb_write(&tag, odb, b.ptr, b.size, GIT_OBJECT_TAG) < 0)
		goto done;
	git_oid_tostr(rev, 41, &tag);
	error = 0;
done:
	git_error_clear();
	pa_buf_dispose(&b);
	return error;
}

/* The signatures the history reader takes out of the commit and the tag, verified. */
static void
verify_git(struct pa_rnp *r, const char *sig, size_t siglen, const char *data, size_t datalen)
{
	struct pa_dossier_opts opts = { 0 };
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_buf s = PA_BUF_INIT, d = PA_BUF_INIT;
	struct pa_dossier *dos = NULL;
	struct pa_history *h = NULL;
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	char rev[41];
	int rc;

	if (memrepo_new(&repo, &odb) < 0)
		abort();
	if (write_objects(odb, rev, sig, siglen, data, datalen) < 0)
		goto done;
	opts.rev = rev;
	rc = pa_dossier_open_git(&dos, repo, "fuzz", &opts, &diag);
	repo = NULL;	/* the dossier owns it */
	if (rc < 0 || pa_history_open(&h, dos, NULL, &diag) < 0)
		goto done;
	rc = pa_history_commit_signature(&s, &d, h, pa_history_target_index(h));
	if (rc == PA_HISTORY_SIG_OPENPGP)
		verify(r, s.ptr, s.size, d.ptr, d.size);
	pa_buf_clear(&s);
	pa_buf_clear(&d);
	rc = pa_history_tag_signature(&s, &d, h);
	if (rc == PA_HISTORY_SIG_OPENPGP)
		verify(r, s.ptr, s.size, d.ptr, d.size);
done:
	pa_error_clear();
	git_error_clear();
	pa_history_free(h);
	pa_dossier_free(dos);
	git_repository_free(repo);
	git_odb_free(odb);
	pa_buf_dispose(&d);
	pa_buf_dispose(&s);
	pa_diag_dispose(&diag);
}

/* The next part of the input: up to the separator line, or to the end. */
static const char *
next_part(const char **p, const char *end, size_t *len)
{
	const char *start = *p, *q;

	for (q = start; q != NULL && q < end; q++) {
		q = memchr(q, '\n', (size_t)(end - q));
		if (q == NULL)
			break;
		if ((size_t)(end - q) >= 4 && memcmp(q, SEP, 4) == 0) {
			*len = (size_t)(q - start);
			*p = q + 4;
			return start;
		}
	}
	*len = (size_t)(end - start);
	*p = end;
	return start;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *keys, *sig, *signed_data;
	size_t keylen, siglen, datalen, count = 0, i;
	struct pa_keyset ks = { 0 };
	struct pa_rnp *r = NULL;

	if (size > MAX_INPUT)
		return 0;
	memrepo_init();
	keys = next_part(&p, end, &keylen);
	sig = next_part(&p, end, &siglen);
	signed_data = next_part(&p, end, &datalen);
	if (pa_rnp_new(&r) < 0)
		abort();
	if (pa_rnp_import(r, keys, keylen, "pact/keys.asc", &count) == 0 &&
	    pa_rnp_keys(&ks, r) == 0) {
		for (i = 0; i < ks.count; i++) {
			if (ks.keys[i].fpr[0] == '\0' || ks.keys[i].primary[0] == '\0' ||
			    pa_keyset_find(&ks, ks.keys[i].fpr) == NULL)
				abort();	/* every key found by its own fingerprint */
		}
	}
	pa_error_clear();
	verify_detached(r, sig, siglen, signed_data, datalen);
	verify_git(r, sig, siglen, signed_data, datalen);
	pa_keyset_dispose(&ks);
	pa_rnp_free(r);
	return 0;
}
