/*
 * identifier_text.h — reading the text of an identifier as people type it:
 * surrounding white space, lower case, and characters counted as characters
 * (UTF-8), so that a number typed with a Chinese input method's full-width
 * digits is described as the person sees it.
 */
#ifndef YIWANG_IDENTIFIER_TEXT_H
#define YIWANG_IDENTIFIER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "identifier_problem.h"

static inline bool
ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Drop ASCII white space at both ends (inline: every parse starts here). */
static inline void
trim_white_space(const char **text, size_t *len)
{
	while (*len > 0 && ascii_space((*text)[0]))
		(*text)++, (*len)--;
	while (*len > 0 && ascii_space((*text)[*len - 1]))
		(*len)--;
}

/* ASCII a-z to A-Z; every other byte unchanged. */
static inline char
ascii_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

/* Number of characters: bytes that do not continue a UTF-8 sequence. */
extern size_t character_count(const char *text, size_t len);

/* "character" or "characters" for a count. */
#define CHARACTERS(n) ((n) == 1 ? "character" : "characters")

/*
 * The hint for text of the wrong length: about full-width characters when
 * the text has any (an ideographic space adds a character nobody sees),
 * otherwise the given hint.
 */
extern const char *length_hint(const char *text, size_t len, const char *otherwise);

/*
 * Fail with IDENTIFIER_BAD_CHARACTER at the first character that is not
 * printable ASCII, describing it as typed ("１" (U+FF11), the byte 0x01);
 * the hint names full-width forms when the text has any.  Returns true when
 * every byte is printable ASCII.
 */
extern bool require_printable_ascii(const char *text, size_t len, identifier_problem *problem);

#endif
