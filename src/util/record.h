/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one format of what pactaudit keeps between runs: versioned JSON records (jansson). */
#ifndef PA_UTIL_RECORD_H
#define PA_UTIL_RECORD_H

#include <stddef.h>

#include <jansson.h>

#include "util/buf.h"

/*
 * A record is one JSON object
 *
 *	{"pactaudit":"<kind>","version":<n>,"data":<value>}
 *
 * Every cache entry (verification facts, key facts, history walks, the
 * cache's own entry header) is one.  The body is built and read with
 * jansson (json_pack / json_unpack_ex with JSON_STRICT); nothing
 * hand-parses records.  A record of another kind or version, or text that
 * is no record at all (an entry an older pactaudit wrote), decodes as
 * PA_ENOTFOUND: for a cache that is a miss, never an error.
 */

/*
 * Append the record to out (compact, keys in a fixed order).  data is
 * consumed (its reference is stolen, as json_pack's "o" does), also on
 * failure and when it is NULL (then PA_ENOMEM: a builder ran out of
 * memory).  Returns 0 or PA_ENOMEM.
 */
int pa_record_encode(struct pa_buf *out, const char *kind, int version, json_t *data);

/*
 * Decode the record in [text, text+len): *data is a new reference to its
 * body (json_decref it).  PA_ENOTFOUND when the text is not one record of
 * this kind and version.
 */
int pa_record_decode(json_t **data, const char *kind, int version, const char *text,
    size_t len);

/*
 * Same for a record that is followed by other bytes (a header): *used is
 * the length of the record, up to and including one '\n' after it if there
 * is one.
 */
int pa_record_decode_prefix(json_t **data, size_t *used, const char *kind, int version,
    const char *text, size_t len);

/*
 * Bytes as a JSON value that gives them back exactly: null for NULL, a
 * string for UTF-8 without NUL, else {"hex":"<lower-case hex>"} (a git
 * author name need not be UTF-8).  A new reference, or NULL on OOM.
 */
json_t *pa_record_bytes(const char *s, size_t len);
json_t *pa_record_str(const char *s);

/*
 * The reverse of pa_record_bytes: *out newly allocated and NUL-terminated
 * (free()), NULL for null.  PA_EINVALID for any other value, or bytes with a
 * NUL; PA_ENOMEM.
 */
int pa_record_get_str(char **out, const json_t *v);
/* Same into dst (NUL-terminated); PA_EINVALID also when it would not fit, or for null. */
int pa_record_get_strbuf(char *dst, size_t size, const json_t *v);

#endif
