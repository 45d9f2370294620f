
-- Privileges (最小权限).  The identifier types and their functions are for
-- everyone.  yiwang's API functions are SECURITY DEFINER, owned by
-- yiwang_api, and executable by the roles that need them; yiwang_api holds
-- exactly the table privileges those functions use.

-- API functions run as yiwang_api (not a superuser: policies apply).
DO $owners$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
    WHERE p.pronamespace = 'yiwang'::regnamespace AND p.prosecdef
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO yiwang_api', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END
$owners$;

-- What yiwang_api's functions read and write.
GRANT SELECT ON departments, persons, legal_entities, houses, household_members, parent_child, residences,
  employment, social_insurance_months, certificate_types, token_issuer_keys, calendar TO yiwang_api;
GRANT SELECT, INSERT, UPDATE ON token_uses, signing_keys, signing_private_keys, certificates,
  sharing_grants, access_log_head TO yiwang_api;
GRANT DELETE ON signing_private_keys, token_uses TO yiwang_api;
GRANT SELECT, INSERT ON access_log TO yiwang_api;
GRANT USAGE ON SEQUENCE certificate_serial TO yiwang_api;
GRANT EXECUTE ON FUNCTION actor_set(text, text, text, text, integer, text, text), actor_clear(),
  token_verified_before(bytea, text, text), remember_verified_token(bytea, text, text),
  access_log_append(text, text, text, idcard, uscc, text),
  access_log_append_many(text, text, text[], idcard[], uscc[], text),
  access_log_write(text, text, text, text, text, text, text[], idcard[], uscc[], text, timestamptz, text),
  access_log_keep_if_rolled_back(timestamptz, text, text, text, text, text, text, text[], text[], text[], text),
  access_log_append_rescued(text, timestamptz, text, text, text, text, text, text, text, text, text, text),
  grant_in_force(sharing_grants), use_grants(text[], text, text),
  current_signing_key(text), certificate_for_change(certid),
  certificate_access(idcard, uscc, text, text, uscc[], text[]),
  certificates_for_holder(idcard, uscc, text), registry_access(text, text, idcard, text)
  TO yiwang_api;

-- Every signed-in channel: log in and out, look up, verify, read the trail.
GRANT EXECUTE ON FUNCTION login(text), logout(), certificates_of(idcard, text), certificates_of(uscc, text),
  certificates_of(text, text),
  verify_certificate(certid, text), person(idcard, text), legal_entity(uscc, text), house(estate_unit, text),
  my_access_log()
  TO yiwang_department, yiwang_window, yiwang_citizen;
GRANT EXECUTE ON FUNCTION login(text), logout() TO yiwang_admin, yiwang_auditor, yiwang_reporting;

-- Departments issue, revoke and supersede their own certificates.
GRANT EXECUTE ON FUNCTION
  issue_certificate(text, text, jsonb, date, date, text, text, text, bytea, text, date),
  revoke_certificate(certid, text), supersede_certificate(certid, jsonb, date, date)
  TO yiwang_department;

-- Administrators: configuration, keys, grants, and loading the registries.
GRANT SELECT, INSERT, UPDATE, DELETE ON departments, certificate_types, token_issuer_keys, sharing_grants,
  persons, legal_entities, houses, household_members, parent_child, residences, employment,
  social_insurance_months, calendar TO yiwang_admin;
GRANT SELECT ON signing_keys TO yiwang_admin;
GRANT EXECUTE ON FUNCTION register_signing_key(text, text, text, text, text, timestamptz, timestamptz),
  revoke_signing_key(text, text, timestamptz),
  grant_sharing(text, text, timestamptz, text, text, bigint), revoke_sharing(bigint),
  load_holiday_schedule(integer, holiday_period[])
  TO yiwang_admin;

-- Auditors: the access log and its verification.
GRANT SELECT ON access_log, access_log_head TO yiwang_auditor;
GRANT EXECUTE ON FUNCTION verify_access_log(), rescue_rolled_back_reads(), rolled_back_reads_waiting()
  TO yiwang_auditor, yiwang_admin;
GRANT EXECUTE ON FUNCTION purge_token_uses() TO yiwang_admin;

-- Departments, the catalogue and the departments' public keys are public
-- knowledge for every yiwang role: anyone may check a signature outside yiwang.
GRANT SELECT ON departments, certificate_types TO yiwang_department, yiwang_window, yiwang_citizen,
  yiwang_auditor, yiwang_reporting;
GRANT SELECT ON signing_keys TO yiwang_department, yiwang_window, yiwang_citizen,
  yiwang_auditor, yiwang_reporting;

-- The working-day calendar: every channel computes time limits with it.
GRANT SELECT ON calendar TO yiwang_department, yiwang_window, yiwang_citizen, yiwang_auditor, yiwang_reporting;
