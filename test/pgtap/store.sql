-- store: issuing certificates, looking them up by holder under the rules of
-- who may see what (holder, issuing department, sharing grants), and
-- verifying them: genuine or not, valid now or not, and why.
BEGIN;
SELECT plan(120);
\ir fixtures/city.sql

-- A grant's use count (as the superuser).
CREATE FUNCTION pg_temp.uses(grant_id bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT g.uses FROM yiwang.sharing_grants g WHERE g.grant_id = uses.grant_id $$;

-- ---------------------------------------------------------------------------
-- Issuing.

SELECT pg_temp.act('psb') \gset
SELECT pg_temp.issue('li_id', 'id_card', '44030519850312001X',
                     '{"name": "Li Ming", "address": "Room 101, Building 1, 1 Keyuan Road"}', number => 'ID-0001') \gset
SELECT pg_temp.issue('li_household', 'household', '44030519850312001X', '{"household_id": "H4403050001"}') \gset
SELECT pg_temp.issue('wang_id', 'id_card', '440305198707150026',
                     '{"name": "Wang Fang", "address": "Room 102, Building 1, 1 Keyuan Road"}', number => 'ID-0002') \gset
SELECT pg_temp.issue('zhao_expired_id', 'id_card', '44030819600101003X',
                     '{"name": "Zhao Gang", "address": "Futian"}', '2000-01-01', '2019-12-31', 'ID-1999') \gset
SELECT pg_temp.act('psb_ns') \gset
SELECT pg_temp.issue('child_id', 'id_card', '440305201506010021', '{"name": "Li Xiaohong", "address": "Nanshan"}') \gset
SELECT pg_temp.act('edu') \gset
SELECT pg_temp.issue('li_bachelor', 'graduation', '44030519850312001X', '{"school": "Shenzhen University", "degree": "BSc"}') \gset
SELECT pg_temp.issue('li_master', 'graduation', '44030519850312001X', '{"school": "Tsinghua University", "degree": "MSc"}') \gset
SELECT pg_temp.issue('wang_future', 'graduation', '440305198707150026', '{"school": "SUSTech", "degree": "PhD"}',
                     current_date + 30) \gset
SELECT pg_temp.act('amr') \gset
SELECT pg_temp.issue('co1_licence', 'licence', '91440300MA5F000108',
                     '{"name": "Shenzhen Qianhai Example Technology Co., Ltd.", "legal_representative": "Zhao Gang"}') \gset
SELECT pg_temp.issue('co2_licence', 'licence', '91440300MA5F000209',
                     '{"name": "Shenzhen Nanshan Example Catering Co., Ltd.", "legal_representative": "Wang Fang"}') \gset
SELECT pg_temp.act('hrss') \gset
SELECT pg_temp.issue('chen_card', 'social_card', '110105197002020043', '{"card_number": "S440300000001"}') \gset
RESET SESSION AUTHORIZATION;

SELECT is((SELECT row(yiwang.certid_type_code(c), yiwang.certid_issuer_code(c), yiwang.certid_version(c))::text
           FROM pg_temp.cid('li_id') c),
          '(11440300MB2C000209001,11440300MB2C000209,1)',
          'the certid names the type, the issuing department''s USCC and version 1');
SELECT is((SELECT row(c.type_code, c.holder_idcard::text, c.holder_uscc::text, c.issuing_department, c.number,
                      c.issued_on, c.valid_from, c.valid_until, c.version, c.status, c.superseded_by::text,
                      c.key_id, c.trust_grade)::text
           FROM yiwang.certificates c WHERE c.certid = pg_temp.cid('li_id')),
          row('11440300MB2C000209001', '44030519850312001X', NULL, 'psb', 'ID-0001', current_date, current_date,
              (current_date + interval '20 years')::date - 1, 1, 'valid', NULL, 'psb-sm2', 'A')::text,
          'the stored certificate: holder, issuer, number, dates, validity from the type (20 years), version, key, grade A');
SELECT is(convert_from(yiwang.certificate_canonical_form(c.certid, c.type_code, c.holder_idcard, c.holder_uscc,
                                                         '11440300MB2C000209', c.issued_on, c.valid_from,
                                                         c.valid_until, c.number, c.trust_grade, c.data), 'UTF8'),
          'yiwang-certificate/1' || E'\n' || 'certid:' || c.certid::text || E'\n'
          || 'type:11440300MB2C000209001' || E'\n' || 'holder:111:44030519850312001X' || E'\n'
          || 'issuer:11440300MB2C000209' || E'\n' || 'issued:' || to_char(current_date, 'YYYY-MM-DD') || E'\n'
          || 'valid:' || to_char(current_date, 'YYYY-MM-DD') || '/'
          || to_char((current_date + interval '20 years')::date - 1, 'YYYY-MM-DD') || E'\n'
          || 'number:ID-0001' || E'\n' || 'grade:A' || E'\n'
          || 'data:{"name": "Li Ming", "address": "Room 101, Building 1, 1 Keyuan Road"}',
          'the canonical form is exactly the documented lines (keys of the data by length, then bytewise)')
FROM yiwang.certificates c WHERE c.certid = pg_temp.cid('li_id');
SELECT ok(yiwang.verify(k.algorithm, k.public_key,
                        yiwang.certificate_canonical_form(c.certid, c.type_code, c.holder_idcard, c.holder_uscc,
                                                          d.uscc, c.issued_on, c.valid_from, c.valid_until,
                                                          c.number, c.trust_grade, c.data),
                        c.signature),
          'an outside system verifies the SM2 signature over the canonical form with the department''s public key')
FROM yiwang.certificates c JOIN yiwang.departments d ON d.department_id = c.issuing_department
JOIN pg_temp.fixture_keys k ON k.key_id = c.key_id
WHERE c.certid = pg_temp.cid('li_id');
SELECT ok(yiwang.verify(k.algorithm, k.public_key,
                        yiwang.certificate_canonical_form(c.certid, c.type_code, c.holder_idcard, c.holder_uscc,
                                                          d.uscc, c.issued_on, c.valid_from, c.valid_until,
                                                          c.number, c.trust_grade, c.data),
                        c.signature) AND c.key_id = 'edu-ed' AND c.valid_until IS NULL,
          'and the Ed25519 signature of a certificate whose type has no validity period (valid_until NULL)')
FROM yiwang.certificates c JOIN yiwang.departments d ON d.department_id = c.issuing_department
JOIN pg_temp.fixture_keys k ON k.key_id = c.key_id
WHERE c.certid = pg_temp.cid('li_bachelor');
SELECT is((SELECT row(c.holder_idcard::text, c.holder_uscc::text,
                      split_part(convert_from(yiwang.certificate_canonical_form(c.certid, c.type_code, c.holder_idcard,
                                   c.holder_uscc, '11440300MB2C00060D', c.issued_on, c.valid_from, c.valid_until,
                                   c.number, c.trust_grade, c.data), 'UTF8'), E'\n', 4))::text
           FROM yiwang.certificates c WHERE c.certid = pg_temp.cid('co1_licence')),
          '(,91440300MA5F000108,holder:001:91440300MA5F000108)',
          'an organisation''s certificate is held by its USCC (holder line 001)');
SELECT is((SELECT c.issuing_department || ' ' || c.key_id FROM yiwang.certificates c WHERE c.certid = pg_temp.cid('child_id')),
          'psb_ns psb_ns-ed', 'a department listed as another issuer of the type issues it with its own key');

-- ---------------------------------------------------------------------------
-- Who sees what: certificates_of.

SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.seen('44030519850312001X'), 'li_household li_id',
          'the issuing department sees what it issued to the holder, and nothing else without a grant');
SELECT is(pg_temp.seen('440305201506010021'), '',
          'the defining department does not see what another issuer of the type issued');
SELECT pg_temp.act('psb_window') \gset
SELECT is(pg_temp.seen('44030519850312001X'), 'li_household li_id',
          'a window clerk of the issuing department sees what it issued');
SELECT pg_temp.act('li') \gset
SELECT is(pg_temp.seen('44030519850312001X'), 'li_bachelor li_household li_id li_master',
          'the citizen sees all their currently valid certificates');
SELECT is(pg_temp.seen('440305201506010021'), '', 'a citizen does not see another person''s (even their child''s)');
SELECT pg_temp.act('child') \gset
SELECT is(pg_temp.seen('440305201506010021'), 'child_id', 'the child sees her own');
SELECT pg_temp.act('wang') \gset
SELECT is(pg_temp.seen('44030519850312001X'), '', 'a citizen sees nothing of another citizen');
SELECT is(pg_temp.seen('440305198707150026'), 'wang_id',
          'a certificate valid only from a future date is not among the currently valid ones');
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.seen('44030519850312001X'), 'li_bachelor li_master',
          'another department sees only what it issued, without a grant');
SELECT pg_temp.act('hrss') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'social_security'), '',
          'a department without a grant sees nothing, whatever the purpose it states');
SELECT is(pg_temp.seen('44030519850312001X'), '', 'nor without a purpose');

SELECT pg_temp.act('admin') \gset
SELECT yiwang.grant_sharing('hrss', 'social_security', now() + interval '30 days', type_code => pg_temp.type_code('id_card')) AS hrss_grant \gset
SELECT yiwang.grant_sharing('amr', 'licensing', now() + interval '30 days', type_code => pg_temp.type_code('id_card')) AS amr_grant \gset
SELECT yiwang.grant_sharing('psb', 'resident_check', now() + interval '30 days', type_code => pg_temp.type_code('graduation'),
                            max_uses => 2) AS psb_grant \gset
RESET SESSION AUTHORIZATION;
INSERT INTO yiwang.sharing_grants (department_id, type_code, purpose, valid_from, valid_until) VALUES
  ('pnr', pg_temp.type_code('id_card'), 'housing', now() - interval '60 days', now() - interval '1 day'),
  ('pnr', pg_temp.type_code('id_card'), 'planning', now() + interval '1 day', now() + interval '60 days');

SELECT pg_temp.act('hrss') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'social_security'), 'li_id',
          'with a grant for the type and the purpose, a department sees certificates of that type');
SELECT is(pg_temp.seen('44030519850312001X', 'marketing'), '', 'the stated purpose must be the grant''s');
SELECT is(pg_temp.seen('44030519850312001X'), '', 'a look-up without a purpose uses no grant');
SELECT is(pg_temp.verdict('li_id'), '(f,f,unknown) No such certificate is visible to the actor for this purpose.',
          'verify_certificate without the purpose: the certificate is unknown to the actor');
SELECT is(pg_temp.verdict('li_id', 'social_security'), '(t,t,valid) Genuine and valid.',
          'verify_certificate with the granted purpose');
SELECT pg_temp.act('hrss_window') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'social_security'), 'li_id',
          'a window clerk of the department uses its grant');
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'social_security'), 'li_bachelor li_master',
          'another department''s grant is of no use');
SELECT pg_temp.act('pnr') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'housing'), '', 'an expired grant is of no use');
SELECT is(pg_temp.seen('44030519850312001X', 'planning'), '', 'a grant not valid yet is of no use');
SELECT pg_temp.act('amr') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'licensing'), 'li_id', 'a grant works until it is revoked');
SELECT pg_temp.act('admin') \gset
SELECT yiwang.revoke_sharing(:amr_grant) \gset
SELECT pg_temp.act('amr') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'licensing'), '', 'a revoked grant is of no use');

SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'resident_check'), 'li_bachelor li_household li_id li_master',
          'a grant limited to 2 uses: first look-up');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.uses(:psb_grant), 1::bigint, 'a look-up returning two certificates under the grant uses it once');
SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'resident_check'), 'li_bachelor li_household li_id li_master',
          'second look-up');
SELECT is(pg_temp.seen('44030519850312001X', 'resident_check'), 'li_household li_id',
          'third look-up: the grant is used up, the department sees only what it issued');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.uses(:psb_grant), 2::bigint, 'a used-up grant is not counted further');
SELECT pg_temp.uses(:hrss_grant) AS hrss_uses_before \gset
SELECT pg_temp.act('hrss') \gset
SELECT is(pg_temp.verdict('li_id', 'social_security'), '(t,t,valid) Genuine and valid.', 'verify under a grant');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.uses(:hrss_grant), (:hrss_uses_before + 1)::bigint, 'verify_certificate under a grant uses it once');

SELECT pg_temp.act('wang') \gset
SELECT is(pg_temp.verdict('li_id'), '(f,f,unknown) No such certificate is visible to the actor for this purpose.',
          'a citizen cannot verify another citizen''s certificate');
INSERT INTO pg_temp.labels
VALUES (yiwang.make_certid('11440300MB2C000209001', '11440300MB2C000209', 'NOSUCHSERIAL', 1)::text, 'nonexistent');
SELECT is(pg_temp.verdict('nonexistent'),
          '(f,f,unknown) No such certificate is visible to the actor for this purpose.',
          'a certificate that does not exist gets the same answer');

-- ---------------------------------------------------------------------------
-- Organisations' certificates.

SELECT pg_temp.act('amr') \gset
SELECT is((SELECT string_agg(l.label, ' ') FROM yiwang.certificates_of('91440300MA5F000108'::yiwang.uscc) c
           JOIN pg_temp.labels l ON l.certid = c.certid::text),
          'co1_licence', 'certificates_of(uscc): the issuing department finds an organisation''s licence');
SELECT is((SELECT string_agg(l.label, ' ') FROM yiwang.certificates_of('44030519850312001X'::yiwang.idcard) c
           JOIN pg_temp.labels l ON l.certid = c.certid::text),
          NULL, 'certificates_of(idcard): nothing of a person for the market regulator');
SELECT is(pg_temp.seen('91440300MA5F000108'), 'co1_licence', 'certificates_of(text) takes a USCC');
SELECT throws_ok($$SELECT * FROM yiwang.certificates_of('91440300MA5F00010X')$$, '22P02', NULL,
                 'certificates_of(text) refuses what is neither an identity number nor a USCC');
SELECT pg_temp.act('zhao') \gset
SELECT is(pg_temp.seen('91440300MA5F000108'), 'co1_licence', 'the legal representative sees the organisation''s certificates');
SELECT is(pg_temp.seen('91440300MA5F000209'), '', 'but not those of another organisation');
SELECT is(pg_temp.verdict('co1_licence'), '(t,t,valid) Genuine and valid.', 'and verifies them');
SELECT pg_temp.act('chen') \gset
SELECT is(pg_temp.seen('91440300MA5F000108'), '', 'an employee is not the legal representative');
SELECT pg_temp.act('hrss') \gset
SELECT is(pg_temp.seen('91440300MA5F000108', 'social_security'), '', 'a department without a grant for licences sees none');

-- ---------------------------------------------------------------------------
-- verify_certificate: genuine or not, and why.

SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.verdict('li_id'), '(t,t,valid) Genuine and valid.', 'a certificate as issued is genuine and valid');
SELECT pg_temp.act('li') \gset
SELECT is(pg_temp.verdict('li_master'), '(t,t,valid) Genuine and valid.', 'the holder verifies their own');

-- Tampering, as the superuser (row-level security does not bind it): each
-- change is checked, then undone.
RESET SESSION AUTHORIZATION;
CREATE TEMP TABLE original AS SELECT * FROM yiwang.certificates WHERE certid = pg_temp.cid('li_id');
UPDATE yiwang.certificates SET data = data || '{"name": "Li Ming Jr"}' WHERE certid = pg_temp.cid('li_id');
SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.verdict('li_id'),
          '(f,f,valid) Bad signature: the certificate''s contents are not what key psb-sm2 signed.',
          'data changed in the table: bad signature');
RESET SESSION AUTHORIZATION;
UPDATE yiwang.certificates c SET data = o.data, valid_until = '2099-12-31' FROM original o WHERE c.certid = o.certid;
SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.verdict('li_id'),
          '(f,f,valid) Bad signature: the certificate''s contents are not what key psb-sm2 signed.',
          'validity extended in the table: bad signature');
RESET SESSION AUTHORIZATION;
UPDATE yiwang.certificates c SET valid_until = o.valid_until, holder_idcard = '440305198707150026'
FROM original o WHERE c.certid = o.certid;
SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.verdict('li_id'),
          '(f,f,valid) Bad signature: the certificate''s contents are not what key psb-sm2 signed.',
          'certificate moved to another holder in the table: bad signature');
RESET SESSION AUTHORIZATION;
UPDATE yiwang.certificates c SET holder_idcard = o.holder_idcard,
  signature = set_byte(o.signature, 20, get_byte(o.signature, 20) # 1) FROM original o WHERE c.certid = o.certid;
SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.verdict('li_id'),
          '(f,f,valid) Bad signature: the certificate''s contents are not what key psb-sm2 signed.',
          'one byte of the signature changed: bad signature');
RESET SESSION AUTHORIZATION;
UPDATE yiwang.certificates c SET signature = o.signature FROM original o WHERE c.certid = o.certid;
SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.verdict('li_id'), '(t,t,valid) Genuine and valid.', 'restored: genuine again');

-- Revocation.
SELECT yiwang.revoke_certificate(pg_temp.cid('li_household'), 'Moved out of the city') \gset
SELECT matches(pg_temp.verdict('li_household'),
               '^\(t,f,revoked\) Revoked at \d{4}-\d\d-\d\d [0-9:.+]+: Moved out of the city$',
               'a revoked certificate is genuine, not valid, and says when and why it was revoked');
SELECT is(pg_temp.seen('44030519850312001X'), 'li_id', 'a revoked certificate is no longer among the holder''s');
SELECT is(pg_temp.error_text(format('SELECT yiwang.revoke_certificate(%L, %L)', pg_temp.cid('li_household'), 'again')),
          format('55000 certificate %s is revoked', pg_temp.cid('li_household')), 'revoking twice: 55000');
SELECT is(pg_temp.error_text(format('SELECT yiwang.revoke_certificate(%L, %L)', pg_temp.cid('wang_id'), '  ')),
          '22023 a revocation needs a reason of one line', 'a revocation needs a reason');

-- Supersession.
SELECT yiwang.supersede_certificate(pg_temp.cid('li_id'), '{"name": "Li Ming", "address": "Room 1801, Tower A, 8 Shennan Road"}')::text AS li_id2 \gset
INSERT INTO pg_temp.labels VALUES (:'li_id2', 'li_id_v2');
SELECT is((SELECT row(yiwang.certid_type_code(n) = yiwang.certid_type_code(o), yiwang.certid_issuer_code(n) = yiwang.certid_issuer_code(o),
                      yiwang.certid_serial(n) = yiwang.certid_serial(o), yiwang.certid_version(n))::text
           FROM pg_temp.cid('li_id') o, pg_temp.cid('li_id_v2') n),
          '(t,t,t,2)', 'the new version has the same type, issuer and serial, and version 2');
SELECT is(pg_temp.verdict('li_id'), format('(t,f,superseded) Superseded by %s.', :'li_id2'),
          'the old version is genuine, not valid, superseded by the new one');
SELECT is(pg_temp.verdict('li_id_v2'), '(t,t,valid) Genuine and valid.', 'the new version is genuine and valid');
SELECT is(pg_temp.seen('44030519850312001X'), 'li_id_v2', 'only the new version is among the holder''s certificates');
SELECT is(pg_temp.error_text(format('SELECT yiwang.supersede_certificate(%L, %L)', pg_temp.cid('li_id'), '{"name": "x", "address": "y"}')),
          format('55000 certificate %s is superseded', pg_temp.cid('li_id')), 'superseding a superseded version: 55000');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT row(o.status, o.superseded_by::text = :'li_id2', n.version, n.number, n.valid_until, n.key_id)::text
           FROM yiwang.certificates o, yiwang.certificates n
           WHERE o.certid = pg_temp.cid('li_id') AND n.certid = pg_temp.cid('li_id_v2')),
          row('superseded', true, 2, 'ID-0001', (current_date + interval '20 years')::date - 1, 'psb-sm2')::text,
          'stored: the old links to the new; the new keeps the number and gets the type''s validity');

-- Expiry and future validity.
SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.verdict('zhao_expired_id'), '(t,f,expired) Expired on 2019-12-31.', 'past valid_until: expired');
SELECT is(pg_temp.seen('44030819600101003X'), '', 'an expired certificate is not among the holder''s');
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.verdict('wang_future'), format('(t,f,"not yet valid") Valid from %s.', current_date + 30),
          'valid_from in the future: not yet valid');

-- Keys: not valid when they signed, revoked before or after.
SELECT pg_temp.act('hrss') \gset
SELECT is(pg_temp.verdict('chen_card'), '(t,t,valid) Genuine and valid.', 'hrss''s certificate is genuine and valid');
RESET SESSION AUTHORIZATION;
UPDATE yiwang.signing_keys SET valid_from = now() + interval '1 day' WHERE key_id = 'hrss-sm2';
SELECT pg_temp.act('hrss') \gset
SELECT matches(pg_temp.verdict('chen_card'),
               '^\(f,f,valid\) Key hrss-sm2 was not valid when it signed at .* \(valid from .* to no end\)\.$',
               'signed before the key''s validity began: not genuine');
RESET SESSION AUTHORIZATION;
UPDATE yiwang.signing_keys SET valid_from = now() - interval '30 days', valid_until = now() - interval '1 day'
WHERE key_id = 'hrss-sm2';
SELECT pg_temp.act('hrss') \gset
SELECT matches(pg_temp.verdict('chen_card'),
               '^\(f,f,valid\) Key hrss-sm2 was not valid when it signed at .* \(valid from .* to \d{4}-.*\)\.$',
               'signed after the key''s validity ended: not genuine');
RESET SESSION AUTHORIZATION;
UPDATE yiwang.signing_keys SET valid_until = NULL WHERE key_id = 'hrss-sm2';
SELECT pg_temp.act('admin') \gset
SELECT yiwang.revoke_signing_key('hrss-sm2', 'private key leaked', now() - interval '1 hour') \gset
SELECT pg_temp.act('hrss') \gset
SELECT matches(pg_temp.verdict('chen_card'),
               '^\(f,f,valid\) Key hrss-sm2 was revoked at .*, before it signed at .* \(private key leaked\)\.$',
               'signed after the key was revoked: not genuine, with the revocation reason');
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C00040B001', '440305198707150026',
                                                               '{"card_number": "S440300000002"}')$$),
          '55000 department hrss has no key yiwang can sign with',
          'a department whose only key is revoked cannot have yiwang sign');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::integer FROM yiwang.signing_private_keys WHERE key_id = 'hrss-sm2'), 0,
          'revoking a key deletes its private key');
UPDATE yiwang.certificates SET signed_at = now() - interval '2 days' WHERE certid = pg_temp.cid('chen_card');
SELECT pg_temp.act('hrss') \gset
SELECT matches(pg_temp.verdict('chen_card'),
               '^\(t,t,valid\) Genuine and valid; key hrss-sm2 was revoked later, at .*, which does not affect what it signed before\.$',
               'signed before the key was revoked: still genuine and valid');

-- ---------------------------------------------------------------------------
-- Signatures made outside yiwang.

SELECT pg_temp.act('edu') \gset
SELECT yiwang.make_certid(pg_temp.type_code('graduation'), '11440300MB2C00030A', 'EXTERNAL0001', 1)::text AS ext_certid \gset
SELECT yiwang.base64url_encode(yiwang.sign('ed25519', k.private_key,
         yiwang.certificate_canonical_form(:'ext_certid', pg_temp.type_code('graduation'), '440305198707150026', NULL,
                                           '11440300MB2C00030A', current_date, current_date, NULL, NULL, 'A',
                                           '{"school": "HIT Shenzhen", "degree": "MEng"}')))
       AS ext_signature
FROM pg_temp.fixture_keys k WHERE k.key_id = 'edu-ed' \gset
SELECT is(yiwang.issue_certificate(pg_temp.type_code('graduation'), '440305198707150026',
                                   '{"school": "HIT Shenzhen", "degree": "MEng"}',
                                   serial => 'EXTERNAL0001', signature => yiwang.base64url_decode(:'ext_signature'),
                                   key_id => 'edu-ed')::text,
          :'ext_certid', 'a certificate signed outside (Ed25519) is stored under the certid the signer computed');
INSERT INTO pg_temp.labels VALUES (:'ext_certid', 'wang_external');
SELECT is(pg_temp.verdict('wang_external'), '(t,t,valid) Genuine and valid.', 'and is genuine and valid');
SELECT is(pg_temp.error_text(format(
            $$SELECT yiwang.issue_certificate(%L, '440305198707150026', '{"school": "HIT Shenzhen", "degree": "PhD"}',
                                              serial => 'EXTERNAL0002', signature => %L::bytea, key_id => 'edu-ed')$$,
            pg_temp.type_code('graduation'), yiwang.base64url_decode(:'ext_signature'))),
          '22023 the signature does not verify',
          'a signature that is not over these fields is refused (22023)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::integer FROM yiwang.certificates WHERE yiwang.certid_serial(certid) = 'EXTERNAL0002'), 0,
          'and nothing is stored');
SELECT pg_temp.act('psb') \gset
SELECT yiwang.make_certid(pg_temp.type_code('id_card'), '11440300MB2C000209', 'EXTERNAL0003', 1)::text AS ext_sm2_certid \gset
SELECT yiwang.base64url_encode(yiwang.sign('sm2', k.private_key,
         yiwang.certificate_canonical_form(:'ext_sm2_certid', pg_temp.type_code('id_card'), '110105197002020043', NULL,
                                           '11440300MB2C000209', current_date, current_date, '2040-01-01', NULL, 'A',
                                           '{"name": "Chen Jing", "address": "Dongcheng"}')))
       AS ext_sm2_signature
FROM pg_temp.fixture_keys k WHERE k.key_id = 'psb-sm2' \gset
SELECT is(yiwang.issue_certificate(pg_temp.type_code('id_card'), '110105197002020043',
                                   '{"name": "Chen Jing", "address": "Dongcheng"}', valid_until => '2040-01-01',
                                   serial => 'EXTERNAL0003', signature => yiwang.base64url_decode(:'ext_sm2_signature'),
                                   key_id => 'psb-sm2')::text,
          :'ext_sm2_certid', 'a certificate signed outside with SM2 is stored');
INSERT INTO pg_temp.labels VALUES (:'ext_sm2_certid', 'chen_external');
SELECT is(pg_temp.verdict('chen_external'), '(t,t,valid) Genuine and valid.', 'and is genuine and valid');
SELECT is(pg_temp.error_text(format(
            $$SELECT yiwang.issue_certificate(%L, '110105197002020043', '{"name": "Chen Jing", "address": "Dongcheng"}',
                                              signature => %L::bytea, key_id => 'psb-sm2')$$,
            pg_temp.type_code('id_card'), yiwang.base64url_decode(:'ext_sm2_signature'))),
          '22023 a signature made outside needs its serial and key', 'an outside signature without its serial: 22023');
SELECT is(pg_temp.error_text(format(
            $$SELECT yiwang.issue_certificate(%L, '110105197002020043', '{"name": "Chen Jing", "address": "Dongcheng"}',
                                              valid_until => '2040-01-01', serial => 'EXTERNAL0004', signature => %L::bytea,
                                              key_id => 'edu-ed')$$,
            pg_temp.type_code('id_card'), yiwang.base64url_decode(:'ext_sm2_signature'))),
          '22023 signing key edu-ed is not a key of department psb', 'an outside signature with another department''s key: 22023');
SELECT pg_temp.act('hrss') \gset
SELECT is(pg_temp.error_text(format(
            $$SELECT yiwang.issue_certificate(%L, '110105197002020043', '{"card_number": "S1"}',
                                              serial => 'EXTERNAL0005', signature => '\x00'::bytea, key_id => 'hrss-sm2')$$,
            pg_temp.type_code('social_card'))),
          '22023 signing key hrss-sm2 is not valid now', 'an outside signature with a revoked key: 22023');

-- ---------------------------------------------------------------------------
-- Errors.

SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C000209999', '44030519850312001X', '{}')$$),
          '22023 unknown certificate type "11440300MB2C000209999"', 'an unknown type: 22023');
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C000209001', '440305199009090059',
                                                               '{"name": "Sun Wei", "address": "x"}')$$),
          '23503 holder 4403**********0059 is not in the population registry', 'a holder not in the registry: 23503');
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C000209001', '440305199009090058',
                                                               '{"name": "Sun Wei", "address": "x"}')$$),
          '22023 invalid holder for a personal certificate', 'a holder that is not a valid identity number: 22023');
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C000209001', '91440300MA5F000108',
                                                               '{"name": "x", "address": "x"}')$$),
          '22023 invalid holder for a personal certificate', 'an organisation cannot hold a personal certificate');
SELECT is((SELECT e.state || ' ' || e.detail FROM pg_temp.error_of(
             $$SELECT yiwang.issue_certificate('11440300MB2C000209001', '440305198707150026', '{"name": "Wang Fang"}')$$) e),
          '22023 A Resident identity card needs the fields name, address; missing: address.',
          'a required field missing: 22023, naming it');
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C000209001', '44030519850312001X',
                                                               '{"name": "Li Ming", "address": "x"}', number => 'ID-0001')$$),
          '23505 certificate already issued', 'the same number issued twice: 23505');
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C000209001', '44030519850312001X',
                                                               '{"name": "Li Ming", "address": "x"}')$$),
          '42501 not an issuer of Resident identity card', 'a department that does not issue the type: 42501');
SELECT is(pg_temp.error_text(format('SELECT yiwang.revoke_certificate(%L, %L)', pg_temp.cid('li_id_v2'), 'not ours')),
          format('42501 no certificate %s of the actor''s department', pg_temp.cid('li_id_v2')),
          'another department cannot revoke: 42501');
SELECT is(pg_temp.error_text(format('SELECT yiwang.supersede_certificate(%L, %L)', pg_temp.cid('li_id_v2'), '{"name": "x", "address": "y"}')),
          format('42501 no certificate %s of the actor''s department', pg_temp.cid('li_id_v2')),
          'another department cannot supersede: 42501');
SELECT pg_temp.act('psb_window') \gset
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C000209001', '44030519850312001X',
                                                               '{"name": "Li Ming", "address": "x"}')$$),
          '42501 permission denied for function issue_certificate', 'a window clerk does not issue: 42501');
SELECT pg_temp.act('li') \gset
SELECT is(pg_temp.error_text(format('SELECT yiwang.revoke_certificate(%L, %L)', pg_temp.cid('li_id_v2'), 'mine')),
          '42501 permission denied for function revoke_certificate', 'a citizen does not revoke: 42501');
SELECT pg_temp.act('psb') \gset
SELECT yiwang.logout() \gset
SELECT is(pg_temp.error_text($$SELECT yiwang.issue_certificate('11440300MB2C000209001', '440305198707150026',
                                                               '{"name": "Wang Fang", "address": "x"}')$$),
          '42501 no actor in this transaction', 'issuing without an actor: 42501');
SELECT is(pg_temp.error_text($$SELECT * FROM yiwang.certificates_of('44030519850312001X')$$),
          '42501 no actor in this transaction', 'looking up without an actor: 42501');
SELECT is(pg_temp.error_text(format('SELECT * FROM yiwang.verify_certificate(%L)', pg_temp.cid('li_id_v2'))),
          '42501 no actor in this transaction', 'verifying without an actor: 42501');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::integer FROM yiwang.certificates WHERE number = 'ID-0001' AND version = 1), 1,
          'the refused issues stored nothing');

-- ---------------------------------------------------------------------------
-- The access decision: certificate_access, in the policy and in the look-ups.

-- The labels of the certificates the row-level security policy lets
-- yiwang_api read for the current actor (any status, any purpose).
CREATE FUNCTION pg_temp.policy_shows() RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  got text;
BEGIN
  SET LOCAL ROLE yiwang_api;
  SELECT coalesce(string_agg(coalesce(l.label, c.certid::text), ' ' ORDER BY coalesce(l.label, c.certid::text)), '')
    INTO got
    FROM yiwang.certificates c LEFT JOIN pg_temp.labels l ON l.certid = c.certid::text;
  RESET ROLE;
  RETURN got;
END
$$;
-- The labels of the certificates the access log has for a purpose, oldest
-- first, from the entries this test appended.
SELECT coalesce(max(entry_id), 0) AS log_mark FROM yiwang.access_log \gset
CREATE FUNCTION pg_temp.logged(purpose text, after_entry bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(coalesce(l.label, a.object_id), ' ' ORDER BY a.entry_id), '')
  FROM yiwang.access_log a LEFT JOIN pg_temp.labels l ON l.certid = a.object_id
  WHERE a.purpose = logged.purpose AND a.object_kind = 'certificate' AND a.entry_id > logged.after_entry
$$;

SELECT pg_temp.act('zhao') \gset
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.policy_shows(), 'co1_licence zhao_expired_id',
          'policy: a citizen reads their own certificates and those of the organisation they represent');
SELECT is(yiwang.certificate_access('44030519850312001X', NULL, 'psb', pg_temp.type_code('id_card'),
                                    '{91440300MA5F000108}', '{}'),
          NULL, 'certificate_access: a legal representative has no ground to see another person''s certificate');
SELECT is(yiwang.certificate_access(NULL, '91440300MA5F000209', 'amr', pg_temp.type_code('licence'),
                                    '{91440300MA5F000108}', '{}'),
          NULL, 'nor an organisation''s they do not represent');
SELECT is(yiwang.certificate_access(NULL, '91440300MA5F000108', 'amr', pg_temp.type_code('licence'),
                                    '{91440300MA5F000108}', '{}'),
          'holder', 'an organisation''s they represent: ground holder');
SELECT pg_temp.act('zhao') \gset
SELECT is(pg_temp.seen('44030819600101003X'), '',
          'a representative''s own look-up does not list the organisation''s certificates (they are the organisation''s)');
SELECT pg_temp.act('chen') \gset
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.policy_shows(), 'chen_card chen_external', 'policy: a citizen who represents nobody reads only their own');

SELECT pg_temp.act('hrss') \gset
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.policy_shows(), 'chen_card chen_external child_id li_id li_id_v2 wang_id zhao_expired_id',
          'policy: a department reads what it issued and the types it holds a grant for, not other types');
SELECT pg_temp.act('admin') \gset
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.policy_shows(), '', 'policy: staff other than department and window read nothing');
SELECT yiwang.logout() \gset
SELECT is(pg_temp.policy_shows(), '', 'policy: without an actor nothing is read');

-- Grants counted per look-up, one use per type, in one statement.
SELECT pg_temp.act('psb') \gset
SELECT pg_temp.issue('li_household2', 'household', '44030519850312001X', '{"household_id": "H4403050002"}') \gset
SELECT pg_temp.act('admin') \gset
SELECT yiwang.grant_sharing('edu', 'enrolment_check', now() + interval '30 days',
                            type_code => pg_temp.type_code('id_card'), max_uses => 1) AS edu_id_grant \gset
SELECT yiwang.grant_sharing('edu', 'enrolment_check', now() + interval '30 days',
                            type_code => pg_temp.type_code('household')) AS edu_household_grant \gset
SELECT yiwang.grant_sharing('edu', 'enrolment_check', now() + interval '30 days',
                            type_code => pg_temp.type_code('graduation'), max_uses => 1) AS edu_own_grant \gset
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'enrolment_check'), 'li_bachelor li_household2 li_id_v2 li_master',
          'a department sees two granted types and its own');
RESET SESSION AUTHORIZATION;
SELECT is(row(pg_temp.uses(:edu_id_grant), pg_temp.uses(:edu_household_grant), pg_temp.uses(:edu_own_grant))::text,
          '(1,1,0)', 'one use of each granted type''s grant; none of a grant for a type the department issues itself');
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'enrolment_check'), 'li_bachelor li_household2 li_master',
          'with one type''s grant used up, the look-up leaves that type out and shows the others');
RESET SESSION AUTHORIZATION;
SELECT is(row(pg_temp.uses(:edu_id_grant), pg_temp.uses(:edu_household_grant), pg_temp.uses(:edu_own_grant))::text,
          '(1,2,0)', 'the used-up grant is not counted further; the other is');
SELECT is(pg_temp.logged('enrolment_check', :log_mark),
          'li_id_v2 li_household2 li_bachelor li_master li_household2 li_bachelor li_master',
          'every certificate shown is logged once, in type order, and nothing that was left out');
UPDATE yiwang.sharing_grants SET uses = 1 WHERE grant_id = :edu_own_grant;
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.seen('44030819600101003X', 'enrolment_check'), '',
          'a holder with nothing the department may see: nothing shown');
SELECT is(pg_temp.seen('440305198707150026', 'enrolment_check'), 'wang_external',
          'the issuing department sees its own even when its grant for the type is used up');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.uses(:edu_own_grant), 1::bigint, 'and that grant is not counted');
SELECT pg_temp.act('admin') \gset
SELECT yiwang.grant_sharing('edu', 'enrolment_check', now() + interval '30 days',
                            type_code => pg_temp.type_code('id_card')) AS edu_id_grant2 \gset
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.seen('44030519850312001X', 'enrolment_check'), 'li_bachelor li_household2 li_id_v2 li_master',
          'a second grant for the type takes over when the first is used up');
RESET SESSION AUTHORIZATION;
SELECT is(row(pg_temp.uses(:edu_id_grant), pg_temp.uses(:edu_id_grant2))::text, '(1,1)',
          'the look-up counts the first grant with uses left, once');
SELECT pg_temp.act('admin') \gset
SELECT yiwang.revoke_sharing(:edu_id_grant2) \gset
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.verdict('li_id_v2', 'enrolment_check'),
          '(f,f,unknown) No such certificate is visible to the actor for this purpose.',
          'verify_certificate under a used-up grant: unknown');
SELECT is(pg_temp.verdict('li_bachelor', 'enrolment_check'), '(t,t,valid) Genuine and valid.',
          'verify_certificate of its own: no grant needed');
RESET SESSION AUTHORIZATION;
SELECT is(row(pg_temp.uses(:edu_id_grant), pg_temp.uses(:edu_own_grant))::text, '(1,1)',
          'neither verification counted a use');

SELECT * FROM finish();
ROLLBACK;
