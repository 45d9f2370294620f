
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

-- Whether a grant is the current actor's department's and in force now
-- (not revoked, between valid_from and valid_until); whether uses are left
-- is for use_grants to say when a look-up counts it.  A plain expression,
-- so that the planner inlines it into the queries and the policy that use it.
CREATE FUNCTION grant_in_force(g sharing_grants) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  RETURN g.department_id = actor_department()
         AND g.revoked_at IS NULL AND now() >= g.valid_from AND now() < g.valid_until;
REVOKE ALL ON FUNCTION grant_in_force(sharing_grants) FROM PUBLIC;

-- Use the actor's grants for the purpose: once for each certificate type in
-- type_codes, or once for the registry.  For each, the first grant in force
-- with uses left is counted.  All candidate grants are locked first, in
-- grant_id order (so that concurrent look-ups take them in the same order),
-- and the uses are checked on the locked rows and counted in the same
-- statement, so concurrent look-ups cannot exceed max_uses.  Returns the
-- grants counted; a type or registry whose grants are used up has none.
-- Called only from functions that pin search_path.
CREATE FUNCTION use_grants(type_codes text[], registry text, purpose text)
  RETURNS TABLE (grant_id bigint, type_code text)
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
BEGIN
  RETURN QUERY
  WITH candidate AS MATERIALIZED (
    SELECT g.grant_id, g.type_code, g.uses, g.max_uses FROM yiwang.sharing_grants g
    WHERE yiwang.grant_in_force(g) AND g.purpose = use_grants.purpose
      AND (g.type_code = ANY (use_grants.type_codes) OR g.registry = use_grants.registry)
    ORDER BY g.grant_id
    FOR UPDATE
  ), chosen AS (
    SELECT DISTINCT ON (c.type_code) c.grant_id FROM candidate c
    WHERE c.max_uses IS NULL OR c.uses < c.max_uses
    ORDER BY c.type_code, c.grant_id
  )
  UPDATE yiwang.sharing_grants g SET uses = g.uses + 1
  FROM chosen
  WHERE g.grant_id = chosen.grant_id
  RETURNING g.grant_id, g.type_code;
END
$$;
REVOKE ALL ON FUNCTION use_grants(text[], text, text) FROM PUBLIC;
