/*
 * key128_type.c — the shared fmgr functions of the 16-byte-key types (see
 * key128_type.h).  The Datum points to the 16 key bytes, the layout of a
 * uuid, so that the uuid support functions order and hash it.
 */
#include "key128_type.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "fmgr_common.h"

static Datum
parse_or_report(const key128_type *type, const char *text, size_t len)
{
	uint8_t    *key = palloc(KEY128_SIZE);
	identifier_problem problem;

	if (!type->parse(text, len, key, &problem))
		report_invalid_identifier(type->name, text, len, &problem);
	return PointerGetDatum(key);
}

static const uint8_t *
key_arg(FunctionCallInfo fcinfo, int n)
{
	return (const uint8_t *) PG_GETARG_POINTER(n);
}

Datum
key128_type_in(const key128_type *type, FunctionCallInfo fcinfo)
{
	const char *text = PG_GETARG_CSTRING(0);

	return parse_or_report(type, text, strlen(text));
}

Datum
key128_type_out(const key128_type *type, FunctionCallInfo fcinfo)
{
	char	   *out = palloc(type->text_length + 1);

	type->format(key_arg(fcinfo, 0), out);
	PG_RETURN_CSTRING(out);
}

Datum
key128_type_from_text(const key128_type *type, FunctionCallInfo fcinfo)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	return parse_or_report(type, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

Datum
key128_type_to_text(const key128_type *type, FunctionCallInfo fcinfo)
{
	return key128_type_text_part(type, fcinfo, 0, (int) type->text_length);
}

/* Binary form: the version byte, then the 16 key bytes as stored. */
Datum
key128_type_recv(const key128_type *type, FunctionCallInfo fcinfo)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint8_t    *key = palloc(KEY128_SIZE);

	read_binary_format_version(buf, type->name);
	pq_copymsgbytes(buf, (char *) key, KEY128_SIZE);
	/* the bytes come from outside: only keys a parse could give are values */
	if (!type->key_valid(key))
		report_invalid_binary(type->name);
	PG_RETURN_POINTER(key);
}

Datum
key128_type_send(const key128_type *type, FunctionCallInfo fcinfo)
{
	StringInfoData buf;

	begin_binary_value(&buf);
	pq_sendbytes(&buf, (const char *) key_arg(fcinfo, 0), KEY128_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
key128_type_valid(const key128_type *type, FunctionCallInfo fcinfo)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint8_t		key[KEY128_SIZE];

	PG_RETURN_BOOL(type->parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), key, NULL));
}

/* The detail of what is wrong with the text, or NULL when it is valid. */
Datum
key128_type_error(const key128_type *type, FunctionCallInfo fcinfo)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint8_t		key[KEY128_SIZE];
	identifier_problem problem;

	if (type->parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), key, &problem))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(problem_detail_text(&problem));
}

Datum
key128_type_text_part(const key128_type *type, FunctionCallInfo fcinfo, int start, int length)
{
	char	   *out = palloc(type->text_length + 1);
	text	   *result;

	Assert(start >= 0 && length >= 0 && (size_t) (start + length) <= type->text_length);
	type->format(key_arg(fcinfo, 0), out);
	result = cstring_to_text_with_len(out + start, length);
	pfree(out);
	PG_RETURN_TEXT_P(result);
}
