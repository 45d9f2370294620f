
-- The certificate store (电子证照库): every issued certificate, signed by its
-- issuing department over a canonical byte form (see canonical_form.sql).
-- Expiry is a date, not a status: a certificate past valid_until is expired.
CREATE SEQUENCE certificate_serial;

CREATE TABLE certificates (
  certid certid PRIMARY KEY,
  type_code text NOT NULL REFERENCES certificate_types,
  holder_idcard idcard REFERENCES persons,
  holder_uscc uscc REFERENCES legal_entities,
  issuing_department text NOT NULL REFERENCES departments,
  number text,
  issued_on date NOT NULL,
  valid_from date NOT NULL,
  valid_until date,
  data jsonb NOT NULL,
  version integer NOT NULL CHECK (version BETWEEN 1 AND 999),
  superseded_by certid REFERENCES certificates,
  status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked', 'superseded')),
  revoked_at timestamptz,
  revocation_reason text,
  key_id text NOT NULL REFERENCES signing_keys,
  signed_at timestamptz NOT NULL,
  signature bytea NOT NULL,
  trust_grade text NOT NULL DEFAULT 'A' CHECK (trust_grade IN ('A', 'B', 'C', 'D')),
  CHECK ((holder_idcard IS NULL) <> (holder_uscc IS NULL)),
  CHECK (valid_until IS NULL OR valid_until >= valid_from),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  CHECK ((status = 'superseded') = (superseded_by IS NOT NULL)),
  CHECK (jsonb_typeof(data) = 'object')
);
COMMENT ON TABLE certificates IS 'the certificate store (电子证照库); trust grade A issued and sealed by the authority, B checked at a window, C uploaded by the holder, D self-declared';
CREATE INDEX certificates_holder_idcard ON certificates (holder_idcard) WHERE holder_idcard IS NOT NULL;
CREATE INDEX certificates_holder_uscc ON certificates (holder_uscc) WHERE holder_uscc IS NOT NULL;
-- the same printed certificate is issued once: a second issue of a number waits, then fails
CREATE UNIQUE INDEX certificates_number ON certificates (type_code, issuing_department, number, version)
  WHERE number IS NOT NULL;
SELECT pg_catalog.pg_extension_config_dump('certificates', '');
SELECT pg_catalog.pg_extension_config_dump('certificate_serial', '');
