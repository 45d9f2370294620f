/*
 * certid.c — SQL type yiwang.certid (电子证照标识): I/O, casts, accessors
 * and make_certid.
 *
 * The value is a varlena holding the stored form of certid_parse.h (the text
 * after the constant root); ordering and hashing reuse PostgreSQL's bytea
 * support functions, whose byte order is the text order of identifiers.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "certid_parse.h"
#include "fmgr_common.h"

#define TYPE_NAME "certid"

static bytea *
stored_form(const char *body, size_t len)
{
	bytea	   *result = palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), body, len);
	return result;
}

static bytea *
parse_or_report(const char *text, size_t len)
{
	char		body[CERTID_BODY_MAX];
	size_t		body_len;
	identifier_problem problem;

	if (!certid_parse(text, len, body, &body_len, &problem))
		report_invalid_identifier(TYPE_NAME, text, len, &problem);
	return stored_form(body, body_len);
}

/* The parts of argument 0; stored forms always split. */
static void
parts_of_arg(FunctionCallInfo fcinfo, certid_parts *parts)
{
	bytea	   *value = PG_GETARG_BYTEA_PP(0);

	if (!certid_split(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value), parts))
		report_invalid_binary(TYPE_NAME);
}

static char *
full_text(bytea *value)
{
	size_t		len = VARSIZE_ANY_EXHDR(value);
	char	   *out = palloc(CERTID_ROOT_LENGTH + len + 1);

	memcpy(out, CERTID_ROOT, CERTID_ROOT_LENGTH);
	memcpy(out + CERTID_ROOT_LENGTH, VARDATA_ANY(value), len);
	out[CERTID_ROOT_LENGTH + len] = '\0';
	return out;
}

PG_FUNCTION_INFO_V1(certid_in);
Datum
certid_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);

	PG_RETURN_BYTEA_P(parse_or_report(text, strlen(text)));
}

PG_FUNCTION_INFO_V1(certid_out);
Datum
certid_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(full_text(PG_GETARG_BYTEA_PP(0)));
}

PG_FUNCTION_INFO_V1(certid_from_text);
Datum
certid_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BYTEA_P(parse_or_report(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

PG_FUNCTION_INFO_V1(certid_to_text);
Datum
certid_to_text(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(full_text(PG_GETARG_BYTEA_PP(0))));
}

PG_FUNCTION_INFO_V1(certid_recv);
Datum
certid_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len;
	const char *text;
	char		body[CERTID_BODY_MAX];
	size_t		body_len;

	read_binary_format_version(buf, TYPE_NAME);
	len = buf->len - buf->cursor;
	text = pq_getmsgbytes(buf, len);
	/* the payload is the full text form: check it as text input would */
	if (!certid_parse(text, (size_t) len, body, &body_len, NULL))
		report_invalid_binary(TYPE_NAME);
	PG_RETURN_BYTEA_P(stored_form(body, body_len));
}

PG_FUNCTION_INFO_V1(certid_send);
Datum
certid_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	char	   *text = full_text(PG_GETARG_BYTEA_PP(0));

	begin_binary_value(&buf);
	pq_sendbytes(&buf, text, (int) strlen(text));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(certid_valid);
Datum
certid_valid(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char		body[CERTID_BODY_MAX];
	size_t		body_len;

	PG_RETURN_BOOL(certid_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), body, &body_len, NULL));
}

PG_FUNCTION_INFO_V1(certid_error);
Datum
certid_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char		body[CERTID_BODY_MAX];
	size_t		body_len;
	identifier_problem problem;

	if (certid_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), body, &body_len, &problem))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(problem_detail_text(&problem));
}

PG_FUNCTION_INFO_V1(certid_make_sql);
Datum
certid_make_sql(PG_FUNCTION_ARGS)
{
	text	   *type_code = PG_GETARG_TEXT_PP(0);
	text	   *issuer_code = PG_GETARG_TEXT_PP(1);
	text	   *serial = PG_GETARG_TEXT_PP(2);
	int32		version = PG_GETARG_INT32(3);
	char		body[CERTID_BODY_MAX];
	size_t		body_len;
	identifier_problem problem;

	if (!certid_make(VARDATA_ANY(type_code), VARSIZE_ANY_EXHDR(type_code),
					 VARDATA_ANY(issuer_code), VARSIZE_ANY_EXHDR(issuer_code),
					 VARDATA_ANY(serial), VARSIZE_ANY_EXHDR(serial),
					 version, body, &body_len, &problem))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot make a certid from these parts"),
				 errdetail_internal("%s", problem.detail),
				 problem.hint[0] ? errhint("%s", problem.hint) : 0));
	PG_RETURN_BYTEA_P(stored_form(body, body_len));
}

PG_FUNCTION_INFO_V1(certid_type_code);
Datum
certid_type_code(PG_FUNCTION_ARGS)
{
	certid_parts parts;

	parts_of_arg(fcinfo, &parts);
	PG_RETURN_TEXT_P(cstring_to_text(parts.type_code));
}

PG_FUNCTION_INFO_V1(certid_issuer_code);
Datum
certid_issuer_code(PG_FUNCTION_ARGS)
{
	certid_parts parts;

	parts_of_arg(fcinfo, &parts);
	PG_RETURN_TEXT_P(cstring_to_text(parts.issuer_code));
}

PG_FUNCTION_INFO_V1(certid_serial);
Datum
certid_serial(PG_FUNCTION_ARGS)
{
	certid_parts parts;

	parts_of_arg(fcinfo, &parts);
	PG_RETURN_TEXT_P(cstring_to_text(parts.serial));
}

PG_FUNCTION_INFO_V1(certid_version);
Datum
certid_version(PG_FUNCTION_ARGS)
{
	certid_parts parts;

	parts_of_arg(fcinfo, &parts);
	PG_RETURN_INT32(parts.version);
}
