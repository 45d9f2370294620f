
-- 好差评: the applicant rates an application at acceptance and at
-- completion, 1 (very bad) to 5 (very good).  A 1 or a 2 opens a
-- remediation task (差评整改) for the department concerned, due 15 working
-- days later.  A rating is also an event in the application's case log.

CREATE TABLE ratings (
  application_id bigint NOT NULL REFERENCES applications,
  stage text NOT NULL CHECK (stage IN ('acceptance', 'completion')),
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text,
  rated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application_id, stage)
);
COMMENT ON TABLE ratings IS '好差评: the applicant''s ratings of an application, at acceptance and at completion';
SELECT pg_catalog.pg_extension_config_dump('ratings', '');

CREATE TABLE remediation_tasks (
  application_id bigint NOT NULL,
  stage text NOT NULL,
  department_id text NOT NULL REFERENCES departments,
  opened_on date NOT NULL,
  due_on date NOT NULL,
  closed_at timestamptz,
  closed_by text,
  resolution text,
  PRIMARY KEY (application_id, stage),
  FOREIGN KEY (application_id, stage) REFERENCES ratings,
  CHECK ((closed_at IS NULL) = (resolution IS NULL))
);
COMMENT ON TABLE remediation_tasks IS 'remediation (差评整改) of a bad rating: the department, and its deadline of 15 working days';
CREATE INDEX remediation_tasks_open ON remediation_tasks (department_id, due_on) WHERE closed_at IS NULL;
SELECT pg_catalog.pg_extension_config_dump('remediation_tasks', '');

CREATE FUNCTION rate_application(application_id bigint, stage text, score integer, comment text DEFAULT NULL)
  RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  a yiwang.applications;
  item yiwang.service_items;
  concerned text;
BEGIN
  PERFORM yiwang.require_actor();
  a := yiwang.lock_application(application_id);
  SELECT * INTO item FROM yiwang.service_items i WHERE i.item_code = a.item_code AND i.version = a.item_version;
  IF NOT 'applicant' = ANY (yiwang.application_parts(a, item.lead_department)) THEN
    RAISE EXCEPTION 'only the applicant rates application %', a.application_id USING ERRCODE = '42501',
      DETAIL = 'Ratings (好差评) are given by the applicant, logged in as a citizen.';
  END IF;
  IF stage IS NULL OR stage NOT IN ('acceptance', 'completion') THEN
    RAISE EXCEPTION 'unknown rating stage "%"', stage USING ERRCODE = '22023',
      DETAIL = 'An application is rated at acceptance and at completion.',
      HINT = 'Pass ''acceptance'' or ''completion''.';
  END IF;
  IF score IS NULL OR score NOT BETWEEN 1 AND 5 THEN
    RAISE EXCEPTION 'a rating is 1 to 5' USING ERRCODE = '22023',
      DETAIL = format('The score given is %s.', coalesce(score::text, 'NULL')),
      HINT = '1 very bad, 2 bad, 3 fair, 4 good, 5 very good.';
  END IF;
  PERFORM yiwang.check_purpose(comment);
  -- acceptance is decided once accepted or refused; withdrawn before that, it never was
  IF stage = 'acceptance' AND a.accepted_on IS NULL AND a.state <> 'not_accepted' THEN
    RAISE EXCEPTION 'application % has not been accepted or refused yet', a.application_id USING ERRCODE = '55000',
      DETAIL = format('It is %s.', a.state), HINT = 'Rate the acceptance once the window has decided it.';
  END IF;
  IF stage = 'completion' AND a.state NOT IN ('completed', 'delivered') THEN
    RAISE EXCEPTION 'application % is not completed', a.application_id USING ERRCODE = '55000',
      DETAIL = format('It is %s.', a.state), HINT = 'Rate the completion once the application is concluded.';
  END IF;
  IF EXISTS (SELECT FROM yiwang.ratings r WHERE r.application_id = a.application_id AND r.stage = rate_application.stage) THEN
    RAISE EXCEPTION 'application % is rated at % already', a.application_id, stage USING ERRCODE = '23505',
      DETAIL = 'Each stage is rated once.';
  END IF;
  INSERT INTO yiwang.ratings (application_id, stage, score, comment) VALUES (a.application_id, stage, score, comment);
  IF score <= 2 THEN
    concerned := CASE WHEN stage = 'acceptance' THEN coalesce(a.first_contact_department, item.lead_department)
                      ELSE item.lead_department END;
    -- 15 working days to remedy a bad rating
    INSERT INTO yiwang.remediation_tasks (application_id, stage, department_id, opened_on, due_on)
    VALUES (a.application_id, stage, concerned, current_date, yiwang.add_workdays(current_date, 15));
  END IF;
  a := yiwang.append_application_event(a, 'rate', a.state, a.state, comment,
                                       jsonb_build_object('stage', stage, 'score', score));
  UPDATE yiwang.applications x SET events = a.events, last_event_hash = a.last_event_hash
  WHERE x.application_id = a.application_id;
END
$$;
COMMENT ON FUNCTION rate_application(bigint, text, integer, text) IS
  '好差评: the applicant rates an application at acceptance or completion; 1 or 2 opens a remediation task';

CREATE FUNCTION close_remediation(application_id bigint, stage text, resolution text) RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  who yiwang.actor := yiwang.require_actor();
BEGIN
  IF coalesce(btrim(resolution), '') = '' THEN
    RAISE EXCEPTION 'a remediation is closed with what was done' USING ERRCODE = '22023',
      DETAIL = 'The resolution is empty.', HINT = 'Say what the department did about the bad rating.';
  END IF;
  PERFORM yiwang.check_purpose(resolution);
  UPDATE yiwang.remediation_tasks t
  SET closed_at = now(), closed_by = who.subject, resolution = close_remediation.resolution
  WHERE t.application_id = close_remediation.application_id AND t.stage = close_remediation.stage
    AND t.department_id = who.department AND who.role = 'department' AND t.closed_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no open remediation of application % at % for the actor', application_id, stage
      USING ERRCODE = '55000',
      DETAIL = 'There is no such task, it is closed already, or it belongs to another department.';
  END IF;
END
$$;
COMMENT ON FUNCTION close_remediation(bigint, text, text) IS
  'close the remediation task of a bad rating with what the department did';
