
-- One identity for every channel (一次认证、多点互联).  The city's unified
-- identity platform authenticates a citizen or a staff member once and hands
-- out a signed token; every department application passes that same token to
-- yiwang.login, which verifies it and fixes the actor for the transaction.
--
-- Token: JWS compact serialization (RFC 7515),
--   base64url(header) . base64url(claims) . base64url(signature)
-- header {"alg": "EdDSA" | "SM2", "kid": <key_id>}; the signature covers the
-- ASCII bytes "header.claims" (SM2 with SM3 and the default distinguishing ID).
-- claims: iss (issuer), sub (identity number or staff id), kind (citizen |
-- staff), dept (department_id, staff only), role, acr (assurance level 1-4),
-- iat and exp (Unix seconds), nonce (unique per token and issuer).

CREATE TABLE token_issuer_keys (
  key_id text PRIMARY KEY CHECK (key_id <> ''),
  issuer text NOT NULL CHECK (issuer <> ''),
  algorithm text NOT NULL CHECK (algorithm IN ('sm2', 'ed25519')),
  public_key text NOT NULL,
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz,
  revoked_at timestamptz,
  CHECK (valid_until IS NULL OR valid_until > valid_from)
);
COMMENT ON TABLE token_issuer_keys IS 'public keys of the identity platforms whose tokens yiwang.login accepts';
SELECT pg_catalog.pg_extension_config_dump('token_issuer_keys', '');

-- Every token seen, by issuer and nonce: a nonce presented with a different
-- token is a replay, and a token ended by logout cannot be used again.
CREATE TABLE token_uses (
  issuer text NOT NULL,
  nonce text NOT NULL,
  token_digest bytea NOT NULL,
  subject text NOT NULL,
  first_used_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  PRIMARY KEY (issuer, nonce)
);
COMMENT ON TABLE token_uses IS 'tokens seen by yiwang.login, for replay detection and logout';
SELECT pg_catalog.pg_extension_config_dump('token_uses', '');

-- Forget tokens that expired: they can no longer be presented, so their
-- replay state is not needed.  Run daily (e.g. from cron or pg_cron).
CREATE FUNCTION purge_token_uses() RETURNS bigint
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  WITH gone AS (DELETE FROM yiwang.token_uses u WHERE u.expires_at < now() RETURNING 1)
  SELECT count(*) FROM gone;
END;
COMMENT ON FUNCTION purge_token_uses() IS 'delete the replay records of expired tokens; returns how many';

-- The longest a token may live: replay state is kept only that long.
CREATE FUNCTION token_lifetime_limit() RETURNS interval
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN interval '12 hours';

CREATE FUNCTION base64url_decode(part text) RETURNS bytea
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN decode(rpad(translate(part, '-_', '+/'),
                     ((length(part) + 3) / 4) * 4, '='), 'base64');
COMMENT ON FUNCTION base64url_decode(text) IS 'base64url (RFC 4648 section 5) without padding, decoded';

CREATE FUNCTION base64url_encode(data bytea) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN rtrim(translate(replace(encode(data, 'base64'), E'\n', ''), '+/', '-_'), '=');
COMMENT ON FUNCTION base64url_encode(bytea) IS 'base64url (RFC 4648 section 5) without padding';

-- Signing a token is the identity platform's work; yiwang offers it for
-- platforms that run on PostgreSQL, and for tests and the demo.
CREATE FUNCTION sign_token(claims jsonb, key_id text, algorithm text, private_key text) RETURNS text
  LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  header jsonb := jsonb_build_object('alg', CASE lower(algorithm) WHEN 'sm2' THEN 'SM2' ELSE 'EdDSA' END,
                                     'kid', key_id, 'typ', 'JWT');
  signing_input text := yiwang.base64url_encode(convert_to(header::text, 'UTF8')) || '.'
                        || yiwang.base64url_encode(convert_to(claims::text, 'UTF8'));
BEGIN
  RETURN signing_input || '.'
         || yiwang.base64url_encode(yiwang.sign(lower(algorithm), private_key, convert_to(signing_input, 'UTF8')));
END
$$;
COMMENT ON FUNCTION sign_token(jsonb, text, text, text) IS
  'a compact signed token (JWS) of the claims, for identity platforms, tests and demos';

CREATE TYPE actor AS (
  kind text, subject text, department text, role text, assurance integer, expires_at timestamptz
);

-- Tokens whose signature this backend verified (src/verified_tokens.c):
-- the same token in every transaction is verified once per connection.
CREATE FUNCTION token_verified_before(digest bytea, algorithm text, public_key text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'token_verified_before'
  -- backend memory: changes between calls, and parallel workers have their own
  LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;
CREATE FUNCTION remember_verified_token(digest bytea, algorithm text, public_key text) RETURNS void
  AS 'MODULE_PATHNAME', 'remember_verified_token'
  LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
-- whoever could remember a token could log in with one nobody signed
REVOKE ALL ON FUNCTION token_verified_before(bytea, text, text), remember_verified_token(bytea, text, text) FROM PUBLIC;

CREATE FUNCTION login(token text) RETURNS actor
  LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  parts text[] := string_to_array(token, '.');
  header jsonb;
  claims jsonb;
  issuer_key yiwang.token_issuer_keys;
  algorithm text;
  expires_at timestamptz;
  issued_at timestamptz;
  claimed_role text;
  seen yiwang.token_uses;
  digest bytea := sha256(convert_to(token, 'UTF8'));
  signature bytea;
  assurance integer;
  subject text;
BEGIN
  IF array_length(parts, 1) IS DISTINCT FROM 3 THEN
    RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
      DETAIL = format('A token has three base64url parts separated by dots; this one has %s.',
                      coalesce(array_length(parts, 1), 0)),
      HINT = 'Pass the token exactly as the identity platform issued it.';
  END IF;
  BEGIN
    header := convert_from(yiwang.base64url_decode(parts[1]), 'UTF8')::jsonb;
    claims := convert_from(yiwang.base64url_decode(parts[2]), 'UTF8')::jsonb;
    signature := yiwang.base64url_decode(parts[3]);
  EXCEPTION WHEN OTHERS THEN
    RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
      DETAIL = 'The header, the claims or the signature are not base64url-encoded (header and claims JSON).';
  END;
  IF jsonb_typeof(header) IS DISTINCT FROM 'object' OR jsonb_typeof(claims) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
      DETAIL = 'The header and the claims must be JSON objects.';
  END IF;

  SELECT * INTO issuer_key FROM yiwang.token_issuer_keys k WHERE k.key_id = header->>'kid';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'token signed by an unknown key' USING ERRCODE = '28000',
      DETAIL = format('No issuer key "%s" is registered in yiwang.token_issuer_keys.', header->>'kid'),
      HINT = 'An administrator registers the identity platform''s public key first.';
  END IF;
  algorithm := CASE header->>'alg' WHEN 'SM2' THEN 'sm2' WHEN 'EdDSA' THEN 'ed25519' END;
  IF algorithm IS DISTINCT FROM issuer_key.algorithm THEN
    RAISE EXCEPTION 'badly signed token' USING ERRCODE = '28000',
      DETAIL = format('The header names algorithm "%s" but key "%s" is an %s key.',
                      header->>'alg', issuer_key.key_id, issuer_key.algorithm);
  END IF;
  IF NOT yiwang.token_verified_before(digest, algorithm, issuer_key.public_key) THEN
    IF NOT yiwang.verify(algorithm, issuer_key.public_key,
                         convert_to(parts[1] || '.' || parts[2], 'UTF8'), signature) THEN
      RAISE EXCEPTION 'badly signed token' USING ERRCODE = '28000',
        DETAIL = format('The signature does not verify with key "%s".', issuer_key.key_id);
    END IF;
    PERFORM yiwang.remember_verified_token(digest, algorithm, issuer_key.public_key);
  END IF;
  IF claims->>'iss' IS DISTINCT FROM issuer_key.issuer THEN
    RAISE EXCEPTION 'badly signed token' USING ERRCODE = '28000',
      DETAIL = format('The token says issuer "%s" but key "%s" belongs to "%s".',
                      claims->>'iss', issuer_key.key_id, issuer_key.issuer);
  END IF;

  BEGIN
    expires_at := to_timestamp((claims->>'exp')::double precision);
    issued_at := to_timestamp((claims->>'iat')::double precision);
  EXCEPTION WHEN OTHERS THEN
    expires_at := NULL;
  END;
  IF expires_at IS NULL OR issued_at IS NULL THEN
    RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
      DETAIL = 'The claims exp and iat must be numbers of seconds since 1970-01-01 UTC.';
  END IF;
  IF expires_at <= now() THEN
    RAISE EXCEPTION 'expired token' USING ERRCODE = '28000',
      DETAIL = format('The token expired at %s.', expires_at),
      HINT = 'Authenticate again with the identity platform.';
  END IF;
  IF expires_at - issued_at > yiwang.token_lifetime_limit() OR issued_at > now() + interval '5 minutes' THEN
    RAISE EXCEPTION 'token lifetime not accepted' USING ERRCODE = '28000',
      DETAIL = format('The token was issued at %s and expires at %s; yiwang accepts tokens issued in the past that live at most %s.',
                      issued_at, expires_at, yiwang.token_lifetime_limit());
  END IF;
  IF issuer_key.valid_from > now() OR (issuer_key.valid_until IS NOT NULL AND issuer_key.valid_until <= now())
     OR (issuer_key.revoked_at IS NOT NULL AND issuer_key.revoked_at <= now()) THEN
    RAISE EXCEPTION 'token signed by a key that is not valid' USING ERRCODE = '28000',
      DETAIL = format('Key "%s" is valid from %s to %s%s.',
                      issuer_key.key_id, issuer_key.valid_from, coalesce(issuer_key.valid_until::text, 'no end'),
                      CASE WHEN issuer_key.revoked_at IS NOT NULL THEN format(' and was revoked at %s', issuer_key.revoked_at) ELSE '' END);
  END IF;
  IF coalesce(claims->>'nonce', '') = '' OR coalesce(claims->>'sub', '') = '' THEN
    RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
      DETAIL = 'The claims sub and nonce are required.';
  END IF;
  IF concat(claims->>'sub', claims->>'nonce', claims->>'dept', claims->>'iss') ~ '[[:cntrl:]]' THEN
    RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
      DETAIL = 'The claims sub, nonce, dept and iss are single lines of text without control characters.';
  END IF;

  IF claims ? 'acr' AND (jsonb_typeof(claims->'acr') IS DISTINCT FROM 'number'
                         OR (claims->>'acr') !~ '^[1-4]$') THEN
    RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
      DETAIL = format('The assurance level acr must be 1, 2, 3 or 4; the token has %s.', claims->'acr');
  END IF;
  assurance := coalesce((claims->>'acr')::integer, 1);

  claimed_role := claims->>'role';
  IF claims->>'kind' = 'citizen' THEN
    IF claimed_role IS DISTINCT FROM 'citizen' OR NOT yiwang.idcard_valid(claims->>'sub') THEN
      RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
        DETAIL = 'A citizen''s token has role citizen and a valid identity number as sub.';
    END IF;
  ELSIF claims->>'kind' = 'staff' THEN
    IF claimed_role NOT IN ('department', 'window', 'admin', 'auditor', 'reporting')
       OR NOT EXISTS (SELECT FROM yiwang.departments d WHERE d.department_id = claims->>'dept') THEN
      RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
        DETAIL = format('A staff token has a role of department, window, admin, auditor or reporting, and a registered department; it has role "%s" and department "%s".',
                        claimed_role, claims->>'dept');
    END IF;
  ELSE
    RAISE EXCEPTION 'malformed token' USING ERRCODE = '28000',
      DETAIL = 'The claim kind must be citizen or staff.';
  END IF;

  -- the database login must be allowed to act in the token's role
  IF NOT pg_has_role(session_user, 'yiwang_' || claimed_role, 'MEMBER') THEN
    RAISE EXCEPTION 'role % not granted to %', claimed_role, session_user USING ERRCODE = '42501',
      DETAIL = format('The token is for role %s, but database user %s is not a member of yiwang_%s.',
                      claimed_role, session_user, claimed_role),
      HINT = format('Connect as a user that is a member of yiwang_%s.', claimed_role);
  END IF;

  -- a citizen is known by the canonical form of their number (final X upper case, 18 digits)
  subject := CASE WHEN claims->>'kind' = 'citizen' THEN yiwang.text(yiwang.idcard(claims->>'sub')) ELSE claims->>'sub' END;
  INSERT INTO yiwang.token_uses (issuer, nonce, token_digest, subject, expires_at)
  VALUES (issuer_key.issuer, claims->>'nonce', digest, subject, expires_at)
  ON CONFLICT DO NOTHING;
  SELECT * INTO seen FROM yiwang.token_uses u WHERE u.issuer = issuer_key.issuer AND u.nonce = claims->>'nonce';
  IF seen.token_digest <> digest THEN
    RAISE EXCEPTION 'replayed token nonce' USING ERRCODE = '42501',
      DETAIL = format('Nonce "%s" of issuer "%s" was first used by another token at %s.',
                      seen.nonce, seen.issuer, seen.first_used_at),
      HINT = 'Every token needs a nonce of its own.';
  END IF;
  IF seen.ended_at IS NOT NULL THEN
    RAISE EXCEPTION 'replayed token' USING ERRCODE = '42501',
      DETAIL = format('This token was ended by yiwang.logout() at %s.', seen.ended_at),
      HINT = 'Authenticate again with the identity platform.';
  END IF;

  PERFORM yiwang.actor_set(claims->>'kind', subject,
                           CASE WHEN claims->>'kind' = 'staff' THEN claims->>'dept' END,
                           claimed_role, assurance, issuer_key.issuer, claims->>'nonce');
  RETURN ROW(yiwang.actor_kind(), yiwang.actor_subject(), yiwang.actor_department(), yiwang.actor_role(),
             yiwang.actor_assurance(), expires_at)::yiwang.actor;
END
$$;
COMMENT ON FUNCTION login(text) IS
  'verify a token of the unified identity platform and fix the actor until the end of the transaction';

CREATE FUNCTION logout() RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  UPDATE yiwang.token_uses SET ended_at = now()
  WHERE issuer = yiwang.actor_token_issuer() AND nonce = yiwang.actor_token_nonce() AND ended_at IS NULL;
  PERFORM yiwang.actor_clear();
END
$$;
COMMENT ON FUNCTION logout() IS 'end the current token everywhere, and the actor of this transaction';

-- A stated purpose is one line of text: it is hashed into the access log
-- line by line and written to the server log.
CREATE FUNCTION check_purpose(purpose text) RETURNS void
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  IF purpose ~ '[[:cntrl:]]' THEN
    RAISE EXCEPTION 'invalid purpose' USING ERRCODE = '22023',
      DETAIL = 'A purpose is one line of text, without control characters such as line feeds.';
  END IF;
END
$$;

-- The current actor, or 42501 when there is none.
CREATE FUNCTION require_actor() RETURNS actor
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  IF yiwang.actor_kind() IS NULL THEN
    RAISE EXCEPTION 'no actor in this transaction' USING ERRCODE = '42501',
      DETAIL = 'yiwang functions that read or change personal data act for a logged-in citizen or staff member.',
      HINT = 'Call yiwang.login(token) first, in the same transaction.';
  END IF;
  RETURN ROW(yiwang.actor_kind(), yiwang.actor_subject(), yiwang.actor_department(), yiwang.actor_role(),
             yiwang.actor_assurance(), NULL)::yiwang.actor;
END
$$;
