/*
 * idcard.c — SQL type yiwang.idcard (公民身份号码): I/O, casts and accessors.
 *
 * The value is the 8-byte key of idcard_parse.h, passed by value; ordering
 * and hashing reuse PostgreSQL's int8 support functions (see sql/).  I/O,
 * casts and checks are the shared ones of key64_type.h.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "idcard_parse.h"
#include "key64_type.h"

#define DatumGetIdcard(d) ((idcard_key) DatumGetInt64(d))
#define PG_GETARG_IDCARD(n) DatumGetIdcard(PG_GETARG_DATUM(n))

static const key64_type idcard_type = {
	.name = "idcard",
	.text_length = IDCARD_LENGTH,
	.parse = idcard_parse,
	.format = idcard_format,
	.key_valid = idcard_key_valid,
};

PG_FUNCTION_INFO_V1(idcard_in);
Datum
idcard_in(PG_FUNCTION_ARGS)
{
	return key64_type_in(&idcard_type, fcinfo);
}

PG_FUNCTION_INFO_V1(idcard_out);
Datum
idcard_out(PG_FUNCTION_ARGS)
{
	return key64_type_out(&idcard_type, fcinfo);
}

PG_FUNCTION_INFO_V1(idcard_from_text);
Datum
idcard_from_text(PG_FUNCTION_ARGS)
{
	return key64_type_from_text(&idcard_type, fcinfo);
}

PG_FUNCTION_INFO_V1(idcard_to_text);
Datum
idcard_to_text(PG_FUNCTION_ARGS)
{
	return key64_type_to_text(&idcard_type, fcinfo);
}

PG_FUNCTION_INFO_V1(idcard_recv);
Datum
idcard_recv(PG_FUNCTION_ARGS)
{
	return key64_type_recv(&idcard_type, fcinfo);
}

PG_FUNCTION_INFO_V1(idcard_send);
Datum
idcard_send(PG_FUNCTION_ARGS)
{
	return key64_type_send(&idcard_type, fcinfo);
}

PG_FUNCTION_INFO_V1(idcard_valid);
Datum
idcard_valid(PG_FUNCTION_ARGS)
{
	return key64_type_valid(&idcard_type, fcinfo);
}

PG_FUNCTION_INFO_V1(idcard_error);
Datum
idcard_error(PG_FUNCTION_ARGS)
{
	return key64_type_error(&idcard_type, fcinfo);
}

PG_FUNCTION_INFO_V1(idcard_birth_date_sql);
Datum
idcard_birth_date_sql(PG_FUNCTION_ARGS)
{
	int			year,
				month,
				day;

	idcard_birth_date(PG_GETARG_IDCARD(0), &year, &month, &day);
	PG_RETURN_DATEADT(date2j(year, month, day) - POSTGRES_EPOCH_JDATE);
}

PG_FUNCTION_INFO_V1(idcard_sex);
Datum
idcard_sex(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(idcard_is_male(PG_GETARG_IDCARD(0)) ? "M" : "F"));
}

PG_FUNCTION_INFO_V1(idcard_region_sql);
Datum
idcard_region_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%06u", idcard_region(PG_GETARG_IDCARD(0)))));
}

PG_FUNCTION_INFO_V1(idcard_age);
Datum
idcard_age(PG_FUNCTION_ARGS)
{
	idcard_key	key = PG_GETARG_IDCARD(0);
	DateADT		on = PG_GETARG_DATEADT(1);
	int			birth_year,
				birth_month,
				birth_day;
	int			year,
				month,
				day;
	int			age;

	if (DATE_NOT_FINITE(on))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compute an age on an infinite date"),
				 errdetail("The date given is %s.", DATE_IS_NOBEGIN(on) ? "-infinity" : "infinity"),
				 errhint("Give a calendar date, such as current_date.")));

	idcard_birth_date(key, &birth_year, &birth_month, &birth_day);
	j2date(on + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	if (year < birth_year ||
		(year == birth_year && (month < birth_month ||
								(month == birth_month && day < birth_day))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("date %s is before the birth date of the identity number",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(on)))),
				 errdetail("The number gives the birth date %04d-%02d-%02d.",
						   birth_year, birth_month, birth_day),
				 errhint("Give a date on or after the birth date.")));

	/* completed years (周岁): the birthday itself counts */
	age = year - birth_year;
	if (month < birth_month || (month == birth_month && day < birth_day))
		age--;
	PG_RETURN_INT32(age);
}

PG_FUNCTION_INFO_V1(idcard_mask_sql);
Datum
idcard_mask_sql(PG_FUNCTION_ARGS)
{
	char		out[IDCARD_LENGTH + 1];

	idcard_mask(PG_GETARG_IDCARD(0), out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, IDCARD_LENGTH));
}

PG_FUNCTION_INFO_V1(idcard_kind);
Datum
idcard_kind(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(idcard_holder_kind(PG_GETARG_IDCARD(0))));
}
