--
-- install: CREATE EXTENSION pulls in its requirements and lands in schema yiwang.
--
CREATE EXTENSION yiwang CASCADE;

-- the version, the schema and relocatability as recorded by the server
SELECT extname, extversion, extnamespace::regnamespace AS schema, extrelocatable
FROM pg_extension
WHERE extname = 'yiwang';

-- the extensions CASCADE installed because yiwang requires them
-- and the server records yiwang as depending on them
SELECT r.extname AS required_by_yiwang
FROM pg_depend d
JOIN pg_extension e ON e.oid = d.objid AND d.classid = 'pg_extension'::regclass
JOIN pg_extension r ON r.oid = d.refobjid AND d.refclassid = 'pg_extension'::regclass
WHERE e.extname = 'yiwang'
ORDER BY 1;

-- the control file says the same
SELECT name, version, installed, superuser, relocatable, schema, requires
FROM pg_available_extension_versions
WHERE name = 'yiwang' AND installed;

-- not relocatable: moving it is refused, and it stays in yiwang
ALTER EXTENSION yiwang SET SCHEMA public;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT extnamespace::regnamespace AS schema FROM pg_extension WHERE extname = 'yiwang';

-- the five identifier types are in schema yiwang, and nowhere else
SELECT t.typname, t.typnamespace::regnamespace AS schema
FROM pg_type t
WHERE t.typname IN ('idcard', 'uscc', 'orgcode', 'estate_unit', 'certid')
ORDER BY 1, 2;

-- installing twice is an error; IF NOT EXISTS is a no-op
CREATE EXTENSION yiwang;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE EXTENSION IF NOT EXISTS yiwang;
