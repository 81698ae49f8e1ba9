/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for util/: buffers, sanitising, diagnostics, digests, files. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/cutest.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/record.h"
#include "util/text.h"

static void
test_util_buf_grows_and_stays_terminated(void)
{
	struct pa_buf b = PA_BUF_INIT;
	int i;

	CU_ASSERT_STRING_EQUAL(b.ptr, "");
	for (i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(pa_buf_printf(&b, "%d,", i), 0);
	CU_ASSERT_FALSE(pa_buf_oom(&b));
	CU_ASSERT_EQUAL(b.ptr[b.size], '\0');
	CU_ASSERT_EQUAL(strncmp(b.ptr, "0,1,2,", 6), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.ptr, "999,"));
	pa_buf_truncate(&b, 2);
	CU_ASSERT_STRING_EQUAL(b.ptr, "0,");
	pa_buf_dispose(&b);
	CU_ASSERT_STRING_EQUAL(b.ptr, "");
}

static void
test_util_buf_detach_empty(void)
{
	struct pa_buf b = PA_BUF_INIT;
	char *s = pa_buf_detach(&b);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(s, "");
	free(s);
}

static const struct {
	const char *in;
	size_t len;
	const char *out;
} sanitize_rows[] = {
	{ "plain", 5, "plain" },
	{ "esc\x1b[31mred", 11, "esc\\x1b[31mred" },
	{ "cr\rlf\n", 6, "cr\\rlf\\n" },
	{ "bidi \xe2\x80\xae" "evil", 12, "bidi \\u202eevil" },
	{ "bad \xff\xfe", 6, "bad \\xff\\xfe" },
	{ "c1 \xc2\x9b", 5, "c1 \\x9b" },
	{ "del\x7f", 4, "del\\x7f" },
	{ "utf8 \xc3\xa9t\xc3\xa9", 10, "utf8 \xc3\xa9t\xc3\xa9" },
	{ "overlong \xc0\xaf", 11, "overlong \\xc0\\xaf" },
	{ "nul\0x", 5, "nul\\x00x" },
};

static void
test_util_text_sanitize_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(sanitize_rows) / sizeof(sanitize_rows[0]); i++) {
		struct pa_buf b = PA_BUF_INIT;

		CU_ASSERT_EQUAL(pa_text_sanitize(&b, sanitize_rows[i].in,
		    sanitize_rows[i].len, PA_TEXT_ONELINE), 0);
		if (strcmp(b.ptr, sanitize_rows[i].out) != 0)
			fprintf(stderr, "row %zu: got '%s'\n", i, b.ptr);
		CU_ASSERT_STRING_EQUAL(b.ptr, sanitize_rows[i].out);
		pa_buf_dispose(&b);
	}
	/* the one table: its edges */
	{
		static const unsigned int bad[] = { 0x00, 0x1f, 0x7f, 0x80, 0x9f, 0x061c, 0x200e,
			0x200f, 0x202a, 0x202e, 0x2066, 0x2069 };
		static const unsigned int ok[] = { 0x20, 0x7e, 0xa0, 0x061b, 0x200d, 0x2010,
			0x2029, 0x202f, 0x2065, 0x206a, 0xe9, 0x1f600 };

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			CU_ASSERT_TRUE(pa_text_is_unsafe(bad[i]));
		for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
			CU_ASSERT_FALSE(pa_text_is_unsafe(ok[i]));
	}
}

static void
test_util_text_keep_nl(void)
{
	struct pa_buf b = PA_BUF_INIT;

	pa_text_sanitize(&b, "a\nb\tc\r\x1b", 7, PA_TEXT_KEEP_NL);
	CU_ASSERT_STRING_EQUAL(b.ptr, "a\nb\tc\\r\\x1b");
	pa_buf_dispose(&b);
}

static void
test_util_text_xml_clean(void)
{
	struct pa_buf b = PA_BUF_INIT;
	bool changed = false;

	pa_text_xml_clean(&b, "ok\n\ttext", 8, &changed);
	CU_ASSERT_FALSE(changed);
	CU_ASSERT_STRING_EQUAL(b.ptr, "ok\n\ttext");
	pa_buf_clear(&b);
	pa_text_xml_clean(&b, "a\x01" "b\xff", 4, &changed);
	CU_ASSERT_TRUE(changed);
	CU_ASSERT_STRING_EQUAL(b.ptr, "a\\x01b\\xff");
	pa_buf_dispose(&b);
}

static void
test_util_text_sanitize_into_truncates_on_boundary(void)
{
	char small[6];

	/* "ab" + e-acute (2 bytes) + "cd": 5 bytes of room must not split é */
	pa_text_sanitize_into(small, sizeof(small), "abc\xc3\xa9" "d", 6);
	CU_ASSERT_STRING_EQUAL(small, "abc\xc3\xa9");
	pa_text_sanitize_into(small, 5, "abc\xc3\xa9" "d", 6);
	CU_ASSERT_STRING_EQUAL(small, "abc");
}

static void
test_util_date_parse(void)
{
	static const struct {
		const char *s;
		bool ok;
		long days;
	} rows[] = {
		{ "1970-01-01", true, 0 },
		{ "2026-11-27", true, 20784 },
		{ "2024-02-29", true, 19782 },
		{ "2000-02-29", true, 11016 },
		{ "1969-12-31", true, -1 },
		{ "1900-02-29", false, 0 },
		{ "2026-02-29", false, 0 },
		{ "2026-13-01", false, 0 },
		{ "2026-04-31", false, 0 },
		{ "2026-4-01", false, 0 },
		{ "2026-04-01T", false, 0 },
		{ "2026/04/01", false, 0 },
		{ "0000-01-01", false, 0 },
		{ "", false, 0 },
	};
	struct pa_date today;
	long d;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		d = 12345;
		CU_ASSERT_EQUAL(pa_date_parse(rows[i].s, &d), rows[i].ok);
		if (rows[i].ok)
			CU_ASSERT_EQUAL(d, rows[i].days);
	}
	CU_ASSERT_FALSE(pa_date_parse(NULL, &d));
	CU_ASSERT_EQUAL(pa_date_today(&today), 0);
	CU_ASSERT_TRUE(pa_date_parse(today.iso, &d) && d == today.days && d > 20000);
}

static void
test_util_date_from_iso(void)
{
	static const struct { const char *s; bool ok; long days; } rows[] = {
		{ "1970-01-01", true, 0 },
		{ "2027-03-01", true, 20878 },
		{ "2028-02-29", true, 21243 },
		{ "2027-02-28", true, 20877 },
		{ "1969-12-31", true, -1 },
		{ "9999-12-31", true, 2932896 },
		{ "2027-02-29", false, 0 },
		{ "2100-02-29", false, 0 },
		{ "2027-00-10", false, 0 },
		{ "2027-13-10", false, 0 },
		{ "2027-04-31", false, 0 },
		{ "2027-04-00", false, 0 },
		{ "2027-01-32", false, 0 },
		{ "2027-01-01x", false, 0 },
		{ "2027-01-01 ", false, 0 },
		{ "2027-01-01T00:00:00Z", false, 0 },
		{ " 2027-01-01", false, 0 },
		{ "2027-1-01", false, 0 },
		{ "2027-01-1", false, 0 },
		{ "27-01-01", false, 0 },
		{ "02027-01-01", false, 0 },
		{ "2027-01-0a", false, 0 },
		{ "2027+01-01", false, 0 },
		{ "0000-01-01", false, 0 },
		{ "", false, 0 },
	};
	struct pa_date day;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&day, 'z', sizeof(day));
		day.days = 12345;
		CU_ASSERT_EQUAL(pa_date_from_iso(&day, rows[i].s), rows[i].ok);
		if (rows[i].ok) {
			CU_ASSERT_EQUAL(day.days, rows[i].days);
			CU_ASSERT_STRING_EQUAL(day.iso, rows[i].s);
		} else {
			CU_ASSERT_EQUAL(day.days, 12345);	/* untouched */
		}
	}
	CU_ASSERT_FALSE(pa_date_from_iso(&day, NULL));
	/* the day count orders dates as the calendar does */
	CU_ASSERT_TRUE(pa_date_from_iso(&day, "2028-03-01") && day.days == 21244);
}

static void
test_util_diag_records_and_sanitises(void)
{
	struct pa_diag d = PA_DIAG_INIT;

	pa_diag_add(&d, PA_DIAG_ERROR, "yaml-alias", "models/x/README.md", 12,
	    "license", "alias \x1b[2J used");
	CU_ASSERT_EQUAL_FATAL(d.count, 1);
	CU_ASSERT_STRING_EQUAL(d.entries[0].code, "yaml-alias");
	CU_ASSERT_EQUAL(d.entries[0].line, 12);
	CU_ASSERT_STRING_EQUAL(d.entries[0].message, "alias \\x1b[2J used");
	CU_ASSERT_STRING_EQUAL(pa_diag_severity_name(d.entries[0].severity), "error");
	pa_diag_dispose(&d);
	CU_ASSERT_EQUAL(d.count, 0);
}

static void
test_util_error_is_sanitised_and_cleared(void)
{
	CU_ASSERT_EQUAL(pa_error_set(PA_ERRCLASS_OS, "bad '%s'", "x\x1b]0;t\x07"), PA_ERROR);
	CU_ASSERT_STRING_EQUAL(pa_error_last(), "bad 'x\\x1b]0;t\\x07'");
	pa_error_clear();
	CU_ASSERT_PTR_NULL(pa_error_last());
}

static void
test_util_digest_sha256_known_vectors(void)
{
	char hex[PA_DIGEST_HEXLEN + 1];

	CU_ASSERT_EQUAL(pa_digest_sha256(hex, "abc", 3), 0);
	CU_ASSERT_STRING_EQUAL(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CU_ASSERT_EQUAL(pa_digest_sha256(hex, "", 0), 0);
	CU_ASSERT_STRING_EQUAL(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_util_size_overflow_detected(void)
{
	size_t out = 7;

	CU_ASSERT_FALSE(pa_size_add(&out, SIZE_MAX, 1));
	CU_ASSERT_EQUAL(out, 7);
	CU_ASSERT_FALSE(pa_size_mul(&out, SIZE_MAX / 2, 3));
	CU_ASSERT_TRUE(pa_size_mul(&out, 6, 7));
	CU_ASSERT_EQUAL(out, 42);
}

static void
test_util_file_limits_and_atomic_write(void)
{
	char dir[] = "/tmp/pa-test-XXXXXX";
	struct pa_buf path = PA_BUF_INIT, data = PA_BUF_INIT;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	pa_buf_printf(&path, "%s/f", dir);
	CU_ASSERT_EQUAL(pa_file_write_atomic(path.ptr, "hello", 5, 0), 0);
	CU_ASSERT_EQUAL(pa_file_read(&data, path.ptr, 5, 1), 0);
	CU_ASSERT_STRING_EQUAL(data.ptr, "hello");
	pa_buf_clear(&data);
	CU_ASSERT_EQUAL(pa_file_read(&data, path.ptr, 4, 1), PA_ELIMIT);
	pa_buf_printf(&path, ".missing");
	CU_ASSERT_EQUAL(pa_file_read(&data, path.ptr, 4, 1), PA_ENOTFOUND);
	CU_ASSERT_EQUAL(pa_file_rm_rf(dir), 0);
	CU_ASSERT_NOT_EQUAL(access(dir, F_OK), 0);
	pa_buf_dispose(&path);
	pa_buf_dispose(&data);
}

static void
test_util_record_round_trip_and_mismatch(void)
{
	struct pa_buf b = PA_BUF_INIT, t = PA_BUF_INIT;
	json_t *data = NULL;
	json_int_t n = 0;
	size_t used = 0;
	static const char *const refused[] = {
		"pactaudit-cache 1 zz",
		"{\"pactaudit\":\"t\",\"version\":1}",
		"{\"pactaudit\":\"t\",\"version\":1,\"data\":1,\"extra\":2}",
		"{\"pactaudit\":\"t\",\"pactaudit\":\"t\",\"version\":1,\"data\":1}",
		"{\"pactaudit\":\"t\",\"version\":\"1\",\"data\":1}",
		"[\"t\",1]",
		"",
	};
	size_t i;

	CU_ASSERT_EQUAL(pa_record_encode(&b, "t", 1, json_pack("{s:i}", "n", 7)), 0);
	CU_ASSERT_STRING_EQUAL(b.ptr, "{\"pactaudit\":\"t\",\"version\":1,\"data\":{\"n\":7}}");
	CU_ASSERT_EQUAL_FATAL(pa_record_decode(&data, "t", 1, b.ptr, b.size), 0);
	CU_ASSERT_EQUAL(json_unpack(data, "{s:I}", "n", &n), 0);
	CU_ASSERT_EQUAL(n, 7);
	json_decref(data);
	/* another kind or version is a miss, never an error */
	CU_ASSERT_EQUAL(pa_record_decode(&data, "t", 2, b.ptr, b.size), PA_ENOTFOUND);
	CU_ASSERT_PTR_NULL(data);
	CU_ASSERT_EQUAL(pa_record_decode(&data, "u", 1, b.ptr, b.size), PA_ENOTFOUND);
	CU_ASSERT_EQUAL(pa_record_decode(&data, "t", 1, b.ptr, b.size - 1), PA_ENOTFOUND);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		CU_ASSERT_EQUAL(pa_record_decode(&data, "t", 1, refused[i], strlen(refused[i])),
		    PA_ENOTFOUND);
	/* a header followed by other bytes */
	pa_buf_puts(&t, b.ptr);
	pa_buf_puts(&t, "\n{payload}\n");
	CU_ASSERT_EQUAL(pa_record_decode(&data, "t", 1, t.ptr, t.size), PA_ENOTFOUND);
	CU_ASSERT_EQUAL_FATAL(pa_record_decode_prefix(&data, &used, "t", 1, t.ptr, t.size), 0);
	CU_ASSERT_EQUAL(used, b.size + 1);
	CU_ASSERT_STRING_EQUAL(t.ptr + used, "{payload}\n");
	json_decref(data);
	CU_ASSERT_EQUAL(pa_record_decode_prefix(&data, &used, "t", 2, t.ptr, t.size),
	    PA_ENOTFOUND);
	CU_ASSERT_EQUAL(pa_record_decode_prefix(&data, &used, "t", 1, "7 {}", 4), PA_ENOTFOUND);
	/* a builder that ran out of memory hands NULL: reported, not encoded */
	pa_buf_clear(&b);
	CU_ASSERT_EQUAL(pa_record_encode(&b, "t", 1, NULL), PA_ENOMEM);
	pa_error_clear();
	pa_buf_dispose(&t);
	pa_buf_dispose(&b);
}

static void
test_util_record_bytes_round_trip(void)
{
	static const char *const rows[] = {
		"", "plain", "caf\xc3\xa9", "bad \xff\xfe", "esc\x1b[31m", "\xc0\xaf", "%2d-",
	};
	char *s = NULL, small[4];
	json_t *v;
	size_t i;

	v = pa_record_str(NULL);
	CU_ASSERT_TRUE(json_is_null(v));
	CU_ASSERT_EQUAL(pa_record_get_str(&s, v), 0);
	CU_ASSERT_PTR_NULL(s);
	CU_ASSERT_EQUAL(pa_record_get_strbuf(small, sizeof(small), v), PA_EINVALID);
	json_decref(v);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		v = pa_record_str(rows[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		/* not UTF-8: kept as hex, still exact */
		CU_ASSERT_EQUAL(json_is_string(v), pa_text_is_utf8(rows[i], strlen(rows[i])));
		CU_ASSERT_EQUAL_FATAL(pa_record_get_str(&s, v), 0);
		CU_ASSERT_STRING_EQUAL(s, rows[i]);
		free(s);
		json_decref(v);
	}
	v = json_pack("{s:s}", "hex", "00");	/* a NUL byte */
	CU_ASSERT_EQUAL(pa_record_get_str(&s, v), PA_EINVALID);
	json_decref(v);
	v = json_pack("{s:s}", "hex", "f");
	CU_ASSERT_EQUAL(pa_record_get_str(&s, v), PA_EINVALID);
	json_decref(v);
	v = json_pack("{s:s}", "hex", "zz");
	CU_ASSERT_EQUAL(pa_record_get_str(&s, v), PA_EINVALID);
	json_decref(v);
	v = json_pack("{s:s, s:i}", "hex", "41", "x", 1);
	CU_ASSERT_EQUAL(pa_record_get_str(&s, v), PA_EINVALID);
	json_decref(v);
	v = json_integer(3);
	CU_ASSERT_EQUAL(pa_record_get_str(&s, v), PA_EINVALID);
	json_decref(v);
	v = json_string("abcd");
	CU_ASSERT_EQUAL(pa_record_get_strbuf(small, sizeof(small), v), PA_EINVALID);
	json_decref(v);
	v = json_string("abc");
	CU_ASSERT_EQUAL(pa_record_get_strbuf(small, sizeof(small), v), 0);
	CU_ASSERT_STRING_EQUAL(small, "abc");
	json_decref(v);
}

/* Entries of dir other than . and .. */
static size_t
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static bool
file_is(const char *path, const char *want)
{
	struct pa_buf b = PA_BUF_INIT;
	bool ok = pa_file_read(&b, path, 1 << 20, 1) == 0 && strcmp(b.ptr, want) == 0;

	pa_buf_dispose(&b);
	pa_error_clear();
	return ok;
}

static const char *
in_dir(struct pa_buf *b, const char *dir, const char *name)
{
	pa_buf_clear(b);
	pa_buf_printf(b, "%s/%s", dir, name);
	return b->ptr;
}

static void
test_util_file_write_new_and_regular(void)
{
	char dir[] = "/tmp/pa-test-XXXXXX";
	struct pa_buf p = PA_BUF_INIT;
	struct stat st;
	mode_t old = umask(022);

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	/* a new name: the umask's mode, nothing else left in the folder */
	CU_ASSERT_EQUAL(pa_file_write_atomic(in_dir(&p, dir, "out"), "one", 3, 0), 0);
	CU_ASSERT_TRUE(file_is(p.ptr, "one"));
	CU_ASSERT_EQUAL(stat(p.ptr, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0644);
	CU_ASSERT_EQUAL(count_entries(dir), 1);
	/* a replaced file keeps its mode */
	CU_ASSERT_EQUAL(chmod(p.ptr, 0640), 0);
	CU_ASSERT_EQUAL(pa_file_write_atomic(p.ptr, "two", 3, PA_FILE_NOSYNC), 0);
	CU_ASSERT_TRUE(file_is(p.ptr, "two"));
	CU_ASSERT_EQUAL(stat(p.ptr, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0640);
	CU_ASSERT_EQUAL(count_entries(dir), 1);
	/* private: a new file only its owner may read */
	CU_ASSERT_EQUAL(pa_file_write_atomic(in_dir(&p, dir, "key"), "k", 1, PA_FILE_PRIVATE), 0);
	CU_ASSERT_EQUAL(stat(p.ptr, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0600);
	/* a folder is not replaced */
	CU_ASSERT_EQUAL(mkdir(in_dir(&p, dir, "sub"), 0700), 0);
	CU_ASSERT_EQUAL(pa_file_write_atomic(p.ptr, "x", 1, 0), PA_ERROR);
	CU_ASSERT_EQUAL(lstat(p.ptr, &st), 0);
	CU_ASSERT_TRUE(S_ISDIR(st.st_mode));
	pa_error_clear();
	umask(old);
	CU_ASSERT_EQUAL(pa_file_rm_rf(dir), 0);
	pa_buf_dispose(&p);
}

/* Regression: a symlink planted at the temporary file's name was written through. */
static void
test_util_file_write_never_through_planted_symlink(void)
{
	char dir[] = "/tmp/pa-test-XXXXXX";
	struct pa_buf p = PA_BUF_INIT, victim = PA_BUF_INIT, link = PA_BUF_INIT;
	struct stat st;
	long pid = (long)getpid(), i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	pa_buf_printf(&victim, "%s/victim", dir);
	CU_ASSERT_EQUAL_FATAL(pa_file_write_atomic(victim.ptr, "precious", 8, 0), 0);
	/* the old predictable names, for this and nearby process ids */
	for (i = pid - 2; i <= pid + 2; i++) {
		pa_buf_clear(&link);
		pa_buf_printf(&link, "%s/out.tmp.%ld", dir, i);
		CU_ASSERT_EQUAL(symlink(victim.ptr, link.ptr), 0);
	}
	CU_ASSERT_EQUAL(pa_file_write_atomic(in_dir(&p, dir, "out"), "report", 6, 0), 0);
	CU_ASSERT_TRUE(file_is(victim.ptr, "precious"));
	CU_ASSERT_TRUE(file_is(p.ptr, "report"));
	CU_ASSERT_EQUAL(count_entries(dir), 7);		/* victim, out, 5 links */

	/* the output itself a symlink to a file: neither target nor link replaced */
	CU_ASSERT_EQUAL(symlink(victim.ptr, in_dir(&p, dir, "report.html")), 0);
	CU_ASSERT_EQUAL(pa_file_write_atomic(p.ptr, "evil", 4, 0), PA_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "symbolic link"));
	pa_error_clear();
	CU_ASSERT_TRUE(file_is(victim.ptr, "precious"));
	CU_ASSERT_EQUAL(lstat(p.ptr, &st), 0);
	CU_ASSERT_TRUE(S_ISLNK(st.st_mode));
	/* a dangling one is not created through either */
	CU_ASSERT_EQUAL(symlink(in_dir(&link, dir, "new-victim"), in_dir(&p, dir, "dangling")), 0);
	CU_ASSERT_EQUAL(pa_file_write_atomic(p.ptr, "evil", 4, 0), PA_ERROR);
	pa_error_clear();
	CU_ASSERT_NOT_EQUAL(access(link.ptr, F_OK), 0);
	CU_ASSERT_EQUAL(pa_file_rm_rf(dir), 0);
	pa_buf_dispose(&link);
	pa_buf_dispose(&victim);
	pa_buf_dispose(&p);
}

/* Regression: a FIFO or device was replaced by a regular file (as root this destroyed /dev/null). */
static void
test_util_file_write_fifo_and_device_in_place(void)
{
	char dir[] = "/tmp/pa-test-XXXXXX", got[16];
	struct pa_buf p = PA_BUF_INIT, fifo = PA_BUF_INIT;
	struct stat st;
	ssize_t n;
	int rfd;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	pa_buf_printf(&fifo, "%s/fifo", dir);
	CU_ASSERT_EQUAL_FATAL(mkfifo(fifo.ptr, 0600), 0);
	rfd = open(fifo.ptr, O_RDONLY | O_NONBLOCK);	/* a reader, so the writer's open returns */
	CU_ASSERT_FATAL(rfd >= 0);
	CU_ASSERT_EQUAL(pa_file_write_atomic(fifo.ptr, "through", 7, 0), 0);
	n = read(rfd, got, sizeof(got));
	CU_ASSERT_EQUAL(n, 7);
	CU_ASSERT_EQUAL(memcmp(got, "through", 7), 0);
	CU_ASSERT_EQUAL(lstat(fifo.ptr, &st), 0);
	CU_ASSERT_TRUE(S_ISFIFO(st.st_mode));
	/* a symlink to the FIFO: written through, still a link */
	CU_ASSERT_EQUAL(symlink(fifo.ptr, in_dir(&p, dir, "link")), 0);
	CU_ASSERT_EQUAL(pa_file_write_atomic(p.ptr, "linked", 6, 0), 0);
	n = read(rfd, got, sizeof(got));
	CU_ASSERT_EQUAL(n, 6);
	CU_ASSERT_EQUAL(lstat(p.ptr, &st), 0);
	CU_ASSERT_TRUE(S_ISLNK(st.st_mode));
	CU_ASSERT_EQUAL(lstat(fifo.ptr, &st), 0);
	CU_ASSERT_TRUE(S_ISFIFO(st.st_mode));
	close(rfd);
	CU_ASSERT_EQUAL(count_entries(dir), 2);

	/* /dev/null: only when it is a character device now, and it must stay one */
	if (lstat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode)) {
		CU_ASSERT_EQUAL(pa_file_write_atomic("/dev/null", "gone", 4, 0), 0);
		CU_ASSERT_EQUAL(lstat("/dev/null", &st), 0);
		CU_ASSERT_TRUE(S_ISCHR(st.st_mode));
	}
	/* /dev/stdout is this process's descriptor 1, whatever it is; the link stays */
	if (lstat("/dev/stdout", &st) == 0 && S_ISLNK(st.st_mode)) {
		CU_ASSERT_EQUAL(pa_file_write_atomic("/dev/stdout", "", 0, 0), 0);
		CU_ASSERT_EQUAL(lstat("/dev/stdout", &st), 0);
		CU_ASSERT_TRUE(S_ISLNK(st.st_mode));
	}
	CU_ASSERT_EQUAL(pa_file_write_atomic("/dev/fd/999", "x", 1, 0), PA_ERROR);
	pa_error_clear();
	CU_ASSERT_EQUAL(pa_file_rm_rf(dir), 0);
	pa_buf_dispose(&fifo);
	pa_buf_dispose(&p);
}

/* The streamed replacement: same rules as pa_file_write_atomic, the data never held whole. */
static void
test_util_file_replace_streamed(void)
{
	char dir[] = "/tmp/pa-test-XXXXXX";
	struct pa_buf p = PA_BUF_INIT, victim = PA_BUF_INIT;
	struct pa_file_replace r;
	struct stat st;
	mode_t old = umask(022);

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	/* a new name: streamed, then renamed into place; nothing else left */
	CU_ASSERT_EQUAL_FATAL(pa_file_replace_begin(&r, in_dir(&p, dir, "out"), 0), 1);
	CU_ASSERT_EQUAL(access(p.ptr, F_OK), -1);	/* not there before the commit */
	CU_ASSERT_EQUAL(count_entries(dir), 1);		/* the temporary file */
	fputs("one ", r.fp);
	fputs("two", r.fp);
	CU_ASSERT_EQUAL(pa_file_replace_commit(&r), 0);
	CU_ASSERT_TRUE(file_is(p.ptr, "one two"));
	CU_ASSERT_EQUAL(stat(p.ptr, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0644);
	CU_ASSERT_EQUAL(count_entries(dir), 1);
	/* a regular file keeps its mode; an aborted replacement leaves it whole */
	CU_ASSERT_EQUAL(chmod(p.ptr, 0640), 0);
	CU_ASSERT_EQUAL_FATAL(pa_file_replace_begin(&r, p.ptr, PA_FILE_NOSYNC), 1);
	fputs("half", r.fp);
	pa_file_replace_abort(&r);
	CU_ASSERT_TRUE(file_is(p.ptr, "one two"));
	CU_ASSERT_EQUAL(count_entries(dir), 1);
	CU_ASSERT_EQUAL_FATAL(pa_file_replace_begin(&r, p.ptr, PA_FILE_NOSYNC), 1);
	fputs("three", r.fp);
	CU_ASSERT_EQUAL(pa_file_replace_commit(&r), 0);
	CU_ASSERT_TRUE(file_is(p.ptr, "three"));
	CU_ASSERT_EQUAL(stat(p.ptr, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0640);
	/* anything else is left to pa_file_write_atomic: nothing opened or made */
	pa_buf_printf(&victim, "%s/victim", dir);
	CU_ASSERT_EQUAL_FATAL(pa_file_write_atomic(victim.ptr, "precious", 8, 0), 0);
	CU_ASSERT_EQUAL(symlink(victim.ptr, in_dir(&p, dir, "link")), 0);
	CU_ASSERT_EQUAL(pa_file_replace_begin(&r, p.ptr, 0), 0);
	CU_ASSERT_PTR_NULL(r.fp);
	CU_ASSERT_EQUAL(mkdir(in_dir(&p, dir, "sub"), 0700), 0);
	CU_ASSERT_EQUAL(pa_file_replace_begin(&r, p.ptr, 0), 0);
	CU_ASSERT_EQUAL(pa_file_replace_begin(&r, "/dev/stdout", 0), 0);
	if (lstat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode))
		CU_ASSERT_EQUAL(pa_file_replace_begin(&r, "/dev/null", 0), 0);
	CU_ASSERT_EQUAL(pa_file_replace_begin(&r, in_dir(&p, dir, "no/such/folder/x"), 0), 0);
	CU_ASSERT_TRUE(file_is(victim.ptr, "precious"));
	CU_ASSERT_EQUAL(count_entries(dir), 4);		/* out, victim, link, sub */
	umask(old);
	CU_ASSERT_EQUAL(pa_file_rm_rf(dir), 0);
	pa_buf_dispose(&victim);
	pa_buf_dispose(&p);
}

/* Regression: init wrote through a symlinked folder; each component is opened without following. */
static void
test_util_file_open_dirs_never_follow(void)
{
	char dir[] = "/tmp/pa-test-XXXXXX";
	struct pa_buf p = PA_BUF_INIT, out = PA_BUF_INIT;
	int base, fd = -1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	CU_ASSERT_EQUAL(mkdir(in_dir(&out, dir, "outside"), 0700), 0);
	CU_ASSERT_EQUAL(mkdir(in_dir(&p, dir, "d"), 0700), 0);
	base = open(p.ptr, O_RDONLY | O_DIRECTORY);
	CU_ASSERT_FATAL(base >= 0);
	/* made when missing, component by component */
	CU_ASSERT_EQUAL(pa_file_open_dirs_at(&fd, base, "a/b/c", "d/a/b/c"), 0);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(pa_file_write_atomic_at(fd, "f", "d/a/b/c/f", "x", 1, 0), 0);
	close(fd);
	CU_ASSERT_TRUE(file_is(in_dir(&p, dir, "d/a/b/c/f"), "x"));
	/* a link as the first or a later component */
	CU_ASSERT_EQUAL(symlink(out.ptr, in_dir(&p, dir, "d/models")), 0);
	CU_ASSERT_EQUAL(pa_file_open_dirs_at(&fd, base, "models/m", "d/models/m"), PA_ERROR);
	CU_ASSERT_EQUAL(fd, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "symbolic link"));
	pa_error_clear();
	CU_ASSERT_EQUAL(symlink(out.ptr, in_dir(&p, dir, "d/a/b/link")), 0);
	CU_ASSERT_EQUAL(pa_file_open_dirs_at(&fd, base, "a/b/link/x", "d/a/b/link/x"), PA_ERROR);
	pa_error_clear();
	CU_ASSERT_EQUAL(pa_file_open_dirs_at(&fd, base, "a/../..", "d/a/../.."), PA_ERROR);
	pa_error_clear();
	CU_ASSERT_EQUAL(count_entries(out.ptr), 0);
	close(base);
	CU_ASSERT_EQUAL(pa_file_rm_rf(dir), 0);
	pa_buf_dispose(&out);
	pa_buf_dispose(&p);
}

static CU_TestInfo util_tests[] = {
	{ "buf grows and stays terminated", test_util_buf_grows_and_stays_terminated },
	{ "buf detach of an empty buffer", test_util_buf_detach_empty },
	{ "sanitize table", test_util_text_sanitize_table },
	{ "sanitize keeps newlines when asked", test_util_text_keep_nl },
	{ "xml clean", test_util_text_xml_clean },
	{ "sanitize_into truncates on a character boundary", test_util_text_sanitize_into_truncates_on_boundary },
	{ "date parse", test_util_date_parse },
	{ "date from iso", test_util_date_from_iso },
	{ "diag records and sanitises", test_util_diag_records_and_sanitises },
	{ "error is sanitised and cleared", test_util_error_is_sanitised_and_cleared },
	{ "sha256 known vectors", test_util_digest_sha256_known_vectors },
	{ "size overflow detected", test_util_size_overflow_detected },
	{ "file limits and atomic write", test_util_file_limits_and_atomic_write },
	{ "record round trip; other kinds and versions are misses", test_util_record_round_trip_and_mismatch },
	{ "record strings that need not be UTF-8", test_util_record_bytes_round_trip },
	{ "write: new name, replaced file keeps its mode, folder refused", test_util_file_write_new_and_regular },
	{ "write never follows a planted or named symlink", test_util_file_write_never_through_planted_symlink },
	{ "write: FIFO and devices written in place", test_util_file_write_fifo_and_device_in_place },
	{ "write streamed: new name, mode kept, abort, others left alone", test_util_file_replace_streamed },
	{ "folders opened without following links", test_util_file_open_dirs_never_follow },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "util", NULL, NULL, NULL, NULL, util_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
