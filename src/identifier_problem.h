/*
 * identifier_problem.h — what is wrong with a rejected identifier.
 *
 * The parsers in this directory do not include PostgreSQL headers, so they
 * cannot raise errors themselves.  They fill a problem record instead: the
 * fmgr layer turns it into ereport(), the unit tests and fuzz targets read it
 * directly, and the *_error(text) SQL functions return its detail.
 */
#ifndef YIWANG_IDENTIFIER_PROBLEM_H
#define YIWANG_IDENTIFIER_PROBLEM_H

#include <stdbool.h>
#include <stddef.h>

typedef enum identifier_status
{
	IDENTIFIER_OK = 0,
	IDENTIFIER_BAD_LENGTH,		/* wrong number of characters */
	IDENTIFIER_BAD_CHARACTER,	/* a character outside the position's alphabet */
	IDENTIFIER_BAD_REGION,		/* province or division code unknown */
	IDENTIFIER_BAD_DATE,		/* embedded date is not a calendar date */
	IDENTIFIER_BAD_CHECK,		/* check character does not match */
	IDENTIFIER_BAD_PART			/* a structural part has the wrong form */
} identifier_status;

#define IDENTIFIER_MESSAGE_SIZE 320

typedef struct identifier_problem
{
	identifier_status status;
	char		detail[IDENTIFIER_MESSAGE_SIZE];	/* one full sentence */
	char		hint[IDENTIFIER_MESSAGE_SIZE];	/* empty when no fix helps */
} identifier_problem;

/* Record a problem; returns false so parsers can "return problem_set(...)". */
extern bool problem_set(identifier_problem *problem, identifier_status status,
						const char *hint, const char *detail_format,...)
			__attribute__((format(printf, 4, 5)));

/* Clear a record before parsing. */
extern void problem_clear(identifier_problem *problem);

#endif
