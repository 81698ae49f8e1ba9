/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a pact/commitments.xml.asc holds, read before any verifier sees it:
 * each OpenPGP signature on its own (armoured blocks and the packets in
 * them), or a message that is not a detached signature at all.  GnuPG in
 * batch mode stops at the first bad signature of a file and checks only
 * the first class when classes are mixed; verified one by one, a good
 * signature by a second signatory is never lost behind a bad first one.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sig/internal.h"
#include "util/alloc.h"
#include "util/error.h"

#define BEGIN_SIG "-----BEGIN PGP SIGNATURE-----"
#define END_SIG "-----END PGP SIGNATURE-----"
#define MAX_PARTS 64

static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static const char *
find(const char *p, const char *end, const char *what)
{
	size_t n = strlen(what);

	for (; p != NULL && (size_t)(end - p) >= n; p++) {
		p = memchr(p, what[0], (size_t)(end - p));
		if (p == NULL || (size_t)(end - p) < n)
			return NULL;
		if (memcmp(p, what, n) == 0)
			return p;
	}
	return NULL;
}

/* Decode one armoured block (p: just after its BEGIN marker, end: its END marker) into out. */
static bool
dearmour(struct pa_buf *out, const char *p, const char *end)
{
	const char *eol;
	unsigned acc = 0;
	int bits = 0, v;
	bool body = false;

	if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
		return false;
	p = eol + 1;	/* the rest of the BEGIN line */
	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (!body) {
			/* armour headers ("Version: ...") end at the first empty line */
			if (eol == p || (eol - p == 1 && p[0] == '\r')) {
				body = true;
				p = eol + 1;
				continue;
			}
			if (memchr(p, ':', (size_t)(eol - p)) != NULL) {
				p = eol + 1;
				continue;
			}
			body = true;	/* no headers: this line is data */
		}
		if (p < eol && p[0] == '=')
			break;	/* the checksum line ends the data */
		for (; p < eol; p++) {
			if (*p == '=' || *p == '\r' || *p == ' ' || *p == '\t')
				continue;
			if ((v = b64_value((unsigned char)*p)) < 0)
				return false;
			acc = ((acc << 6) | (unsigned)v) & 0xffffff;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				pa_buf_putc(out, (char)((acc >> bits) & 0xff));
			}
		}
		p = eol + 1;
	}
	return !pa_buf_oom(out);
}

/* The length of the packet at p (header included) and its tag; 0 when it cannot be split. */
static size_t
packet(const unsigned char *p, size_t avail, int *tag)
{
	size_t hdr, len;

	if (avail < 2 || !(p[0] & 0x80))
		return 0;
	if (p[0] & 0x40) {
		*tag = p[0] & 0x3f;
		if (p[1] < 192) {
			hdr = 2;
			len = p[1];
		} else if (p[1] < 224) {
			if (avail < 3)
				return 0;
			hdr = 3;
			len = ((size_t)(p[1] - 192) << 8) + p[2] + 192;
		} else if (p[1] == 255) {
			if (avail < 6)
				return 0;
			hdr = 6;
			len = (size_t)p[2] << 24 | (size_t)p[3] << 16 | (size_t)p[4] << 8 | p[5];
		} else {
			return 0;	/* partial lengths: not a signature packet */
		}
	} else {
		*tag = (p[0] >> 2) & 0x0f;
		switch (p[0] & 3) {
		case 0:
			hdr = 2;
			len = p[1];
			break;
		case 1:
			if (avail < 3)
				return 0;
			hdr = 3;
			len = (size_t)p[1] << 8 | p[2];
			break;
		case 2:
			if (avail < 5)
				return 0;
			hdr = 5;
			len = (size_t)p[1] << 24 | (size_t)p[2] << 16 | (size_t)p[3] << 8 | p[4];
			break;
		default:
			return 0;
		}
	}
	if (len > avail - hdr)
		return 0;
	return hdr + len;
}

static int
add_part(struct pa_sig_parts *out, const char *p, size_t len)
{
	struct pa_buf *n;

	if (out->count == MAX_PARTS)
		return 0;	/* the rest stays unverified, as a bad signature would */
	if ((n = pa_reallocarray(out->parts, out->count + 1, sizeof(*n))) == NULL)
		return PA_ENOMEM;
	out->parts = n;
	pa_buf_init(&n[out->count]);
	if (pa_buf_put(&n[out->count], p, len) < 0)
		return PA_ENOMEM;
	out->count++;
	return 0;
}

/* Split binary OpenPGP data into its signature packets; false if it holds anything else. */
static int
split_packets(struct pa_sig_parts *out, const struct pa_buf *bin, bool *ok)
{
	const unsigned char *p = (const unsigned char *)bin->ptr;
	size_t off = 0, n;
	int tag, error;

	*ok = false;
	while (off < bin->size) {
		if ((n = packet(p + off, bin->size - off, &tag)) == 0)
			return 0;
		if (tag == 4 || tag == 8 || tag == 11) {
			/* a one-pass signature, compressed or literal data: a signed message */
			out->not_detached = true;
			return 0;
		}
		if (tag == 2 && (error = add_part(out, bin->ptr + off, n)) < 0)
			return error;
		if (tag != 2 && tag != 10)	/* a marker packet is ignored */
			return 0;
		off += n;
	}
	*ok = true;
	return 0;
}

void
pa_sig_parts_dispose(struct pa_sig_parts *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		pa_buf_dispose(&s->parts[i]);
	free(s->parts);
	memset(s, 0, sizeof(*s));
}

int
pa_sig_split(struct pa_sig_parts *out, const char *sig, size_t len)
{
	struct pa_buf bin = PA_BUF_INIT;
	const char *end = sig + len, *p, *q;
	bool ok = false;
	int error = 0;

	memset(out, 0, sizeof(*out));
	if (find(sig, end, "-----BEGIN PGP SIGNED MESSAGE-----") != NULL ||
	    find(sig, end, "-----BEGIN PGP MESSAGE-----") != NULL) {
		out->not_detached = true;
		return 0;
	}
	if ((p = find(sig, end, BEGIN_SIG)) == NULL) {
		/* binary, or no OpenPGP at all (the verifier says which) */
		if (len > 0 && ((unsigned char)sig[0] & 0x80)) {
			pa_buf_put(&bin, sig, len);
			error = split_packets(out, &bin, &ok);
		}
		goto done;
	}
	for (; p != NULL; p = find(q, end, BEGIN_SIG)) {
		p += strlen(BEGIN_SIG);
		if ((q = find(p, end, END_SIG)) == NULL)
			goto done;	/* truncated: the verifier judges the whole */
		pa_buf_clear(&bin);
		if (!dearmour(&bin, p, q))
			goto done;
		if ((error = split_packets(out, &bin, &ok)) < 0 || !ok)
			goto done;
		q += strlen(END_SIG);
	}
done:
	pa_buf_dispose(&bin);
	if (error < 0 || !ok || out->count < 2) {
		/* one signature (or something to judge whole): given to the verifier as it is */
		bool nd = out->not_detached;

		pa_sig_parts_dispose(out);
		out->not_detached = nd;
	}
	return error;
}
