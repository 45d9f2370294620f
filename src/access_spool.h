/*
 * access_spool.h — the spool of access-log entries whose transaction rolled
 * back (回滚读取的留痕).
 *
 * An access-log entry is a row written in the reader's transaction; if that
 * transaction rolls back, the row goes with it although the reader has the
 * data.  So every entry is also kept in backend memory until the
 * transaction ends: on commit it is forgotten, on rollback (of the
 * transaction or of the savepoint it was written under) it is written to a
 * spool file in the data directory, and a background worker appends it to
 * the log again, marked as rescued, in a transaction of its own.
 *
 * A spool file holds the entries of one rollback:
 *   "yiwang access spool 1\n", then per entry ACCESS_SPOOL_FIELDS fields,
 *   each "-\n" for NULL or "<byte length>:<bytes>\n", then "end\n".
 * Fields, in order: rescue key, read time (microseconds since 2000-01-01
 * UTC, decimal), actor kind, subject, department, role, action, object kind,
 * object id, holder idcard, holder uscc, purpose.
 * The file name is "<database oid>-<backend start>-<pid>-<n>.spool"; it is
 * written under a ".tmp" name, flushed, and renamed, so a file with the
 * final name is always whole.
 */
#ifndef YIWANG_ACCESS_SPOOL_H
#define YIWANG_ACCESS_SPOOL_H

#include "postgres.h"

/* under the data directory */
#define ACCESS_SPOOL_DIRECTORY "yiwang_access_spool"
#define ACCESS_SPOOL_HEADER "yiwang access spool 1\n"
#define ACCESS_SPOOL_TRAILER "end\n"
#define ACCESS_SPOOL_SUFFIX ".spool"
#define ACCESS_SPOOL_FIELDS 12

/* yiwang.rescue_reads_in_background: start the worker after a rollback */
extern bool rescue_reads_in_background;

extern void define_access_spool_settings(void);

/* The spool directory's path (MAXPGPATH bytes). */
extern void access_spool_directory(char *path);

/*
 * Remove a spool file once the current transaction, which appended its
 * entries, commits; forget it if the transaction rolls back.
 */
extern void access_spool_remove_at_commit(const char *path);

#endif
