/*
 * uscc.c — SQL type yiwang.uscc (统一社会信用代码): I/O, casts, accessors.
 *
 * The value is the 16-byte big-endian key of uscc_parse.h, passed by
 * reference; ordering and hashing reuse PostgreSQL's uuid support functions,
 * whose byte order is the key's numeric order.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "fmgr_common.h"
#include "orgcode_parse.h"
#include "uscc_parse.h"

#define TYPE_NAME "uscc"

static Datum
parse_or_report(const char *text, size_t len)
{
	uint8	   *key = palloc(KEY128_SIZE);
	identifier_problem problem;

	if (!uscc_parse(text, len, key, &problem))
		report_invalid_identifier(TYPE_NAME, text, len, &problem);
	return PointerGetDatum(key);
}

/* The 18-character form of argument n, NUL-terminated in out. */
static void
format_arg(FunctionCallInfo fcinfo, int n, char out[USCC_LENGTH + 1])
{
	uscc_format((const uint8 *) PG_GETARG_POINTER(n), out);
}

PG_FUNCTION_INFO_V1(uscc_in);
Datum
uscc_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);

	return parse_or_report(text, strlen(text));
}

PG_FUNCTION_INFO_V1(uscc_out);
Datum
uscc_out(PG_FUNCTION_ARGS)
{
	char	   *out = palloc(USCC_LENGTH + 1);

	format_arg(fcinfo, 0, out);
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(uscc_from_text);
Datum
uscc_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	return parse_or_report(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

PG_FUNCTION_INFO_V1(uscc_to_text);
Datum
uscc_to_text(PG_FUNCTION_ARGS)
{
	char		out[USCC_LENGTH + 1];

	format_arg(fcinfo, 0, out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, USCC_LENGTH));
}

PG_FUNCTION_INFO_V1(uscc_recv);
Datum
uscc_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint8	   *key = palloc(KEY128_SIZE);

	read_binary_format_version(buf, TYPE_NAME);
	pq_copymsgbytes(buf, (char *) key, KEY128_SIZE);
	if (!uscc_key_valid(key))
		report_invalid_binary(TYPE_NAME);
	PG_RETURN_POINTER(key);
}

PG_FUNCTION_INFO_V1(uscc_send);
Datum
uscc_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	begin_binary_value(&buf);
	pq_sendbytes(&buf, (const char *) PG_GETARG_POINTER(0), KEY128_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(uscc_valid);
Datum
uscc_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint8		key[KEY128_SIZE];

	PG_RETURN_BOOL(uscc_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), key, NULL));
}

PG_FUNCTION_INFO_V1(uscc_error);
Datum
uscc_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	uint8		key[KEY128_SIZE];
	identifier_problem problem;

	if (uscc_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), key, &problem))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(problem_detail_text(&problem));
}

PG_FUNCTION_INFO_V1(uscc_registration_authority);
Datum
uscc_registration_authority(PG_FUNCTION_ARGS)
{
	char		out[USCC_LENGTH + 1];

	format_arg(fcinfo, 0, out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, 1));
}

PG_FUNCTION_INFO_V1(uscc_organisation_category);
Datum
uscc_organisation_category(PG_FUNCTION_ARGS)
{
	char		out[USCC_LENGTH + 1];

	format_arg(fcinfo, 0, out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out + 1, 1));
}

PG_FUNCTION_INFO_V1(uscc_region);
Datum
uscc_region(PG_FUNCTION_ARGS)
{
	char		out[USCC_LENGTH + 1];

	format_arg(fcinfo, 0, out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out + 2, 6));
}

/* NULL when characters 9-17 are not a valid organisation code. */
PG_FUNCTION_INFO_V1(uscc_orgcode);
Datum
uscc_orgcode(PG_FUNCTION_ARGS)
{
	uint64		orgcode;

	if (!uscc_embedded_orgcode((const uint8 *) PG_GETARG_POINTER(0), &orgcode))
		PG_RETURN_NULL();
	PG_RETURN_INT64((int64) orgcode);
}
