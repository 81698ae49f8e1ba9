/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For fuzz targets: a git repository held in memory (mempack object database, no refs, no files). */
#ifndef PA_TESTS_FUZZ_MEMREPO_H
#define PA_TESTS_FUZZ_MEMREPO_H

#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "dossier/dossier.h"

/*
 * libgit2 set up once as pactaudit sets it up (pa_dossier_global_init);
 * abort() when it cannot be, so a wrong set-up is loud.
 */
static inline void
memrepo_init(void)
{
	static int done;

	if (!done) {
		done = 1;
		if (pa_dossier_global_init() < 0)
			abort();
	}
}

/* mempack's own read (the same function for every mempack backend). */
static int (*memrepo_mempack_read)(void **, size_t *, git_object_t *, git_odb_backend *,
    const git_oid *);

/*
 * mempack's read, the object's bytes followed by a NUL as the loose and
 * pack backends leave them: libgit2 relies on it (git_commit_extract_signature
 * runs strchr/strlen over the object), and mempack alone does not add it.
 */
static inline int
memrepo_read(void **out, size_t *len, git_object_t *type, git_odb_backend *b,
    const git_oid *id)
{
	char *buf;
	int rc;

	if ((rc = memrepo_mempack_read(out, len, type, b, id)) < 0)
		return rc;
	if ((buf = git_odb_backend_data_alloc(b, *len + 1)) == NULL) {
		git_odb_backend_data_free(b, *out);
		*out = NULL;
		return -1;
	}
	memcpy(buf, *out, *len);
	buf[*len] = '\0';
	git_odb_backend_data_free(b, *out);
	*out = buf;
	return 0;
}

/*
 * A repository over an object database that lives in memory only: a
 * mempack backend, wrapped (no folder, no refs, no config).  *odb is
 * the database objects are written to (the caller frees it, and the
 * repository, which holds its own reference).  < 0 when libgit2 fails.
 */
static inline int
memrepo_new(git_repository **repo, git_odb **odb)
{
	git_odb_backend *mempack = NULL;

	*repo = NULL;
	*odb = NULL;
	memrepo_init();
	if (git_odb_new(odb) < 0 || git_mempack_new(&mempack) < 0)
		goto fail;
	memrepo_mempack_read = mempack->read;
	mempack->read = memrepo_read;
	if (git_odb_add_backend(*odb, mempack, 999) < 0) {
		mempack->free(mempack);
		goto fail;
	}
	if (git_repository_wrap_odb(repo, *odb) < 0)
		goto fail;
	return 0;
fail:
	git_odb_free(*odb);
	*odb = NULL;
	git_error_clear();
	return -1;
}

#endif
