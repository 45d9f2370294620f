
-- Department signing keys (签章密钥).  The public key verifies for as long as
-- certificates signed with it exist; the private key, when the department
-- lets yiwang sign for it, sits in a table of its own that only yiwang's API
-- role can read.
CREATE TABLE signing_keys (
  key_id text PRIMARY KEY CHECK (key_id <> ''),
  department_id text NOT NULL REFERENCES departments,
  algorithm text NOT NULL CHECK (algorithm IN ('sm2', 'ed25519')),
  public_key text NOT NULL,
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz,
  revoked_at timestamptz,
  revocation_reason text,
  CHECK (valid_until IS NULL OR valid_until > valid_from),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
COMMENT ON TABLE signing_keys IS 'department signing keys: algorithm, public key, validity period, revocation';
CREATE INDEX signing_keys_department ON signing_keys (department_id);
SELECT pg_catalog.pg_extension_config_dump('signing_keys', '');

CREATE TABLE signing_private_keys (
  key_id text PRIMARY KEY REFERENCES signing_keys ON DELETE CASCADE,
  private_key text NOT NULL
);
COMMENT ON TABLE signing_private_keys IS 'private keys of the departments that let yiwang sign for them';
-- Administration (keys, departments, catalogue, grants) is authorised by
-- membership of yiwang_admin, through EXECUTE grants (security/grants.sql).
SELECT pg_catalog.pg_extension_config_dump('signing_private_keys', '');

-- Register a department key; with a private key yiwang can sign for the
-- department, without one the department signs outside and yiwang verifies.
CREATE FUNCTION register_signing_key(key_id text, department_id text, algorithm text, public_key text,
                                     private_key text DEFAULT NULL,
                                     valid_from timestamptz DEFAULT now(),
                                     valid_until timestamptz DEFAULT NULL)
  RETURNS text
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  -- a key that cannot verify its own signature is refused before anything is stored
  IF private_key IS NOT NULL AND NOT yiwang.verify(algorithm, public_key, '\x796977616e67'::bytea,
                                                   yiwang.sign(algorithm, private_key, '\x796977616e67'::bytea)) THEN
    RAISE EXCEPTION 'private key does not match public key' USING ERRCODE = '22023',
      DETAIL = format('A signature made with the private key of "%s" does not verify with its public key.', key_id);
  END IF;
  PERFORM yiwang.verify(algorithm, public_key, ''::bytea, ''::bytea);  -- raises 22023 on a malformed key
  INSERT INTO yiwang.signing_keys (key_id, department_id, algorithm, public_key, valid_from, valid_until)
  VALUES (key_id, department_id, lower(algorithm), public_key, valid_from, valid_until);
  IF private_key IS NOT NULL THEN
    INSERT INTO yiwang.signing_private_keys VALUES (key_id, private_key);
  END IF;
  RETURN key_id;
END
$$;

CREATE FUNCTION revoke_signing_key(key_id text, reason text, revoked_at timestamptz DEFAULT now())
  RETURNS void
  LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  UPDATE yiwang.signing_keys k SET revoked_at = revoke_signing_key.revoked_at, revocation_reason = reason
  WHERE k.key_id = revoke_signing_key.key_id AND k.revoked_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no unrevoked signing key "%"', key_id USING ERRCODE = '22023',
      DETAIL = 'The key does not exist or was revoked before.';
  END IF;
  -- a revoked private key must not sign again
  DELETE FROM yiwang.signing_private_keys p WHERE p.key_id = revoke_signing_key.key_id;
END
$$;
