/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pactaudit check`: audit dossiers (several at once with -j), render the results, exit 0/1/2. */
#include "config.h"

#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "cache/cache.h"
#include "cli/cmd.h"
#include "cli/dossier_opt.h"
#include "dossier/dossier.h"
#include "evidence/evidence.h"
#include "parse/xml.h"
#include "render/render.h"
#include "results/results.h"
#include "rules/eval.h"
#include "rules/pack.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/log.h"
#include "util/text.h"

#define MAX_JOBS 64

enum {
	OPT_FORMAT = 1,
	OPT_OUTPUT,
	OPT_FAIL_ON,
	OPT_AS_OF,
	OPT_RULES,
	OPT_JOBS
};

static const struct pa_opt check_opts[] = {
	PA_DOSSIER_OPTS(""),
	{ .name = "format", .arg = "F", .id = OPT_FORMAT,
	  .help = "text (default), json, sarif, junit, tap, xml, html, md or csv" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "write the report to FILE instead of standard output" },
	{ .name = "fail-on", .arg = "SEVERITY", .id = OPT_FAIL_ON,
	  .help = "exit 1 on an open finding this severe: blocker, error (default), "
	  "warning, info or none" },
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,
	  .help = "apply the law as of DATE, YYYY-MM-DD (default today, UTC)" },
	{ .name = "rules", .arg = "DIR", .id = OPT_RULES,
	  .help = "read the rule packs from DIR (default <datadir>/rules)" },
	{ .name = "jobs", .key = 'j', .arg = "N", .id = OPT_JOBS,
	  .help = "audit N dossiers at once (default 1)" },
	{ 0 }
};

/* One dossier's audit. */
struct job {
	const char *location;
	char *key;		/* results-cache key, or NULL when not cacheable */
	bool cached;		/* results came from the cache */
	xmlDoc *results;	/* the results document, or NULL */
	size_t failing;		/* counting findings at or above --fail-on */
	char *error;		/* why it could not be audited, or NULL */
};

struct check {
	const struct pa_rulepack *pack;
	struct pa_evidence_opts evopts;
	struct pa_eval_opts evalopts;
	bool fail_none;
	enum pa_severity fail_on;
	struct job *jobs;
	size_t count;
	size_t next;		/* next job to take, under lock */
	pthread_mutex_t lock;
};

/* Audit one dossier with this thread's evaluator. */
static int
audit_one(struct check *ck, struct pa_eval *ev, struct job *job)
{
	struct pa_results *res = NULL;
	xmlDoc *evidence = NULL;
	int error;

	if ((error = pa_evidence_build(&evidence, job->location, &ck->evopts)) < 0 ||
	    (error = pa_results_new(&res)) < 0 ||
	    (error = pa_eval_run(res, ev, evidence, &ck->evalopts)) < 0 ||
	    (error = pa_results_to_xml(&job->results, res)) < 0)
		goto done;
	job->failing = ck->fail_none ? 0 : pa_results_count_at_least(res, ck->fail_on);
done:
	pa_results_free(res);
	xmlFreeDoc(evidence);
	return error;
}

/* Record the thread's error message for the job ("location: message" if it lacks the location). */
static void
job_failed(struct job *job)
{
	const char *msg = pa_error_last();
	struct pa_buf b = PA_BUF_INIT;

	if (msg == NULL)
		msg = "the audit failed";
	if (strstr(msg, job->location) == NULL)
		pa_buf_printf(&b, "%s: ", job->location);
	pa_buf_puts(&b, msg);
	job->error = pa_buf_detach(&b);
	if (job->error == NULL)
		job->error = pa_strdup("out of memory");
	pa_buf_dispose(&b);
	pa_error_clear();
}

static void *
worker(void *arg)
{
	struct check *ck = arg;
	struct pa_eval *ev = NULL;
	struct job *job;
	bool have_eval;

	have_eval = pa_eval_new(&ev, ck->pack) == 0;
	for (;;) {
		pthread_mutex_lock(&ck->lock);
		job = ck->next < ck->count ? &ck->jobs[ck->next++] : NULL;
		pthread_mutex_unlock(&ck->lock);
		if (job == NULL)
			break;
		if (job->cached)
			continue;
		if (!have_eval || audit_one(ck, ev, job) < 0)
			job_failed(job);
	}
	pa_eval_free(ev);
	return NULL;
}

static void *
worker_thread(void *arg)
{
	worker(arg);
	pa_xml_thread_cleanup();	/* schemas this thread compiled */
	return NULL;
}

/* Run every job on n threads (the calling thread alone when n is 1). */
static int
run_jobs(struct check *ck, size_t n)
{
	pthread_t threads[MAX_JOBS];
	size_t i, started = 0;

	if (n <= 1) {
		worker(ck);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (pthread_create(&threads[i], NULL, worker_thread, ck) != 0)
			break;
		started++;
	}
	if (started == 0)
		worker(ck);	/* no thread could start: do the work here */
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	return 0;
}

/* Render every audited dossier, in argument order, to stdout or FILE. */
static int
render(struct check *ck, const char *format, const char *output)
{
	struct pa_render_opts ropts = { 0 };
	xmlDoc **docs = NULL;
	char *mem = NULL;
	size_t memlen = 0, i, n = 0;
	FILE *fp = NULL;
	int error = 0;

	if ((docs = pa_calloc(ck->count ? ck->count : 1, sizeof(*docs))) == NULL)
		return PA_ENOMEM;
	for (i = 0; i < ck->count; i++)
		if (ck->jobs[i].results != NULL)
			docs[n++] = ck->jobs[i].results;
	ropts.fail_on = ck->fail_none ? "none" : pa_results_severity_name(ck->fail_on);
	ropts.color = output == NULL && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	if (output == NULL || strcmp(output, "-") == 0) {
		error = pa_render(stdout, format, docs, n, &ropts);
		if (error == 0 && fflush(stdout) != 0)
			error = pa_error_from_os("cannot write", "standard output");
		goto done;
	}
	/* to a file: render in memory, then replace the file atomically */
	if ((fp = open_memstream(&mem, &memlen)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	error = pa_render(fp, format, docs, n, &ropts);
	if (fclose(fp) != 0 && error == 0)
		error = pa_error_oom();
	fp = NULL;
	if (error == 0)
		error = pa_file_write_atomic(output, mem ? mem : "", memlen);
done:
	free(mem);
	free(docs);
	return error;
}

/*
 * The results cache (DESIGN: results keyed by dossier commit, rule-pack
 * digest, keyring digest and as-of).  Only git-mode audits are cached; the
 * key also holds everything else the results depend on: the tool version,
 * the data files that shape the evidence (schemas, licence data), how the
 * dossier was named, the revision, --path and the registry.
 */

/* Digest a file's bytes into d (or "-" for no file); false if unreadable. */
static bool
put_file_digest(struct pa_buf *key, const char *label, const char *path)
{
	struct pa_buf b = PA_BUF_INIT;
	char hex[PA_DIGEST_HEXLEN + 1];
	bool ok = true;

	if (path == NULL) {
		pa_buf_printf(key, "%s -\n", label);
		return true;
	}
	ok = pa_file_read(&b, path, PA_LIMIT_TOTAL_SIZE, 0) == 0 &&
	    pa_digest_sha256(hex, b.ptr, b.size) == 0;
	if (ok)
		pa_buf_printf(key, "%s %s\n", label, hex);
	pa_buf_dispose(&b);
	pa_error_clear();
	return ok;
}

/* Digest every regular file of <datadir>/<sub>, in name order. */
static bool
put_data_digest(struct pa_buf *key, const char *sub)
{
	struct pa_buf dir = PA_BUF_INIT, path = PA_BUF_INIT;
	struct dirent **names = NULL;
	int n, i;
	bool ok = true;

	pa_datadir_path(&dir, sub);
	if (pa_buf_oom(&dir) || (n = scandir(dir.ptr, &names, NULL, alphasort)) < 0) {
		pa_buf_dispose(&dir);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (ok && names[i]->d_name[0] != '.') {
			pa_buf_clear(&path);
			pa_buf_printf(&path, "%s/%s", dir.ptr, names[i]->d_name);
			ok = put_file_digest(key, names[i]->d_name, path.ptr);
		}
		free(names[i]);
	}
	free(names);
	pa_buf_dispose(&path);
	pa_buf_dispose(&dir);
	return ok;
}

/* The cache key of job, or NULL (not cacheable). */
static char *
results_key(const struct check *ck, const char *rules_digest, const char *data_digest,
    const char *location)
{
	const struct pa_evidence_opts *o = &ck->evopts;
	struct pa_buf key = PA_BUF_INIT;
	char commit[41];

	if (pa_dossier_resolve(commit, location, &o->dossier) < 0)
		return NULL;
	pa_buf_printf(&key, "check-results 1\ntool %s\nrules %s\ndata %s\n"
	    "location %s\nrev %s\npath %s\ncommit %s\nas-of %s\n", PACKAGE_VERSION,
	    rules_digest, data_digest, location, o->dossier.rev ? o->dossier.rev : "HEAD",
	    o->dossier.subdir ? o->dossier.subdir : "", commit, o->as_of);
	if (!put_file_digest(&key, "keyring", o->sig.keyring) ||
	    !put_file_digest(&key, "registry", o->sig.registry)) {
		pa_buf_dispose(&key);
		return NULL;
	}
	return pa_buf_detach(&key);
}

/* Look every job up in the cache; returns how many must still be audited. */
static size_t
cache_lookup(struct check *ck, struct pa_cache *cache, const char *rulesdir,
    const char *fail_on)
{
	struct pa_buf data = PA_BUF_INIT, entry = PA_BUF_INIT;
	char rules_digest[PA_DIGEST_HEXLEN + 1], data_digest[PA_DIGEST_HEXLEN + 1];
	size_t i, misses = ck->count;
	xmlDoc *doc;

	if (pa_rulepack_dir_digest(rules_digest, rulesdir) < 0 ||
	    !put_data_digest(&data, "rules/schema") || !put_data_digest(&data, "rules/spdx") ||
	    pa_buf_oom(&data) || pa_digest_sha256(data_digest, data.ptr, data.size) < 0) {
		pa_error_clear();
		goto done;
	}
	for (i = 0; i < ck->count; i++) {
		struct job *job = &ck->jobs[i];

		if ((job->key = results_key(ck, rules_digest, data_digest, job->location)) == NULL)
			continue;
		pa_buf_clear(&entry);
		if (pa_cache_get(&entry, cache, job->key) < 0 ||
		    pa_xml_parse_trusted_mem(&doc, entry.ptr, entry.size, "cached results") < 0) {
			pa_error_clear();
			continue;
		}
		if (pa_render_failing(&job->failing, &doc, 1, fail_on) < 0) {
			pa_error_clear();
			xmlFreeDoc(doc);
			continue;
		}
		job->results = doc;
		job->cached = true;
		misses--;
		pa_log(PA_LOG_INFO, "check: results of %s from the cache", job->location);
	}
done:
	pa_buf_dispose(&entry);
	pa_buf_dispose(&data);
	return misses;
}

/* Store the results of the jobs just audited. */
static void
cache_store(struct check *ck, struct pa_cache *cache)
{
	xmlChar *mem;
	size_t i;
	int len;

	for (i = 0; i < ck->count; i++) {
		struct job *job = &ck->jobs[i];

		if (job->key == NULL || job->cached || job->results == NULL)
			continue;
		xmlDocDumpMemoryEnc(job->results, &mem, &len, "UTF-8");
		if (mem != NULL && len > 0)
			pa_cache_put(cache, job->key, (const char *)mem, (size_t)len);
		xmlFree(mem);
		pa_error_clear();
	}
}

static int
parse_fail_on(struct check *ck, const char *s)
{
	if (strcmp(s, "none") == 0) {
		ck->fail_none = true;
		return 0;
	}
	ck->fail_none = false;
	if (pa_results_severity_parse(&ck->fail_on, s) < 0) {
		pa_error_clear();
		return -1;
	}
	return 0;
}

static int
run_check(const struct pa_cmd *cmd, int argc, char **argv)
{
	static const char *const here[] = { ".", NULL };
	struct check ck = { 0 };
	struct pa_rulepack *pack = NULL;
	struct pa_cache *cache = NULL;
	struct pa_buf rulesdir = PA_BUF_INIT;
	struct pa_opt_state st;
	const char *format = "text", *output = NULL, *rules = NULL, *as_of_arg = NULL;
	const char *const *dossiers;
	char as_of[11];
	unsigned long jobs = 1;
	size_t i, failing = 0, failed = 0, misses;
	int c, rc = PA_EXIT_OK;

	pa_error_clear();
	ck.fail_on = PA_SEVERITY_ERROR;
	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP:
			return PA_EXIT_OK;
		case PA_OPT_ERROR:
			return PA_EXIT_FAILURE;
		case OPT_FORMAT:
			format = st.arg;
			break;
		case OPT_OUTPUT:
			output = st.arg;
			break;
		case OPT_FAIL_ON:
			if (parse_fail_on(&ck, st.arg) < 0)
				return pa_opt_usage_error(cmd, "--fail-on is blocker, error, "
				    "warning, info or none, not '%s'", st.arg);
			break;
		case OPT_AS_OF:
			as_of_arg = st.arg;
			break;
		case OPT_RULES:
			rules = st.arg;
			break;
		case OPT_JOBS:
			if (!pa_opt_uint(cmd, "jobs", st.arg, 1, MAX_JOBS, &jobs))
				return PA_EXIT_FAILURE;
			break;
		default:
			if (!pa_cli_dossier_opt(&ck.evopts.dossier, &ck.evopts.sig, c, st.arg))
				return pa_opt_usage_error(cmd, "unexpected option");
		}
	}
	if (!pa_render_known(format))
		return pa_opt_usage_error(cmd, "unknown --format '%s' (text, json, sarif, "
		    "junit, tap, xml, html, md or csv)", format);
	if (!pa_cli_dossier_opts_ok(cmd, &ck.evopts.dossier))
		return PA_EXIT_FAILURE;
	if (pa_evidence_as_of(as_of, as_of_arg) < 0)
		return pa_opt_usage_error(cmd, "--as-of: %s", pa_error_last());
	ck.evopts.as_of = as_of;
	ck.evalopts.as_of = as_of;
	if (jobs > 1)
		ck.evopts.sig.jobs = 1;	/* the dossiers already run in parallel */
	dossiers = st.optind < argc ? (const char *const *)(argv + st.optind) : here;
	ck.count = st.optind < argc ? (size_t)(argc - st.optind) : 1;

	if (rules != NULL)
		pa_buf_puts(&rulesdir, rules);
	else
		pa_datadir_path(&rulesdir, "rules");
	if (pa_buf_oom(&rulesdir) || (ck.jobs = pa_calloc(ck.count, sizeof(*ck.jobs))) == NULL) {
		rc = pa_cmd_fail();
		goto done;
	}
	for (i = 0; i < ck.count; i++)
		ck.jobs[i].location = dossiers[i];
	misses = ck.count;
	if (!ck.evopts.sig.no_cache && pa_cache_open(&cache, "results") == 0)
		misses = cache_lookup(&ck, cache, rulesdir.ptr,
		    ck.fail_none ? "none" : pa_results_severity_name(ck.fail_on));
	pa_error_clear();
	if (misses > 0) {
		if (pa_rulepack_load(&pack, rulesdir.ptr, NULL) < 0) {
			rc = pa_cmd_fail();
			goto done;
		}
		ck.pack = pack;
		pthread_mutex_init(&ck.lock, NULL);
		run_jobs(&ck, jobs < misses ? jobs : misses);
		pthread_mutex_destroy(&ck.lock);
		if (cache != NULL)
			cache_store(&ck, cache);
	}

	for (i = 0; i < ck.count; i++) {
		if (ck.jobs[i].error != NULL) {
			struct pa_buf line = PA_BUF_INIT;

			pa_text_sanitize(&line, ck.jobs[i].error, strlen(ck.jobs[i].error),
			    PA_TEXT_ONELINE);
			fprintf(stderr, "pactaudit: %s\n", line.ptr);
			pa_buf_dispose(&line);
			failed++;
		}
		failing += ck.jobs[i].failing;
	}
	if (failed < ck.count && render(&ck, format, output) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	rc = failed > 0 ? PA_EXIT_FAILURE : failing > 0 ? PA_EXIT_FINDINGS : PA_EXIT_OK;
done:
	for (i = 0; ck.jobs != NULL && i < ck.count; i++) {
		xmlFreeDoc(ck.jobs[i].results);
		free(ck.jobs[i].error);
		free(ck.jobs[i].key);
	}
	free(ck.jobs);
	pa_cache_free(cache);
	pa_rulepack_free(pack);
	pa_buf_dispose(&rulesdir);
	return rc;
}

const struct pa_cmd pa_cmd_check = {
	.name = "check",
	.run = run_check,
	.summary = "audit dossiers against the AI Act and their AI Pact pledge",
	.synopsis = "[DOSSIER...] [--rev REV] [--worktree] [--path DIR] [--format F] "
	    "[-o FILE] [--fail-on SEVERITY] [--as-of DATE] [--rules DIR] "
	    "[--keyring FILE] [--registry FILE] [--no-cache] [-j N]",
	.description = "Builds each dossier's evidence (default: the current folder, "
	    "at HEAD), classifies its systems and models, evaluates every rule in "
	    "force at the as-of date and reports the findings.  Exit status: 0 no "
	    "open finding at or above --fail-on, 1 at least one, 2 a dossier could "
	    "not be audited (the others are still reported).",
	.opts = check_opts,
};
