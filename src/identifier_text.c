/*
 * identifier_text.c — white space, case and characters of identifier text.
 */
#include "identifier_text.h"

#include <stdint.h>
#include <stdio.h>

size_t
character_count(const char *text, size_t len)
{
	size_t		count = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char) text[i] & 0xC0) != 0x80)
			count++;
	return count;
}

/* Length of the UTF-8 sequence starting at text[0], 1 if it is not one. */
static size_t
sequence_length(const unsigned char *text, size_t available, uint32_t *code_point)
{
	size_t		n;
	uint32_t	value;

	if (text[0] >= 0xF0 && text[0] <= 0xF4)
		n = 4, value = text[0] & 0x07;
	else if (text[0] >= 0xE0)
		n = 3, value = text[0] & 0x0F;
	else if (text[0] >= 0xC2 && text[0] <= 0xDF)
		n = 2, value = text[0] & 0x1F;
	else
		return 1;
	if (n > available)
		return 1;
	for (size_t i = 1; i < n; i++)
	{
		if ((text[i] & 0xC0) != 0x80)
			return 1;
		value = (value << 6) | (text[i] & 0x3F);
	}
	*code_point = value;
	return n;
}

/* Full-width ASCII forms U+FF01-FF5E and the ideographic space U+3000. */
static bool
has_full_width_forms(const char *text, size_t len)
{
	for (size_t i = 0; i < len;)
	{
		uint32_t	code_point = 0;
		size_t		n = sequence_length((const unsigned char *) text + i, len - i, &code_point);

		if (n > 1 && ((code_point >= 0xFF01 && code_point <= 0xFF5E) || code_point == 0x3000))
			return true;
		i += n;
	}
	return false;
}

#define FULL_WIDTH_HINT "The value has full-width characters, as a Chinese input method types them; enter the identifier with half-width digits and letters."

const char *
length_hint(const char *text, size_t len, const char *otherwise)
{
	return has_full_width_forms(text, len) ? FULL_WIDTH_HINT : otherwise;
}

bool
require_printable_ascii(const char *text, size_t len, identifier_problem *problem)
{
	size_t		character = 0;

	for (size_t i = 0; i < len;)
	{
		unsigned char c = (unsigned char) text[i];
		uint32_t	code_point = 0;
		size_t		n;

		character++;
		if (c >= 0x20 && c < 0x7F)
		{
			i++;
			continue;
		}
		n = sequence_length((const unsigned char *) text + i, len - i, &code_point);
		if (n > 1)
			return problem_set(problem, IDENTIFIER_BAD_CHARACTER,
							   length_hint(text, len, "Identifiers are written with ASCII digits and letters."),
							   "Character %zu is \"%.*s\" (U+%04X), not an ASCII digit or letter.",
							   character, (int) n, text + i, (unsigned) code_point);
		return problem_set(problem, IDENTIFIER_BAD_CHARACTER,
						   "Identifiers are written with ASCII digits and letters.",
						   "Character %zu is the byte 0x%02X, not a digit or letter.",
						   character, c);
	}
	return true;
}
