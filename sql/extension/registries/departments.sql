
-- Departments (部门): every registry row names its source department, every
-- certificate its issuer, every grant its grantee.
CREATE TABLE departments (
  department_id text PRIMARY KEY
    CHECK (department_id ~ '^[a-z][a-z0-9_]{1,31}$'),
  uscc uscc NOT NULL UNIQUE,
  name text NOT NULL CHECK (name <> ''),
  region text NOT NULL CHECK (region ~ '^[0-9]{6}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE departments IS 'departments (部门) that are sources of registry data, issue certificates or use them';
SELECT pg_catalog.pg_extension_config_dump('departments', '');

-- Registry rows carry their source's last update and a version that grows
-- with every change, so that evidence can pin the row it relied on.
CREATE FUNCTION registry_row_changed() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  NEW.record_version := OLD.record_version + 1;
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END
$$;
