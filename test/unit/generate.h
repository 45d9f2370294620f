/*
 * generate.h — valid identifiers built by the tests themselves, from the
 * layouts in the standards and the reference check characters, never by the
 * code under test.
 */
#ifndef YIWANG_TEST_GENERATE_H
#define YIWANG_TEST_GENERATE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "prng.h"
#include "reference_checks.h"

/* GB/T 2260 mainland province codes, as listed in the reference notes. */
static const int reference_mainland_provinces[] = {
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
	41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65
};
#define REFERENCE_MAINLAND_PROVINCE_COUNT \
	((int) (sizeof(reference_mainland_provinces) / sizeof(reference_mainland_provinces[0])))

static inline bool
reference_is_mainland_province(int code)
{
	for (int i = 0; i < REFERENCE_MAINLAND_PROVINCE_COUNT; i++)
		if (reference_mainland_provinces[i] == code)
			return true;
	return false;
}

/* Provinces an identity number may start with: mainland, 71, 81, 82, 83. */
static inline bool
reference_is_identity_province(int code)
{
	return reference_is_mainland_province(code) || code == 71 ||
		code == 81 || code == 82 || code == 83;
}

/* Gregorian calendar, written out. */
static inline int
reference_days_in_month(int year, int month)
{
	bool		leap = year % 400 == 0 || (year % 4 == 0 && year % 100 != 0);

	switch (month)
	{
		case 2:
			return leap ? 29 : 28;
		case 4:
		case 6:
		case 9:
		case 11:
			return 30;
		default:
			return 31;
	}
}

static inline void
generate_digits(prng *generator, char *out, int count)
{
	for (int i = 0; i < count; i++)
		out[i] = prng_pick(generator, REFERENCE_DIGITS);
}

/*
 * An 18-character identity number: a mainland or 71 address, a Hong Kong,
 * Macau or Taiwan residence permit (810000/820000/830000), or a foreign
 * permanent-residence number (9, mainland province, nationality).
 */
static inline void
generate_idcard(prng *generator, char out[19])
{
	int			kind = (int) prng_below(generator, 10);
	int			year = 1800 + (int) prng_below(generator, 300);
	int			month = 1 + (int) prng_below(generator, 12);
	int			day = 1 + (int) prng_below(generator, (uint32_t) reference_days_in_month(year, month));
	char		date[40];		/* roomy: the compiler cannot see the ranges */

	if (kind < 7)
	{
		int			province = kind == 0 ? 71
			: reference_mainland_provinces[prng_below(generator, REFERENCE_MAINLAND_PROVINCE_COUNT)];

		out[0] = (char) ('0' + province / 10);
		out[1] = (char) ('0' + province % 10);
		generate_digits(generator, out + 2, 4);
	}
	else if (kind < 9)
		memcpy(out, kind == 7 ? "810000" : (prng_below(generator, 2) ? "820000" : "830000"), 6);
	else
	{
		int			province = reference_mainland_provinces[prng_below(generator, REFERENCE_MAINLAND_PROVINCE_COUNT)];

		out[0] = '9';
		out[1] = (char) ('0' + province / 10);
		out[2] = (char) ('0' + province % 10);
		generate_digits(generator, out + 3, 3);
	}
	snprintf(date, sizeof(date), "%04d%02d%02d", year, month, day);
	memcpy(out + 6, date, 8);
	generate_digits(generator, out + 14, 3);
	out[17] = reference_idcard_check(out);
	out[18] = '\0';
}

/* A 9-character organisation code without the hyphen (body and check). */
static inline void
generate_orgcode_plain(prng *generator, const char *body_alphabet, char out[10])
{
	for (int i = 0; i < 8; i++)
		out[i] = prng_pick(generator, body_alphabet);
	out[8] = reference_orgcode_check(out);
	out[9] = '\0';
}

/* XXXXXXXX-C */
static inline void
generate_orgcode(prng *generator, char out[11])
{
	char		plain[10];

	generate_orgcode_plain(generator, REFERENCE_ALPHANUMERIC, plain);
	memcpy(out, plain, 8);
	out[8] = '-';
	out[9] = plain[8];
	out[10] = '\0';
}

/*
 * A unified social credit code: authority and category anything in the
 * alphabet, a 6-digit division code, 9 characters of organisation code (half
 * the time a valid GB 11714 code over the shared characters), check.
 */
static inline void
generate_uscc(prng *generator, char out[19])
{
	out[0] = prng_pick(generator, REFERENCE_USCC_ALPHABET);
	out[1] = prng_pick(generator, REFERENCE_USCC_ALPHABET);
	generate_digits(generator, out + 2, 6);
	if (prng_below(generator, 2) == 0)
		generate_orgcode_plain(generator, REFERENCE_USCC_ALPHABET, out + 8);
	else
		for (int i = 8; i < 17; i++)
			out[i] = prng_pick(generator, REFERENCE_USCC_ALPHABET);
	out[17] = reference_uscc_check(out);
	out[18] = '\0';
}

/* The alphabet of each position of a real-estate unit code (GB/T 37346). */
static inline const char *
reference_estate_alphabet(int position)
{
	if (position < 12)
		return REFERENCE_DIGITS;
	if (position == 12)
		return "GJZ";
	if (position == 13)
		return "ABSXCDEFHGWY";
	if (position < 19)
		return REFERENCE_DIGITS;
	if (position == 19)
		return "FLQW";
	return REFERENCE_DIGITS;
}

static inline void
generate_estate_unit(prng *generator, char out[29])
{
	int			province = reference_mainland_provinces[prng_below(generator, REFERENCE_MAINLAND_PROVINCE_COUNT)];

	for (int i = 0; i < 28; i++)
		out[i] = prng_pick(generator, reference_estate_alphabet(i));
	out[0] = (char) ('0' + province / 10);
	out[1] = (char) ('0' + province % 10);
	if (out[19] == 'W')
		memset(out + 20, '0', 8);
	out[28] = '\0';
}

/* Parts of an electronic certificate identifier, and the whole text. */
typedef struct generated_certid
{
	char		type_code[22];
	char		issuer_code[19];
	char		serial[41];
	int			version;
	char		check;
	char		text[160];		/* 1.2.156.3005.2.TYPE.ISSUER.SERIAL.VVV.C */
	char		body[128];		/* the text after the root */
} generated_certid;

static inline void
generate_certid(prng *generator, generated_certid *out)
{
	char		joined[128];
	int			serial_len = 1 + (int) prng_below(generator, 40);

	generate_uscc(generator, out->type_code);
	generate_digits(generator, out->type_code + 18, 3);
	out->type_code[21] = '\0';
	if (prng_below(generator, 4) == 0)
	{
		/* a division code: a province, or 10 for the central level */
		int			province = prng_below(generator, 8) == 0 ? 10
			: reference_mainland_provinces[prng_below(generator, REFERENCE_MAINLAND_PROVINCE_COUNT)];

		out->issuer_code[0] = (char) ('0' + province / 10);
		out->issuer_code[1] = (char) ('0' + province % 10);
		generate_digits(generator, out->issuer_code + 2, 4);
		out->issuer_code[6] = '\0';
	}
	else
		generate_uscc(generator, out->issuer_code);
	for (int i = 0; i < serial_len; i++)
		out->serial[i] = prng_pick(generator, REFERENCE_ALPHANUMERIC);
	out->serial[serial_len] = '\0';
	out->version = (int) prng_below(generator, 1000);
	snprintf(joined, sizeof(joined), "%s%s%s%03d",
			 out->type_code, out->issuer_code, out->serial, out->version);
	out->check = reference_mod37_36_check(joined, strlen(joined));
	snprintf(out->body, sizeof(out->body), "%s.%s.%s.%03d.%c",
			 out->type_code, out->issuer_code, out->serial, out->version, out->check);
	snprintf(out->text, sizeof(out->text), "1.2.156.3005.2.%s", out->body);
}

#endif
