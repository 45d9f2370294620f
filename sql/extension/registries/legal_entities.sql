
-- Legal-entity registry (法人库), keyed by the unified social credit code.
CREATE TABLE legal_entities (
  uscc uscc PRIMARY KEY,
  name text NOT NULL CHECK (name <> ''),
  legal_representative idcard,
  region text NOT NULL CHECK (region ~ '^[0-9]{6}$'),
  status text NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'revoked', 'cancelled')),
  established_on date,
  source_department text NOT NULL REFERENCES departments,
  updated_at timestamptz NOT NULL DEFAULT now(),
  record_version bigint NOT NULL DEFAULT 1
);
COMMENT ON TABLE legal_entities IS 'legal-entity registry (法人库)';
-- pre-2015 records are keyed by organisation code: find the entity from it
CREATE INDEX legal_entities_orgcode ON legal_entities (orgcode(uscc));
CREATE INDEX legal_entities_representative ON legal_entities (legal_representative);
SELECT pg_catalog.pg_extension_config_dump('legal_entities', '');
CREATE TRIGGER legal_entities_changed BEFORE UPDATE ON legal_entities
  FOR EACH ROW EXECUTE FUNCTION registry_row_changed();
