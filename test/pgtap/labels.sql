-- labels: a catalog audit of every function of the extension.
--
-- Functions over the identifier types and plain scalars must be IMMUTABLE,
-- STRICT and PARALLEL SAFE; the functions behind comparison operators and
-- index support must be LEAKPROOF; SECURITY DEFINER needs a pinned
-- search_path.  The audit reads the catalogs, so it covers functions added
-- later without being edited; each failure lists the offending functions.
BEGIN;
SELECT plan(19);

SET LOCAL search_path = public, pg_catalog;

-- Functions that belong to the extension.
CREATE FUNCTION pg_temp.extension_functions() RETURNS SETOF oid
LANGUAGE sql STABLE AS $$
  SELECT d.objid
  FROM pg_depend d
  JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass
    AND d.deptype = 'e' AND e.extname = 'yiwang'
$$;

-- The types of the extension, and the plain scalar types they are used with.
CREATE FUNCTION pg_temp.simple_types() RETURNS SETOF oid
LANGUAGE sql STABLE AS $$
  SELECT d.objid
  FROM pg_depend d
  JOIN pg_extension e ON e.oid = d.refobjid
  JOIN pg_type t ON t.oid = d.objid
  WHERE d.classid = 'pg_type'::regclass AND d.refclassid = 'pg_extension'::regclass
    AND d.deptype = 'e' AND e.extname = 'yiwang' AND t.typtype = 'b'
  UNION
  SELECT unnest(ARRAY['text', 'date', 'smallint', 'integer', 'bigint', 'boolean',
                      'cstring', 'bytea', 'internal']::regtype[])::oid
$$;

-- The C functions that read or set the transaction's actor: backend
-- memory that parallel workers do not have.
CREATE FUNCTION pg_temp.actor_functions() RETURNS SETOF oid
LANGUAGE sql STABLE AS $$
  SELECT p.oid FROM pg_proc p
  WHERE p.oid IN (SELECT pg_temp.extension_functions()) AND p.proname LIKE 'actor\_%'
$$;

-- SQL and PL/pgSQL functions whose body calls the actor functions.
CREATE FUNCTION pg_temp.actor_reading_functions() RETURNS SETOF oid
LANGUAGE sql STABLE AS $$
  SELECT p.oid FROM pg_proc p
  WHERE p.oid IN (SELECT pg_temp.extension_functions())
    AND p.prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql'))
    AND (coalesce(p.prosrc, '') ~ 'yiwang\.(actor_|require_actor)'
         OR coalesce(pg_get_function_sqlbody(p.oid), '') ~ 'yiwang\.(actor_|require_actor)')
$$;

-- SQL and PL/pgSQL functions whose body reads the actor or a table of the
-- extension: never IMMUTABLE; and when they read the actor, never PARALLEL
-- SAFE (workers do not have it).
CREATE FUNCTION pg_temp.state_reading_functions() RETURNS SETOF oid
LANGUAGE sql STABLE AS $$
  SELECT p.oid FROM pg_proc p
  WHERE p.oid IN (SELECT pg_temp.extension_functions())
    AND p.prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql'))
    AND (p.oid IN (SELECT pg_temp.actor_reading_functions())
         OR EXISTS (SELECT FROM pg_class c
                    WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind IN ('r', 'v', 'S')
                      AND (p.prosrc ~ ('yiwang\.' || c.relname || '\M')
                           OR coalesce(pg_get_function_sqlbody(p.oid), '') ~ ('yiwang\.' || c.relname || '\M'))))
$$;

-- Functions whose arguments and result are all of those types and that
-- read neither tables nor the actor (the identifier types' I/O, casts,
-- checks, accessors and comparisons, signatures, digests, encodings):
-- these must be IMMUTABLE, STRICT and PARALLEL SAFE.
CREATE FUNCTION pg_temp.simple_functions() RETURNS SETOF oid
LANGUAGE sql STABLE AS $$
  SELECT p.oid
  FROM pg_proc p
  WHERE p.oid IN (SELECT pg_temp.extension_functions())
    AND p.prokind = 'f'
    AND p.oid NOT IN (SELECT pg_temp.actor_functions())
    AND p.oid NOT IN (SELECT pg_temp.state_reading_functions())
    AND p.prorettype IN (SELECT pg_temp.simple_types())
    AND NOT EXISTS (SELECT FROM unnest(p.proargtypes::oid[]) AS a(t)
                    WHERE a.t NOT IN (SELECT pg_temp.simple_types()))
    AND NOT EXISTS (SELECT FROM unnest(p.proallargtypes) AS a(t)
                    WHERE a.t NOT IN (SELECT pg_temp.simple_types()))
$$;

-- Functions behind the operators of the extension, and the support
-- functions of its operator families that take its types (cmp, hash; not
-- sortsupport or btequalimage): these must be LEAKPROOF.
CREATE FUNCTION pg_temp.comparison_functions() RETURNS SETOF oid
LANGUAGE sql STABLE AS $$
  SELECT o.oprcode::oid
  FROM pg_operator o
  JOIN pg_depend d ON d.classid = 'pg_operator'::regclass AND d.objid = o.oid
  JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'yiwang'
  UNION
  SELECT ap.amproc::oid
  FROM pg_amproc ap
  JOIN pg_depend d ON d.classid = 'pg_opfamily'::regclass AND d.objid = ap.amprocfamily
  JOIN pg_extension e ON e.oid = d.refobjid
  JOIN pg_proc p ON p.oid = ap.amproc
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'yiwang'
    AND EXISTS (SELECT FROM unnest(p.proargtypes::oid[]) AS a(t)
                WHERE a.t IN (SELECT d2.objid FROM pg_depend d2
                              WHERE d2.classid = 'pg_type'::regclass AND d2.refobjid = e.oid
                                AND d2.deptype = 'e'))
$$;

-- Functions whose result is random by design (a new key pair, an SM2
-- signature with its random k): VOLATILE although their arguments are
-- simple.  Listed here with the reason, and checked to be VOLATILE.
CREATE FUNCTION pg_temp.random_by_design() RETURNS TABLE (f regprocedure, reason text)
LANGUAGE sql STABLE AS $$
  VALUES ('yiwang.sign(text,text,bytea,text)'::regprocedure, 'SM2 signing draws a random k'),
         ('yiwang.generate_keypair(text)'::regprocedure, 'a new key pair is random')
$$;

-- Functions that read or change state outside the tables (the spool of
-- rolled-back reads in the data directory, the backend's verified tokens):
-- VOLATILE, and their strictness and parallel safety are their own, checked
-- here one by one.
CREATE FUNCTION pg_temp.outside_state_by_design() RETURNS TABLE (f regprocedure, labels text)
LANGUAGE sql STABLE AS $$
  VALUES ('yiwang.rescue_rolled_back_reads()'::regprocedure, 'v u'),
         ('yiwang.rolled_back_reads_waiting()'::regprocedure, 'v s'),
         ('yiwang.token_verified_before(bytea,text,text)'::regprocedure, 'v r'),
         ('yiwang.remember_verified_token(bytea,text,text)'::regprocedure, 'v u')
$$;

-- The offenders of each rule, one per line; empty when there are none.
CREATE FUNCTION pg_temp.not_immutable() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(format('%s is %s', p.oid::regprocedure,
                                    CASE p.provolatile WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END),
                             E'\n' ORDER BY p.oid::regprocedure::text), '')
  FROM pg_proc p WHERE p.oid IN (SELECT pg_temp.simple_functions()) AND p.provolatile <> 'i'
    AND p.oid NOT IN (SELECT f FROM pg_temp.random_by_design())
    AND p.oid NOT IN (SELECT f FROM pg_temp.outside_state_by_design())
$$;
CREATE FUNCTION pg_temp.not_strict() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(format('%s is not STRICT', p.oid::regprocedure),
                             E'\n' ORDER BY p.oid::regprocedure::text), '')
  FROM pg_proc p WHERE p.oid IN (SELECT pg_temp.simple_functions()) AND NOT p.proisstrict
    AND p.oid NOT IN (SELECT f FROM pg_temp.outside_state_by_design())
$$;
CREATE FUNCTION pg_temp.not_parallel_safe() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(format('%s is PARALLEL %s', p.oid::regprocedure,
                                    CASE p.proparallel WHEN 'r' THEN 'RESTRICTED' ELSE 'UNSAFE' END),
                             E'\n' ORDER BY p.oid::regprocedure::text), '')
  FROM pg_proc p WHERE p.oid IN (SELECT pg_temp.simple_functions()) AND p.proparallel <> 's'
    AND p.oid NOT IN (SELECT f FROM pg_temp.outside_state_by_design())
$$;
CREATE FUNCTION pg_temp.not_leakproof() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(format('%s is not LEAKPROOF', p.oid::regprocedure),
                             E'\n' ORDER BY p.oid::regprocedure::text), '')
  FROM pg_proc p WHERE p.oid IN (SELECT pg_temp.comparison_functions()) AND NOT p.proleakproof
$$;
CREATE FUNCTION pg_temp.unpinned_security_definer() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(format('%s is SECURITY DEFINER without SET search_path', p.oid::regprocedure),
                             E'\n' ORDER BY p.oid::regprocedure::text), '')
  FROM pg_proc p
  WHERE p.oid IN (SELECT pg_temp.extension_functions()) AND p.prosecdef
    AND NOT EXISTS (SELECT FROM unnest(p.proconfig) AS c(setting) WHERE c.setting LIKE 'search\_path=%')
$$;

--
-- The audit sees what it should.
--
SELECT cmp_ok((SELECT count(*) FROM pg_temp.simple_functions() AS f)::int, '>=', 90,
              'the audit covers the I/O, cast, check, accessor and comparison functions');
SELECT is((SELECT coalesce(string_agg(t, ', ' ORDER BY t), '')
           FROM unnest(ARRAY['idcard_in(cstring)', 'idcard_out(yiwang.idcard)', 'idcard(text)',
                             'idcard_valid(text)', 'age(yiwang.idcard,date)', 'orgcode(yiwang.uscc)',
                             'make_certid(text,text,text,integer)', 'certid_version(yiwang.certid)',
                             'parcel(yiwang.estate_unit)', 'uscc_recv(internal)',
                             'estate_unit_eq(yiwang.estate_unit,yiwang.estate_unit)']) AS t
           WHERE ('yiwang.' || t)::regprocedure NOT IN (SELECT pg_temp.simple_functions())), '',
          'the audit covers functions of every kind, for every type');
SELECT is((SELECT coalesce(string_agg(t::regtype::text, ', ' ORDER BY t::regtype::text), '')
           FROM pg_temp.simple_types() AS t
           WHERE t IN (SELECT d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                       WHERE d.classid = 'pg_type'::regclass AND d.refclassid = 'pg_extension'::regclass
                         AND e.extname = 'yiwang')
             AND NOT EXISTS (SELECT FROM pg_operator o
                             WHERE o.oprname = '=' AND o.oprleft = t AND o.oprright = t
                               AND o.oprcode::oid IN (SELECT pg_temp.comparison_functions()))), '',
          'every type of the extension has its = operator among the comparison functions');
SELECT cmp_ok((SELECT count(*) FROM pg_temp.comparison_functions() AS f)::int, '>=', 45,
              'the comparison functions are the 6 operators, cmp and 2 hash functions of each of 5 types');

--
-- The rules.
--
SELECT is(pg_temp.not_immutable(), '', 'functions over the identifier types and scalars are IMMUTABLE');
SELECT is((SELECT coalesce(string_agg(format('%s is not VOLATILE', f), E'\n' ORDER BY f::text), '')
           FROM pg_temp.random_by_design() JOIN pg_proc p ON p.oid = f WHERE p.provolatile <> 'v'), '',
          'functions random by design are VOLATILE');
SELECT is((SELECT coalesce(string_agg(format('%s is %s %s, want %s', f, p.provolatile, p.proparallel, labels), E'\n'), '')
           FROM pg_temp.outside_state_by_design() JOIN pg_proc p ON p.oid = f
           WHERE p.provolatile::text || ' ' || p.proparallel::text <> labels), '',
          'functions over state outside the tables are VOLATILE, PARALLEL SAFE only when they change nothing and every process sees the same');
SELECT is((SELECT coalesce(string_agg(format('%s is %s, PARALLEL %s', p.oid::regprocedure, p.provolatile, p.proparallel),
                                      E'\n' ORDER BY p.oid::regprocedure::text), '')
           FROM pg_proc p WHERE p.oid IN (SELECT pg_temp.actor_functions())
             AND p.proname NOT IN ('actor_set', 'actor_clear')
             AND (p.provolatile <> 's' OR p.proparallel <> 'r')), '',
          'functions that read the actor are STABLE and PARALLEL RESTRICTED');
SELECT is((SELECT coalesce(string_agg(format('%s is %s, PARALLEL %s', p.oid::regprocedure, p.provolatile, p.proparallel),
                                      E'\n' ORDER BY p.oid::regprocedure::text), '')
           FROM pg_proc p WHERE p.oid IN (SELECT pg_temp.state_reading_functions())
             AND (p.provolatile = 'i'
                  OR (p.proparallel = 's' AND p.oid IN (SELECT pg_temp.actor_reading_functions())))), '',
          'functions that read tables or the actor are not IMMUTABLE, and those that read the actor not PARALLEL SAFE');
SELECT cmp_ok((SELECT count(*) FROM pg_temp.state_reading_functions() AS f)::int, '>=', 20,
              'the audit sees the functions of the certificate store, registries, identity and log');
SELECT is(pg_temp.not_strict(), '', 'functions over the identifier types and scalars are STRICT');
SELECT is(pg_temp.not_parallel_safe(), '', 'functions over the identifier types and scalars are PARALLEL SAFE');
SELECT is(pg_temp.not_leakproof(), '', 'comparison and hash functions are LEAKPROOF');
SELECT is(pg_temp.unpinned_security_definer(), '', 'no SECURITY DEFINER function without a pinned search_path');
SELECT is((SELECT coalesce(string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.oid::regprocedure::text), '')
           FROM pg_proc p
           WHERE p.pronamespace = 'yiwang'::regnamespace
             AND p.oid NOT IN (SELECT pg_temp.extension_functions())), '',
          'every function in schema yiwang belongs to the extension');

--
-- The audit fails when a function breaks a rule: add offenders to the
-- extension inside this transaction (rolled back at the end) and look.
--
CREATE FUNCTION yiwang.audit_probe_volatile(yiwang.idcard) RETURNS text
  LANGUAGE sql VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE AS $$ SELECT 'probe' $$;
CREATE FUNCTION yiwang.audit_probe_eq(yiwang.uscc, yiwang.uscc) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT $1 OPERATOR(yiwang.=) $2 $$;
CREATE OPERATOR yiwang.=== (LEFTARG = yiwang.uscc, RIGHTARG = yiwang.uscc, FUNCTION = yiwang.audit_probe_eq);
CREATE FUNCTION yiwang.audit_probe_definer(yiwang.certid) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SECURITY DEFINER AS $$ SELECT 'probe' $$;
ALTER EXTENSION yiwang ADD FUNCTION yiwang.audit_probe_volatile(yiwang.idcard);
ALTER EXTENSION yiwang ADD FUNCTION yiwang.audit_probe_eq(yiwang.uscc, yiwang.uscc);
ALTER EXTENSION yiwang ADD OPERATOR yiwang.=== (yiwang.uscc, yiwang.uscc);
ALTER EXTENSION yiwang ADD FUNCTION yiwang.audit_probe_definer(yiwang.certid);

SELECT is(pg_temp.not_immutable() || ' / ' || pg_temp.not_strict() || ' / ' || pg_temp.not_parallel_safe(),
          'yiwang.audit_probe_volatile(yiwang.idcard) is VOLATILE / '
          'yiwang.audit_probe_volatile(yiwang.idcard) is not STRICT / '
          'yiwang.audit_probe_volatile(yiwang.idcard) is PARALLEL UNSAFE',
          'the audit names a VOLATILE, non-STRICT, PARALLEL UNSAFE function');
SELECT is(pg_temp.not_leakproof(), 'yiwang.audit_probe_eq(yiwang.uscc,yiwang.uscc) is not LEAKPROOF',
          'the audit names an operator function that is not LEAKPROOF');
SELECT is(pg_temp.unpinned_security_definer(),
          'yiwang.audit_probe_definer(yiwang.certid) is SECURITY DEFINER without SET search_path',
          'the audit names a SECURITY DEFINER function without a pinned search_path');
ALTER FUNCTION yiwang.audit_probe_definer(yiwang.certid) SET search_path = pg_catalog, yiwang;
SELECT is(pg_temp.unpinned_security_definer(), '',
          'a SECURITY DEFINER function with SET search_path passes');

SELECT * FROM finish();
ROLLBACK;
