/*
 * uscc_parse.c — GB 32100-2015 unified social credit codes.
 *
 * Early pilot codes: a few codes issued before the standard settled fail the
 * mod-31 check although their embedded organisation code is right.  The type
 * rejects them, so that a uscc value always satisfies the standard; the
 * message says when the embedded organisation code is valid, and records of
 * such codes are linked through yiwang.orgcode instead.
 */
#include "uscc_parse.h"

#include <string.h>

#include "check_characters.h"
#include "identifier_text.h"
#include "orgcode_parse.h"

/* 31^17 < 2^85: shifting by 128 - 85 puts the key at the left end */
#define USCC_KEY_SHIFT 43

/* Why text that is not 18 characters of the alphabet was rejected (failures only). */
static bool
describe_bad_characters(const char *text, size_t len, identifier_problem *problem)
{
	size_t		characters = character_count(text, len);

	if (characters != USCC_LENGTH)
		return problem_set(problem, IDENTIFIER_BAD_LENGTH,
						   length_hint(text, len, "A unified social credit code has 18 characters."),
						   "The value has %zu %s.", characters, CHARACTERS(characters));
	if (!require_printable_ascii(text, len, problem))
		return false;
	for (int i = 0; i < USCC_LENGTH; i++)
	{
		char		c = ascii_upper(text[i]);
		int			value = uscc_character_value(c);

		if (value < 0)
			return problem_set(problem, IDENTIFIER_BAD_CHARACTER,
							   (c == 'I' || c == 'O' || c == 'S' || c == 'V' || c == 'Z')
							   ? "The code's alphabet has no I, O, S, V or Z; I and O are often typed for 1 and 0."
							   : "The code uses the digits and the capitals except I, O, S, V and Z.",
							   "Character %d is \"%c\", which is not in the alphabet of GB 32100.",
							   i + 1, text[i]);
		if (i >= 2 && i <= 7 && value > 9)
			return problem_set(problem, IDENTIFIER_BAD_PART,
							   "Characters 3 to 8 are the administrative division code of the registering authority (GB/T 2260).",
							   "Character %d is \"%c\", but characters 3 to 8 must be digits.",
							   i + 1, text[i]);
	}
	return problem_set(problem, IDENTIFIER_BAD_CHARACTER, NULL,
					   "The value is not 18 characters of the GB 32100 alphabet.");
}

bool
uscc_parse(const char *text, size_t len, uint8_t key[KEY128_SIZE], identifier_problem *problem)
{
	uint8_t		values[USCC_LENGTH];
	char		chars[USCC_LENGTH + 1];
	key128_number number = 0;
	int			check;

	problem_clear(problem);
	trim_white_space(&text, &len);
	if (len != USCC_LENGTH)
		return describe_bad_characters(text, len, problem);

	for (int i = 0; i < USCC_LENGTH; i++)
	{
		char		c = ascii_upper(text[i]);
		int			value = uscc_character_value(c);

		if (value < 0 || (i >= 2 && i <= 7 && value > 9))
			return describe_bad_characters(text, len, problem);
		values[i] = (uint8_t) value;
		chars[i] = c;
	}
	chars[USCC_LENGTH] = '\0';

	check = uscc_check(values);
	if (values[17] != check)
	{
		char		orgcode_text[10];
		uint64_t	orgcode;

		memcpy(orgcode_text, chars + 8, 9);
		if (orgcode_parse(orgcode_text, 9, &orgcode, NULL))
			return problem_set(problem, IDENTIFIER_BAD_CHECK,
							   "Its organisation code (characters 9 to 17) is valid: if this is one of the early pilot codes that fail the mod-31 check, link the record by yiwang.orgcode(substr(code, 9, 9)) instead.",
							   "The check character should be %c, not %c.",
							   USCC_ALPHABET[check], chars[17]);
		return problem_set(problem, IDENTIFIER_BAD_CHECK,
						   "A character is probably mistyped or two neighbouring characters swapped; compare the code with the business licence.",
						   "The check character should be %c, not %c.",
						   USCC_ALPHABET[check], chars[17]);
	}

	for (int i = 0; i < 17; i++)
		number = number * 31 + values[i];
	key128_store(number << USCC_KEY_SHIFT, key);
	return true;
}

static void
key_values(const uint8_t key[KEY128_SIZE], uint8_t values[17])
{
	key128_number number = key128_load(key) >> USCC_KEY_SHIFT;

	for (int i = 16; i >= 0; i--)
	{
		values[i] = (uint8_t) (number % 31);
		number /= 31;
	}
}

bool
uscc_key_valid(const uint8_t key[KEY128_SIZE])
{
	char		text[USCC_LENGTH + 1];
	uint8_t		reparsed[KEY128_SIZE];
	key128_number number = key128_load(key);
	key128_number limit = 1;

	for (int i = 0; i < 17; i++)
		limit *= 31;
	if ((number & ((((key128_number) 1) << USCC_KEY_SHIFT) - 1)) != 0 ||
		(number >> USCC_KEY_SHIFT) >= limit)
		return false;
	uscc_format(key, text);
	return uscc_parse(text, USCC_LENGTH, reparsed, NULL) &&
		memcmp(reparsed, key, KEY128_SIZE) == 0;
}

void
uscc_format(const uint8_t key[KEY128_SIZE], char out[USCC_LENGTH + 1])
{
	uint8_t		values[17];

	key_values(key, values);
	for (int i = 0; i < 17; i++)
		out[i] = USCC_ALPHABET[values[i]];
	out[17] = USCC_ALPHABET[uscc_check(values)];
	out[18] = '\0';
}

bool
uscc_embedded_orgcode(const uint8_t key[KEY128_SIZE], uint64_t *orgcode_key)
{
	char		text[USCC_LENGTH + 1];

	uscc_format(key, text);
	return orgcode_parse(text + 8, 9, orgcode_key, NULL);
}
