/*
 * verified_tokens.c — the tokens whose signature this backend has verified.
 *
 * A department application passes the same token in every transaction
 * (the actor lasts one transaction), so yiwang.login would verify the same
 * signature again each time: for Ed25519 about a tenth of a millisecond,
 * for SM2 more.  The outcome for the same token bytes under the same key is
 * always the same, so a verified (token digest, algorithm, public key) is
 * remembered here; login still reads the issuer key, checks the claims and
 * the expiry, and records the use against replay every time.
 *
 * Only yiwang.login (through yiwang_api) may add an entry: whoever could add
 * one could log in with a token nobody signed.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#define VERIFIED_TOKENS 32
#define DIGEST_BYTES 32

typedef struct verified_token
{
	bool		used;
	uint8		digest[DIGEST_BYTES];	/* SHA-256 of the whole token */
	char	   *algorithm;
	char	   *public_key;
} verified_token;

static verified_token verified[VERIFIED_TOKENS];
static int	next_slot = 0;		/* replaced in turn once all are used */

PG_FUNCTION_INFO_V1(token_verified_before);
PG_FUNCTION_INFO_V1(remember_verified_token);

static bool
valid_digest(bytea *digest)
{
	return VARSIZE_ANY_EXHDR(digest) == DIGEST_BYTES;
}

static int
find(bytea *digest, const char *algorithm, const char *public_key)
{
	for (int i = 0; i < VERIFIED_TOKENS; i++)
		if (verified[i].used &&
			memcmp(verified[i].digest, VARDATA_ANY(digest), DIGEST_BYTES) == 0 &&
			strcmp(verified[i].algorithm, algorithm) == 0 &&
			strcmp(verified[i].public_key, public_key) == 0)
			return i;
	return -1;
}

/* yiwang.token_verified_before(digest, algorithm, public_key) -> boolean */
Datum
token_verified_before(PG_FUNCTION_ARGS)
{
	bytea	   *digest = PG_GETARG_BYTEA_PP(0);
	char	   *algorithm = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *public_key = text_to_cstring(PG_GETARG_TEXT_PP(2));

	PG_RETURN_BOOL(valid_digest(digest) && find(digest, algorithm, public_key) >= 0);
}

/* yiwang.remember_verified_token(digest, algorithm, public_key): after a successful verification */
Datum
remember_verified_token(PG_FUNCTION_ARGS)
{
	bytea	   *digest = PG_GETARG_BYTEA_PP(0);
	char	   *algorithm = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *public_key = text_to_cstring(PG_GETARG_TEXT_PP(2));
	verified_token *slot;

	if (!valid_digest(digest))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a token digest is %d bytes", DIGEST_BYTES),
				 errdetail("The digest given has %zu bytes.", VARSIZE_ANY_EXHDR(digest))));
	if (find(digest, algorithm, public_key) >= 0)
		PG_RETURN_VOID();
	slot = &verified[next_slot];
	next_slot = (next_slot + 1) % VERIFIED_TOKENS;
	if (slot->used)
	{
		pfree(slot->algorithm);
		pfree(slot->public_key);
	}
	memcpy(slot->digest, VARDATA_ANY(digest), DIGEST_BYTES);
	slot->algorithm = MemoryContextStrdup(TopMemoryContext, algorithm);
	slot->public_key = MemoryContextStrdup(TopMemoryContext, public_key);
	slot->used = true;
	PG_RETURN_VOID();
}
