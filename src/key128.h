/*
 * key128.h — a 16-byte key kept big-endian, so that byte order (memcmp, the
 * order of PostgreSQL's uuid comparison functions) is numeric order.
 *
 * Identifiers too wide for 8 bytes (the unified social credit code, the
 * real-estate unit code) are read as a mixed-radix number, one digit per
 * character in the order of the text, and stored in this form: equal texts
 * give equal keys and key order is text order.  The number is shifted to
 * the left end of the 16 bytes, so that the first 8 bytes, which sorting
 * compares first (abbreviated keys), are the ones that vary.
 */
#ifndef YIWANG_KEY128_H
#define YIWANG_KEY128_H

#include <stdint.h>

#define KEY128_SIZE 16

typedef unsigned __int128 key128_number;

static inline void
key128_store(key128_number number, uint8_t key[KEY128_SIZE])
{
	for (int i = KEY128_SIZE - 1; i >= 0; i--)
	{
		key[i] = (uint8_t) (number & 0xFF);
		number >>= 8;
	}
}

static inline key128_number
key128_load(const uint8_t key[KEY128_SIZE])
{
	key128_number number = 0;

	for (int i = 0; i < KEY128_SIZE; i++)
		number = (number << 8) | key[i];
	return number;
}

#endif
