/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing policies, rights, statuses and the judgement of one signature at the as-of date. */
#include "config.h"

#include "sig/policy.h"

#include <ctype.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/history.h"
#include "parse/xml.h"
#include "util/alloc.h"
#include "util/error.h"

#define SIGNERS_NS "urn:pactaudit:signers:1"

static const char *const status_names[] = {
	[PA_SIG_GOOD] = "good",
	[PA_SIG_BAD] = "bad",
	[PA_SIG_MISSING] = "missing",
	[PA_SIG_UNKNOWN_KEY] = "unknown-key",
	[PA_SIG_EXPIRED_KEY] = "expired-key",
	[PA_SIG_REVOKED_KEY] = "revoked-key",
	[PA_SIG_EXPIRED_SIGNATURE] = "expired-signature",
	[PA_SIG_UNTRUSTED_SIGNER] = "untrusted-signer",
};
_Static_assert(sizeof(status_names) / sizeof(status_names[0]) == PA_SIG_UNTRUSTED_SIGNER + 1,
    "one name per status");

static const struct {
	const char *name;
	unsigned right;
} right_names[] = {
	{ "commit", PA_RIGHT_COMMIT },
	{ "pact", PA_RIGHT_PACT },
	{ "tag", PA_RIGHT_TAG },
	{ "signers", PA_RIGHT_SIGNERS },
};

const char *
pa_sig_status_name(enum pa_sig_status s)
{
	return (unsigned)s <= PA_SIG_UNTRUSTED_SIGNER ? status_names[s] : "bad";
}

unsigned
pa_rights_parse(const char *s, const char **unknown, size_t *unknown_len)
{
	unsigned rights = 0;
	size_t n, i;
	bool known;

	if (unknown != NULL)
		*unknown = NULL;
	if (unknown_len != NULL)
		*unknown_len = 0;
	while (s != NULL && *s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ',')
			s++;
		for (n = 0; s[n] != '\0' && s[n] != ' ' && s[n] != '\t' && s[n] != '\n' &&
		    s[n] != '\r' && s[n] != ','; n++)
			;
		if (n == 0)
			break;
		known = false;
		for (i = 0; i < sizeof(right_names) / sizeof(right_names[0]); i++) {
			if (strlen(right_names[i].name) == n && memcmp(right_names[i].name, s, n) == 0) {
				rights |= right_names[i].right;
				known = true;
			}
		}
		if (!known && unknown != NULL && *unknown == NULL) {
			*unknown = s;
			if (unknown_len != NULL)
				*unknown_len = n;
		}
		s += n;
	}
	return rights;
}

int
pa_rights_format(struct pa_buf *out, unsigned rights)
{
	size_t i;
	bool first = true;

	for (i = 0; i < sizeof(right_names) / sizeof(right_names[0]); i++) {
		if (!(rights & right_names[i].right))
			continue;
		if (!first)
			pa_buf_putc(out, ' ');
		pa_buf_puts(out, right_names[i].name);
		first = false;
	}
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

bool
pa_fpr_normalise(char out[65], const char *in)
{
	size_t n = 0;

	out[0] = '\0';
	if (in == NULL)
		return false;
	if (in[0] == '0' && (in[1] == 'x' || in[1] == 'X'))
		in += 2;
	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
			continue;
		if (!isxdigit((unsigned char)*in) || n >= 64) {
			out[0] = '\0';
			return false;
		}
		out[n++] = (char)toupper((unsigned char)*in);
	}
	out[n] = '\0';
	if (n != 40 && n != 64) {
		out[0] = '\0';
		return false;
	}
	return true;
}

unsigned
pa_rights_for_changes(unsigned changes)
{
	unsigned r = PA_RIGHT_COMMIT;

	if (changes & (PA_HISTORY_CHANGE_COMMITMENTS | PA_HISTORY_CHANGE_PACT_SIG))
		r |= PA_RIGHT_PACT;
	if (changes & PA_HISTORY_CHANGE_SIGNERS)
		r |= PA_RIGHT_SIGNERS;
	return r;
}

int
pa_policy_new(struct pa_policy **out)
{
	if ((*out = pa_calloc(1, sizeof(**out))) == NULL)
		return PA_ENOMEM;
	return 0;
}

void
pa_policy_free(struct pa_policy *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->count; i++) {
		free(p->signers[i].name);
		free(p->signers[i].email);
	}
	free(p->signers);
	free(p);
}

static int
policy_push(struct pa_policy *p, const char fpr[65], char *name, char *email,
    unsigned rights, long line)
{
	struct pa_signer *n;

	n = pa_reallocarray(p->signers, p->count + 1, sizeof(*n));
	if (n == NULL) {
		free(name);
		free(email);
		return PA_ENOMEM;
	}
	p->signers = n;
	n = &p->signers[p->count++];
	memcpy(n->fpr, fpr, sizeof(n->fpr));
	n->name = name;
	n->email = email;
	n->rights = rights;
	n->line = line;
	return 0;
}

int
pa_policy_add(struct pa_policy *p, const char *fpr, const char *name, unsigned rights)
{
	char norm[65];
	char *nm = NULL;

	if (!pa_fpr_normalise(norm, fpr))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "'%s' is not an OpenPGP fingerprint", fpr);
	if (name != NULL && (nm = pa_strdup(name)) == NULL)
		return PA_ENOMEM;
	return policy_push(p, norm, nm, NULL, rights, 0);
}

const struct pa_signer *
pa_policy_find(const struct pa_policy *p, const char *fpr)
{
	size_t i;

	if (p == NULL || fpr == NULL)
		return NULL;
	for (i = 0; i < p->count; i++) {
		if (strcmp(p->signers[i].fpr, fpr) == 0)
			return &p->signers[i];
	}
	return NULL;
}

static bool
is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, SIGNERS_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
parse_signer(struct pa_policy *p, const xmlNode *n, const char *path, struct pa_diag *diag)
{
	char *fpr = NULL, *name = NULL, *email = NULL, *rights = NULL;
	const char *unknown;
	size_t ulen;
	char norm[65];
	unsigned r;
	long line = pa_xml_line(n);
	int error = 0;

	fpr = pa_xml_prop_dup(n, "fingerprint");
	name = pa_xml_prop_dup(n, "name");
	email = pa_xml_prop_dup(n, "email");
	rights = pa_xml_prop_dup(n, "rights");
	if (!pa_fpr_normalise(norm, fpr)) {
		pa_diag_add(diag, PA_DIAG_ERROR, "signers-fingerprint", path, line, NULL,
		    "signer '%s' has no valid OpenPGP fingerprint (40 or 64 hex digits): '%s'",
		    name ? name : "", fpr ? fpr : "");
		goto done;
	}
	if (pa_policy_find(p, norm) != NULL) {
		pa_diag_add(diag, PA_DIAG_ERROR, "signers-duplicate", path, line, NULL,
		    "signer %s is listed twice; only the first entry counts", norm);
		goto done;
	}
	r = pa_rights_parse(rights, &unknown, &ulen);
	if (unknown != NULL)
		pa_diag_add(diag, PA_DIAG_WARNING, "signers-right", path, line, NULL,
		    "unknown right '%.*s' for signer %s (rights are commit, pact, tag, signers)",
		    (int)ulen, unknown, norm);
	error = policy_push(p, norm, name, email, r, line);
	name = email = NULL;	/* owned by the policy now */
done:
	free(fpr);
	free(name);
	free(email);
	free(rights);
	return error;
}

int
pa_policy_parse(struct pa_policy **out, const char *data, size_t len,
    const char *path, struct pa_diag *diag)
{
	struct pa_policy *p = NULL;
	xmlDoc *doc = NULL;
	xmlNode *root, *n;
	int error;

	*out = NULL;
	if ((error = pa_policy_new(&p)) < 0)
		return error;
	if ((error = pa_xml_parse_untrusted(&doc, data, len, path, diag)) < 0 || doc == NULL)
		goto done;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_el(root, "signers")) {
		pa_diag_add(diag, PA_DIAG_ERROR, "signers-root", path,
		    root ? pa_xml_line(root) : 1, NULL,
		    "the root element must be <signers xmlns=\"%s\">", SIGNERS_NS);
		goto done;
	}
	for (n = root->children; n != NULL; n = n->next) {
		if (!is_el(n, "signer"))
			continue;
		if ((error = parse_signer(p, n, path, diag)) < 0)
			goto done;
	}
done:
	xmlFreeDoc(doc);
	if (error < 0) {
		pa_policy_free(p);
		return error;
	}
	*out = p;
	return 0;
}

void
pa_sig_judge(struct pa_sig_verdict *out, const struct pa_sig_fact *f,
    const struct pa_keyset *ks, long long as_of, const struct pa_policy *p,
    unsigned needed)
{
	memset(out, 0, sizeof(*out));
	out->needed = needed;
	out->missing = needed;
	if (f->fpr[0] != '\0')
		out->key = pa_keyset_find(ks, f->fpr);
	if (out->key != NULL)
		out->signer = pa_policy_find(p, out->key->primary);
	if (out->signer != NULL)
		out->missing = needed & ~out->signer->rights;
	switch (f->outcome) {
	case PA_SIG_OUTCOME_NONE:
	case PA_SIG_OUTCOME_UNSUPPORTED:
		out->status = PA_SIG_MISSING;
		return;
	case PA_SIG_OUTCOME_BAD:
	case PA_SIG_OUTCOME_ERROR:
		out->status = PA_SIG_BAD;
		return;
	case PA_SIG_OUTCOME_NO_KEY:
		out->status = PA_SIG_UNKNOWN_KEY;
		return;
	case PA_SIG_OUTCOME_VALID:
		break;
	}
	if (out->key == NULL) {
		out->status = PA_SIG_UNKNOWN_KEY;
		return;
	}
	if (out->key->revoked) {
		/* superseded or retired after the signature was made: it stays good */
		if ((out->key->revocation == PA_REVOCATION_SUPERSEDED ||
		    out->key->revocation == PA_REVOCATION_RETIRED) && f->created != 0 &&
		    out->key->revoked_at > 1 && f->created < out->key->revoked_at) {
			out->revoked_later = true;
		} else {
			out->status = PA_SIG_REVOKED_KEY;
			return;
		}
	}
	if (out->key->expires != 0 &&
	    (out->key->expires <= as_of || (f->created != 0 && f->created >= out->key->expires))) {
		out->status = PA_SIG_EXPIRED_KEY;
		return;
	}
	if (f->expires != 0 && f->expires <= as_of) {
		out->status = PA_SIG_EXPIRED_SIGNATURE;
		return;
	}
	if (out->signer == NULL) {
		out->status = PA_SIG_UNTRUSTED_SIGNER;
		return;
	}
	out->status = PA_SIG_GOOD;
	out->authorised = out->missing == 0;
}
