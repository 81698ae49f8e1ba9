/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Removal of registered temporary paths when the process is stopped by a signal. */
#include "config.h"

#include "util/cleanup.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

struct entry {
	bool used;
	int dirfd;
	char *name;
	void (*remove)(int dirfd, const char *name);
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *entries;
static size_t nentries;
static bool stopping;		/* a signal came: register nothing more */
static int pipefd[2] = { -1, -1 };
static const int caught[] = { SIGTERM, SIGHUP, SIGINT };

int
pa_cleanup_add(int dirfd, const char *name, void (*remove)(int dirfd, const char *name))
{
	struct entry *n;
	size_t i;
	int handle = -1;

	pthread_mutex_lock(&lock);
	if (stopping)
		goto done;
	for (i = 0; i < nentries && entries[i].used; i++)
		;
	if (i == nentries) {
		if ((n = pa_reallocarray(entries, nentries + 8, sizeof(*n))) == NULL)
			goto done;
		memset(n + nentries, 0, 8 * sizeof(*n));
		entries = n;
		nentries += 8;
	}
	if ((entries[i].name = pa_strdup(name)) == NULL)
		goto done;
	entries[i].used = true;
	entries[i].dirfd = dirfd;
	entries[i].remove = remove;
	handle = (int)i;
done:
	pthread_mutex_unlock(&lock);
	pa_error_clear();
	return handle;
}

void
pa_cleanup_forget(int handle)
{
	if (handle < 0)
		return;
	pthread_mutex_lock(&lock);
	if ((size_t)handle < nentries && entries[handle].used) {
		free(entries[handle].name);
		entries[handle].name = NULL;
		entries[handle].used = false;
	}
	pthread_mutex_unlock(&lock);
}

/* Only async-signal-safe calls: hand the signal to the cleaning thread. */
static void
on_signal(int sig)
{
	unsigned char c = (unsigned char)sig;
	int saved = errno;

	if (write(pipefd[1], &c, 1) < 0) {
		/* nothing else is safe to do here */
	}
	errno = saved;
}

static void *
cleaner(void *arg)
{
	unsigned char c;
	size_t i;
	ssize_t n;

	(void)arg;
	while ((n = read(pipefd[0], &c, 1)) < 0 && errno == EINTR)
		;
	if (n != 1)
		return NULL;
	pthread_mutex_lock(&lock);	/* held until the end: nothing new starts */
	stopping = true;
	for (i = 0; i < nentries; i++) {
		if (!entries[i].used)
			continue;
		if (entries[i].remove != NULL)
			entries[i].remove(entries[i].dirfd, entries[i].name);
		else
			unlinkat(entries[i].dirfd, entries[i].name, 0);
	}
	signal((int)c, SIG_DFL);
	kill(getpid(), (int)c);	/* ends the process, the workers with it */
	for (;;)
		pause();
	return NULL;
}

int
pa_cleanup_signals_init(void)
{
	struct sigaction sa, old;
	pthread_t t;
	pthread_attr_t attr;
	size_t i;

	if (pipefd[0] >= 0)
		return 0;
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return pa_error_from_os("cannot create a pipe", "for signals");
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, cleaner, NULL) != 0) {
		pthread_attr_destroy(&attr);
		return pa_error_set(PA_ERRCLASS_OS, "cannot start the signal thread");
	}
	pthread_attr_destroy(&attr);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
		if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;	/* e.g. nohup: stays ignored */
		sigaction(caught[i], &sa, NULL);
	}
	return 0;
}
