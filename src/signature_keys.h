/*
 * signature_keys.h — PEM keys for yiwang's signature functions, parsed by
 * OpenSSL and cached per backend.
 *
 * Verifying a table of certificates checks one signature per row against a
 * handful of department keys; parsing the same PEM text for every row would
 * cost more than the verification itself, so parsed keys are kept in a small
 * per-backend cache keyed by the exact PEM text.
 */
#ifndef YIWANG_SIGNATURE_KEYS_H
#define YIWANG_SIGNATURE_KEYS_H

#include <openssl/evp.h>

typedef enum signature_algorithm
{
	SIGNATURE_SM2,				/* SM2 with SM3, GM/T 0003 / 0004 */
	SIGNATURE_ED25519
} signature_algorithm;

/* The algorithm named by text ('sm2', 'ed25519'); raises 22023 otherwise. */
extern signature_algorithm signature_algorithm_from_name(const char *name, size_t len);

extern const char *signature_algorithm_name(signature_algorithm algorithm);

/*
 * The parsed key of a PEM text, of the given algorithm.  The key belongs to
 * the cache: callers must not free it.  Raises 22023 with a detail when the
 * text is no PEM key of that algorithm.
 */
extern EVP_PKEY *signature_public_key(signature_algorithm algorithm, const char *pem, size_t len);
extern EVP_PKEY *signature_private_key(signature_algorithm algorithm, const char *pem, size_t len);

#endif
