-- Roles belong to the cluster: a second database installs yiwang without
-- creating them again, and both databases use the same roles.
SELECT rolname FROM pg_roles WHERE rolname LIKE 'yiwang\_%' ORDER BY rolname;
SELECT current_database() AS first_database \gset
CREATE DATABASE yiwang_regress_second;
\c yiwang_regress_second
SET client_min_messages = warning;
CREATE EXTENSION yiwang CASCADE;
RESET client_min_messages;
SELECT extversion FROM pg_extension WHERE extname = 'yiwang';
SELECT count(*) AS yiwang_roles FROM pg_roles WHERE rolname LIKE 'yiwang\_%';
-- the API functions of this database belong to the same yiwang_api role
SELECT DISTINCT pg_get_userbyid(proowner) AS definer_owner
FROM pg_proc WHERE pronamespace = 'yiwang'::regnamespace AND prosecdef;
-- dropping the extension here leaves the roles for the first database
DROP EXTENSION yiwang;
SELECT count(*) AS yiwang_roles_after_drop FROM pg_roles WHERE rolname LIKE 'yiwang\_%';
\c :first_database
DROP DATABASE yiwang_regress_second;
SELECT count(*) >= 19 AS api_functions_present,
       bool_and(pg_get_userbyid(proowner) = 'yiwang_api') AS all_still_owned_by_yiwang_api
FROM pg_proc WHERE pronamespace = 'yiwang'::regnamespace AND prosecdef;
