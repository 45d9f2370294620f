/*
 * fuzz_estate_unit.c — libFuzzer target for estate_unit_parse and the key
 * functions.
 */
#include <stdint.h>
#include <string.h>

#include "estate_unit_parse.h"
#include "fuzz_invariants.h"
#include "key128.h"

static void
check_key(const uint8_t key[KEY128_SIZE])
{
	char		formatted[ESTATE_UNIT_LENGTH + 1];
	uint8_t		reparsed[KEY128_SIZE];
	identifier_problem problem;
	bool		parses;

	estate_unit_format(key, formatted);
	REQUIRE(strlen(formatted) == ESTATE_UNIT_LENGTH, "format length");
	parses = estate_unit_parse(formatted, ESTATE_UNIT_LENGTH, reparsed, &problem);
	/* valid exactly when the printed form parses back to this very key */
	REQUIRE(estate_unit_key_valid(key) == (parses && memcmp(reparsed, key, KEY128_SIZE) == 0),
			"key validity disagrees with format and parse");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_exact_copy(data, size);
	identifier_problem problem;
	uint8_t		key[KEY128_SIZE];
	uint8_t		again[KEY128_SIZE];
	bool		accepted;

	memset(&problem, 'A', sizeof(problem));
	accepted = estate_unit_parse(input, size, key, &problem);
	REQUIRE(estate_unit_parse(input, size, again, NULL) == accepted, "result depends on the problem record");

	if (accepted)
	{
		char		formatted[ESTATE_UNIT_LENGTH + 1];
		uint8_t		reparsed[KEY128_SIZE];
		const char *trimmed = input;
		size_t		trimmed_len = size;

		require_clear_problem(&problem);
		REQUIRE(memcmp(again, key, KEY128_SIZE) == 0, "key depends on the problem record");
		REQUIRE(estate_unit_key_valid(key), "parsed key is not valid");
		estate_unit_format(key, formatted);
		fuzz_trim(&trimmed, &trimmed_len);
		REQUIRE(trimmed_len == ESTATE_UNIT_LENGTH &&
				fuzz_equal_ignoring_case(trimmed, formatted, ESTATE_UNIT_LENGTH), "format differs from input");
		REQUIRE(formatted[19] != 'W' || memcmp(formatted + 20, "00000000", 8) == 0, "W with a number");
		REQUIRE(estate_unit_parse(formatted, ESTATE_UNIT_LENGTH, reparsed, &problem) &&
				memcmp(reparsed, key, KEY128_SIZE) == 0, "formatted text parses to another key");
	}
	else
		require_usable_problem(&problem, input, size);

	if (size >= KEY128_SIZE)
		check_key(data);
	free(input);
	return 0;
}
