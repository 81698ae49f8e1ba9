/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every size, count and depth limit, in one place (documented in pactaudit-limits(7)). */
#ifndef PA_UTIL_LIMITS_H
#define PA_UTIL_LIMITS_H

/* dossier */
#define PA_LIMIT_FILE_SIZE	(4u * 1024 * 1024)	/* bytes in one dossier file read */
#define PA_LIMIT_FILE_COUNT	20000			/* files listed in one dossier */
#define PA_LIMIT_TREE_DEPTH	32			/* directory nesting */
#define PA_LIMIT_PATH_LEN	1024			/* bytes in a dossier path */
#define PA_LIMIT_TOTAL_SIZE	(256u * 1024 * 1024)	/* bytes read from one dossier */

/* YAML front matter */
#define PA_LIMIT_YAML_SIZE	(256u * 1024)		/* bytes of front matter */
#define PA_LIMIT_YAML_DEPTH	32			/* nesting of mappings/sequences */
#define PA_LIMIT_YAML_NODES	50000			/* scalars + collections */

/* XML */
#define PA_LIMIT_XML_SIZE	(4u * 1024 * 1024)	/* bytes of one XML file */
#define PA_LIMIT_XML_DEPTH	64			/* element nesting */

/* Markdown */
#define PA_LIMIT_MD_HEADINGS	5000			/* headings kept per file */

/* SPDX */
#define PA_LIMIT_SPDX_LEN	4096			/* bytes in one expression */
#define PA_LIMIT_SPDX_DEPTH	64			/* parenthesis nesting */

/* rules */
#define PA_LIMIT_XPATH_OPS	10000000UL		/* XPath steps in one rule evaluation */

/* cache: entries are authenticated (HMAC under the user's own secret), so
 * this bounds only what the user's own runs wrote */
#define PA_LIMIT_CACHE_ENTRY	(256u * 1024 * 1024)	/* bytes in one cache entry */

/* history */
#define PA_LIMIT_COMMITS	100000			/* commits walked for trust */

#endif
