/*
 * uscc_parse.h — the unified social credit code of GB 32100-2015
 * (统一社会信用代码), parsed and checked without PostgreSQL.
 *
 * Layout: 1 registration authority, 2 organisation category, 3-8 division
 * code of the registering authority, 9-17 organisation code (GB 11714),
 * 18 check character (mod 31).  All over the 31-character alphabet.
 *
 * The key is the first 17 characters read as a base-31 number (the check
 * follows from them), stored big-endian in 16 bytes.
 */
#ifndef YIWANG_USCC_PARSE_H
#define YIWANG_USCC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "identifier_problem.h"
#include "key128.h"

#define USCC_LENGTH 18

/* Parse 18 characters (white space around ignored, lower case accepted). */
extern bool uscc_parse(const char *text, size_t len, uint8_t key[KEY128_SIZE],
					   identifier_problem *problem);

/* Whether a key from outside (binary input) is one a parse could give. */
extern bool uscc_key_valid(const uint8_t key[KEY128_SIZE]);

/* The 18-character form, NUL-terminated. */
extern void uscc_format(const uint8_t key[KEY128_SIZE], char out[USCC_LENGTH + 1]);

/*
 * The key of characters 9-17 as an organisation code, if they are one (a
 * valid GB 11714 check).  Returns false when they are not.
 */
extern bool uscc_embedded_orgcode(const uint8_t key[KEY128_SIZE], uint64_t *orgcode_key);

#endif
