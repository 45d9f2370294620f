/*
 * actor.c — who is acting in the current transaction (当前办事人).
 *
 * The actor is fixed by yiwang.login(token) after the token's signature,
 * expiry and nonce were checked, and lives in this backend's memory until the
 * transaction ends (commit or abort).  It is not a GUC: a client cannot SET
 * it, and the C setter below is executable only by the role that owns
 * yiwang.login.  Ending with the transaction is what makes it safe behind a
 * connection pool: the next client of the same server connection starts with
 * no actor.
 */
#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

typedef struct actor_state
{
	bool		set;
	char	   *kind;			/* 'citizen' or 'staff' */
	char	   *subject;		/* idcard text, or staff id */
	char	   *department;		/* department_id; NULL for citizens */
	char	   *role;			/* citizen, department, window, admin, auditor, reporting */
	int32		assurance;		/* assurance level of the authentication, 1-4 */
	char	   *token_nonce;
} actor_state;

static actor_state current_actor;
static bool callback_registered = false;

static void
forget_actor(void)
{
	if (current_actor.set)
	{
		pfree(current_actor.kind);
		pfree(current_actor.subject);
		if (current_actor.department)
			pfree(current_actor.department);
		pfree(current_actor.role);
		pfree(current_actor.token_nonce);
	}
	memset(&current_actor, 0, sizeof(current_actor));
}

static void
end_of_transaction(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			forget_actor();
			break;
		default:
			break;
	}
}

static char *
keep_text(text *t)
{
	return t ? MemoryContextStrdup(TopMemoryContext, text_to_cstring(t)) : NULL;
}

/*
 * actor_set(kind, subject, department, role, assurance, nonce): called by
 * yiwang.login once the token is verified.  Not granted to anyone else.
 */
PG_FUNCTION_INFO_V1(yiwang_actor_set);
Datum
yiwang_actor_set(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(4) || PG_ARGISNULL(5))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("an actor needs a kind, a subject, a role, an assurance level and a nonce")));
	if (!callback_registered)
	{
		RegisterXactCallback(end_of_transaction, NULL);
		callback_registered = true;
	}
	forget_actor();
	current_actor.kind = keep_text(PG_GETARG_TEXT_PP(0));
	current_actor.subject = keep_text(PG_GETARG_TEXT_PP(1));
	current_actor.department = PG_ARGISNULL(2) ? NULL : keep_text(PG_GETARG_TEXT_PP(2));
	current_actor.role = keep_text(PG_GETARG_TEXT_PP(3));
	current_actor.assurance = PG_GETARG_INT32(4);
	current_actor.token_nonce = keep_text(PG_GETARG_TEXT_PP(5));
	current_actor.set = true;
	PG_RETURN_VOID();
}

/* yiwang.logout ends the actor before the transaction does. */
PG_FUNCTION_INFO_V1(yiwang_actor_clear);
Datum
yiwang_actor_clear(PG_FUNCTION_ARGS)
{
	forget_actor();
	PG_RETURN_VOID();
}

#define RETURN_ACTOR_TEXT(field) \
	do { \
		if (!current_actor.set || current_actor.field == NULL) \
			PG_RETURN_NULL(); \
		PG_RETURN_TEXT_P(cstring_to_text(current_actor.field)); \
	} while (0)

PG_FUNCTION_INFO_V1(yiwang_actor_kind);
Datum
yiwang_actor_kind(PG_FUNCTION_ARGS)
{
	RETURN_ACTOR_TEXT(kind);
}

PG_FUNCTION_INFO_V1(yiwang_actor_subject);
Datum
yiwang_actor_subject(PG_FUNCTION_ARGS)
{
	RETURN_ACTOR_TEXT(subject);
}

PG_FUNCTION_INFO_V1(yiwang_actor_department);
Datum
yiwang_actor_department(PG_FUNCTION_ARGS)
{
	RETURN_ACTOR_TEXT(department);
}

PG_FUNCTION_INFO_V1(yiwang_actor_role);
Datum
yiwang_actor_role(PG_FUNCTION_ARGS)
{
	RETURN_ACTOR_TEXT(role);
}

PG_FUNCTION_INFO_V1(yiwang_actor_token_nonce);
Datum
yiwang_actor_token_nonce(PG_FUNCTION_ARGS)
{
	RETURN_ACTOR_TEXT(token_nonce);
}

PG_FUNCTION_INFO_V1(yiwang_actor_assurance);
Datum
yiwang_actor_assurance(PG_FUNCTION_ARGS)
{
	if (!current_actor.set)
		PG_RETURN_NULL();
	PG_RETURN_INT32(current_actor.assurance);
}
