/*
 * access_rescue.c — appending the spooled entries of rolled-back reads to the
 * access log again (see access_spool.h), by the background worker that a
 * rollback starts or by yiwang.rescue_rolled_back_reads() after a crash.
 *
 * Each entry carries a rescue key; yiwang.access_log_append_rescued skips a
 * key the log already has, so a file that two rescues read, or that a crash
 * kept after its entries were committed, is appended once.
 */
#include "access_spool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(rescue_rolled_back_reads);
PG_FUNCTION_INFO_V1(rolled_back_reads_waiting);
PGDLLEXPORT void access_rescue_worker_main(Datum main_arg);

/* One parsed entry: pointers into the file's bytes, NULL for NULL fields. */
typedef struct spooled_entry
{
	char	   *fields[ACCESS_SPOOL_FIELDS];
	int			lengths[ACCESS_SPOOL_FIELDS];
} spooled_entry;

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The database a spool file belongs to, from its name; InvalidOid if not a spool file. */
static Oid
spool_file_database(const char *name)
{
	size_t		length = strlen(name);
	char	   *end;
	unsigned long oid;

	if (length <= strlen(ACCESS_SPOOL_SUFFIX) ||
		strcmp(name + length - strlen(ACCESS_SPOOL_SUFFIX), ACCESS_SPOOL_SUFFIX) != 0)
		return InvalidOid;
	errno = 0;
	oid = strtoul(name, &end, 10);
	if (errno != 0 || end == name || *end != '-' || oid == 0 || oid > PG_UINT32_MAX)
		return InvalidOid;
	return (Oid) oid;
}

/*
 * The names of this database's spool files, sorted.  A rescue also removes
 * the files of databases that no longer exist: their log went with them.
 */
static int
list_spool_files(char ***names, bool remove_orphans)
{
	char		directory[MAXPGPATH];
	DIR		   *dir;
	struct dirent *de;
	int			count = 0;
	int			allocated = 16;

	*names = palloc(sizeof(char *) * allocated);
	access_spool_directory(directory);
	dir = AllocateDir(directory);
	if (dir == NULL && errno == ENOENT)
		return 0;
	while ((de = ReadDir(dir, directory)) != NULL)
	{
		Oid			database = spool_file_database(de->d_name);

		if (!OidIsValid(database))
			continue;
		if (database != MyDatabaseId)
		{
			if (remove_orphans && !SearchSysCacheExists1(DATABASEOID, ObjectIdGetDatum(database)))
			{
				char		path[MAXPGPATH];

				snprintf(path, sizeof(path), "%s/%s", directory, de->d_name);
				if (unlink(path) == 0)
					ereport(LOG,
							(errmsg("yiwang: removed spool file \"%s\" of database %u, which no longer exists",
									path, database)));
			}
			continue;
		}
		if (count == allocated)
		{
			allocated *= 2;
			*names = repalloc(*names, sizeof(char *) * allocated);
		}
		(*names)[count++] = pstrdup(de->d_name);
	}
	FreeDir(dir);
	qsort(*names, count, sizeof(char *), compare_names);
	return count;
}

static char *
read_whole_file(const char *path, int *length)
{
	int			fd = OpenTransientFile(path, O_RDONLY | PG_BINARY);
	struct stat st;
	char	   *bytes;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || (Size) st.st_size > MaxAllocSize - 1)
	{
		CloseTransientFile(fd);
		return NULL;
	}
	bytes = palloc(st.st_size + 1);
	if (read(fd, bytes, st.st_size) != st.st_size)
	{
		CloseTransientFile(fd);
		pfree(bytes);
		return NULL;
	}
	CloseTransientFile(fd);
	bytes[st.st_size] = '\0';
	*length = (int) st.st_size;
	return bytes;
}

/* Parse one field at *at; false when the bytes are not a field. */
static bool
parse_field(char *bytes, int length, int *at, char **value, int *value_length)
{
	char	   *p = bytes + *at;
	char	   *end = bytes + length;
	long		n = 0;

	if (end - p >= 2 && p[0] == '-' && p[1] == '\n')
	{
		*value = NULL;
		*value_length = 0;
		*at += 2;
		return true;
	}
	if (p >= end || *p < '0' || *p > '9')
		return false;
	while (p < end && *p >= '0' && *p <= '9')
	{
		n = n * 10 + (*p++ - '0');
		if (n > length)
			return false;
	}
	if (p >= end || *p++ != ':' || end - p < n + 1 || p[n] != '\n')
		return false;
	*value = p;
	*value_length = (int) n;
	*at = (int) (p + n + 1 - bytes);
	return true;
}

/* The entries of a spool file; -1 when it is not a whole spool file. */
static int
parse_spool(char *bytes, int length, spooled_entry **entries)
{
	int			at = strlen(ACCESS_SPOOL_HEADER);
	int			trailer = strlen(ACCESS_SPOOL_TRAILER);
	int			count = 0;
	int			allocated = 8;

	if (length < at + trailer || memcmp(bytes, ACCESS_SPOOL_HEADER, at) != 0 ||
		memcmp(bytes + length - trailer, ACCESS_SPOOL_TRAILER, trailer) != 0)
		return -1;
	*entries = palloc(sizeof(spooled_entry) * allocated);
	while (at < length - trailer)
	{
		if (count == allocated)
		{
			allocated *= 2;
			*entries = repalloc(*entries, sizeof(spooled_entry) * allocated);
		}
		for (int f = 0; f < ACCESS_SPOOL_FIELDS; f++)
			if (!parse_field(bytes, length - trailer, &at, &(*entries)[count].fields[f],
							 &(*entries)[count].lengths[f]))
				return -1;
		count++;
	}
	return count;
}

/*
 * The entries of one spool file, with its path filled in; -1 when it cannot
 * be used, *problem saying why, or NULL when it is gone (another rescue
 * committed it).  The entries point into the file's bytes.
 */
static int
read_spool_file(const char *directory, const char *name, char *path, spooled_entry **entries,
				const char **problem)
{
	char	   *bytes;
	int			length;
	int			count;

	snprintf(path, MAXPGPATH, "%s/%s", directory, name);
	*problem = NULL;
	bytes = read_whole_file(path, &length);
	if (bytes == NULL)
	{
		if (errno != ENOENT)
			*problem = "could not be read";
		return -1;
	}
	count = parse_spool(bytes, length, entries);
	if (count < 0)
		*problem = "is not a whole spool file";
	return count;
}

static Datum
field_text(spooled_entry *entry, int f, char *null)
{
	*null = entry->fields[f] == NULL ? 'n' : ' ';
	if (entry->fields[f] == NULL)
		return (Datum) 0;
	return PointerGetDatum(cstring_to_text_with_len(entry->fields[f], entry->lengths[f]));
}

/* Move a file that is not a whole spool file aside, so that it is read once. */
static void
set_aside(const char *path, const char *why)
{
	char		aside[MAXPGPATH];

	snprintf(aside, sizeof(aside), "%s.unreadable", path);
	ereport(WARNING,
			(errmsg("yiwang: spool file \"%s\" %s; moved to \"%s\"", path, why, aside),
			 errdetail("The reads it recorded are in the server log's \"yiwang access\" lines.")));
	if (rename(path, aside) != 0)
		ereport(WARNING,
				(errcode_for_file_access(),
				 errmsg("could not rename \"%s\": %m", path)));
}

/*
 * yiwang.rescue_rolled_back_reads() -> bigint: append the entries waiting in
 * this database's spool; the number appended (entries already in the log
 * are skipped).  The files go when the calling transaction commits.
 */
Datum
rescue_rolled_back_reads(PG_FUNCTION_ARGS)
{
	static const Oid argument_types[ACCESS_SPOOL_FIELDS] = {
		TEXTOID, TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
		TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID
	};
	char		directory[MAXPGPATH];
	char	  **names;
	int			files = list_spool_files(&names, true);
	int64		appended = 0;
	SPIPlanPtr	plan;

	if (files == 0)
		PG_RETURN_INT64(0);
	access_spool_directory(directory);
	SPI_connect();
	plan = SPI_prepare("SELECT yiwang.access_log_append_rescued($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
					   ACCESS_SPOOL_FIELDS, (Oid *) argument_types);
	if (plan == NULL)
		elog(ERROR, "could not prepare the rescue of spooled access-log entries: %s",
			 SPI_result_code_string(SPI_result));
	for (int i = 0; i < files; i++)
	{
		char		path[MAXPGPATH];
		spooled_entry *entries;
		const char *problem;
		int			count = read_spool_file(directory, names[i], path, &entries, &problem);

		if (count < 0)
		{
			if (problem != NULL)
				set_aside(path, problem);
			continue;
		}
		for (int e = 0; e < count; e++)
		{
			Datum		values[ACCESS_SPOOL_FIELDS];
			char		nulls[ACCESS_SPOOL_FIELDS];
			char	   *end;
			bool		isnull;
			long long	read_at;

			for (int f = 0; f < ACCESS_SPOOL_FIELDS; f++)
				values[f] = field_text(&entries[e], f, &nulls[f]);
			if (entries[e].fields[1] == NULL)
			{
				set_aside(path, "has an entry without its read time");
				break;
			}
			read_at = strtoll(text_to_cstring(DatumGetTextPP(values[1])), &end, 10);
			values[1] = TimestampTzGetDatum((TimestampTz) read_at);
			if (SPI_execute_plan(plan, values, nulls, false, 1) != SPI_OK_SELECT || SPI_processed != 1)
				elog(ERROR, "could not append a spooled access-log entry");
			if (DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)) && !isnull)
				appended++;
		}
		access_spool_remove_at_commit(path);
	}
	SPI_finish();
	PG_RETURN_INT64(appended);
}

/* yiwang.rolled_back_reads_waiting() -> bigint: entries in this database's spool. */
Datum
rolled_back_reads_waiting(PG_FUNCTION_ARGS)
{
	char		directory[MAXPGPATH];
	char	  **names;
	int			files = list_spool_files(&names, false);
	int64		waiting = 0;

	access_spool_directory(directory);
	for (int i = 0; i < files; i++)
	{
		char		path[MAXPGPATH];
		spooled_entry *entries;
		const char *problem;
		int			count = read_spool_file(directory, names[i], path, &entries, &problem);

		if (count > 0)
			waiting += count;
	}
	PG_RETURN_INT64(waiting);
}

/*
 * The worker a rollback starts: in a transaction of its own, as the
 * bootstrap superuser, run the rescue in the rolled-back reader's database.
 */
void
access_rescue_worker_main(Datum main_arg)
{
	Oid			database = DatumGetObjectId(main_arg);

	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnectionByOid(database, InvalidOid, 0);

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	SPI_connect();
	PushActiveSnapshot(GetTransactionSnapshot());
	pgstat_report_activity(STATE_RUNNING, "yiwang: rescuing rolled-back reads");
	if (SPI_execute("SELECT FROM pg_catalog.pg_extension WHERE extname = 'yiwang'", true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not look for the yiwang extension");
	if (SPI_processed == 1)
	{
		if (SPI_execute("SELECT yiwang.rescue_rolled_back_reads()", false, 1) != SPI_OK_SELECT)
			elog(ERROR, "could not rescue rolled-back reads");
	}
	else
		ereport(LOG,
				(errmsg("yiwang: database %u has spooled access-log entries but no yiwang extension", database),
				 errhint("They are appended when the extension is installed and yiwang.rescue_rolled_back_reads() runs.")));
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	pgstat_report_activity(STATE_IDLE, NULL);
	proc_exit(0);
}
