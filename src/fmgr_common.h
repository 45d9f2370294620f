/*
 * fmgr_common.h — what the SQL-callable wrappers of every identifier type
 * share: turning a problem record into an error, and the binary format's
 * leading version byte.
 */
#ifndef YIWANG_FMGR_COMMON_H
#define YIWANG_FMGR_COMMON_H

#include "postgres.h"

#include "lib/stringinfo.h"

#include "identifier_problem.h"

/*
 * Every binary (send/recv) form starts with this byte, so that the wire
 * format can change in a later release while old data still loads.
 */
#define YIWANG_BINARY_FORMAT_VERSION 1

/* ereport(ERROR) 22P02 naming the type and the value, with detail and hint. */
extern void report_invalid_identifier(const char *type_name, const char *text, size_t len,
									  const identifier_problem *problem) pg_attribute_noreturn();

/* The detail of a problem as a text datum (for the *_error functions). */
extern text *problem_detail_text(const identifier_problem *problem);

/* Read and check the version byte at the start of a binary value. */
extern void read_binary_format_version(StringInfo buf, const char *type_name);

/* Start a binary value with the version byte. */
extern void begin_binary_value(StringInfo buf);

/* ereport(ERROR) for binary input whose payload is no valid key. */
extern void report_invalid_binary(const char *type_name) pg_attribute_noreturn();

#endif
