/*
 * test_estate_unit.c — GB/T 37346-2019 real-estate unit codes
 * (src/estate_unit_parse.c).  There is no check character, so the tests hold
 * the structure to account instead: each position's alphabet, the province,
 * and W00000000 for a unit without a fixture.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estate_unit_parse.h"
#include "generate.h"
#include "key128.h"
#include "problem_checks.h"
#include "unit.h"

#define CORPUS_SIZE 3000
#define EVERY_BYTE_SIZE 150

static identifier_problem problem;

static bool
parse(const char *text, size_t len, uint8_t key[KEY128_SIZE])
{
	return estate_unit_parse(text, len, key, &problem);
}

/* The structural rules, written from the standard's layout. */
static bool
reference_estate_valid(const char *text28)
{
	for (int i = 0; i < 28; i++)
		if (reference_index(reference_estate_alphabet(i), text28[i]) < 0)
			return false;
	if (!reference_is_mainland_province((text28[0] - '0') * 10 + (text28[1] - '0')))
		return false;
	return text28[19] != 'W' || strncmp(text28 + 20, "00000000", 8) == 0;
}

static void
check_valid(const char *input, const char *canonical)
{
	uint8_t		key[KEY128_SIZE];
	uint8_t		again[KEY128_SIZE];
	char		formatted[ESTATE_UNIT_LENGTH + 1];

	if (!CHECK_ACCEPTED(parse(input, strlen(input), key), problem, input, strlen(input)))
		return;
	estate_unit_format(key, formatted);
	CHECK_STRING(formatted, canonical, input);
	CHECK(parse(canonical, ESTATE_UNIT_LENGTH, again) && memcmp(again, key, KEY128_SIZE) == 0, input);
	CHECK(estate_unit_key_valid(key), input);
}

static void
test_examples(void)
{
	uint8_t		key[KEY128_SIZE];

	/* the parcel prefix from the reference notes, with and without a building */
	check_valid("450103001001GB00001F00010001", "450103001001GB00001F00010001");
	check_valid("450103001001GB00001W00000000", "450103001001GB00001W00000000");
	check_valid("450103001001gb00001f00010001", "450103001001GB00001F00010001");
	check_valid("  450103001001GB00001L00000002\n", "450103001001GB00001L00000002");
	check_valid("110101001001JC00002Q00000000", "110101001001JC00002Q00000000");
	check_valid("650103999999ZY99999F99999999", "650103999999ZY99999F99999999");

	CHECK_REJECTED(parse("450103001001GB00001W00010001", 28, key), problem, IDENTIFIER_BAD_PART,
				   "450103001001GB00001W00010001", 28);
	CHECK_DETAIL(problem, "The fixture part is W (no fixture) but its number is 00010001, not 00000000.",
				 "450103001001GB00001W00010001");
	CHECK_REJECTED(parse("990103001001GB00001F00010001", 28, key), problem, IDENTIFIER_BAD_REGION,
				   "990103001001GB00001F00010001", 28);
	CHECK_REJECTED(parse("450103001001AB00001F00010001", 28, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "450103001001AB00001F00010001", 28);
	CHECK_REJECTED(parse("450103001001GI00001F00010001", 28, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "450103001001GI00001F00010001", 28);
	CHECK_REJECTED(parse("450103001001GB00001X00010001", 28, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "450103001001GB00001X00010001", 28);
	CHECK_REJECTED(parse("45010300100AGB00001F00010001", 28, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "45010300100AGB00001F00010001", 28);
}

static void
test_provinces(void)
{
	for (int province = 0; province <= 99; province++)
	{
		char		text[40];
		uint8_t		key[KEY128_SIZE];

		snprintf(text, sizeof(text), "%02d0103001001GB00001F00010001", province);
		if (reference_is_mainland_province(province))
			CHECK_ACCEPTED(parse(text, 28, key), problem, text, 28);
		else
			CHECK_REJECTED(parse(text, 28, key), problem, IDENTIFIER_BAD_REGION, text, 28);
	}
}

static void
test_no_fixture(void)
{
	prng		generator = prng_seeded(0x3734);

	for (int n = 0; n < 2000; n++)
	{
		char		text[29] = "450103001001GB00001W00000000";
		uint8_t		key[KEY128_SIZE];
		int			position = 20 + (int) prng_below(&generator, 8);

		text[position] = (char) ('1' + prng_below(&generator, 9));
		CHECK_REJECTED(parse(text, 28, key), problem, IDENTIFIER_BAD_PART, text, 28);
		/* the same number is fine for a building, trees or another fixture */
		text[19] = "FLQ"[prng_below(&generator, 3)];
		CHECK_ACCEPTED(parse(text, 28, key), problem, text, 28);
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
	static char texts[CORPUS_SIZE][29];
	static uint8_t keys[CORPUS_SIZE][KEY128_SIZE];
	prng		generator = prng_seeded(0x37346);
	int			parsed = 0;

	for (int i = 0; i < CORPUS_SIZE; i++)
	{
		char	   *text = texts[i];
		char		lower[29];
		uint8_t		again[KEY128_SIZE];

		generate_estate_unit(&generator, text);
		CHECK(reference_estate_valid(text), text);
		check_valid(text, text);
		if (!parse(text, 28, keys[parsed]))
			continue;
		for (int k = 0; k < 29; k++)
			lower[k] = (char) tolower((unsigned char) text[k]);
		CHECK(parse(lower, 28, again) && memcmp(again, keys[parsed], KEY128_SIZE) == 0, lower);
		parsed++;
	}

	CHECK_INTEGER(parsed, CORPUS_SIZE, NULL);
	qsort(keys, (size_t) parsed, KEY128_SIZE, compare_keys);
	qsort(texts, CORPUS_SIZE, sizeof(texts[0]), compare_texts);
	for (int i = 0; i < parsed; i++)
	{
		char		formatted[ESTATE_UNIT_LENGTH + 1];

		estate_unit_format(keys[i], formatted);
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
 * happen to differ first (their county codes nearly always do): two codes
 * sharing a prefix, differing at one position by every pair of that
 * position's characters, with unrelated characters after it.
 */
static void
test_key_order_at_every_position(void)
{
	prng		generator = prng_seeded(0x0D3E);

	for (int n = 0; n < 40; n++)
	{
		char		base[29];

		generate_estate_unit(&generator, base);
		for (int position = 0; position < 28; position++)
		{
			const char *alphabet = reference_estate_alphabet(position);

			for (const char *a = alphabet; *a; a++)
				for (const char *b = alphabet; *b; b++)
				{
					char		first[29];
					char		second[29];
					uint8_t		first_key[KEY128_SIZE];
					uint8_t		second_key[KEY128_SIZE];

					if (*a == *b)
						continue;
					generate_estate_unit(&generator, first);
					generate_estate_unit(&generator, second);
					memcpy(first, base, (size_t) position);
					memcpy(second, base, (size_t) position);
					first[position] = *a;
					second[position] = *b;
					/* keep the rules: a province up front, W00000000 */
					if (!reference_estate_valid(first))
						memcpy(first + 20, "00000000", 8);
					if (!reference_estate_valid(second))
						memcpy(second + 20, "00000000", 8);
					if (!reference_estate_valid(first) || !reference_estate_valid(second))
						continue;
					if (CHECK(parse(first, 28, first_key) && parse(second, 28, second_key), first))
						CHECK_INTEGER(sign(memcmp(first_key, second_key, KEY128_SIZE)),
									  sign(strcmp(first, second)), first);
				}
		}
	}
}

/* Every byte at every position: accepted exactly when the structure allows it. */
static void
test_every_byte_at_every_position(void)
{
	prng		generator = prng_seeded(0xB17E);

	for (int n = 0; n < EVERY_BYTE_SIZE; n++)
	{
		char		text[29];
		uint8_t		key[KEY128_SIZE];

		generate_estate_unit(&generator, text);
		for (int position = 0; position < 28; position++)
			for (int byte = 0; byte < 256; byte++)
			{
				char		mutated[29];
				char		canonical[29];
				bool		accepted;

				memcpy(mutated, text, sizeof(mutated));
				mutated[position] = (char) byte;
				memcpy(canonical, mutated, sizeof(canonical));
				if (byte < 0x80)
					canonical[position] = (char) toupper(byte);
				accepted = parse(mutated, 28, key);
				CHECK_BYTES(accepted == (byte != 0 && reference_estate_valid(canonical)), mutated, 28);
				if (accepted)
				{
					char		formatted[ESTATE_UNIT_LENGTH + 1];

					estate_unit_format(key, formatted);
					CHECK_STRING(formatted, canonical, canonical);
				}
				else
					CHECK_REJECTED(accepted, problem, ANY_REJECTION, mutated, 28);
			}
	}
}

static void
test_malformed_input(void)
{
	const char *long_text = "450103001001GB00001F00010001450103001001";
	uint8_t		key[KEY128_SIZE];

	for (size_t len = 0; len <= 40; len++)
	{
		if (len == 28)
			continue;
		CHECK_REJECTED(parse(long_text, len, key), problem, IDENTIFIER_BAD_LENGTH, long_text, len);
		CHECK_DETAIL(problem, length_detail(len), long_text);
	}
	CHECK_REJECTED(parse("", 0, key), problem, IDENTIFIER_BAD_LENGTH, "", 0);
	CHECK_REJECTED(parse("450103001001GB00001F0001000\0", 28, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "450103001001GB00001F0001000\0", 28);
	CHECK_REJECTED(parse("450103001001GB00001F00010001\0", 29, key), problem, IDENTIFIER_BAD_LENGTH,
				   "450103001001GB00001F00010001\0", 29);
	/* a full-width letter is one character, named as typed */
	CHECK_REJECTED(parse("450103001001\xEF\xBC\xA7" "B00001F00010001", 30, key), problem,
				   IDENTIFIER_BAD_CHARACTER, "450103001001\xEF\xBC\xA7" "B00001F00010001", 30);
	CHECK(strstr(problem.detail, "U+FF27") != NULL, "450103001001\xEF\xBC\xA7" "B00001F00010001");
	CHECK_REJECTED(parse("450103001001\xEF\xBC\xA7" "00001F00010001", 28, key), problem,
				   IDENTIFIER_BAD_LENGTH, "450103001001\xEF\xBC\xA7" "00001F00010001", 28);
	CHECK_REJECTED(parse("450103001001GB 0001F00010001", 28, key), problem, IDENTIFIER_BAD_CHARACTER,
				   "450103001001GB 0001F00010001", 28);
}

/*
 * A key from outside is valid exactly when a parse could have produced it:
 * when its printed form parses back to the very same key.  Checked on keys of
 * parsed values, each of their single-bit variants and random keys; the
 * layout of the key is the parser's business.
 */
static void
check_key_validity(const uint8_t key[KEY128_SIZE])
{
	char		formatted[ESTATE_UNIT_LENGTH + 1];
	uint8_t		reparsed[KEY128_SIZE];
	bool		round_trip;

	estate_unit_format(key, formatted);
	round_trip = estate_unit_parse(formatted, ESTATE_UNIT_LENGTH, reparsed, NULL) &&
		memcmp(reparsed, key, KEY128_SIZE) == 0;
	CHECK(estate_unit_key_valid(key) == round_trip, formatted);
}

static void
test_keys(void)
{
	prng		generator = prng_seeded(0x4B45);
	uint8_t		key[KEY128_SIZE];

	memset(key, 0xFF, sizeof(key));
	CHECK(!estate_unit_key_valid(key), NULL);
	check_key_validity(key);

	for (int n = 0; n < 300; n++)
	{
		char		text[29];

		generate_estate_unit(&generator, text);
		if (!parse(text, ESTATE_UNIT_LENGTH, key))
			continue;
		CHECK(estate_unit_key_valid(key), text);
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
	test_examples();
	test_provinces();
	test_no_fixture();
	test_generated_corpus();
	test_key_order_at_every_position();
	test_every_byte_at_every_position();
	test_malformed_input();
	test_keys();
	return unit_finish();
}
