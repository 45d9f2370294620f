-- identity: yiwang.login(token) verifies a token of the identity platform
-- and fixes the actor of the transaction; everything else is refused with
-- 28000 (the token is not acceptable) or 42501 (acceptable, but not here
-- or not again), with a detail that says why.
--
-- The actor lives in backend memory until the top-level transaction ends.
-- The first two transactions below (before the pgTAP one) log in and then
-- commit or roll back; the pgTAP transaction checks that the actor did not
-- survive either, which is what makes a pooled server connection safe for
-- the next client.  The committed one removes what its login wrote, so it
-- leaves nothing behind.  Concurrent sessions (one session's actor never
-- visible in another) are for the isolation specs.

CREATE TEMP TABLE actor_seen (moment text PRIMARY KEY, kind text, subject text);

BEGIN;
DO $commit$
DECLARE
  k record;
BEGIN
  SELECT * INTO k FROM yiwang.generate_keypair('ed25519');
  INSERT INTO yiwang.token_issuer_keys (key_id, issuer, algorithm, public_key)
  VALUES ('yiwang-test-pool', 'yiwang-test-pool-idp', 'ed25519', k.public_key);
  PERFORM yiwang.login(yiwang.sign_token(jsonb_build_object(
    'iss', 'yiwang-test-pool-idp', 'sub', '44030519850312001X', 'kind', 'citizen', 'role', 'citizen',
    'iat', floor(extract(epoch FROM now())), 'exp', floor(extract(epoch FROM now() + interval '10 minutes')),
    'nonce', gen_random_uuid()), 'yiwang-test-pool', 'ed25519', k.private_key));
  INSERT INTO pg_temp.actor_seen VALUES ('before commit', yiwang.actor_kind(), yiwang.actor_subject());
  DELETE FROM yiwang.token_uses WHERE issuer = 'yiwang-test-pool-idp';
  DELETE FROM yiwang.token_issuer_keys WHERE key_id = 'yiwang-test-pool';
END
$commit$;
COMMIT;
INSERT INTO actor_seen VALUES ('after commit', yiwang.actor_kind(), yiwang.actor_subject());

BEGIN;
DO $rollback$
DECLARE
  k record;
BEGIN
  SELECT * INTO k FROM yiwang.generate_keypair('ed25519');
  INSERT INTO yiwang.token_issuer_keys (key_id, issuer, algorithm, public_key)
  VALUES ('yiwang-test-pool', 'yiwang-test-pool-idp', 'ed25519', k.public_key);
  PERFORM yiwang.login(yiwang.sign_token(jsonb_build_object(
    'iss', 'yiwang-test-pool-idp', 'sub', '440305198707150026', 'kind', 'citizen', 'role', 'citizen',
    'iat', floor(extract(epoch FROM now())), 'exp', floor(extract(epoch FROM now() + interval '10 minutes')),
    'nonce', gen_random_uuid()), 'yiwang-test-pool', 'ed25519', k.private_key));
END
$rollback$;
-- (the temporary table would forget a row written now: keep it in a variable)
SELECT yiwang.actor_kind() || ' ' || yiwang.actor_subject() AS before_rollback \gset
ROLLBACK;
INSERT INTO actor_seen VALUES ('after rollback', yiwang.actor_kind(), yiwang.actor_subject());

BEGIN;
SELECT plan(85);
\ir fixtures/city.sql

-- 'state | message | detail' of what yiwang.login says to the token ('' when it accepts it).
CREATE FUNCTION pg_temp.refusal(token text) RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT concat_ws(' | ', e.state, e.message, nullif(e.detail, ''))
  FROM pg_temp.error_of(format('SELECT yiwang.login(%L)', token)) e
$$;

-- A token with any header, signed with a key of the fixture whatever the header says.
CREATE FUNCTION pg_temp.raw_token(header jsonb, claims jsonb, key_id text) RETURNS text
LANGUAGE sql VOLATILE AS $$
  WITH input AS (
    SELECT yiwang.base64url_encode(convert_to(header::text, 'UTF8')) || '.'
           || yiwang.base64url_encode(convert_to(claims::text, 'UTF8')) AS signing_input)
  SELECT i.signing_input || '.'
         || yiwang.base64url_encode(yiwang.sign(k.algorithm, k.private_key, convert_to(i.signing_input, 'UTF8')))
  FROM input i, pg_temp.fixture_keys k WHERE k.key_id = raw_token.key_id
$$;

-- The token with one byte of its signature changed.
CREATE FUNCTION pg_temp.flip_signature_byte(token text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT split_part(token, '.', 1) || '.' || split_part(token, '.', 2) || '.'
         || yiwang.base64url_encode(set_byte(s, 10, get_byte(s, 10) # 1))
  FROM (SELECT yiwang.base64url_decode(split_part(token, '.', 3)) AS s) x
$$;

CREATE FUNCTION pg_temp.actor_now() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT concat_ws('/', coalesce(yiwang.actor_kind(), '-'), coalesce(yiwang.actor_subject(), '-'),
                   coalesce(yiwang.actor_department(), '-'), coalesce(yiwang.actor_role(), '-'),
                   coalesce(yiwang.actor_assurance()::text, '-'))
$$;

-- More identity-platform keys: of another issuer, not yet valid, expired, revoked.
INSERT INTO pg_temp.fixture_keys
SELECT k.key_id, k.owner, 'ed25519', g.private_key, g.public_key
FROM (VALUES ('district-ed', 'district-idp'), ('idp-future', 'city-idp'), ('idp-expired', 'city-idp'),
             ('idp-revoked', 'city-idp'), ('idp-revoked-later', 'city-idp'), ('unregistered', 'city-idp'))
       AS k(key_id, owner),
     LATERAL yiwang.generate_keypair('ed25519') AS g;
INSERT INTO yiwang.token_issuer_keys (key_id, issuer, algorithm, public_key, valid_from, valid_until, revoked_at)
SELECT k.key_id, k.owner, k.algorithm, k.public_key,
       CASE k.key_id WHEN 'idp-future' THEN now() + interval '1 day'
                     WHEN 'idp-expired' THEN now() - interval '30 days'
                     ELSE now() - interval '1 day' END,
       CASE k.key_id WHEN 'idp-expired' THEN now() - interval '1 day' END,
       CASE k.key_id WHEN 'idp-revoked' THEN now() - interval '1 minute'
                     WHEN 'idp-revoked-later' THEN now() + interval '1 day' END
FROM pg_temp.fixture_keys k
WHERE k.key_id IN ('district-ed', 'idp-future', 'idp-expired', 'idp-revoked', 'idp-revoked-later');

-- ---------------------------------------------------------------------------
-- The actor ends with the transaction.

SELECT is((SELECT kind || ' ' || subject FROM actor_seen WHERE moment = 'before commit'),
          'citizen 44030519850312001X', 'a login in a transaction that then commits fixes the actor');
SELECT is((SELECT row(kind, subject)::text FROM actor_seen WHERE moment = 'after commit'), '(,)',
          'after COMMIT there is no actor: the next transaction on the connection starts without one');
SELECT is(:'before_rollback'::text,
          'citizen 440305198707150026', 'a login in a transaction that then rolls back fixes the actor');
SELECT is((SELECT row(kind, subject)::text FROM actor_seen WHERE moment = 'after rollback'), '(,)',
          'after ROLLBACK there is no actor');
SELECT ok(NOT EXISTS (SELECT FROM yiwang.token_issuer_keys WHERE key_id = 'yiwang-test-pool')
          AND NOT EXISTS (SELECT FROM yiwang.token_uses WHERE issuer = 'yiwang-test-pool-idp'),
          'the committed login of this test left nothing behind');
SELECT is(pg_temp.actor_now(), '-/-/-/-/-', 'a transaction starts without an actor');

-- ---------------------------------------------------------------------------
-- Accepted tokens.

SELECT pg_temp.claims('staff', 'psb-0001', 'psb', 'department', 'nonce-psb-1') AS psb_claims \gset
SELECT pg_temp.sign_claims(:'psb_claims') AS psb_token \gset
SET LOCAL SESSION AUTHORIZATION yiwang_test_department;
SELECT is((SELECT row(a.*)::text FROM yiwang.login(:'psb_token') a),
          row('staff', 'psb-0001', 'psb', 'department', 3,
              to_timestamp((:'psb_claims'::jsonb->>'exp')::bigint))::yiwang.actor::text,
          'a staff token (EdDSA) is accepted and login returns the actor and when the token expires');
SELECT is(pg_temp.actor_now(), 'staff/psb-0001/psb/department/3',
          'actor_kind, actor_subject, actor_department, actor_role and actor_assurance give the actor');
SELECT is(yiwang.actor_token_nonce(), 'nonce-psb-1', 'actor_token_nonce gives the token''s nonce');
SELECT is((SELECT row(a.kind, a.subject, a.department, a.role)::text FROM yiwang.require_actor() a),
          '(staff,psb-0001,psb,department)', 'require_actor returns the actor once logged in');
SELECT is(yiwang.actor_idcard()::text, NULL, 'actor_idcard is NULL for staff');
SELECT lives_ok(format('SELECT yiwang.login(%L)', :'psb_token'),
                'the same token is accepted again: every department application passes the same token');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT row(u.subject, u.expires_at, u.token_digest, u.ended_at)::text FROM yiwang.token_uses u
           WHERE u.issuer = 'city-idp' AND u.nonce = 'nonce-psb-1'),
          row('psb-0001', to_timestamp((:'psb_claims'::jsonb->>'exp')::bigint),
              sha256(convert_to(:'psb_token', 'UTF8')), NULL::timestamptz)::text,
          'the token is recorded once, by issuer and nonce, with its digest, subject and expiry');

SET LOCAL SESSION AUTHORIZATION yiwang_test_citizen;
SELECT is((SELECT row(a.kind, a.subject, a.department, a.role, a.assurance)::text
           FROM yiwang.login(pg_temp.sign_claims(
                  pg_temp.claims('citizen', '440305198707150026', NULL, 'citizen', acr => 4), 'idp-sm2')) a),
          '(citizen,440305198707150026,,citizen,4)',
          'a citizen token signed with SM2 is accepted; logging in again replaces the actor');
SELECT is(yiwang.actor_idcard()::text, '440305198707150026', 'actor_idcard gives the citizen''s number');
SELECT is((SELECT a.assurance FROM yiwang.login(pg_temp.sign_claims(
             pg_temp.claims('citizen', '440305198707150026', NULL, 'citizen') - 'acr')) a),
          1, 'a token without acr gives assurance level 1');
SELECT is((SELECT a.subject FROM yiwang.login(pg_temp.token('citizen', '44030519850312001x', NULL, 'citizen')) a),
          '44030519850312001X', 'the subject of a citizen is the identity number in its canonical form');
RESET SESSION AUTHORIZATION;

SET LOCAL SESSION AUTHORIZATION yiwang_test_window;
SELECT is((SELECT a.role || '@' || a.department FROM yiwang.login(pg_temp.token('staff', 'psb-w001', 'psb', 'window')) a),
          'window@psb', 'a window clerk''s token is accepted for a member of yiwang_window');
SET LOCAL SESSION AUTHORIZATION yiwang_test_admin;
SELECT is((SELECT a.role FROM yiwang.login(pg_temp.token('staff', 'adm-0001', 'data', 'admin')) a),
          'admin', 'an administrator''s token is accepted for a member of yiwang_admin');
SET LOCAL SESSION AUTHORIZATION yiwang_test_auditor;
SELECT is((SELECT a.role FROM yiwang.login(pg_temp.token('staff', 'aud-0001', 'data', 'auditor')) a),
          'auditor', 'an auditor''s token is accepted for a member of yiwang_auditor');
SET LOCAL SESSION AUTHORIZATION yiwang_test_reporting;
SELECT is((SELECT a.role FROM yiwang.login(pg_temp.token('staff', 'rep-0001', 'data', 'reporting')) a),
          'reporting', 'a reporting token is accepted for a member of yiwang_reporting');
RESET SESSION AUTHORIZATION;

SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department',
                                                             expires => now() + interval '12 hours'))),
          '', 'a token that lives exactly 12 hours is accepted');
SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department',
                                                             issued => now() + interval '4 minutes'))),
          '', 'a token issued up to 5 minutes in the future is accepted (clock skew)');
SELECT is(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department', key_id => 'idp-revoked-later')),
          '', 'a token signed with a key whose revocation is still to come is accepted');

-- ---------------------------------------------------------------------------
-- Refused with 28000: the token is not acceptable.

SELECT yiwang.logout() \gset
SELECT matches(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department',
                                             expires => now() - interval '1 minute', issued => now() - interval '1 hour')),
               '^28000 \| expired token \| The token expired at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d',
               'an expired token is refused with 28000, saying when it expired');
SELECT is(pg_temp.refusal(split_part(:'psb_token', '.', 1) || '.' || split_part(:'psb_token', '.', 2)),
          '28000 | malformed token | A token has three base64url parts separated by dots; this one has 2.',
          'a token of two parts is malformed');
SELECT is(pg_temp.refusal(:'psb_token' || '.e30'),
          '28000 | malformed token | A token has three base64url parts separated by dots; this one has 4.',
          'a token of four parts is malformed');
SELECT is(pg_temp.refusal(''),
          '28000 | malformed token | A token has three base64url parts separated by dots; this one has 0.',
          'an empty token is malformed');
SELECT is(pg_temp.refusal('*not*base64*.' || split_part(:'psb_token', '.', 2) || '.' || split_part(:'psb_token', '.', 3)),
          '28000 | malformed token | The header, the claims or the signature are not base64url-encoded (header and claims JSON).',
          'a header that is not base64url is malformed');
SELECT is(pg_temp.refusal(split_part(:'psb_token', '.', 1) || '.' || yiwang.base64url_encode('{"sub": "psb-0001",')
                          || '.' || split_part(:'psb_token', '.', 3)),
          '28000 | malformed token | The header, the claims or the signature are not base64url-encoded (header and claims JSON).',
          'claims that are not JSON are malformed');
SELECT is(pg_temp.refusal(yiwang.base64url_encode('not json') || '.' || split_part(:'psb_token', '.', 2)
                          || '.' || split_part(:'psb_token', '.', 3)),
          '28000 | malformed token | The header, the claims or the signature are not base64url-encoded (header and claims JSON).',
          'a header that is base64url but not JSON is malformed');
SELECT is(pg_temp.refusal(pg_temp.raw_token('{"alg": "EdDSA", "kid": "nope"}',
                                            pg_temp.claims('staff', 'psb-0001', 'psb', 'department'), 'idp-ed')),
          '28000 | token signed by an unknown key | No issuer key "nope" is registered in yiwang.token_issuer_keys.',
          'a token of an unknown key id is refused');
SELECT is(pg_temp.refusal(pg_temp.raw_token('{"alg": "SM2", "kid": "idp-ed"}',
                                            pg_temp.claims('staff', 'psb-0001', 'psb', 'department'), 'idp-ed')),
          '28000 | badly signed token | The header names algorithm "SM2" but key "idp-ed" is an ed25519 key.',
          'a header naming another algorithm than the key''s is refused');
SELECT is(pg_temp.refusal(yiwang.base64url_encode('{"alg": "none", "kid": "idp-ed"}') || '.'
                          || split_part(:'psb_token', '.', 2) || '.'),
          '28000 | badly signed token | The header names algorithm "none" but key "idp-ed" is an ed25519 key.',
          'an unsigned token (alg none) is refused');
SELECT is(pg_temp.refusal(pg_temp.flip_signature_byte(pg_temp.token('staff', 'psb-0001', 'psb', 'department'))),
          '28000 | badly signed token | The signature does not verify with key "idp-ed".',
          'a token with one byte of its signature changed is refused');
SELECT is(pg_temp.refusal(pg_temp.flip_signature_byte(pg_temp.token('citizen', '440305198707150026', NULL, 'citizen',
                                                                    key_id => 'idp-sm2'))),
          '28000 | badly signed token | The signature does not verify with key "idp-sm2".',
          'an SM2 token with one byte of its signature changed is refused');
SELECT is(pg_temp.refusal(split_part(:'psb_token', '.', 1) || '.'
                          || yiwang.base64url_encode(convert_to((:'psb_claims'::jsonb || '{"role": "admin"}')::text, 'UTF8'))
                          || '.' || split_part(:'psb_token', '.', 3)),
          '28000 | badly signed token | The signature does not verify with key "idp-ed".',
          'claims changed after signing are refused');
SELECT is(pg_temp.refusal(pg_temp.raw_token('{"alg": "EdDSA", "kid": "idp-ed"}',
                                            pg_temp.claims('staff', 'psb-0001', 'psb', 'department'), 'unregistered')),
          '28000 | badly signed token | The signature does not verify with key "idp-ed".',
          'a token signed with another key under the platform''s key id is refused');
SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department',
                                                             iss => 'evil-idp'))),
          '28000 | badly signed token | The token says issuer "evil-idp" but key "idp-ed" belongs to "city-idp".',
          'a token whose issuer is not the key''s is refused');
SELECT is(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department', key_id => 'district-ed')),
          '28000 | badly signed token | The token says issuer "city-idp" but key "district-ed" belongs to "district-idp".',
          'one platform cannot sign in the name of another');
SELECT matches(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department',
                                             expires => now() + interval '13 hours')),
               '^28000 \| token lifetime not accepted \| .* live at most 12:00:00\.$',
               'a token that lives more than 12 hours is refused');
SELECT matches(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department',
                                             issued => now() + interval '1 hour', expires => now() + interval '2 hours')),
               '^28000 \| token lifetime not accepted \| The token was issued at ',
               'a token issued in the future (beyond the clock skew) is refused');
SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department') - 'iat')),
          '28000 | malformed token | The claims exp and iat must be numbers of seconds since 1970-01-01 UTC.',
          'a token without iat is malformed');
SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department')
                                              || '{"exp": "tomorrow"}')),
          '28000 | malformed token | The claims exp and iat must be numbers of seconds since 1970-01-01 UTC.',
          'a token whose exp is not a number is malformed');
SELECT matches(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department', key_id => 'idp-future')),
               '^28000 \| token signed by a key that is not valid \| Key "idp-future" is valid from .* to no end\.$',
               'a token signed with a key that is not valid yet is refused');
SELECT matches(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department', key_id => 'idp-expired')),
               '^28000 \| token signed by a key that is not valid \| Key "idp-expired" is valid from .* to \d{4}-.*\.$',
               'a token signed with a key past its validity is refused');
SELECT matches(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department', key_id => 'idp-revoked')),
               '^28000 \| token signed by a key that is not valid \| Key "idp-revoked" .* and was revoked at ',
               'a token signed with a revoked key is refused');
SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department') - 'nonce')),
          '28000 | malformed token | The claims sub and nonce are required.',
          'a token without a nonce is refused');
SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department', nonce => ''))),
          '28000 | malformed token | The claims sub and nonce are required.',
          'a token with an empty nonce is refused');
SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department') - 'sub')),
          '28000 | malformed token | The claims sub and nonce are required.',
          'a token without a subject is refused');
SELECT is(pg_temp.refusal(pg_temp.token('citizen', '440305198707150027', NULL, 'citizen')),
          '28000 | malformed token | A citizen''s token has role citizen and a valid identity number as sub.',
          'a citizen''s token whose subject is not a valid identity number is refused');
SELECT is(pg_temp.refusal(pg_temp.token('citizen', '440305198707150026', NULL, 'department')),
          '28000 | malformed token | A citizen''s token has role citizen and a valid identity number as sub.',
          'a citizen''s token claiming a staff role is refused');
SELECT is(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'fire', 'department')),
          '28000 | malformed token | A staff token has a role of department, window, admin, auditor or reporting, and a registered department; it has role "department" and department "fire".',
          'a staff token of an unknown department is refused');
SELECT is(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'api')),
          '28000 | malformed token | A staff token has a role of department, window, admin, auditor or reporting, and a registered department; it has role "api" and department "psb".',
          'a staff token cannot claim the role that owns yiwang''s functions');
SELECT is(pg_temp.refusal(pg_temp.token('robot', 'psb-0001', 'psb', 'department')),
          '28000 | malformed token | The claim kind must be citizen or staff.',
          'a token of another kind than citizen or staff is refused');
SELECT is(pg_temp.actor_now(), '-/-/-/-/-', 'refused tokens leave no actor');
-- FINDING: a non-numeric acr escapes as 22P02 (invalid input syntax for
-- type integer) instead of a 28000 refusal with a detail.
SELECT matches(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department')
                                                   || '{"acr": "high"}')),
               '^28000 \| malformed token \| ',
               'a token whose acr is not a number is malformed (28000)');
-- FINDING: the assurance level is documented as 1-4, but any integer is taken.
SELECT matches(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('staff', 'psb-0001', 'psb', 'department', acr => 9))),
               '^28000 \| malformed token \| ',
               'a token whose acr is not an assurance level 1-4 is malformed (28000)');
-- FINDING: a signature part that is not base64url escapes as 22023 (from
-- decode()) instead of a 28000 refusal.
SELECT matches(pg_temp.refusal(split_part(:'psb_token', '.', 1) || '.' || split_part(:'psb_token', '.', 2) || '.*sig*'),
               '^28000 \| (malformed|badly signed) token \| ',
               'a token whose signature is not base64url is refused with 28000');
SELECT yiwang.logout() \gset

-- ---------------------------------------------------------------------------
-- Refused with 42501: replays, ended tokens, roles the database user lacks.

SELECT lives_ok(format('SELECT yiwang.login(%L)',
                       pg_temp.token('citizen', '440305198707150026', NULL, 'citizen', nonce => 'nonce-shared')),
                'a first token with a nonce is accepted');
SELECT matches(pg_temp.refusal(pg_temp.token('citizen', '44030519850312001X', NULL, 'citizen', nonce => 'nonce-shared')),
               '^42501 \| replayed token nonce \| Nonce "nonce-shared" of issuer "city-idp" was first used by another token at ',
               'another token with the same nonce is a replay: 42501');
SELECT is(yiwang.actor_subject(), '440305198707150026', 'the refused replay did not change the actor');
SELECT is(pg_temp.refusal(pg_temp.sign_claims(pg_temp.claims('citizen', '44030519850312001X', NULL, 'citizen',
                                                             nonce => 'nonce-shared', iss => 'district-idp'),
                                              'district-ed')),
          '', 'nonces are per issuer: another platform may use the same nonce');

SELECT pg_temp.token('citizen', '44030519850312001X', NULL, 'citizen') AS li_token \gset
SELECT lives_ok(format('SELECT yiwang.login(%L)', :'li_token'), 'log in before logging out');
SELECT lives_ok('SELECT yiwang.logout()', 'logout() is accepted');
SELECT is(pg_temp.actor_now(), '-/-/-/-/-', 'after logout() there is no actor');
SELECT throws_ok('SELECT yiwang.require_actor()', '42501', 'no actor in this transaction',
                 'after logout() functions that need an actor refuse with 42501');
SELECT matches(pg_temp.refusal(:'li_token'),
               '^42501 \| replayed token \| This token was ended by yiwang\.logout\(\) at ',
               'a token ended by logout() is refused with 42501 if presented again');
-- FINDING: logout() ends the token by the actor's subject, which is the
-- canonical identity number, while the token was recorded under the
-- subject as written in the token: a citizen token with a lower-case x (or
-- any other spelling idcard() accepts) survives logout().
SELECT pg_temp.token('citizen', '44030519850312001x', NULL, 'citizen') AS li_lower_token \gset
SELECT lives_ok(format('SELECT yiwang.login(%L)', :'li_lower_token'), 'a token whose subject ends in a lower-case x is accepted');
SELECT lives_ok('SELECT yiwang.logout()', 'and logged out');
SELECT matches(pg_temp.refusal(:'li_lower_token'),
               '^42501 \| replayed token \| This token was ended by yiwang\.logout\(\) at ',
               'a token ended by logout() is refused whatever the spelling of its subject');
SELECT yiwang.logout() \gset

SET LOCAL SESSION AUTHORIZATION yiwang_test_department;
SELECT is(pg_temp.refusal(pg_temp.token('citizen', '44030519850312001X', NULL, 'citizen')),
          '42501 | role citizen not granted to yiwang_test_department | The token is for role citizen, but database user yiwang_test_department is not a member of yiwang_citizen.',
          'a department application cannot log a citizen in: its database user is not a member of yiwang_citizen');
SELECT is(pg_temp.refusal(pg_temp.token('staff', 'psb-w001', 'psb', 'window')),
          '42501 | role window not granted to yiwang_test_department | The token is for role window, but database user yiwang_test_department is not a member of yiwang_window.',
          'nor a window clerk');
SELECT is(pg_temp.refusal(pg_temp.token('staff', 'adm-0001', 'data', 'admin')),
          '42501 | role admin not granted to yiwang_test_department | The token is for role admin, but database user yiwang_test_department is not a member of yiwang_admin.',
          'nor an administrator');
SET LOCAL SESSION AUTHORIZATION yiwang_test_citizen;
SELECT is(pg_temp.refusal(pg_temp.token('staff', 'psb-0001', 'psb', 'department')),
          '42501 | role department not granted to yiwang_test_citizen | The token is for role department, but database user yiwang_test_citizen is not a member of yiwang_department.',
          'a citizen application cannot log department staff in');
RESET SESSION AUTHORIZATION;
SELECT pg_temp.token('staff', 'psb-0001', 'psb', 'department') AS psb_token_2 \gset
SET LOCAL SESSION AUTHORIZATION yiwang_test_plain;
SELECT is(pg_temp.refusal(:'psb_token_2'),
          '42501 | permission denied for schema yiwang',
          'a database user with no yiwang role cannot call login at all');
SET LOCAL SESSION AUTHORIZATION yiwang_test_department;
SELECT is((SELECT e.state || ' ' || e.message FROM pg_temp.error_of(
             $$SELECT yiwang.actor_set('staff', 'psb-0001', 'psb', 'department', 4, 'city-idp', 'forged')$$) e),
          '42501 permission denied for function actor_set',
          'the actor cannot be set without a token: actor_set is not executable by applications');
SELECT is(pg_temp.actor_now(), '-/-/-/-/-', 'and no actor was set');
-- The check is on the database user of the session, not on the current role.
RESET SESSION AUTHORIZATION;
SET LOCAL SESSION AUTHORIZATION yiwang_test_department;
SET LOCAL ROLE yiwang_department;
SELECT is(pg_temp.refusal(pg_temp.token('citizen', '44030519850312001X', NULL, 'citizen')),
          '42501 | role citizen not granted to yiwang_test_department | The token is for role citizen, but database user yiwang_test_department is not a member of yiwang_citizen.',
          'SET ROLE does not change whose membership login checks');
RESET ROLE;
RESET SESSION AUTHORIZATION;

-- ---------------------------------------------------------------------------
-- Savepoints.

SAVEPOINT before_login;
SELECT (yiwang.login(pg_temp.token('citizen', '110105197002020043', NULL, 'citizen', nonce => 'nonce-savepoint'))).kind AS savepoint_kind \gset
ROLLBACK TO SAVEPOINT before_login;
-- FINDING: the record of the token's use (yiwang.token_uses) is undone by
-- ROLLBACK TO SAVEPOINT, the actor it fixed is not: the transaction goes on
-- acting for a login that, as far as the database is concerned, never
-- happened (and a later logout() cannot end the token).
SELECT is(pg_temp.actor_now(), '-/-/-/-/-', 'a login rolled back to a savepoint leaves no actor');
SELECT yiwang.logout() \gset

-- A token's signature is verified once per connection: the same token bytes
-- under the same key are not verified again; under a changed key they are.
SELECT pg_temp.token('staff', 'psb-0001', 'psb', 'department') AS cached_token \gset
SELECT is(yiwang.token_verified_before(sha256(convert_to(:'cached_token', 'UTF8')), 'ed25519',
                                       (SELECT k.public_key FROM yiwang.token_issuer_keys k WHERE k.key_id = 'idp-ed')),
          false, 'a token not seen before has not been verified');
SELECT is(pg_temp.refusal(:'cached_token'), '', 'it is accepted');
SELECT is(yiwang.token_verified_before(sha256(convert_to(:'cached_token', 'UTF8')), 'ed25519',
                                       (SELECT k.public_key FROM yiwang.token_issuer_keys k WHERE k.key_id = 'idp-ed')),
          true, 'and remembered as verified under that key');
SELECT is(pg_temp.refusal(pg_temp.flip_signature_byte(:'cached_token')),
          '28000 | badly signed token | The signature does not verify with key "idp-ed".',
          'the same token with its signature changed is verified, and refused');
UPDATE yiwang.token_issuer_keys SET public_key = (yiwang.generate_keypair('ed25519')).public_key WHERE key_id = 'idp-ed';
SELECT is(pg_temp.refusal(:'cached_token'),
          '28000 | badly signed token | The signature does not verify with key "idp-ed".',
          'once the platform''s key is replaced, the remembered token is verified again, and refused');

SELECT * FROM finish();
ROLLBACK;
