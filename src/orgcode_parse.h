/*
 * orgcode_parse.h — the organisation code of GB 11714-1997 (组织机构代码),
 * parsed and checked without PostgreSQL.
 *
 * Eight body characters (0-9, A-Z) and a check character (0-9, X), printed
 * XXXXXXXX-C.  The key is the body read as a base-36 number; the check
 * follows from it.  Characters 9-17 of a unified social credit code are an
 * organisation code: that is how pre-2015 records link to the new codes.
 */
#ifndef YIWANG_ORGCODE_PARSE_H
#define YIWANG_ORGCODE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "identifier_problem.h"

#define ORGCODE_TEXT_LENGTH 10		/* with the hyphen */

/* Parse "XXXXXXXXC" or "XXXXXXXX-C" (white space around ignored, lower case accepted). */
extern bool orgcode_parse(const char *text, size_t len, uint64_t *key,
						  identifier_problem *problem);

/* Whether a key from outside (binary input) is one a parse could give. */
extern bool orgcode_key_valid(uint64_t key);

/* XXXXXXXX-C, NUL-terminated. */
extern void orgcode_format(uint64_t key, char out[ORGCODE_TEXT_LENGTH + 1]);

#endif
