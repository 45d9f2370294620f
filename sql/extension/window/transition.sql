
-- Filing an application, and moving it: yiwang.submit_application() and
-- yiwang.transition(), the only ways in.  Each call is one step in one
-- transaction: it locks the application, checks the step against the state
-- machine and the actor, applies it (review tasks, notices, the clock,
-- result certificates), appends the event to the case log and announces
-- it on the channel yiwang_transitions.

-- What the actor is to this application: applicant, beneficiary, window, lead,
-- reviewer (several may hold; a department can lead and review).  PL/pgSQL,
-- so that its queries are planned once per session, and each runs only for
-- the kind of actor it concerns.
CREATE FUNCTION application_parts(a yiwang.applications, lead_department text) RETURNS text[]
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $$
DECLARE
  parts text[] := '{}';
  me idcard;
  role text := yiwang.actor_role();
  department text := yiwang.actor_department();
BEGIN
  IF yiwang.actor_kind() = 'citizen' THEN
    me := yiwang.actor_idcard();
    IF a.applicant_idcard = me
       OR a.applicant_uscc IN (SELECT e.uscc FROM yiwang.legal_entities e WHERE e.legal_representative = me) THEN
      parts := parts || 'applicant'::text;
    END IF;
    -- the person the service is for sees it, and fires nothing
    IF a.beneficiary_idcard = me THEN
      parts := parts || 'beneficiary'::text;
    END IF;
  ELSIF role = 'window' THEN
    -- the window that took it, or any window while nobody has (as window_reads shows it)
    IF a.first_contact_department IS NULL OR a.first_contact_department = department THEN
      parts := parts || 'window'::text;
    END IF;
  ELSIF role = 'department' THEN
    IF department = lead_department THEN
      parts := parts || 'lead'::text;
    END IF;
    IF EXISTS (SELECT FROM yiwang.review_tasks t WHERE t.application_id = a.application_id AND t.department_id = department) THEN
      parts := parts || 'reviewer'::text;
    END IF;
  END IF;
  RETURN parts;
END
$$;
REVOKE ALL ON FUNCTION application_parts(yiwang.applications, text) FROM PUBLIC;

-- Append one event to an application's case log, and move the
-- application's chain head with it (the caller holds the row lock).
CREATE FUNCTION append_application_event(a yiwang.applications, event text, from_state text, to_state text,
                                         reason text, details jsonb)
  RETURNS yiwang.applications
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
  who yiwang.actor := yiwang.require_actor();
  happened_at timestamptz := clock_timestamp();
  seq integer := a.events + 1;
  event_hash bytea;
BEGIN
  event_hash := yiwang.sm3(a.last_event_hash || yiwang.application_event_bytes(
    a.application_id, seq, happened_at, who.kind, who.subject, who.department, who.role,
    event, from_state, to_state, reason, details));
  INSERT INTO yiwang.application_events VALUES (a.application_id, seq, happened_at, who.kind, who.subject,
    who.department, who.role, event, from_state, to_state, reason, details, a.last_event_hash, event_hash);
  a.events := seq;
  a.last_event_hash := event_hash;
  a.state := to_state;
  PERFORM pg_notify('yiwang_transitions', json_build_object(
    'application', a.application_id, 'event_seq', seq, 'event', event, 'from', from_state, 'to', to_state,
    'item', a.item_code)::text);
  RETURN a;
END
$$;
REVOKE ALL ON FUNCTION append_application_event(yiwang.applications, text, text, text, text, jsonb) FROM PUBLIC;

-- Lock an application for a step on it, or say it does not exist.
CREATE FUNCTION lock_application(application_id bigint) RETURNS yiwang.applications
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
  a yiwang.applications;
BEGIN
  SELECT * INTO a FROM yiwang.applications x WHERE x.application_id = lock_application.application_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no application %', application_id USING ERRCODE = '22023',
      DETAIL = format('No application %s is visible to the actor.', application_id);
  END IF;
  RETURN a;
END
$$;
REVOKE ALL ON FUNCTION lock_application(bigint) FROM PUBLIC;

-- File an application for the current version of an item.  A citizen files
-- for themselves or for an organisation they represent; window and
-- department staff file on an applicant's behalf at the counter.
CREATE FUNCTION submit_application(item_code text, applicant text, form jsonb DEFAULT '{}',
                                   channel text DEFAULT NULL, beneficiary idcard DEFAULT NULL)
  RETURNS bigint
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  who yiwang.actor := yiwang.require_actor();
  item yiwang.service_items;
  a yiwang.applications;
  as_person idcard;
  as_entity uscc;
BEGIN
  SELECT * INTO item FROM yiwang.service_items i
  WHERE i.item_code = submit_application.item_code AND i.retired_at IS NULL
  ORDER BY i.version DESC LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no service item %', item_code USING ERRCODE = '22023',
      DETAIL = format('The catalogue has no current version of item %s (unknown, or retired).', item_code),
      HINT = 'Look the item up in yiwang.service_items.';
  END IF;
  IF item.applicant_kind = 'person' THEN
    IF NOT yiwang.idcard_valid(applicant) THEN
      RAISE EXCEPTION 'invalid applicant "%"', applicant USING ERRCODE = '22P02',
        DETAIL = format('Item %s is for persons: %s', item.item_code, yiwang.idcard_error(applicant)),
        HINT = 'Pass the applicant''s identity number.';
    END IF;
    as_person := yiwang.idcard(applicant);
  ELSE
    IF NOT yiwang.uscc_valid(applicant) THEN
      RAISE EXCEPTION 'invalid applicant "%"', applicant USING ERRCODE = '22P02',
        DETAIL = format('Item %s is for organisations: %s', item.item_code, yiwang.uscc_error(applicant)),
        HINT = 'Pass the organisation''s unified social credit code.';
    END IF;
    as_entity := yiwang.uscc(applicant);
  END IF;
  channel := coalesce(channel, CASE WHEN who.kind = 'citizen' THEN 'web' ELSE 'window' END);
  IF who.kind = 'citizen' THEN
    -- coalesce: the applicant is a person or an organisation, the other is NULL
    IF NOT (coalesce(as_person = yiwang.actor_idcard(), false)
            OR coalesce(as_entity IN (SELECT e.uscc FROM yiwang.legal_entities e
                                      WHERE e.legal_representative = yiwang.actor_idcard()), false)) THEN
      RAISE EXCEPTION 'a citizen files only for themselves' USING ERRCODE = '42501',
        DETAIL = 'The applicant is neither the logged-in citizen nor an organisation they represent.',
        HINT = 'File at a window, where a clerk files on the applicant''s behalf.';
    END IF;
    IF channel = 'window' THEN
      RAISE EXCEPTION 'a citizen does not file through the window channel' USING ERRCODE = '22023',
        DETAIL = 'Filings at a window are made by the clerk who takes them.',
        HINT = 'Use web, app, terminal or hotline.';
    END IF;
  ELSIF who.role NOT IN ('window', 'department') THEN
    RAISE EXCEPTION 'role % does not file applications', who.role USING ERRCODE = '42501',
      DETAIL = 'Applications are filed by the applicant or by window or department staff.';
  END IF;
  INSERT INTO yiwang.applications (item_code, item_version, applicant_idcard, applicant_uscc, beneficiary_idcard,
                                   channel, first_contact_staff, first_contact_department, form, visits)
  VALUES (item.item_code, item.version, as_person, as_entity, beneficiary, channel,
          CASE WHEN who.kind = 'staff' THEN who.subject END, CASE WHEN who.kind = 'staff' THEN who.department END,
          coalesce(form, '{}'), CASE WHEN channel = 'window' THEN 1 ELSE 0 END)
  RETURNING * INTO a;
  a := yiwang.append_application_event(a, 'submit', 'new', 'submitted', NULL,
                                       jsonb_build_object('item', item.item_code, 'version', item.version, 'channel', channel));
  UPDATE yiwang.applications x SET events = a.events, last_event_hash = a.last_event_hash
  WHERE x.application_id = a.application_id;
  RETURN a.application_id;
END
$$;
COMMENT ON FUNCTION submit_application(text, text, jsonb, text, idcard) IS
  'file an application for the current version of a service item; the case log starts with its submit event';

-- One step of the state machine.  Details by event:
--   request_supplement  {"materials": [{"material": code, "problem": words}, ...]}  (every one, at once)
--   suspend             {"kind": "expert_review" | "public_notice" | "hearing" | "other"}
--   review              {"decision": "approve" | "deny"}  (deny needs the reason)
--   complete            {"certificate": data of the result certificate}  (default: the form)
--   deliver             {"method": "window" | "post" | "electronic"}
CREATE FUNCTION transition(application_id bigint, event text, reason text DEFAULT NULL, details jsonb DEFAULT NULL,
                           OUT state text, OUT due_on date, OUT event_seq integer)
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  who yiwang.actor := yiwang.require_actor();
  a yiwang.applications;
  item yiwang.service_items;
  step yiwang.application_transitions;
  parts text[];
  target text;
  pause_kind text;
  open_tasks integer;
  denials text;
  result_holder text;
BEGIN
  -- Completion issues a certificate, which appends to the access log: take
  -- the log's head before the application, the order a reader that goes on
  -- to move an application takes them in, so that the two cannot deadlock.
  IF event = 'complete' THEN
    PERFORM FROM yiwang.access_log_head FOR UPDATE;
  END IF;
  a := yiwang.lock_application(application_id);
  SELECT * INTO item FROM yiwang.service_items i WHERE i.item_code = a.item_code AND i.version = a.item_version;
  parts := yiwang.application_parts(a, item.lead_department);
  -- an actor with nothing to do with it learns nothing, not even that it exists
  IF cardinality(parts) = 0 THEN
    RAISE EXCEPTION 'no application %', application_id USING ERRCODE = '22023',
      DETAIL = format('No application %s is visible to the actor.', application_id);
  END IF;
  SELECT * INTO step FROM yiwang.application_transitions t WHERE t.from_state = a.state AND t.event = transition.event;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'event % is not allowed in state %', event, a.state USING ERRCODE = '55000',
      DETAIL = format('Application %s is %s; from there the events are: %s.', a.application_id, a.state,
                      coalesce((SELECT string_agg(t.event, ', ' ORDER BY t.event) FROM yiwang.application_transitions t
                                WHERE t.from_state = a.state AND NOT t.fired_by = '{yiwang}'), 'none (it is concluded)')),
      HINT = 'Look at the application''s state first: another clerk may have moved it.';
  END IF;
  IF NOT parts && step.fired_by THEN
    RAISE EXCEPTION 'the actor may not % application %', event, a.application_id USING ERRCODE = '42501',
      DETAIL = format('Event %s is fired by: %s; the actor (%s %s) is: %s.', event, array_to_string(step.fired_by, ', '),
                      who.role, coalesce(who.department, who.subject),
                      coalesce(nullif(array_to_string(parts, ', '), ''), 'nothing to this application'));
  END IF;
  IF step.needs_reason AND coalesce(btrim(reason), '') = '' THEN
    RAISE EXCEPTION 'event % needs a reason', event USING ERRCODE = '22023',
      DETAIL = format('%s must say why (the applicant reads it).', initcap(replace(event, '_', ' '))),
      HINT = 'Pass the reason as the third argument.';
  END IF;
  PERFORM yiwang.check_purpose(reason);
  target := coalesce(step.to_state, a.paused_from);
  -- first-contact responsibility: the first staff member who acts on it
  IF who.kind = 'staff' AND a.first_contact_staff IS NULL THEN
    a.first_contact_staff := who.subject;
    a.first_contact_department := who.department;
  END IF;

  CASE event
    WHEN 'request_supplement' THEN
      IF jsonb_typeof(details -> 'materials') IS DISTINCT FROM 'array' OR jsonb_array_length(details -> 'materials') = 0
         OR EXISTS (SELECT FROM jsonb_array_elements(details -> 'materials') m
                    WHERE NOT EXISTS (SELECT FROM yiwang.item_materials im
                                      WHERE im.item_code = a.item_code AND im.version = a.item_version
                                        AND im.material_code = m ->> 'material')) THEN
        RAISE EXCEPTION 'a supplement notice lists the item''s materials' USING ERRCODE = '22023',
          DETAIL = format('details.materials must be a non-empty array of {"material": code, "problem": words} with codes of item %s version %s: %s.',
                          a.item_code, a.item_version,
                          (SELECT string_agg(im.material_code, ', ' ORDER BY im.material_code) FROM yiwang.item_materials im
                           WHERE im.item_code = a.item_code AND im.version = a.item_version)),
          HINT = 'List every missing or failing material in one notice (一次性告知).';
      END IF;
      IF EXISTS (SELECT FROM yiwang.supplement_notices n JOIN yiwang.application_events e
                   ON e.application_id = n.application_id AND e.seq = n.event_seq
                 WHERE n.application_id = a.application_id AND e.from_state = a.state) THEN
        RAISE EXCEPTION 'application % already had its one-time notice at this stage', a.application_id
          USING ERRCODE = '55000',
          DETAIL = format('A supplement notice was issued while the application was %s; everything missing is told at once (一次性告知).', a.state),
          HINT = CASE a.state WHEN 'submitted' THEN 'Accept the application, or refuse it with the reason.'
                              ELSE 'Decide the review, or suspend it with the reason.' END;
      END IF;
      a.paused_from := a.state;
    WHEN 'suspend' THEN
      pause_kind := coalesce(details ->> 'kind', 'other');
      IF pause_kind NOT IN ('expert_review', 'public_notice', 'hearing', 'other') THEN
        RAISE EXCEPTION 'unknown suspension kind "%"', pause_kind USING ERRCODE = '22023',
          DETAIL = 'details.kind is one of expert_review, public_notice, hearing, other.';
      END IF;
      a.paused_from := a.state;
    WHEN 'supplement' THEN
      -- depth IV: nobody is made to come; who filed at a counter may answer there
      IF item.online_depth = 4 AND who.kind = 'staff' AND a.channel <> 'window' THEN
        RAISE EXCEPTION 'item % is handled entirely online', a.item_code USING ERRCODE = '55000',
          DETAIL = 'Its online depth is IV (全程网办) and it was filed online: the applicant supplies the supplement online, without a visit.',
          HINT = 'The applicant answers the notice in the web, app or terminal channel.';
      END IF;
      IF who.kind = 'staff' THEN
        a.visits := a.visits + 1;
      END IF;
      UPDATE yiwang.supplement_notices n SET answered_at = now()
      WHERE n.application_id = a.application_id AND n.answered_at IS NULL;
    WHEN 'review' THEN
      IF details ->> 'decision' IS NULL OR details ->> 'decision' NOT IN ('approve', 'deny') THEN
        RAISE EXCEPTION 'a review decides approve or deny' USING ERRCODE = '22023',
          DETAIL = 'details.decision must be "approve" or "deny".';
      END IF;
      IF details ->> 'decision' = 'deny' AND coalesce(btrim(reason), '') = '' THEN
        RAISE EXCEPTION 'a denial needs its legal reason' USING ERRCODE = '22023',
          DETAIL = 'The applicant is told the legal reason for a denial.',
          HINT = 'Pass the reason, citing the provision.';
      END IF;
      UPDATE yiwang.review_tasks t SET decision = details ->> 'decision', reason = transition.reason,
                                       decided_at = now(), decided_by = who.subject
      WHERE t.application_id = a.application_id AND t.department_id = who.department AND t.decision IS NULL;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'department % has no open review of application %', who.department, a.application_id
          USING ERRCODE = '55000',
          DETAIL = 'Its review task is decided already.';
      END IF;
    WHEN 'complete' THEN
      a.completed_at := now();
    WHEN 'deliver' THEN
      IF details ->> 'method' IS NULL OR details ->> 'method' NOT IN ('window', 'post', 'electronic') THEN
        RAISE EXCEPTION 'a delivery has its method' USING ERRCODE = '22023',
          DETAIL = 'details.method must be "window", "post" or "electronic".';
      END IF;
      IF details ->> 'method' = 'window' THEN
        IF item.online_depth = 4 AND a.channel <> 'window' THEN
          RAISE EXCEPTION 'item % is handled entirely online', a.item_code USING ERRCODE = '55000',
            DETAIL = 'Its online depth is IV (全程网办) and it was filed online: the result is not handed out at a window.',
            HINT = 'Deliver by post or electronically.';
        END IF;
        a.visits := a.visits + 1;
      END IF;
      a.delivery_method := details ->> 'method';
      a.delivered_at := now();
    ELSE
      NULL;
  END CASE;

  -- the clock
  CASE step.clock
    WHEN 'start' THEN
      a.accepted_on := current_date;
      a.due_on := yiwang.add_workdays(current_date, item.promised_limit_days);
    WHEN 'pause' THEN
      NULL;  -- recorded below, with the event's number
    WHEN 'resume' THEN
      UPDATE yiwang.clock_pauses p SET resumed_on = current_date,
                                       workdays = yiwang.workdays_between(p.paused_on, current_date)
      WHERE p.application_id = a.application_id AND p.resumed_on IS NULL;
      IF FOUND THEN
        a.due_on := yiwang.application_due_on(a.application_id, a.accepted_on, item.promised_limit_days);
      END IF;
    ELSE
      NULL;
  END CASE;
  IF step.to_state IS NULL THEN
    a.paused_from := NULL;
  END IF;

  a := yiwang.append_application_event(a, event, a.state, target, reason, details);
  IF step.clock = 'pause' AND a.accepted_on IS NOT NULL THEN
    INSERT INTO yiwang.clock_pauses (application_id, event_seq, kind, reason, paused_on)
    VALUES (a.application_id, a.events, coalesce(pause_kind, 'supplement'), reason, current_date);
  END IF;
  IF event = 'request_supplement' THEN
    INSERT INTO yiwang.supplement_notices (application_id, event_seq, materials)
    VALUES (a.application_id, a.events, details -> 'materials');
  END IF;
  IF event = 'start_review' THEN
    INSERT INTO yiwang.review_tasks (application_id, department_id)
    SELECT a.application_id, r.department_id FROM yiwang.item_reviewers r
    WHERE r.item_code = a.item_code AND r.version = a.item_version;
    IF NOT FOUND THEN
      -- no reviewers listed: the lead department reviews alone
      INSERT INTO yiwang.review_tasks (application_id, department_id) VALUES (a.application_id, item.lead_department);
    END IF;
  END IF;
  -- the last review in decides: approved when every department approved
  IF event = 'review' THEN
    SELECT count(*) FILTER (WHERE t.decision IS NULL),
           string_agg(t.department_id || ': ' || t.reason, '; ' ORDER BY t.department_id) FILTER (WHERE t.decision = 'deny')
      INTO open_tasks, denials
    FROM yiwang.review_tasks t WHERE t.application_id = a.application_id;
    IF open_tasks = 0 THEN
      a.decided_at := now();
      a := yiwang.append_application_event(a, CASE WHEN denials IS NULL THEN 'approve' ELSE 'deny' END,
                                           'under_review', CASE WHEN denials IS NULL THEN 'approved' ELSE 'denied' END,
                                           denials, NULL);
    END IF;
  END IF;
  -- conclusion: the result certificate is issued and signed with the completion
  IF event = 'complete' AND a.decided_at IS NOT NULL
     AND EXISTS (SELECT FROM yiwang.application_events e
                 WHERE e.application_id = a.application_id AND e.event = 'approve')
     AND item.result_type_code IS NOT NULL THEN
    result_holder := coalesce(text(a.beneficiary_idcard), text(a.applicant_idcard), text(a.applicant_uscc));
    a.result_certid := yiwang.issue_certificate(item.result_type_code, result_holder,
                                                coalesce(details -> 'certificate', a.form));
  END IF;

  UPDATE yiwang.applications x
  SET state = a.state, paused_from = a.paused_from, first_contact_staff = a.first_contact_staff,
      first_contact_department = a.first_contact_department, accepted_on = a.accepted_on, due_on = a.due_on,
      decided_at = a.decided_at, completed_at = a.completed_at, delivered_at = a.delivered_at,
      delivery_method = a.delivery_method, visits = a.visits, result_certid = a.result_certid,
      events = a.events, last_event_hash = a.last_event_hash
  WHERE x.application_id = a.application_id;
  state := a.state;
  due_on := a.due_on;
  event_seq := a.events;
END
$$;
COMMENT ON FUNCTION transition(bigint, text, text, jsonb) IS
  'move an application one step through the state machine, as the logged-in actor; the only way its state changes';
