/*
 * fuzz_uscc.c — libFuzzer target for uscc_parse, the key functions and the
 * embedded organisation code.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_invariants.h"
#include "key128.h"
#include "orgcode_parse.h"
#include "uscc_parse.h"

static void
check_key(const uint8_t key[KEY128_SIZE])
{
	char		formatted[USCC_LENGTH + 1];
	uint8_t		reparsed[KEY128_SIZE];
	identifier_problem problem;
	uint64_t	orgcode_key;

	if (!uscc_key_valid(key))
		return;
	uscc_format(key, formatted);
	REQUIRE(strlen(formatted) == USCC_LENGTH, "format length");
	REQUIRE(uscc_parse(formatted, USCC_LENGTH, reparsed, &problem), "valid key does not reparse");
	REQUIRE(memcmp(reparsed, key, KEY128_SIZE) == 0, "valid key reparses to another key");

	/* characters 9-17 link to an organisation code exactly when they are one */
	if (uscc_embedded_orgcode(key, &orgcode_key))
	{
		char		orgcode_text[ORGCODE_TEXT_LENGTH + 1];

		REQUIRE(orgcode_key_valid(orgcode_key), "embedded organisation code key out of range");
		orgcode_format(orgcode_key, orgcode_text);
		REQUIRE(memcmp(orgcode_text, formatted + 8, 8) == 0 && orgcode_text[9] == formatted[16],
				"embedded organisation code is not characters 9-17");
	}
	else
		REQUIRE(!orgcode_parse(formatted + 8, 9, &orgcode_key, NULL), "embedded organisation code missed");
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
	accepted = uscc_parse(input, size, key, &problem);
	REQUIRE(uscc_parse(input, size, again, NULL) == accepted, "result depends on the problem record");

	if (accepted)
	{
		char		formatted[USCC_LENGTH + 1];
		const char *trimmed = input;
		size_t		trimmed_len = size;

		require_clear_problem(&problem);
		REQUIRE(memcmp(again, key, KEY128_SIZE) == 0, "key depends on the problem record");
		REQUIRE(uscc_key_valid(key), "parsed key is not valid");
		uscc_format(key, formatted);
		fuzz_trim(&trimmed, &trimmed_len);
		REQUIRE(trimmed_len == USCC_LENGTH && fuzz_equal_ignoring_case(trimmed, formatted, USCC_LENGTH),
				"format differs from input");
		check_key(key);
	}
	else
		require_usable_problem(&problem, input, size);

	if (size >= KEY128_SIZE)
		check_key(data);
	free(input);
	return 0;
}
