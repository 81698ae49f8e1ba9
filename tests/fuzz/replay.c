/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs a fuzz target's LLVMFuzzerTestOneInput over every file of a corpus folder (no libFuzzer needed). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run one file; 0, or 1 if it cannot be read.  The buffer is exactly the file's size. */
static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0, n;
	int rc = 0;

	if (f == NULL) {
		fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (;;) {
		uint8_t chunk[65536];

		n = fread(chunk, 1, sizeof(chunk), f);
		if (n == 0)
			break;
		if (size + n > cap) {
			uint8_t *p = realloc(data, size + n);

			if (p == NULL) {
				rc = 1;
				goto done;
			}
			data = p;
			cap = size + n;
		}
		memcpy(data + size, chunk, n);
		size += n;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		rc = 1;
		goto done;
	}
	/* an empty input gets a valid, zero-length allocation too */
	if (data == NULL && (data = malloc(1)) == NULL) {
		rc = 1;
		goto done;
	}
	LLVMFuzzerTestOneInput(data, size);
done:
	free(data);
	fclose(f);
	return rc;
}

/* Every regular file of dir, in name order; *count gets how many ran. */
static int
run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (d == NULL) {
		fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));

			if (p == NULL) {
				rc = 1;
				goto done;
			}
			names = p;
		}
		if ((names[n] = strdup(e->d_name)) == NULL) {
			rc = 1;
			goto done;
		}
		n++;
	}
	qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && rc == 0; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		struct stat st;

		if (path == NULL) {
			rc = 1;
			break;
		}
		snprintf(path, len, "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			rc = run_file(path);
			(*count)++;
		}
		free(path);
	}
done:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

static int
run_path(const char *path, size_t *count)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode))
		return run_dir(path, count);
	(*count)++;
	return run_file(path);
}

/*
 * replay [FILE|DIR]...  With no argument, the program's own name says the
 * target: tests/fuzz/<name>.fuzz replays $top_srcdir/tests/fuzz/corpus/<name>/.
 */
int
main(int argc, char **argv)
{
	size_t count = 0;
	int i, rc = 0;

	if (argc > 1) {
		for (i = 1; i < argc && rc == 0; i++)
			rc = run_path(argv[i], &count);
	} else {
		const char *top = getenv("top_srcdir");
		const char *base = strrchr(argv[0], '/');
		char name[256], dir[4096];
		size_t k;

		base = base ? base + 1 : argv[0];
		snprintf(name, sizeof(name), "%s", base);
		k = strlen(name);
		if (k > 5 && strcmp(name + k - 5, ".fuzz") == 0)
			name[k - 5] = '\0';
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top ? top : ".", name);
		rc = run_dir(dir, &count);
		if (rc == 0 && count == 0) {
			fprintf(stderr, "replay: %s holds no input\n", dir);
			rc = 1;
		}
	}
	printf("replay: %zu inputs, %s\n", count, rc ? "FAILED" : "no crash");
	return rc;
}
