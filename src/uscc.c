/*
 * uscc.c — SQL type yiwang.uscc (统一社会信用代码): I/O, casts, accessors.
 *
 * The value is the 16-byte big-endian key of uscc_parse.h, passed by
 * reference; ordering and hashing reuse PostgreSQL's uuid support functions,
 * whose byte order is the key's numeric order.  I/O, casts and checks are
 * the shared ones of key128_type.h.
 */
#include "postgres.h"

#include "fmgr.h"

#include "key128_type.h"
#include "uscc_parse.h"

static const key128_type uscc_type = {
	.name = "uscc",
	.text_length = USCC_LENGTH,
	.parse = uscc_parse,
	.format = uscc_format,
	.key_valid = uscc_key_valid,
};

PG_FUNCTION_INFO_V1(uscc_in);
Datum
uscc_in(PG_FUNCTION_ARGS)
{
	return key128_type_in(&uscc_type, fcinfo);
}

PG_FUNCTION_INFO_V1(uscc_out);
Datum
uscc_out(PG_FUNCTION_ARGS)
{
	return key128_type_out(&uscc_type, fcinfo);
}

PG_FUNCTION_INFO_V1(uscc_from_text);
Datum
uscc_from_text(PG_FUNCTION_ARGS)
{
	return key128_type_from_text(&uscc_type, fcinfo);
}

PG_FUNCTION_INFO_V1(uscc_to_text);
Datum
uscc_to_text(PG_FUNCTION_ARGS)
{
	return key128_type_to_text(&uscc_type, fcinfo);
}

PG_FUNCTION_INFO_V1(uscc_recv);
Datum
uscc_recv(PG_FUNCTION_ARGS)
{
	return key128_type_recv(&uscc_type, fcinfo);
}

PG_FUNCTION_INFO_V1(uscc_send);
Datum
uscc_send(PG_FUNCTION_ARGS)
{
	return key128_type_send(&uscc_type, fcinfo);
}

PG_FUNCTION_INFO_V1(uscc_valid);
Datum
uscc_valid(PG_FUNCTION_ARGS)
{
	return key128_type_valid(&uscc_type, fcinfo);
}

PG_FUNCTION_INFO_V1(uscc_error);
Datum
uscc_error(PG_FUNCTION_ARGS)
{
	return key128_type_error(&uscc_type, fcinfo);
}

PG_FUNCTION_INFO_V1(uscc_registration_authority);
Datum
uscc_registration_authority(PG_FUNCTION_ARGS)
{
	return key128_type_text_part(&uscc_type, fcinfo, 0, 1);
}

PG_FUNCTION_INFO_V1(uscc_organisation_category);
Datum
uscc_organisation_category(PG_FUNCTION_ARGS)
{
	return key128_type_text_part(&uscc_type, fcinfo, 1, 1);
}

PG_FUNCTION_INFO_V1(uscc_region);
Datum
uscc_region(PG_FUNCTION_ARGS)
{
	return key128_type_text_part(&uscc_type, fcinfo, 2, 6);
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
