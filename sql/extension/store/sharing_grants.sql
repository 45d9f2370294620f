
-- Sharing grants (共享授权): "collect unconditionally, use conditionally"
-- (无条件归集、有条件使用).  A department sees certificates it did not issue,
-- and registry records it is not the source of, only through a grant for
-- that certificate type or registry, for a stated purpose, until a date,
-- and optionally for a number of look-ups.
CREATE TABLE sharing_grants (
  grant_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  department_id text NOT NULL REFERENCES departments,
  type_code text REFERENCES certificate_types,
  registry text CHECK (registry IN ('persons', 'legal_entities', 'houses')),
  purpose text NOT NULL CHECK (purpose <> ''),
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz NOT NULL,
  max_uses bigint CHECK (max_uses > 0),
  uses bigint NOT NULL DEFAULT 0,
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK ((type_code IS NULL) <> (registry IS NULL)),
  CHECK (valid_until > valid_from)
);
COMMENT ON TABLE sharing_grants IS 'which department may use which certificate type or registry, for what purpose, until when, how often';
CREATE INDEX sharing_grants_department ON sharing_grants (department_id, purpose);
SELECT pg_catalog.pg_extension_config_dump('sharing_grants', '');

CREATE FUNCTION grant_sharing(department_id text, purpose text, valid_until timestamptz,
                              type_code text DEFAULT NULL, registry text DEFAULT NULL,
                              max_uses bigint DEFAULT NULL)
  RETURNS bigint
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  INSERT INTO yiwang.sharing_grants (department_id, type_code, registry, purpose, valid_until, max_uses)
  VALUES (department_id, type_code, registry, purpose, valid_until, max_uses)
  RETURNING grant_id;
END;
COMMENT ON FUNCTION grant_sharing(text, text, timestamptz, text, text, bigint) IS
  'let a department use a certificate type or a registry for a purpose, until a time, optionally a number of times';

CREATE FUNCTION revoke_sharing(grant_id bigint) RETURNS void
  LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  UPDATE yiwang.sharing_grants g SET revoked_at = now() WHERE g.grant_id = revoke_sharing.grant_id AND g.revoked_at IS NULL;
END;

-- A grant the current actor's department holds for a certificate type or
-- registry and purpose right now, or NULL; whether uses are left is for
-- use_grant to say when the look-up counts it.
CREATE FUNCTION active_grant(type_code text, registry text, purpose text) RETURNS bigint
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  SELECT g.grant_id FROM yiwang.sharing_grants g
  WHERE g.department_id = yiwang.actor_department()
    AND g.type_code IS NOT DISTINCT FROM active_grant.type_code
    AND g.registry IS NOT DISTINCT FROM active_grant.registry
    AND g.purpose = active_grant.purpose
    AND g.revoked_at IS NULL AND now() >= g.valid_from AND now() < g.valid_until
  ORDER BY g.grant_id LIMIT 1;
END;
REVOKE ALL ON FUNCTION active_grant(text, text, text) FROM PUBLIC;

-- Use the actor's grant once: the use is counted in the same statement that
-- checks max_uses, so concurrent look-ups cannot exceed it.  NULL when the
-- department has no grant left for the purpose.
CREATE FUNCTION use_grant(type_code text, registry text, purpose text) RETURNS bigint
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  candidate bigint;
  used bigint;
BEGIN
  FOR candidate IN
    SELECT g.grant_id FROM yiwang.sharing_grants g
    WHERE g.department_id = yiwang.actor_department()
      AND g.type_code IS NOT DISTINCT FROM use_grant.type_code
      AND g.registry IS NOT DISTINCT FROM use_grant.registry
      AND g.purpose = use_grant.purpose
      AND g.revoked_at IS NULL AND now() >= g.valid_from AND now() < g.valid_until
    ORDER BY g.grant_id
  LOOP
    UPDATE yiwang.sharing_grants g SET uses = g.uses + 1
    WHERE g.grant_id = candidate AND (g.max_uses IS NULL OR g.uses < g.max_uses)
    RETURNING g.grant_id INTO used;
    IF used IS NOT NULL THEN
      RETURN used;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION use_grant(text, text, text) FROM PUBLIC;
