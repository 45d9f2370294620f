
-- The service-item catalogue (政务服务事项目录): what the window accepts.
-- Same item, same standard, same code (同一事项、同一标准、同一编码): an item
-- keeps its code for good; a change publishes a new version, and an
-- application keeps the version it was filed under.  Versions are never
-- edited once published: a correction is the next version.

CREATE TABLE service_items (
  item_code text NOT NULL CHECK (item_code ~ '^[0-9A-Z][0-9A-Z-]{3,63}$'),
  version integer NOT NULL CHECK (version > 0),
  name text NOT NULL CHECK (name <> ''),
  -- 行政许可 licence, 行政确认 confirmation, 行政给付 payment, 行政裁决
  -- adjudication, 公共服务 public_service, 其他 other
  kind text NOT NULL CHECK (kind IN ('licence', 'confirmation', 'payment', 'adjudication', 'public_service', 'other')),
  lead_department text NOT NULL REFERENCES departments,
  -- who applies: a person, or an organisation through its representative
  applicant_kind text NOT NULL CHECK (applicant_kind IN ('person', 'organisation')),
  -- time limits in working days: the law's, and the shorter one the city promises (承诺时限)
  legal_limit_days integer NOT NULL CHECK (legal_limit_days > 0),
  promised_limit_days integer NOT NULL CHECK (promised_limit_days > 0),
  -- online handling depth (网上办理深度) I-IV, and the on-site visits it leaves
  online_depth smallint NOT NULL CHECK (online_depth BETWEEN 1 AND 4),
  onsite_visits smallint NOT NULL CHECK (onsite_visits >= 0),
  fee numeric(12, 2) NOT NULL DEFAULT 0 CHECK (fee >= 0),
  -- the certificate completion issues, signed in the completing transaction
  result_type_code text REFERENCES certificate_types,
  published_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  PRIMARY KEY (item_code, version),
  CONSTRAINT promise_within_the_law CHECK (promised_limit_days <= legal_limit_days),
  -- depth IV is handled entirely online (全程网办), depth III needs at most one visit (最多跑一次)
  CONSTRAINT depth_four_means_no_visit CHECK (online_depth < 4 OR onsite_visits = 0),
  CONSTRAINT depth_three_means_one_visit CHECK (online_depth < 3 OR onsite_visits <= 1)
);
COMMENT ON TABLE service_items IS 'the service-item catalogue (政务服务事项目录), one row per published version of an item';
SELECT pg_catalog.pg_extension_config_dump('service_items', '');

-- The materials an item asks for, and how each is satisfied: by a
-- certificate in the store (the applicant hands in nothing: 免提交), by a
-- check against the registries, or by an upload.
CREATE TABLE item_materials (
  item_code text NOT NULL,
  version integer NOT NULL,
  material_code text NOT NULL CHECK (material_code ~ '^[a-z][a-z0-9_]{0,62}$'),
  name text NOT NULL CHECK (name <> ''),
  required boolean NOT NULL DEFAULT true,
  satisfied_by text NOT NULL CHECK (satisfied_by IN ('certificate', 'registry_check', 'upload')),
  type_code text REFERENCES certificate_types,
  -- the name of the registry check that satisfies it
  check_name text CHECK (check_name ~ '^[a-z][a-z0-9_]{0,62}$'),
  PRIMARY KEY (item_code, version, material_code),
  FOREIGN KEY (item_code, version) REFERENCES service_items,
  CONSTRAINT certificate_names_its_type CHECK ((satisfied_by = 'certificate') = (type_code IS NOT NULL)),
  CONSTRAINT check_names_its_check CHECK ((satisfied_by = 'registry_check') = (check_name IS NOT NULL))
);
COMMENT ON TABLE item_materials IS 'the materials of each item version and how each is satisfied (certificate, registry check, upload)';
SELECT pg_catalog.pg_extension_config_dump('item_materials', '');

-- The departments that review an application of the item, in parallel (并联审批).
CREATE TABLE item_reviewers (
  item_code text NOT NULL,
  version integer NOT NULL,
  department_id text NOT NULL REFERENCES departments,
  PRIMARY KEY (item_code, version, department_id),
  FOREIGN KEY (item_code, version) REFERENCES service_items
);
COMMENT ON TABLE item_reviewers IS 'the departments that review applications of each item version in parallel';
SELECT pg_catalog.pg_extension_config_dump('item_reviewers', '');
