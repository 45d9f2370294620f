/*
 * fuzz_orgcode.c — libFuzzer target for orgcode_parse and the key functions.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_invariants.h"
#include "orgcode_parse.h"

static void
check_key(uint64_t key)
{
	char		formatted[ORGCODE_TEXT_LENGTH + 1];
	uint64_t	reparsed = 0;
	identifier_problem problem;

	if (!orgcode_key_valid(key))
		return;
	orgcode_format(key, formatted);
	REQUIRE(strlen(formatted) == ORGCODE_TEXT_LENGTH && formatted[8] == '-', "format shape");
	REQUIRE(orgcode_parse(formatted, ORGCODE_TEXT_LENGTH, &reparsed, &problem), "valid key does not reparse");
	REQUIRE(reparsed == key, "valid key reparses to another key");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_exact_copy(data, size);
	identifier_problem problem;
	uint64_t	key = 0,
				again = 0;
	bool		accepted;

	memset(&problem, 'A', sizeof(problem));
	accepted = orgcode_parse(input, size, &key, &problem);
	REQUIRE(orgcode_parse(input, size, &again, NULL) == accepted, "result depends on the problem record");

	if (accepted)
	{
		char		formatted[ORGCODE_TEXT_LENGTH + 1];
		const char *trimmed = input;
		size_t		trimmed_len = size;

		require_clear_problem(&problem);
		REQUIRE(again == key, "key depends on the problem record");
		REQUIRE(orgcode_key_valid(key), "parsed key is not valid");
		orgcode_format(key, formatted);
		fuzz_trim(&trimmed, &trimmed_len);
		/* the input is XXXXXXXX-C or XXXXXXXXC */
		REQUIRE(fuzz_equal_ignoring_case(trimmed, formatted, 8), "body differs from input");
		REQUIRE(fuzz_upper(trimmed[trimmed_len - 1]) == formatted[9], "check differs from input");
		REQUIRE(trimmed_len == 9 || (trimmed_len == 10 && trimmed[8] == '-'), "accepted a wrong shape");
		check_key(key);
	}
	else
		require_usable_problem(&problem, input, size);

	if (size >= sizeof(uint64_t))
	{
		uint64_t	raw;

		memcpy(&raw, data, sizeof(raw));
		check_key(raw);
		check_key(raw % UINT64_C(2821109907456));
	}
	free(input);
	return 0;
}
