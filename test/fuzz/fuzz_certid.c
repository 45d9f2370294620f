/*
 * fuzz_certid.c — libFuzzer target for certid_parse, certid_make and
 * certid_split.
 *
 * The whole input is parsed as an identifier.  An input that also reads as
 * "type|issuer|serial|version" is handed to certid_make in parts, each part a
 * heap block of exactly its length, so that a read or write past any buffer
 * is caught.  Either way an accepted value's stored form must be capitals,
 * split into its parts, be rebuilt from them, and parse back to itself.
 */
#include <stdint.h>
#include <string.h>

#include "certid_parse.h"
#include "fuzz_invariants.h"

static bool
stored_form_characters(const char *body, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!((body[i] >= '0' && body[i] <= '9') || (body[i] >= 'A' && body[i] <= 'Z') || body[i] == '.'))
			return false;
	return true;
}

/* Invariants of a stored form from a successful parse or make. */
static void
check_stored_form(const char *body, size_t body_len)
{
	certid_parts parts;
	char		rebuilt[CERTID_BODY_MAX];
	size_t		rebuilt_len = 0;
	char		text[CERTID_ROOT_LENGTH + CERTID_BODY_MAX];
	identifier_problem problem;

	REQUIRE(body_len > 0 && body_len <= CERTID_BODY_MAX, "stored form length");
	REQUIRE(stored_form_characters(body, body_len), "stored form has characters other than 0-9A-Z and dots");

	REQUIRE(certid_split(body, body_len, &parts), "stored form does not split");
	REQUIRE(parts.version >= 0 && parts.version <= 999, "split version out of range");
	REQUIRE(certid_make(parts.type_code, strlen(parts.type_code), parts.issuer_code, strlen(parts.issuer_code),
						parts.serial, strlen(parts.serial), parts.version, rebuilt, &rebuilt_len, &problem),
			"parts of a stored form are not accepted by make");
	REQUIRE(rebuilt_len == body_len && memcmp(rebuilt, body, body_len) == 0, "make from the parts differs");
	REQUIRE(rebuilt[rebuilt_len - 1] == parts.check, "split check differs");

	memcpy(text, CERTID_ROOT, CERTID_ROOT_LENGTH);
	memcpy(text + CERTID_ROOT_LENGTH, body, body_len);
	REQUIRE(certid_parse(text, CERTID_ROOT_LENGTH + body_len, rebuilt, &rebuilt_len, &problem),
			"root and stored form do not parse");
	REQUIRE(rebuilt_len == body_len && memcmp(rebuilt, body, body_len) == 0, "reparse gives another stored form");
}

/* A version written in decimal, kept within +-10^7 so it stays an int. */
static int
read_version(const char *text, size_t len)
{
	long		value = 0;
	bool		negative = len > 0 && text[0] == '-';

	for (size_t i = negative ? 1 : 0; i < len; i++)
	{
		if (text[i] < '0' || text[i] > '9')
			return 1;
		if (value < 10000000)
			value = value * 10 + (text[i] - '0');
	}
	return (int) (negative ? -value : value);
}

static void
fuzz_make(const char *data, size_t size)
{
	const char *start[4];
	size_t		len[4];
	const char *p = data;
	const char *end = data + size;
	char	   *copies[3];
	char		body[CERTID_BODY_MAX];
	size_t		body_len = 0;
	identifier_problem problem;
	bool		made;
	bool		made_quietly;
	bool		all_utf8 = true;

	for (int i = 0; i < 4; i++)
	{
		const char *bar = i < 3 ? memchr(p, '|', (size_t) (end - p)) : NULL;

		if (i < 3 && bar == NULL)
			return;
		start[i] = p;
		len[i] = (size_t) ((bar ? bar : end) - p);
		p = bar ? bar + 1 : end;
	}
	for (int i = 0; i < 3; i++)
	{
		copies[i] = fuzz_exact_copy(start[i], len[i]);
		all_utf8 = all_utf8 && utf8_valid(start[i], len[i]);
	}

	made_quietly = certid_make(copies[0], len[0], copies[1], len[1], copies[2], len[2],
							   read_version(start[3], len[3]), body, &body_len, NULL);
	memset(&problem, 'A', sizeof(problem));
	made = certid_make(copies[0], len[0], copies[1], len[1], copies[2], len[2],
					   read_version(start[3], len[3]), body, &body_len, &problem);
	REQUIRE(made == made_quietly, "make's result depends on the problem record");
	if (made)
	{
		require_clear_problem(&problem);
		check_stored_form(body, body_len);
	}
	else
		require_usable_problem(&problem, all_utf8 ? "" : "\xFF", all_utf8 ? 0 : 1);

	for (int i = 0; i < 3; i++)
		free(copies[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_exact_copy(data, size);
	identifier_problem problem;
	char		body[CERTID_BODY_MAX];
	size_t		body_len = 0;
	certid_parts parts;
	char		again[CERTID_BODY_MAX];
	size_t		again_len = 0;
	bool		accepted;

	memset(&problem, 'A', sizeof(problem));
	accepted = certid_parse(input, size, body, &body_len, &problem);
	REQUIRE(certid_parse(input, size, again, &again_len, NULL) == accepted,
			"result depends on the problem record");
	if (accepted)
	{
		const char *trimmed = input;
		size_t		trimmed_len = size;

		require_clear_problem(&problem);
		REQUIRE(again_len == body_len && memcmp(again, body, body_len) == 0,
				"stored form depends on the problem record");
		check_stored_form(body, body_len);
		/* the stored form is the text after the root, in capitals */
		fuzz_trim(&trimmed, &trimmed_len);
		REQUIRE(trimmed_len == CERTID_ROOT_LENGTH + body_len &&
				fuzz_equal_ignoring_case(trimmed + CERTID_ROOT_LENGTH, body, body_len),
				"stored form is not the text after the root");
	}
	else
		require_usable_problem(&problem, input, size);

	fuzz_make(input, size);

	/* split reads only what it is given, whatever it is given */
	(void) certid_split(input, size, &parts);

	free(input);
	return 0;
}
