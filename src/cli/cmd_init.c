/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `init`: write a new dossier skeleton from the templates in rules/templates/init. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/text.h"
#include "util/vec.h"

#define TEMPLATE_DIR "rules/templates/init"
#define TEMPLATE_DEPTH 8		/* folders inside the template tree */
#define NAME_MAX_BYTES 256		/* --name */

enum {
	OPT_FORCE = 1,
	OPT_NAME,
	OPT_COUNTRY
};

static const struct pa_opt init_opts[] = {
	{ .name = "force", .key = 'f', .help = "overwrite files that already exist",
	  .id = OPT_FORCE },
	{ .name = "name", .arg = "NAME", .help = "the applicant's legal name",
	  .id = OPT_NAME },
	{ .name = "country", .arg = "CC",
	  .help = "the applicant's country, ISO 3166-1 alpha-2 (e.g. FR)",
	  .id = OPT_COUNTRY },
	{ 0 }
};

/* Values put in place of the @TOKENS@ of the templates. */
struct init_vars {
	const char *legal_name;
	char country[3];
	char today[11];		/* YYYY-MM-DD */
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Add the regular files under base (relative names from rootlen on) to
 * out.  Templates are the project's own data: symlinks and other special
 * files are skipped, not followed.
 */
static int
collect_templates(struct pa_vec *out, struct pa_buf *base, size_t rootlen, int depth)
{
	DIR *dir = NULL;
	struct dirent *de;
	struct stat st;
	size_t baselen = base->size;
	char *rel = NULL;
	int error = 0;

	if (depth > TEMPLATE_DEPTH) {
		error = pa_error_set(PA_ERRCLASS_INTERNAL,
		    "template folder '%s' is nested too deeply", base->ptr);
		goto done;
	}
	if ((dir = opendir(base->ptr)) == NULL) {
		error = errno == ENOENT ?
		    pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_OS,
		    "no dossier templates in '%s' (is PACTAUDIT_DATADIR right?)", base->ptr) :
		    pa_error_from_os("cannot open template folder", base->ptr);
		goto done;
	}
	while ((errno = 0, de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		pa_buf_truncate(base, baselen);
		if ((error = pa_buf_printf(base, "/%s", de->d_name)) < 0)
			goto done;
		if (lstat(base->ptr, &st) < 0) {
			error = pa_error_from_os("cannot stat", base->ptr);
			goto done;
		}
		if (S_ISDIR(st.st_mode)) {
			if ((error = collect_templates(out, base, rootlen, depth + 1)) < 0)
				goto done;
		} else if (S_ISREG(st.st_mode)) {
			if ((rel = pa_strdup(base->ptr + rootlen + 1)) == NULL ||
			    pa_vec_push(out, rel) < 0) {
				error = pa_error_oom();
				goto done;
			}
			rel = NULL;	/* owned by out */
		}
	}
	if (errno != 0)
		error = pa_error_from_os("cannot read template folder", base->ptr);
done:
	pa_buf_truncate(base, baselen);
	free(rel);
	if (dir != NULL)
		closedir(dir);
	return error;
}

static void
put_xml_escaped(struct pa_buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': pa_buf_puts(out, "&amp;"); break;
		case '<': pa_buf_puts(out, "&lt;"); break;
		case '>': pa_buf_puts(out, "&gt;"); break;
		case '"': pa_buf_puts(out, "&quot;"); break;
		case '\'': pa_buf_puts(out, "&apos;"); break;
		default: pa_buf_putc(out, *s); break;
		}
	}
}

/* Copy data to out, replacing the known @TOKENS@; other '@' stay as they are. */
static int
substitute(struct pa_buf *out, const char *data, size_t len,
    const struct init_vars *v, bool xml)
{
	const struct {
		const char *token;
		const char *value;
	} subs[] = {
		{ "@LEGAL_NAME@", v->legal_name },
		{ "@COUNTRY@", v->country },
		{ "@TODAY@", v->today },
	};
	size_t i, k, n;

	for (i = 0; i < len; ) {
		for (k = 0; k < sizeof(subs) / sizeof(subs[0]); k++) {
			n = strlen(subs[k].token);
			if (data[i] == '@' && len - i >= n &&
			    memcmp(data + i, subs[k].token, n) == 0)
				break;
		}
		if (k < sizeof(subs) / sizeof(subs[0])) {
			if (xml)
				put_xml_escaped(out, subs[k].value);
			else
				pa_buf_puts(out, subs[k].value);
			i += strlen(subs[k].token);
		} else {
			pa_buf_putc(out, data[i]);
			i++;
		}
	}
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* "DIR/rel" without a doubled slash. */
static int
join(struct pa_buf *out, const char *dir, const char *rel)
{
	pa_buf_clear(out);
	if (ends_with(dir, "/"))
		return pa_buf_printf(out, "%s%s", dir, rel);
	return pa_buf_printf(out, "%s/%s", dir, rel);
}

static bool
name_is_acceptable(const char *s)
{
	const unsigned char *p;
	size_t len = strlen(s);

	if (len == 0 || len > NAME_MAX_BYTES || !pa_text_is_utf8(s, len))
		return false;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static int
set_country(struct init_vars *v, const char *s)
{
	size_t i;

	if (strlen(s) != 2)
		return PA_EINVALID;
	for (i = 0; i < 2; i++) {
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
			return PA_EINVALID;
		v->country[i] = (char)(s[i] & ~0x20);	/* ASCII upper case */
	}
	v->country[2] = '\0';
	return 0;
}

/* Today in UTC, or the day of $SOURCE_DATE_EPOCH for reproducible output. */
static void
set_today(struct init_vars *v)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	struct tm tm;
	char *end;
	long long e;

	if (sde != NULL && *sde != '\0') {
		errno = 0;
		e = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && e >= 0)
			now = (time_t)e;
	}
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(v->today, sizeof(v->today), "%Y-%m-%d", &tm) != 10)
		snprintf(v->today, sizeof(v->today), "1970-01-01");
}

/*
 * Refuse when a file of the skeleton exists already (unless force): nothing
 * is written then, so a refused init never leaves half a skeleton.
 */
static int
check_conflicts(const struct pa_vec *files, const char *dir, bool force)
{
	struct pa_buf path = PA_BUF_INIT, first = PA_BUF_INIT;
	struct stat st;
	size_t i, existing = 0;
	int error = 0;

	for (i = 0; i < files->count; i++) {
		const char *rel = files->items[i], *slash;

		/* a folder of the skeleton that is a symlink: init never writes through it */
		for (slash = strchr(rel, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
			pa_buf_clear(&path);
			if ((error = join(&path, dir, "")) < 0 ||
			    (error = pa_buf_put(&path, rel, (size_t)(slash - rel))) < 0)
				goto done;
			if (lstat(path.ptr, &st) == 0 && S_ISLNK(st.st_mode)) {
				error = pa_error_set(PA_ERRCLASS_OS, "'%s' is a symbolic link; "
				    "init never writes through one, nothing written", path.ptr);
				goto done;
			}
		}
		if ((error = join(&path, dir, rel)) < 0)
			goto done;
		if (lstat(path.ptr, &st) < 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				continue;
			error = pa_error_from_os("cannot stat", path.ptr);
			goto done;
		}
		if (S_ISLNK(st.st_mode)) {
			error = pa_error_set(PA_ERRCLASS_OS, "'%s' is a symbolic link; "
			    "init never writes through one, nothing written", path.ptr);
			goto done;
		}
		if (force && !S_ISDIR(st.st_mode))
			continue;
		if (force) {
			error = pa_error_set(PA_ERRCLASS_OS,
			    "'%s' is a folder; not replacing it with a file", path.ptr);
			goto done;
		}
		if (existing++ == 0 && (error = pa_buf_puts(&first, path.ptr)) < 0)
			goto done;
	}
	if (existing == 1)
		error = pa_error_set(PA_ERRCLASS_USAGE,
		    "'%s' already exists; nothing written (use --force to overwrite)",
		    first.ptr);
	else if (existing > 1)
		error = pa_error_set(PA_ERRCLASS_USAGE,
		    "'%s' and %zu more files already exist; nothing written "
		    "(use --force to overwrite)", first.ptr, existing - 1);
done:
	pa_buf_dispose(&first);
	pa_buf_dispose(&path);
	return error;
}

/*
 * Write every file below dir, opening each folder on the way without
 * following a symlink (pa_file_open_dirs_at), so a folder swapped for a
 * link after the check still cannot lead a write outside dir.
 */
static int
write_skeleton(const struct pa_vec *files, const char *tpldir, const char *dir,
    const struct init_vars *v)
{
	struct pa_buf src = PA_BUF_INIT, dst = PA_BUF_INIT, parent = PA_BUF_INIT;
	struct pa_buf in = PA_BUF_INIT, out = PA_BUF_INIT;
	const char *slash;
	size_t i;
	int dirfd = -1, pfd = -1, error = 0;

	if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		error = pa_error_from_os("cannot open", dir);
		goto done;
	}
	for (i = 0; i < files->count; i++) {
		const char *rel = files->items[i];

		pa_buf_clear(&in);
		pa_buf_clear(&out);
		pa_buf_clear(&parent);
		slash = strrchr(rel, '/');
		if (slash != NULL && (error = pa_buf_put(&parent, rel, (size_t)(slash - rel))) < 0)
			goto done;
		if ((error = join(&src, tpldir, rel)) < 0 ||
		    (error = join(&dst, dir, rel)) < 0 ||
		    (error = pa_file_read(&in, src.ptr, PA_LIMIT_FILE_SIZE, 1)) < 0 ||
		    (error = substitute(&out, in.ptr, in.size, v,
		    ends_with(rel, ".xml"))) < 0 ||
		    (error = pa_file_open_dirs_at(&pfd, dirfd, parent.ptr, dst.ptr)) < 0 ||
		    (error = pa_file_write_atomic_at(pfd, slash ? slash + 1 : rel, dst.ptr,
		    out.ptr, out.size, 0)) < 0)
			goto done;
		close(pfd);
		pfd = -1;
	}
done:
	if (pfd >= 0)
		close(pfd);
	if (dirfd >= 0)
		close(dirfd);
	pa_buf_dispose(&out);
	pa_buf_dispose(&in);
	pa_buf_dispose(&parent);
	pa_buf_dispose(&dst);
	pa_buf_dispose(&src);
	return error;
}

static void
print_summary(const struct pa_vec *files, const char *dir)
{
	char *shown = pa_text_sanitize_dup(dir);
	const char *d = shown ? shown : "the folder";
	size_t i;

	printf("pactaudit: wrote a new dossier in %s:\n", d);
	for (i = 0; i < files->count; i++)
		printf("  %s\n", (const char *)files->items[i]);
	printf("\nnext steps:\n"
	    "  1. fill in application.xml, the model and dataset cards and docs/\n"
	    "     (README.md in the dossier explains each file)\n"
	    "  2. put your OpenPGP fingerprint in pact/signers.xml, application.xml\n"
	    "     and pact/commitments.xml, then sign:  pactaudit pact sign --dossier %s\n"
	    "  3. commit, and check what an auditor will see:  pactaudit check %s\n",
	    d, d);
	free(shown);
}

static int
run_init(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_opt_state st;
	struct pa_vec files = PA_VEC_INIT;
	struct pa_buf tpldir = PA_BUF_INIT;
	struct init_vars v = { .legal_name = "Example AI Start-up", .country = "BE" };
	struct stat sb;
	const char *dir = ".";
	bool force = false;
	int opt, rc = PA_EXIT_FAILURE;

	pa_error_clear();
	pa_opt_start(&st, cmd, argc, argv);
	while ((opt = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (opt) {
		case PA_OPT_HELP:
			rc = PA_EXIT_OK;
			goto done;
		case PA_OPT_ERROR:
			goto done;
		case OPT_FORCE:
			force = true;
			break;
		case OPT_NAME:
			if (!name_is_acceptable(st.arg)) {
				rc = pa_opt_usage_error(cmd, "--name takes 1 to %d bytes "
				    "of UTF-8 text without control characters",
				    NAME_MAX_BYTES);
				goto done;
			}
			v.legal_name = st.arg;
			break;
		case OPT_COUNTRY:
			if (set_country(&v, st.arg) < 0) {
				rc = pa_opt_usage_error(cmd, "--country takes a two-letter "
				    "ISO 3166-1 code such as FR or DE");
				goto done;
			}
			break;
		default:
			goto done;
		}
	}
	if (argc - st.optind > 1) {
		rc = pa_opt_usage_error(cmd, "one folder at most");
		goto done;
	}
	if (argc - st.optind == 1)
		dir = argv[st.optind];
	if (*dir == '\0') {
		rc = pa_opt_usage_error(cmd, "the folder name is empty");
		goto done;
	}
	set_today(&v);

	if (pa_datadir_path(&tpldir, TEMPLATE_DIR) < 0 ||
	    collect_templates(&files, &tpldir, tpldir.size, 0) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (files.count == 0) {
		pa_error_set(PA_ERRCLASS_INTERNAL, "no dossier templates in '%s'",
		    tpldir.ptr);
		rc = pa_cmd_fail();
		goto done;
	}
	qsort(files.items, files.count, sizeof(files.items[0]), cmp_str);

	if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		pa_error_set(PA_ERRCLASS_USAGE, "'%s' exists and is not a folder", dir);
		rc = pa_cmd_fail();
		goto done;
	}
	if (check_conflicts(&files, dir, force) < 0 ||
	    pa_file_mkdir_p(dir) < 0 ||
	    write_skeleton(&files, tpldir.ptr, dir, &v) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	print_summary(&files, dir);
	rc = PA_EXIT_OK;
done:
	pa_buf_dispose(&tpldir);
	pa_vec_dispose(&files, free);
	return rc;
}

const struct pa_cmd pa_cmd_init = {
	.name = "init",
	.run = run_init,
	.summary = "start a new dossier with every file an application needs",
	.synopsis = "[--force] [--name NAME] [--country CC] [DIR]",
	.description = "Writes a dossier skeleton into DIR (default: the current folder,\n"
	    "created if needed): application.xml, a model card, a dataset card,\n"
	    "the AI Pact commitments and signing policy, starter documents in docs/\n"
	    "and a README.md.  Existing files are never overwritten without --force.",
	.opts = init_opts,
};
