/*
 * test_check_characters.c — the check-character algorithms against the
 * reference implementations, on the standards' vectors and on random input.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_characters.h"
#include "prng.h"
#include "reference_checks.h"
#include "unit.h"

#define RANDOM_ROUNDS 20000

static void
test_weights_match_the_published_tables(void)
{
	/* the reference notes list the weights; they are powers of 2 mod 11 and 3 mod 31 */
	static const int idcard_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const int uscc_weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int			power_of_3 = 1;

	for (int i = 0; i < 17; i++)
	{
		int			power_of_2 = 1;

		for (int k = 0; k < 17 - i; k++)
			power_of_2 = power_of_2 * 2 % 11;
		CHECK_INTEGER(idcard_weights[i], power_of_2, NULL);
		CHECK_INTEGER(uscc_weights[i], power_of_3, NULL);
		power_of_3 = power_of_3 * 3 % 31;
	}
}

static void
test_character_values(void)
{
	CHECK_STRING(USCC_ALPHABET, REFERENCE_USCC_ALPHABET, NULL);
	for (int byte = 0; byte < 256; byte++)
	{
		char		c = (char) byte;
		char		shown[2] = {c, '\0'};

		CHECK_INTEGER(uscc_character_value(c), reference_index(REFERENCE_USCC_ALPHABET, c), shown);
		CHECK_INTEGER(alphanumeric_value(c), reference_index(REFERENCE_ALPHANUMERIC, c), shown);
	}
	for (int v = 0; v <= 10; v++)
		CHECK_INTEGER(MOD11_2_CHARACTER(v), "0123456789X"[v], NULL);
	for (int v = 0; v < 36; v++)
		CHECK_INTEGER(ALPHANUMERIC_CHARACTER(v), REFERENCE_ALPHANUMERIC[v], NULL);
}

static void
test_mod11_2(void)
{
	/* 11010519491231002X from the standard, 440308199901101512 from the reference notes */
	static const char *const vectors[] = {"11010519491231002X", "440524188001010014", "440308199901101512"};
	prng		generator = prng_seeded(0x1102);

	for (size_t v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++)
	{
		uint8_t		digits[17];

		for (int i = 0; i < 17; i++)
			digits[i] = (uint8_t) (vectors[v][i] - '0');
		CHECK_INTEGER(MOD11_2_CHARACTER(mod11_2_check(digits)), vectors[v][17], vectors[v]);
	}
	for (int round = 0; round < RANDOM_ROUNDS; round++)
	{
		char		text[18];
		uint8_t		digits[17];

		for (int i = 0; i < 17; i++)
		{
			text[i] = prng_pick(&generator, REFERENCE_DIGITS);
			digits[i] = (uint8_t) (text[i] - '0');
		}
		text[17] = '\0';
		CHECK_INTEGER(MOD11_2_CHARACTER(mod11_2_check(digits)), reference_idcard_check(text), text);
	}
}

static void
test_uscc_check(void)
{
	static const char *const vectors[] = {
		"91350100M000100Y43", "91110000600037341L", "914403001922038216", "11100000000013338W"
	};
	prng		generator = prng_seeded(0x3131);

	for (size_t v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++)
	{
		uint8_t		values[17];

		for (int i = 0; i < 17; i++)
			values[i] = (uint8_t) reference_index(REFERENCE_USCC_ALPHABET, vectors[v][i]);
		CHECK_INTEGER(USCC_ALPHABET[uscc_check(values)], vectors[v][17], vectors[v]);
	}
	for (int round = 0; round < RANDOM_ROUNDS; round++)
	{
		char		text[18];
		uint8_t		values[17];

		for (int i = 0; i < 17; i++)
		{
			values[i] = (uint8_t) prng_below(&generator, 31);
			text[i] = REFERENCE_USCC_ALPHABET[values[i]];
		}
		text[17] = '\0';
		CHECK_INTEGER(USCC_ALPHABET[uscc_check(values)], reference_uscc_check(text), text);
	}
	/* the extremes: all zeros and all 30s */
	{
		uint8_t		zeros[17] = {0};
		uint8_t		tops[17];

		memset(tops, 30, sizeof(tops));
		CHECK_INTEGER(uscc_check(zeros), 0, "00000000000000000");
		CHECK_INTEGER(USCC_ALPHABET[uscc_check(tops)], reference_uscc_check("YYYYYYYYYYYYYYYYY"),
					  "YYYYYYYYYYYYYYYYY");
	}
}

static void
test_orgcode_check(void)
{
	/* D2143569-X and 12345678-8 from the reference notes */
	static const char *const vectors[] = {"D2143569X", "123456788"};
	prng		generator = prng_seeded(0x1111);

	for (size_t v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++)
	{
		uint8_t		values[8];

		for (int i = 0; i < 8; i++)
			values[i] = (uint8_t) reference_index(REFERENCE_ALPHANUMERIC, vectors[v][i]);
		CHECK_INTEGER(ORGCODE_CHARACTER(orgcode_check(values)), vectors[v][8], vectors[v]);
	}
	for (int round = 0; round < RANDOM_ROUNDS; round++)
	{
		char		text[9];
		uint8_t		values[8];

		for (int i = 0; i < 8; i++)
		{
			values[i] = (uint8_t) prng_below(&generator, 36);
			text[i] = REFERENCE_ALPHANUMERIC[values[i]];
		}
		text[8] = '\0';
		CHECK_INTEGER(ORGCODE_CHARACTER(orgcode_check(values)), reference_orgcode_check(text), text);
	}
}

static void
test_mod37_36(void)
{
	static const char *const iso_vector = "A12425GABC1234002";
	static const char *const certid_checked = "11100000000013338W03211220000013544541J2430599001";
	prng		generator = prng_seeded(0x3736);

	CHECK_INTEGER(ALPHANUMERIC_CHARACTER(mod37_36_check(iso_vector, strlen(iso_vector))), 'M', iso_vector);
	CHECK_INTEGER(reference_mod37_36_check(iso_vector, strlen(iso_vector)), 'M', iso_vector);
	CHECK_INTEGER(ALPHANUMERIC_CHARACTER(mod37_36_check(certid_checked, strlen(certid_checked))), 'F',
				  certid_checked);

	/* outside 0-9A-Z the function refuses rather than guessing */
	CHECK_INTEGER(mod37_36_check("a12425GABC1234002", 17), -1, "a12425GABC1234002");
	CHECK_INTEGER(mod37_36_check("A1.", 3), -1, "A1.");
	CHECK_INTEGER(mod37_36_check("A1\0002", 4), -1, NULL);
	CHECK_INTEGER(mod37_36_check("\xEF\xBC\x91", 3), -1, "\xEF\xBC\x91");

	for (int round = 0; round < RANDOM_ROUNDS; round++)
	{
		char		text[100];
		size_t		len = prng_below(&generator, 90);

		for (size_t i = 0; i < len; i++)
			text[i] = prng_pick(&generator, REFERENCE_ALPHANUMERIC);
		text[len] = '\0';
		CHECK_INTEGER(ALPHANUMERIC_CHARACTER(mod37_36_check(text, len)),
					  reference_mod37_36_check(text, len), text);
	}
}

int
main(void)
{
	test_weights_match_the_published_tables();
	test_character_values();
	test_mod11_2();
	test_uscc_check();
	test_orgcode_check();
	test_mod37_36();
	return unit_finish();
}
