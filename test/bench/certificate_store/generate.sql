-- The certificate store of a city: departments, the population registry,
-- the certificate catalogue, signing keys, certificates, a sharing grant,
-- the identity platform's key and the tokens of the look-ups.  Set-based
-- and deterministic (setseed and fixed multiplicative hashes).
--
-- psql variables: persons (1,000,000 in the full run), certificates
-- (5,000,000), lookups (sample holders, 10,000), api_certificates (how many
-- of the certificates are issued through yiwang.issue_certificate, and so
-- signed for real; the rest are loaded in bulk).
--
-- Run as a superuser: the load writes the tables directly, past row-level
-- security (a superuser bypasses it) and with the foreign-key triggers off
-- (session_replication_role = replica), so that 5 million rows load in
-- about a minute rather than run one foreign-key query per row and key;
-- every reference is checked set-based afterwards instead.

\set ON_ERROR_STOP 1
-- yiwang's operators (= on idcard, ...) without qualifying each one.
SET search_path = public, yiwang;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';


-- Departments.  Their credit codes are found by trying every check
-- character of the embedded organisation code and of the credit code, and
-- keeping the one yiwang accepts.
CREATE TABLE bench.cs_department (department_id text PRIMARY KEY, ord integer, name text);
INSERT INTO bench.cs_department VALUES
  ('psb',    1, '公安局 Public Security Bureau'),
  ('mca',    2, '民政局 Civil Affairs Bureau'),
  ('hrss',   3, '人力资源和社会保障局 Human Resources and Social Security Bureau'),
  ('health', 4, '卫生健康委员会 Health Commission'),
  ('edu',    5, '教育局 Education Bureau'),
  ('mnr',    6, '规划和自然资源局 Planning and Natural Resources Bureau'),
  ('nhsa',   7, '医疗保障局 Healthcare Security Administration'),
  ('amr',    8, '市场监督管理局 Administration for Market Regulation');

INSERT INTO yiwang.departments (department_id, uscc, name, region)
SELECT d.department_id, c.code::yiwang.uscc, d.name, '440300'
  FROM bench.cs_department d
  CROSS JOIN LATERAL (
    SELECT body || o || u AS code
      FROM (SELECT '11440300' || lpad((69000000 + 1013 * d.ord)::text, 8, '0') AS body) b,
           regexp_split_to_table('0123456789X', '') AS o,
           regexp_split_to_table('0123456789ABCDEFGHJKLMNPQRTUWXY', '') AS u
     WHERE yiwang.uscc_valid(body || o || u) AND yiwang.orgcode_valid(substr(body || o || u, 9, 9))
     LIMIT 1) c;

-- The population registry: distinct valid identity numbers from a bijection
-- of 0 .. persons-1 into (district of Shenzhen, birth date 1940-2019,
-- sequence number): 9 x 29,220 x 1,000 = 262,980,000 combinations, and
-- 2654435761 is prime to that, so n -> x is one-to-one.
SELECT setseed(0.2026);
CREATE UNLOGGED TABLE bench.cs_person AS
WITH drawn AS (
  SELECT n, (n::bigint * 2654435761) % 262980000 AS x
    FROM generate_series(0, :persons - 1) AS n
),
body AS (
  SELECT n,
         (ARRAY['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311'])[1 + x % 9]
         || to_char(date '1940-01-01' + (x / 9000)::integer, 'YYYYMMDD')
         || lpad(((x / 9) % 1000)::text, 3, '0') AS body
    FROM drawn
  OFFSET 0
)
SELECT n, (body || bench.idcard_check(body))::yiwang.idcard AS idcard,
       (ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'])[1 + (n * 7) % 20]
       || (ARRAY['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚',
                 '桂英', '秀英', '建华', '志强', '晓东', '海燕', '丽娟', '文博', '子涵', '欣怡'])[1 + (n / 20) % 30] AS name
  FROM body;
CREATE UNIQUE INDEX ON bench.cs_person (n);
ANALYZE bench.cs_person;

SET session_replication_role = replica;

INSERT INTO yiwang.persons (idcard, name, sex, birth_date, household_region, source_department, updated_at)
SELECT idcard, name, yiwang.sex(idcard), yiwang.birth_date(idcard), yiwang.region(idcard), 'psb',
       timestamptz '2025-06-30 12:00+08'
  FROM bench.cs_person ORDER BY n;

-- The catalogue: types of personal certificates, with the share of persons
-- holding one (p, before scaling) and how long one is valid.
CREATE TABLE bench.cs_type (ord integer PRIMARY KEY, department_id text, suffix text, name text,
                            p double precision, validity interval,
                            validity_days integer GENERATED ALWAYS AS
                              ((date '2001-01-01' + validity)::date - date '2001-01-01') STORED);
INSERT INTO bench.cs_type (ord, department_id, suffix, name, p, validity) VALUES
  ( 1, 'psb',    '001', '居民身份证 Resident identity card',          1.00, '20 years'),
  ( 2, 'psb',    '002', '居民户口簿 Household register',              0.95, NULL),
  ( 3, 'psb',    '003', '机动车驾驶证 Driving licence',               0.45, '10 years'),
  ( 4, 'psb',    '004', '机动车行驶证 Vehicle registration',          0.25, NULL),
  ( 5, 'psb',    '005', '居住证 Residence permit',                    0.10, '1 year'),
  ( 6, 'mca',    '001', '结婚证 Marriage certificate',                0.40, NULL),
  ( 7, 'mca',    '002', '离婚证 Divorce certificate',                 0.05, NULL),
  ( 8, 'hrss',   '001', '社会保障卡 Social security card',            0.85, '10 years'),
  ( 9, 'hrss',   '002', '职业资格证书 Vocational qualification',      0.15, NULL),
  (10, 'health', '001', '出生医学证明 Birth medical certificate',     0.20, NULL),
  (11, 'health', '002', '预防接种证 Vaccination certificate',         0.12, NULL),
  (12, 'edu',    '001', '毕业证书 Graduation certificate',            0.35, NULL),
  (13, 'edu',    '002', '学位证书 Degree certificate',                0.20, NULL),
  (14, 'edu',    '003', '教师资格证 Teacher qualification',           0.03, NULL),
  (15, 'mnr',    '001', '不动产权证书 Real estate title',             0.30, NULL),
  (16, 'nhsa',   '001', '医保电子凭证 Medical insurance voucher',     0.30, NULL),
  (17, 'amr',    '001', '个体工商户营业执照 Individual business licence', 0.05, NULL);

INSERT INTO yiwang.certificate_types (type_code, name, defining_department, holder_kind, required_fields, validity)
SELECT d.uscc::text || t.suffix, t.name, t.department_id, 'person', '{name}', t.validity
  FROM bench.cs_type t JOIN yiwang.departments d USING (department_id) ORDER BY t.ord;

-- One SM2 signing key per department, private key held by yiwang.
SELECT yiwang.register_signing_key(department_id || '-2024', department_id, 'sm2', k.public_key, k.private_key,
                                   valid_from => timestamptz '2000-01-01 00:00+08')
  FROM bench.cs_department d
  CROSS JOIN LATERAL yiwang.generate_keypair(CASE WHEN d.ord > 0 THEN 'sm2' END) AS k
 ORDER BY d.ord;

-- The certificates loaded in bulk: all but those issued through the API.
SELECT :certificates - :api_certificates AS bulk_certificates \gset

-- Which person holds which type: one draw per person and type (a hash of
-- the two, no random state), with the shares scaled so that the current
-- certificates plus the earlier versions of some of them, plus those issued
-- through the API, make exactly :certificates rows.  rank_key is a
-- bijection of (person, type), so that the earlier versions can be given to
-- exactly the right number of them.
CREATE UNLOGGED TABLE bench.cs_pair AS
SELECT p.n, t.ord, ((p.n::bigint * 32 + t.ord) * 2654435761) % 4294967311 AS rank_key,
       hashint8(p.n::bigint * 32 + t.ord + 1000000007) AS h
  FROM bench.cs_type t
  CROSS JOIN LATERAL (
    -- the shares add up to 5.75; 92 % of the rows are current certificates
    SELECT (t.p * (:bulk_certificates::double precision / :persons) * 0.92 / 5.75 * 2147483648)::bigint AS threshold) s
  CROSS JOIN LATERAL (
    SELECT n FROM bench.cs_person p
     WHERE (hashint8(p.n::bigint * 32 + t.ord) & 2147483647) < s.threshold
    OFFSET 0) p;

-- The rank_key below which a pair also has an earlier, superseded version.
CREATE TABLE bench.cs_scale AS
SELECT :persons::bigint AS persons, :certificates::bigint AS certificates,
       :api_certificates::bigint AS api_certificates, :bulk_certificates::bigint AS bulk_certificates,
       count(*) AS current_certificates, :bulk_certificates - count(*) AS earlier_versions
  FROM bench.cs_pair;
DO $$
BEGIN
  IF (SELECT earlier_versions < 0 OR earlier_versions > current_certificates FROM bench.cs_scale) THEN
    RAISE EXCEPTION 'cannot make % certificates from % current ones', (SELECT bulk_certificates FROM bench.cs_scale),
      (SELECT current_certificates FROM bench.cs_scale);
  END IF;
END $$;
CREATE TABLE bench.cs_threshold AS
SELECT coalesce((SELECT rank_key FROM bench.cs_pair ORDER BY rank_key
                  OFFSET greatest((SELECT earlier_versions FROM bench.cs_scale) - 1, 0) LIMIT 1), -1) AS rank_key,
       (SELECT earlier_versions FROM bench.cs_scale) > 0 AS any_earlier;

-- The certificates, numbered in the order each department issued them (type,
-- then first issue date), which is also the order of their identifiers, so
-- that loading them appends to the primary key rather than splitting pages
-- all over it.  3 % of the current ones are expired, 1 % revoked, the rest
-- valid.  A valid one was first issued within its validity (at most 20
-- years ago); an expired one ended up to a year ago.  A replaced one was
-- replaced halfway between its first issue and today.
CREATE UNLOGGED TABLE bench.cs_cert AS
WITH pair AS (
  SELECT x.n, x.ord, x.h, t.validity_days,
         th.any_earlier AND x.rank_key <= th.rank_key AS has_earlier,
         CASE WHEN (x.h & 1023) < 31 THEN 'expired' WHEN (x.h & 1023) < 41 THEN 'revoked' ELSE 'valid' END AS state
    FROM bench.cs_pair x
    JOIN bench.cs_type t USING (ord)
   CROSS JOIN bench.cs_threshold th
),
dated AS (
  SELECT pair.*,
         CASE WHEN state = 'expired'
              -- ended 1 to 365 days ago
              THEN current_date - 1 - ((h >> 10) & 511) % 365 - coalesce(validity_days, 3650) + 1
                   - CASE WHEN has_earlier THEN 400 ELSE 0 END
              ELSE current_date - ((h >> 10) & 1048575) % coalesce(validity_days, 7300)
         END AS first_issued
    FROM pair
)
SELECT row_number() OVER (ORDER BY d.ord, d.first_issued, d.n) AS id,
       d.n, d.ord, d.has_earlier, d.state, d.validity_days, d.first_issued,
       CASE WHEN NOT d.has_earlier THEN d.first_issued
            WHEN d.state = 'expired' THEN d.first_issued + 400
            ELSE d.first_issued + (current_date - d.first_issued) / 2 END AS valid_from,
       p.idcard, p.name, t.department_id, dep.uscc::text || t.suffix AS type_code, dep.uscc::text AS issuer
  FROM dated d
  JOIN bench.cs_person p USING (n)
  JOIN bench.cs_type t USING (ord)
  JOIN yiwang.departments dep USING (department_id);

-- One row per certificate to store, with what its columns are made of.
CREATE VIEW bench.cs_cert_row AS
SELECT c.*,
       CASE WHEN validity_days IS NOT NULL OR state = 'expired'
            THEN valid_from + coalesce(validity_days, 3650) - 1 END AS valid_until,
       to_char(first_issued, 'YYYYMMDD') || upper(lpad(to_hex(id), 10, '0')) AS serial,
       CASE WHEN ord = 1 THEN idcard::text ELSE upper(department_id) || lpad(id::text, 10, '0') END AS number
  FROM bench.cs_cert c;

-- The signature column of the certificates loaded in bulk holds 71 zero
-- bytes (the length of a DER SM2 signature), not a signature:
-- yiwang.certificates_of does not verify signatures, so what it reads is the
-- same either way.  The :api_certificates certificates issued through
-- yiwang.issue_certificate below are signed for real.
INSERT INTO yiwang.certificates (certid, type_code, holder_idcard, issuing_department, number, issued_on,
                                 valid_from, valid_until, data, version, superseded_by, status, revoked_at,
                                 revocation_reason, key_id, signed_at, signature, trust_grade)
SELECT yiwang.make_certid(type_code, issuer, serial, CASE WHEN has_earlier THEN 2 ELSE 1 END), type_code, idcard,
       department_id, number, valid_from, valid_from, valid_until,
       jsonb_build_object('name', name, 'no', number), CASE WHEN has_earlier THEN 2 ELSE 1 END, NULL,
       CASE WHEN state = 'revoked' THEN 'revoked' ELSE 'valid' END,
       CASE WHEN state = 'revoked' THEN valid_from + 1 + time '10:00' END,
       CASE WHEN state = 'revoked' THEN '证件遗失 reported lost' END,
       department_id || '-2024', valid_from + time '09:30', decode(repeat('00', 71), 'hex'), 'A'
  FROM bench.cs_cert_row;

-- The earlier versions, superseded by the current ones.
INSERT INTO yiwang.certificates (certid, type_code, holder_idcard, issuing_department, number, issued_on,
                                 valid_from, valid_until, data, version, superseded_by, status, revoked_at,
                                 revocation_reason, key_id, signed_at, signature, trust_grade)
SELECT yiwang.make_certid(type_code, issuer, serial, 1), type_code, idcard,
       department_id, number, first_issued, first_issued,
       CASE WHEN validity_days IS NOT NULL THEN first_issued + validity_days - 1 END,
       jsonb_build_object('name', name, 'no', number), 1,
       yiwang.make_certid(type_code, issuer, serial, 2), 'superseded', NULL, NULL,
       department_id || '-2024', first_issued + time '09:30', decode(repeat('00', 71), 'hex'), 'A'
  FROM bench.cs_cert_row
 WHERE has_earlier;

RESET session_replication_role;

-- The education bureau may use four other departments' certificate types
-- for school enrolment (入学报名): identity card, household register, real
-- estate title, birth medical certificate.
SELECT yiwang.grant_sharing('edu', 'school_enrollment', now() + interval '30 days',
                            type_code => t.type_code)
  FROM yiwang.certificate_types t JOIN bench.cs_type b ON t.type_code LIKE '%' || b.suffix
                                    AND t.defining_department = b.department_id
 WHERE b.ord IN (1, 2, 10, 15)
 ORDER BY b.ord;

-- The city's identity platform and its Ed25519 key.
CREATE TABLE bench.cs_issuer AS SELECT 'city-idp-2026'::text AS key_id, 'city-idp'::text AS issuer, k.*
  FROM yiwang.generate_keypair('ed25519') k;
INSERT INTO yiwang.token_issuer_keys (key_id, issuer, algorithm, public_key, valid_from)
SELECT key_id, issuer, 'ed25519', public_key, now() - interval '1 day' FROM bench.cs_issuer;

-- A staff token for each department, as the identity platform issues them.
CREATE TABLE bench.cs_staff_token AS
SELECT d.department_id,
       yiwang.sign_token(jsonb_build_object('iss', i.issuer, 'sub', d.department_id || '-0042', 'kind', 'staff',
                                            'dept', d.department_id, 'role', 'department', 'acr', 3,
                                            'iat', extract(epoch FROM now())::bigint,
                                            'exp', extract(epoch FROM now() + interval '6 hours')::bigint,
                                            'nonce', 'staff-' || d.department_id || '-0042'),
                         i.key_id, 'ed25519', i.private_key) AS token
  FROM bench.cs_department d CROSS JOIN bench.cs_issuer i;

-- Certificates issued and signed by yiwang itself: a vocational
-- qualification for each of the first :api_certificates persons, issued by
-- the human resources bureau's staff through the API, and checked with
-- yiwang.verify_certificate.
BEGIN;
SELECT kind, subject, department, role FROM yiwang.login((SELECT token FROM bench.cs_staff_token WHERE department_id = 'hrss'));
CREATE TABLE bench.cs_api_certificate AS
SELECT p.n, yiwang.issue_certificate(t.type_code, p.idcard::text,
                                     jsonb_build_object('name', p.name, 'occupation', '电工 electrician', 'level', 3),
                                     valid_from => current_date - 10) AS certid
  FROM bench.cs_person p
 CROSS JOIN (SELECT c.type_code FROM yiwang.certificate_types c
              WHERE c.defining_department = 'hrss' AND c.type_code LIKE '%002') t
 WHERE p.n < :api_certificates
 ORDER BY p.n;
CREATE TABLE bench.cs_api_check AS
SELECT count(*) AS issued, count(*) FILTER (WHERE v.genuine AND v.valid_now) AS genuine_and_valid
  FROM bench.cs_api_certificate a CROSS JOIN LATERAL yiwang.verify_certificate(a.certid) v;
COMMIT;

-- The holders looked up: :lookups distinct persons in a scattered order
-- (2654435761 is prime to the number of persons unless it divides it), each with
-- a citizen's token of their own.
CREATE TABLE bench.cs_sample AS
SELECT k + 1 AS ord, p.n, p.idcard AS holder,
       yiwang.sign_token(jsonb_build_object('iss', i.issuer, 'sub', p.idcard::text, 'kind', 'citizen',
                                            'role', 'citizen', 'acr', 2,
                                            'iat', extract(epoch FROM now())::bigint,
                                            'exp', extract(epoch FROM now() + interval '6 hours')::bigint,
                                            'nonce', 'citizen-' || p.n),
                         i.key_id, 'ed25519', i.private_key) AS token
  FROM generate_series(0, :lookups - 1) AS k
  JOIN bench.cs_person p ON p.n = (k::bigint * 2654435761 + 12345) % :persons
 CROSS JOIN bench.cs_issuer i
 ORDER BY k;
CREATE UNIQUE INDEX ON bench.cs_sample (ord);

-- What the load did not check row by row is checked here, set-based: every
-- reference resolves, and the data is what the report says it is.
CREATE TABLE bench.cs_check AS
SELECT count(*) AS certificates,
       count(*) FILTER (WHERE p.idcard IS NULL) AS orphan_holders,
       count(*) FILTER (WHERE t.type_code IS NULL OR k.key_id IS NULL OR d.department_id IS NULL) AS orphan_other,
       count(c.superseded_by) AS superseded,
       count(*) FILTER (WHERE c.status = 'valid' AND c.valid_from <= current_date
                          AND (c.valid_until IS NULL OR c.valid_until >= current_date)) AS current,
       (SELECT count(*) FROM yiwang.certificates c WHERE c.superseded_by IS NOT NULL AND NOT EXISTS
          (SELECT FROM yiwang.certificates n WHERE n.certid = c.superseded_by)) AS orphan_superseded_by,
       (SELECT count(*) FROM yiwang.persons) AS persons,
       (SELECT count(*) FROM yiwang.persons WHERE NOT yiwang.idcard_valid(idcard::text)) AS invalid_idcards,
       (SELECT issued FROM bench.cs_api_check) AS signed,
       (SELECT genuine_and_valid FROM bench.cs_api_check) AS signed_verified
  FROM yiwang.certificates c
  LEFT JOIN yiwang.persons p ON p.idcard = c.holder_idcard
  LEFT JOIN yiwang.certificate_types t ON t.type_code = c.type_code
  LEFT JOIN yiwang.signing_keys k ON k.key_id = c.key_id
  LEFT JOIN yiwang.departments d ON d.department_id = c.issuing_department;
DO $$
DECLARE
  c bench.cs_check;
BEGIN
  SELECT * INTO c FROM bench.cs_check;
  IF c.certificates <> (SELECT certificates FROM bench.cs_scale) OR c.persons <> (SELECT persons FROM bench.cs_scale)
     OR c.orphan_holders + c.orphan_other + c.orphan_superseded_by + c.invalid_idcards <> 0
     OR c.signed_verified <> c.signed THEN
    RAISE EXCEPTION 'generated data is not as intended: %', row_to_json(c);
  END IF;
END $$;

-- Visibility map, statistics and hint bits, as on a settled store.
VACUUM (ANALYZE) yiwang.persons, yiwang.certificates, yiwang.certificate_types, yiwang.departments,
  yiwang.signing_keys, yiwang.sharing_grants, yiwang.token_issuer_keys, yiwang.access_log, yiwang.access_log_head,
  bench.cs_sample;
