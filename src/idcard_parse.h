/*
 * idcard_parse.h — the citizen identity number of GB 11643-1999
 * (公民身份号码), parsed and checked without PostgreSQL.
 *
 * A number is kept as its key: the first 17 digits of the 18-digit form read
 * as a decimal integer.  The check character follows from them, so the key is
 * all there is to store, and integer order of keys is the text order of the
 * 18-character forms.  A 15-digit first-generation number is upgraded to its
 * 18-digit form and so has the same key.
 */
#ifndef YIWANG_IDCARD_PARSE_H
#define YIWANG_IDCARD_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "identifier_problem.h"

#define IDCARD_LENGTH 18
#define IDCARD_LEGACY_LENGTH 15

typedef uint64_t idcard_key;

/* Largest key: seventeen nines. */
#define IDCARD_KEY_MAX UINT64_C(99999999999999999)

/*
 * Parse 15 or 18 characters (surrounding ASCII white space ignored; a final
 * lower-case x accepted).  On failure returns false and fills *problem.
 */
extern bool idcard_parse(const char *text, size_t len, idcard_key *key,
						 identifier_problem *problem);

/* Whether a key read from outside (binary input) is one a parse could give. */
extern bool idcard_key_valid(idcard_key key);

/* The 18-character form, NUL-terminated. */
extern void idcard_format(idcard_key key, char out[IDCARD_LENGTH + 1]);

/* The 18-character form with the 10 middle characters hidden: 4403**********1512 */
extern void idcard_mask(idcard_key key, char out[IDCARD_LENGTH + 1]);

/* Parts of a valid key. */
extern uint32_t idcard_region(idcard_key key);	/* 6-digit address code */
extern void idcard_birth_date(idcard_key key, int *year, int *month, int *day);
extern bool idcard_is_male(idcard_key key);	/* odd sequence number */
extern bool idcard_is_foreign_permanent_resident(idcard_key key);

/*
 * Who holds a number of this form: "resident" (mainland address code),
 * "hong_kong_resident", "macau_resident", "taiwan_resident" (residence
 * permits 81/82/83, and 71), "foreign_permanent_resident" (leading 9).
 */
extern const char *idcard_holder_kind(idcard_key key);

/* Gregorian calendar helpers shared with the other parsers. */
extern bool calendar_date_exists(int year, int month, int day);
extern bool leap_year(int year);

#endif
