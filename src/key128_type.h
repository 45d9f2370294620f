/*
 * key128_type.h — the fmgr layer of the types whose value is a 16-byte key
 * (key128.h) passed by reference (uscc, estate_unit).
 *
 * Such types differ only in their name, text length and pure-C parser, so a
 * type describes itself once in a key128_type and its SQL-callable wrappers
 * hand that descriptor to the shared implementations here.
 */
#ifndef YIWANG_KEY128_TYPE_H
#define YIWANG_KEY128_TYPE_H

#include "postgres.h"

#include <stdint.h>

#include "fmgr.h"

#include "identifier_problem.h"
#include "key128.h"

typedef struct key128_type
{
	const char *name;			/* the SQL type name, as messages show it */
	size_t		text_length;	/* characters of the formatted text form */
	bool		(*parse) (const char *text, size_t len, uint8_t key[KEY128_SIZE],
						  identifier_problem *problem);
	void		(*format) (const uint8_t key[KEY128_SIZE], char *out);	/* text_length chars, NUL */
	bool		(*key_valid) (const uint8_t key[KEY128_SIZE]);	/* checks binary input */
} key128_type;

/* The I/O functions, the casts from and to text, and the valid/error checks. */
extern Datum key128_type_in(const key128_type *type, FunctionCallInfo fcinfo);
extern Datum key128_type_out(const key128_type *type, FunctionCallInfo fcinfo);
extern Datum key128_type_from_text(const key128_type *type, FunctionCallInfo fcinfo);
extern Datum key128_type_to_text(const key128_type *type, FunctionCallInfo fcinfo);
extern Datum key128_type_recv(const key128_type *type, FunctionCallInfo fcinfo);
extern Datum key128_type_send(const key128_type *type, FunctionCallInfo fcinfo);
extern Datum key128_type_valid(const key128_type *type, FunctionCallInfo fcinfo);
extern Datum key128_type_error(const key128_type *type, FunctionCallInfo fcinfo);

/*
 * Characters [start, start + length) of argument 0's text form, as text:
 * the accessors of these types are fixed positions in that form.
 */
extern Datum key128_type_text_part(const key128_type *type, FunctionCallInfo fcinfo,
								   int start, int length);

#endif
