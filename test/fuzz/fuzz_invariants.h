/*
 * fuzz_invariants.h — what every fuzz target asserts about a parse, beyond
 * "it did not crash".  A broken invariant prints what broke and aborts, so
 * libFuzzer saves the input as a crash reproducer.
 */
#ifndef YIWANG_FUZZ_INVARIANTS_H
#define YIWANG_FUZZ_INVARIANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identifier_problem.h"
#include "utf8.h"

#define REQUIRE(condition, what) \
	do { \
		if (!(condition)) \
		{ \
			fprintf(stderr, "invariant broken at %s:%d: %s (%s)\n", __FILE__, __LINE__, what, #condition); \
			abort(); \
		} \
	} while (0)

/* ASCII white space as the parsers trim it. */
static inline bool
fuzz_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The input without surrounding white space. */
static inline void
fuzz_trim(const char **text, size_t *len)
{
	while (*len > 0 && fuzz_is_space((*text)[0]))
		(*text)++, (*len)--;
	while (*len > 0 && fuzz_is_space((*text)[*len - 1]))
		(*len)--;
}

static inline char
fuzz_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

/* Same text ignoring ASCII case. */
static inline bool
fuzz_equal_ignoring_case(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (fuzz_upper(a[i]) != fuzz_upper(b[i]))
			return false;
	return true;
}

/*
 * A rejection leaves a usable record: a status, and a detail that is a
 * NUL-terminated sentence ending with a period, free of control characters,
 * and valid UTF-8 when the input was.
 */
static inline void
require_usable_problem(const identifier_problem *problem, const char *input, size_t input_len)
{
	size_t		detail_len;

	REQUIRE(problem->status != IDENTIFIER_OK, "rejected with status OK");
	REQUIRE(memchr(problem->detail, '\0', sizeof(problem->detail)) != NULL, "detail not NUL-terminated");
	REQUIRE(memchr(problem->hint, '\0', sizeof(problem->hint)) != NULL, "hint not NUL-terminated");
	detail_len = strlen(problem->detail);
	REQUIRE(detail_len > 0, "empty detail");
	REQUIRE(problem->detail[detail_len - 1] == '.', "detail does not end with a period");
	REQUIRE(!utf8_valid(input, input_len) || utf8_valid(problem->detail, detail_len),
			"detail is not valid UTF-8 although the input is");
	for (size_t i = 0; i < detail_len; i++)
		REQUIRE((unsigned char) problem->detail[i] >= 0x20 && problem->detail[i] != 0x7F,
				"detail has a control character");
}

/* An acceptance leaves the record cleared. */
static inline void
require_clear_problem(const identifier_problem *problem)
{
	REQUIRE(problem->status == IDENTIFIER_OK, "accepted with a status");
	REQUIRE(problem->detail[0] == '\0', "accepted with a detail");
}

/* A heap copy of exactly len bytes, so that any read past the end is caught. */
static inline char *
fuzz_exact_copy(const void *data, size_t len)
{
	char	   *copy = malloc(len ? len : 1);

	REQUIRE(copy != NULL, "out of memory");
	if (len)
		memcpy(copy, data, len);
	return copy;
}

#endif
