/*
 * orgcode.c — SQL type yiwang.orgcode (组织机构代码): I/O, casts.
 *
 * The value is the 8-byte key of orgcode_parse.h, passed by value; ordering
 * and hashing reuse PostgreSQL's int8 support functions.  I/O, casts and
 * checks are the shared ones of key64_type.h.
 */
#include "postgres.h"

#include "fmgr.h"

#include "key64_type.h"
#include "orgcode_parse.h"

static const key64_type orgcode_type = {
	.name = "orgcode",
	.text_length = ORGCODE_TEXT_LENGTH,
	.parse = orgcode_parse,
	.format = orgcode_format,
	.key_valid = orgcode_key_valid,
};

PG_FUNCTION_INFO_V1(orgcode_in);
Datum
orgcode_in(PG_FUNCTION_ARGS)
{
	return key64_type_in(&orgcode_type, fcinfo);
}

PG_FUNCTION_INFO_V1(orgcode_out);
Datum
orgcode_out(PG_FUNCTION_ARGS)
{
	return key64_type_out(&orgcode_type, fcinfo);
}

PG_FUNCTION_INFO_V1(orgcode_from_text);
Datum
orgcode_from_text(PG_FUNCTION_ARGS)
{
	return key64_type_from_text(&orgcode_type, fcinfo);
}

PG_FUNCTION_INFO_V1(orgcode_to_text);
Datum
orgcode_to_text(PG_FUNCTION_ARGS)
{
	return key64_type_to_text(&orgcode_type, fcinfo);
}

PG_FUNCTION_INFO_V1(orgcode_recv);
Datum
orgcode_recv(PG_FUNCTION_ARGS)
{
	return key64_type_recv(&orgcode_type, fcinfo);
}

PG_FUNCTION_INFO_V1(orgcode_send);
Datum
orgcode_send(PG_FUNCTION_ARGS)
{
	return key64_type_send(&orgcode_type, fcinfo);
}

PG_FUNCTION_INFO_V1(orgcode_valid);
Datum
orgcode_valid(PG_FUNCTION_ARGS)
{
	return key64_type_valid(&orgcode_type, fcinfo);
}

PG_FUNCTION_INFO_V1(orgcode_error);
Datum
orgcode_error(PG_FUNCTION_ARGS)
{
	return key64_type_error(&orgcode_type, fcinfo);
}
