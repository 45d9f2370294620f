/*
 * signature_keys.c — PEM key parsing and the per-backend key cache.
 */
#include "postgres.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>

#include "signature_keys.h"
#include "utils/memutils.h"

/* Enough for every department key of a city; evicted round-robin beyond. */
#define KEY_CACHE_SIZE 64

typedef struct cached_key
{
	char	   *pem;			/* in TopMemoryContext */
	size_t		pem_len;
	bool		is_private;
	EVP_PKEY   *key;
} cached_key;

static cached_key key_cache[KEY_CACHE_SIZE];
static int	key_cache_next_victim = 0;

signature_algorithm
signature_algorithm_from_name(const char *name, size_t len)
{
	if (len == 3 && pg_strncasecmp(name, "sm2", 3) == 0)
		return SIGNATURE_SM2;
	if (len == 7 && pg_strncasecmp(name, "ed25519", 7) == 0)
		return SIGNATURE_ED25519;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown signature algorithm \"%.*s\"", (int) Min(len, 40), name),
			 errdetail("yiwang signs with \"sm2\" (SM2 with SM3) and \"ed25519\"."),
			 errhint("Name the algorithm 'sm2' or 'ed25519'.")));
	pg_unreachable();
}

const char *
signature_algorithm_name(signature_algorithm algorithm)
{
	return algorithm == SIGNATURE_SM2 ? "sm2" : "ed25519";
}

static int
openssl_key_type(signature_algorithm algorithm)
{
	return algorithm == SIGNATURE_SM2 ? EVP_PKEY_SM2 : EVP_PKEY_ED25519;
}

/* The name of a parsed key's type, for messages. */
static const char *
key_type_name(EVP_PKEY *key)
{
	/* OpenSSL 3.0 gives SM2 keys from its providers no legacy type id */
	if (EVP_PKEY_is_a(key, "SM2"))
		return "an SM2 key";
	switch (EVP_PKEY_get_base_id(key))
	{
		case EVP_PKEY_SM2:
			return "an SM2 key";
		case EVP_PKEY_ED25519:
			return "an Ed25519 key";
		case EVP_PKEY_EC:
			return "an elliptic-curve key on another curve";
		case EVP_PKEY_RSA:
			return "an RSA key";
		default:
			return "a key of another algorithm";
	}
}

/*
 * OpenSSL 3.0 reads an SM2 PEM key as EVP_PKEY_EC on curve SM2 in some paths;
 * such a key is an SM2 key for our purposes.
 */
static bool
key_is_algorithm(EVP_PKEY *key, signature_algorithm algorithm)
{
	if (algorithm == SIGNATURE_SM2 && EVP_PKEY_is_a(key, "SM2"))
		return true;
	return EVP_PKEY_get_base_id(key) == openssl_key_type(algorithm);
}

/* Encrypted PEM keys are refused: never let OpenSSL prompt for a passphrase. */
static int
no_passphrase(char *buffer, int size, int rwflag, void *userdata)
{
	return -1;
}

/*
 * Whether an SM2 private key's value d lies in 1 .. n-2 (GM/T 0003).  With
 * d = n-1 OpenSSL's signing retries for ever, in a loop no cancel reaches;
 * with d = 0 there is no key at all.
 */
static bool
sm2_private_value_usable(EVP_PKEY *key)
{
	BIGNUM	   *d = NULL;
	BIGNUM	   *limit = BN_new();
	EC_GROUP   *group = EC_GROUP_new_by_curve_name(NID_sm2);
	bool		usable = false;

	if (limit != NULL && group != NULL &&
		EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1 &&
		BN_copy(limit, EC_GROUP_get0_order(group)) != NULL &&
		BN_sub_word(limit, 2) == 1)
		usable = !BN_is_zero(d) && !BN_is_negative(d) && BN_cmp(d, limit) <= 0;
	BN_clear_free(d);
	BN_free(limit);
	EC_GROUP_free(group);
	ERR_clear_error();
	return usable;
}

static EVP_PKEY *
parse_pem(signature_algorithm algorithm, const char *pem, size_t len, bool is_private)
{
	BIO		   *bio;
	EVP_PKEY   *key;
	unsigned long openssl_error;
	char		reason[256];

	if (len > INT_MAX)
		len = INT_MAX;
	bio = BIO_new_mem_buf(pem, (int) len);
	if (bio == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	ERR_clear_error();
	key = is_private ? PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL)
		: PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);

	if (key == NULL)
	{
		openssl_error = ERR_get_error();
		ERR_error_string_n(openssl_error, reason, sizeof(reason));
		ERR_clear_error();
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("malformed %s key for algorithm %s",
						is_private ? "private" : "public", signature_algorithm_name(algorithm)),
				 errdetail("OpenSSL could not read the text as a PEM %s: %s.",
						   is_private ? "private key (-----BEGIN PRIVATE KEY-----)"
						   : "public key (-----BEGIN PUBLIC KEY-----)",
						   openssl_error ? reason : "no key found"),
				 errhint("Keys are PEM text as written by yiwang.generate_keypair() or by openssl genpkey / openssl pkey -pubout.")));
	}
	if (!key_is_algorithm(key, algorithm))
	{
		const char *found = key_type_name(key);

		EVP_PKEY_free(key);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s key does not belong to algorithm %s",
						is_private ? "private" : "public", signature_algorithm_name(algorithm)),
				 errdetail("The PEM text holds %s.", found)));
	}
	if (is_private && algorithm == SIGNATURE_SM2 && !sm2_private_value_usable(key))
	{
		EVP_PKEY_free(key);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("malformed private key for algorithm sm2"),
				 errdetail("The private value is not between 1 and n-2, the order of the SM2 curve less two."),
				 errhint("Generate a new key with yiwang.generate_keypair('sm2') or openssl genpkey.")));
	}
	return key;
}

static EVP_PKEY *
cached_or_parsed(signature_algorithm algorithm, const char *pem, size_t len, bool is_private)
{
	cached_key *slot;
	EVP_PKEY   *key;

	for (int i = 0; i < KEY_CACHE_SIZE; i++)
	{
		slot = &key_cache[i];
		if (slot->key != NULL && slot->is_private == is_private && slot->pem_len == len &&
			memcmp(slot->pem, pem, len) == 0)
		{
			if (!key_is_algorithm(slot->key, algorithm))
				break;			/* let parse_pem say what the key is */
			return slot->key;
		}
	}

	key = parse_pem(algorithm, pem, len, is_private);

	slot = &key_cache[key_cache_next_victim];
	key_cache_next_victim = (key_cache_next_victim + 1) % KEY_CACHE_SIZE;
	if (slot->key != NULL)
	{
		EVP_PKEY_free(slot->key);
		/* private key text is not left behind in freed memory */
		if (slot->is_private)
			explicit_bzero(slot->pem, slot->pem_len);
		pfree(slot->pem);
		slot->key = NULL;
	}
	slot->pem = MemoryContextAlloc(TopMemoryContext, len);
	memcpy(slot->pem, pem, len);
	slot->pem_len = len;
	slot->is_private = is_private;
	slot->key = key;
	return key;
}

EVP_PKEY *
signature_public_key(signature_algorithm algorithm, const char *pem, size_t len)
{
	return cached_or_parsed(algorithm, pem, len, false);
}

EVP_PKEY *
signature_private_key(signature_algorithm algorithm, const char *pem, size_t len)
{
	return cached_or_parsed(algorithm, pem, len, true);
}
