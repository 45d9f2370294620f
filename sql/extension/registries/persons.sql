
-- Population registry (人口库).  One source per fact (一数一源): every row
-- names the department that is its source and when that source last updated
-- it; record_version grows with every update so that evidence can pin it.
CREATE TABLE persons (
  idcard idcard PRIMARY KEY,
  name text NOT NULL CHECK (name <> ''),
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date date NOT NULL,
  household_region text CHECK (household_region ~ '^[0-9]{6}$'),
  status text NOT NULL DEFAULT 'living'
    CHECK (status IN ('living', 'deceased', 'emigrated', 'cancelled')),
  status_since date,
  source_department text NOT NULL REFERENCES departments,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record_version bigint NOT NULL DEFAULT 1
);
COMMENT ON TABLE persons IS 'population registry (人口库): one row per identity number';
-- Birth date and sex are facts of the registry, not read off the number: a
-- number issued with a wrong birth date is kept for life, the registry is
-- corrected.
SELECT pg_catalog.pg_extension_config_dump('persons', '');
CREATE TRIGGER persons_changed BEFORE UPDATE ON persons
  FOR EACH ROW EXECUTE FUNCTION registry_row_changed();
