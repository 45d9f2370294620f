/*
 * estate_unit_parse.c — GB/T 37346-2019 real-estate unit codes.
 *
 * With no check character, structure is all there is to check: each position
 * has its alphabet, the county code names a mainland province, and a unit
 * with no fixture (W) has fixture number 00000000.
 */
#include "estate_unit_parse.h"

#include <string.h>

#include "identifier_text.h"
#include "regions.h"

#define DIGITS "0123456789"

/* The largest key, 10^25 * 3 * 12 * 4, is below 2^91: shift by 128 - 91. */
#define ESTATE_UNIT_KEY_SHIFT 37

/* The alphabet of each position, sorted so that key order is text order. */
static const char *const position_alphabet[ESTATE_UNIT_LENGTH] = {
	DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS,	/* county */
	DIGITS, DIGITS, DIGITS,		/* cadastral district */
	DIGITS, DIGITS, DIGITS,		/* cadastral subdistrict */
	"GJZ",						/* land ownership: state, collective, disputed */
	"ABCDEFGHSWXY",				/* kind of land right */
	DIGITS, DIGITS, DIGITS, DIGITS, DIGITS,	/* parcel number */
	"FLQW",						/* fixture: building, trees, other, none */
	DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS, DIGITS	/* fixture number */
};

/* What a position holds, for messages. */
static const char *
position_role(int position)
{
	if (position < 6)
		return "characters 1 to 6 (the county code) must be digits";
	if (position < 9)
		return "characters 7 to 9 (the cadastral district) must be digits";
	if (position < 12)
		return "characters 10 to 12 (the cadastral subdistrict) must be digits";
	if (position == 12)
		return "the parcel part starts with G (state-owned land), J (collective land) or Z (ownership disputed)";
	if (position == 13)
		return "the second letter of the parcel part is the land right: A, B, C, D, E, F, G, H, S, W, X or Y";
	if (position < 19)
		return "characters 15 to 19 (the parcel number) must be digits";
	if (position == 19)
		return "the fixture part starts with F (building), L (trees), Q (other) or W (no fixture)";
	return "characters 21 to 28 (the fixture number) must be digits";
}

/* Why text that is not 28 characters of the positions' alphabets was rejected. */
static bool
describe_bad_characters(const char *text, size_t len, identifier_problem *problem)
{
	size_t		characters = character_count(text, len);

	if (characters != ESTATE_UNIT_LENGTH)
		return problem_set(problem, IDENTIFIER_BAD_LENGTH,
						   length_hint(text, len, "A real-estate unit code has 28 characters: the 19-character parcel code and the 9-character fixture part."),
						   "The value has %zu %s.", characters, CHARACTERS(characters));
	if (!require_printable_ascii(text, len, problem))
		return false;
	for (int i = 0; i < ESTATE_UNIT_LENGTH; i++)
		if (strchr(position_alphabet[i], ascii_upper(text[i])) == NULL)
			return problem_set(problem, IDENTIFIER_BAD_CHARACTER, NULL,
							   "Character %d is \"%c\", but %s.", i + 1, text[i], position_role(i));
	return problem_set(problem, IDENTIFIER_BAD_CHARACTER, NULL,
					   "The value is not a real-estate unit code.");
}

bool
estate_unit_parse(const char *text, size_t len, uint8_t key[KEY128_SIZE],
				  identifier_problem *problem)
{
	char		chars[ESTATE_UNIT_LENGTH];
	key128_number number = 0;
	int			province;

	problem_clear(problem);
	trim_white_space(&text, &len);
	if (len != ESTATE_UNIT_LENGTH)
		return describe_bad_characters(text, len, problem);

	for (int i = 0; i < ESTATE_UNIT_LENGTH; i++)
	{
		char		c = ascii_upper(text[i]);
		/* a NUL would match strchr's terminator */
		const char *found = c ? strchr(position_alphabet[i], c) : NULL;

		if (found == NULL)
			return describe_bad_characters(text, len, problem);
		chars[i] = c;
		number = number * strlen(position_alphabet[i]) + (unsigned) (found - position_alphabet[i]);
	}

	province = (chars[0] - '0') * 10 + (chars[1] - '0');
	if (!mainland_province(province))
		return problem_set(problem, IDENTIFIER_BAD_REGION,
						   "The first two digits name the province: " MAINLAND_PROVINCES_TEXT ".",
						   "County code %.6s starts with %02d, which is not a province code of GB/T 2260.",
						   chars, province);

	if (chars[19] == 'W' && memcmp(chars + 20, "00000000", 8) != 0)
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "A unit with no fixture is written W00000000.",
						   "The fixture part is W (no fixture) but its number is %.8s, not 00000000.",
						   chars + 20);

	key128_store(number << ESTATE_UNIT_KEY_SHIFT, key);
	return true;
}

void
estate_unit_format(const uint8_t key[KEY128_SIZE], char out[ESTATE_UNIT_LENGTH + 1])
{
	key128_number number = key128_load(key) >> ESTATE_UNIT_KEY_SHIFT;

	for (int i = ESTATE_UNIT_LENGTH - 1; i >= 0; i--)
	{
		size_t		radix = strlen(position_alphabet[i]);

		out[i] = position_alphabet[i][number % radix];
		number /= radix;
	}
	out[ESTATE_UNIT_LENGTH] = '\0';
}

bool
estate_unit_key_valid(const uint8_t key[KEY128_SIZE])
{
	char		text[ESTATE_UNIT_LENGTH + 1];
	uint8_t		reparsed[KEY128_SIZE];

	estate_unit_format(key, text);
	return estate_unit_parse(text, ESTATE_UNIT_LENGTH, reparsed, NULL) &&
		memcmp(reparsed, key, KEY128_SIZE) == 0;
}
