/*
 * fmgr_common.c — the shared error and binary-format helpers of the
 * identifier types, the module's magic block and its settings.
 */
#include "fmgr_common.h"

#include "access_spool.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* The module's settings, defined when a backend first loads it. */
void
_PG_init(void)
{
	define_access_spool_settings();
}

/* Messages quote the value, clipped to whole characters. */
#define QUOTED_VALUE_MAX_BYTES 120

void
report_invalid_identifier(const char *type_name, const char *text, size_t len,
						  const identifier_problem *problem)
{
	int			shown = pg_mbcliplen(text, (int) len, QUOTED_VALUE_MAX_BYTES);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%.*s%s\"",
					type_name, shown, text, (size_t) shown < len ? "..." : ""),
			 errdetail_internal("%s", problem->detail),
			 problem->hint[0] ? errhint("%s", problem->hint) : 0));
	pg_unreachable();
}

text *
problem_detail_text(const identifier_problem *problem)
{
	return cstring_to_text(problem->detail);
}

void
read_binary_format_version(StringInfo buf, const char *type_name)
{
	int			version = pq_getmsgbyte(buf);

	if (version != YIWANG_BINARY_FORMAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", version, type_name),
				 errdetail("This server reads binary format version %d.",
						   YIWANG_BINARY_FORMAT_VERSION),
				 errhint("Dump the data in text format, or upgrade the yiwang extension on this server.")));
}

void
begin_binary_value(StringInfo buf)
{
	pq_begintypsend(buf);
	pq_sendbyte(buf, YIWANG_BINARY_FORMAT_VERSION);
}

void
report_invalid_binary(const char *type_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary value for type %s", type_name),
			 errdetail("The value read is not one that a valid %s can have.", type_name)));
	pg_unreachable();
}
