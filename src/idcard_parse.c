/*
 * idcard_parse.c — GB 11643-1999 citizen identity numbers.
 *
 * Order of checks, so that a message names the first thing a clerk should
 * look at: length, characters, province, birth date, check character.
 */
#include "idcard_parse.h"

#include <stdio.h>
#include <string.h>

#include "check_characters.h"
#include "identifier_text.h"
#include "regions.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

bool
leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return (month == 2 && leap_year(year)) ? 29 : days[month - 1];
}

bool
calendar_date_exists(int year, int month, int day)
{
	return year >= 1 && month >= 1 && month <= 12 &&
		day >= 1 && day <= days_in_month(year, month);
}

static int
digits_value(const uint8_t *digits, int count)
{
	int			value = 0;

	for (int i = 0; i < count; i++)
		value = value * 10 + digits[i];
	return value;
}

static bool
check_province(const uint8_t digits[17], bool first_generation, identifier_problem *problem)
{
	int			first_two = digits[0] * 10 + digits[1];

	if (first_generation)
	{
		/* first-generation numbers were issued on the mainland only */
		if (mainland_province(first_two))
			return true;
		return problem_set(problem, IDENTIFIER_BAD_REGION,
						   "A 15-digit first-generation number starts with a mainland province code: "
						   MAINLAND_PROVINCES_TEXT ".",
						   "Address code %06d starts with %02d, which is not a mainland province code of GB/T 2260.",
						   digits_value(digits, 6), first_two);
	}
	if (digits[0] == 9)
	{
		/* foreign permanent residence (2023): 9, province of acceptance, nationality */
		int			province = digits[1] * 10 + digits[2];

		if (mainland_province(province))
			return true;
		return problem_set(problem, IDENTIFIER_BAD_REGION,
						   "The first two digits name the province: " MAINLAND_PROVINCES_TEXT
						   ", 71, 81-83; a foreign permanent-residence number is 9 followed by the province that accepted it.",
						   "Address code %06d starts with %02d, which is not a province code of GB/T 2260; nor is it a foreign permanent-residence number, since %02d after the 9 is not a province code.",
						   digits_value(digits, 6), first_two, province);
	}
	if (identity_province(first_two))
		return true;
	return problem_set(problem, IDENTIFIER_BAD_REGION,
					   "The first two digits name the province: " MAINLAND_PROVINCES_TEXT
					   ", 71, 81-83, or 9 for a foreign permanent resident.",
					   "Address code %06d starts with %02d, which is not a province code of GB/T 2260.",
					   digits_value(digits, 6), first_two);
}

static bool
check_birth_date(int year, int month, int day, bool first_generation, identifier_problem *problem)
{
	const char *hint = first_generation
		? "Digits 7 to 12 are the birth date YYMMDD (in 19YY); compare them with the identity card."
		: "Digits 7 to 14 are the birth date YYYYMMDD; compare them with the identity card.";

	if (calendar_date_exists(year, month, day))
		return true;
	if (year == 0)
		return problem_set(problem, IDENTIFIER_BAD_DATE, hint,
						   "Birth date %04d%02d%02d is not a calendar date: there is no year 0000.",
						   year, month, day);
	if (month < 1 || month > 12)
		return problem_set(problem, IDENTIFIER_BAD_DATE, hint,
						   "Birth date %04d%02d%02d is not a calendar date: there is no month %02d.",
						   year, month, day, month);
	if (day < 1)
		return problem_set(problem, IDENTIFIER_BAD_DATE, hint,
						   "Birth date %04d%02d%02d is not a calendar date: there is no day 00.",
						   year, month, day);
	if (month == 2 && day == 29)
		return problem_set(problem, IDENTIFIER_BAD_DATE, hint,
						   "Birth date %04d%02d%02d is not a calendar date: %04d is not a leap year.",
						   year, month, day, year);
	return problem_set(problem, IDENTIFIER_BAD_DATE, hint,
					   "Birth date %04d%02d%02d is not a calendar date: %s %04d has %d days.",
					   year, month, day, month_names[month - 1], year,
					   days_in_month(year, month));
}

/*
 * Why text that is not 15 or 18 ASCII digits (the 18th may be X) was
 * rejected.  Only failures come here, so the common path reads each byte
 * once and pays nothing for counting characters.
 */
static bool
describe_bad_characters(const char *text, size_t len, identifier_problem *problem)
{
	size_t		characters = character_count(text, len);

	if (characters != IDCARD_LENGTH && characters != IDCARD_LEGACY_LENGTH)
		return problem_set(problem, IDENTIFIER_BAD_LENGTH,
						   length_hint(text, len, "An identity number has 18 characters, or 15 digits if it is a first-generation number."),
						   "The value has %zu %s.", characters, CHARACTERS(characters));
	if (!require_printable_ascii(text, len, problem))
		return false;
	for (size_t i = 0; i < len; i++)
	{
		char		c = text[i];
		bool		last = len == IDCARD_LENGTH && i == IDCARD_LENGTH - 1;

		if ((c >= '0' && c <= '9') || (last && (c == 'X' || c == 'x')))
			continue;
		if (last)
			return problem_set(problem, IDENTIFIER_BAD_CHARACTER, NULL,
							   "The last character is \"%c\"; it must be a digit or X.", c);
		return problem_set(problem, IDENTIFIER_BAD_CHARACTER,
						   (c == 'X' || c == 'x') && len == IDCARD_LENGTH
						   ? "Only the last character may be X." : NULL,
						   "Character %zu is \"%c\", not a digit.", i + 1, c);
	}
	return problem_set(problem, IDENTIFIER_BAD_CHARACTER, NULL,
					   "The value is not 15 or 18 digits.");
}

bool
idcard_parse(const char *text, size_t len, idcard_key *key, identifier_problem *problem)
{
	uint8_t		digits[17];
	int			year,
				month,
				day;
	int			check;
	bool		first_generation;
	idcard_key	value = 0;

	problem_clear(problem);
	trim_white_space(&text, &len);
	first_generation = len == IDCARD_LEGACY_LENGTH;
	if (len != IDCARD_LENGTH && !first_generation)
		return describe_bad_characters(text, len, problem);

	if (!first_generation)
	{
		char		last = text[17];

		for (int i = 0; i < 17; i++)
		{
			unsigned	digit = (unsigned) (text[i] - '0');

			if (digit > 9)
				return describe_bad_characters(text, len, problem);
			digits[i] = (uint8_t) digit;
			value = value * 10 + digit;
		}
		if (!((last >= '0' && last <= '9') || last == 'X' || last == 'x'))
			return describe_bad_characters(text, len, problem);
	}
	else
	{
		/* first generation: address, YYMMDD, sequence; the century is 19 */
		for (int i = 0; i < 15; i++)
		{
			unsigned	digit = (unsigned) (text[i] - '0');

			if (digit > 9)
				return describe_bad_characters(text, len, problem);
			digits[i < 6 ? i : i + 2] = (uint8_t) digit;
		}
		digits[6] = 1;
		digits[7] = 9;
		for (int i = 0; i < 17; i++)
			value = value * 10 + digits[i];
	}

	if (!check_province(digits, first_generation, problem))
		return false;

	year = digits_value(digits + 6, 4);
	month = digits_value(digits + 10, 2);
	day = digits_value(digits + 12, 2);
	if (!check_birth_date(year, month, day, first_generation, problem))
		return false;

	check = mod11_2_check(digits);
	if (!first_generation)
	{
		char		given = text[17] == 'x' ? 'X' : text[17];

		if (given != MOD11_2_CHARACTER(check))
			return problem_set(problem, IDENTIFIER_BAD_CHECK,
							   "A digit is probably mistyped or two neighbouring digits swapped; compare the number with the identity card.",
							   "The check character should be %c, not %c.",
							   MOD11_2_CHARACTER(check), given);
	}

	*key = value;
	return true;
}

static void
key_digits(idcard_key key, uint8_t digits[17])
{
	for (int i = 16; i >= 0; i--)
	{
		digits[i] = (uint8_t) (key % 10);
		key /= 10;
	}
}

bool
idcard_key_valid(idcard_key key)
{
	char		text[IDCARD_LENGTH + 1];
	idcard_key	reparsed;

	if (key > IDCARD_KEY_MAX)
		return false;
	idcard_format(key, text);
	return idcard_parse(text, IDCARD_LENGTH, &reparsed, NULL) && reparsed == key;
}

void
idcard_format(idcard_key key, char out[IDCARD_LENGTH + 1])
{
	uint8_t		digits[17];

	key_digits(key, digits);
	for (int i = 0; i < 17; i++)
		out[i] = (char) ('0' + digits[i]);
	out[17] = MOD11_2_CHARACTER(mod11_2_check(digits));
	out[18] = '\0';
}

void
idcard_mask(idcard_key key, char out[IDCARD_LENGTH + 1])
{
	idcard_format(key, out);
	/*
	 * Keep the prefecture (characters 1-4) and the last four, which citizens
	 * and clerks use to confirm a number (尾号); hide the county and the
	 * birth date.  The sex digit stays visible, as it is on the screens that
	 * show a masked number next to a name anyway.
	 */
	memset(out + 4, '*', 10);
}

uint32_t
idcard_region(idcard_key key)
{
	return (uint32_t) (key / UINT64_C(100000000000));
}

void
idcard_birth_date(idcard_key key, int *year, int *month, int *day)
{
	uint64_t	date = (key / 1000) % 100000000;

	*year = (int) (date / 10000);
	*month = (int) (date / 100 % 100);
	*day = (int) (date % 100);
}

bool
idcard_is_male(idcard_key key)
{
	return (key % 2) == 1;
}

bool
idcard_is_foreign_permanent_resident(idcard_key key)
{
	return key / UINT64_C(10000000000000000) == 9;
}

const char *
idcard_holder_kind(idcard_key key)
{
	switch (idcard_region(key) / 10000)
	{
		case 81:
			return "hong_kong_resident";
		case 82:
			return "macau_resident";
		case 71:
		case 83:
			return "taiwan_resident";
		default:
			return idcard_is_foreign_permanent_resident(key)
				? "foreign_permanent_resident" : "resident";
	}
}
