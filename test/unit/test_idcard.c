/*
 * test_idcard.c — GB 11643-1999 citizen identity numbers (src/idcard_parse.c).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_characters.h"
#include "generate.h"
#include "idcard_parse.h"
#include "problem_checks.h"
#include "reference_checks.h"
#include "unit.h"

#define CORPUS_SIZE 3000
#define MUTATED_SIZE 2000
#define EVERY_BYTE_SIZE 60

/* One problem record for all parses: a parse must clear what the last one left. */
static identifier_problem problem;

static bool
parse(const char *text, size_t len, idcard_key *key)
{
	return idcard_parse(text, len, key, &problem);
}

/* The first 17 digits of an 18-character number, as the key should be. */
static idcard_key
expected_key(const char *text18)
{
	idcard_key	key = 0;

	for (int i = 0; i < 17; i++)
		key = key * 10 + (idcard_key) (text18[i] - '0');
	return key;
}

/* The number written by count decimal digits. */
static long
decimal_value(const char *digits, int count)
{
	long		value = 0;

	for (int i = 0; i < count; i++)
		value = value * 10 + (digits[i] - '0');
	return value;
}

/* Who holds a number, from its first two digits. */
static const char *
expected_holder_kind(const char *text)
{
	switch (decimal_value(text, 2))
	{
		case 81:
			return "hong_kong_resident";
		case 82:
			return "macau_resident";
		case 71:
		case 83:
			return "taiwan_resident";
		default:
			return text[0] == '9' ? "foreign_permanent_resident" : "resident";
	}
}

/* Accepted, prints as canonical, and its key is the 17 digits of canonical. */
static void
check_valid(const char *input, const char *canonical)
{
	idcard_key	key = 0;
	char		formatted[IDCARD_LENGTH + 1];

	if (!CHECK_ACCEPTED(parse(input, strlen(input), &key), problem, input, strlen(input)))
		return;
	idcard_format(key, formatted);
	CHECK_STRING(formatted, canonical, input);
	CHECK_INTEGER(key, expected_key(canonical), input);
	CHECK(idcard_key_valid(key), input);
}

/* 17 digits and the check the reference computes. */
static void
complete(const char *first17, char out[19])
{
	memcpy(out, first17, 17);
	out[17] = reference_idcard_check(first17);
	out[18] = '\0';
}

static void
test_public_vectors(void)
{
	static const char *const valid[] = {
		"11010519491231002X", "440524188001010014", "110101199003078670", "440308199901101512",
		"810000199408230021", "830000200209060065", "932682198501010017"
	};
	idcard_key	key_15,
				key_18;
	char		text[19];

	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		check_valid(valid[i], valid[i]);

	/* lower-case x is accepted, stored and printed as X */
	check_valid("44011320141005001x", "44011320141005001X");

	/* the standard's own example was born in 1880 */
	if (parse("440524188001010014", 18, &key_18))
	{
		int			year,
					month,
					day;

		idcard_birth_date(key_18, &year, &month, &day);
		CHECK(year == 1880 && month == 1 && day == 1, "440524188001010014");
		CHECK_INTEGER(idcard_region(key_18), 440524, "440524188001010014");
		CHECK(idcard_is_male(key_18), "440524188001010014");
	}

	/* first-generation numbers are upgraded and equal their 18-digit form */
	check_valid("610104620927690", "610104196209276908");
	check_valid("150102880730303", "150102198807303035");
	CHECK(parse("610104620927690", 15, &key_15) && parse("610104196209276908", 18, &key_18) &&
		  key_15 == key_18, "610104620927690");

	/* Macau residents' permits (820000) and the Taiwan province code 71, built here */
	complete("82000019900101002", text);
	check_valid(text, text);
	complete("71000019900101002", text);
	check_valid(text, text);

	/* who holds them */
	{
		static const char *const holders[][2] = {
			{"810000199408230021", "hong_kong_resident"},
			{"830000200209060065", "taiwan_resident"},
			{"932682198501010017", "foreign_permanent_resident"},
			{"440308199901101512", "resident"},
		};

		for (size_t i = 0; i < sizeof(holders) / sizeof(holders[0]); i++)
			if (CHECK(parse(holders[i][0], 18, &key_18), holders[i][0]))
				CHECK_STRING(idcard_holder_kind(key_18), holders[i][1], holders[i][0]);
	}

	/* foreign permanent residence: 9, province 32, nationality 682 */
	CHECK(parse("932682198501010017", 18, &key_18) && idcard_is_foreign_permanent_resident(key_18),
		  "932682198501010017");
	CHECK(parse("440308199901101512", 18, &key_18) && !idcard_is_foreign_permanent_resident(key_18),
		  "440308199901101512");
	CHECK(parse("11010519491231002X", 18, &key_18) && !idcard_is_male(key_18), "11010519491231002X");

	/* check should be 2 */
	CHECK_REJECTED(parse("440308199901101513", 18, &key_18), problem, IDENTIFIER_BAD_CHECK,
				   "440308199901101513", 18);
	CHECK_DETAIL(problem, "The check character should be 2, not 3.", "440308199901101513");

	/* province 99, although the check is right */
	CHECK_INTEGER(reference_idcard_check("99042619911201007"), '4', "990426199112010074");
	CHECK_REJECTED(parse("990426199112010074", 18, &key_18), problem, IDENTIFIER_BAD_REGION,
				   "990426199112010074", 18);
	CHECK(strstr(problem.detail, "99") != NULL, "990426199112010074");

	/* wrong check (it should be a digit, not X) */
	complete("36042619910102009", text);
	CHECK(text[17] != 'X', "36042619910102009X");
	CHECK_REJECTED(parse("36042619910102009X", 18, &key_18), problem, IDENTIFIER_BAD_CHECK,
				   "36042619910102009X", 18);
	{
		char		expected[64];

		snprintf(expected, sizeof(expected), "The check character should be %c, not X.", text[17]);
		CHECK_DETAIL(problem, expected, "36042619910102009X");
	}

	/* month 13 */
	CHECK_REJECTED(parse("360426199113010079", 18, &key_18), problem, IDENTIFIER_BAD_DATE,
				   "360426199113010079", 18);
	CHECK(strstr(problem.detail, "month 13") != NULL, "360426199113010079");
}

/* Birth date YYYYMMDD under address 110101, sequence 001, with the right check. */
static void
date_number(const char *yyyymmdd, char out[19])
{
	char		first17[40];

	snprintf(first17, sizeof(first17), "110101%.8s001", yyyymmdd);
	complete(first17, out);
}

static void
check_date(const char *yyyymmdd, bool exists, const char *detail_part)
{
	char		text[19];
	idcard_key	key;

	date_number(yyyymmdd, text);
	if (exists)
	{
		check_valid(text, text);
		return;
	}
	CHECK_REJECTED(parse(text, 18, &key), problem, IDENTIFIER_BAD_DATE, text, 18);
	if (detail_part != NULL)
		CHECK(strstr(problem.detail, detail_part) != NULL, text);
}

static void
test_birth_dates(void)
{
	idcard_key	key;

	check_date("20000229", true, NULL);
	check_date("20040229", true, NULL);
	check_date("19000229", false, "1900 is not a leap year");
	check_date("21000229", false, "2100 is not a leap year");
	check_date("20010229", false, "2001 is not a leap year");
	check_date("16000229", true, NULL);
	check_date("18800101", true, NULL);
	check_date("19000228", true, NULL);
	check_date("20000230", false, NULL);
	check_date("19990431", false, NULL);
	check_date("19990430", true, NULL);
	check_date("19991231", true, NULL);
	check_date("19991232", false, NULL);
	check_date("19990001", false, "month 00");
	check_date("19991301", false, "month 13");
	check_date("19990100", false, "day 00");
	check_date("00000101", false, NULL);

	/* a first-generation number's year is 19YY: 00-02-29 is 1900, not a leap year */
	CHECK_REJECTED(parse("110101000229001", 15, &key), problem, IDENTIFIER_BAD_DATE,
				   "110101000229001", 15);
	CHECK_ACCEPTED(parse("110101960229001", 15, &key), problem, "110101960229001", 15);

	/* every month 00-13 and day 00-32 of 1800-2100 against the reference calendar */
	for (int year = 1800; year <= 2100; year++)
		for (int month = 0; month <= 13; month++)
			for (int day = 0; day <= 32; day++)
			{
				char		date[40];
				char		text[19];
				bool		exists = month >= 1 && month <= 12 && day >= 1 &&
					day <= reference_days_in_month(year, month);

				snprintf(date, sizeof(date), "%04d%02d%02d", year, month, day);
				date_number(date, text);
				if (exists)
					CHECK_ACCEPTED(parse(text, 18, &key), problem, text, 18);
				else
					CHECK_REJECTED(parse(text, 18, &key), problem, IDENTIFIER_BAD_DATE, text, 18);
				CHECK(calendar_date_exists(year, month, day) == exists, text);
			}
}

static void
test_provinces(void)
{
	/* two-digit prefixes: mainland, 71, 81-83; 9 starts a foreign permanent-residence number */
	for (int prefix = 0; prefix <= 99; prefix++)
	{
		char		first17[40];
		char		text[19];
		idcard_key	key;

		if (prefix / 10 == 9)
			continue;
		snprintf(first17, sizeof(first17), "%02d0426199001010%02d", prefix, prefix % 100);
		complete(first17, text);
		if (reference_is_identity_province(prefix))
			CHECK_ACCEPTED(parse(text, 18, &key), problem, text, 18);
		else
			CHECK_REJECTED(parse(text, 18, &key), problem, IDENTIFIER_BAD_REGION, text, 18);
	}
	/* first-generation numbers: mainland provinces only */
	for (int prefix = 0; prefix <= 99; prefix++)
	{
		char		text[40];
		idcard_key	key;

		snprintf(text, sizeof(text), "%02d0426900101%03d", prefix, prefix);
		if (reference_is_mainland_province(prefix))
			CHECK_ACCEPTED(parse(text, 15, &key), problem, text, 15);
		else
			CHECK_REJECTED(parse(text, 15, &key), problem, IDENTIFIER_BAD_REGION, text, 15);
	}

	/* 9 + province of acceptance: only mainland provinces accept */
	for (int province = 0; province <= 99; province++)
	{
		char		first17[40];
		char		text[19];
		idcard_key	key;

		snprintf(first17, sizeof(first17), "9%02d156199001010%02d", province, province % 100);
		complete(first17, text);
		if (reference_is_mainland_province(province))
			CHECK_ACCEPTED(parse(text, 18, &key), problem, text, 18);
		else
			CHECK_REJECTED(parse(text, 18, &key), problem, IDENTIFIER_BAD_REGION, text, 18);
	}
}

static int
compare_keys(const void *a, const void *b)
{
	idcard_key	x = *(const idcard_key *) a;
	idcard_key	y = *(const idcard_key *) b;

	return (x > y) - (x < y);
}

static int
compare_texts(const void *a, const void *b)
{
	return strcmp((const char *) a, (const char *) b);
}

static void
test_generated_corpus(void)
{
	static char texts[CORPUS_SIZE][19];
	static idcard_key keys[CORPUS_SIZE];
	prng		generator = prng_seeded(0x11643);
	int			parsed = 0;

	for (int i = 0; i < CORPUS_SIZE; i++)
	{
		char	   *text = texts[i];
		char		padded[32];
		char		lower[19];
		idcard_key	key = 0,
					again = 0;
		int			year,
					month,
					day;

		generate_idcard(&generator, text);
		check_valid(text, text);
		if (!parse(text, 18, &key))
			continue;
		keys[parsed++] = key;

		/* parts of the key are the fields of the text */
		idcard_birth_date(key, &year, &month, &day);
		CHECK_INTEGER(idcard_region(key), decimal_value(text, 6), text);
		CHECK_INTEGER(year * 10000 + month * 100 + day, decimal_value(text + 6, 8), text);
		CHECK(idcard_is_male(key) == ((text[16] - '0') % 2 == 1), text);
		CHECK(idcard_is_foreign_permanent_resident(key) == (text[0] == '9'), text);
		CHECK_STRING(idcard_holder_kind(key), expected_holder_kind(text), text);

		/* white space around is ignored */
		snprintf(padded, sizeof(padded), " \t%s\r\n ", text);
		CHECK(parse(padded, strlen(padded), &again) && again == key, padded);

		/* lower-case x */
		memcpy(lower, text, sizeof(lower));
		if (lower[17] == 'X')
		{
			lower[17] = 'x';
			CHECK(parse(lower, 18, &again) && again == key, lower);
		}

		/*
		 * The first-generation form of a 20th-century number is the same
		 * person.  Those numbers were issued on the mainland only: with a 71,
		 * 81-83 or 9 prefix the 15-digit form is no number at all.
		 */
		if (text[6] == '1' && text[7] == '9')
		{
			char		legacy[16];

			memcpy(legacy, text, 6);
			memcpy(legacy + 6, text + 8, 9);
			legacy[15] = '\0';
			if (reference_is_mainland_province(decimal_value(text, 2)))
				CHECK(parse(legacy, 15, &again) && again == key, legacy);
			else
				CHECK_REJECTED(parse(legacy, 15, &again), problem, IDENTIFIER_BAD_REGION, legacy, 15);
		}
	}

	/* key order is the order of the texts */
	qsort(keys, (size_t) parsed, sizeof(keys[0]), compare_keys);
	qsort(texts, CORPUS_SIZE, sizeof(texts[0]), compare_texts);
	CHECK_INTEGER(parsed, CORPUS_SIZE, NULL);
	for (int i = 0; i < parsed; i++)
	{
		char		formatted[IDCARD_LENGTH + 1];

		idcard_format(keys[i], formatted);
		CHECK_STRING(formatted, texts[i], texts[i]);
	}
}

/*
 * MOD 11-2 catches every single substitution and every adjacent transposition:
 * the weights are non-zero mod 11 and neighbouring weights differ mod 11
 * (each is twice the next, the check weighing 1).  So every such mutation of a
 * valid number must be rejected, whichever rule notices first.
 */
static void
test_every_mutation_is_rejected(void)
{
	prng		generator = prng_seeded(0x1102);

	for (int n = 0; n < MUTATED_SIZE; n++)
	{
		char		text[19];
		idcard_key	key;

		generate_idcard(&generator, text);
		for (int position = 0; position < 18; position++)
			for (const char *c = "0123456789X"; *c; c++)
			{
				char		mutated[19];

				if (*c == text[position])
					continue;
				memcpy(mutated, text, sizeof(mutated));
				mutated[position] = *c;
				CHECK_REJECTED(parse(mutated, 18, &key), problem, ANY_REJECTION, mutated, 18);

				/* a changed sequence digit leaves only the check to notice */
				if (position >= 14 && position <= 16 && *c != 'X')
				{
					char		expected[64];

					snprintf(expected, sizeof(expected), "The check character should be %c, not %c.",
							 reference_idcard_check(mutated), text[17]);
					CHECK_INTEGER(problem.status, IDENTIFIER_BAD_CHECK, mutated);
					CHECK_DETAIL(problem, expected, mutated);
				}
			}
		for (int position = 0; position + 1 < 18; position++)
		{
			char		swapped[19];

			if (text[position] == text[position + 1])
				continue;
			memcpy(swapped, text, sizeof(swapped));
			swapped[position] = text[position + 1];
			swapped[position + 1] = text[position];
			CHECK_REJECTED(parse(swapped, 18, &key), problem, ANY_REJECTION, swapped, 18);
		}
	}
}

/* Any byte at any position: only the original (or x for X) is accepted. */
static void
test_every_byte_at_every_position(void)
{
	prng		generator = prng_seeded(0xB17E);

	for (int n = 0; n < EVERY_BYTE_SIZE; n++)
	{
		char		text[19];
		idcard_key	key;

		generate_idcard(&generator, text);
		for (int position = 0; position < 18; position++)
			for (int byte = 0; byte < 256; byte++)
			{
				char		mutated[19];
				bool		same = byte == (unsigned char) text[position] ||
					(position == 17 && text[17] == 'X' && byte == 'x');

				memcpy(mutated, text, sizeof(mutated));
				mutated[position] = (char) byte;
				if (same)
					CHECK_ACCEPTED(parse(mutated, 18, &key), problem, mutated, 18);
				else
					CHECK_REJECTED(parse(mutated, 18, &key), problem, ANY_REJECTION, mutated, 18);
			}
	}
}

static void
test_malformed_input(void)
{
	const char *digits40 = "1101051949123100291101051949123100291234";
	const char *full_width_number =
		"\xEF\xBC\x91\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x95"
		"\xEF\xBC\x91\xEF\xBC\x99\xEF\xBC\x94\xEF\xBC\x99\xEF\xBC\x91\xEF\xBC\x92"
		"\xEF\xBC\x93\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\xB8";
	idcard_key	key;

	/* every length but 15 and 18 */
	for (size_t len = 0; len <= 40; len++)
	{
		if (len == 15 || len == 18)
			continue;
		CHECK_REJECTED(parse(digits40, len, &key), problem, IDENTIFIER_BAD_LENGTH, digits40, len);
		CHECK_DETAIL(problem, length_detail(len), digits40);
	}
	CHECK_REJECTED(parse("", 0, &key), problem, IDENTIFIER_BAD_LENGTH, "", 0);
	CHECK_REJECTED(parse(" \t\r\n", 4, &key), problem, IDENTIFIER_BAD_LENGTH, " \t\r\n", 4);
	CHECK_REJECTED(parse(" 11010519491231002X", 18, &key), problem, IDENTIFIER_BAD_LENGTH,
				   " 11010519491231002X", 18);

	/* X only in the last place, and not at all in a first-generation number */
	CHECK_REJECTED(parse("1101051949123100X2", 18, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "1101051949123100X2", 18);
	CHECK_REJECTED(parse("61010462092769X", 15, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "61010462092769X", 15);
	CHECK_REJECTED(parse("11010519491231002Y", 18, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "11010519491231002Y", 18);
	CHECK_REJECTED(parse("110105 949123 002X", 18, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "110105 949123 002X", 18);

	/*
	 * Full-width digits (as a Chinese input method types them) are one
	 * character each: the length is counted in characters, and the digit is
	 * then named as typed.
	 */
	CHECK_REJECTED(parse("\xEF\xBC\x91" "1010519491231002X", 20, &key), problem,
				   IDENTIFIER_BAD_CHARACTER, "\xEF\xBC\x91" "1010519491231002X", 20);
	CHECK(strstr(problem.detail, "U+FF11") != NULL, "\xEF\xBC\x91" "1010519491231002X");
	CHECK_REJECTED(parse("\xEF\xBC\x91" "105194912310029", 18, &key), problem,
				   IDENTIFIER_BAD_LENGTH, "\xEF\xBC\x91" "105194912310029", 18);
	CHECK_DETAIL(problem, length_detail(16), "\xEF\xBC\x91" "105194912310029");
	CHECK_REJECTED(parse("1101051949123100\xEF\xBC\x98", 19, &key), problem,
				   IDENTIFIER_BAD_LENGTH, "1101051949123100\xEF\xBC\x98", 19);
	CHECK_REJECTED(parse(full_width_number, strlen(full_width_number), &key), problem,
				   IDENTIFIER_BAD_CHARACTER, full_width_number, strlen(full_width_number));
	CHECK(strstr(problem.hint, "full-width") != NULL, full_width_number);

	/* embedded NUL bytes count as characters */
	CHECK_REJECTED(parse("11010519491231002\0", 18, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "11010519491231002\0", 18);
	CHECK_REJECTED(parse("110105\00019491231002X", 19, &key), problem, IDENTIFIER_BAD_LENGTH,
				   "110105\00019491231002X", 19);
	CHECK_REJECTED(parse("11010519491231002X\0", 19, &key), problem, IDENTIFIER_BAD_LENGTH,
				   "11010519491231002X\0", 19);
	CHECK_REJECTED(parse("1101051\0" "491231002X", 18, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "1101051\0" "491231002X", 18);

	/* only the given length is read: a valid number cut short is a wrong length */
	CHECK_REJECTED(parse("11010519491231002X", 17, &key), problem, IDENTIFIER_BAD_LENGTH,
				   "11010519491231002X", 17);
}

static void
test_keys(void)
{
	idcard_key	key;
	char		masked[IDCARD_LENGTH + 1];

	CHECK(!idcard_key_valid(IDCARD_KEY_MAX + 1), NULL);
	CHECK(!idcard_key_valid(UINT64_MAX), NULL);
	CHECK(!idcard_key_valid(IDCARD_KEY_MAX), "99999999999999999");
	CHECK(!idcard_key_valid(0), "00000000000000000");
	/* province 11, 1990-02-30 */
	CHECK(!idcard_key_valid(UINT64_C(11010119900230001)), "11010119900230001");
	CHECK(idcard_key_valid(UINT64_C(11010119900228001)), "11010119900228001");
	/* a key above seventeen nines whose low digits look like a valid number */
	CHECK(!idcard_key_valid(UINT64_C(100000000000000000) + UINT64_C(11010119900228001)), NULL);

	if (parse("440308199901101512", 18, &key))
	{
		idcard_mask(key, masked);
		CHECK_STRING(masked, "4403**********1512", "440308199901101512");
	}
}

int
main(void)
{
	test_public_vectors();
	test_birth_dates();
	test_provinces();
	test_generated_corpus();
	test_every_mutation_is_rejected();
	test_every_byte_at_every_position();
	test_malformed_input();
	test_keys();
	return unit_finish();
}
