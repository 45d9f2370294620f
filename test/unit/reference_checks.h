/*
 * reference_checks.h — the check-character algorithms written again, from
 * the standards' descriptions, for the tests to compare against.
 *
 * They are deliberately phrased differently from src/check_characters.c: each
 * standard states when a complete code (body and check) is consistent, and the
 * check character is found here by trying every candidate until the whole code
 * is consistent.  A shared misreading of a printed table would not survive that.
 */
#ifndef YIWANG_TEST_REFERENCE_CHECKS_H
#define YIWANG_TEST_REFERENCE_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define REFERENCE_DIGITS "0123456789"
#define REFERENCE_ALPHANUMERIC "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define REFERENCE_USCC_ALPHABET "0123456789ABCDEFGHJKLMNPQRTUWXY"

/* Position of c in alphabet, or -1 (the NUL byte is never in an alphabet). */
static inline int
reference_index(const char *alphabet, char c)
{
	const char *found = c != '\0' ? strchr(alphabet, c) : NULL;

	return found ? (int) (found - alphabet) : -1;
}

/*
 * GB 11643 / ISO 7064 MOD 11-2: with weights W = 2^(17-i) mod 11 over all 18
 * characters (the check has weight 1, X counts 10), the sum is 1 mod 11.
 */
static inline bool
reference_idcard_consistent(const char *text18)
{
	static const int weights[18] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2, 1};
	int			sum = 0;

	for (int i = 0; i < 18; i++)
	{
		int			value = reference_index(i < 17 ? REFERENCE_DIGITS : "0123456789X", text18[i]);

		if (value < 0)
			return false;
		sum += value * weights[i];
	}
	return sum % 11 == 1;
}

/* The check character that completes 17 digits. */
static inline char
reference_idcard_check(const char *first17)
{
	char		text[19];

	memcpy(text, first17, 17);
	text[18] = '\0';
	for (const char *candidate = "0123456789X"; *candidate; candidate++)
	{
		text[17] = *candidate;
		if (reference_idcard_consistent(text))
			return *candidate;
	}
	return '?';
}

/* GB 32100: weights 3^i mod 31, the check weighs 1; the sum is 0 mod 31. */
static inline bool
reference_uscc_consistent(const char *text18)
{
	int			sum = 0;
	int			weight = 1;

	for (int i = 0; i < 17; i++)
	{
		int			value = reference_index(REFERENCE_USCC_ALPHABET, text18[i]);

		if (value < 0)
			return false;
		sum += value * weight;
		weight = weight * 3 % 31;
	}
	if (reference_index(REFERENCE_USCC_ALPHABET, text18[17]) < 0)
		return false;
	sum += reference_index(REFERENCE_USCC_ALPHABET, text18[17]);
	return sum % 31 == 0;
}

static inline char
reference_uscc_check(const char *first17)
{
	char		text[19];

	memcpy(text, first17, 17);
	text[18] = '\0';
	for (const char *candidate = REFERENCE_USCC_ALPHABET; *candidate; candidate++)
	{
		text[17] = *candidate;
		if (reference_uscc_consistent(text))
			return *candidate;
	}
	return '?';
}

/*
 * GB 11714: weights 3 7 9 10 5 8 4 2 over the body (A=10 .. Z=35); the check
 * C makes the sum plus C a multiple of 11, with C in 1..11, written X for 10
 * and 0 for 11.
 */
static inline bool
reference_orgcode_consistent(const char *body8, char check)
{
	static const int weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int			sum = 0;
	int			check_value;

	for (int i = 0; i < 8; i++)
	{
		int			value = reference_index(REFERENCE_ALPHANUMERIC, body8[i]);

		if (value < 0)
			return false;
		sum += value * weights[i];
	}
	if (check == 'X')
		check_value = 10;
	else if (check == '0')
		check_value = 11;
	else if (check >= '1' && check <= '9')
		check_value = check - '0';
	else
		return false;
	return (sum + check_value) % 11 == 0;
}

static inline char
reference_orgcode_check(const char *body8)
{
	for (const char *candidate = "0123456789X"; *candidate; candidate++)
		if (reference_orgcode_consistent(body8, *candidate))
			return *candidate;
	return '?';
}

/*
 * ISO 7064 MOD 37,36 (hybrid, M = 36): P starts at M; for each character,
 * S = (P + value) reduced mod M into 1..M, then P = 2S mod (M+1).  A code
 * with its check is consistent when the last S is 1.
 */
static inline bool
reference_mod37_36_consistent(const char *text, size_t len)
{
	int			p = 36;
	int			s = 0;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
	{
		int			value = reference_index(REFERENCE_ALPHANUMERIC, text[i]);

		if (value < 0)
			return false;
		s = (p + value) % 36;
		if (s == 0)
			s = 36;
		p = 2 * s % 37;
	}
	return s == 1;
}

/* P after the first len characters (36 before any); for the transposition rule. */
static inline int
reference_mod37_36_state(const char *text, size_t len)
{
	int			p = 36;

	for (size_t i = 0; i < len; i++)
	{
		int			s = (p + reference_index(REFERENCE_ALPHANUMERIC, text[i])) % 36;

		p = 2 * (s == 0 ? 36 : s) % 37;
	}
	return p;
}

/* The check of text[0..len), len < 200. */
static inline char
reference_mod37_36_check(const char *text, size_t len)
{
	char		joined[201];

	if (len > 199)
		return '?';
	memcpy(joined, text, len);
	for (const char *candidate = REFERENCE_ALPHANUMERIC; *candidate; candidate++)
	{
		joined[len] = *candidate;
		if (reference_mod37_36_consistent(joined, len + 1))
			return *candidate;
	}
	return '?';
}

#endif
