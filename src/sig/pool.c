/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verification worker processes over socket pairs: length-prefixed requests, facts as replies. */
#include "config.h"

#include "sig/pool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sig/gpg.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/limits.h"

#define WORKER_FD 3
#define MAX_REQUEST (2u * PA_LIMIT_FILE_SIZE + 8192u)
#define MAX_REPLY (1u << 20)
#define REPLY_TIMEOUT_MS 120000	/* one verification; GnuPG never waits for a user here */

struct worker {
	pid_t pid;
	int fd;		/* -1 once the worker is gone */
	long job;	/* job in progress, or -1 */
};

struct pa_sig_pool {
	struct worker *w;
	unsigned n;
	unsigned respawns;	/* workers that may still be started again */
};

static int
write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t k;

	while (len > 0) {
		k = send(fd, p, len, MSG_NOSIGNAL);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

/* 0 on success, 1 on a clean end of file before any byte, -1 on error. */
static int
read_full(int fd, void *buf, size_t len)
{
	char *p = buf;
	size_t got = 0;
	ssize_t k;

	while (got < len) {
		k = read(fd, p + got, len - got);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (k == 0)
			return got == 0 ? 1 : -1;
		got += (size_t)k;
	}
	return 0;
}

static void
put_u32(struct pa_buf *b, uint32_t v)
{
	unsigned char c[4] = { v >> 24, v >> 16, v >> 8, v };

	pa_buf_put(b, (const char *)c, 4);
}

static uint32_t
get_u32(const unsigned char *c)
{
	return (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3];
}

/* Take the next length-prefixed field from [*p, end). */
static bool
take(const char **field, size_t *flen, const char **p, const char *end)
{
	uint32_t n;

	if (end - *p < 4)
		return false;
	n = get_u32((const unsigned char *)*p);
	*p += 4;
	if ((size_t)(end - *p) < n)
		return false;
	*field = *p;
	*flen = n;
	*p += n;
	return true;
}

/* Reply: "ok\n" + encoded facts, or "error\n" + message. */
static void
worker_reply(int fd, struct pa_buf *out)
{
	unsigned char len[4] = { out->size >> 24, out->size >> 16, out->size >> 8, out->size };

	if (pa_buf_oom(out))
		_exit(3);
	if (write_full(fd, len, 4) < 0 || write_full(fd, out->ptr, out->size) < 0)
		_exit(0);
}

static void
worker_main(int fd)
{
	struct pa_gpg_verifier *v = NULL;
	struct pa_buf out = PA_BUF_INIT;
	struct pa_sig_fact *facts;
	const char *p, *end, *home, *sig, *data;
	size_t homelen, siglen, datalen, nfacts, cap = 0;
	unsigned char hdr[4];
	char *req = NULL, *homez;
	uint32_t len;
	int rc;

	for (;;) {
		rc = read_full(fd, hdr, 4);
		if (rc != 0)
			_exit(rc == 1 ? 0 : 2);
		len = get_u32(hdr);
		if (len > MAX_REQUEST)
			_exit(2);
		if (cap < (size_t)len + 1) {
			free(req);
			cap = (size_t)len + 1;
			if ((req = malloc(cap)) == NULL)
				_exit(3);
		}
		if (read_full(fd, req, len) != 0)
			_exit(2);
		p = req;
		end = req + len;
		if (!take(&home, &homelen, &p, end) || !take(&sig, &siglen, &p, end) ||
		    !take(&data, &datalen, &p, end) || p != end)
			_exit(2);
		if ((homez = pa_strndup(home, homelen)) == NULL)
			_exit(3);
		pa_buf_clear(&out);
		/* the GPGME context is made on the first request: idle workers cost nothing */
		rc = v == NULL ? pa_gpg_verifier_new(&v) : 0;
		if (rc == 0)
			rc = pa_gpg_verify(&facts, &nfacts, v, homez, sig, siglen, data, datalen);
		free(homez);
		if (rc < 0) {
			pa_buf_puts(&out, "error\n");
			pa_buf_puts(&out, pa_error_last() ? pa_error_last() : "verification failed");
		} else {
			pa_buf_puts(&out, "ok\n");
			/* the facts record of sig/facts.h; the format is the caller's to know */
			pa_sig_facts_encode(&out, PA_HISTORY_SIG_OPENPGP, facts, nfacts);
			free(facts);
		}
		worker_reply(fd, &out);
	}
}

/* In the child: keep only the worker's socket and stderr, then serve. */
static void
worker_start(int fd)
{
	int null;

	if (fd != WORKER_FD) {
		if (dup2(fd, WORKER_FD) < 0)
			_exit(2);
	} else {
		fcntl(fd, F_SETFD, 0);
	}
	close_range(WORKER_FD + 1, ~0u, 0);
	if ((null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		if (null > 2 && null != WORKER_FD)
			close(null);
	}
	signal(SIGPIPE, SIG_IGN);
	worker_main(WORKER_FD);
	_exit(0);
}

/* Fork one worker into w. */
static int
spawn(struct worker *w)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return pa_error_from_os("cannot create a socket pair", NULL);
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return pa_error_from_os("cannot start a verification worker", NULL);
	}
	if (pid == 0) {
		close(sv[0]);
		worker_start(sv[1]);
	}
	close(sv[1]);
	w->pid = pid;
	w->fd = sv[0];
	w->job = -1;
	return 0;
}

int
pa_sig_pool_new(struct pa_sig_pool **out, unsigned workers)
{
	struct pa_sig_pool *p = NULL;
	unsigned i;
	int error = 0;

	*out = NULL;
	if (workers == 0)
		workers = 1;
	if ((p = pa_calloc(1, sizeof(*p))) == NULL ||
	    (p->w = pa_calloc(workers, sizeof(*p->w))) == NULL) {
		free(p);
		return PA_ENOMEM;
	}
	for (i = 0; i < workers; i++) {
		if ((error = spawn(&p->w[p->n])) < 0)
			break;
		p->n++;
	}
	if (p->n == 0) {
		pa_sig_pool_free(p);
		return error;
	}
	pa_error_clear();	/* fewer workers than asked for still work */
	p->respawns = 4 * workers;
	*out = p;
	return 0;
}

unsigned
pa_sig_pool_size(const struct pa_sig_pool *p)
{
	return p->n;
}

/* A worker stopped or misbehaved: reap it and, within a budget, start another. */
static void
worker_lost(struct pa_sig_pool *p, struct worker *w)
{
	int status;

	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->job = -1;
	if (w->pid > 0) {
		kill(w->pid, SIGKILL);
		while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	w->pid = -1;
	if (p->respawns > 0) {
		p->respawns--;
		if (spawn(w) < 0)
			pa_error_clear();
	}
}

/* A job that stopped its worker twice gets a fact saying so, not a third try. */
static int
job_failed(struct pa_sig_job *j)
{
	if ((j->facts = pa_calloc(1, sizeof(*j->facts))) == NULL)
		return PA_ENOMEM;
	j->nfacts = 1;
	j->facts[0].outcome = PA_SIG_OUTCOME_ERROR;
	snprintf(j->facts[0].note, sizeof(j->facts[0].note),
	    "the verification stopped unexpectedly");
	j->done = 1;
	return 0;
}

static int
send_job(struct worker *w, const char *home, const struct pa_sig_job *j, struct pa_buf *tmp)
{
	size_t homelen = strlen(home);

	pa_buf_clear(tmp);
	put_u32(tmp, (uint32_t)(12 + homelen + j->siglen + j->datalen));
	put_u32(tmp, (uint32_t)homelen);
	pa_buf_put(tmp, home, homelen);
	put_u32(tmp, (uint32_t)j->siglen);
	pa_buf_put(tmp, j->sig, j->siglen);
	put_u32(tmp, (uint32_t)j->datalen);
	pa_buf_put(tmp, j->data, j->datalen);
	if (pa_buf_oom(tmp))
		return PA_ENOMEM;
	return write_full(w->fd, tmp->ptr, tmp->size) < 0 ? PA_ERROR : 0;
}

/* Read one reply into job j; PA_ERROR if the worker is gone, PA_EINVALID for GnuPG failure. */
static int
read_reply(struct worker *w, struct pa_sig_job *j, struct pa_buf *tmp)
{
	enum pa_history_sigformat format;
	unsigned char hdr[4];
	uint32_t len;
	int error;

	if (read_full(w->fd, hdr, 4) != 0)
		return PA_ERROR;
	len = get_u32(hdr);
	if (len > MAX_REPLY)
		return PA_ERROR;
	pa_buf_clear(tmp);
	if (len > 0) {
		char chunk[4096];
		uint32_t left = len;

		while (left > 0) {
			uint32_t k = left < sizeof(chunk) ? left : (uint32_t)sizeof(chunk);

			if (read_full(w->fd, chunk, k) != 0)
				return PA_ERROR;
			pa_buf_put(tmp, chunk, k);
			left -= k;
		}
	}
	if (pa_buf_oom(tmp))
		return PA_ENOMEM;
	if (tmp->size >= 6 && memcmp(tmp->ptr, "error\n", 6) == 0)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_GPG, "%s", tmp->ptr + 6);
	if (tmp->size < 3 || memcmp(tmp->ptr, "ok\n", 3) != 0)
		return PA_ERROR;
	error = pa_sig_facts_decode(&format, &j->facts, &j->nfacts, tmp->ptr + 3, tmp->size - 3);
	if (error < 0)
		return error == PA_ENOMEM ? error : PA_ERROR;
	j->done = 1;
	return 0;
}

/* Job j stopped a worker: try it once more, then give up on it alone. */
static int
lost_job(struct pa_sig_job *jobs, size_t j, unsigned char *tries, size_t *queue,
    size_t *nqueue, size_t *left)
{
	int error;

	if (++tries[j] < 2) {
		queue[(*nqueue)++] = j;
		return 0;
	}
	if ((error = job_failed(&jobs[j])) < 0)
		return error;
	(*left)--;
	return 0;
}

int
pa_sig_pool_run(struct pa_sig_pool *p, const char *home, struct pa_sig_job *jobs, size_t n)
{
	struct pa_buf tmp = PA_BUF_INIT;
	struct pollfd *pfd = NULL;
	unsigned char *tries = NULL;
	size_t next = 0, left = n, *queue = NULL, nqueue = 0;
	unsigned i, k, alive;
	int error = 0, rc;

	if (n == 0)
		return 0;
	if ((pfd = pa_calloc(p->n, sizeof(*pfd))) == NULL ||
	    (queue = pa_calloc(n, sizeof(*queue))) == NULL ||
	    (tries = pa_calloc(n, 1)) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	while (left > 0) {
		/* hand out work to every idle worker: jobs to try again first */
		for (i = 0; i < p->n; i++) {
			struct worker *w = &p->w[i];
			size_t j;

			if (w->fd < 0 || w->job >= 0)
				continue;
			if (nqueue > 0)
				j = queue[--nqueue];
			else if (next < n)
				j = next++;
			else
				break;
			w->job = (long)j;
			if ((rc = send_job(w, home, &jobs[j], &tmp)) < 0) {
				if (rc == PA_ENOMEM) {
					error = rc;
					goto done;
				}
				/* the worker stopped while taking the job */
				worker_lost(p, w);
				if ((error = lost_job(jobs, j, tries, queue, &nqueue, &left)) < 0)
					goto done;
				i--;	/* the same slot may hold a new worker */
			}
		}
		for (i = 0, k = 0, alive = 0; i < p->n; i++) {
			if (p->w[i].fd < 0)
				continue;
			alive++;
			if (p->w[i].job < 0)
				continue;
			pfd[k].fd = p->w[i].fd;
			pfd[k].events = POLLIN;
			pfd[k].revents = 0;
			k++;
		}
		if (alive == 0) {
			error = pa_error_set(PA_ERRCLASS_GPG,
			    "every verification worker stopped; %zu signatures were not checked", left);
			goto done;
		}
		if (k == 0)
			continue;
		rc = poll(pfd, k, REPLY_TIMEOUT_MS);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0) {
			error = pa_error_set(PA_ERRCLASS_GPG,
			    "GnuPG did not answer within %d seconds", REPLY_TIMEOUT_MS / 1000);
			goto done;
		}
		for (i = 0; i < p->n; i++) {
			struct worker *w = &p->w[i];
			unsigned m;
			size_t j;
			bool ready = false;

			if (w->fd < 0 || w->job < 0)
				continue;
			for (m = 0; m < k; m++) {
				if (pfd[m].fd == w->fd && pfd[m].revents != 0)
					ready = true;
			}
			if (!ready)
				continue;
			j = (size_t)w->job;
			rc = read_reply(w, &jobs[j], &tmp);
			if (rc == 0) {
				w->job = -1;
				left--;
			} else if (rc == PA_EINVALID || rc == PA_ENOMEM) {
				error = rc;	/* GnuPG unusable: message set */
				goto done;
			} else {
				/* the worker stopped while verifying this job */
				worker_lost(p, w);
				pa_error_clear();
				if ((error = lost_job(jobs, j, tries, queue, &nqueue, &left)) < 0)
					goto done;
			}
		}
	}
done:
	/* busy workers would answer a job nobody waits for: replace them */
	for (i = 0; error < 0 && i < p->n; i++) {
		if (p->w[i].fd >= 0 && p->w[i].job >= 0)
			worker_lost(p, &p->w[i]);
	}
	pa_buf_dispose(&tmp);
	free(tries);
	free(queue);
	free(pfd);
	return error;
}

void
pa_sig_pool_free(struct pa_sig_pool *p)
{
	struct timespec pause = { 0, 5000000 };
	unsigned i, tries;
	int status;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		if (p->w[i].fd >= 0)
			close(p->w[i].fd);
		p->w[i].fd = -1;
	}
	/* idle workers leave at end of file; a busy one gets two seconds */
	for (i = 0; i < p->n; i++) {
		if (p->w[i].pid <= 0)
			continue;
		for (tries = 0; tries < 400; tries++) {
			if (waitpid(p->w[i].pid, &status, WNOHANG) != 0)
				break;
			nanosleep(&pause, NULL);
		}
		if (tries == 400) {
			kill(p->w[i].pid, SIGKILL);
			waitpid(p->w[i].pid, &status, 0);
		}
	}
	free(p->w);
	free(p);
}
