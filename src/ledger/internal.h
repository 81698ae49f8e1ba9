/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared inside src/ledger/ only: the JSON form of a waiver. */
#ifndef PA_LEDGER_INTERNAL_H
#define PA_LEDGER_INTERNAL_H

#include <jansson.h>

#include "ledger/waiver.h"

/*
 * A waiver from one JSON object (keys as in pactaudit-waivers(5); an
 * unknown key, a wrong type or a bad value is PA_EINVALID naming `what`).
 * Not validated: call pa_waiver_validate().
 */
int pa_waiver__from_json(struct pa_waiver **out, json_t *o, const char *what);
/* The JSON object of a waiver (its matchers, reason, justification, until, approver, created). */
json_t *pa_waiver__to_json(const struct pa_waiver *w);
/* Whether s is 64 hexadecimal digits (a finding fingerprint). */
bool pa_ledger__is_hex64(const char *s);

#endif
