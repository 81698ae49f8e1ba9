/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The help view, generated from the action table and the keymap in use. */
#include "config.h"

#include "review/view.h"

static int
build(struct pa_review_page *p, const struct pa_review_ctx *ctx)
{
	struct pa_buf keys = PA_BUF_INIT;
	int a, error = 0;

	error |= pa_review_page_title(p, "Help: keys and commands");
	error |= pa_review_page_line(p, PA_REVIEW_STYLE_HEADING, "%-16s %-14s %s", "Keys",
	    "Command", "Action");
	for (a = 1; a < PA_REVIEW_ACTION_COUNT; a++) {
		pa_buf_clear(&keys);
		pa_review_keymap_keys(&keys, ctx->keys, (enum pa_review_action)a);
		error |= pa_review_page_line(p, PA_REVIEW_STYLE_NORMAL, "%-16s :%-13s %s",
		    keys.size ? keys.ptr : "", pa_review_action_name((enum pa_review_action)a),
		    pa_review_action_help((enum pa_review_action)a));
	}
	error |= pa_review_page_line(p, PA_REVIEW_STYLE_NORMAL, " ");
	error |= pa_review_page_line(p, PA_REVIEW_STYLE_DIM,
	    "Commands take an argument: :sort COLUMN, :filter PATTERN, :search PATTERN.");
	error |= pa_review_page_line(p, PA_REVIEW_STYLE_DIM,
	    "Keys and colours: bind and color lines in $XDG_CONFIG_HOME/pactaudit/review.conf.");
	pa_buf_dispose(&keys);
	return error < 0 ? PA_ENOMEM : 0;
}

const struct pa_review_view pa_review_view_help = {
	.name = "help",
	.build = build,
};
