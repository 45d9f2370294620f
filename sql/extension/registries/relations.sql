
-- The relations the city's scenarios need, each with its source department.

-- Household registration (户籍): members of a household and its head.
CREATE TABLE household_members (
  household_id text NOT NULL CHECK (household_id <> ''),
  idcard idcard NOT NULL REFERENCES persons,
  relation text NOT NULL
    CHECK (relation IN ('head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other')),
  registered_on date,
  source_department text NOT NULL REFERENCES departments,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record_version bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (household_id, idcard)
);
COMMENT ON TABLE household_members IS 'household registration (户籍): who belongs to which household';
-- one head per household, one household per person
CREATE UNIQUE INDEX household_members_one_head ON household_members (household_id) WHERE relation = 'head';
CREATE UNIQUE INDEX household_members_one_household ON household_members (idcard);
SELECT pg_catalog.pg_extension_config_dump('household_members', '');
CREATE TRIGGER household_members_changed BEFORE UPDATE ON household_members
  FOR EACH ROW EXECUTE FUNCTION registry_row_changed();

-- Parent and child (亲子关系), from birth registration or adoption.
CREATE TABLE parent_child (
  parent idcard NOT NULL REFERENCES persons,
  child idcard NOT NULL REFERENCES persons,
  relation text NOT NULL CHECK (relation IN ('father', 'mother', 'guardian')),
  source_department text NOT NULL REFERENCES departments,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record_version bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (parent, child),
  CHECK (parent <> child)
);
COMMENT ON TABLE parent_child IS 'parent and child (亲子关系)';
CREATE INDEX parent_child_child ON parent_child (child);
SELECT pg_catalog.pg_extension_config_dump('parent_child', '');
CREATE TRIGGER parent_child_changed BEFORE UPDATE ON parent_child
  FOR EACH ROW EXECUTE FUNCTION registry_row_changed();

-- Residence: ownership, or a registered rental with its validity period.
CREATE TABLE residences (
  residence_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idcard idcard NOT NULL REFERENCES persons,
  estate_unit estate_unit NOT NULL REFERENCES houses,
  kind text NOT NULL CHECK (kind IN ('ownership', 'rental')),
  valid_from date NOT NULL,
  valid_until date,
  registration_number text,
  source_department text NOT NULL REFERENCES departments,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record_version bigint NOT NULL DEFAULT 1,
  CHECK (valid_until IS NULL OR valid_until >= valid_from),
  -- a registered rental always ends; ownership may not
  CHECK (kind = 'ownership' OR valid_until IS NOT NULL)
);
COMMENT ON TABLE residences IS 'where people live: ownership (产权) or registered rental (租赁登记)';
CREATE INDEX residences_idcard ON residences (idcard);
CREATE INDEX residences_estate_unit ON residences (estate_unit);
SELECT pg_catalog.pg_extension_config_dump('residences', '');
CREATE TRIGGER residences_changed BEFORE UPDATE ON residences
  FOR EACH ROW EXECUTE FUNCTION registry_row_changed();

-- Employment (就业登记) and social-insurance months (社保缴费) by employer.
CREATE TABLE employment (
  idcard idcard NOT NULL REFERENCES persons,
  employer uscc NOT NULL REFERENCES legal_entities,
  started_on date NOT NULL,
  ended_on date,
  source_department text NOT NULL REFERENCES departments,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record_version bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (idcard, employer, started_on),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
COMMENT ON TABLE employment IS 'employment registration (就业登记)';
CREATE INDEX employment_employer ON employment (employer);
SELECT pg_catalog.pg_extension_config_dump('employment', '');
CREATE TRIGGER employment_changed BEFORE UPDATE ON employment
  FOR EACH ROW EXECUTE FUNCTION registry_row_changed();

CREATE TABLE social_insurance_months (
  idcard idcard NOT NULL REFERENCES persons,
  employer uscc NOT NULL REFERENCES legal_entities,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  source_department text NOT NULL REFERENCES departments,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record_version bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (idcard, month, employer)
);
COMMENT ON TABLE social_insurance_months IS 'social-insurance contributions (社保缴费), one row per person, month and employer';
SELECT pg_catalog.pg_extension_config_dump('social_insurance_months', '');
CREATE TRIGGER social_insurance_months_changed BEFORE UPDATE ON social_insurance_months
  FOR EACH ROW EXECUTE FUNCTION registry_row_changed();
