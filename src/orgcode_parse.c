/*
 * orgcode_parse.c — GB 11714-1997 organisation codes.
 *
 * The check is C = 11 - (S mod 11), printed X for 10 and 0 for 11; a widely
 * copied bug uses S mod 11 directly, which is why the public vectors matter.
 */
#include "orgcode_parse.h"

#include "check_characters.h"
#include "identifier_text.h"

/* 36^8: one more than the largest body */
#define ORGCODE_KEY_LIMIT UINT64_C(2821109907456)

/* Why text that is not 8 letters or digits, a hyphen or not, and a check was rejected. */
static bool
describe_bad_characters(const char *text, size_t len, identifier_problem *problem)
{
	size_t		characters = character_count(text, len);

	if (characters != 9 && characters != 10)
		return problem_set(problem, IDENTIFIER_BAD_LENGTH,
						   length_hint(text, len, "An organisation code is 8 characters and a check character, written XXXXXXXX-C or without the hyphen."),
						   "The value has %zu %s.", characters, CHARACTERS(characters));
	if (!require_printable_ascii(text, len, problem))
		return false;
	if (len == 10 && text[8] != '-')
		return problem_set(problem, IDENTIFIER_BAD_CHARACTER,
						   "An organisation code is 8 characters and a check character, written XXXXXXXX-C or without the hyphen.",
						   "The value has 10 characters but the ninth, \"%c\", is not a hyphen.", text[8]);
	for (int i = 0; i < 8; i++)
		if (alphanumeric_value(ascii_upper(text[i])) < 0)
			return problem_set(problem, IDENTIFIER_BAD_CHARACTER,
							   "The first eight characters are digits or letters.",
							   "Character %d is \"%c\", not a digit or letter.", i + 1, text[i]);
	return problem_set(problem, IDENTIFIER_BAD_CHARACTER, NULL,
					   "The check character is \"%c\"; it must be a digit or X.", text[len - 1]);
}

bool
orgcode_parse(const char *text, size_t len, uint64_t *key, identifier_problem *problem)
{
	uint8_t		values[8];
	uint64_t	number = 0;
	char		given;
	int			check;

	problem_clear(problem);
	trim_white_space(&text, &len);
	if (!(len == 9 || (len == 10 && text[8] == '-')))
		return describe_bad_characters(text, len, problem);

	for (int i = 0; i < 8; i++)
	{
		int			value = alphanumeric_value(ascii_upper(text[i]));

		if (value < 0)
			return describe_bad_characters(text, len, problem);
		values[i] = (uint8_t) value;
		number = number * 36 + (uint64_t) value;
	}

	given = ascii_upper(text[len - 1]);
	if (!((given >= '0' && given <= '9') || given == 'X'))
		return describe_bad_characters(text, len, problem);

	check = orgcode_check(values);
	if (given != ORGCODE_CHARACTER(check))
		return problem_set(problem, IDENTIFIER_BAD_CHECK,
						   "A character is probably mistyped; compare the code with the organisation code certificate.",
						   "The check character should be %c, not %c.",
						   ORGCODE_CHARACTER(check), given);
	*key = number;
	return true;
}

bool
orgcode_key_valid(uint64_t key)
{
	return key < ORGCODE_KEY_LIMIT;
}

void
orgcode_format(uint64_t key, char out[ORGCODE_TEXT_LENGTH + 1])
{
	uint8_t		values[8];

	for (int i = 7; i >= 0; i--)
	{
		values[i] = (uint8_t) (key % 36);
		key /= 36;
	}
	for (int i = 0; i < 8; i++)
		out[i] = ALPHANUMERIC_CHARACTER(values[i]);
	out[8] = '-';
	out[9] = ORGCODE_CHARACTER(orgcode_check(values));
	out[10] = '\0';
}
