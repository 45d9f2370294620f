-- The one window of a city district: departments, an identity platform and
-- its window clerks' tokens, a service item with two reviewing departments,
-- and the applications the clerks accept, with the same rows again in plain
-- tables for the baseline.  Set-based and deterministic (fixed hashes).
--
-- psql variables:
--   blocks       how many blocks of applications (one per pgbench run that moves applications)
--   block_size   applications per block: more than any run can move
--   bare_blocks, bare_block_size   the same for the baseline tables
--   clerks       window clerks, one token each
--
-- Run as a superuser: the applications and their first case-log events are
-- written directly, past row-level security, as yiwang.submit_application
-- would have written them (same columns, same hash chain).

\set ON_ERROR_STOP 1
SET search_path = public, yiwang;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';


-- Departments of their own (prefix wb_), so that the section runs alone or
-- after the certificate store's in the same database.  Credit codes found by
-- trying every check character, as in certificate_store/generate.sql.
CREATE TABLE bench.wb_department (department_id text PRIMARY KEY, ord integer, name text);
INSERT INTO bench.wb_department VALUES
  ('wb_centre',  1, '福田区政务服务中心 Futian District Government Services Centre'),
  ('wb_housing', 2, '福田区住房和建设局 Futian District Housing and Construction Bureau'),
  ('wb_hrss',    3, '福田区人力资源局 Futian District Human Resources Bureau');

INSERT INTO yiwang.departments (department_id, uscc, name, region)
SELECT d.department_id, c.code::yiwang.uscc, d.name, '440304'
  FROM bench.wb_department d
  CROSS JOIN LATERAL (
    SELECT body || o || u AS code
      FROM (SELECT '11440304' || lpad((77000000 + 1031 * d.ord)::text, 8, '0') AS body) b,
           regexp_split_to_table('0123456789X', '') AS o,
           regexp_split_to_table('0123456789ABCDEFGHJKLMNPQRTUWXY', '') AS u
     WHERE yiwang.uscc_valid(body || o || u) AND yiwang.orgcode_valid(substr(body || o || u, 9, 9))
     LIMIT 1) c;

-- The lead department's signing key (completion would sign with it).
SELECT yiwang.register_signing_key('wb_housing-2026', 'wb_housing', 'sm2', k.public_key, k.private_key,
                                   valid_from => timestamptz '2026-01-01 00:00+08')
  FROM yiwang.generate_keypair('sm2') k;

-- The item: a talent housing subsidy (人才住房补贴), led by the housing
-- bureau and reviewed in parallel by it and the human resources bureau.
INSERT INTO yiwang.service_items (item_code, version, name, kind, lead_department, applicant_kind,
                                  legal_limit_days, promised_limit_days, online_depth, onsite_visits, fee)
VALUES ('WB-440304-0001', 1, '人才住房补贴申领 Talent housing subsidy', 'payment', 'wb_housing', 'person',
        20, 10, 3, 1, 0);
INSERT INTO yiwang.item_materials (item_code, version, material_code, name, required, satisfied_by, check_name) VALUES
  ('WB-440304-0001', 1, 'employment', '劳动合同 Employment contract', true, 'upload', NULL),
  ('WB-440304-0001', 1, 'social_insurance', '社保缴费记录 Social insurance record', true, 'registry_check', 'social_insurance_months');
INSERT INTO yiwang.item_reviewers (item_code, version, department_id) VALUES
  ('WB-440304-0001', 1, 'wb_housing'), ('WB-440304-0001', 1, 'wb_hrss');

-- The district's identity platform, and a token for each window clerk of
-- the services centre, valid for the working day.
CREATE TABLE bench.wb_issuer AS SELECT 'wb-idp-2026'::text AS key_id, 'wb-idp'::text AS issuer, k.*
  FROM yiwang.generate_keypair('ed25519') k;
INSERT INTO yiwang.token_issuer_keys (key_id, issuer, algorithm, public_key, valid_from)
SELECT key_id, issuer, 'ed25519', public_key, now() - interval '1 day' FROM bench.wb_issuer;

CREATE TABLE bench.wb_token AS
SELECT k AS ord,
       yiwang.sign_token(jsonb_build_object('iss', i.issuer, 'sub', 'ftc-w' || lpad(k::text, 3, '0'), 'kind', 'staff',
                                            'dept', 'wb_centre', 'role', 'window', 'acr', 3,
                                            'iat', extract(epoch FROM now())::bigint,
                                            'exp', extract(epoch FROM now() + interval '8 hours')::bigint,
                                            'nonce', 'wb-window-' || k),
                         i.key_id, 'ed25519', i.private_key) AS token
  FROM generate_series(0, :clerks - 1) AS k CROSS JOIN bench.wb_issuer i;
CREATE UNIQUE INDEX ON bench.wb_token (ord);
-- the clerks' sessions run as yiwang_window and read their token from here
GRANT USAGE ON SCHEMA bench TO yiwang_window;
GRANT SELECT ON bench.wb_token TO yiwang_window;

-- The applications, filed online over the past two weeks and waiting at
-- the window to be accepted.  application_id
-- 1 .. blocks * block_size; a pgbench run moves only those of its block.
CREATE UNLOGGED TABLE bench.wb_filing AS
WITH n AS (
  SELECT n, (n::bigint * 2654435761) % 262980000 AS x
    FROM generate_series(1, :blocks * :block_size) AS n
),
body AS (
  SELECT n,
         (ARRAY['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311'])[1 + x % 9]
         || to_char(date '1960-01-01' + (x / 9000 % 14000)::integer, 'YYYYMMDD')
         || lpad(((x / 9) % 1000)::text, 3, '0') AS body
    FROM n
  OFFSET 0
)
SELECT n AS application_id, (body || bench.idcard_check(body))::yiwang.idcard AS applicant,
       timestamptz '2026-11-08 09:00+08' + (n % 1209600) * interval '1 second' AS submitted_at,
       jsonb_build_object('employer', 'wb-employer-' || n % 5000, 'degree', (ARRAY['bachelor', 'master', 'doctor'])[1 + n % 3],
                          'bank_account', lpad((n::bigint * 7919 % 1000000000)::text, 19, '6')) AS form
  FROM body;

CREATE UNLOGGED TABLE bench.wb_submit AS
SELECT f.*, yiwang.sm3('\x0000000000000000000000000000000000000000000000000000000000000000'::bytea
                       || yiwang.application_event_bytes(f.application_id, 1, f.submitted_at, 'citizen', f.applicant::text,
                                                         NULL, 'citizen', 'submit', 'new', 'submitted', NULL, d.details)) AS event_hash,
       d.details
  FROM bench.wb_filing f
 CROSS JOIN LATERAL (SELECT jsonb_build_object('item', 'WB-440304-0001', 'version', 1, 'channel', 'web') AS details) d;

INSERT INTO yiwang.applications (application_id, item_code, item_version, applicant_idcard, channel, form, state,
                                 submitted_at, events, last_event_hash)
OVERRIDING SYSTEM VALUE
SELECT application_id, 'WB-440304-0001', 1, applicant, 'web', form, 'submitted', submitted_at, 1, event_hash
  FROM bench.wb_submit ORDER BY application_id;
SELECT setval(pg_get_serial_sequence('yiwang.applications', 'application_id'),
              (SELECT max(application_id) FROM yiwang.applications));

INSERT INTO yiwang.application_events (application_id, seq, happened_at, actor_kind, actor_subject, actor_department,
                                       actor_role, event, from_state, to_state, reason, details, previous_hash, event_hash)
SELECT application_id, 1, submitted_at, 'citizen', applicant::text, NULL, 'citizen', 'submit', 'new', 'submitted', NULL,
       details, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea, event_hash
  FROM bench.wb_submit ORDER BY application_id;

-- The baseline's tables: the same columns, defaults, checks and indexes as
-- yiwang.applications and yiwang.application_events, and no foreign keys,
-- triggers or row-level security.  The same kind of rows, in blocks of
-- their own.
CREATE TABLE bench.wb_bare_applications (LIKE yiwang.applications INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE bench.wb_bare_events (LIKE yiwang.application_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
INSERT INTO bench.wb_bare_applications (application_id, item_code, item_version, applicant_idcard, channel, form, state,
                                        submitted_at, events, last_event_hash)
SELECT n, a.item_code, a.item_version, a.applicant_idcard, a.channel, a.form, a.state, a.submitted_at, a.events, a.last_event_hash
  FROM generate_series(1, :bare_blocks * :bare_block_size) AS n
  JOIN yiwang.applications a ON a.application_id = 1 + (n - 1) % (:blocks * :block_size)
 ORDER BY n;
INSERT INTO bench.wb_bare_events
SELECT n, 1, e.happened_at, e.actor_kind, e.actor_subject, e.actor_department, e.actor_role, e.event, e.from_state,
       e.to_state, e.reason, e.details, e.previous_hash, e.event_hash
  FROM generate_series(1, :bare_blocks * :bare_block_size) AS n
  JOIN yiwang.application_events e ON e.application_id = 1 + (n - 1) % (:blocks * :block_size) AND e.seq = 1
 ORDER BY n;

DROP TABLE bench.wb_filing, bench.wb_submit;

-- What the runs are checked against: every application waits in state
-- submitted with an intact one-event log (a sample of them walked by
-- yiwang.verify_case_log, as an auditor would).
CREATE TABLE bench.wb_check AS
SELECT (SELECT count(*) FROM yiwang.applications WHERE state = 'submitted' AND events = 1) AS submitted,
       (SELECT count(*) FROM yiwang.application_events) AS events,
       (SELECT count(*) FROM bench.wb_bare_applications WHERE state = 'submitted') AS bare_submitted,
       (SELECT count(*) FILTER (WHERE v.intact) FROM generate_series(1, :blocks * :block_size, 997) AS s(id)
          CROSS JOIN LATERAL yiwang.verify_case_log(s.id) v) AS sample_intact,
       (SELECT count(*) FROM generate_series(1, :blocks * :block_size, 997)) AS sample;
DO $$
DECLARE
  c bench.wb_check;
BEGIN
  SELECT * INTO c FROM bench.wb_check;
  IF c.submitted <> c.events OR c.sample_intact <> c.sample OR c.submitted = 0 OR c.bare_submitted = 0 THEN
    RAISE EXCEPTION 'generated data is not as intended: %', row_to_json(c);
  END IF;
END $$;

VACUUM (ANALYZE) yiwang.applications, yiwang.application_events, yiwang.service_items, yiwang.item_reviewers,
  yiwang.application_transitions, yiwang.departments, yiwang.token_issuer_keys, yiwang.token_uses,
  bench.wb_bare_applications, bench.wb_bare_events, bench.wb_token;
