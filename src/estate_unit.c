/*
 * estate_unit.c — SQL type yiwang.estate_unit (不动产单元代码): I/O, casts,
 * accessors.
 *
 * The value is the 16-byte big-endian key of estate_unit_parse.h, passed by
 * reference; ordering and hashing reuse PostgreSQL's uuid support functions.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "estate_unit_parse.h"
#include "fmgr_common.h"

#define TYPE_NAME "estate_unit"

static Datum
parse_or_report(const char *text, size_t len)
{
	uint8	   *key = palloc(KEY128_SIZE);
	identifier_problem problem;

	if (!estate_unit_parse(text, len, key, &problem))
		report_invalid_identifier(TYPE_NAME, text, len, &problem);
	return PointerGetDatum(key);
}

/* Characters [start, start + length) of argument 0's text form, as text. */
static Datum
text_part(FunctionCallInfo fcinfo, int start, int length)
{
	char		out[ESTATE_UNIT_LENGTH + 1];

	estate_unit_format((const uint8 *) PG_GETARG_POINTER(0), out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out + start, length));
}

PG_FUNCTION_INFO_V1(estate_unit_in);
Datum
estate_unit_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);

	return parse_or_report(text, strlen(text));
}

PG_FUNCTION_INFO_V1(estate_unit_out);
Datum
estate_unit_out(PG_FUNCTION_ARGS)
{
	char	   *out = palloc(ESTATE_UNIT_LENGTH + 1);

	estate_unit_format((const uint8 *) PG_GETARG_POINTER(0), out);
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(estate_unit_from_text);
Datum
estate_unit_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	return parse_or_report(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

PG_FUNCTION_INFO_V1(estate_unit_to_text);
Datum
estate_unit_to_text(PG_FUNCTION_ARGS)
{
	return text_part(fcinfo, 0, ESTATE_UNIT_LENGTH);
}

PG_FUNCTION_INFO_V1(estate_unit_recv);
Datum
estate_unit_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint8	   *key = palloc(KEY128_SIZE);

	read_binary_format_version(buf, TYPE_NAME);
	pq_copymsgbytes(buf, (char *) key, KEY128_SIZE);
	if (!estate_unit_key_valid(key))
		report_invalid_binary(TYPE_NAME);
	PG_RETURN_POINTER(key);
}

PG_FUNCTION_INFO_V1(estate_unit_send);
Datum
estate_unit_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	begin_binary_value(&buf);
	pq_sendbytes(&buf, (const char *) PG_GETARG_POINTER(0), KEY128_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(estate_unit_valid);
Datum
estate_unit_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint8		key[KEY128_SIZE];

	PG_RETURN_BOOL(estate_unit_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), key, NULL));
}

PG_FUNCTION_INFO_V1(estate_unit_error);
Datum
estate_unit_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint8		key[KEY128_SIZE];
	identifier_problem problem;

	if (estate_unit_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), key, &problem))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(problem_detail_text(&problem));
}

PG_FUNCTION_INFO_V1(estate_unit_county);
Datum
estate_unit_county(PG_FUNCTION_ARGS)
{
	return text_part(fcinfo, 0, 6);
}

PG_FUNCTION_INFO_V1(estate_unit_parcel);
Datum
estate_unit_parcel(PG_FUNCTION_ARGS)
{
	return text_part(fcinfo, 0, ESTATE_UNIT_PARCEL_CODE_LENGTH);
}

PG_FUNCTION_INFO_V1(estate_unit_fixture);
Datum
estate_unit_fixture(PG_FUNCTION_ARGS)
{
	return text_part(fcinfo, ESTATE_UNIT_FIXTURE_START, ESTATE_UNIT_FIXTURE_LENGTH);
}
