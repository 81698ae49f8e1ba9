/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared CUnit runner: one suite table per test binary. */
#ifndef PA_TESTS_CUTEST_H
#define PA_TESTS_CUTEST_H

#ifdef PA_NO_CUNIT
#error "the unit tests need CUnit: install libcunit1-dev (scripts/deps-debian.sh) and rerun configure"
#endif

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <stdlib.h>

/*
 * PA_TEST_MAIN(suites): run every suite, return non-zero on any failure.
 * The failure count is read before CU_cleanup_registry() (which resets it).
 */
#define PA_TEST_MAIN(suites)						\
	int								\
	main(void)							\
	{								\
		unsigned int failed;					\
									\
		setenv("TZ", "UTC", 1);					\
		if (CU_initialize_registry() != CUE_SUCCESS)		\
			return 2;					\
		if (CU_register_suites(suites) != CUE_SUCCESS) {	\
			CU_cleanup_registry();				\
			return 2;					\
		}							\
		CU_basic_set_mode(CU_BRM_VERBOSE);			\
		CU_basic_run_tests();					\
		failed = CU_get_number_of_failures() +			\
		    CU_get_number_of_tests_failed();			\
		if (CU_get_number_of_suites_failed() > 0)		\
			failed++;					\
		CU_cleanup_registry();					\
		return failed ? 1 : 0;					\
	}

#endif
