/*
 * fuzz_idcard.c — libFuzzer target for idcard_parse and the key functions.
 *
 * Accepted: the record is clear, the key is in range and valid, the printed
 * form is the canonical text of the input and parses back to the same key.
 * Rejected: a usable problem record.  Also: the first 8 bytes as a key, which
 * idcard_key_valid must judge consistently with format and parse.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_invariants.h"
#include "idcard_parse.h"

static void
check_canonical(const char *input, size_t len, const char formatted[IDCARD_LENGTH + 1])
{
	fuzz_trim(&input, &len);
	if (len == IDCARD_LENGTH)
		REQUIRE(fuzz_equal_ignoring_case(input, formatted, IDCARD_LENGTH), "format differs from input");
	else
	{
		/* a first-generation number gains the century 19 and a check */
		REQUIRE(len == IDCARD_LEGACY_LENGTH, "accepted a wrong length");
		REQUIRE(memcmp(formatted, input, 6) == 0, "address changed by the upgrade");
		REQUIRE(formatted[6] == '1' && formatted[7] == '9', "upgrade without 19");
		REQUIRE(memcmp(formatted + 8, input + 6, 9) == 0, "date or sequence changed by the upgrade");
	}
}

static void
check_key(idcard_key key)
{
	char		formatted[IDCARD_LENGTH + 1];
	idcard_key	reparsed = 0;
	identifier_problem problem;

	idcard_format(key, formatted);
	REQUIRE(strlen(formatted) == IDCARD_LENGTH, "format length");
	if (idcard_key_valid(key))
	{
		REQUIRE(idcard_parse(formatted, IDCARD_LENGTH, &reparsed, &problem), "valid key does not reparse");
		REQUIRE(reparsed == key, "valid key reparses to another key");
	}
	else if (key <= IDCARD_KEY_MAX)
		REQUIRE(!idcard_parse(formatted, IDCARD_LENGTH, &reparsed, &problem), "invalid key's text parses");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_exact_copy(data, size);
	identifier_problem problem;
	idcard_key	key = 0,
				again = 0;
	bool		accepted;

	memset(&problem, 'A', sizeof(problem));
	accepted = idcard_parse(input, size, &key, &problem);
	REQUIRE(idcard_parse(input, size, &again, NULL) == accepted, "result depends on the problem record");

	if (accepted)
	{
		char		formatted[IDCARD_LENGTH + 1];
		idcard_key	reparsed = 0;

		require_clear_problem(&problem);
		REQUIRE(again == key, "key depends on the problem record");
		REQUIRE(key <= IDCARD_KEY_MAX, "key above seventeen nines");
		REQUIRE(idcard_key_valid(key), "parsed key is not valid");
		idcard_format(key, formatted);
		check_canonical(input, size, formatted);
		REQUIRE(idcard_parse(formatted, IDCARD_LENGTH, &reparsed, &problem), "formatted text does not parse");
		REQUIRE(reparsed == key, "formatted text parses to another key");
	}
	else
		require_usable_problem(&problem, input, size);

	if (size >= sizeof(idcard_key))
	{
		idcard_key	raw;

		memcpy(&raw, data, sizeof(raw));
		check_key(raw);
		check_key(raw % (IDCARD_KEY_MAX + 1));
	}
	free(input);
	return 0;
}
