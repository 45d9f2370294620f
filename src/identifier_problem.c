/*
 * identifier_problem.c — filling the problem record of a rejected identifier.
 */
#include "identifier_problem.h"

#include <stdarg.h>
#include <stdio.h>

bool
problem_set(identifier_problem *problem, identifier_status status,
			const char *hint, const char *detail_format,...)
{
	va_list		args;

	if (problem == NULL)
		return false;
	problem->status = status;
	va_start(args, detail_format);
	vsnprintf(problem->detail, sizeof(problem->detail), detail_format, args);
	va_end(args);
	snprintf(problem->hint, sizeof(problem->hint), "%s", hint ? hint : "");
	return false;
}

void
problem_clear(identifier_problem *problem)
{
	if (problem == NULL)
		return;
	problem->status = IDENTIFIER_OK;
	problem->detail[0] = '\0';
	problem->hint[0] = '\0';
}
