-- roles_matrix: what every role may do to every table and function of the
-- schema yiwang.
--
-- The relations and functions are read from the catalog, so that one added
-- later is covered without editing this file; what each role may do is
-- written out below, so that any change of privileges fails here until the
-- expected tables are changed with it.  Tables are tried for real: as a
-- member of each role (SET LOCAL ROLE), a SELECT, INSERT, UPDATE and DELETE
-- that touch no row are either allowed or refused with 42501 (a view that
-- cannot be written is only read; the catalog check covers its grants).  Functions
-- restricted to some roles are called as each role with NULL arguments:
-- either the call is refused with "permission denied for function" or the
-- function runs (whatever it then says about its arguments).  Every
-- attempt is rolled back.
BEGIN;
\ir fixtures/city.sql
-- functions are named schema-qualified below
SET LOCAL search_path = pg_catalog, public;

-- Who acts: a login role member of each yiwang role, a login role without
-- any, and yiwang_api itself (the owner of the SECURITY DEFINER functions).
CREATE TEMP TABLE actors (role text PRIMARY KEY, acts_as text NOT NULL, position integer NOT NULL);
INSERT INTO actors VALUES
  ('admin', 'yiwang_test_admin', 1), ('department', 'yiwang_test_department', 2),
  ('window', 'yiwang_test_window', 3), ('citizen', 'yiwang_test_citizen', 4),
  ('auditor', 'yiwang_test_auditor', 5), ('reporting', 'yiwang_test_reporting', 6),
  ('plain', 'yiwang_test_plain', 7), ('api', 'yiwang_api', 8);

-- Expected table privileges: S select, I insert, U update, D delete.
CREATE TEMP TABLE expected_tables (relation text PRIMARY KEY, admin text, department text, "window" text,
                                   citizen text, auditor text, reporting text, plain text, api text);
INSERT INTO expected_tables VALUES
--  relation                   admin   dept  window citizen auditor report plain api
  ('access_log',               '',     '',   '',    '',     'S',    '',    '',   'SI'),
  ('access_log_head',          '',     '',   '',    '',     'S',    '',    '',   'SIU'),
  ('application_events',       '',     'S',  'S',   'S',    'S',    '',    '',   'SI'),
  ('application_transitions',  'S',    'S',  'S',   'S',    'S',    'S',   '',   'S'),
  ('application_warnings',     'S',    '',   '',    '',     'S',    'S',   '',   ''),
  ('applications',             '',     'S',  'S',   'S',    'S',    '',    '',   'SIU'),
  ('clock_pauses',             '',     'S',  'S',   'S',    'S',    '',    '',   'SIU'),
  ('completion_by_department', 'S',    '',   '',    '',     'S',    'S',   '',   ''),
  ('completion_by_item',       'S',    '',   '',    '',     'S',    'S',   '',   ''),
  ('item_materials',           'S',    'S',  'S',   'S',    'S',    'S',   '',   'SI'),
  ('item_reviewers',           'S',    'S',  'S',   'S',    'S',    'S',   '',   'SI'),
  ('online_depth_summary',     'S',    '',   '',    '',     'S',    'S',   '',   ''),
  ('ratings',                  '',     'S',  'S',   'S',    'S',    '',    '',   'SIU'),
  ('remediation_tasks',        '',     'S',  'S',   'S',    'S',    '',    '',   'SIU'),
  ('review_tasks',             '',     'S',  'S',   'S',    'S',    '',    '',   'SIU'),
  ('satisfaction_by_item',     'S',    '',   '',    '',     'S',    'S',   '',   ''),
  ('service_items',            'S',    'S',  'S',   'S',    'S',    'S',   '',   'SI'),
  ('supplement_notices',       '',     'S',  'S',   'S',    'S',    '',    '',   'SIU'),
  ('calendar',                 'SIUD', 'S',  'S',   'S',    'S',    'S',   '',   'S'),
  ('certificate_types',        'SIUD', 'S',  'S',   'S',    'S',    'S',   '',   'S'),
  ('certificates',             '',     '',   '',    '',     '',     '',    '',   'SIU'),
  ('departments',              'SIUD', 'S',  'S',   'S',    'S',    'S',   '',   'S'),
  ('employment',               'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('household_members',        'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('houses',                   'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('legal_entities',           'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('parent_child',             'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('persons',                  'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('residences',               'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('sharing_grants',           'SIUD', '',   '',    '',     '',     '',    '',   'SIU'),
  ('signing_keys',             'S',    'S',  'S',   'S',    'S',    'S',   '',   'SIU'),
  ('signing_private_keys',     '',     '',   '',    '',     '',     '',    '',   'SIUD'),
  ('social_insurance_months',  'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('token_issuer_keys',        'SIUD', '',   '',    '',     '',     '',    '',   'S'),
  ('token_uses',               '',     '',   '',    '',     '',     '',    '',   'SIUD');

-- Expected sequence privileges: U usage, S select, W update (setval).
CREATE TEMP TABLE expected_sequences (sequence text PRIMARY KEY, usable_by text);
INSERT INTO expected_sequences VALUES
  ('applications_application_id_seq', ''),
  ('certificate_serial', 'api=U'),
  ('residences_residence_id_seq', ''),
  ('sharing_grants_grant_id_seq', '');

-- Expected EXECUTE on the functions that not everyone may call.
CREATE TEMP TABLE expected_functions (function text PRIMARY KEY, executable_by text);
INSERT INTO expected_functions VALUES
  -- internal: only yiwang's own functions call these
  ('yiwang.access_log_append(text,text,text,yiwang.idcard,yiwang.uscc,text)', 'api'),
  ('yiwang.application_parts(yiwang.applications,text)', 'api'),
  ('yiwang.token_verified_before(bytea,text,text)', 'api'),
  ('yiwang.remember_verified_token(bytea,text,text)', 'api'),
  ('yiwang.append_application_event(yiwang.applications,text,text,text,text,jsonb)', 'api'),
  ('yiwang.application_due_on(bigint,date,integer)', 'api'),
  ('yiwang.lock_application(bigint)', 'api'),
  -- the window: filing, moving, rating applications; who they concern
  ('yiwang.actor_represented_organisations()', 'department window citizen api'),
  ('yiwang.application_departments(bigint,text,integer)', 'department window citizen api'),
  ('yiwang.submit_application(text,text,jsonb,text,yiwang.idcard)', 'department window citizen api'),
  ('yiwang.transition(bigint,text,text,jsonb)', 'department window citizen api'),
  ('yiwang.rate_application(bigint,text,integer,text)', 'citizen api'),
  ('yiwang.close_remediation(bigint,text,text)', 'department api'),
  ('yiwang.verify_case_log(bigint)', 'admin auditor api'),
  -- the catalogue: administrators publish any item, departments the items they lead
  ('yiwang.publish_service_item(jsonb)', 'admin department api'),
  ('yiwang.retire_service_item(text)', 'admin department api'),
  ('yiwang.access_log_append_many(text,text,text[],yiwang.idcard[],yiwang.uscc[],text)', 'api'),
  ('yiwang.access_log_write(text,text,text,text,text,text,text[],yiwang.idcard[],yiwang.uscc[],text,timestamp with time zone,text)', 'api'),
  ('yiwang.access_log_keep_if_rolled_back(timestamp with time zone,text,text,text,text,text,text,text[],text[],text[],text)', 'api'),
  ('yiwang.access_log_append_rescued(text,timestamp with time zone,text,text,text,text,text,text,text,text,text,text)', 'api'),
  ('yiwang.rescue_rolled_back_reads()', 'admin auditor api'),
  ('yiwang.rolled_back_reads_waiting()', 'admin auditor api'),
  ('yiwang.actor_clear()', 'api'),
  ('yiwang.actor_set(text,text,text,text,integer,text,text)', 'api'),
  ('yiwang.certificate_access(yiwang.idcard,yiwang.uscc,text,text,yiwang.uscc[],text[])', 'api'),
  ('yiwang.certificate_for_change(yiwang.certid)', 'api'),
  ('yiwang.certificates_for_holder(yiwang.idcard,yiwang.uscc,text)', 'api'),
  ('yiwang.current_signing_key(text)', 'api'),
  ('yiwang.grant_in_force(yiwang.sharing_grants)', 'api'),
  ('yiwang.registry_access(text,text,yiwang.idcard,text)', 'api'),
  ('yiwang.use_grants(text[],text,text)', 'api'),
  -- signing in and out: every yiwang role
  ('yiwang.login(text)', 'admin department window citizen auditor reporting api'),
  ('yiwang.logout()', 'admin department window citizen auditor reporting api'),
  -- look-ups: the channels that act for a citizen or a department
  ('yiwang.certificates_of(text,text)', 'department window citizen api'),
  ('yiwang.certificates_of(yiwang.idcard,text)', 'department window citizen api'),
  ('yiwang.certificates_of(yiwang.uscc,text)', 'department window citizen api'),
  ('yiwang.verify_certificate(yiwang.certid,text)', 'department window citizen api'),
  ('yiwang.person(yiwang.idcard,text)', 'department window citizen api'),
  ('yiwang.legal_entity(yiwang.uscc,text)', 'department window citizen api'),
  ('yiwang.house(yiwang.estate_unit,text)', 'department window citizen api'),
  ('yiwang.my_access_log()', 'department window citizen api'),
  -- issuing: departments
  ('yiwang.issue_certificate(text,text,jsonb,date,date,text,text,text,bytea,text,date)', 'department api'),
  ('yiwang.revoke_certificate(yiwang.certid,text)', 'department api'),
  ('yiwang.supersede_certificate(yiwang.certid,jsonb,date,date)', 'department api'),
  -- configuration: administrators
  ('yiwang.register_signing_key(text,text,text,text,text,timestamp with time zone,timestamp with time zone)', 'admin api'),
  ('yiwang.revoke_signing_key(text,text,timestamp with time zone)', 'admin api'),
  ('yiwang.grant_sharing(text,text,timestamp with time zone,text,text,bigint)', 'admin api'),
  ('yiwang.revoke_sharing(bigint)', 'admin api'),
  ('yiwang.load_holiday_schedule(integer,yiwang.holiday_period[])', 'admin'),
  -- supervision
  ('yiwang.verify_access_log()', 'admin auditor api'),
  ('yiwang.purge_token_uses()', 'admin api');

-- Relations of the schema, and functions whose EXECUTE is not granted to PUBLIC.
CREATE FUNCTION pg_temp.catalog_tables() RETURNS SETOF text
LANGUAGE sql STABLE AS $$
  SELECT c.relname::text FROM pg_class c
  WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
$$;
CREATE FUNCTION pg_temp.catalog_sequences() RETURNS SETOF text
LANGUAGE sql STABLE AS $$
  SELECT c.relname::text FROM pg_class c WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind = 'S'
$$;
CREATE FUNCTION pg_temp.restricted_functions() RETURNS SETOF regprocedure
LANGUAGE sql STABLE AS $$
  SELECT p.oid::regprocedure FROM pg_proc p
  WHERE p.pronamespace = 'yiwang'::regnamespace
    AND NOT EXISTS (SELECT FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                    WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
$$;

-- Run a statement and undo it: 'ok', 'denied' (42501 with the message
-- given), or the error it raised.
CREATE FUNCTION pg_temp.attempt(statement text, denial text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  BEGIN
    EXECUTE statement;
    RAISE EXCEPTION 'yiwang-test: undo';
  EXCEPTION WHEN OTHERS THEN
    IF SQLSTATE = 'P0001' AND SQLERRM = 'yiwang-test: undo' THEN
      RETURN 'ok';
    ELSIF SQLSTATE = '42501' AND (SQLERRM LIKE denial || '%' OR SQLERRM = 'permission denied for schema yiwang') THEN
      RETURN 'denied';
    ELSIF SQLSTATE = '42501' AND SQLERRM LIKE 'permission denied%' THEN
      RETURN 'denied (' || SQLERRM || ')';
    END IF;
    -- the function ran and refused its arguments, or raised for lack of an actor
    RETURN 'ran';
  END;
END
$$;
GRANT ALL ON actors, expected_tables, expected_sequences, expected_functions TO PUBLIC;

-- What the role may do to the relation, tried for real: SIUD, with ? and
-- the error when a statement fails otherwise than for lack of privilege.
CREATE FUNCTION pg_temp.try_table(acts_as text, relation text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  rel regclass := to_regclass(format('yiwang.%I', relation));
  col text;
  col_type text;
  got text := '';
  outcome text;
  probe record;
  is_view boolean;
  writable boolean;
BEGIN
  IF rel IS NULL THEN
    RETURN 'no such relation';
  END IF;
  SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod) INTO col, col_type
  FROM pg_attribute a
  WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = ''
  ORDER BY a.attnum LIMIT 1;
  -- a view that cannot be written is only read: PostgreSQL says so before it checks privileges
  is_view := (SELECT c.relkind = 'v' FROM pg_class c WHERE c.oid = rel);
  writable := NOT is_view OR pg_relation_is_updatable(rel, false) <> 0;
  EXECUTE format('SET LOCAL ROLE %I', acts_as);
  FOR probe IN
    SELECT * FROM (VALUES
      (1, 'S', format('SELECT count(*) FROM %s WHERE false', rel)),
      (2, 'I', format('INSERT INTO %s (%s) SELECT NULL::%s WHERE false', rel, col, col_type)),
      (3, 'U', format('UPDATE %s SET %s = NULL WHERE false', rel, col)),
      (4, 'D', format('DELETE FROM %s WHERE false', rel))) AS v(n, letter, statement)
    WHERE n = 1 OR writable
    ORDER BY n
  LOOP
    outcome := pg_temp.attempt(probe.statement,
                               CASE WHEN is_view THEN 'permission denied for view ' ELSE 'permission denied for table ' END);
    got := got || CASE outcome WHEN 'ok' THEN probe.letter WHEN 'denied' THEN '' ELSE format('[%s? %s]', probe.letter, outcome) END;
  END LOOP;
  RESET ROLE;
  RETURN got;
END
$$;

-- Whether the role may execute the function, tried for real.
CREATE FUNCTION pg_temp.try_function(acts_as text, function text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  f regprocedure := to_regprocedure(function);
  call text;
  outcome text;
BEGIN
  IF f IS NULL THEN
    RETURN 'no such function';
  END IF;
  -- arguments that are not constants, so that the planner cannot skip the call of a strict function
  SELECT format('SELECT %I.%I(%s)', n.nspname, p.proname,
                coalesce(string_agg(format('(SELECT NULL::%s)', format_type(t.oid, NULL)), ', ' ORDER BY a.n)
                         FILTER (WHERE t.oid IS NOT NULL), ''))
  INTO call
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  LEFT JOIN LATERAL unnest(p.proargtypes::oid[]) WITH ORDINALITY AS a(t, n) ON true
  LEFT JOIN pg_type t ON t.oid = a.t
  WHERE p.oid = f
  GROUP BY n.nspname, p.proname;
  EXECUTE format('SET LOCAL ROLE %I', acts_as);
  outcome := pg_temp.attempt(call, format('permission denied for function %s', (SELECT proname FROM pg_proc WHERE oid = f)));
  RESET ROLE;
  RETURN CASE outcome WHEN 'ran' THEN 'executes' WHEN 'ok' THEN 'executes' ELSE outcome END;
END
$$;

SELECT plan(
  (SELECT count(*)::integer FROM actors)
  * (SELECT count(*)::integer FROM (SELECT pg_temp.catalog_tables() UNION SELECT relation FROM expected_tables) t)
  + (SELECT count(*)::integer FROM actors)
  * (SELECT count(*)::integer FROM (SELECT pg_temp.restricted_functions()::text UNION SELECT function FROM expected_functions) f)
  + 22);

-- ---------------------------------------------------------------------------
-- Tables: every role against every relation, for real.

CREATE TEMP TABLE expected_table_matrix AS
SELECT e.relation, a.role, a.acts_as, a.position,
       CASE a.role WHEN 'admin' THEN e.admin WHEN 'department' THEN e.department WHEN 'window' THEN e."window"
                   WHEN 'citizen' THEN e.citizen WHEN 'auditor' THEN e.auditor WHEN 'reporting' THEN e.reporting
                   WHEN 'plain' THEN e.plain WHEN 'api' THEN e.api END AS privileges
FROM expected_tables e CROSS JOIN actors a;

SELECT is(pg_temp.try_table(a.acts_as, t.relation), m.privileges,
          format('%s on yiwang.%s: %s', a.role, t.relation,
                 CASE WHEN m.privileges IS NULL THEN 'not in the expected matrix'
                      WHEN m.privileges = '' THEN 'nothing' ELSE m.privileges END))
FROM (SELECT pg_temp.catalog_tables() AS relation UNION SELECT relation FROM expected_tables) t
CROSS JOIN actors a
LEFT JOIN expected_table_matrix m ON m.relation = t.relation AND m.role = a.role
ORDER BY t.relation, a.position;

SELECT set_eq(
  $$SELECT c.relname::text, a.role,
           concat(CASE WHEN has_table_privilege(a.acts_as, c.oid, 'SELECT') THEN 'S' END,
                  CASE WHEN has_table_privilege(a.acts_as, c.oid, 'INSERT') THEN 'I' END,
                  CASE WHEN has_table_privilege(a.acts_as, c.oid, 'UPDATE') THEN 'U' END,
                  CASE WHEN has_table_privilege(a.acts_as, c.oid, 'DELETE') THEN 'D' END)
    FROM pg_class c CROSS JOIN pg_temp.actors a
    WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')$$,
  $$SELECT relation, role, privileges FROM pg_temp.expected_table_matrix$$,
  'the catalog''s table privileges are exactly the expected matrix');

SELECT is_empty(
  $$SELECT a.role || ' has ' || p.privilege || ' on yiwang.' || c.relname
    FROM pg_class c CROSS JOIN pg_temp.actors a
    CROSS JOIN unnest(ARRAY['TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(privilege)
    WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND has_table_privilege(a.acts_as, c.oid, p.privilege)$$,
  'no role may TRUNCATE, REFERENCE or put a TRIGGER on a table of yiwang');

SELECT set_eq(
  $$SELECT c.relname::text,
           coalesce(string_agg(a.role || '=' || concat(
                      CASE WHEN has_sequence_privilege(a.acts_as, c.oid, 'USAGE') THEN 'U' END,
                      CASE WHEN has_sequence_privilege(a.acts_as, c.oid, 'SELECT') THEN 'S' END,
                      CASE WHEN has_sequence_privilege(a.acts_as, c.oid, 'UPDATE') THEN 'W' END), ' ' ORDER BY a.position)
                      FILTER (WHERE has_sequence_privilege(a.acts_as, c.oid, 'USAGE, SELECT, UPDATE')), '')
    FROM pg_class c CROSS JOIN pg_temp.actors a
    WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind = 'S'
    GROUP BY c.relname$$,
  $$SELECT sequence, usable_by FROM pg_temp.expected_sequences$$,
  'sequences: only yiwang_api draws certificate serials; nobody touches the identity sequences');

-- ---------------------------------------------------------------------------
-- Functions: every role against every restricted function, for real.

CREATE TEMP TABLE expected_function_matrix AS
SELECT e.function, a.role, a.acts_as, a.position,
       CASE WHEN a.role = ANY (string_to_array(e.executable_by, ' ')) THEN 'executes' ELSE 'denied' END AS outcome
FROM expected_functions e CROSS JOIN actors a;

SELECT is(pg_temp.try_function(a.acts_as, f.function), m.outcome,
          format('%s calling %s: %s', a.role, f.function, coalesce(m.outcome, 'not in the expected matrix')))
FROM (SELECT pg_temp.restricted_functions()::text AS function UNION SELECT function FROM expected_functions) f
CROSS JOIN actors a
LEFT JOIN expected_function_matrix m ON m.function = f.function AND m.role = a.role
ORDER BY f.function, a.position;

SELECT set_eq(
  $$SELECT f::text, a.role, CASE WHEN has_function_privilege(a.acts_as, f, 'EXECUTE') THEN 'executes' ELSE 'denied' END
    FROM pg_temp.restricted_functions() f CROSS JOIN pg_temp.actors a$$,
  $$SELECT function, role, outcome FROM pg_temp.expected_function_matrix$$,
  'the catalog''s EXECUTE privileges on restricted functions are exactly the expected matrix');

SELECT is_empty(
  $$SELECT p.oid::regprocedure::text FROM pg_proc p
    WHERE p.pronamespace = 'yiwang'::regnamespace AND p.prosecdef
      AND p.oid NOT IN (SELECT pg_temp.restricted_functions())$$,
  'no SECURITY DEFINER function is executable by PUBLIC');

-- ---------------------------------------------------------------------------
-- Catalog audits.

SELECT is_empty(
  $$SELECT c.relname::text FROM pg_class c
    WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity$$,
  'every table of yiwang has row-level security enabled');
SELECT is_empty(
  $$SELECT c.relname::text FROM pg_class c
    WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relforcerowsecurity$$,
  'every table of yiwang forces row-level security on its owner');
SELECT is_empty(
  $$SELECT c.relname::text FROM pg_class c
    WHERE c.relnamespace = 'yiwang'::regnamespace AND c.relkind IN ('v', 'm')
      AND NOT coalesce('security_barrier=true' = ANY (c.reloptions) OR 'security_invoker=true' = ANY (c.reloptions), false)$$,
  'every view of yiwang is a security barrier or runs as the invoker');
SELECT is_empty(
  $$SELECT p.polrelid::regclass::text || ' ' || p.polname FROM pg_policy p
    JOIN pg_class c ON c.oid = p.polrelid
    WHERE c.relnamespace = 'yiwang'::regnamespace AND 0::oid = ANY (p.polroles)$$,
  'no policy of yiwang applies to PUBLIC');
SELECT is_empty(
  $$SELECT p.oid::regprocedure::text || ' owned by ' || pg_get_userbyid(p.proowner) FROM pg_proc p
    WHERE p.pronamespace = 'yiwang'::regnamespace AND p.prosecdef AND p.proowner <> 'yiwang_api'::regrole$$,
  'every SECURITY DEFINER function is owned by yiwang_api');
SELECT is_empty(
  $$SELECT p.oid::regprocedure::text || ' ' || coalesce(array_to_string(p.proconfig, ' '), 'has no SET') FROM pg_proc p
    WHERE p.pronamespace = 'yiwang'::regnamespace AND p.prosecdef
      AND NOT EXISTS (SELECT FROM unnest(p.proconfig) AS s
                      WHERE s ~ '^search_path=pg_catalog, yiwang, pg_temp$')$$,
  'every SECURITY DEFINER function pins search_path to pg_catalog, yiwang, pg_temp (pg_temp last)');
-- Internal functions that only yiwang_api may execute run under the
-- search_path their SECURITY DEFINER caller pinned; every other restricted
-- SQL or PL/pgSQL function pins its own.
SELECT is_empty(
  $$SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
    WHERE p.oid IN (SELECT pg_temp.restricted_functions()) AND l.lanname IN ('sql', 'plpgsql')
      AND EXISTS (SELECT FROM aclexplode(p.proacl) a
                  WHERE a.privilege_type = 'EXECUTE' AND a.grantee NOT IN (p.proowner, 'yiwang_api'::regrole))
      AND NOT EXISTS (SELECT FROM unnest(p.proconfig) AS s WHERE s ~ '^search_path=.*pg_temp$')$$,
  'every restricted SQL or PL/pgSQL function that a role other than yiwang_api may call pins search_path, pg_temp last');
SELECT is_empty(
  $$SELECT c.relname::text FROM pg_class c
    WHERE c.relnamespace = 'yiwang'::regnamespace
      AND c.relowner IN (SELECT oid FROM pg_roles WHERE rolname LIKE 'yiwang\_%')$$,
  'no yiwang role owns a relation of yiwang (an owner could switch row-level security off)');
SELECT is(
  (SELECT row(rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb)::text
   FROM pg_roles WHERE rolname = 'yiwang_api'),
  '(f,f,f,f,f)', 'yiwang_api cannot log in, is no superuser and does not bypass row-level security');
SELECT is_empty(
  $$SELECT m.member::regrole::text FROM pg_auth_members m WHERE m.roleid = 'yiwang_api'::regrole$$,
  'nobody is a member of yiwang_api');
SELECT is_empty(
  $$SELECT rolname::text FROM pg_roles
    WHERE rolname IN ('yiwang_admin', 'yiwang_department', 'yiwang_window', 'yiwang_citizen',
                      'yiwang_auditor', 'yiwang_reporting', 'yiwang_api')
      AND (rolcanlogin OR rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb OR rolreplication)$$,
  'the yiwang roles are groups without login or special attributes');
SELECT is(
  (SELECT count(*)::integer FROM pg_roles
   WHERE rolname IN ('yiwang_admin', 'yiwang_department', 'yiwang_window', 'yiwang_citizen',
                     'yiwang_auditor', 'yiwang_reporting', 'yiwang_api')),
  7, 'the extension''s seven roles exist');
SELECT is_empty(
  $$SELECT r.rolname || ' is a member of ' || g.rolname FROM pg_auth_members m
    JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
    WHERE r.rolname IN ('yiwang_admin', 'yiwang_department', 'yiwang_window', 'yiwang_citizen',
                        'yiwang_auditor', 'yiwang_reporting', 'yiwang_api')$$,
  'no yiwang role is a member of another role (no privilege flows between them)');
SELECT set_eq(
  $$SELECT a.role FROM pg_temp.actors a WHERE has_schema_privilege(a.acts_as, 'yiwang', 'USAGE')$$,
  ARRAY['admin', 'department', 'window', 'citizen', 'auditor', 'reporting', 'api'],
  'every yiwang role, and no other, may use the schema yiwang');
SELECT is_empty(
  $$SELECT a.role FROM pg_temp.actors a WHERE has_schema_privilege(a.acts_as, 'yiwang', 'CREATE')$$,
  'no role may create objects in the schema yiwang');
SELECT is_empty(
  $$SELECT p.oid::regprocedure::text FROM pg_proc p
    WHERE p.pronamespace = 'yiwang'::regnamespace AND p.proleakproof
      AND (p.prosecdef OR p.oid IN (SELECT pg_temp.restricted_functions()))$$,
  'no API function is marked LEAKPROOF');
SELECT is(
  (SELECT count(*)::integer FROM pg_temp.restricted_functions() f JOIN pg_proc p ON p.oid = f WHERE p.prosecdef),
  (SELECT count(*)::integer FROM pg_proc p WHERE p.pronamespace = 'yiwang'::regnamespace AND p.prosecdef),
  'every SECURITY DEFINER function is in the restricted matrix');

SELECT * FROM finish();
ROLLBACK;
