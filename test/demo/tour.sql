-- A guided tour of yiwang's identifier types, read by psql from standard
-- input (run-demo.sh).  Statements meant to fail run with ON_ERROR_STOP off
-- and are followed by a check that they did fail: a demo that shows a
-- mistake going through must not pass.
\set QUIET on
\set VERBOSITY default
\set ON_ERROR_STOP on
\pset null '(null)'
-- Long messages wrap at 100 columns instead of running off the screen.
\pset format wrapped
\pset columns 100
\pset linestyle unicode
SET client_min_messages = warning;

\echo
\echo '==> Install yiwang (it brings pgcrypto and PostGIS along). Its types and operators live in schema yiwang.'
CREATE EXTENSION yiwang CASCADE;
SET search_path = public, yiwang;
SELECT extversion AS yiwang_version FROM pg_extension WHERE extname = 'yiwang';

\echo
\echo '==> 1. A mistyped identity number (公民身份号码) is refused, and the error says what to check.'
\echo '    A clerk keys 440308199901101513 into a citizen table; the last character should be 2:'
CREATE TABLE citizen (
  id   idcard PRIMARY KEY,
  name text NOT NULL
);
\set ON_ERROR_STOP off
INSERT INTO citizen VALUES ('440308199901101513', 'Chen Jing');
\if :ERROR
\else
\echo 'UNEXPECTED: the mistyped number was accepted'
\endif
\set ON_ERROR_STOP on
\echo '    With the right check character the row goes in:'
INSERT INTO citizen VALUES ('440308199901101512', 'Chen Jing');
SELECT * FROM citizen;

\echo
\echo '==> 2. A first-generation 15-digit number is the same person as its 18-digit form.'
SELECT '610104620927690'::idcard = '610104196209276908'::idcard AS same_person,
       '610104620927690'::idcard AS stored_as;
\echo '    So a person already on file cannot be registered a second time under the old number:'
INSERT INTO citizen VALUES ('610104196209276908', 'Wang Fang');
\set ON_ERROR_STOP off
INSERT INTO citizen VALUES ('610104620927690', 'Wang Fang (old card)');
\if :ERROR
\else
\echo 'UNEXPECTED: the 15-digit form of a registered number was accepted as a new person'
\endif
\set ON_ERROR_STOP on

\echo
\echo '==> 3. A lower-case x is stored and printed as X, so lookups match whichever way it was typed.'
INSERT INTO citizen VALUES ('44011320141005001x', 'Li Ming');
SELECT id, name FROM citizen WHERE id = '44011320141005001X';

\echo
\echo '==> 4. The birth date inside the number must be a real calendar date (month 13 here).'
\set ON_ERROR_STOP off
INSERT INTO citizen VALUES ('360426199113010079', 'Zhao Lei');
\if :ERROR
\else
\echo 'UNEXPECTED: a number with birth month 13 was accepted'
\endif
\set ON_ERROR_STOP on
\echo '    Valid numbers tell their birth date, sex and age; no year limit (the standard''s own example was born in 1880):'
INSERT INTO citizen VALUES ('440524188001010014', 'GB 11643 example');
SELECT id, birth_date(id), sex(id), age(id, date '2024-06-01') AS age_on_2024_06_01, mask(id) AS masked
FROM citizen ORDER BY birth_date(id);

\echo
\echo '==> 5. A unified social credit code (统一社会信用代码) carries the old organisation code (组织机构代码) inside it.'
\echo '    Pre-2015 records keyed by organisation code join to new records keyed by credit code:'
CREATE TABLE legacy_licence (
  orgcode orgcode PRIMARY KEY,
  holder  text NOT NULL,
  issued  date NOT NULL
);
INSERT INTO legacy_licence VALUES
  ('60003734-1', 'Beijing company',                  '2009-03-02'),
  ('M000100Y-4', 'Fuzhou company (GB 32100 example)', '2012-11-20'),
  ('D2143569-X', 'an association never re-registered', '2003-07-15');
CREATE TABLE enterprise (
  uscc uscc PRIMARY KEY,
  name text NOT NULL
);
INSERT INTO enterprise VALUES
  ('91110000600037341L', 'Beijing company'),
  ('91350100M000100Y43', 'Fuzhou company (GB 32100 example)'),
  ('914403001922038216', 'Shenzhen company');
\echo '    (a full join, so that records on either side without a partner show up too)'
SELECT new.uscc, legacy.orgcode, coalesce(new.name, legacy.holder) AS organisation,
       legacy.issued AS old_licence_issued
FROM enterprise AS new
FULL JOIN legacy_licence AS legacy ON legacy.orgcode = yiwang.orgcode(new.uscc)
ORDER BY new.uscc NULLS LAST;
\echo '    A mistyped credit code is refused too:'
\set ON_ERROR_STOP off
INSERT INTO enterprise VALUES ('91110000600037341N', 'typo');
\if :ERROR
\else
\echo 'UNEXPECTED: the mistyped credit code was accepted'
\endif
\set ON_ERROR_STOP on

\echo
\echo '==> 6. An electronic certificate identifier (电子证照标识) gets its check character from make_certid().'
SELECT make_certid(type_code   => '11100000000013338W032',
                   issuer_code => '11220000013544541J',
                   serial      => '2430599',
                   version     => 1) AS certid;
\echo '    A certificate identifier with a wrong check character is refused:'
\set ON_ERROR_STOP off
SELECT '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G'::certid;
\if :ERROR
\else
\echo 'UNEXPECTED: the certificate identifier with a wrong check character was accepted'
\endif
\set ON_ERROR_STOP on

\echo
\echo '==> 7. idcard_error() says what is wrong with each value of a messy text column, without raising.'
CREATE TABLE intake (row_no int PRIMARY KEY, raw text);
INSERT INTO intake VALUES
  (1, '11010519491231002X'),
  (2, ' 11010519491231002x'),
  (3, '150102880730303'),
  (4, '440308199901101513'),
  (5, '1101051949123100'),
  (6, '36042619910102009X'),
  (7, '990426199112010074'),
  (8, 'N/A'),
  (9, NULL);
SELECT row_no, raw, idcard_error(raw) AS problem FROM intake ORDER BY row_no;
\echo '    Load the clean rows (rows 1 and 2 are one person, typed two ways), keep the rest for follow-up:'
INSERT INTO citizen
SELECT raw::idcard, 'from intake row ' || row_no FROM intake
WHERE raw IS NOT NULL AND idcard_error(raw) IS NULL
ON CONFLICT (id) DO NOTHING;
SELECT id, name FROM citizen WHERE name LIKE 'from intake%' ORDER BY name;
SELECT row_no, raw, coalesce(idcard_error(raw), 'no value') AS to_follow_up
FROM intake WHERE raw IS NULL OR idcard_error(raw) IS NOT NULL ORDER BY row_no;

\echo
\echo '==> 8. One number (一号申请): a department finds a citizen''s certificates by ID number alone.'
\echo '    The administrator registers two departments, the population record, the catalogue entry,'
\echo '    the Public Security Bureau''s SM2 signing key and the identity platform''s Ed25519 key.'
INSERT INTO departments (department_id, uscc, name, region) VALUES
  ('psb', '11100000000013338W', 'Public Security Bureau', '440305'),
  ('edu', '91350100M000100Y43', 'Education Bureau', '440305');
INSERT INTO persons (idcard, name, sex, birth_date, household_region, source_department)
VALUES ('440308199901101512', 'Li Ming', 'M', '1999-01-10', '440308', 'psb');
INSERT INTO certificate_types (type_code, name, defining_department, holder_kind, required_fields, validity)
VALUES ('11100000000013338W001', 'Household register extract', 'psb', 'person', '{name,household_region}', '5 years');
SELECT register_signing_key('psb-2026', 'psb', 'sm2', public_key, private_key) AS signing_key
FROM generate_keypair('sm2');
CREATE TEMP TABLE identity_platform AS SELECT * FROM generate_keypair('ed25519');
INSERT INTO token_issuer_keys (key_id, issuer, algorithm, public_key)
SELECT 'city-idp-1', 'city-idp', 'ed25519', public_key FROM identity_platform;
-- tokens as the city's identity platform hands them out after one authentication
CREATE TEMP TABLE tokens AS
SELECT who, sign_token(jsonb_build_object('iss', 'city-idp', 'sub', sub, 'kind', kind, 'dept', dept,
                                          'role', role, 'acr', 3, 'nonce', 'demo-' || who,
                                          'iat', extract(epoch FROM now())::bigint,
                                          'exp', extract(epoch FROM now() + interval '1 hour')::bigint),
                       'city-idp-1', 'ed25519', private_key) AS token
FROM identity_platform,
     (VALUES ('psb clerk', 'psb-0007', 'staff', 'psb', 'department'),
             ('edu clerk', 'edu-0012', 'staff', 'edu', 'department'),
             ('Li Ming', '440308199901101512', 'citizen', NULL, 'citizen')) AS t(who, sub, kind, dept, role);

\echo '    The bureau issues an electronic household register extract; yiwang signs it with the bureau''s key:'
BEGIN;
SELECT subject, department, role FROM login((SELECT token FROM tokens WHERE who = 'psb clerk'));
SELECT issue_certificate('11100000000013338W001', '440308199901101512',
                         '{"name": "Li Ming", "household_region": "440308"}', number => 'HR-2026-0001') AS certid \gset
COMMIT;
\echo '    Issued' :certid

\echo '    The Education Bureau, without a sharing grant, sees nothing of it:'
BEGIN;
SELECT subject, department FROM login((SELECT token FROM tokens WHERE who = 'edu clerk'));
SELECT count(*) AS certificates_seen FROM certificates_of('440308199901101512', 'school enrollment');
COMMIT;
\echo '    With a grant for school enrollment it finds and checks the extract, and asks the parent for no paper:'
SELECT grant_sharing('edu', 'school enrollment', now() + interval '90 days',
                     type_code => '11100000000013338W001') AS grant_id;
BEGIN;
SELECT subject, department FROM login((SELECT token FROM tokens WHERE who = 'edu clerk'));
SELECT type_name, number, data FROM certificates_of('440308199901101512', 'school enrollment');
SELECT genuine, valid_now, reason FROM verify_certificate(:'certid', 'school enrollment');
COMMIT;

\echo '    Someone edits the stored data behind yiwang''s back; the signature no longer matches:'
UPDATE certificates SET data = data || '{"household_region": "110105"}' WHERE certid = :'certid';
BEGIN;
SELECT subject FROM login((SELECT token FROM tokens WHERE who = 'edu clerk'));
SELECT genuine, valid_now, reason FROM verify_certificate(:'certid', 'school enrollment');
COMMIT;

\echo '    Li Ming asks who read his data, and why (every read went into the hash-chained access log):'
BEGIN;
SELECT subject, role FROM login((SELECT token FROM tokens WHERE who = 'Li Ming'));
SELECT department, action, object_kind, purpose FROM my_access_log();
COMMIT;
SELECT intact, entries FROM verify_access_log();

\echo
\echo 'End of the tour.'
