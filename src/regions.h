/*
 * regions.h — province-level codes of GB/T 2260, the first two digits of
 * every address and division code.
 *
 * Only the province is checked: county codes are retired and renumbered
 * every year, and a number issued under a retired county stays valid for
 * life.  Rejecting real numbers for a retired county is the commonest
 * complaint about identity-number validators.
 */
#ifndef YIWANG_REGIONS_H
#define YIWANG_REGIONS_H

#include <stdbool.h>

/* 11-15, 21-23, 31-37, 41-46, 50-54, 61-65: the mainland provinces. */
extern bool mainland_province(int code);

/*
 * Mainland, or 71 (Taiwan), 81 (Hong Kong), 82 (Macau), 83 (the residence
 * permits of Taiwan residents, 830000).
 */
extern bool identity_province(int code);

/* Human-readable list for hints. */
#define MAINLAND_PROVINCES_TEXT "11-15, 21-23, 31-37, 41-46, 50-54, 61-65"

#endif
