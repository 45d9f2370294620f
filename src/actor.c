/*
 * actor.c — who is acting in the current transaction (当前办事人).
 *
 * The actor is fixed by yiwang.login(token) after the token's signature,
 * expiry and nonce were checked, and lives in this backend's memory until the
 * transaction ends (commit or abort).  A login or logout undone by rolling
 * back to a savepoint is undone here too, like the rows it wrote.  It is not a GUC: a client cannot SET
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
	char	   *token_issuer;
	char	   *token_nonce;
} actor_state;

/*
 * What the actor was before a change made in a subtransaction, so that
 * rolling the subtransaction back restores it.  Newest first.
 */
typedef struct actor_change
{
	SubTransactionId subtransaction;
	actor_state previous;
	struct actor_change *next;
} actor_change;

static actor_state current_actor;
static actor_change *changes = NULL;
static bool callbacks_registered = false;

static void
free_state(actor_state *state)
{
	if (state->set)
	{
		pfree(state->kind);
		pfree(state->subject);
		if (state->department)
			pfree(state->department);
		pfree(state->role);
		pfree(state->token_issuer);
		pfree(state->token_nonce);
	}
	memset(state, 0, sizeof(*state));
}

static void
forget_everything(void)
{
	free_state(&current_actor);
	while (changes != NULL)
	{
		actor_change *change = changes;

		changes = change->next;
		free_state(&change->previous);
		pfree(change);
	}
}

/* Remember the actor as it is, before the current subtransaction changes it. */
static void
remember_previous_actor(void)
{
	actor_change *change = MemoryContextAllocZero(TopMemoryContext, sizeof(actor_change));

	change->subtransaction = GetCurrentSubTransactionId();
	change->previous = current_actor;	/* takes over the strings */
	change->next = changes;
	changes = change;
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
			forget_everything();
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
		/* undo the subtransaction's changes, newest first */
		while (changes != NULL && changes->subtransaction == subtransaction)
		{
			actor_change *change = changes;

			free_state(&current_actor);
			current_actor = change->previous;
			changes = change->next;
			pfree(change);
		}
	}
	else if (event == SUBXACT_EVENT_COMMIT_SUB)
	{
		/* the parent now owns them: its rollback must undo them too */
		for (actor_change *change = changes; change != NULL && change->subtransaction == subtransaction;
			 change = change->next)
			change->subtransaction = parent;
	}
}

static void
register_callbacks(void)
{
	if (callbacks_registered)
		return;
	RegisterXactCallback(end_of_transaction, NULL);
	RegisterSubXactCallback(end_of_subtransaction, NULL);
	callbacks_registered = true;
}

static char *
keep_text(text *t)
{
	return t ? MemoryContextStrdup(TopMemoryContext, text_to_cstring(t)) : NULL;
}

/*
 * actor_set(kind, subject, department, role, assurance, issuer, nonce):
 * called by yiwang.login once the token is verified.  Not granted to anyone
 * else.
 */
PG_FUNCTION_INFO_V1(yiwang_actor_set);
Datum
yiwang_actor_set(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(4) ||
		PG_ARGISNULL(5) || PG_ARGISNULL(6))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("an actor needs a kind, a subject, a role, an assurance level, an issuer and a nonce")));
	register_callbacks();
	remember_previous_actor();
	current_actor.kind = keep_text(PG_GETARG_TEXT_PP(0));
	current_actor.subject = keep_text(PG_GETARG_TEXT_PP(1));
	current_actor.department = PG_ARGISNULL(2) ? NULL : keep_text(PG_GETARG_TEXT_PP(2));
	current_actor.role = keep_text(PG_GETARG_TEXT_PP(3));
	current_actor.assurance = PG_GETARG_INT32(4);
	current_actor.token_issuer = keep_text(PG_GETARG_TEXT_PP(5));
	current_actor.token_nonce = keep_text(PG_GETARG_TEXT_PP(6));
	current_actor.set = true;
	PG_RETURN_VOID();
}

/* yiwang.logout ends the actor before the transaction does. */
PG_FUNCTION_INFO_V1(yiwang_actor_clear);
Datum
yiwang_actor_clear(PG_FUNCTION_ARGS)
{
	register_callbacks();
	remember_previous_actor();
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

PG_FUNCTION_INFO_V1(yiwang_actor_token_issuer);
Datum
yiwang_actor_token_issuer(PG_FUNCTION_ARGS)
{
	RETURN_ACTOR_TEXT(token_issuer);
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
