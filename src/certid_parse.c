/*
 * certid_parse.c — GB/T 36904-2018 electronic certificate identifiers.
 */
#include "certid_parse.h"

#include <stdio.h>
#include <string.h>

#include "check_characters.h"
#include "identifier_text.h"
#include "regions.h"
#include "uscc_parse.h"

static bool
all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The problem of a nested uscc, re-worded for the part that holds it. */
static bool
check_agency_code(const char *code, const char *part_name, identifier_problem *problem)
{
	uint8_t		key[KEY128_SIZE];
	identifier_problem nested;

	if (uscc_parse(code, USCC_LENGTH, key, &nested))
		return true;
	/* continue the sentence: "...: the check character should be W, not X." */
	nested.detail[0] = (char) (nested.detail[0] >= 'A' && nested.detail[0] <= 'Z'
							   ? nested.detail[0] - 'A' + 'a' : nested.detail[0]);
	return problem_set(problem, IDENTIFIER_BAD_PART,
					   "Compare the agency's code with its registration; yiwang.uscc_error() explains a code on its own.",
					   "The %s %.18s is not a valid unified social credit code: %s",
					   part_name, code, nested.detail);
}

static bool
check_type_code(const char *code, size_t len, identifier_problem *problem)
{
	if (len != CERTID_TYPE_CODE_LENGTH)
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "The type code is the defining agency's unified social credit code followed by 3 digits.",
						   "The type code has %zu %s, not 21.", len, CHARACTERS(len));
	if (!all_digits(code + 18, 3))
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "The type code is the defining agency's unified social credit code followed by 3 digits.",
						   "The last 3 characters of the type code, \"%.3s\", are not digits.", code + 18);
	return check_agency_code(code, "defining agency's code in the type code", problem);
}

static bool
check_issuer_code(const char *code, size_t len, identifier_problem *problem)
{
	const char *hint = "The issuer code is the issuing agency's unified social credit code (18 characters) or a 6-digit division code.";

	if (len == 6)
	{
		int			province;

		if (!all_digits(code, 6))
			return problem_set(problem, IDENTIFIER_BAD_PART, hint,
							   "The 6-character issuer code \"%.6s\" is not all digits.", code);
		/* a division code: a province, or 10 for the central level (100000) */
		province = (code[0] - '0') * 10 + (code[1] - '0');
		if (mainland_province(province) || province == 10)
			return true;
		return problem_set(problem, IDENTIFIER_BAD_PART, hint,
						   "The issuer division code %.6s starts with %02d, which is not a province code of GB/T 2260.",
						   code, province);
	}
	if (len == USCC_LENGTH)
		return check_agency_code(code, "issuer code", problem);
	return problem_set(problem, IDENTIFIER_BAD_PART, hint,
					   "The issuer code has %zu %s.", len, CHARACTERS(len));
}

static bool
check_serial(const char *serial, size_t len, identifier_problem *problem)
{
	if (len < 1 || len > CERTID_SERIAL_MAX)
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "The serial number has 1 to 40 digits and letters.",
						   "The serial number has %zu %s.", len, CHARACTERS(len));
	for (size_t i = 0; i < len; i++)
		if (alphanumeric_value(ascii_upper(serial[i])) < 0)
			return problem_set(problem, IDENTIFIER_BAD_PART,
							   "The serial number has 1 to 40 digits and letters.",
							   "Character %zu of the serial number is \"%c\", not a digit or letter.",
							   i + 1, serial[i]);
	return true;
}

/* Printable ASCII in one part, or a problem naming the part. */
static bool
require_ascii_part(const char *part, size_t len, const char *part_name, identifier_problem *problem)
{
	identifier_problem nested;

	if (require_printable_ascii(part, len, &nested))
		return true;
	/* "Character 3 is ..." becomes "In the serial number, character 3 is ..." */
	nested.detail[0] = (char) (nested.detail[0] - 'A' + 'a');
	return problem_set(problem, nested.status, nested.hint, "In the %s, %s", part_name, nested.detail);
}

/* Write "TYPE.ISSUER.SERIAL.VVV." in capitals; returns its length. */
static size_t
write_body(char body[CERTID_BODY_MAX],
		   const char *type_code, const char *issuer_code, size_t issuer_len,
		   const char *serial, size_t serial_len, int version)
{
	size_t		n = 0;

	for (size_t i = 0; i < CERTID_TYPE_CODE_LENGTH; i++)
		body[n++] = ascii_upper(type_code[i]);
	body[n++] = '.';
	for (size_t i = 0; i < issuer_len; i++)
		body[n++] = ascii_upper(issuer_code[i]);
	body[n++] = '.';
	for (size_t i = 0; i < serial_len; i++)
		body[n++] = ascii_upper(serial[i]);
	body[n++] = '.';
	body[n++] = (char) ('0' + version / 100);
	body[n++] = (char) ('0' + version / 10 % 10);
	body[n++] = (char) ('0' + version % 10);
	body[n++] = '.';
	return n;
}

/* The check character over a body written by write_body (dots skipped). */
static char
body_check(const char *body, size_t len)
{
	char		joined[CERTID_BODY_MAX];
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		if (body[i] != '.')
			joined[n++] = body[i];
	return ALPHANUMERIC_CHARACTER(mod37_36_check(joined, n));
}

bool
certid_make(const char *type_code, size_t type_code_len,
			const char *issuer_code, size_t issuer_code_len,
			const char *serial, size_t serial_len, int version,
			char body[CERTID_BODY_MAX], size_t *body_len,
			identifier_problem *problem)
{
	size_t		n;

	problem_clear(problem);
	if (!require_ascii_part(type_code, type_code_len, "type code", problem) ||
		!require_ascii_part(issuer_code, issuer_code_len, "issuer code", problem) ||
		!require_ascii_part(serial, serial_len, "serial number", problem))
		return false;
	if (!check_type_code(type_code, type_code_len, problem) ||
		!check_issuer_code(issuer_code, issuer_code_len, problem))
		return false;
	if (!check_serial(serial, serial_len, problem))
		return false;
	if (version < 0 || version > 999)
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "The version is a number from 0 to 999, written with 3 digits.",
						   "The version is %d.", version);

	n = write_body(body, type_code, issuer_code, issuer_code_len, serial, serial_len, version);
	body[n] = body_check(body, n);
	*body_len = n + 1;
	return true;
}

bool
certid_parse(const char *text, size_t len, char body[CERTID_BODY_MAX],
			 size_t *body_len, identifier_problem *problem)
{
	const char *fields[5];
	size_t		field_len[5];
	int			nfields = 0;
	const char *p;
	const char *end;
	int			version;
	char		given;

	problem_clear(problem);
	trim_white_space(&text, &len);
	if (!require_printable_ascii(text, len, problem))
		return false;

	if (len == CERTID_ROOT_LENGTH - 1 && memcmp(text, CERTID_ROOT, len) == 0)
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "An electronic certificate identifier looks like 1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>.",
						   "The value is only the root 1.2.156.3005.2; the five parts after it are missing.");
	if (len < CERTID_ROOT_LENGTH || memcmp(text, CERTID_ROOT, CERTID_ROOT_LENGTH) != 0)
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "An electronic certificate identifier looks like 1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>.",
						   "The value does not start with the root 1.2.156.3005.2 of GB/T 36904.");

	p = text + CERTID_ROOT_LENGTH;
	end = text + len;
	while (p <= end)
	{
		const char *dot = memchr(p, '.', (size_t) (end - p));
		const char *stop = dot ? dot : end;

		if (nfields == 5)
		{
			nfields++;
			break;
		}
		fields[nfields] = p;
		field_len[nfields] = (size_t) (stop - p);
		nfields++;
		if (dot == NULL)
			break;
		p = dot + 1;
	}
	if (nfields != 5)
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "After the root come five parts separated by dots: type code, issuer code, serial number, version and check character.",
						   nfields > 5 ? "There are more than five parts after the root."
						   : nfields == 1 ? "There is 1 part after the root, not five."
						   : "There are %d parts after the root, not five.", nfields);

	if (field_len[3] != 3 || !all_digits(fields[3], 3))
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "The version is written with 3 digits, for example 001.",
						   "The version part \"%.*s\" is not 3 digits.",
						   (int) (field_len[3] < 10 ? field_len[3] : 10), fields[3]);
	version = (fields[3][0] - '0') * 100 + (fields[3][1] - '0') * 10 + (fields[3][2] - '0');

	if (field_len[4] != 1 || alphanumeric_value(ascii_upper(fields[4][0])) < 0)
		return problem_set(problem, IDENTIFIER_BAD_PART,
						   "The identifier ends with one check character, a digit or a letter.",
						   "The last part \"%.*s\" is not a single digit or letter.",
						   (int) (field_len[4] < 10 ? field_len[4] : 10), fields[4]);

	if (!certid_make(fields[0], field_len[0], fields[1], field_len[1],
					 fields[2], field_len[2], version, body, body_len, problem))
		return false;

	given = ascii_upper(fields[4][0]);
	if (body[*body_len - 1] != given)
		return problem_set(problem, IDENTIFIER_BAD_CHECK,
						   "A character is probably mistyped or two neighbouring characters swapped; yiwang.make_certid() computes the check character.",
						   "The check character should be %c, not %c.",
						   body[*body_len - 1], given);
	return true;
}

bool
certid_split(const char *body, size_t body_len, certid_parts *parts)
{
	const char *p = body;
	const char *end = body + body_len;
	const char *dot;
	size_t		n;

	/* type code */
	if (body_len < CERTID_TYPE_CODE_LENGTH + 1)
		return false;
	memcpy(parts->type_code, p, CERTID_TYPE_CODE_LENGTH);
	parts->type_code[CERTID_TYPE_CODE_LENGTH] = '\0';
	p += CERTID_TYPE_CODE_LENGTH + 1;

	/* issuer code */
	dot = memchr(p, '.', (size_t) (end - p));
	if (dot == NULL || (n = (size_t) (dot - p)) > USCC_LENGTH)
		return false;
	memcpy(parts->issuer_code, p, n);
	parts->issuer_code[n] = '\0';
	p = dot + 1;

	/* serial */
	dot = memchr(p, '.', (size_t) (end - p));
	if (dot == NULL || (n = (size_t) (dot - p)) > CERTID_SERIAL_MAX)
		return false;
	memcpy(parts->serial, p, n);
	parts->serial[n] = '\0';
	p = dot + 1;

	/* version and check: "VVV.C" */
	if (end - p != 5)
		return false;
	parts->version = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	parts->check = p[4];
	return true;
}
