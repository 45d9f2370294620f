/*
 * test_uscc.c — GB 32100-2015 unified social credit codes (src/uscc_parse.c).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "generate.h"
#include "key128.h"
#include "orgcode_parse.h"
#include "problem_checks.h"
#include "reference_checks.h"
#include "unit.h"
#include "uscc_parse.h"

#define CORPUS_SIZE 3000
#define MUTATED_SIZE 2000
#define EVERY_BYTE_SIZE 60

static identifier_problem problem;

static bool
parse(const char *text, size_t len, uint8_t key[KEY128_SIZE])
{
	return uscc_parse(text, len, key, &problem);
}

static void
check_valid(const char *input, const char *canonical)
{
	uint8_t		key[KEY128_SIZE];
	uint8_t		again[KEY128_SIZE];
	char		formatted[USCC_LENGTH + 1];

	if (!CHECK_ACCEPTED(parse(input, strlen(input), key), problem, input, strlen(input)))
		return;
	uscc_format(key, formatted);
	CHECK_STRING(formatted, canonical, input);
	CHECK(parse(canonical, USCC_LENGTH, again) && memcmp(again, key, KEY128_SIZE) == 0, input);
	CHECK(uscc_key_valid(key), input);
}

static void
lower_case(const char *text, char *out)
{
	size_t		i;

	for (i = 0; text[i]; i++)
		out[i] = (char) tolower((unsigned char) text[i]);
	out[i] = '\0';
}

static void
test_public_vectors(void)
{
	static const char *const valid[] = {
		"91350100M000100Y43", "91110000600037341L", "914403001922038216", "11100000000013338W"
	};
	uint8_t		key[KEY128_SIZE];

	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
	{
		char		lower[USCC_LENGTH + 1];
		char		padded[32];

		check_valid(valid[i], valid[i]);
		lower_case(valid[i], lower);
		check_valid(lower, valid[i]);
		snprintf(padded, sizeof(padded), "\t %s \n", valid[i]);
		check_valid(padded, valid[i]);
	}

	CHECK_REJECTED(parse("91110000600037341N", 18, key), problem, IDENTIFIER_BAD_CHECK,
				   "91110000600037341N", 18);
	CHECK_DETAIL(problem, "The check character should be L, not N.", "91110000600037341N");

	/* I, O, Z, S, V are not in the alphabet; the first, I, is character 14 */
	CHECK_REJECTED(parse("9111000060003IOZSV", 18, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "9111000060003IOZSV", 18);
	CHECK(strstr(problem.detail, "14") != NULL && strstr(problem.detail, "\"I\"") != NULL,
		  "9111000060003IOZSV");
	CHECK_REJECTED(parse("9111000060003ioZSV", 18, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "9111000060003ioZSV", 18);
	for (const char *c = "IOSVZiosvz"; *c; c++)
	{
		char		text[19] = "91110000600037341L";

		text[12] = *c;
		CHECK_REJECTED(parse(text, 18, key), problem, IDENTIFIER_BAD_CHARACTER, text, 18);
	}
}

/* Characters 3-8 are a division code: digits only, even where the check fits. */
static void
test_division_digits(void)
{
	uint8_t		key[KEY128_SIZE];

	for (int position = 2; position < 8; position++)
		for (const char *c = "ABCDEFGHJKLMNPQRTUWXY"; *c; c++)
		{
			char		text[19] = "91110000600037341L";

			text[position] = *c;
			text[17] = reference_uscc_check(text);
			CHECK_REJECTED(parse(text, 18, key), problem, IDENTIFIER_BAD_PART, text, 18);
		}
}

static int
compare_keys(const void *a, const void *b)
{
	return memcmp(a, b, KEY128_SIZE);
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
	static uint8_t keys[CORPUS_SIZE][KEY128_SIZE];
	prng		generator = prng_seeded(0x32100);
	int			parsed = 0;

	for (int i = 0; i < CORPUS_SIZE; i++)
	{
		char	   *text = texts[i];
		char		lower[USCC_LENGTH + 1];
		uint8_t		again[KEY128_SIZE];
		uint64_t	orgcode_key = 0;
		bool		embedded_valid;

		generate_uscc(&generator, text);
		check_valid(text, text);
		if (!parse(text, 18, keys[parsed]))
			continue;

		lower_case(text, lower);
		CHECK(parse(lower, 18, again) && memcmp(again, keys[parsed], KEY128_SIZE) == 0, lower);

		/* characters 9-17 link to the organisation code when they are one */
		embedded_valid = reference_orgcode_consistent(text + 8, text[16]);
		CHECK(uscc_embedded_orgcode(keys[parsed], &orgcode_key) == embedded_valid, text);
		if (embedded_valid)
		{
			uint64_t	direct;

			CHECK(orgcode_parse(text + 8, 9, &direct, NULL) && direct == orgcode_key, text);
		}
		parsed++;
	}

	CHECK_INTEGER(parsed, CORPUS_SIZE, NULL);
	qsort(keys, (size_t) parsed, KEY128_SIZE, compare_keys);
	qsort(texts, CORPUS_SIZE, sizeof(texts[0]), compare_texts);
	for (int i = 0; i < parsed; i++)
	{
		char		formatted[USCC_LENGTH + 1];

		uscc_format(keys[i], formatted);
		CHECK_STRING(formatted, texts[i], texts[i]);
	}
}

/* -1, 0 or 1, the sign of a comparison result. */
static int
sign(int comparison)
{
	return (comparison > 0) - (comparison < 0);
}

/*
 * Key order is text order at every position, not only where random codes
 * happen to differ first: two codes sharing a prefix and differing at one
 * position by every pair of characters, with unrelated characters after it.
 */
static void
test_key_order_at_every_position(void)
{
	prng		generator = prng_seeded(0x0D3E);

	for (int n = 0; n < 30; n++)
	{
		char		base[19];

		generate_uscc(&generator, base);
		for (int position = 0; position < 17; position++)
		{
			const char *alphabet = position >= 2 && position < 8 ? REFERENCE_DIGITS : REFERENCE_USCC_ALPHABET;

			for (const char *a = alphabet; *a; a++)
				for (const char *b = a + 1; *b; b++)
				{
					char		first[19];
					char		second[19];
					uint8_t		first_key[KEY128_SIZE];
					uint8_t		second_key[KEY128_SIZE];

					generate_uscc(&generator, first);
					generate_uscc(&generator, second);
					memcpy(first, base, (size_t) position);
					memcpy(second, base, (size_t) position);
					first[position] = *a;
					second[position] = *b;
					first[17] = reference_uscc_check(first);
					second[17] = reference_uscc_check(second);
					if (CHECK(parse(first, 18, first_key) && parse(second, 18, second_key), first))
					{
						CHECK_INTEGER(sign(memcmp(first_key, second_key, KEY128_SIZE)),
									  sign(strcmp(first, second)), first);
						CHECK_INTEGER(sign(memcmp(second_key, first_key, KEY128_SIZE)),
									  sign(strcmp(second, first)), second);
					}
				}
		}
	}
}

/*
 * Mod 31 catches every single substitution within the alphabet and every
 * adjacent transposition, the check included: 31 is prime, the weights 3^i
 * are non-zero, and neighbours' weights differ (W(i+1) = 3 W(i); the check
 * weighs 1 against 28 for character 17).
 */
static void
test_every_mutation_is_rejected(void)
{
	prng		generator = prng_seeded(0x3131);

	for (int n = 0; n < MUTATED_SIZE; n++)
	{
		char		text[19];
		uint8_t		key[KEY128_SIZE];

		generate_uscc(&generator, text);
		for (int position = 0; position < 18; position++)
			for (const char *c = REFERENCE_USCC_ALPHABET; *c; c++)
			{
				char		mutated[19];
				char		expected[64];

				if (*c == text[position])
					continue;
				memcpy(mutated, text, sizeof(mutated));
				mutated[position] = *c;
				if (position >= 2 && position < 8 && !isdigit((unsigned char) *c))
				{
					CHECK_REJECTED(parse(mutated, 18, key), problem, IDENTIFIER_BAD_PART, mutated, 18);
					continue;
				}
				CHECK_REJECTED(parse(mutated, 18, key), problem, IDENTIFIER_BAD_CHECK, mutated, 18);
				snprintf(expected, sizeof(expected), "The check character should be %c, not %c.",
						 reference_uscc_check(mutated), mutated[17]);
				CHECK_DETAIL(problem, expected, mutated);
				/* the hint points early pilot codes to their organisation code */
				CHECK((strstr(problem.hint, "yiwang.orgcode") != NULL) ==
					  reference_orgcode_consistent(mutated + 8, mutated[16]), mutated);
			}
		for (int position = 0; position + 1 < 18; position++)
		{
			char		swapped[19];

			if (text[position] == text[position + 1])
				continue;
			memcpy(swapped, text, sizeof(swapped));
			swapped[position] = text[position + 1];
			swapped[position + 1] = text[position];
			CHECK_REJECTED(parse(swapped, 18, key), problem, ANY_REJECTION, swapped, 18);
		}
	}
}

static void
test_every_byte_at_every_position(void)
{
	prng		generator = prng_seeded(0xB17E);

	for (int n = 0; n < EVERY_BYTE_SIZE; n++)
	{
		char		text[19];
		uint8_t		key[KEY128_SIZE];

		generate_uscc(&generator, text);
		for (int position = 0; position < 18; position++)
			for (int byte = 0; byte < 256; byte++)
			{
				char		mutated[19];
				bool		same = byte == (unsigned char) text[position] ||
					(isupper((unsigned char) text[position]) && byte == tolower((unsigned char) text[position]));

				memcpy(mutated, text, sizeof(mutated));
				mutated[position] = (char) byte;
				if (same)
					CHECK_ACCEPTED(parse(mutated, 18, key), problem, mutated, 18);
				else
					CHECK_REJECTED(parse(mutated, 18, key), problem, ANY_REJECTION, mutated, 18);
			}
	}
}

static void
test_malformed_input(void)
{
	const char *long_text = "91350100M000100Y4391350100M000100Y43ABCD";
	uint8_t		key[KEY128_SIZE];

	for (size_t len = 0; len <= 40; len++)
	{
		if (len == 18)
			continue;
		CHECK_REJECTED(parse(long_text, len, key), problem, IDENTIFIER_BAD_LENGTH, long_text, len);
		CHECK_DETAIL(problem, length_detail(len), long_text);
	}
	CHECK_REJECTED(parse("", 0, key), problem, IDENTIFIER_BAD_LENGTH, "", 0);
	CHECK_REJECTED(parse("\v\f ", 3, key), problem, IDENTIFIER_BAD_LENGTH, "\v\f ", 3);

	/* a full-width character is one character: 18 of them and it is named, 16 and the length is wrong */
	CHECK_REJECTED(parse("\xEF\xBC\x99" "1350100M000100Y43", 20, key), problem,
				   IDENTIFIER_BAD_CHARACTER, "\xEF\xBC\x99" "1350100M000100Y43", 20);
	CHECK(strstr(problem.detail, "U+FF19") != NULL, "\xEF\xBC\x99" "1350100M000100Y43");
	CHECK_REJECTED(parse("\xEF\xBC\x99" "50100M000100Y43", 18, key), problem,
				   IDENTIFIER_BAD_LENGTH, "\xEF\xBC\x99" "50100M000100Y43", 18);
	CHECK_DETAIL(problem, length_detail(16), "\xEF\xBC\x99" "50100M000100Y43");

	/* NUL bytes are characters like any other */
	CHECK_REJECTED(parse("91350100M000100Y4\0", 18, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "91350100M000100Y4\0", 18);
	CHECK_REJECTED(parse("91350100M000100Y43\0", 19, key), problem, IDENTIFIER_BAD_LENGTH,
				   "91350100M000100Y43\0", 19);
	CHECK_REJECTED(parse("9135\0" "100M000100Y43", 18, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "9135\0" "100M000100Y43", 18);
	CHECK_REJECTED(parse("91350100M000100Y 43", 19, key), problem, IDENTIFIER_BAD_LENGTH,
				   "91350100M000100Y 43", 19);
	CHECK_REJECTED(parse("91350100M00 100Y43", 18, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "91350100M00 100Y43", 18);
}

/*
 * A key from outside is valid exactly when a parse could have produced it,
 * that is when its printed form parses back to the very same key.  Checked on
 * keys of parsed values, on each of their single-bit variants (out of range,
 * or bits a parse never sets), and on random keys; the layout of the key is
 * the parser's business.
 */
static void
check_key_validity(const uint8_t key[KEY128_SIZE])
{
	char		formatted[USCC_LENGTH + 1];
	uint8_t		reparsed[KEY128_SIZE];
	bool		round_trip;

	uscc_format(key, formatted);
	round_trip = uscc_parse(formatted, USCC_LENGTH, reparsed, NULL) &&
		memcmp(reparsed, key, KEY128_SIZE) == 0;
	CHECK(uscc_key_valid(key) == round_trip, formatted);
}

static void
test_keys(void)
{
	prng		generator = prng_seeded(0x4B45);
	uint8_t		key[KEY128_SIZE];

	memset(key, 0xFF, sizeof(key));
	CHECK(!uscc_key_valid(key), NULL);
	check_key_validity(key);

	for (int n = 0; n < 300; n++)
	{
		char		text[19];

		generate_uscc(&generator, text);
		if (!parse(text, USCC_LENGTH, key))
			continue;
		CHECK(uscc_key_valid(key), text);
		for (int bit = 0; bit < KEY128_SIZE * 8; bit++)
		{
			uint8_t		variant[KEY128_SIZE];

			memcpy(variant, key, KEY128_SIZE);
			variant[bit / 8] ^= (uint8_t) (1u << (bit % 8));
			check_key_validity(variant);
		}
	}

	for (int n = 0; n < 20000; n++)
	{
		for (int i = 0; i < KEY128_SIZE; i++)
			key[i] = (uint8_t) prng_below(&generator, 256);
		check_key_validity(key);
	}
}

int
main(void)
{
	test_public_vectors();
	test_division_digits();
	test_generated_corpus();
	test_key_order_at_every_position();
	test_every_mutation_is_rejected();
	test_every_byte_at_every_position();
	test_malformed_input();
	test_keys();
	return unit_finish();
}
