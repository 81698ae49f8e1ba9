/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pactaudit rules list | show ID | lint [DIR]`: the rule packs, one rule, or a pack folder's validity. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "rules/pack.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/text.h"

enum {
	OPT_RULES = 1,
	OPT_FORMAT,
	OPT_OUTPUT
};

static const struct pa_opt rules_opts[] = {
	{ .name = "rules", .arg = "DIR", .id = OPT_RULES,
	  .help = "read the rule packs from DIR (default <datadir>/rules)" },
	{ .name = "format", .arg = "F", .id = OPT_FORMAT,
	  .help = "list and show: text (default) or json" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "write to FILE (replaced atomically) instead of standard output" },
	{ 0 }
};

/* Append s sanitised for a terminal (one line). */
static void
put_clean(struct pa_buf *out, const char *s)
{
	if (s != NULL)
		pa_text_sanitize(out, s, strlen(s), PA_TEXT_ONELINE);
}

/* s sanitised for a terminal as a JSON string (jansson escapes it), or null. */
static json_t *
json_clean(const char *s)
{
	struct pa_buf clean = PA_BUF_INIT;
	json_t *j;

	if (s == NULL)
		return json_null();
	put_clean(&clean, s);
	j = clean.oom ? NULL : json_string(clean.ptr);
	pa_buf_dispose(&clean);
	return j;
}

static const char *
severity_of(const struct pa_rule *r)
{
	return pa_results_severity_name(r->severity);
}

/* Append one rule as a JSON object on one line (keys in this order). */
static void
json_rule(struct pa_buf *out, const struct pa_rule *r, bool full)
{
	json_t *o = json_object(), *cl = json_null();
	char *text;

	json_object_set_new(o, "id", json_clean(r->id));
	json_object_set_new(o, "pack", json_clean(r->pack));
	json_object_set_new(o, "severity", json_clean(severity_of(r)));
	json_object_set_new(o, "phase", json_clean(pa_rulepack_phase_name(r->phase)));
	json_object_set_new(o, "waivable", json_boolean(r->waivable));
	json_object_set_new(o, "ref", json_clean(r->ref_text));
	json_object_set_new(o, "applies_from", json_clean(r->applies_from));
	json_object_set_new(o, "applies_until", json_clean(r->applies_until));
	json_object_set_new(o, "title", json_clean(r->title));
	if (full) {
		json_object_set_new(o, "file", json_clean(r->file));
		json_object_set_new(o, "line", json_integer(r->line));
		json_object_set_new(o, "context", json_clean(r->context));
		json_object_set_new(o, "applicable", json_clean(r->applicable));
		json_object_set_new(o, "assert", r->fires_if ? json_null() :
		    json_clean(r->assertion));
		json_object_set_new(o, "fires_if", r->fires_if ?
		    json_clean(r->assertion) : json_null());
		json_object_set_new(o, "location", json_clean(r->location));
		if (r->classify_attribute != NULL) {
			json_decref(cl);
			cl = json_object();
			json_object_set_new(cl, "attribute", json_clean(r->classify_attribute));
			json_object_set_new(cl, "value", json_clean(r->classify_value));
			json_object_set_new(cl, "report", json_boolean(r->classify_report));
		}
		json_object_set_new(o, "classify", cl);
		cl = NULL;	/* owned by o */
		json_object_set_new(o, "message", json_clean(r->message_text));
		json_object_set_new(o, "remedy", json_clean(r->remedy));
		json_object_set_new(o, "note", json_clean(r->note));
	}
	json_decref(cl);
	if (o == NULL || (text = json_dumps(o, JSON_PRESERVE_ORDER)) == NULL) {
		out->oom = true;	/* reported by the caller's pa_buf_oom() */
	} else {
		pa_buf_puts(out, text);
		free(text);
	}
	json_decref(o);
}

/* Width of the widest rule id. */
static size_t
id_width(const struct pa_rulepack *pack)
{
	size_t i, w = 2, n;

	for (i = 0; i < pa_rulepack_count(pack); i++)
		if ((n = pa_text_width(pa_rulepack_rule_at(pack, i)->id)) > w)
			w = n;
	return w;
}

/* The main reference only ("Art. 5(1)(a) +2" when the rule cites more). */
static void
short_ref(struct pa_buf *out, const struct pa_rule *r)
{
	if (r->ref_count == 0)
		return;
	pa_rulepack_format_ref(out, &r->refs[0]);
	if (r->ref_count > 1)
		pa_buf_printf(out, " +%zu", r->ref_count - 1);
}

static size_t
ref_width(const struct pa_rulepack *pack)
{
	struct pa_buf b = PA_BUF_INIT;
	size_t i, w = 3;

	for (i = 0; i < pa_rulepack_count(pack); i++) {
		pa_buf_clear(&b);
		short_ref(&b, pa_rulepack_rule_at(pack, i));
		if (pa_text_width(b.ptr) > w)
			w = pa_text_width(b.ptr);
	}
	pa_buf_dispose(&b);
	return w;
}

/* Pad with spaces to width columns. */
static void
put_cell(struct pa_buf *out, const char *s, size_t width)
{
	size_t start = out->size, w;

	put_clean(out, s ? s : "");
	w = pa_text_width(out->ptr + start);
	while (w++ < width)
		pa_buf_putc(out, ' ');
	pa_buf_puts(out, "  ");
}

static void
list_rules(struct pa_buf *out, const struct pa_rulepack *pack, bool json)
{
	struct pa_buf ref = PA_BUF_INIT;
	size_t i, wid = id_width(pack), wref = ref_width(pack);

	if (json) {
		pa_buf_puts(out, "[");
		for (i = 0; i < pa_rulepack_count(pack); i++) {
			pa_buf_puts(out, i ? ",\n " : "\n ");
			json_rule(out, pa_rulepack_rule_at(pack, i), false);
		}
		pa_buf_puts(out, "\n]\n");
		return;
	}
	put_cell(out, "ID", wid);
	put_cell(out, "SEVERITY", 8);
	put_cell(out, "REF", wref);
	put_cell(out, "FROM", 10);
	pa_buf_puts(out, "TITLE\n");
	for (i = 0; i < pa_rulepack_count(pack); i++) {
		const struct pa_rule *r = pa_rulepack_rule_at(pack, i);

		put_cell(out, r->id, wid);
		put_cell(out, severity_of(r), 8);
		pa_buf_clear(&ref);
		short_ref(&ref, r);
		put_cell(out, ref.ptr, wref);
		put_cell(out, r->applies_from, 10);
		put_clean(out, r->title);
		pa_buf_putc(out, '\n');
	}
	pa_buf_dispose(&ref);
}

static void
show_line(struct pa_buf *out, const char *label, const char *value)
{
	if (value == NULL)
		return;
	pa_buf_printf(out, "%-12s", label);
	put_clean(out, value);
	pa_buf_putc(out, '\n');
}

static void
show_rule(struct pa_buf *out, const struct pa_rule *r, bool json)
{
	struct pa_buf tmp = PA_BUF_INIT;

	if (json) {
		json_rule(out, r, true);
		pa_buf_putc(out, '\n');
		return;
	}
	show_line(out, "id:", r->id);
	pa_buf_printf(&tmp, "%s (%s:%ld)", r->pack, r->file, r->line);
	show_line(out, "pack:", tmp.ptr);
	show_line(out, "title:", r->title);
	pa_buf_clear(&tmp);
	pa_buf_printf(&tmp, "%s%s", severity_of(r), r->waivable ? "" : " (not waivable)");
	show_line(out, "severity:", tmp.ptr);
	pa_buf_clear(&tmp);
	if (r->classify_attribute != NULL)
		pa_buf_printf(&tmp, "classify: %s=%s%s", r->classify_attribute,
		    r->classify_value, r->classify_report ? ", also a finding" : "");
	else
		pa_buf_puts(&tmp, "obligation");
	show_line(out, "phase:", tmp.ptr);
	show_line(out, "ref:", r->ref_text);
	pa_buf_clear(&tmp);
	pa_buf_printf(&tmp, "from %s%s%s", r->applies_from,
	    r->applies_until ? " until " : "", r->applies_until ? r->applies_until : "");
	show_line(out, "applies:", tmp.ptr);
	show_line(out, "context:", r->context);
	show_line(out, "applicable:", r->applicable);
	show_line(out, r->fires_if ? "fires-if:" : "assert:", r->assertion);
	show_line(out, "location:", r->location);
	show_line(out, "message:", r->message_text);
	show_line(out, "remedy:", r->remedy);
	show_line(out, "note:", r->note);
	pa_buf_dispose(&tmp);
}

/* To -o FILE, or to standard output when output is NULL. */
static int
write_out(const struct pa_buf *out, const char *output)
{
	if (pa_buf_oom(out))
		return pa_cmd_fail();
	if (pa_cmd_write_output(output, out->ptr, out->size) < 0)
		return pa_cmd_fail();
	return PA_EXIT_OK;
}

static int
lint(const char *dir, const char *output)
{
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_rulepack *pack = NULL;
	struct pa_buf out = PA_BUF_INIT;
	size_t i;
	int rc, error;

	error = pa_rulepack_load(&pack, dir, &diag);
	if (error < 0 && error != PA_EINVALID) {
		rc = pa_cmd_fail();
		goto done;
	}
	for (i = 0; i < diag.count; i++) {
		const struct pa_diag_entry *e = &diag.entries[i];

		if (e->path != NULL)
			pa_buf_printf(&out, "%s:%ld: ", e->path, e->line);
		pa_buf_printf(&out, "%s\n", e->message);
	}
	if (pack != NULL)
		pa_buf_printf(&out, "%s: %zu rules in %zu packs, digest %s\n", dir,
		    pa_rulepack_count(pack), pa_rulepack_pack_count(pack),
		    pa_rulepack_digest(pack));
	rc = write_out(&out, output);
	if (rc == PA_EXIT_OK && error < 0) {
		fprintf(stderr, "pactaudit: %s: %zu problem%s in the rule packs\n", dir,
		    diag.count, diag.count == 1 ? "" : "s");
		rc = PA_EXIT_FAILURE;
	}
done:
	pa_rulepack_free(pack);
	pa_diag_dispose(&diag);
	pa_buf_dispose(&out);
	return rc;
}

static int
run_rules(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_buf dir = PA_BUF_INIT, out = PA_BUF_INIT;
	struct pa_rulepack *pack = NULL;
	struct pa_opt_state st;
	const char *rules = NULL, *format = "text", *action, *output = NULL;
	const struct pa_rule *r;
	int c, rc = PA_EXIT_OK, nargs;
	bool json;

	pa_error_clear();
	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP:
			return PA_EXIT_OK;
		case PA_OPT_ERROR:
			return PA_EXIT_FAILURE;
		case OPT_RULES:
			rules = st.arg;
			break;
		case OPT_OUTPUT:
			output = st.arg;
			break;
		case OPT_FORMAT:
			format = st.arg;
			break;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return pa_opt_usage_error(cmd, "--format is text or json, not '%s'", format);
	json = strcmp(format, "json") == 0;
	nargs = argc - st.optind;
	if (nargs < 1)
		return pa_opt_usage_error(cmd, "say what to do: list, show ID, lint [DIR] or version");
	action = argv[st.optind];
	if (rules != NULL)
		pa_buf_puts(&dir, rules);
	else
		pa_datadir_path(&dir, "rules");
	if (pa_buf_oom(&dir)) {
		rc = pa_cmd_fail();
		goto done;
	}

	if (strcmp(action, "lint") == 0) {
		if (nargs > 2) {
			rc = pa_opt_usage_error(cmd, "lint takes at most one folder");
			goto done;
		}
		rc = lint(nargs == 2 ? argv[st.optind + 1] : dir.ptr, output);
		goto done;
	}
	if (strcmp(action, "list") == 0) {
		if (nargs != 1) {
			rc = pa_opt_usage_error(cmd, "list takes no operand");
			goto done;
		}
	} else if (strcmp(action, "version") == 0) {
		if (nargs != 1) {
			rc = pa_opt_usage_error(cmd, "version takes no operand");
			goto done;
		}
	} else if (strcmp(action, "show") == 0) {
		if (nargs != 2) {
			rc = pa_opt_usage_error(cmd, "show takes one rule id");
			goto done;
		}
	} else {
		rc = pa_opt_usage_error(cmd, "'%s' is not list, show, lint or version", action);
		goto done;
	}
	if (pa_rulepack_load(&pack, dir.ptr, NULL) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (strcmp(action, "version") == 0) {
		/* what results files record in <rules version digest> */
		pa_buf_puts(&out, pa_rulepack_version(pack));
		pa_buf_printf(&out, " %s\n", pa_rulepack_digest(pack));
	} else if (strcmp(action, "list") == 0) {
		list_rules(&out, pack, json);
	} else if ((r = pa_rulepack_find(pack, argv[st.optind + 1])) != NULL) {
		show_rule(&out, r, json);
	} else {
		pa_error_set(PA_ERRCLASS_USAGE, "no rule '%s' in %s", argv[st.optind + 1],
		    dir.ptr);
		rc = pa_cmd_fail();
		goto done;
	}
	rc = write_out(&out, output);
done:
	pa_rulepack_free(pack);
	pa_buf_dispose(&dir);
	pa_buf_dispose(&out);
	return rc;
}

const struct pa_cmd pa_cmd_rules = {
	.name = "rules",
	.run = run_rules,
	.summary = "list, show or check the rule packs",
	.synopsis = "[--rules DIR] [--format text|json] list | show ID | lint [DIR] | version",
	.description = "list prints every rule (id, severity, legal reference, date "
	    "from which it applies, title); show prints one rule in full, with its "
	    "XPath; lint loads a rule folder and reports every problem as "
	    "file:line: message (exit 2 if there is any); version prints the "
	    "rule set's version and digest, as results files record them.",
	.opts = rules_opts,
};
