/*
 * check_characters.h — the check-character algorithms of the national
 * identifier standards.
 *
 *   GB 11643  citizen identity number    ISO 7064 MOD 11-2
 *   GB 32100  unified social credit code weighted sum mod 31
 *   GB 11714  organisation code          weighted sum mod 11
 *   GB/T 36904 certificate identifier    ISO 7064 MOD 37,36 (hybrid)
 *
 * Each function returns the value of the check character, not the character;
 * the *_CHARACTER helpers turn a value into its printed form.
 */
#ifndef YIWANG_CHECK_CHARACTERS_H
#define YIWANG_CHECK_CHARACTERS_H

#include <stddef.h>
#include <stdint.h>

/* GB 32100 alphabet: digits and capitals without I, O, S, V, Z (values 0-30). */
#define USCC_ALPHABET "0123456789ABCDEFGHJKLMNPQRTUWXY"

/* Value of a character in the GB 32100 alphabet, or -1 (upper case only). */
extern int	uscc_character_value(char c);

/* Value 0-35 of a digit or capital letter (0-9, A-Z), or -1. */
extern int	alphanumeric_value(char c);

/* ISO 7064 MOD 11-2 over 17 decimal digit values: 0-10, where 10 prints X. */
extern int	mod11_2_check(const uint8_t digits[17]);
#define MOD11_2_CHARACTER(v) ("0123456789X"[(v)])

/* GB 32100 over 17 alphabet values: 0-30, printed from USCC_ALPHABET. */
extern int	uscc_check(const uint8_t values[17]);

/* GB 11714 over 8 body values (0-35): 0-10, where 10 prints X. */
extern int	orgcode_check(const uint8_t values[8]);
#define ORGCODE_CHARACTER(v) ("0123456789X"[(v)])

/*
 * ISO 7064 MOD 37,36 over characters 0-9A-Z: 0-35, printed as 0-9A-Z.
 * Returns -1 if a character is outside that alphabet.
 */
extern int	mod37_36_check(const char *text, size_t len);
#define ALPHANUMERIC_CHARACTER(v) ("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(v)])

#endif
