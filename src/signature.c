/*
 * signature.c — yiwang.sign, yiwang.verify and yiwang.generate_keypair:
 * SM2 with SM3 and Ed25519 through OpenSSL 3's EVP interface.
 *
 * SM2 hashes a distinguishing ID into every signature (GM/T 0009).  OpenSSL
 * 3.0 defaults that ID to empty; the interoperable default, used by every
 * Chinese CA and by `openssl dgst -sigopt distid:1234567812345678`, is
 * 1234567812345678, so yiwang always sets it explicitly.
 */
#include "postgres.h"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "signature_keys.h"

#define SM2_DEFAULT_ID "1234567812345678"
#define SM2_RAW_SIGNATURE_LENGTH 64		/* r || s, 32 bytes each */

static void
report_openssl_failure(const char *what)
{
	unsigned long code = ERR_get_error();
	char		reason[256];

	ERR_error_string_n(code, reason, sizeof(reason));
	ERR_clear_error();
	ereport(ERROR,
			(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("OpenSSL failed to %s", what),
			 errdetail("%s", code ? reason : "OpenSSL gave no reason.")));
}

/*
 * A digest-sign or digest-verify context for the key, with SM3 and the
 * distinguishing ID for SM2, and no digest (one-shot) for Ed25519.
 */
static EVP_MD_CTX *
begin_context(signature_algorithm algorithm, EVP_PKEY *key, bool for_signing,
			  const char *sm2_id, size_t sm2_id_len)
{
	EVP_MD_CTX *context = EVP_MD_CTX_new();
	EVP_PKEY_CTX *key_context = NULL;
	const EVP_MD *digest = algorithm == SIGNATURE_SM2 ? EVP_sm3() : NULL;
	int			ok;

	if (context == NULL)
		report_openssl_failure("allocate a signature context");
	ok = for_signing ? EVP_DigestSignInit(context, &key_context, digest, NULL, key)
		: EVP_DigestVerifyInit(context, &key_context, digest, NULL, key);
	/* the ID enters the hash with the first update, so it is set right after init */
	if (ok == 1 && algorithm == SIGNATURE_SM2)
		ok = EVP_PKEY_CTX_set1_id(key_context, sm2_id, (int) sm2_id_len);
	if (ok != 1)
	{
		EVP_MD_CTX_free(context);
		report_openssl_failure(for_signing ? "start a signature" : "start a verification");
	}
	return context;
}

static void
check_sm2_id(signature_algorithm algorithm, const char *id, size_t len)
{
	/* Ed25519 has no distinguishing ID: whatever is passed is not used */
	if (algorithm != SIGNATURE_SM2)
		return;
	/* GM/T 0003 encodes the ID length in bits in two bytes; OpenSSL 3.0 takes below 8191 */
	if (len == 0 || len > 8190)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid SM2 distinguishing ID"),
				 errdetail("The ID has %zu bytes; it must have 1 to 8190.", len),
				 errhint("The interoperable default is '" SM2_DEFAULT_ID "'.")));
}

/*
 * A raw 64-byte r || s signature, as some vendors emit, in the DER form
 * OpenSSL verifies; NULL if the input is not that shape.
 */
static unsigned char *
raw_sm2_signature_to_der(const unsigned char *raw, size_t len, size_t *der_len)
{
	ECDSA_SIG  *sig;
	BIGNUM	   *r,
			   *s;
	unsigned char *der = NULL;
	int			n;

	if (len != SM2_RAW_SIGNATURE_LENGTH)
		return NULL;
	sig = ECDSA_SIG_new();
	r = BN_bin2bn(raw, 32, NULL);
	s = BN_bin2bn(raw + 32, 32, NULL);
	if (sig == NULL || r == NULL || s == NULL || ECDSA_SIG_set0(sig, r, s) != 1)
	{
		BN_free(r);
		BN_free(s);
		ECDSA_SIG_free(sig);
		return NULL;
	}
	n = i2d_ECDSA_SIG(sig, &der);
	ECDSA_SIG_free(sig);
	if (n <= 0)
		return NULL;
	*der_len = (size_t) n;
	return der;
}

/* Whether the bytes are exactly one DER SEQUENCE { r, s } with nothing after it. */
static bool
is_der_signature(const unsigned char *bytes, size_t len)
{
	const unsigned char *p = bytes;
	ECDSA_SIG  *sig = d2i_ECDSA_SIG(NULL, &p, (long) len);

	if (sig == NULL)
	{
		ERR_clear_error();
		return false;
	}
	ECDSA_SIG_free(sig);
	return (size_t) (p - bytes) == len;
}

static bool
verify_signature(signature_algorithm algorithm, EVP_PKEY *key,
				 const unsigned char *message, size_t message_len,
				 const unsigned char *signature, size_t signature_len,
				 const char *sm2_id, size_t sm2_id_len)
{
	EVP_MD_CTX *context;
	unsigned char *der = NULL;
	int			result;

	if (algorithm == SIGNATURE_SM2 && !is_der_signature(signature, signature_len))
	{
		size_t		der_len;

		der = raw_sm2_signature_to_der(signature, signature_len, &der_len);
		if (der == NULL)
			return false;
		signature = der;
		signature_len = der_len;
	}
	context = begin_context(algorithm, key, false, sm2_id, sm2_id_len);
	result = EVP_DigestVerify(context, signature, signature_len, message, message_len);
	EVP_MD_CTX_free(context);
	OPENSSL_free(der);
	/* a malformed signature is an answer (false), not an error */
	ERR_clear_error();
	return result == 1;
}

PG_FUNCTION_INFO_V1(yiwang_sign);
Datum
yiwang_sign(PG_FUNCTION_ARGS)
{
	text	   *algorithm_name = PG_GETARG_TEXT_PP(0);
	text	   *pem = PG_GETARG_TEXT_PP(1);
	bytea	   *message = PG_GETARG_BYTEA_PP(2);
	text	   *sm2_id = PG_GETARG_TEXT_PP(3);
	signature_algorithm algorithm;
	EVP_PKEY   *key;
	EVP_MD_CTX *context;
	size_t		signature_len = 0;
	bytea	   *result;

	algorithm = signature_algorithm_from_name(VARDATA_ANY(algorithm_name),
											  VARSIZE_ANY_EXHDR(algorithm_name));
	check_sm2_id(algorithm, VARDATA_ANY(sm2_id), VARSIZE_ANY_EXHDR(sm2_id));
	key = signature_private_key(algorithm, VARDATA_ANY(pem), VARSIZE_ANY_EXHDR(pem));
	context = begin_context(algorithm, key, true, VARDATA_ANY(sm2_id), VARSIZE_ANY_EXHDR(sm2_id));

	if (EVP_DigestSign(context, NULL, &signature_len,
					   (const unsigned char *) VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message)) != 1)
	{
		EVP_MD_CTX_free(context);
		report_openssl_failure("size a signature");
	}
	result = palloc(VARHDRSZ + signature_len);
	if (EVP_DigestSign(context, (unsigned char *) VARDATA(result), &signature_len,
					   (const unsigned char *) VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message)) != 1)
	{
		EVP_MD_CTX_free(context);
		report_openssl_failure("sign");
	}
	EVP_MD_CTX_free(context);
	SET_VARSIZE(result, VARHDRSZ + signature_len);
	PG_RETURN_BYTEA_P(result);
}

PG_FUNCTION_INFO_V1(yiwang_verify);
Datum
yiwang_verify(PG_FUNCTION_ARGS)
{
	text	   *algorithm_name = PG_GETARG_TEXT_PP(0);
	text	   *pem = PG_GETARG_TEXT_PP(1);
	bytea	   *message = PG_GETARG_BYTEA_PP(2);
	bytea	   *signature = PG_GETARG_BYTEA_PP(3);
	text	   *sm2_id = PG_GETARG_TEXT_PP(4);
	signature_algorithm algorithm;
	EVP_PKEY   *key;

	algorithm = signature_algorithm_from_name(VARDATA_ANY(algorithm_name),
											  VARSIZE_ANY_EXHDR(algorithm_name));
	check_sm2_id(algorithm, VARDATA_ANY(sm2_id), VARSIZE_ANY_EXHDR(sm2_id));
	key = signature_public_key(algorithm, VARDATA_ANY(pem), VARSIZE_ANY_EXHDR(pem));
	PG_RETURN_BOOL(verify_signature(algorithm, key,
									(const unsigned char *) VARDATA_ANY(message),
									VARSIZE_ANY_EXHDR(message),
									(const unsigned char *) VARDATA_ANY(signature),
									VARSIZE_ANY_EXHDR(signature),
									VARDATA_ANY(sm2_id), VARSIZE_ANY_EXHDR(sm2_id)));
}

/* PEM text of a key, private (PKCS #8) or public (SubjectPublicKeyInfo). */
static text *
key_to_pem(EVP_PKEY *key, bool is_private)
{
	BIO		   *bio = BIO_new(BIO_s_mem());
	char	   *data;
	long		len;
	text	   *result;
	int			ok;

	if (bio == NULL)
		report_openssl_failure("allocate a buffer");
	ok = is_private ? PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL)
		: PEM_write_bio_PUBKEY(bio, key);
	if (ok != 1)
	{
		BIO_free(bio);
		report_openssl_failure("write a PEM key");
	}
	len = BIO_get_mem_data(bio, &data);
	result = cstring_to_text_with_len(data, (int) len);
	/* the private key text must not linger in OpenSSL's freed buffer */
	if (is_private)
		OPENSSL_cleanse(data, (size_t) len);
	BIO_free(bio);
	return result;
}

PG_FUNCTION_INFO_V1(yiwang_generate_keypair);
Datum
yiwang_generate_keypair(PG_FUNCTION_ARGS)
{
	text	   *algorithm_name = PG_GETARG_TEXT_PP(0);
	signature_algorithm algorithm;
	EVP_PKEY   *key;
	TupleDesc	descriptor;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	algorithm = signature_algorithm_from_name(VARDATA_ANY(algorithm_name),
											  VARSIZE_ANY_EXHDR(algorithm_name));
	if (get_call_result_type(fcinfo, NULL, &descriptor) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("generate_keypair must be called where a record is expected")));

	key = EVP_PKEY_Q_keygen(NULL, NULL, algorithm == SIGNATURE_SM2 ? "SM2" : "ED25519");
	if (key == NULL)
		report_openssl_failure("generate a key pair");
	values[0] = PointerGetDatum(key_to_pem(key, true));
	values[1] = PointerGetDatum(key_to_pem(key, false));
	EVP_PKEY_free(key);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(descriptor), values, nulls)));
}

PG_FUNCTION_INFO_V1(yiwang_sm3);
Datum
yiwang_sm3(PG_FUNCTION_ARGS)
{
	bytea	   *message = PG_GETARG_BYTEA_PP(0);
	bytea	   *result = palloc(VARHDRSZ + 32);
	unsigned int len = 32;

	if (EVP_Digest(VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message),
				   (unsigned char *) VARDATA(result), &len, EVP_sm3(), NULL) != 1)
		report_openssl_failure("compute SM3");
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_BYTEA_P(result);
}
