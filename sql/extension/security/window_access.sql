
-- Who may see and do what at the window (一窗).  Applications are moved
-- only by yiwang's functions, which run as yiwang_api; the people
-- concerned read them directly, as row-level security lets them:
--   the applicant (or the person the service is for, or the representative
--   of the applying organisation), the window staff who took the
--   application (and every window while nobody has), the lead and reviewing
--   departments, and auditors.  Reporting tools read the statistics views.

-- (Row-level security is enabled and forced on the window's tables with all
-- the others, in policies.sql.)

-- The organisations the logged-in citizen represents.  Runs as yiwang_api,
-- which reads the legal-entity registry; a citizen does not.
CREATE FUNCTION actor_represented_organisations() RETURNS uscc[]
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  SELECT coalesce(array_agg(e.uscc), '{}') FROM yiwang.legal_entities e
  WHERE e.legal_representative = yiwang.actor_idcard();
END;

-- The departments an application concerns: the lead department of its
-- item, and those with a review task on it.
CREATE FUNCTION application_departments(application_id bigint, item_code text, item_version integer) RETURNS text[]
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  SELECT ARRAY(SELECT i.lead_department FROM yiwang.service_items i
               WHERE i.item_code = application_departments.item_code AND i.version = application_departments.item_version
               UNION
               SELECT t.department_id FROM yiwang.review_tasks t
               WHERE t.application_id = application_departments.application_id);
END;

ALTER FUNCTION actor_represented_organisations() OWNER TO yiwang_api;
ALTER FUNCTION application_departments(bigint, text, integer) OWNER TO yiwang_api;
REVOKE ALL ON FUNCTION actor_represented_organisations(), application_departments(bigint, text, integer) FROM PUBLIC;

-- The catalogue and the state machine are public: everyone reads them.
DO $catalogue$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_items', 'item_materials', 'item_reviewers', 'application_transitions'] LOOP
    EXECUTE format('CREATE POLICY everyone_reads ON yiwang.%I FOR SELECT TO yiwang_api, yiwang_admin, '
                   'yiwang_department, yiwang_window, yiwang_citizen, yiwang_auditor, yiwang_reporting USING (true)', t);
  END LOOP;
  -- items are published and retired only through publish_service_item and
  -- retire_service_item, which check the whole item and who publishes it
  FOREACH t IN ARRAY ARRAY['service_items', 'item_materials', 'item_reviewers'] LOOP
    EXECUTE format('CREATE POLICY api_publishes ON yiwang.%I FOR INSERT TO yiwang_api WITH CHECK (true)', t);
  END LOOP;
END
$catalogue$;
CREATE POLICY api_retires ON service_items FOR UPDATE TO yiwang_api USING (retired_at IS NULL) WITH CHECK (true);

-- Applications: yiwang's functions do everything, and decide who may.
CREATE POLICY api_works ON applications FOR ALL TO yiwang_api USING (true) WITH CHECK (true);
CREATE POLICY applicant_reads ON applications FOR SELECT TO yiwang_citizen
  USING (actor_kind() = 'citizen'
         AND (applicant_idcard = actor_idcard() OR beneficiary_idcard = actor_idcard()
              OR applicant_uscc = ANY (actor_represented_organisations())));
CREATE POLICY window_reads ON applications FOR SELECT TO yiwang_window
  USING (actor_role() = 'window'
         AND (first_contact_department = actor_department() OR first_contact_department IS NULL));
CREATE POLICY department_reads ON applications FOR SELECT TO yiwang_department
  USING (actor_role() = 'department'
         AND actor_department() = ANY (application_departments(application_id, item_code, item_version)));
CREATE POLICY auditor_reads ON applications FOR SELECT TO yiwang_auditor USING (true);

-- What hangs off an application is seen with the application.
DO $parts$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['review_tasks', 'supplement_notices', 'clock_pauses', 'ratings', 'remediation_tasks'] LOOP
    EXECUTE format('CREATE POLICY api_works ON yiwang.%I FOR ALL TO yiwang_api USING (true) WITH CHECK (true)', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['review_tasks', 'supplement_notices', 'clock_pauses', 'ratings', 'remediation_tasks',
                           'application_events'] LOOP
    EXECUTE format('CREATE POLICY concerned_reads ON yiwang.%1$I FOR SELECT TO yiwang_citizen, yiwang_window, yiwang_department '
                   'USING (EXISTS (SELECT FROM yiwang.applications a WHERE a.application_id = %1$I.application_id))', t);
    EXECUTE format('CREATE POLICY auditor_reads ON yiwang.%I FOR SELECT TO yiwang_auditor USING (true)', t);
  END LOOP;
END
$parts$;
-- the department a bad rating is for reads its remediation task, even when
-- it neither leads nor reviews the application (a first-contact department)
CREATE POLICY department_remedies ON remediation_tasks FOR SELECT TO yiwang_department
  USING (actor_role() = 'department' AND department_id = actor_department());
-- the case log: appended by yiwang_api, never changed (see its triggers)
CREATE POLICY api_appends ON application_events FOR INSERT TO yiwang_api WITH CHECK (true);
CREATE POLICY api_reads ON application_events FOR SELECT TO yiwang_api USING (true);

-- Privileges.
GRANT SELECT ON service_items, item_materials, item_reviewers, application_transitions
  TO yiwang_api, yiwang_admin, yiwang_department, yiwang_window, yiwang_citizen, yiwang_auditor, yiwang_reporting;
GRANT INSERT ON service_items, item_materials, item_reviewers TO yiwang_api;
GRANT UPDATE (retired_at) ON service_items TO yiwang_api;

GRANT SELECT, INSERT, UPDATE ON applications, review_tasks, supplement_notices, clock_pauses, ratings,
  remediation_tasks TO yiwang_api;
GRANT SELECT, INSERT ON application_events TO yiwang_api;
GRANT SELECT ON applications, review_tasks, supplement_notices, clock_pauses, ratings, remediation_tasks,
  application_events TO yiwang_department, yiwang_window, yiwang_citizen, yiwang_auditor;

GRANT EXECUTE ON FUNCTION application_parts(applications, text),
  append_application_event(applications, text, text, text, text, jsonb),
  application_due_on(bigint, date, integer), lock_application(bigint)
  TO yiwang_api;
GRANT EXECUTE ON FUNCTION actor_represented_organisations(), application_departments(bigint, text, integer)
  TO yiwang_citizen, yiwang_window, yiwang_department;
GRANT EXECUTE ON FUNCTION submit_application(text, text, jsonb, text, idcard), transition(bigint, text, text, jsonb)
  TO yiwang_department, yiwang_window, yiwang_citizen;
GRANT EXECUTE ON FUNCTION rate_application(bigint, text, integer, text) TO yiwang_citizen;
GRANT EXECUTE ON FUNCTION close_remediation(bigint, text, text) TO yiwang_department;
GRANT EXECUTE ON FUNCTION verify_case_log(bigint) TO yiwang_auditor, yiwang_admin;
-- administrators publish any item, departments the items they lead (the functions check the actor)
GRANT EXECUTE ON FUNCTION publish_service_item(jsonb), retire_service_item(text) TO yiwang_admin, yiwang_department;

-- The statistics views aggregate every application (they run as their
-- owner, the extension's owner): reporting tools read them, not the tables.
GRANT SELECT ON application_warnings, completion_by_item, completion_by_department, online_depth_summary,
  satisfaction_by_item TO yiwang_reporting, yiwang_auditor, yiwang_admin;
