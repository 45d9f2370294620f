/*
 * utf8.h — whether bytes are well-formed UTF-8.
 *
 * A rejected value's detail is shown to clients and returned as text by the
 * *_error() functions, so it must be valid UTF-8 whenever the input was.
 */
#ifndef YIWANG_TEST_UTF8_H
#define YIWANG_TEST_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF; NUL allowed. */
static inline bool
utf8_valid(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *) text;
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		size_t		extra;
		unsigned long code;

		if (c < 0x80)
		{
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			extra = 1, code = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			extra = 2, code = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			extra = 3, code = c & 0x07;
		else
			return false;
		if (len - i <= extra)
			return false;
		for (size_t k = 1; k <= extra; k++)
		{
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			code = (code << 6) | (s[i + k] & 0x3F);
		}
		if ((extra == 2 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
			(extra == 3 && (code < 0x10000 || code > 0x10FFFF)))
			return false;
		i += extra + 1;
	}
	return true;
}

#endif
