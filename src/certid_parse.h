/*
 * certid_parse.h — the electronic certificate identifier of GB/T 36904-2018
 * (电子证照标识), parsed and checked without PostgreSQL.
 *
 *   1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>
 *
 * type code   the defining agency's unified social credit code + 3 digits
 * issuer code the issuing agency's unified social credit code, or a 6-digit
 *             administrative division code
 * serial      1 to CERTID_SERIAL_MAX digits and capitals
 * version     3 digits
 * check       ISO 7064 MOD 37,36 over type code, issuer code, serial and
 *             version written together without dots
 *
 * The stored form is the text after the constant root "1.2.156.3005.2.", in
 * capitals: byte order of stored forms is the text order of the identifiers.
 */
#ifndef YIWANG_CERTID_PARSE_H
#define YIWANG_CERTID_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "identifier_problem.h"

#define CERTID_ROOT "1.2.156.3005.2."
#define CERTID_ROOT_LENGTH 15
#define CERTID_TYPE_CODE_LENGTH 21
#define CERTID_SERIAL_MAX 40
/* type . issuer . serial . version . check */
#define CERTID_BODY_MAX (CERTID_TYPE_CODE_LENGTH + 1 + 18 + 1 + CERTID_SERIAL_MAX + 1 + 3 + 1 + 1)

typedef struct certid_parts
{
	char		type_code[CERTID_TYPE_CODE_LENGTH + 1];
	char		issuer_code[18 + 1];
	char		serial[CERTID_SERIAL_MAX + 1];
	int			version;
	char		check;
} certid_parts;

/*
 * Parse a whole identifier.  On success writes the stored form (not
 * NUL-terminated) into body, at most CERTID_BODY_MAX bytes, and its length.
 */
extern bool certid_parse(const char *text, size_t len, char body[CERTID_BODY_MAX],
						 size_t *body_len, identifier_problem *problem);

/* Build the stored form from its parts, computing the check character. */
extern bool certid_make(const char *type_code, size_t type_code_len,
						const char *issuer_code, size_t issuer_code_len,
						const char *serial, size_t serial_len, int version,
						char body[CERTID_BODY_MAX], size_t *body_len,
						identifier_problem *problem);

/* Split a stored form (from certid_parse or certid_make) into its parts. */
extern bool certid_split(const char *body, size_t body_len, certid_parts *parts);

#endif
