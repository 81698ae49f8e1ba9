# SPDX-License-Identifier: GPL-3.0-or-later
# review/: the ncurses review screen (pure models and key table, views, the curses driver).
src_libpactaudit_a_SOURCES += \
	src/review/config.c src/review/config.h \
	src/review/draw.c src/review/draw.h \
	src/review/keys.c src/review/keys.h \
	src/review/model.c src/review/model.h src/review/model_ledger.c \
	src/review/model_plan.c \
	src/review/screen.c src/review/screen.h \
	src/review/view.h \
	src/review/view_call.c src/review/view_dossier.c src/review/view_evidence.c \
	src/review/view_findings.c src/review/view_help.c \
	src/review/view_plan.c

check_PROGRAMS += tests/unit/test_review
TESTS += tests/unit/test_review
tests_unit_test_review_SOURCES = tests/unit/test_review.c tests/lib/cutest.h
tests_unit_test_review_CPPFLAGS = $(PA_TEST_CPPFLAGS)
tests_unit_test_review_LDADD = $(PA_TEST_LDADD)
TESTS += tests/tui/review.sh tests/tui/review-plan.sh
