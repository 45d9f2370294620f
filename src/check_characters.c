/*
 * check_characters.c — check-character algorithms (see the header for which
 * standard uses which).  Pure arithmetic, no allocation, no locale.
 */
#include "check_characters.h"

int
uscc_character_value(char c)
{
	static const int8_t letter_values[26] = {
		/* A */ 10, 11, 12, 13, 14, 15, 16, 17, -1 /* I */ , 18,
		/* K */ 19, 20, 21, 22, -1 /* O */ , 23, 24, 25, -1 /* S */ ,
		/* T */ 26, 27, -1 /* V */ , 28, 29, 30, -1 /* Z */
	};

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return letter_values[c - 'A'];
	return -1;
}

int
alphanumeric_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

int
mod11_2_check(const uint8_t digits[17])
{
	/* W_i = 2^(17-i) mod 11, for i = 0..16 */
	static const uint8_t weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	/* the check value for S mod 11 = 0..10 is "10X98765432" */
	static const uint8_t check_for_remainder[11] = {1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2};
	unsigned	sum = 0;

	for (int i = 0; i < 17; i++)
		sum += digits[i] * weights[i];
	return check_for_remainder[sum % 11];
}

int
uscc_check(const uint8_t values[17])
{
	/* W_i = 3^i mod 31 */
	static const uint8_t weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	unsigned	sum = 0;

	for (int i = 0; i < 17; i++)
		sum += values[i] * weights[i];
	return (31 - sum % 31) % 31;
}

int
orgcode_check(const uint8_t values[8])
{
	static const uint8_t weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	unsigned	sum = 0;
	int			check;

	for (int i = 0; i < 8; i++)
		sum += values[i] * weights[i];
	/* C = 11 - S mod 11; 10 prints X and 11 prints 0 */
	check = 11 - (int) (sum % 11);
	return check == 11 ? 0 : check;
}

int
mod37_36_check(const char *text, size_t len)
{
	int			product = 36;

	for (size_t i = 0; i < len; i++)
	{
		int			value = alphanumeric_value(text[i]);
		int			sum;

		if (value < 0)
			return -1;
		sum = (product + value) % 36;
		if (sum == 0)
			sum = 36;
		product = (sum * 2) % 37;
	}
	/* the check a makes (product + a) mod 36 = 1 */
	return (37 - product) % 36;
}
