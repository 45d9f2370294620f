
-- Roles (角色).  Roles belong to the cluster, not to a database: each is
-- created only when it does not exist yet, so that a second database of the
-- same cluster can install yiwang, and DROP EXTENSION leaves them in place.
-- All are NOLOGIN groups: login roles of department applications and people
-- are made members of one of them by the DBA.
--   yiwang_admin       configures: departments, keys, certificate types, grants
--   yiwang_department  department staff (部门工作人员)
--   yiwang_window      integrated-window clerk (综合窗口)
--   yiwang_citizen     citizen self-service (web, app, terminal)
--   yiwang_auditor     electronic supervision (电子监察): reads the access log
--   yiwang_reporting   read-only reporting over ODBC: aggregates, masked numbers
--   yiwang_api         owns yiwang's SECURITY DEFINER functions; has no login
--                      and no member, and is subject to row-level security
DO $roles$
DECLARE
  wanted text[] := ARRAY['yiwang_admin', 'yiwang_department', 'yiwang_window', 'yiwang_citizen',
                         'yiwang_auditor', 'yiwang_reporting', 'yiwang_api'];
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY wanted LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
      EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role_name);
    ELSIF EXISTS (SELECT FROM pg_catalog.pg_roles
                  WHERE rolname = role_name AND (rolsuper OR rolbypassrls OR rolcanlogin)) THEN
      -- a role found in place must be what yiwang would have made: its
      -- policies mean nothing to a superuser or a role that bypasses them
      RAISE EXCEPTION 'role % exists with more power than yiwang gives it', role_name
        USING ERRCODE = '42501',
        DETAIL = 'yiwang''s roles are groups without LOGIN, SUPERUSER or BYPASSRLS; row-level security does not bind a role that has them.',
        HINT = pg_catalog.format('ALTER ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS, then install again.', role_name);
    END IF;
  END LOOP;
END
$roles$;

-- Every yiwang role may use the schema; what it may do there is granted
-- object by object (security/grants.sql).
GRANT USAGE ON SCHEMA yiwang TO yiwang_admin, yiwang_department, yiwang_window,
  yiwang_citizen, yiwang_auditor, yiwang_reporting, yiwang_api;
