/*
 * test_identifier_problem.c — the problem record every parser fills
 * (src/identifier_problem.c).
 */
#include <string.h>

#include "identifier_problem.h"
#include "unit.h"

static void
test_clear_and_set(void)
{
	identifier_problem problem;
	char		long_text[1000];

	memset(&problem, 'A', sizeof(problem));
	problem_clear(&problem);
	CHECK(problem.status == IDENTIFIER_OK && problem.detail[0] == '\0' && problem.hint[0] == '\0', NULL);

	CHECK(!problem_set(&problem, IDENTIFIER_BAD_CHECK, "Look again.", "Should be %c, not %c.", '2', '3'), NULL);
	CHECK_INTEGER(problem.status, IDENTIFIER_BAD_CHECK, NULL);
	CHECK_STRING(problem.detail, "Should be 2, not 3.", NULL);
	CHECK_STRING(problem.hint, "Look again.", NULL);

	CHECK(!problem_set(&problem, IDENTIFIER_BAD_LENGTH, NULL, "The value has %zu characters.", (size_t) 7), NULL);
	CHECK_STRING(problem.hint, "", NULL);

	/* a caller that wants only the verdict passes no record */
	CHECK(!problem_set(NULL, IDENTIFIER_BAD_PART, "hint", "detail."), NULL);
	problem_clear(NULL);

	/* an over-long detail or hint is cut, and stays a C string */
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	problem_set(&problem, IDENTIFIER_BAD_PART, long_text, "%s", long_text);
	CHECK_INTEGER(strlen(problem.detail), IDENTIFIER_MESSAGE_SIZE - 1, NULL);
	CHECK_INTEGER(strlen(problem.hint), IDENTIFIER_MESSAGE_SIZE - 1, NULL);

	/* a hint holding % is copied, not interpreted */
	problem_set(&problem, IDENTIFIER_BAD_PART, "100% sure %s", "d.");
	CHECK_STRING(problem.hint, "100% sure %s", NULL);
}

int
main(void)
{
	test_clear_and_set();
	return unit_finish();
}
