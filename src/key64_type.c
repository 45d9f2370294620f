/*
 * key64_type.c — the shared fmgr functions of the 8-byte-key types (see
 * key64_type.h).  The Datum is the key itself, as an int8 Datum, so that
 * the int8 support functions order and hash it.
 */
#include "key64_type.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "fmgr_common.h"

static uint64_t
parse_or_report(const key64_type *type, const char *text, size_t len)
{
	uint64_t	key;
	identifier_problem problem;

	if (!type->parse(text, len, &key, &problem))
		report_invalid_identifier(type->name, text, len, &problem);
	return key;
}

static uint64_t
key_arg(FunctionCallInfo fcinfo, int n)
{
	return (uint64_t) PG_GETARG_INT64(n);
}

Datum
key64_type_in(const key64_type *type, FunctionCallInfo fcinfo)
{
	const char *text = PG_GETARG_CSTRING(0);

	PG_RETURN_INT64((int64) parse_or_report(type, text, strlen(text)));
}

Datum
key64_type_out(const key64_type *type, FunctionCallInfo fcinfo)
{
	char	   *out = palloc(type->text_length + 1);

	type->format(key_arg(fcinfo, 0), out);
	PG_RETURN_CSTRING(out);
}

Datum
key64_type_from_text(const key64_type *type, FunctionCallInfo fcinfo)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_INT64((int64) parse_or_report(type, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

Datum
key64_type_to_text(const key64_type *type, FunctionCallInfo fcinfo)
{
	char	   *out = palloc(type->text_length + 1);
	text	   *result;

	type->format(key_arg(fcinfo, 0), out);
	result = cstring_to_text_with_len(out, (int) type->text_length);
	pfree(out);
	PG_RETURN_TEXT_P(result);
}

/* Binary form: the version byte, then the key as a big-endian int8. */
Datum
key64_type_recv(const key64_type *type, FunctionCallInfo fcinfo)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint64_t	key;

	read_binary_format_version(buf, type->name);
	key = (uint64_t) pq_getmsgint64(buf);
	/* the bytes come from outside: only keys a parse could give are values */
	if (!type->key_valid(key))
		report_invalid_binary(type->name);
	PG_RETURN_INT64((int64) key);
}

Datum
key64_type_send(const key64_type *type, FunctionCallInfo fcinfo)
{
	StringInfoData buf;

	begin_binary_value(&buf);
	pq_sendint64(&buf, (int64) key_arg(fcinfo, 0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
key64_type_valid(const key64_type *type, FunctionCallInfo fcinfo)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint64_t	key;

	PG_RETURN_BOOL(type->parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &key, NULL));
}

/* The detail of what is wrong with the text, or NULL when it is valid. */
Datum
key64_type_error(const key64_type *type, FunctionCallInfo fcinfo)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint64_t	key;
	identifier_problem problem;

	if (type->parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &key, &problem))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(problem_detail_text(&problem));
}
