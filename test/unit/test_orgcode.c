/*
 * test_orgcode.c — GB 11714-1997 organisation codes (src/orgcode_parse.c).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "generate.h"
#include "orgcode_parse.h"
#include "problem_checks.h"
#include "reference_checks.h"
#include "unit.h"

#define CORPUS_SIZE 3000
#define MUTATED_SIZE 3000
#define EVERY_BYTE_SIZE 100

/* 36^8: one more than the largest body */
#define BODY_LIMIT UINT64_C(2821109907456)

static identifier_problem problem;

static bool
parse(const char *text, size_t len, uint64_t *key)
{
	return orgcode_parse(text, len, key, &problem);
}

/* The eight body characters as a base-36 number. */
static uint64_t
expected_key(const char *body)
{
	uint64_t	key = 0;

	for (int i = 0; i < 8; i++)
		key = key * 36 + (uint64_t) reference_index(REFERENCE_ALPHANUMERIC, body[i]);
	return key;
}

static void
check_valid(const char *input, const char *canonical)
{
	uint64_t	key = 0;
	char		formatted[ORGCODE_TEXT_LENGTH + 1];

	if (!CHECK_ACCEPTED(parse(input, strlen(input), &key), problem, input, strlen(input)))
		return;
	orgcode_format(key, formatted);
	CHECK_STRING(formatted, canonical, input);
	CHECK_INTEGER(key, expected_key(canonical), input);
	CHECK(orgcode_key_valid(key), input);
}

static void
test_public_vectors(void)
{
	uint64_t	key;

	check_valid("D2143569-X", "D2143569-X");
	check_valid("D2143569X", "D2143569-X");
	check_valid("d2143569-x", "D2143569-X");
	check_valid(" D2143569-X\t", "D2143569-X");
	check_valid("12345678-8", "12345678-8");
	check_valid("123456788", "12345678-8");

	CHECK_REJECTED(parse("D2143569-Y", 10, &key), problem, IDENTIFIER_BAD_CHARACTER, "D2143569-Y", 10);

	/* the published bug takes S mod 11 itself as the check: 1 here instead of X */
	CHECK_REJECTED(parse("D2143569-1", 10, &key), problem, IDENTIFIER_BAD_CHECK, "D2143569-1", 10);
	CHECK_DETAIL(problem, "The check character should be X, not 1.", "D2143569-1");
	CHECK_REJECTED(parse("12345678-3", 10, &key), problem, IDENTIFIER_BAD_CHECK, "12345678-3", 10);
	CHECK_DETAIL(problem, "The check character should be 8, not 3.", "12345678-3");

	/* C = 11 is written 0: 00000000 sums to 0 */
	check_valid("00000000-0", "00000000-0");
}

static int
compare_keys(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *) a;
	uint64_t	y = *(const uint64_t *) b;

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
	static char texts[CORPUS_SIZE][11];
	static uint64_t keys[CORPUS_SIZE];
	prng		generator = prng_seeded(0x11714);
	int			parsed = 0;

	for (int i = 0; i < CORPUS_SIZE; i++)
	{
		char	   *text = texts[i];
		char		plain[10];
		char		lower[11];
		uint64_t	again;

		generate_orgcode(&generator, text);
		check_valid(text, text);
		if (!parse(text, 10, &keys[parsed]))
			continue;

		/* without the hyphen, and in lower case, it is the same code */
		memcpy(plain, text, 8);
		plain[8] = text[9];
		plain[9] = '\0';
		CHECK(parse(plain, 9, &again) && again == keys[parsed], plain);
		for (int k = 0; k < 11; k++)
			lower[k] = (char) tolower((unsigned char) text[k]);
		CHECK(parse(lower, 10, &again) && again == keys[parsed], lower);
		parsed++;
	}

	CHECK_INTEGER(parsed, CORPUS_SIZE, NULL);
	qsort(keys, (size_t) parsed, sizeof(keys[0]), compare_keys);
	qsort(texts, CORPUS_SIZE, sizeof(texts[0]), compare_texts);
	for (int i = 0; i < parsed; i++)
	{
		char		formatted[ORGCODE_TEXT_LENGTH + 1];

		orgcode_format(keys[i], formatted);
		CHECK_STRING(formatted, texts[i], texts[i]);
	}
}

static int
value_of(char c)
{
	return reference_index(REFERENCE_ALPHANUMERIC, c);
}

/*
 * What mod 11 guarantees, and no more.  The weights 3 7 9 10 5 8 4 2 are
 * non-zero mod 11 and so are the differences of neighbouring weights, but the
 * body values run to 35, so:
 *   - replacing body value a by b is caught exactly when (a - b) mod 11 != 0
 *     (1 by C, 0 by B, A by L ... go unnoticed, and must be accepted);
 *   - swapping neighbouring body values a, b is caught exactly when
 *     (a - b) mod 11 != 0;
 *   - every change of the check character itself is caught.
 * The parser must agree with the reference both ways.
 */
static void
test_mutations_mod_11_guarantees(void)
{
	prng		generator = prng_seeded(0x1111);
	long		undetectable = 0;

	for (int n = 0; n < MUTATED_SIZE; n++)
	{
		char		text[11];
		uint64_t	key;

		generate_orgcode(&generator, text);
		for (int position = 0; position < 8; position++)
			for (const char *c = REFERENCE_ALPHANUMERIC; *c; c++)
			{
				char		mutated[11];
				int			difference = value_of(*c) - value_of(text[position]);

				if (difference == 0)
					continue;
				memcpy(mutated, text, sizeof(mutated));
				mutated[position] = *c;
				if (difference % 11 != 0)
				{
					char		expected[64];

					CHECK_REJECTED(parse(mutated, 10, &key), problem, IDENTIFIER_BAD_CHECK, mutated, 10);
					snprintf(expected, sizeof(expected), "The check character should be %c, not %c.",
							 reference_orgcode_check(mutated), text[9]);
					CHECK_DETAIL(problem, expected, mutated);
				}
				else
				{
					undetectable++;
					CHECK_ACCEPTED(parse(mutated, 10, &key), problem, mutated, 10);
					CHECK_INTEGER(key, expected_key(mutated), mutated);
				}
			}
		for (const char *c = "0123456789X"; *c; c++)
		{
			char		mutated[11];

			if (*c == text[9])
				continue;
			memcpy(mutated, text, sizeof(mutated));
			mutated[9] = *c;
			CHECK_REJECTED(parse(mutated, 10, &key), problem, IDENTIFIER_BAD_CHECK, mutated, 10);
		}
		for (int position = 0; position + 1 < 8; position++)
		{
			char		swapped[11];
			int			difference = value_of(text[position]) - value_of(text[position + 1]);

			if (difference == 0)
				continue;
			memcpy(swapped, text, sizeof(swapped));
			swapped[position] = text[position + 1];
			swapped[position + 1] = text[position];
			if (difference % 11 != 0)
				CHECK_REJECTED(parse(swapped, 10, &key), problem, IDENTIFIER_BAD_CHECK, swapped, 10);
			else
				CHECK_ACCEPTED(parse(swapped, 10, &key), problem, swapped, 10);
		}
	}
	/* the exceptions exist: the test above did see both kinds */
	CHECK(undetectable > 0, NULL);
}

static void
test_every_byte_at_every_position(void)
{
	prng		generator = prng_seeded(0xB17E);

	for (int n = 0; n < EVERY_BYTE_SIZE; n++)
	{
		char		text[11];
		uint64_t	key;

		generate_orgcode(&generator, text);
		for (int position = 0; position < 10; position++)
			for (int byte = 0; byte < 256; byte++)
			{
				char		mutated[11];
				int			upper_byte = toupper(byte);
				bool		accepted;

				memcpy(mutated, text, sizeof(mutated));
				mutated[position] = (char) byte;
				accepted = parse(mutated, 10, &key);
				if (position == 8)
					CHECK_BYTES(accepted == (byte == '-'), mutated, 10);
				else if (position == 9)
					CHECK_BYTES(accepted == (upper_byte == text[9]), mutated, 10);
				else if (value_of((char) upper_byte) < 0 || byte >= 0x80)
					CHECK_BYTES(!accepted, mutated, 10);
				else
				{
					mutated[position] = (char) upper_byte;
					CHECK_BYTES(accepted == reference_orgcode_consistent(mutated, mutated[9]), mutated, 10);
				}
				if (!accepted)
					CHECK_REJECTED(accepted, problem, ANY_REJECTION, mutated, 10);
			}
	}
}

static void
test_malformed_input(void)
{
	const char *long_text = "D2143569-XD2143569-XD2143569-XD2143569-X";
	uint64_t	key;

	for (size_t len = 0; len <= 40; len++)
	{
		if (len == 9 || len == 10)
			continue;
		CHECK_REJECTED(parse(long_text, len, &key), problem, IDENTIFIER_BAD_LENGTH, long_text, len);
		CHECK_DETAIL(problem, length_detail(len), long_text);
	}
	/* ten characters need the hyphen as the ninth */
	CHECK_REJECTED(parse("D2143569 X", 10, &key), problem, IDENTIFIER_BAD_CHARACTER, "D2143569 X", 10);
	CHECK(strstr(problem.detail, "hyphen") != NULL, "D2143569 X");
	CHECK_REJECTED(parse("D214356-9X", 10, &key), problem, IDENTIFIER_BAD_CHARACTER, "D214356-9X", 10);
	CHECK_REJECTED(parse("D2143569--X", 11, &key), problem, IDENTIFIER_BAD_LENGTH, "D2143569--X", 11);
	CHECK_REJECTED(parse("D2143569-", 9, &key), problem, IDENTIFIER_BAD_CHARACTER, "D2143569-", 9);
	CHECK_REJECTED(parse("", 0, &key), problem, IDENTIFIER_BAD_LENGTH, "", 0);
	CHECK_REJECTED(parse("  \n ", 4, &key), problem, IDENTIFIER_BAD_LENGTH, "  \n ", 4);

	/* a full-width letter is one character (three bytes), named as typed */
	CHECK_REJECTED(parse("\xEF\xBC\xA4" "2143569-X", 12, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "\xEF\xBC\xA4" "2143569-X", 12);
	CHECK(strstr(problem.detail, "U+FF24") != NULL, "\xEF\xBC\xA4" "2143569-X");
	CHECK_REJECTED(parse("\xEF\xBC\xA4" "43569-X", 10, &key), problem, IDENTIFIER_BAD_LENGTH,
				   "\xEF\xBC\xA4" "43569-X", 10);
	CHECK_DETAIL(problem, length_detail(8), "\xEF\xBC\xA4" "43569-X");
	CHECK_REJECTED(parse("D2143569-\xEF\xBC\xB8", 12, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "D2143569-\xEF\xBC\xB8", 12);

	/* NUL bytes */
	CHECK_REJECTED(parse("D2143569-\0", 10, &key), problem, IDENTIFIER_BAD_CHARACTER, "D2143569-\0", 10);
	CHECK_REJECTED(parse("D21\0" "3569-X", 10, &key), problem, IDENTIFIER_BAD_CHARACTER,
				   "D21\0" "3569-X", 10);
	CHECK_REJECTED(parse("D2143569-X\0", 11, &key), problem, IDENTIFIER_BAD_LENGTH, "D2143569-X\0", 11);
}

static void
test_keys(void)
{
	char		formatted[ORGCODE_TEXT_LENGTH + 1];
	uint64_t	key;

	CHECK(!orgcode_key_valid(BODY_LIMIT), NULL);
	CHECK(!orgcode_key_valid(UINT64_MAX), NULL);
	CHECK(orgcode_key_valid(BODY_LIMIT - 1), NULL);
	CHECK(orgcode_key_valid(0), NULL);

	/* the extremes format and parse back */
	orgcode_format(BODY_LIMIT - 1, formatted);
	CHECK(strncmp(formatted, "ZZZZZZZZ-", 9) == 0, formatted);
	CHECK(parse(formatted, 10, &key) && key == BODY_LIMIT - 1, formatted);
	orgcode_format(0, formatted);
	CHECK_STRING(formatted, "00000000-0", formatted);
}

int
main(void)
{
	test_public_vectors();
	test_generated_corpus();
	test_mutations_mod_11_guarantees();
	test_every_byte_at_every_position();
	test_malformed_input();
	test_keys();
	return unit_finish();
}
