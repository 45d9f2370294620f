
-- Signatures (数字签名): SM2 with SM3 (GM/T 0003, GM/T 0004) and Ed25519,
-- through OpenSSL.  Keys are PEM text; parsed keys are cached per backend.

CREATE FUNCTION sign(algorithm text, private_key text, message bytea,
                     sm2_id text DEFAULT '1234567812345678')
  RETURNS bytea
  AS 'MODULE_PATHNAME', 'yiwang_sign' LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sign(text, text, bytea, text) IS
  'signature of the message: DER SEQUENCE{r, s} for sm2 (randomised, hence volatile), 64 bytes for ed25519';

CREATE FUNCTION verify(algorithm text, public_key text, message bytea, signature bytea,
                       sm2_id text DEFAULT '1234567812345678')
  RETURNS boolean
  AS 'MODULE_PATHNAME', 'yiwang_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION verify(text, text, bytea, bytea, text) IS
  'whether the signature verifies; false for any signature that does not, malformed ones included (sm2 accepts DER or raw r||s)';

CREATE FUNCTION generate_keypair(algorithm text, OUT private_key text, OUT public_key text)
  AS 'MODULE_PATHNAME', 'yiwang_generate_keypair' LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION generate_keypair(text) IS
  'a new key pair as PEM text: PKCS #8 private key and SubjectPublicKeyInfo public key';

CREATE FUNCTION sm3(message bytea) RETURNS bytea
  AS 'MODULE_PATHNAME', 'yiwang_sm3' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sm3(bytea) IS 'SM3 digest (GM/T 0004), 32 bytes';
