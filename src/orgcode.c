/*
 * orgcode.c — SQL type yiwang.orgcode (组织机构代码): I/O, casts.
 *
 * The value is the 8-byte key of orgcode_parse.h, passed by value; ordering
 * and hashing reuse PostgreSQL's int8 support functions.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "fmgr_common.h"
#include "orgcode_parse.h"

#define TYPE_NAME "orgcode"

static uint64
parse_or_report(const char *text, size_t len)
{
	uint64		key;
	identifier_problem problem;

	if (!orgcode_parse(text, len, &key, &problem))
		report_invalid_identifier(TYPE_NAME, text, len, &problem);
	return key;
}

PG_FUNCTION_INFO_V1(orgcode_in);
Datum
orgcode_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);

	PG_RETURN_INT64((int64) parse_or_report(text, strlen(text)));
}

PG_FUNCTION_INFO_V1(orgcode_out);
Datum
orgcode_out(PG_FUNCTION_ARGS)
{
	char	   *out = palloc(ORGCODE_TEXT_LENGTH + 1);

	orgcode_format((uint64) PG_GETARG_INT64(0), out);
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(orgcode_from_text);
Datum
orgcode_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_INT64((int64) parse_or_report(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

PG_FUNCTION_INFO_V1(orgcode_to_text);
Datum
orgcode_to_text(PG_FUNCTION_ARGS)
{
	char		out[ORGCODE_TEXT_LENGTH + 1];

	orgcode_format((uint64) PG_GETARG_INT64(0), out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, ORGCODE_TEXT_LENGTH));
}

PG_FUNCTION_INFO_V1(orgcode_recv);
Datum
orgcode_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint64		key;

	read_binary_format_version(buf, TYPE_NAME);
	key = (uint64) pq_getmsgint64(buf);
	if (!orgcode_key_valid(key))
		report_invalid_binary(TYPE_NAME);
	PG_RETURN_INT64((int64) key);
}

PG_FUNCTION_INFO_V1(orgcode_send);
Datum
orgcode_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	begin_binary_value(&buf);
	pq_sendint64(&buf, PG_GETARG_INT64(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(orgcode_valid);
Datum
orgcode_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint64		key;

	PG_RETURN_BOOL(orgcode_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &key, NULL));
}

PG_FUNCTION_INFO_V1(orgcode_error);
Datum
orgcode_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint64		key;
	identifier_problem problem;

	if (orgcode_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &key, &problem))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(problem_detail_text(&problem));
}
