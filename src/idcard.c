/*
 * idcard.c — SQL type yiwang.idcard (公民身份号码): I/O, casts and accessors.
 *
 * The value is the 8-byte key of idcard_parse.h, passed by value; ordering
 * and hashing reuse PostgreSQL's int8 support functions (see sql/).
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "fmgr_common.h"
#include "idcard_parse.h"

#define TYPE_NAME "idcard"

#define DatumGetIdcard(d) ((idcard_key) DatumGetInt64(d))
#define PG_GETARG_IDCARD(n) DatumGetIdcard(PG_GETARG_DATUM(n))
#define PG_RETURN_IDCARD(k) PG_RETURN_INT64((int64) (k))

static idcard_key
parse_or_report(const char *text, size_t len)
{
	idcard_key	key;
	identifier_problem problem;

	if (!idcard_parse(text, len, &key, &problem))
		report_invalid_identifier(TYPE_NAME, text, len, &problem);
	return key;
}

PG_FUNCTION_INFO_V1(idcard_in);
Datum
idcard_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);

	PG_RETURN_IDCARD(parse_or_report(text, strlen(text)));
}

PG_FUNCTION_INFO_V1(idcard_out);
Datum
idcard_out(PG_FUNCTION_ARGS)
{
	char	   *out = palloc(IDCARD_LENGTH + 1);

	idcard_format(PG_GETARG_IDCARD(0), out);
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(idcard_from_text);
Datum
idcard_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_IDCARD(parse_or_report(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

PG_FUNCTION_INFO_V1(idcard_to_text);
Datum
idcard_to_text(PG_FUNCTION_ARGS)
{
	char		out[IDCARD_LENGTH + 1];

	idcard_format(PG_GETARG_IDCARD(0), out);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out, IDCARD_LENGTH));
}

PG_FUNCTION_INFO_V1(idcard_recv);
Datum
idcard_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	idcard_key	key;

	read_binary_format_version(buf, TYPE_NAME);
	key = (idcard_key) pq_getmsgint64(buf);
	if (!idcard_key_valid(key))
		report_invalid_binary(TYPE_NAME);
	PG_RETURN_IDCARD(key);
}

PG_FUNCTION_INFO_V1(idcard_send);
Datum
idcard_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	begin_binary_value(&buf);
	pq_sendint64(&buf, (int64) PG_GETARG_IDCARD(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(idcard_valid);
Datum
idcard_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	idcard_key	key;

	PG_RETURN_BOOL(idcard_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &key, NULL));
}

PG_FUNCTION_INFO_V1(idcard_error);
Datum
idcard_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	idcard_key	key;
	identifier_problem problem;

	if (idcard_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &key, &problem))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(problem_detail_text(&problem));
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
