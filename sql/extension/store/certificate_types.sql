
-- The electronic certificate catalogue (电子证照目录): one row per type of
-- certificate, with its GB/T 36904 type code.
CREATE TABLE certificate_types (
  type_code text PRIMARY KEY
    CHECK (length(type_code) = 21 AND uscc_valid(left(type_code, 18)) AND right(type_code, 3) ~ '^[0-9]{3}$'),
  name text NOT NULL CHECK (name <> ''),
  defining_department text NOT NULL REFERENCES departments,
  -- departments that issue it besides the defining one (district offices, ...)
  other_issuers text[] NOT NULL DEFAULT '{}',
  holder_kind text NOT NULL CHECK (holder_kind IN ('person', 'organisation')),
  -- the shape of the data: the keys every certificate of the type must carry
  required_fields text[] NOT NULL DEFAULT '{}',
  -- how long a certificate is valid when issued; NULL: until revoked
  validity interval CHECK (validity IS NULL OR validity > interval '0'),
  description text
);
COMMENT ON TABLE certificate_types IS 'the electronic certificate catalogue (电子证照目录)';
SELECT pg_catalog.pg_extension_config_dump('certificate_types', '');
