/*
 * access_spool.c — keeping the current transaction's access-log entries, and
 * writing them to the spool when the transaction or a savepoint rolls back
 * (see access_spool.h for why and for the file format).
 */
#include "access_spool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "common/file_perm.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "postmaster/bgworker.h"
#include "storage/fd.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

bool		rescue_reads_in_background = true;

/* One entry of the current transaction, serialised as the spool stores it. */
typedef struct kept_entry
{
	SubTransactionId subtransaction;
	char	   *bytes;
	int			length;
	struct kept_entry *next;
} kept_entry;

/* A spool file rescued by the current transaction, removed when it commits. */
typedef struct rescued_file
{
	SubTransactionId subtransaction;
	char	   *path;
	struct rescued_file *next;
} rescued_file;

static MemoryContext kept_context = NULL;
static kept_entry *kept_first = NULL;
static kept_entry *kept_last = NULL;
static rescued_file *rescued_files = NULL;
static uint64 entries_kept = 0;		/* numbers the rescue keys */
static uint32 files_spooled = 0;	/* numbers the spool files */
static bool callbacks_registered = false;

PG_FUNCTION_INFO_V1(access_log_keep_if_rolled_back);

void
define_access_spool_settings(void)
{
	DefineCustomBoolVariable("yiwang.rescue_reads_in_background",
							 "Appends the access-log entries of a rolled-back transaction again at once, from a background worker.",
							 "When off, they wait in the spool for yiwang.rescue_rolled_back_reads().",
							 &rescue_reads_in_background, true, PGC_SUSET, 0, NULL, NULL, NULL);
}

void
access_spool_directory(char *path)
{
	snprintf(path, MAXPGPATH, "%s/%s", DataDir, ACCESS_SPOOL_DIRECTORY);
}

static void
append_field(StringInfo out, const char *value, int length)
{
	if (value == NULL)
		appendStringInfoString(out, "-\n");
	else
	{
		appendStringInfo(out, "%d:", length);
		appendBinaryStringInfo(out, value, length);
		appendStringInfoChar(out, '\n');
	}
}

static void
append_text_field(StringInfo out, text *value)
{
	if (value == NULL)
		append_field(out, NULL, 0);
	else
		append_field(out, VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
}

static text *
text_argument(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : PG_GETARG_TEXT_PP(n);
}

/* The elements of a text[] argument; NULL elements as NULL pointers. */
static int
text_array_argument(FunctionCallInfo fcinfo, int n, text ***elements)
{
	Datum	   *values;
	bool	   *nulls;
	int			count;

	if (PG_ARGISNULL(n))
	{
		*elements = NULL;
		return 0;
	}
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(n), TEXTOID, -1, false, TYPALIGN_INT, &values, &nulls, &count);
	*elements = palloc(sizeof(text *) * Max(count, 1));
	for (int i = 0; i < count; i++)
		(*elements)[i] = nulls[i] ? NULL : DatumGetTextPP(values[i]);
	return count;
}

static void
forget_kept_entries(void)
{
	if (kept_context != NULL)
		MemoryContextReset(kept_context);
	kept_first = kept_last = NULL;
}

static void
forget_rescued_files(bool remove)
{
	while (rescued_files != NULL)
	{
		rescued_file *file = rescued_files;

		if (remove && unlink(file->path) != 0 && errno != ENOENT)
			ereport(WARNING,
					(errcode_for_file_access(),
					 errmsg("could not remove rescued spool file \"%s\": %m", file->path),
					 errdetail("Its entries are in the access log; a later rescue skips them.")));
		rescued_files = file->next;
		pfree(file->path);
		pfree(file);
	}
}

static void
launch_rescue_worker(void)
{
	BackgroundWorker worker;

	if (!rescue_reads_in_background || !IsUnderPostmaster || !OidIsValid(MyDatabaseId))
		return;
	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	strlcpy(worker.bgw_library_name, "yiwang", BGW_MAXLEN);
	strlcpy(worker.bgw_function_name, "access_rescue_worker_main", BGW_MAXLEN);
	snprintf(worker.bgw_name, BGW_MAXLEN, "yiwang access-log rescue for database %u", MyDatabaseId);
	strlcpy(worker.bgw_type, "yiwang access-log rescue", BGW_MAXLEN);
	worker.bgw_main_arg = ObjectIdGetDatum(MyDatabaseId);
	worker.bgw_notify_pid = 0;
	if (!RegisterDynamicBackgroundWorker(&worker, NULL))
		ereport(LOG,
				(errmsg("yiwang: no background worker slot free to rescue rolled-back reads"),
				 errhint("Run SELECT yiwang.rescue_rolled_back_reads() in database %u, or raise max_worker_processes.",
						 MyDatabaseId)));
}

/*
 * Write the kept entries of the subtransaction that rolls back (and of the
 * ones under it) to a spool file, and take them off the list.  Runs while
 * the transaction is being aborted: no error may be thrown, so failures are
 * warnings, and the entries' lines in the server log are then the record.
 */
static void
spool_entries_from(SubTransactionId from)
{
	StringInfoData content;
	char		directory[MAXPGPATH];
	char		path[MAXPGPATH];
	char		temporary[MAXPGPATH];
	int			count = 0;
	int			fd;
	kept_entry **link = &kept_first;
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

	initStringInfo(&content);
	appendStringInfoString(&content, ACCESS_SPOOL_HEADER);
	kept_last = NULL;
	while (*link != NULL)
	{
		kept_entry *entry = *link;

		if (entry->subtransaction >= from)
		{
			appendBinaryStringInfo(&content, entry->bytes, entry->length);
			count++;
			*link = entry->next;
			pfree(entry->bytes);
			pfree(entry);
		}
		else
		{
			kept_last = entry;
			link = &entry->next;
		}
	}
	MemoryContextSwitchTo(old);
	if (count == 0)
	{
		pfree(content.data);
		return;
	}
	appendStringInfoString(&content, ACCESS_SPOOL_TRAILER);

	access_spool_directory(directory);
	snprintf(path, sizeof(path), "%s/%u-" INT64_FORMAT "-%d-%u" ACCESS_SPOOL_SUFFIX, directory, MyDatabaseId,
			 (int64) MyStartTimestamp, MyProcPid, ++files_spooled);
	snprintf(temporary, sizeof(temporary), "%s.tmp", path);
	if (MakePGDirectory(directory) != 0 && errno != EEXIST)
		goto failed;
	fd = BasicOpenFilePerm(temporary, O_WRONLY | O_CREAT | O_EXCL | PG_BINARY, pg_file_create_mode);
	if (fd < 0)
		goto failed;
	if (write(fd, content.data, content.len) != content.len || pg_fsync(fd) != 0)
	{
		int			saved = errno;

		close(fd);
		unlink(temporary);
		errno = saved;
		goto failed;
	}
	close(fd);
	if (durable_rename(temporary, path, WARNING) != 0)
	{
		unlink(temporary);
		goto failed;
	}
	pfree(content.data);
	launch_rescue_worker();
	return;

failed:
	ereport(WARNING,
			(errcode_for_file_access(),
			 errmsg("could not spool %d access-log entries of a rolled-back transaction to \"%s\": %m", count, path),
			 errdetail("The reads are recorded only in the server log, in its \"yiwang access\" lines.")));
	pfree(content.data);
}

static void
end_of_transaction(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_PREPARE:
			if (kept_first != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("cannot prepare a transaction that read personal data through yiwang"),
						 errdetail("The transaction appended access-log entries; a prepared transaction could be rolled back later, after the entries can no longer be kept."),
						 errhint("Commit the reads in a transaction of their own.")));
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PREPARE:
			forget_kept_entries();
			forget_rescued_files(true);
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
			spool_entries_from(InvalidSubTransactionId);
			forget_kept_entries();
			forget_rescued_files(false);
			break;
		default:
			break;
	}
}

static void
end_of_subtransaction(SubXactEvent event, SubTransactionId subtransaction,
					  SubTransactionId parent, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
	{
		spool_entries_from(subtransaction);
		while (rescued_files != NULL && rescued_files->subtransaction >= subtransaction)
		{
			rescued_file *file = rescued_files;

			rescued_files = file->next;
			pfree(file->path);
			pfree(file);
		}
	}
	else if (event == SUBXACT_EVENT_COMMIT_SUB)
	{
		/* the parent now owns them: its rollback must spool them too */
		for (kept_entry *entry = kept_first; entry != NULL; entry = entry->next)
			if (entry->subtransaction == subtransaction)
				entry->subtransaction = parent;
		for (rescued_file *file = rescued_files; file != NULL; file = file->next)
			if (file->subtransaction == subtransaction)
				file->subtransaction = parent;
	}
}

static void
register_callbacks(void)
{
	if (callbacks_registered)
		return;
	kept_context = AllocSetContextCreate(TopMemoryContext, "yiwang access-log entries kept",
										 ALLOCSET_SMALL_SIZES);
	RegisterXactCallback(end_of_transaction, NULL);
	RegisterSubXactCallback(end_of_subtransaction, NULL);
	callbacks_registered = true;
}

void
access_spool_remove_at_commit(const char *path)
{
	rescued_file *file;

	register_callbacks();
	file = MemoryContextAlloc(TopMemoryContext, sizeof(rescued_file));
	file->subtransaction = GetCurrentSubTransactionId();
	file->path = MemoryContextStrdup(TopMemoryContext, path);
	/* newest first, so that a rolled-back savepoint's files are at the front */
	file->next = rescued_files;
	rescued_files = file;
}

/*
 * yiwang.access_log_keep_if_rolled_back(read_at, actor_kind, actor_subject,
 *   actor_department, actor_role, action, object_kind, object_ids text[],
 *   holder_idcards text[], holder_usccs text[], purpose): keep one entry per
 * object id until the transaction ends.  The arrays run in parallel.
 */
Datum
access_log_keep_if_rolled_back(PG_FUNCTION_ARGS)
{
	TimestampTz read_at;
	text	   *fixed[6];
	text	  **object_ids;
	text	  **holder_idcards;
	text	  **holder_usccs;
	text	   *purpose = text_argument(fcinfo, 10);
	int			count;
	int			idcards;
	int			usccs;
	char		read_at_text[32];
	MemoryContext old;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("an access-log entry needs its read time"),
				 errdetail("The read time given is NULL.")));
	read_at = PG_GETARG_TIMESTAMPTZ(0);
	for (int i = 0; i < 6; i++)
		fixed[i] = text_argument(fcinfo, i + 1);
	count = text_array_argument(fcinfo, 7, &object_ids);
	idcards = text_array_argument(fcinfo, 8, &holder_idcards);
	usccs = text_array_argument(fcinfo, 9, &holder_usccs);
	if (idcards != count || usccs != count)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("the object and holder arrays of access-log entries differ in length"),
				 errdetail("%d objects, %d holder identity numbers, %d holder credit codes.", count, idcards, usccs)));
	register_callbacks();
	snprintf(read_at_text, sizeof(read_at_text), INT64_FORMAT, (int64) read_at);

	old = MemoryContextSwitchTo(kept_context);
	for (int i = 0; i < count; i++)
	{
		StringInfoData bytes;
		char		key[64];
		kept_entry *entry;

		snprintf(key, sizeof(key), INT64_FORMAT "-%d-" UINT64_FORMAT, (int64) MyStartTimestamp, MyProcPid,
				 ++entries_kept);
		initStringInfo(&bytes);
		append_field(&bytes, key, strlen(key));
		append_field(&bytes, read_at_text, strlen(read_at_text));
		for (int f = 0; f < 6; f++)
			append_text_field(&bytes, fixed[f]);
		append_text_field(&bytes, object_ids[i]);
		append_text_field(&bytes, holder_idcards[i]);
		append_text_field(&bytes, holder_usccs[i]);
		append_text_field(&bytes, purpose);

		entry = palloc(sizeof(kept_entry));
		entry->subtransaction = GetCurrentSubTransactionId();
		entry->bytes = bytes.data;
		entry->length = bytes.len;
		entry->next = NULL;
		if (kept_last != NULL)
			kept_last->next = entry;
		else
			kept_first = entry;
		kept_last = entry;
	}
	MemoryContextSwitchTo(old);
	PG_RETURN_VOID();
}
