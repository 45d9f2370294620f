/*
 * estate_unit_parse.h — the real-estate unit code of GB/T 37346-2019
 * (不动产单元代码), parsed and checked without PostgreSQL.
 *
 * 28 characters, no check character:
 *   1-6   county code (GB/T 2260)
 *   7-9   cadastral district (地籍区)
 *   10-12 cadastral subdistrict (地籍子区)
 *   13-19 parcel part: ownership G/J/Z, land-right letter, 5-digit number
 *   20-28 fixture part: F building, L trees, Q other, W none; 8 digits
 * The first 19 characters are the parcel code (宗地代码) of the land the unit
 * stands on.  The key reads each character as a digit of a mixed-radix number
 * (its own alphabet at each position), stored big-endian in 16 bytes.
 */
#ifndef YIWANG_ESTATE_UNIT_PARSE_H
#define YIWANG_ESTATE_UNIT_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "identifier_problem.h"
#include "key128.h"

#define ESTATE_UNIT_LENGTH 28
#define ESTATE_UNIT_PARCEL_CODE_LENGTH 19	/* county .. parcel part */
#define ESTATE_UNIT_FIXTURE_START 19
#define ESTATE_UNIT_FIXTURE_LENGTH 9

/* Parse 28 characters (white space around ignored, lower case accepted). */
extern bool estate_unit_parse(const char *text, size_t len, uint8_t key[KEY128_SIZE],
							  identifier_problem *problem);

/* Whether a key from outside (binary input) is one a parse could give. */
extern bool estate_unit_key_valid(const uint8_t key[KEY128_SIZE]);

/* The 28-character form, NUL-terminated. */
extern void estate_unit_format(const uint8_t key[KEY128_SIZE],
							   char out[ESTATE_UNIT_LENGTH + 1]);

#endif
