/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for util/: buffers, sanitising, diagnostics, digests, files. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/cutest.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
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
test_util_text_field_round_trip(void)
{
	static const char *const rows[] = { "plain", "two words", "-lead", "a%b",
		"tab\there", "new\nline", "\x7f\x01", "caf\xc3\xa9", "mid-dash" };
	struct pa_buf enc = PA_BUF_INIT, dec = PA_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		pa_buf_clear(&enc);
		pa_buf_clear(&dec);
		CU_ASSERT_EQUAL(pa_text_field_encode(&enc, rows[i]), 0);
		CU_ASSERT_PTR_NULL(strpbrk(enc.ptr, " \t\n\x7f"));
		CU_ASSERT_EQUAL(pa_text_field_decode(&dec, enc.ptr, enc.size), 0);
		CU_ASSERT_STRING_EQUAL(dec.ptr, rows[i]);
	}
	pa_buf_clear(&enc);
	pa_text_field_encode(&enc, "");
	CU_ASSERT_STRING_EQUAL(enc.ptr, "-");
	pa_buf_clear(&enc);
	pa_text_field_encode(&enc, "-x y");
	CU_ASSERT_STRING_EQUAL(enc.ptr, "%2Dx%20y");
	pa_buf_clear(&dec);
	CU_ASSERT_EQUAL(pa_text_field_decode(&dec, "-", 1), 0);
	CU_ASSERT_EQUAL(dec.size, 0);
	CU_ASSERT_EQUAL(pa_text_field_decode(&dec, "ab%2", 4), PA_EINVALID);
	CU_ASSERT_EQUAL(pa_text_field_decode(&dec, "%G0", 3), PA_EINVALID);
	CU_ASSERT_EQUAL(pa_text_field_decode(&dec, "a%00b", 5), PA_EINVALID);
	pa_buf_dispose(&enc);
	pa_buf_dispose(&dec);
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
	char today[11];
	long d;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		d = 12345;
		CU_ASSERT_EQUAL(pa_date_parse(rows[i].s, &d), rows[i].ok);
		if (rows[i].ok)
			CU_ASSERT_EQUAL(d, rows[i].days);
	}
	CU_ASSERT_FALSE(pa_date_parse(NULL, &d));
	CU_ASSERT_EQUAL(pa_date_today(today), 0);
	CU_ASSERT_TRUE(pa_date_parse(today, &d) && d > 20000);
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
	CU_ASSERT_EQUAL(pa_file_write_atomic(path.ptr, "hello", 5), 0);
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

static CU_TestInfo util_tests[] = {
	{ "buf grows and stays terminated", test_util_buf_grows_and_stays_terminated },
	{ "buf detach of an empty buffer", test_util_buf_detach_empty },
	{ "sanitize table", test_util_text_sanitize_table },
	{ "sanitize keeps newlines when asked", test_util_text_keep_nl },
	{ "xml clean", test_util_text_xml_clean },
	{ "sanitize_into truncates on a character boundary", test_util_text_sanitize_into_truncates_on_boundary },
	{ "field encode/decode round trip", test_util_text_field_round_trip },
	{ "date parse", test_util_date_parse },
	{ "diag records and sanitises", test_util_diag_records_and_sanitises },
	{ "error is sanitised and cleared", test_util_error_is_sanitised_and_cleared },
	{ "sha256 known vectors", test_util_digest_sha256_known_vectors },
	{ "size overflow detected", test_util_size_overflow_detected },
	{ "file limits and atomic write", test_util_file_limits_and_atomic_write },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "util", NULL, NULL, NULL, NULL, util_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
