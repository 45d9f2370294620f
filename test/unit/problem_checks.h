/*
 * problem_checks.h — checks on the outcome of one parse: accepted, or
 * rejected with the expected status and a usable problem record.
 *
 * An accepted value leaves the record cleared (status OK, empty detail).
 * A usable record: the status is not OK, the detail is a NUL-terminated,
 * non-empty sentence ending with a period, without control characters, and
 * valid UTF-8 whenever the input was (clients see the detail as text).
 */
#ifndef YIWANG_TEST_PROBLEM_CHECKS_H
#define YIWANG_TEST_PROBLEM_CHECKS_H

#include <stdio.h>
#include <string.h>

#include "identifier_problem.h"
#include "unit.h"
#include "utf8.h"

/* Pass as the expected status when any kind of rejection is right. */
#define ANY_REJECTION ((identifier_status) -1)

static inline const char *
status_name(identifier_status status)
{
	switch (status)
	{
		case IDENTIFIER_OK:
			return "OK";
		case IDENTIFIER_BAD_LENGTH:
			return "BAD_LENGTH";
		case IDENTIFIER_BAD_CHARACTER:
			return "BAD_CHARACTER";
		case IDENTIFIER_BAD_REGION:
			return "BAD_REGION";
		case IDENTIFIER_BAD_DATE:
			return "BAD_DATE";
		case IDENTIFIER_BAD_CHECK:
			return "BAD_CHECK";
		case IDENTIFIER_BAD_PART:
			return "BAD_PART";
	}
	return "(unknown status)";
}

/* Control characters would garble the client's display of the message. */
static inline bool
has_control_characters(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char) text[i] < 0x20 || text[i] == 0x7F)
			return true;
	return false;
}

/* Whether a problem record is usable, and if not, why. */
static inline bool
problem_record_usable(const identifier_problem *problem, const char *input, size_t input_len,
					  const char **why)
{
	size_t		detail_len;

	*why = NULL;
	if (problem->status == IDENTIFIER_OK)
		*why = "status is OK after a rejection";
	else if (memchr(problem->detail, '\0', sizeof(problem->detail)) == NULL)
		*why = "detail is not NUL-terminated";
	else if ((detail_len = strlen(problem->detail)) == 0)
		*why = "detail is empty";
	else if (problem->detail[detail_len - 1] != '.')
		*why = "detail does not end with a period";
	else if (memchr(problem->hint, '\0', sizeof(problem->hint)) == NULL)
		*why = "hint is not NUL-terminated";
	else if (utf8_valid(input, input_len) && !utf8_valid(problem->detail, detail_len))
		*why = "detail is not valid UTF-8 although the input is";
	else if (has_control_characters(problem->detail, detail_len))
		*why = "detail has control characters";
	return *why == NULL;
}

/* The detail, escaped for a failure message. */
static inline void
escaped_detail(char *out, size_t out_size, const identifier_problem *problem)
{
	unit_escape(out, out_size, problem->detail, strnlen(problem->detail, sizeof(problem->detail)));
}

static inline bool
check_rejected_at(bool accepted, const identifier_problem *problem,
				  identifier_status expected, const char *input, size_t input_len,
				  const char *file, int line)
{
	char		explanation[1400];
	char		shown[1200];
	const char *why = "";

	if (!unit_check(!accepted, file, line, "rejected", input, input_len, NULL))
		return false;
	if (expected != ANY_REJECTION && problem->status != expected)
	{
		escaped_detail(shown, sizeof(shown), problem);
		snprintf(explanation, sizeof(explanation), "status %s, expected %s; detail: \"%s\"",
				 status_name(problem->status), status_name(expected), shown);
		return unit_check(false, file, line, "rejection status", input, input_len, explanation);
	}
	if (!problem_record_usable(problem, input, input_len, &why))
	{
		escaped_detail(shown, sizeof(shown), problem);
		snprintf(explanation, sizeof(explanation), "%s; detail: \"%s\"", why, shown);
		return unit_check(false, file, line, "usable problem record", input, input_len, explanation);
	}
	return unit_check(true, file, line, "usable problem record", input, input_len, NULL);
}

static inline bool
check_accepted_at(bool accepted, const identifier_problem *problem,
				  const char *input, size_t input_len, const char *file, int line)
{
	char		explanation[1400];
	char		shown[1200];

	/* an accepted value leaves the record cleared */
	if (accepted && problem->status == IDENTIFIER_OK && problem->detail[0] == '\0')
		return unit_check(true, file, line, "accepted", input, input_len, NULL);
	escaped_detail(shown, sizeof(shown), problem);
	snprintf(explanation, sizeof(explanation), "returned %s, status %s; detail: \"%s\"",
			 accepted ? "true" : "false", status_name(problem->status), shown);
	return unit_check(false, file, line, "accepted", input, input_len, explanation);
}

/* CHECK_REJECTED(parse result, problem, expected status or ANY_REJECTION, input, len) */
#define CHECK_REJECTED(accepted, problem, expected, input, len) \
	check_rejected_at((accepted), &(problem), (expected), (input), (len), __FILE__, __LINE__)

#define CHECK_ACCEPTED(accepted, problem, input, len) \
	check_accepted_at((accepted), &(problem), (input), (len), __FILE__, __LINE__)

/* "The value has N characters." (or "1 character."), the parsers' length detail. */
static inline const char *
length_detail(size_t characters)
{
	static char sentence[64];

	snprintf(sentence, sizeof(sentence), "The value has %zu %s.", characters,
			 characters == 1 ? "character" : "characters");
	return sentence;
}

/* The detail of the last rejection equals the expected sentence. */
#define CHECK_DETAIL(problem, expected, input) \
	CHECK_STRING((problem).detail, (expected), (input))

#endif
