/*
 * estate_unit.c — SQL type yiwang.estate_unit (不动产单元代码): I/O, casts,
 * accessors.
 *
 * The value is the 16-byte big-endian key of estate_unit_parse.h, passed by
 * reference; ordering and hashing reuse PostgreSQL's uuid support functions.
 * I/O, casts and checks are the shared ones of key128_type.h.
 */
#include "postgres.h"

#include "fmgr.h"

#include "estate_unit_parse.h"
#include "key128_type.h"

static const key128_type estate_unit_type = {
	.name = "estate_unit",
	.text_length = ESTATE_UNIT_LENGTH,
	.parse = estate_unit_parse,
	.format = estate_unit_format,
	.key_valid = estate_unit_key_valid,
};

PG_FUNCTION_INFO_V1(estate_unit_in);
Datum
estate_unit_in(PG_FUNCTION_ARGS)
{
	return key128_type_in(&estate_unit_type, fcinfo);
}

PG_FUNCTION_INFO_V1(estate_unit_out);
Datum
estate_unit_out(PG_FUNCTION_ARGS)
{
	return key128_type_out(&estate_unit_type, fcinfo);
}

PG_FUNCTION_INFO_V1(estate_unit_from_text);
Datum
estate_unit_from_text(PG_FUNCTION_ARGS)
{
	return key128_type_from_text(&estate_unit_type, fcinfo);
}

PG_FUNCTION_INFO_V1(estate_unit_to_text);
Datum
estate_unit_to_text(PG_FUNCTION_ARGS)
{
	return key128_type_to_text(&estate_unit_type, fcinfo);
}

PG_FUNCTION_INFO_V1(estate_unit_recv);
Datum
estate_unit_recv(PG_FUNCTION_ARGS)
{
	return key128_type_recv(&estate_unit_type, fcinfo);
}

PG_FUNCTION_INFO_V1(estate_unit_send);
Datum
estate_unit_send(PG_FUNCTION_ARGS)
{
	return key128_type_send(&estate_unit_type, fcinfo);
}

PG_FUNCTION_INFO_V1(estate_unit_valid);
Datum
estate_unit_valid(PG_FUNCTION_ARGS)
{
	return key128_type_valid(&estate_unit_type, fcinfo);
}

PG_FUNCTION_INFO_V1(estate_unit_error);
Datum
estate_unit_error(PG_FUNCTION_ARGS)
{
	return key128_type_error(&estate_unit_type, fcinfo);
}

PG_FUNCTION_INFO_V1(estate_unit_county);
Datum
estate_unit_county(PG_FUNCTION_ARGS)
{
	return key128_type_text_part(&estate_unit_type, fcinfo, 0, 6);
}

PG_FUNCTION_INFO_V1(estate_unit_parcel);
Datum
estate_unit_parcel(PG_FUNCTION_ARGS)
{
	return key128_type_text_part(&estate_unit_type, fcinfo, 0, ESTATE_UNIT_PARCEL_CODE_LENGTH);
}

PG_FUNCTION_INFO_V1(estate_unit_fixture);
Datum
estate_unit_fixture(PG_FUNCTION_ARGS)
{
	return key128_type_text_part(&estate_unit_type, fcinfo, ESTATE_UNIT_FIXTURE_START,
								 ESTATE_UNIT_FIXTURE_LENGTH);
}
