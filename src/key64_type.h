/*
 * key64_type.h — the fmgr layer of the types whose value is an 8-byte key
 * passed by value (idcard, orgcode).
 *
 * Such types differ only in their name, text length and pure-C parser, so a
 * type describes itself once in a key64_type and its SQL-callable wrappers
 * hand that descriptor to the shared implementations here.
 */
#ifndef YIWANG_KEY64_TYPE_H
#define YIWANG_KEY64_TYPE_H

#include "postgres.h"

#include <stdint.h>

#include "fmgr.h"

#include "identifier_problem.h"

typedef struct key64_type
{
	const char *name;			/* the SQL type name, as messages show it */
	size_t		text_length;	/* characters of the formatted text form */
	bool		(*parse) (const char *text, size_t len, uint64_t *key,
						  identifier_problem *problem);
	void		(*format) (uint64_t key, char *out);	/* text_length chars, NUL */
	bool		(*key_valid) (uint64_t key);	/* checks binary input */
} key64_type;

/* The I/O functions, the casts from and to text, and the valid/error checks. */
extern Datum key64_type_in(const key64_type *type, FunctionCallInfo fcinfo);
extern Datum key64_type_out(const key64_type *type, FunctionCallInfo fcinfo);
extern Datum key64_type_from_text(const key64_type *type, FunctionCallInfo fcinfo);
extern Datum key64_type_to_text(const key64_type *type, FunctionCallInfo fcinfo);
extern Datum key64_type_recv(const key64_type *type, FunctionCallInfo fcinfo);
extern Datum key64_type_send(const key64_type *type, FunctionCallInfo fcinfo);
extern Datum key64_type_valid(const key64_type *type, FunctionCallInfo fcinfo);
extern Datum key64_type_error(const key64_type *type, FunctionCallInfo fcinfo);

#endif
