/*
 * unit.h — a minimal assertion harness for the standalone parser tests.
 *
 * Every CHECK counts as one passed or failed check.  A failure prints the
 * file, line, the expression and the input (escaped, so that NUL bytes and
 * non-ASCII input stay visible).  Loops over generated corpora run millions of
 * checks, so only the first failures are printed; all are counted.
 *
 * Each test program ends with unit_finish(), which prints
 * "checks: N passed, N failed" as its last line (read by run-unit.sh) and
 * returns the exit status.
 */
#ifndef YIWANG_TEST_UNIT_H
#define YIWANG_TEST_UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#ifndef UNIT_FAILURES_SHOWN
#define UNIT_FAILURES_SHOWN 40
#endif

static long unit_passed;
static long unit_failed;

/* Print bytes as a C string literal body: printable ASCII as is, the rest as \xNN. */
static inline void
unit_print_escaped(FILE *out, const char *text, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			fputc(c, out);
		else
			fprintf(out, "\\x%02X", c);
	}
	fputc('"', out);
}

/* Bytes as printable ASCII, the rest as \xNN, cut to fit out (always NUL-terminated). */
static inline void
unit_escape(char *out, size_t out_size, const char *text, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len && n + 5 < out_size; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (c >= 0x20 && c < 0x7f)
			out[n++] = (char) c;
		else
			n += (size_t) snprintf(out + n, out_size - n, "\\x%02X", c);
	}
	out[n] = '\0';
}

/* Count one check; on failure print where, what and on which input. */
static inline bool
unit_check(bool ok, const char *file, int line, const char *expression,
		   const char *input, size_t input_len, const char *explanation)
{
	if (ok)
	{
		unit_passed++;
		return true;
	}
	unit_failed++;
	if (unit_failed <= UNIT_FAILURES_SHOWN)
	{
		fprintf(stdout, "FAIL %s:%d: %s\n", file, line, expression);
		if (input != NULL)
		{
			fputs("     input ", stdout);
			unit_print_escaped(stdout, input, input_len);
			fprintf(stdout, " (%zu bytes)\n", input_len);
		}
		if (explanation != NULL && explanation[0] != '\0')
			fprintf(stdout, "     %s\n", explanation);
	}
	else if (unit_failed == UNIT_FAILURES_SHOWN + 1)
		fputs("     (further failures are counted but not printed)\n", stdout);
	return false;
}

/* Compare two NUL-terminated strings; on failure say both. */
static inline bool
unit_check_string(const char *actual, const char *expected, const char *file, int line,
				  const char *expression, const char *input, size_t input_len)
{
	char		explanation[1024];
	bool		ok = actual != NULL && expected != NULL && strcmp(actual, expected) == 0;

	if (!ok)
		snprintf(explanation, sizeof(explanation), "got \"%s\", expected \"%s\"",
				 actual ? actual : "(null)", expected ? expected : "(null)");
	return unit_check(ok, file, line, expression, input, input_len, ok ? NULL : explanation);
}

/* Compare two integers; on failure say both. */
static inline bool
unit_check_integer(long long actual, long long expected, const char *file, int line,
				   const char *expression, const char *input, size_t input_len)
{
	char		explanation[128];
	bool		ok = actual == expected;

	if (!ok)
		snprintf(explanation, sizeof(explanation), "got %lld, expected %lld", actual, expected);
	return unit_check(ok, file, line, expression, input, input_len, ok ? NULL : explanation);
}

/* Length of a NUL-terminated input, 0 for none. */
static inline size_t
unit_input_length(const char *input)
{
	return input != NULL ? strlen(input) : 0;
}

#define UNIT_INPUT_LENGTH(input) unit_input_length(input)

/* CHECK(condition, input): input is a NUL-terminated text or NULL. */
#define CHECK(condition, input) \
	unit_check((condition), __FILE__, __LINE__, #condition, (input), UNIT_INPUT_LENGTH(input), NULL)

/* CHECK_BYTES(condition, input, len): input may hold NUL bytes. */
#define CHECK_BYTES(condition, input, len) \
	unit_check((condition), __FILE__, __LINE__, #condition, (input), (len), NULL)

#define CHECK_STRING(actual, expected, input) \
	unit_check_string((actual), (expected), __FILE__, __LINE__, \
					  #actual " == " #expected, (input), UNIT_INPUT_LENGTH(input))

#define CHECK_INTEGER(actual, expected, input) \
	unit_check_integer((long long) (actual), (long long) (expected), __FILE__, __LINE__, \
					   #actual " == " #expected, (input), UNIT_INPUT_LENGTH(input))

/* Print the summary line and return the exit status for main(). */
static inline int
unit_finish(void)
{
	printf("checks: %ld passed, %ld failed\n", unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}

#endif
