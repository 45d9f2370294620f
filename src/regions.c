/*
 * regions.c — province-level codes of GB/T 2260.
 */
#include "regions.h"

bool
mainland_province(int code)
{
	return (code >= 11 && code <= 15) ||
		(code >= 21 && code <= 23) ||
		(code >= 31 && code <= 37) ||
		(code >= 41 && code <= 46) ||
		(code >= 50 && code <= 54) ||
		(code >= 61 && code <= 65);
}

bool
identity_province(int code)
{
	return mainland_province(code) || code == 71 || (code >= 81 && code <= 83);
}
