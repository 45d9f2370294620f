
-- Row-level security (行级安全) on every table, forced for the owner too.
-- No application role reads a personal-data table directly: reads go
-- through yiwang's functions, which decide per record and log every read.
-- Those functions run as yiwang_api, which is not a superuser and not the
-- owner, so the policies below bind them as well: a mistake in a function
-- cannot show a certificate to someone the policy does not.

DO $rls$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['departments', 'persons', 'legal_entities', 'houses', 'household_members',
                           'parent_child', 'residences', 'employment', 'social_insurance_months',
                           'token_issuer_keys', 'token_uses', 'signing_keys', 'signing_private_keys',
                           'certificate_types', 'certificates', 'sharing_grants', 'access_log', 'access_log_head',
                           'calendar', 'service_items', 'item_materials', 'item_reviewers', 'application_transitions',
                           'applications', 'review_tasks', 'supplement_notices', 'clock_pauses',
                           'application_events', 'ratings', 'remediation_tasks']
  LOOP
    EXECUTE format('ALTER TABLE yiwang.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE yiwang.%I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END
$rls$;

-- Certificates: the holder (or the legal representative of the holding
-- organisation), the issuing department, and departments with a sharing
-- grant in force for the type (the purpose is checked per look-up).  The
-- decision is certificate_access, the one the look-ups use; written into
-- the policy as an expression the planner inlines, with the grants and the
-- represented organisations read once per query, not once per row.
CREATE POLICY api_reads_visible ON certificates FOR SELECT TO yiwang_api
  USING (certificate_access(holder_idcard, holder_uscc, issuing_department, type_code,
           ARRAY(SELECT e.uscc FROM legal_entities e WHERE e.legal_representative = actor_idcard()),
           ARRAY(SELECT g.type_code FROM sharing_grants g WHERE grant_in_force(g) AND g.type_code IS NOT NULL))
         IS NOT NULL);
CREATE POLICY api_issues_own ON certificates FOR INSERT TO yiwang_api
  WITH CHECK (issuing_department = actor_department() AND actor_role() = 'department');
CREATE POLICY api_changes_own ON certificates FOR UPDATE TO yiwang_api
  USING (issuing_department = actor_department() AND actor_role() = 'department')
  WITH CHECK (issuing_department = actor_department());

-- The registries and relations: yiwang_api reads them for its checks and
-- decides per record what it returns; administrators load them.
DO $registries$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['persons', 'legal_entities', 'houses', 'household_members', 'parent_child',
                           'residences', 'employment', 'social_insurance_months']
  LOOP
    EXECUTE format('CREATE POLICY api_reads ON yiwang.%I FOR SELECT TO yiwang_api USING (true)', t);
    EXECUTE format('CREATE POLICY admin_loads ON yiwang.%I FOR ALL TO yiwang_admin USING (true) WITH CHECK (true)', t);
  END LOOP;
END
$registries$;

-- Configuration: administrators manage it; yiwang_api reads it.
DO $configuration$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['departments', 'certificate_types', 'signing_keys', 'sharing_grants', 'token_issuer_keys',
                           'calendar']
  LOOP
    EXECUTE format('CREATE POLICY api_reads ON yiwang.%I FOR SELECT TO yiwang_api USING (true)', t);
    EXECUTE format('CREATE POLICY admin_manages ON yiwang.%I FOR ALL TO yiwang_admin USING (true) WITH CHECK (true)', t);
  END LOOP;
END
$configuration$;
-- departments' names are public knowledge: everyone with a yiwang role reads them
CREATE POLICY everyone_reads ON departments FOR SELECT
  TO yiwang_department, yiwang_window, yiwang_citizen, yiwang_auditor, yiwang_reporting USING (true);
CREATE POLICY everyone_reads ON signing_keys FOR SELECT
  TO yiwang_department, yiwang_window, yiwang_citizen, yiwang_auditor, yiwang_reporting USING (true);
CREATE POLICY everyone_reads ON certificate_types FOR SELECT
  TO yiwang_department, yiwang_window, yiwang_citizen, yiwang_auditor, yiwang_reporting USING (true);
-- the working-day calendar: every channel computes time limits with it
CREATE POLICY everyone_reads ON calendar FOR SELECT
  TO yiwang_department, yiwang_window, yiwang_citizen, yiwang_auditor, yiwang_reporting USING (true);
-- grants are counted as they are used
CREATE POLICY api_counts_uses ON sharing_grants FOR UPDATE TO yiwang_api USING (true) WITH CHECK (true);
-- keys are registered and revoked through yiwang's functions
CREATE POLICY api_manages ON signing_keys FOR ALL TO yiwang_api USING (true) WITH CHECK (true);
CREATE POLICY api_manages ON signing_private_keys FOR ALL TO yiwang_api USING (true) WITH CHECK (true);
CREATE POLICY api_manages ON sharing_grants FOR INSERT TO yiwang_api WITH CHECK (true);
CREATE POLICY api_manages ON token_uses FOR ALL TO yiwang_api USING (true) WITH CHECK (true);

-- The access log: appended by yiwang_api, read whole by auditors; a citizen
-- reads their own entries through yiwang.my_access_log().
CREATE POLICY api_appends ON access_log FOR INSERT TO yiwang_api WITH CHECK (true);
CREATE POLICY api_reads ON access_log FOR SELECT TO yiwang_api USING (true);
CREATE POLICY auditor_reads ON access_log FOR SELECT TO yiwang_auditor USING (true);
CREATE POLICY api_advances ON access_log_head FOR ALL TO yiwang_api USING (true) WITH CHECK (true);
CREATE POLICY auditor_reads ON access_log_head FOR SELECT TO yiwang_auditor USING (true);
