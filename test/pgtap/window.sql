-- window: applications (办件) through yiwang.submit_application() and
-- yiwang.transition(): the state machine for every (state, event) pair and
-- every kind of actor, generated from yiwang.application_transitions; the
-- flows (acceptance, one-time notice, parallel review, decision, result
-- certificate, delivery, withdrawal, suspension and the clock); the
-- hash-chained case log; who sees what; 好差评 and remediation; the
-- statistics views.
BEGIN;
SELECT plan(416);
\ir fixtures/city.sql

-- ---------------------------------------------------------------------------
-- The catalogue.
--   EDU-0100  lead edu, reviewed in parallel by psb and pnr, depth III,
--             its result a graduation certificate: the matrix and the flows
--   EDU-0400  lead edu, reviewed by it alone, depth IV (全程网办)
--   AMR-0001  for organisations, lead amr
--   STAT-0001, STAT-0002  lead pnr, only for the statistics views
-- Written directly as the superuser: publishing is not what is tested here.

INSERT INTO yiwang.service_items (item_code, version, name, kind, lead_department, applicant_kind, legal_limit_days,
                                  promised_limit_days, online_depth, onsite_visits, result_type_code) VALUES
  ('EDU-0100', 1, 'Certified diploma', 'public_service', 'edu', 'person', 20, 10, 3, 1, '11440300MB2C00030A001'),
  ('EDU-0400', 1, 'Diploma copy online', 'public_service', 'edu', 'person', 20, 5, 4, 0, '11440300MB2C00030A001'),
  ('AMR-0001', 1, 'Licence change', 'licence', 'amr', 'organisation', 20, 10, 2, 2, NULL),
  ('STAT-0001', 1, 'Quick confirmation', 'confirmation', 'pnr', 'person', 5, 1, 4, 0, NULL),
  ('STAT-0002', 1, 'Counter confirmation', 'confirmation', 'pnr', 'person', 20, 10, 1, 2, NULL);
INSERT INTO yiwang.item_materials VALUES
  ('EDU-0100', 1, 'id_card', 'Identity card', true, 'certificate', '11440300MB2C000209001', NULL),
  ('EDU-0100', 1, 'photo', 'Photo', true, 'upload', NULL, NULL),
  ('EDU-0100', 1, 'transcript', 'Transcript', true, 'upload', NULL, NULL),
  ('EDU-0400', 1, 'photo', 'Photo', true, 'upload', NULL, NULL),
  ('AMR-0001', 1, 'licence', 'Business licence', true, 'certificate', '11440300MB2C00060D001', NULL),
  ('STAT-0001', 1, 'photo', 'Photo', true, 'upload', NULL, NULL),
  ('STAT-0002', 1, 'photo', 'Photo', true, 'upload', NULL, NULL);
INSERT INTO yiwang.item_reviewers VALUES ('EDU-0100', 1, 'psb'), ('EDU-0100', 1, 'pnr');

-- ---------------------------------------------------------------------------
-- Helpers (they run as the superuser and become personas as they go).

-- Applications are named by a label in the tests.
CREATE TEMP TABLE apps (application_id bigint PRIMARY KEY, label text UNIQUE NOT NULL);
GRANT SELECT ON apps TO PUBLIC;
CREATE FUNCTION pg_temp.app(label text) RETURNS bigint
LANGUAGE sql STABLE STRICT AS $$ SELECT a.application_id FROM pg_temp.apps a WHERE a.label = app.label $$;

-- File as a persona; the label names the new application.
CREATE FUNCTION pg_temp.file(label text, persona text, item text, applicant text, channel text DEFAULT NULL,
                             beneficiary text DEFAULT NULL, form jsonb DEFAULT '{"school": "SZU", "degree": "BSc"}')
RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  id bigint;
BEGIN
  PERFORM pg_temp.act(persona);
  id := yiwang.submit_application(item, applicant, form, channel, yiwang.idcard(beneficiary));
  RESET SESSION AUTHORIZATION;
  INSERT INTO pg_temp.apps VALUES (id, label);
  RETURN id;
END
$$;

-- One step as a persona, kept; returns the new state.
CREATE FUNCTION pg_temp.step(persona text, id bigint, event text, reason text DEFAULT NULL, details jsonb DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s text;
BEGIN
  PERFORM pg_temp.act(persona);
  SELECT t.state INTO s FROM yiwang.transition(id, event, reason, details) t;
  RESET SESSION AUTHORIZATION;
  RETURN s;
END
$$;

-- One step as a persona, undone: 'ok:<new state>' or the SQLSTATE.
CREATE FUNCTION pg_temp.try(persona text, id bigint, event text, reason text DEFAULT NULL, details jsonb DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s text;
BEGIN
  BEGIN
    PERFORM pg_temp.act(persona);
    SELECT t.state INTO s FROM yiwang.transition(id, event, reason, details) t;
    RAISE EXCEPTION 'ok:%', s USING ERRCODE = 'YWOK0';
  EXCEPTION WHEN OTHERS THEN
    IF SQLSTATE = 'YWOK0' THEN
      RETURN SQLERRM;
    END IF;
    RETURN SQLSTATE;
  END;
END
$$;

-- The SQLSTATE and message of a statement run as a persona ('ok' if none), undone.
CREATE FUNCTION pg_temp.as_persona(persona text, statement text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  BEGIN
    PERFORM pg_temp.act(persona);
    EXECUTE statement;
    RAISE EXCEPTION 'ok' USING ERRCODE = 'YWOK0';
  EXCEPTION WHEN OTHERS THEN
    RETURN CASE WHEN SQLSTATE = 'YWOK0' THEN 'ok' ELSE SQLSTATE || ' ' || SQLERRM END;
  END;
END
$$;

-- What each event needs to succeed when its actor may fire it.
CREATE TEMP TABLE event_args (event text PRIMARY KEY, reason text, details jsonb);
INSERT INTO event_args VALUES
  ('accept', NULL, NULL),
  ('refuse', 'the item is not handled by this city', NULL),
  ('request_supplement', 'the photo is missing', '{"materials": [{"material": "photo", "problem": "missing"}]}'),
  ('supplement', NULL, NULL),
  ('start_review', NULL, NULL),
  ('review', NULL, '{"decision": "approve"}'),
  ('suspend', 'expert review of the diploma', '{"kind": "expert_review"}'),
  ('resume', NULL, NULL),
  ('approve', NULL, NULL),
  ('deny', 'Regulation art. 12', NULL),
  ('complete', NULL, NULL),
  ('deliver', NULL, '{"method": "post"}'),
  ('withdraw', NULL, NULL);

-- An application of EDU-0100 filed by li on the web and brought into a
-- state by the shortest path: hrss_window takes it, edu leads, psb and pnr
-- review.  'supplement_requested' is the notice before acceptance,
-- 'supplement_requested/review' the one during the review.
CREATE FUNCTION pg_temp.app_in(variant text, label text DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  id bigint := pg_temp.file(coalesce(label, 'in ' || variant || ' ' || gen_random_uuid()), 'li', 'EDU-0100',
                            '44030519850312001X');
  x pg_temp.event_args;
BEGIN
  IF variant = 'submitted' THEN RETURN id; END IF;
  IF variant = 'withdrawn' THEN PERFORM pg_temp.step('li', id, 'withdraw'); RETURN id; END IF;
  IF variant = 'not_accepted' THEN
    SELECT * INTO x FROM pg_temp.event_args WHERE event = 'refuse';
    PERFORM pg_temp.step('hrss_window', id, 'refuse', x.reason);
    RETURN id;
  END IF;
  SELECT * INTO x FROM pg_temp.event_args WHERE event = 'request_supplement';
  IF variant = 'supplement_requested' THEN
    PERFORM pg_temp.step('hrss_window', id, 'request_supplement', x.reason, x.details);
    RETURN id;
  END IF;
  PERFORM pg_temp.step('hrss_window', id, 'accept');
  IF variant = 'accepted' THEN RETURN id; END IF;
  PERFORM pg_temp.step('hrss_window', id, 'start_review');
  IF variant = 'under_review' THEN RETURN id; END IF;
  IF variant = 'supplement_requested/review' THEN
    PERFORM pg_temp.step('edu', id, 'request_supplement', x.reason, x.details);
    RETURN id;
  END IF;
  IF variant = 'suspended' THEN
    PERFORM pg_temp.step('edu', id, 'suspend', 'expert review', '{"kind": "expert_review"}');
    RETURN id;
  END IF;
  IF variant = 'denied' THEN
    PERFORM pg_temp.step('psb', id, 'review', 'Regulation art. 12', '{"decision": "deny"}');
    PERFORM pg_temp.step('pnr', id, 'review', NULL, '{"decision": "approve"}');
    RETURN id;
  END IF;
  PERFORM pg_temp.step('psb', id, 'review', NULL, '{"decision": "approve"}');
  PERFORM pg_temp.step('pnr', id, 'review', NULL, '{"decision": "approve"}');
  IF variant = 'approved' THEN RETURN id; END IF;
  PERFORM pg_temp.step('edu', id, 'complete');
  IF variant = 'completed' THEN RETURN id; END IF;
  PERFORM pg_temp.step('hrss_window', id, 'deliver', NULL, '{"method": "post"}');
  IF variant = 'delivered' THEN RETURN id; END IF;
  RAISE EXCEPTION 'no path to %', variant;
END
$$;

CREATE FUNCTION pg_temp.state_of(id bigint) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT a.state FROM yiwang.applications a WHERE a.application_id = id $$;
-- An application's case log, one line per event: seq event from>to by subject (reason).
CREATE FUNCTION pg_temp.case_log(id bigint, since integer DEFAULT 0) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT string_agg(format('%s %s %s>%s by %s%s', e.seq, e.event, e.from_state, e.to_state, e.actor_subject,
                           coalesce(' (' || e.reason || ')', '')), E'\n' ORDER BY e.seq)
  FROM yiwang.application_events e WHERE e.application_id = id AND e.seq > since
$$;
CREATE FUNCTION pg_temp.log_check(id bigint) RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT row(v.intact, v.events, v.first_broken_event)::text || coalesce(' ' || v.problem, '')
  FROM yiwang.verify_case_log(id) v
$$;

-- ---------------------------------------------------------------------------
-- Statistics views, first, while the only applications are these (the
-- views aggregate the whole database).
--   S1 STAT-0001 li, accepted today, due in 1 working day     -> yellow
--   S2 STAT-0001 wang, accepted, due date set 3 days back      -> red
--   S3 STAT-0002 chen at the window, approved, completed, collected at the window
--   S4 STAT-0001 li, completed, delivered electronically
--   S5 STAT-0002 wang, not accepted
--   S6 STAT-0002 zhao, accepted a week ago, completed after its due date, posted

SELECT pg_temp.file('S1', 'li', 'STAT-0001', '44030519850312001X') \gset
SELECT pg_temp.step('hrss_window', pg_temp.app('S1'), 'accept') \gset
SELECT pg_temp.file('S2', 'wang', 'STAT-0001', '440305198707150026') \gset
SELECT pg_temp.step('hrss_window', pg_temp.app('S2'), 'accept') \gset
SELECT pg_temp.file('S3', 'hrss_window', 'STAT-0002', '110105197002020043') \gset
SELECT pg_temp.step('hrss_window', pg_temp.app('S3'), 'accept') \gset
SELECT pg_temp.step('hrss_window', pg_temp.app('S3'), 'start_review') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S3'), 'review', NULL, '{"decision": "approve"}') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S3'), 'complete') \gset
SELECT pg_temp.step('hrss_window', pg_temp.app('S3'), 'deliver', NULL, '{"method": "window"}') \gset
SELECT pg_temp.file('S4', 'li', 'STAT-0001', '44030519850312001X') \gset
SELECT pg_temp.step('hrss_window', pg_temp.app('S4'), 'accept') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S4'), 'start_review') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S4'), 'review', NULL, '{"decision": "approve"}') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S4'), 'complete') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S4'), 'deliver', NULL, '{"method": "electronic"}') \gset
SELECT pg_temp.file('S5', 'wang', 'STAT-0002', '440305198707150026') \gset
SELECT pg_temp.step('hrss_window', pg_temp.app('S5'), 'refuse', 'not this city''s item') \gset
SELECT pg_temp.file('S6', 'zhao', 'STAT-0002', '44030819600101003X') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S6'), 'accept') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S6'), 'start_review') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S6'), 'review', NULL, '{"decision": "approve"}') \gset
-- the clock's dates moved back as the superuser, past the guard, for the warnings
ALTER TABLE yiwang.applications DISABLE TRIGGER application_state_guard;
UPDATE yiwang.applications SET due_on = current_date - 3 WHERE application_id = pg_temp.app('S2');
UPDATE yiwang.applications SET accepted_on = current_date - 7, due_on = current_date - 1
WHERE application_id = pg_temp.app('S6');
ALTER TABLE yiwang.applications ENABLE TRIGGER application_state_guard;
SELECT pg_temp.step('pnr', pg_temp.app('S6'), 'complete') \gset
SELECT pg_temp.step('pnr', pg_temp.app('S6'), 'deliver', NULL, '{"method": "post"}') \gset
SELECT pg_temp.act('chen') \gset
SELECT yiwang.rate_application(pg_temp.app('S3'), 'acceptance', 5) \gset
SELECT yiwang.rate_application(pg_temp.app('S3'), 'completion', 4) \gset
SELECT pg_temp.act('li') \gset
SELECT yiwang.rate_application(pg_temp.app('S4'), 'completion', 2, 'slow') \gset
SELECT pg_temp.act('zhao') \gset
SELECT yiwang.rate_application(pg_temp.app('S6'), 'completion', 1, 'late') \gset
RESET SESSION AUTHORIZATION;
UPDATE yiwang.remediation_tasks SET due_on = current_date - 1 WHERE application_id = pg_temp.app('S6');

SELECT pg_temp.act('reporting') \gset
SELECT is((SELECT string_agg(format('%s %s %s %s left=%s %s', l.label, w.item_code, w.state, w.applicant_idcard_masked,
                                    w.workdays_left, w.warning), '; ' ORDER BY l.label)
           FROM yiwang.application_warnings w JOIN pg_temp.apps l USING (application_id)),
          format('S1 STAT-0001 accepted 4403**********001X left=%s yellow; S2 STAT-0001 accepted 4403**********0026 left=%s red',
                 yiwang.workdays_between(current_date, yiwang.add_workdays(current_date, 1)),
                 yiwang.workdays_between(current_date, current_date - 3)),
          'application_warnings: yellow within two working days, red when overdue; concluded ones are not listed');
SELECT is((SELECT string_agg(format('%s %s/%s %s %s', c.item_code, c.on_time, c.completed, c.on_time_rate, c.mean_workdays),
                             '; ' ORDER BY c.item_code)
           FROM yiwang.completion_by_item c),
          format('STAT-0001 1/1 1.0000 0.00; STAT-0002 1/2 0.5000 %s',
                 round(yiwang.workdays_between(current_date - 7, current_date) / 2.0, 2)),
          'completion_by_item: completed, on time, rate and mean working days (the not-accepted one is not counted)');
SELECT is((SELECT string_agg(format('%s %s/%s %s %s', c.department_id, c.on_time, c.completed, c.on_time_rate,
                                    c.mean_workdays), '; ')
           FROM yiwang.completion_by_department c),
          format('pnr 2/3 0.6667 %s', round(yiwang.workdays_between(current_date - 7, current_date) / 3.0, 2)),
          'completion_by_department: the lead department''s totals');
SELECT is((SELECT string_agg(format('%s: items=%s apps=%s online=%s remote=%s avoided=%s made=%s', o.online_depth,
                                    o.items, o.applications, o.filed_online, o.delivered_remotely, o.visits_avoided,
                                    o.visits_made), '; ' ORDER BY o.online_depth)
           FROM yiwang.online_depth_summary o),
          '1: items=1 apps=3 online=2 remote=1 avoided=3 made=2; 2: items=1 apps=0 online=0 remote=0 avoided=0 made=0; '
          '3: items=1 apps=0 online=0 remote=0 avoided=0 made=0; 4: items=2 apps=3 online=3 remote=1 avoided=4 made=0',
          'online_depth_summary: items and applications per depth, visits avoided and made');
SELECT is((SELECT string_agg(format('%s %s n=%s mean=%s good=%s bad=%s open=%s overdue=%s', s.item_code, s.stage,
                                    s.ratings, s.mean_score, s.good, s.bad, s.remediation_open, s.remediation_overdue),
                             '; ' ORDER BY s.item_code, s.stage)
           FROM yiwang.satisfaction_by_item s),
          'STAT-0001 completion n=1 mean=2.00 good=0 bad=1 open=1 overdue=0; '
          'STAT-0002 acceptance n=1 mean=5.00 good=1 bad=0 open=0 overdue=0; '
          'STAT-0002 completion n=2 mean=2.50 good=1 bad=1 open=1 overdue=1',
          'satisfaction_by_item: ratings, mean, good and bad, remediation open and overdue');
SELECT is(pg_temp.error_text('SELECT count(*) FROM yiwang.applications'), '42501 permission denied for table applications',
          'reporting reads the views, not the applications');
SELECT is(pg_temp.error_text('SELECT count(*) FROM yiwang.application_events'),
          '42501 permission denied for table application_events', 'nor the case log');
SELECT pg_temp.act('li') \gset
SELECT is(pg_temp.error_text('SELECT count(*) FROM yiwang.completion_by_item'),
          '42501 permission denied for view completion_by_item', 'a citizen does not read the statistics');
SELECT pg_temp.act('auditor') \gset
SELECT is((SELECT count(*)::integer FROM yiwang.application_warnings), 2, 'the auditor reads them too');
RESET SESSION AUTHORIZATION;
-- from here on the statistics applications are concluded or out of the way
ALTER TABLE yiwang.applications DISABLE TRIGGER application_state_guard;
UPDATE yiwang.applications SET due_on = current_date + 365 WHERE application_id IN (pg_temp.app('S1'), pg_temp.app('S2'));
ALTER TABLE yiwang.applications ENABLE TRIGGER application_state_guard;

-- ---------------------------------------------------------------------------
-- The matrix: every (state, event) pair of the state machine, as every kind
-- of actor.  Whether the actor may fire the event follows from fired_by and
-- what the actor is to the application; the step is undone after each try.

CREATE TEMP TABLE matrix_personas (kind text PRIMARY KEY, persona text NOT NULL, ord integer NOT NULL);
INSERT INTO matrix_personas VALUES
  ('applicant', 'li', 1), ('other citizen', 'wang', 2), ('window', 'hrss_window', 3),
  ('other window', 'psb_window', 4), ('lead department', 'edu', 5), ('reviewing department', 'psb', 6),
  ('unrelated department', 'amr', 7), ('admin', 'admin', 8), ('auditor', 'auditor', 9), ('reporting', 'reporting', 10);

-- What the persona is to the application, by the rules of the issue: the
-- applicant; the window that took it, or any window while none has; the
-- lead department; a reviewing department once the review has started.
CREATE FUNCTION pg_temp.part_of(kind text, id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE kind
    WHEN 'applicant' THEN 'applicant'
    WHEN 'window' THEN 'window'
    WHEN 'other window' THEN CASE WHEN a.first_contact_department IS NULL THEN 'window' END
    WHEN 'lead department' THEN 'lead'
    WHEN 'reviewing department' THEN
      CASE WHEN EXISTS (SELECT FROM yiwang.review_tasks t WHERE t.application_id = id) THEN 'reviewer' END
  END
  FROM yiwang.applications a WHERE a.application_id = id
$$;

CREATE TEMP TABLE variants (variant text PRIMARY KEY, state text NOT NULL, paused_from text, application_id bigint);
INSERT INTO variants (variant, state, paused_from) VALUES
  ('submitted', 'submitted', NULL), ('supplement_requested', 'supplement_requested', 'submitted'),
  ('supplement_requested/review', 'supplement_requested', 'under_review'), ('accepted', 'accepted', NULL),
  ('under_review', 'under_review', NULL), ('suspended', 'suspended', 'under_review'), ('approved', 'approved', NULL),
  ('denied', 'denied', NULL), ('completed', 'completed', NULL), ('delivered', 'delivered', NULL),
  ('withdrawn', 'withdrawn', NULL), ('not_accepted', 'not_accepted', NULL);
UPDATE variants SET application_id = pg_temp.app_in(variant);
SELECT is((SELECT string_agg(v.variant, ' ' ORDER BY v.variant) FROM variants v
           WHERE pg_temp.state_of(v.application_id) IS DISTINCT FROM v.state),
          NULL, 'an application is brought into every state of the machine');
SELECT is((SELECT string_agg(DISTINCT s, ' ') FROM yiwang.application_transitions t,
             LATERAL (VALUES (t.from_state), (t.to_state)) x(s)
           WHERE s IS NOT NULL AND s NOT IN (SELECT state FROM variants)),
          NULL, 'and those are all the states the machine has');

SELECT is((SELECT string_agg(DISTINCT t.event, ' ') FROM yiwang.application_transitions t
           WHERE t.event NOT IN (SELECT event FROM event_args)),
          NULL, 'every event of the machine is tried (event_args has them all)');

CREATE TEMP TABLE matrix AS
SELECT v.variant, t.event, p.kind, p.ord,
       pg_temp.try(p.persona, v.application_id, t.event, x.reason, x.details) AS got,
       CASE WHEN pg_temp.part_of(p.kind, v.application_id) = ANY (t.fired_by)
            THEN 'ok:' || coalesce(t.to_state, v.paused_from)
            -- no EXECUTE on transition at all
            WHEN p.kind IN ('admin', 'auditor', 'reporting') THEN '42501'
            -- nothing to do with the application: it is not even said to exist
            WHEN pg_temp.part_of(p.kind, v.application_id) IS NULL THEN '22023'
            ELSE '42501' END AS expected
FROM variants v
JOIN yiwang.application_transitions t ON t.from_state = v.state
JOIN event_args x ON x.event = t.event
CROSS JOIN matrix_personas p;

SELECT is(m.got, m.expected, format('%s: %s by %s %s', m.variant, m.event, m.kind,
                                    CASE WHEN m.expected LIKE 'ok:%' THEN 'is allowed'
                                         ELSE format('is refused (%s)', m.expected) END))
FROM matrix m ORDER BY m.variant, m.event, m.ord;

-- The events fired by yiwang alone are refused to every caller.
SELECT is((SELECT string_agg(DISTINCT CASE WHEN m.got LIKE 'ok:%' THEN m.got ELSE 'refused' END, ' ') FROM matrix m
           JOIN yiwang.application_transitions t ON t.event = m.event AND t.fired_by = '{yiwang}'),
          'refused', 'approve and deny, fired by yiwang itself, are refused to everyone who calls them');

-- Every event a state does not have is refused in it (55000), whoever fires it.
SELECT is((SELECT string_agg(e.event || ':' || pg_temp.try(
                    CASE (SELECT t.fired_by[1] FROM yiwang.application_transitions t WHERE t.event = e.event LIMIT 1)
                      -- the lead department for the reviewers' events: it always has a part
                      WHEN 'applicant' THEN 'li' WHEN 'window' THEN 'hrss_window'
                      ELSE 'edu' END,
                    v.application_id, e.event, x.reason, x.details), ' ' ORDER BY e.event)
           FROM (SELECT DISTINCT t.event FROM yiwang.application_transitions t) e JOIN event_args x USING (event)
           WHERE NOT EXISTS (SELECT FROM yiwang.application_transitions t WHERE t.from_state = v.state AND t.event = e.event)),
          (SELECT string_agg(e.event || ':55000', ' ' ORDER BY e.event)
           FROM (SELECT DISTINCT t.event FROM yiwang.application_transitions t) e
           WHERE NOT EXISTS (SELECT FROM yiwang.application_transitions t WHERE t.from_state = v.state AND t.event = e.event)),
          format('%s: every other event is refused (55000)', v.variant))
FROM variants v ORDER BY v.variant;

-- An event that needs a reason is refused without one (22023), even to its actor.
SELECT is(pg_temp.try(CASE t.fired_by[1] WHEN 'window' THEN 'hrss_window' ELSE 'edu' END,
                      v.application_id, t.event, NULL, x.details)
          || ' ' || pg_temp.try(CASE t.fired_by[1] WHEN 'window' THEN 'hrss_window' ELSE 'edu' END,
                                v.application_id, t.event, '   ', x.details),
          '22023 22023', format('%s: %s needs a reason (22023 without one, or a blank one)', v.variant, t.event))
FROM variants v JOIN yiwang.application_transitions t ON t.from_state = v.state JOIN event_args x ON x.event = t.event
WHERE t.needs_reason AND t.fired_by <> '{yiwang}' AND v.variant <> 'supplement_requested/review'
ORDER BY v.variant, t.event;

-- ---------------------------------------------------------------------------
-- Filing: channel, first contact, who may file.

SELECT pg_temp.file('happy', 'li', 'EDU-0100', '44030519850312001X') \gset
SELECT is((SELECT row(a.state, a.channel, a.visits, a.first_contact_staff, a.first_contact_department, a.events,
                      a.accepted_on, a.due_on)::text
           FROM yiwang.applications a WHERE a.application_id = pg_temp.app('happy')),
          '(submitted,web,0,,,1,,)', 'a citizen files on the web by default: no visit, nobody has taken it, no clock');
SELECT is(pg_temp.case_log(pg_temp.app('happy')), '1 submit new>submitted by 44030519850312001X',
          'the case log starts with the submit event');
SELECT is((SELECT e.details FROM yiwang.application_events e WHERE e.application_id = pg_temp.app('happy')),
          '{"item": "EDU-0100", "channel": "web", "version": 1}'::jsonb, 'which records the item, its version and the channel');
SELECT pg_temp.file('at window', 'hrss_window', 'EDU-0100', '110105197002020043') \gset
SELECT is((SELECT row(a.channel, a.visits, a.first_contact_staff, a.first_contact_department)::text
           FROM yiwang.applications a WHERE a.application_id = pg_temp.app('at window')),
          '(window,1,hrss-w001,hrss)', 'a clerk files at the window by default: one visit, the clerk is the first contact');
SELECT pg_temp.file('by app', 'chen', 'EDU-0100', '110105197002020043', 'app') \gset
SELECT is((SELECT a.channel FROM yiwang.applications a WHERE a.application_id = pg_temp.app('by app')), 'app',
          'the channel given is recorded');
SELECT is(pg_temp.as_persona('li', $$SELECT yiwang.submit_application('EDU-0100', '440305198707150026')$$),
          '42501 a citizen files only for themselves', 'a citizen cannot file for someone else');
SELECT is(pg_temp.as_persona('li', $$SELECT yiwang.submit_application('EDU-0100', '44030519850312001X', '{}', 'window')$$),
          '22023 a citizen does not file through the window channel', 'nor through the window channel');
SELECT is(pg_temp.as_persona('wang', $$SELECT yiwang.submit_application('AMR-0001', '91440300MA5F000108')$$),
          '42501 a citizen files only for themselves', 'nor for an organisation they do not represent');
SELECT is(pg_temp.as_persona('wang', $$SELECT yiwang.submit_application('EDU-0100', '44030519850312001X')$$),
          '42501 a citizen files only for themselves', 'a legal representative cannot file for another person either');
SELECT is(pg_temp.as_persona('zhao', $$SELECT yiwang.submit_application('AMR-0001', '91440300MA5F000208')$$),
          '22P02 invalid applicant "91440300MA5F000208"', 'a mistyped credit code is refused');
SELECT is(pg_temp.as_persona('li', $$SELECT yiwang.submit_application('NOPE-0001', '44030519850312001X')$$),
          '22023 no service item NOPE-0001', 'an unknown item is refused');
SELECT is(pg_temp.as_persona('li', $$SELECT yiwang.submit_application('AMR-0001', '44030519850312001X')$$),
          '22P02 invalid applicant "44030519850312001X"', 'an organisation''s item needs a credit code');
SELECT is(pg_temp.as_persona('auditor', $$SELECT yiwang.submit_application('EDU-0100', '44030519850312001X')$$),
          '42501 permission denied for function submit_application', 'auditors do not file');
SELECT is(pg_temp.as_persona('reporting', $$SELECT yiwang.submit_application('EDU-0100', '44030519850312001X')$$),
          '42501 permission denied for function submit_application', 'nor do reporting tools');
SELECT is(pg_temp.as_persona('admin', $$SELECT yiwang.submit_application('EDU-0100', '44030519850312001X')$$),
          '42501 permission denied for function submit_application', 'nor administrators');
SELECT is(pg_temp.as_persona('li', format('SELECT * FROM yiwang.transition(%s, %L)', pg_temp.app('happy') + 100000, 'accept')),
          format('22023 no application %s', pg_temp.app('happy') + 100000), 'an unknown application is refused');

-- ---------------------------------------------------------------------------
-- The happy path: acceptance, parallel review, approval, completion with
-- the result certificate, delivery.

SELECT is(pg_temp.try('hrss_window', pg_temp.app('happy'), 'accept'), 'ok:accepted', 'the window accepts');
SELECT pg_temp.act('hrss_window') \gset
SELECT is((SELECT row(t.state, t.due_on, t.event_seq)::text FROM yiwang.transition(pg_temp.app('happy'), 'accept') t),
          row('accepted', yiwang.add_workdays(current_date, 10), 2)::text,
          'transition returns the state, the due date (the promised 10 working days) and the event''s number');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT row(a.accepted_on, a.due_on, a.first_contact_staff, a.first_contact_department)::text
           FROM yiwang.applications a WHERE a.application_id = pg_temp.app('happy')),
          row(current_date, yiwang.add_workdays(current_date, 10), 'hrss-w001', 'hrss')::text,
          'acceptance starts the clock; the first staff member who acts is the first contact');
SELECT is(pg_temp.step('hrss_window', pg_temp.app('happy'), 'start_review'), 'under_review', 'the review starts');
SELECT is((SELECT string_agg(t.department_id || ':' || coalesce(t.decision, 'open'), ' ' ORDER BY t.department_id)
           FROM yiwang.review_tasks t WHERE t.application_id = pg_temp.app('happy')),
          'pnr:open psb:open', 'one review task per reviewing department, in parallel');
SELECT is((SELECT a.first_contact_staff FROM yiwang.applications a WHERE a.application_id = pg_temp.app('happy')),
          'hrss-w001', 'the first contact stays the first');
SELECT is(pg_temp.try('psb', pg_temp.app('happy'), 'review'), '22023', 'a review without its decision is refused');
SELECT is(pg_temp.try('psb', pg_temp.app('happy'), 'review', NULL, '{"decision": "maybe"}'), '22023',
          'a review decides approve or deny');
SELECT is(pg_temp.try('psb', pg_temp.app('happy'), 'review', NULL, '{"decision": "deny"}'), '22023',
          'a denial needs its legal reason');
SELECT is(pg_temp.step('psb', pg_temp.app('happy'), 'review', NULL, '{"decision": "approve"}'), 'under_review',
          'one department approves: the application waits for the others');
SELECT is(pg_temp.try('psb', pg_temp.app('happy'), 'review', NULL, '{"decision": "approve"}'), '55000',
          'a department reviews once');
SELECT is(pg_temp.step('pnr', pg_temp.app('happy'), 'review', NULL, '{"decision": "approve"}'), 'approved',
          'the last approval in: approved');
SELECT is(pg_temp.case_log(pg_temp.app('happy'), 3), E'4 review under_review>under_review by psb-0001\n'
          '5 review under_review>under_review by pnr-0001\n6 approve under_review>approved by pnr-0001',
          'the decision is an event of its own, after the last review');
SELECT is(pg_temp.try('li', pg_temp.app('happy'), 'withdraw'), '55000', 'the applicant cannot withdraw after the decision');
SELECT is(pg_temp.try('hrss_window', pg_temp.app('happy'), 'complete'), '42501', 'only the lead department completes');

-- completion issues and signs the result certificate in the same transaction
CREATE FUNCTION pg_temp.complete_and_verify(id bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s text;
  c yiwang.certid;
  v record;
BEGIN
  PERFORM pg_temp.act('edu');
  SELECT t.state INTO s FROM yiwang.transition(id, 'complete') t;
  SELECT a.result_certid INTO c FROM yiwang.applications a WHERE a.application_id = id;
  SELECT * INTO v FROM yiwang.verify_certificate(c);
  RESET SESSION AUTHORIZATION;
  INSERT INTO pg_temp.labels VALUES (c::text, 'result of ' || id);
  RETURN format('%s (%s,%s,%s)', s, v.genuine, v.valid_now, v.status);
END
$$;
SELECT is(pg_temp.complete_and_verify(pg_temp.app('happy')), 'completed (t,t,valid)',
          'the lead department completes; the result certificate verifies in the completing transaction');
SELECT is((SELECT row(c.holder_idcard, c.type_code, c.data ->> 'school', a.completed_at IS NOT NULL)::text
           FROM yiwang.applications a JOIN yiwang.certificates c ON c.certid = a.result_certid
           WHERE a.application_id = pg_temp.app('happy')),
          row('44030519850312001X', pg_temp.type_code('graduation'), 'SZU', true)::text,
          'it is the item''s result type, held by the applicant, with the form''s data');
SELECT is(pg_temp.try('hrss_window', pg_temp.app('happy'), 'deliver'), '22023', 'a delivery has its method');
SELECT is(pg_temp.try('hrss_window', pg_temp.app('happy'), 'deliver', NULL, '{"method": "pigeon"}'), '22023',
          'window, post or electronic');
SELECT is(pg_temp.step('hrss_window', pg_temp.app('happy'), 'deliver', NULL, '{"method": "window"}'), 'delivered',
          'the window hands the result out');
SELECT is((SELECT row(a.delivery_method, a.delivered_at IS NOT NULL, a.visits)::text
           FROM yiwang.applications a WHERE a.application_id = pg_temp.app('happy')),
          '(window,t,1)', 'the pickup is a visit');
SELECT is(pg_temp.case_log(pg_temp.app('happy')),
          E'1 submit new>submitted by 44030519850312001X\n2 accept submitted>accepted by hrss-w001\n'
          '3 start_review accepted>under_review by hrss-w001\n4 review under_review>under_review by psb-0001\n'
          '5 review under_review>under_review by pnr-0001\n6 approve under_review>approved by pnr-0001\n'
          '7 complete approved>completed by edu-0001\n8 deliver completed>delivered by hrss-w001',
          'every step is in the case log: who, from, to');

-- ---------------------------------------------------------------------------
-- Denial, refusal, withdrawal.

SELECT pg_temp.app_in('under_review', 'denial') \gset
SELECT is(pg_temp.step('psb', pg_temp.app('denial'), 'review', 'Regulation art. 12: the diploma is not registered',
                       '{"decision": "deny"}'), 'under_review', 'one department denies; the decision waits for the last review');
SELECT is(pg_temp.step('pnr', pg_temp.app('denial'), 'review', NULL, '{"decision": "approve"}'), 'denied',
          'the last review in: denied, since one department denied');
SELECT is((SELECT e.event || ' ' || e.reason FROM yiwang.application_events e
           WHERE e.application_id = pg_temp.app('denial') ORDER BY e.seq DESC LIMIT 1),
          'deny psb: Regulation art. 12: the diploma is not registered', 'the denial carries the department''s legal reason');
SELECT is((SELECT string_agg(t.department_id || ':' || t.decision || ':' || coalesce(t.reason, '-') || ':' || t.decided_by,
                             ' ' ORDER BY t.department_id)
           FROM yiwang.review_tasks t WHERE t.application_id = pg_temp.app('denial')),
          'pnr:approve:-:pnr-0001 psb:deny:Regulation art. 12: the diploma is not registered:psb-0001',
          'each review task keeps its decision, reason and reviewer');
SELECT is(pg_temp.try('li', pg_temp.app('denial'), 'withdraw'), '55000', 'no withdrawal after a denial');
SELECT is(pg_temp.step('edu', pg_temp.app('denial'), 'complete'), 'completed', 'a denied application is concluded too');
SELECT is((SELECT a.result_certid FROM yiwang.applications a WHERE a.application_id = pg_temp.app('denial')), NULL,
          'without a result certificate');

SELECT pg_temp.app_in('submitted', 'refused') \gset
SELECT is(pg_temp.step('hrss_window', pg_temp.app('refused'), 'refuse', 'the item is handled by the district'),
          'not_accepted', 'the window refuses, with the reason');
SELECT is(pg_temp.case_log(pg_temp.app('refused'), 1),
          '2 refuse submitted>not_accepted by hrss-w001 (the item is handled by the district)', 'the reason is in the case log');
SELECT is((SELECT row(a.accepted_on, a.due_on)::text FROM yiwang.applications a WHERE a.application_id = pg_temp.app('refused')),
          '(,)', 'no clock for an application not accepted');

SELECT is((SELECT string_agg(v.variant || ':' || pg_temp.try('li', v.application_id, 'withdraw'), ' ' ORDER BY v.variant)
           FROM variants v),
          'accepted:ok:withdrawn approved:55000 completed:55000 delivered:55000 denied:55000 not_accepted:55000 '
          'submitted:ok:withdrawn supplement_requested:ok:withdrawn supplement_requested/review:ok:withdrawn '
          'suspended:ok:withdrawn under_review:ok:withdrawn withdrawn:55000',
          'the applicant withdraws until the decision, not after');
SELECT is(pg_temp.step('li', pg_temp.app_in('suspended', 'withdrawn while suspended'), 'withdraw'), 'withdrawn',
          'withdrawn while suspended');
SELECT is(pg_temp.case_log(pg_temp.app('withdrawn while suspended'), 4),
          '5 withdraw suspended>withdrawn by 44030519850312001X', 'by the applicant, in the case log');

-- ---------------------------------------------------------------------------
-- The one-time notice before acceptance: no clock.

SELECT pg_temp.app_in('submitted', 'notice') \gset
SELECT is(pg_temp.try('hrss_window', pg_temp.app('notice'), 'request_supplement', 'missing'), '22023',
          'a notice lists the materials');
SELECT is(pg_temp.try('hrss_window', pg_temp.app('notice'), 'request_supplement', 'missing', '{"materials": []}'), '22023',
          'at least one');
SELECT is(pg_temp.try('hrss_window', pg_temp.app('notice'), 'request_supplement', 'missing',
                      '{"materials": [{"material": "photo", "problem": "missing"}, {"material": "passport", "problem": "missing"}]}'),
          '22023', 'every one of them a material of the item');
SELECT is(pg_temp.step('hrss_window', pg_temp.app('notice'), 'request_supplement', 'two materials are missing',
                       '{"materials": [{"material": "photo", "problem": "missing"}, {"material": "transcript", "problem": "not stamped"}]}'),
          'supplement_requested', 'the window asks for everything missing at once');
SELECT is((SELECT row(n.event_seq, n.materials, n.answered_at)::text FROM yiwang.supplement_notices n
           WHERE n.application_id = pg_temp.app('notice')),
          row(2, '[{"material": "photo", "problem": "missing"}, {"material": "transcript", "problem": "not stamped"}]'::jsonb,
              NULL::timestamptz)::text,
          'the notice lists both materials');
SELECT is((SELECT count(*)::integer FROM yiwang.clock_pauses p WHERE p.application_id = pg_temp.app('notice')), 0,
          'before acceptance there is no clock to pause');
SELECT is(pg_temp.step('li', pg_temp.app('notice'), 'supplement'), 'submitted', 'the applicant supplies: back to submitted');
SELECT is((SELECT row(n.answered_at IS NOT NULL, a.due_on, a.visits, a.paused_from)::text
           FROM yiwang.supplement_notices n JOIN yiwang.applications a USING (application_id)
           WHERE n.application_id = pg_temp.app('notice')),
          '(t,,0,)', 'the notice is answered, online: no visit, still no clock');
SELECT is(pg_temp.error_text(format($$SELECT pg_temp.step('hrss_window', %s, 'request_supplement', 'one more thing',
                                          '{"materials": [{"material": "photo", "problem": "blurred"}]}')$$, pg_temp.app('notice'))),
          format('55000 application %s already had its one-time notice at this stage', pg_temp.app('notice')),
          'a second notice before acceptance is refused: everything is told at once');
SELECT is(pg_temp.step('hrss_window', pg_temp.app('notice'), 'accept'), 'accepted', 'the window accepts');

-- ---------------------------------------------------------------------------
-- A notice during the review pauses the clock; the due date moves by the
-- working days of the pause.  The calendar has a holiday in the promised
-- period, and the pause is backdated (as the superuser) so that it lasts.

-- the first working day from tomorrow becomes a holiday
INSERT INTO yiwang.calendar (day, workday, note)
SELECT min(g.x::date), false, 'test holiday' FROM generate_series(current_date + 1, current_date + 14, interval '1 day') g(x)
WHERE extract(isodow FROM g.x) <= 5 AND NOT EXISTS (SELECT FROM yiwang.calendar c WHERE c.day = g.x::date);
SELECT isnt(yiwang.add_workdays(current_date, 10), yiwang.mon_fri_date(yiwang.mon_fri_ordinal(current_date) + 10),
            'the calendar has a holiday in the promised period');
SELECT pg_temp.app_in('under_review', 'paused') \gset
SELECT is((SELECT a.due_on FROM yiwang.applications a WHERE a.application_id = pg_temp.app('paused')),
          yiwang.add_workdays(current_date, 10), 'the due date counts working days of the calendar');
SELECT is(pg_temp.step('psb', pg_temp.app('paused'), 'request_supplement', 'the photo is blurred',
                       '{"materials": [{"material": "photo", "problem": "blurred"}]}'),
          'supplement_requested', 'a reviewing department asks for a supplement');
SELECT is((SELECT row(p.event_seq, p.kind, p.reason, p.paused_on, p.resumed_on, p.workdays)::text
           FROM yiwang.clock_pauses p WHERE p.application_id = pg_temp.app('paused')),
          row(4, 'supplement', 'the photo is blurred', current_date, NULL::date, NULL::integer)::text,
          'the clock stops: a pause in the ledger, with its reason');
SELECT is((SELECT count(*)::integer FROM yiwang.application_warnings w WHERE w.application_id = pg_temp.app('paused')), 0,
          'a paused application is not warned about');
UPDATE yiwang.clock_pauses SET paused_on = current_date - 12 WHERE application_id = pg_temp.app('paused');
SELECT is(pg_temp.try('hrss_window', pg_temp.app('paused'), 'request_supplement', 'again',
                      '{"materials": [{"material": "photo", "problem": "blurred"}]}'), '55000',
          'no second notice while one is open');
SELECT is(pg_temp.step('li', pg_temp.app('paused'), 'supplement'), 'under_review', 'the applicant supplies: back to the review');
SELECT is((SELECT row(p.resumed_on, p.workdays, a.due_on)::text
           FROM yiwang.clock_pauses p JOIN yiwang.applications a USING (application_id)
           WHERE p.application_id = pg_temp.app('paused')),
          row(current_date, yiwang.workdays_between(current_date - 12, current_date),
              yiwang.add_workdays(current_date, 10 + yiwang.workdays_between(current_date - 12, current_date)))::text,
          'the clock runs again: the pause''s working days are in the ledger and the due date moves by them');
SELECT is(pg_temp.error_text(format($$SELECT pg_temp.step('pnr', %s, 'request_supplement', 'one more thing',
                                          '{"materials": [{"material": "transcript", "problem": "missing"}]}')$$,
                                    pg_temp.app('paused'))),
          format('55000 application %s already had its one-time notice at this stage', pg_temp.app('paused')),
          'a second notice during the review is refused, from another reviewer too');

-- ---------------------------------------------------------------------------
-- Suspension and resumption.

SELECT is(pg_temp.try('psb', pg_temp.app('paused'), 'suspend', 'a hearing', '{"kind": "picnic"}'), '22023',
          'a suspension has a known kind');
SELECT is(pg_temp.step('psb', pg_temp.app('paused'), 'suspend', 'public notice of the result', '{"kind": "public_notice"}'),
          'suspended', 'a reviewing department suspends the review');
SELECT is((SELECT row(p.kind, p.reason, p.paused_on)::text FROM yiwang.clock_pauses p
           WHERE p.application_id = pg_temp.app('paused') AND p.resumed_on IS NULL),
          row('public_notice', 'public notice of the result', current_date)::text, 'the pause has its kind and reason');
SELECT is(pg_temp.try('hrss_window', pg_temp.app('paused'), 'resume'), '42501', 'the window does not resume it');
UPDATE yiwang.clock_pauses SET paused_on = current_date - 5 WHERE application_id = pg_temp.app('paused') AND resumed_on IS NULL;
SELECT is(pg_temp.step('edu', pg_temp.app('paused'), 'resume'), 'under_review', 'the lead department resumes it');
SELECT is((SELECT a.due_on FROM yiwang.applications a WHERE a.application_id = pg_temp.app('paused')),
          yiwang.add_workdays(current_date, 10 + yiwang.workdays_between(current_date - 12, current_date)
                                               + yiwang.workdays_between(current_date - 5, current_date)),
          'the due date moves by the working days of both pauses');
SELECT is(pg_temp.step('pnr', pg_temp.app('paused'), 'suspend', 'waiting for an expert'), 'suspended',
          'a suspension without a kind');
SELECT is((SELECT p.kind FROM yiwang.clock_pauses p WHERE p.application_id = pg_temp.app('paused') AND p.resumed_on IS NULL),
          'other', 'is of kind other');
SELECT is(pg_temp.step('psb', pg_temp.app('paused'), 'resume'), 'under_review', 'a reviewing department resumes it');
SELECT is((SELECT string_agg(format('%s %s %s', p.event_seq, p.kind, p.workdays), ', ' ORDER BY p.event_seq)
           FROM yiwang.clock_pauses p WHERE p.application_id = pg_temp.app('paused')),
          format('4 supplement %s, 6 public_notice %s, 8 other 0', yiwang.workdays_between(current_date - 12, current_date),
                 yiwang.workdays_between(current_date - 5, current_date)),
          'the ledger keeps every pause');

-- The same reckoning in words, for the applicant.
SELECT is(yiwang.due_date_explanation(pg_temp.app('paused'))
            ~ ('^Accepted on [0-9-]{10}\. [^.]+ promises to conclude it within [0-9]+ working days \(the law allows [0-9]+\), '
               'counted from the day after acceptance: due [0-9-]{10}\. '), true,
          'the explanation starts from the acceptance and the promised limit');
SELECT is((SELECT count(*)::integer FROM regexp_matches(yiwang.due_date_explanation(pg_temp.app('paused')),
                                                        'Paused from [0-9-]{10} to [0-9-]{10} \(', 'g')), 3,
          'it names every pause, with its dates');
SELECT is(right(yiwang.due_date_explanation(pg_temp.app('paused')),
                length(format('Due %s.', (SELECT a.due_on FROM yiwang.applications a WHERE a.application_id = pg_temp.app('paused'))))),
          format('Due %s.', (SELECT a.due_on FROM yiwang.applications a WHERE a.application_id = pg_temp.app('paused'))),
          'and ends with the recomputed due date');
SELECT is(yiwang.due_date_explanation((SELECT v.application_id FROM variants v WHERE v.variant = 'submitted'))
            ~ 'has not been accepted: the time limit of [0-9]+ working days runs from the day after acceptance', true,
          'before acceptance it says the clock has not started');
SELECT pg_temp.act('wang') \gset
SELECT is(yiwang.due_date_explanation(pg_temp.app('paused')), NULL, 'someone who does not see the application gets nothing');
RESET SESSION AUTHORIZATION;

-- ---------------------------------------------------------------------------
-- Online depth IV: no visit.

SELECT pg_temp.file('online', 'li', 'EDU-0400', '44030519850312001X') \gset
SELECT is(pg_temp.step('hrss_window', pg_temp.app('online'), 'request_supplement', 'photo missing',
                       '{"materials": [{"material": "photo", "problem": "missing"}]}'), 'supplement_requested',
          'depth IV: the window asks for a supplement');
SELECT is(pg_temp.error_text(format($$SELECT pg_temp.step('hrss_window', %s, 'supplement')$$, pg_temp.app('online'))),
          '55000 item EDU-0400 is handled entirely online', 'the window does not take the supplement at the counter');
SELECT is(pg_temp.step('li', pg_temp.app('online'), 'supplement'), 'submitted', 'the applicant supplies it online');
SELECT is(pg_temp.step('hrss_window', pg_temp.app('online'), 'accept'), 'accepted', 'accepted');
SELECT is(pg_temp.step('edu', pg_temp.app('online'), 'start_review'), 'under_review', 'the lead department starts the review');
SELECT is((SELECT string_agg(t.department_id, ' ') FROM yiwang.review_tasks t WHERE t.application_id = pg_temp.app('online')),
          'edu', 'an item without reviewers is reviewed by its lead department');
SELECT is(pg_temp.step('edu', pg_temp.app('online'), 'review', NULL, '{"decision": "approve"}'), 'approved', 'approved');
SELECT is(pg_temp.step('edu', pg_temp.app('online'), 'complete'), 'completed', 'completed');
SELECT is(pg_temp.error_text(format($$SELECT pg_temp.step('hrss_window', %s, 'deliver', NULL, '{"method": "window"}')$$,
                                    pg_temp.app('online'))),
          '55000 item EDU-0400 is handled entirely online', 'the result of an online filing is not handed out at a window');
SELECT is(pg_temp.step('hrss_window', pg_temp.app('online'), 'deliver', NULL, '{"method": "electronic"}'), 'delivered',
          'it is delivered electronically');
SELECT is((SELECT row(a.visits, a.delivery_method, a.result_certid IS NOT NULL)::text FROM yiwang.applications a
           WHERE a.application_id = pg_temp.app('online')),
          '(0,electronic,t)', 'with no visit at all');

-- Filed at a counter, a depth IV application may be answered and collected
-- there: nobody was made to come.
SELECT pg_temp.file('online item at counter', 'hrss_window', 'EDU-0400', '44030519850312001X') \gset
SELECT is(pg_temp.step('hrss_window', pg_temp.app('online item at counter'), 'request_supplement', 'photo missing',
                       '{"materials": [{"material": "photo", "problem": "missing"}]}'), 'supplement_requested',
          'depth IV filed at a counter: a notice');
SELECT is(pg_temp.step('hrss_window', pg_temp.app('online item at counter'), 'supplement'), 'submitted',
          'the applicant who came to the counter may answer there');

-- Visits at depth III: filed at the window, supplied at the counter, collected there.
SELECT is(pg_temp.step('hrss_window', pg_temp.app('at window'), 'request_supplement', 'photo missing',
                       '{"materials": [{"material": "photo", "problem": "missing"}]}'), 'supplement_requested', 'a notice');
SELECT is(pg_temp.step('hrss_window', pg_temp.app('at window'), 'supplement'), 'submitted',
          'the applicant brings the photo to the window');
SELECT is((SELECT a.visits FROM yiwang.applications a WHERE a.application_id = pg_temp.app('at window')), 2::smallint,
          'the filing and the supplement at the counter are two visits');

-- ---------------------------------------------------------------------------
-- 好差评 and remediation.

SELECT pg_temp.app_in('submitted', 'rated') \gset
SELECT is(pg_temp.as_persona('li', format($$SELECT yiwang.rate_application(%s, 'acceptance', 5)$$, pg_temp.app('rated'))),
          format('55000 application %s has not been accepted or refused yet', pg_temp.app('rated')),
          'acceptance is rated once it is decided');
SELECT pg_temp.step('hrss_window', pg_temp.app('rated'), 'accept') \gset
SELECT is(pg_temp.as_persona('li', format($$SELECT yiwang.rate_application(%s, 'completion', 5)$$, pg_temp.app('rated'))),
          format('55000 application %s is not completed', pg_temp.app('rated')), 'completion once it is concluded');
SELECT is(pg_temp.as_persona('wang', format($$SELECT yiwang.rate_application(%s, 'acceptance', 5)$$, pg_temp.app('rated'))),
          format('42501 only the applicant rates application %s', pg_temp.app('rated')), 'only the applicant rates');
SELECT is(pg_temp.as_persona('hrss_window', format($$SELECT yiwang.rate_application(%s, 'acceptance', 5)$$, pg_temp.app('rated'))),
          '42501 permission denied for function rate_application', 'staff do not rate');
SELECT is(pg_temp.as_persona('li', format($$SELECT yiwang.rate_application(%s, 'acceptance', 0)$$, pg_temp.app('rated')))
          || '; ' || pg_temp.as_persona('li', format($$SELECT yiwang.rate_application(%s, 'acceptance', 6)$$, pg_temp.app('rated'))),
          '22023 a rating is 1 to 5; 22023 a rating is 1 to 5', 'a score is 1 to 5');
SELECT is(pg_temp.as_persona('li', format($$SELECT yiwang.rate_application(%s, 'review', 5)$$, pg_temp.app('rated'))),
          '22023 unknown rating stage "review"', 'the stages are acceptance and completion');
SELECT pg_temp.act('li') \gset
SELECT lives_ok(format($$SELECT yiwang.rate_application(%s, 'acceptance', 2, 'the clerk was rude')$$, pg_temp.app('rated')),
                'the applicant rates the acceptance 2');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT row(t.department_id, t.opened_on, t.due_on, t.closed_at)::text FROM yiwang.remediation_tasks t
           WHERE t.application_id = pg_temp.app('rated') AND t.stage = 'acceptance'),
          row('hrss', current_date, yiwang.add_workdays(current_date, 15), NULL::timestamptz)::text,
          'a bad rating of the acceptance opens a remediation task for the first-contact department, due in 15 working days');
SELECT is(pg_temp.case_log(pg_temp.app('rated'), 2), '3 rate accepted>accepted by 44030519850312001X (the clerk was rude)',
          'the rating is appended to the case log');
SELECT is((SELECT e.details FROM yiwang.application_events e WHERE e.application_id = pg_temp.app('rated') AND e.seq = 3),
          '{"stage": "acceptance", "score": 2}'::jsonb, 'with its stage and score');
SELECT is(pg_temp.as_persona('li', format($$SELECT yiwang.rate_application(%s, 'acceptance', 5)$$, pg_temp.app('rated'))),
          format('23505 application %s is rated at acceptance already', pg_temp.app('rated')), 'each stage is rated once');
SELECT pg_temp.step('hrss_window', pg_temp.app('rated'), 'start_review') \gset
SELECT pg_temp.step('psb', pg_temp.app('rated'), 'review', NULL, '{"decision": "approve"}') \gset
SELECT pg_temp.step('pnr', pg_temp.app('rated'), 'review', NULL, '{"decision": "approve"}') \gset
SELECT pg_temp.step('edu', pg_temp.app('rated'), 'complete') \gset
SELECT pg_temp.act('li') \gset
SELECT lives_ok(format($$SELECT yiwang.rate_application(%s, 'completion', 1)$$, pg_temp.app('rated')),
                'the applicant rates the completion 1, without a comment');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT row(t.department_id, t.due_on)::text FROM yiwang.remediation_tasks t
           WHERE t.application_id = pg_temp.app('rated') AND t.stage = 'completion'),
          row('edu', yiwang.add_workdays(current_date, 15))::text, 'the completion''s remediation is the lead department''s');
SELECT pg_temp.act('li') \gset
SELECT lives_ok(format($$SELECT yiwang.rate_application(%s, 'completion', 4)$$, pg_temp.app('happy')),
                'a good rating');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::integer FROM yiwang.remediation_tasks t WHERE t.application_id = pg_temp.app('happy')), 0,
          'opens no remediation');
SELECT is(pg_temp.as_persona('psb', format($$SELECT yiwang.close_remediation(%s, 'acceptance', 'talked to the clerk')$$,
                                           pg_temp.app('rated'))),
          format('55000 no open remediation of application %s at acceptance for the actor', pg_temp.app('rated')),
          'another department cannot close the remediation');
SELECT is(pg_temp.as_persona('hrss_window', format($$SELECT yiwang.close_remediation(%s, 'acceptance', 'talked to the clerk')$$,
                                                   pg_temp.app('rated'))),
          '42501 permission denied for function close_remediation', 'nor can window staff');
SELECT is(pg_temp.as_persona('hrss', format($$SELECT yiwang.close_remediation(%s, 'acceptance', '  ')$$, pg_temp.app('rated'))),
          '22023 a remediation is closed with what was done', 'it is closed with what was done');
SELECT pg_temp.act('hrss') \gset
SELECT lives_ok(format($$SELECT yiwang.close_remediation(%s, 'acceptance', 'the clerk was retrained')$$, pg_temp.app('rated')),
                'the first-contact department closes it');
SELECT is((SELECT row(t.closed_by, t.resolution)::text FROM yiwang.remediation_tasks t
           WHERE t.application_id = pg_temp.app('rated') AND t.stage = 'acceptance'),
          '(hrss-0001,"the clerk was retrained")', 'the department sees its task, closed, even though it neither leads nor reviews');
SELECT is((SELECT count(*)::integer FROM yiwang.applications a WHERE a.application_id = pg_temp.app('rated')), 0,
          'it does not see the application itself');
SELECT is(pg_temp.error_text(format($$SELECT yiwang.close_remediation(%s, 'acceptance', 'again')$$, pg_temp.app('rated'))),
          format('55000 no open remediation of application %s at acceptance for the actor', pg_temp.app('rated')),
          'a closed remediation is not closed again');
SELECT pg_temp.act('edu') \gset
SELECT lives_ok(format($$SELECT yiwang.close_remediation(%s, 'completion', 'the file was sped up')$$, pg_temp.app('rated')),
                'the lead department closes the completion''s');
RESET SESSION AUTHORIZATION;
SELECT variants.application_id AS withdrawn_app FROM variants WHERE variant = 'withdrawn' \gset
SELECT is(pg_temp.as_persona('li', format($$SELECT yiwang.rate_application(%s, 'acceptance', 3)$$, :withdrawn_app)),
          format('55000 application %s has not been accepted or refused yet', :withdrawn_app),
          'an application withdrawn before acceptance has no acceptance to rate');
SELECT is(pg_temp.as_persona('li', format($$SELECT yiwang.rate_application(%s, 'acceptance', 1, 'refused for nothing')$$,
                                          pg_temp.app('refused'))),
          'ok', 'a refusal is an acceptance decision: it is rated');

-- ---------------------------------------------------------------------------
-- Who sees what.  The applications looked at:
--   paused    li's, taken by hrss_window, reviewed by psb and pnr, with a
--             notice and three pauses
--   rated     li's, taken by hrss_window, reviewed, completed, rated twice badly
--   wang web  wang's, filed on the web, taken by nobody yet
--   org       co1's (legal representative zhao), taken by psb_window, lead amr
--   for child li's for his daughter, taken by nobody yet

SELECT pg_temp.file('wang web', 'wang', 'EDU-0100', '440305198707150026') \gset
SELECT pg_temp.file('org', 'zhao', 'AMR-0001', '91440300MA5F000108', form => '{}') \gset
SELECT pg_temp.step('psb_window', pg_temp.app('org'), 'accept') \gset
SELECT pg_temp.file('for child', 'li', 'EDU-0100', '44030519850312001X', beneficiary => '440305201506010021') \gset

CREATE FUNCTION pg_temp.sees(persona text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  seen text;
BEGIN
  PERFORM pg_temp.act(persona);
  BEGIN
    SELECT format('%s | events=%s tasks=%s notices=%s pauses=%s ratings=%s remediation=%s',
                  (SELECT coalesce(string_agg(l.label, ', ' ORDER BY l.label), '-')
                   FROM yiwang.applications a JOIN pg_temp.apps l USING (application_id)
                   WHERE l.label IN ('paused', 'rated', 'wang web', 'org', 'for child')),
                  (SELECT count(*) FROM yiwang.application_events e WHERE e.application_id = pg_temp.app('paused')),
                  (SELECT count(*) FROM yiwang.review_tasks t WHERE t.application_id = pg_temp.app('paused')),
                  (SELECT count(*) FROM yiwang.supplement_notices n WHERE n.application_id = pg_temp.app('paused')),
                  (SELECT count(*) FROM yiwang.clock_pauses p WHERE p.application_id = pg_temp.app('paused')),
                  (SELECT count(*) FROM yiwang.ratings r WHERE r.application_id = pg_temp.app('rated')),
                  (SELECT count(*) FROM yiwang.remediation_tasks t WHERE t.application_id = pg_temp.app('rated')))
    INTO seen;
  EXCEPTION WHEN OTHERS THEN
    seen := SQLSTATE || ' ' || SQLERRM;
  END;
  RESET SESSION AUTHORIZATION;
  RETURN seen;
END
$$;
SELECT count(*) AS paused_events FROM yiwang.application_events WHERE application_id = pg_temp.app('paused') \gset
SELECT format('events=%s tasks=2 notices=1 pauses=3 ratings=2 remediation=2', :paused_events) AS everything \gset

SELECT is(pg_temp.sees('li'), 'for child, paused, rated | ' || :'everything', 'the applicant sees their applications and all that hangs off them');
SELECT is(pg_temp.sees('child'), 'for child | events=0 tasks=0 notices=0 pauses=0 ratings=0 remediation=0',
          'the person the service is for sees that application');
SELECT is(pg_temp.sees('wang'), 'wang web | events=0 tasks=0 notices=0 pauses=0 ratings=0 remediation=0',
          'another citizen sees only their own');
SELECT is(pg_temp.sees('zhao'), 'org | events=0 tasks=0 notices=0 pauses=0 ratings=0 remediation=0',
          'the legal representative sees the organisation''s application');
SELECT is(pg_temp.sees('chen'), '- | events=0 tasks=0 notices=0 pauses=0 ratings=0 remediation=0',
          'a citizen with none sees none');
SELECT is(pg_temp.sees('hrss_window'), 'for child, paused, rated, wang web | ' || :'everything',
          'a window sees what it took and what nobody has taken yet');
SELECT is(pg_temp.sees('psb_window'), 'for child, org, wang web | events=0 tasks=0 notices=0 pauses=0 ratings=0 remediation=0',
          'not what another window took');
SELECT is(pg_temp.sees('edu'), 'for child, paused, rated, wang web | ' || :'everything',
          'the lead department sees every application of its item');
SELECT is(pg_temp.sees('psb'), 'paused, rated | ' || :'everything', 'a reviewing department sees what it reviews');
SELECT is(pg_temp.sees('amr'), 'org | events=0 tasks=0 notices=0 pauses=0 ratings=0 remediation=0',
          'an unrelated department sees none of them (amr leads only the organisation''s)');
SELECT is(pg_temp.sees('hrss'), '- | events=0 tasks=0 notices=0 pauses=0 ratings=0 remediation=1',
          'the first-contact department sees its remediation task, nothing else');
SELECT is(pg_temp.sees('auditor'), 'for child, org, paused, rated, wang web | ' || :'everything', 'the auditor sees everything');
SELECT is(pg_temp.sees('reporting'), '42501 permission denied for table applications', 'reporting reads no application');
SELECT is(pg_temp.sees('admin'), '42501 permission denied for table applications', 'nor does the administrator');
SELECT is(pg_temp.as_persona('li', 'SELECT count(*) FROM yiwang.application_transitions'), 'ok',
          'everyone reads the state machine');

-- What each is to the application decides what each may do with it.
SELECT is(pg_temp.try('wang', pg_temp.app('org'), 'withdraw'), '22023',
          'only the organisation''s representative withdraws its application: to others it is not there');
SELECT is(pg_temp.try('zhao', pg_temp.app('org'), 'withdraw'), 'ok:withdrawn', 'the representative may');
SELECT is(pg_temp.try('child', pg_temp.app('for child'), 'withdraw'), '42501',
          'the person the service is for sees the application but does not act on it');
SELECT is(pg_temp.step('edu', pg_temp.app('for child'), 'accept'), 'accepted', 'the lead department accepts it itself');
SELECT is((SELECT row(a.first_contact_staff, a.first_contact_department)::text FROM yiwang.applications a
           WHERE a.application_id = pg_temp.app('for child')),
          '(edu-0001,edu)', 'and is its first contact');
SELECT is(pg_temp.try('hrss_window', pg_temp.app('for child'), 'start_review') || ' '
          || pg_temp.try('psb_window', pg_temp.app('for child'), 'start_review'),
          '22023 22023', 'no window acts on an application another has taken (here a department): it does not see it');
SELECT pg_temp.step('edu', pg_temp.app('for child'), 'start_review') \gset
SELECT pg_temp.step('psb', pg_temp.app('for child'), 'review', NULL, '{"decision": "approve"}') \gset
SELECT pg_temp.step('pnr', pg_temp.app('for child'), 'review', NULL, '{"decision": "approve"}') \gset
SELECT pg_temp.step('edu', pg_temp.app('for child'), 'complete') \gset
SELECT is((SELECT c.holder_idcard::text FROM yiwang.applications a JOIN yiwang.certificates c ON c.certid = a.result_certid
           WHERE a.application_id = pg_temp.app('for child')),
          '440305201506010021', 'the result certificate is the beneficiary''s');
SELECT is(pg_temp.as_persona('child', format($$SELECT yiwang.rate_application(%s, 'completion', 5)$$, pg_temp.app('for child'))),
          format('42501 only the applicant rates application %s', pg_temp.app('for child')), 'the applicant rates, not the beneficiary');

-- ---------------------------------------------------------------------------
-- The case log.

SELECT is((SELECT row(e.actor_kind, e.actor_subject, e.actor_department, e.actor_role, e.happened_at <= clock_timestamp())::text
           FROM yiwang.application_events e WHERE e.application_id = pg_temp.app('happy') AND e.event = 'accept'),
          '(staff,hrss-w001,hrss,window,t)', 'an event says who fired it and when');
SELECT is((SELECT bool_and(e.previous_hash = coalesce(p.event_hash, '\x'::bytea || decode(repeat('00', 32), 'hex'))
                           AND e.event_hash = yiwang.sm3(e.previous_hash || yiwang.application_event_bytes(
                             e.application_id, e.seq, e.happened_at, e.actor_kind, e.actor_subject, e.actor_department,
                             e.actor_role, e.event, e.from_state, e.to_state, e.reason, e.details)))
           FROM yiwang.application_events e
           LEFT JOIN yiwang.application_events p ON p.application_id = e.application_id AND p.seq = e.seq - 1
           WHERE e.application_id = pg_temp.app('happy')),
          true, 'each event points to the previous hash and its hash is SM3(previous hash || event bytes)');
SELECT is((SELECT row(a.events, a.last_event_hash = e.event_hash)::text FROM yiwang.applications a
           JOIN yiwang.application_events e ON e.application_id = a.application_id AND e.seq = a.events
           WHERE a.application_id = pg_temp.app('happy')),
          '(9,t)', 'the application holds the head of its chain');
SELECT is(pg_temp.as_persona('li', format('SELECT * FROM yiwang.verify_case_log(%s)', pg_temp.app('happy'))),
          '42501 permission denied for function verify_case_log', 'a citizen does not verify the case log');
SELECT pg_temp.act('auditor') \gset
SELECT is(pg_temp.log_check(pg_temp.app('happy')), '(t,9,)', 'the auditor verifies an application''s chain: intact');
SELECT is((SELECT string_agg(v.application_id::text, ' ') FROM yiwang.verify_case_log() v WHERE NOT v.intact), NULL,
          'and every application''s');
SELECT is(pg_temp.error_text('UPDATE yiwang.application_events SET reason = NULL'),
          '42501 permission denied for table application_events', 'the auditor cannot change an event');
RESET SESSION AUTHORIZATION;
SET LOCAL ROLE yiwang_api;
SELECT is(pg_temp.error_text('UPDATE yiwang.application_events SET reason = NULL'),
          '42501 permission denied for table application_events', 'nor can yiwang_api, which appends');
SELECT is(pg_temp.error_text('DELETE FROM yiwang.application_events'),
          '42501 permission denied for table application_events', 'nor remove one');
SELECT is(pg_temp.error_text(format($$UPDATE yiwang.applications SET state = 'approved' WHERE application_id = %s$$,
                                    pg_temp.app('paused'))),
          '42501 an application changes only through yiwang.transition()',
          'yiwang_api may update applications, but not their state beside transition()');
RESET ROLE;
SELECT is(pg_temp.as_persona('edu', format($$UPDATE yiwang.applications SET state = 'approved' WHERE application_id = %s$$,
                                           pg_temp.app('paused'))),
          '42501 permission denied for table applications', 'a department cannot update an application''s state');
SELECT is(pg_temp.as_persona('hrss_window', format($$UPDATE yiwang.applications SET state = 'accepted' WHERE application_id = %s$$,
                                                  pg_temp.app('wang web'))),
          '42501 permission denied for table applications', 'nor can a window');
SELECT is(pg_temp.error_text(format($$UPDATE yiwang.applications SET state = 'approved' WHERE application_id = %s$$,
                                    pg_temp.app('paused'))),
          '42501 an application changes only through yiwang.transition()', 'nor the superuser');
SELECT is(pg_temp.error_text(format($$UPDATE yiwang.applications SET due_on = due_on + 30 WHERE application_id = %s$$,
                                    pg_temp.app('paused'))),
          '42501 an application changes only through yiwang.transition()', 'nor its due date');
SELECT is(pg_temp.error_text(format($$UPDATE yiwang.applications SET visits = 0 WHERE application_id = %s$$,
                                    pg_temp.app('at window'))),
          '42501 an application changes only through yiwang.transition()', 'nor the visits it cost');
SELECT is(pg_temp.error_text(format($$UPDATE yiwang.applications SET state = 'approved', events = events + 1
                                      WHERE application_id = %s$$, pg_temp.app('paused'))),
          '42501 an application changes only through yiwang.transition()',
          'not even claiming an event that is not in the case log');
SELECT is(pg_temp.error_text(format('UPDATE yiwang.application_events SET reason = %L WHERE application_id = %s AND seq = 2',
                                    'nothing to see', pg_temp.app('happy'))),
          '42501 the case log is append-only', 'even the owner cannot change an event');
SELECT is(pg_temp.error_text(format('DELETE FROM yiwang.application_events WHERE application_id = %s', pg_temp.app('happy'))),
          '42501 the case log is append-only', 'nor remove one');
SELECT is(pg_temp.error_text('TRUNCATE yiwang.application_events'), '42501 the case log is append-only',
          'nor empty the case log');

-- Tampering, as the superuser with the append-only trigger switched off
-- (inside this transaction): each change is detected, then undone.
CREATE TEMP TABLE events_copy AS SELECT * FROM yiwang.application_events WHERE application_id = pg_temp.app('happy');
ALTER TABLE yiwang.application_events DISABLE TRIGGER application_events_append_only;
SELECT pg_temp.app('happy') AS happy \gset

UPDATE yiwang.application_events SET reason = 'nothing to see' WHERE application_id = :happy AND seq = 4;
SELECT is(pg_temp.log_check(:happy), '(f,3,4) Event 4 was changed: its hash does not match its contents.',
          'a changed event is named');
UPDATE yiwang.application_events e SET reason = c.reason FROM events_copy c
WHERE e.application_id = c.application_id AND e.seq = c.seq AND e.seq = 4;
SELECT is(pg_temp.log_check(:happy), '(t,9,)', 'changed back: intact');

UPDATE yiwang.application_events e
SET actor_subject = 'someone-else',
    event_hash = yiwang.sm3(e.previous_hash || yiwang.application_event_bytes(
      e.application_id, e.seq, e.happened_at, e.actor_kind, 'someone-else', e.actor_department,
      e.actor_role, e.event, e.from_state, e.to_state, e.reason, e.details))
WHERE e.application_id = :happy AND e.seq = 4;
SELECT is(pg_temp.log_check(:happy), '(f,4,5) Event 5 does not point to the hash of event 4.',
          'an event changed with its hash recomputed breaks the next link');
UPDATE yiwang.application_events e SET actor_subject = c.actor_subject, event_hash = c.event_hash FROM events_copy c
WHERE e.application_id = c.application_id AND e.seq = c.seq AND e.seq = 4;

DELETE FROM yiwang.application_events WHERE application_id = :happy AND seq = 4;
SELECT is(pg_temp.log_check(:happy), '(f,3,4) Event 4 is missing: the log goes from event 3 to event 5.',
          'a removed event is named');
INSERT INTO yiwang.application_events SELECT * FROM events_copy WHERE seq = 4;
SELECT is(pg_temp.log_check(:happy), '(t,9,)', 'put back: intact');

DELETE FROM yiwang.application_events WHERE application_id = :happy AND seq = 9;
SELECT is(pg_temp.log_check(:happy), '(f,8,9) The application says 9 events but its log ends at event 8.',
          'the last event removed: the application''s chain head does not match');
INSERT INTO yiwang.application_events SELECT * FROM events_copy WHERE seq = 9;
ALTER TABLE yiwang.application_events ENABLE TRIGGER application_events_append_only;
SELECT is(pg_temp.log_check(:happy), '(t,9,)', 'everything undone: intact');
SELECT is(pg_temp.error_text(format('DELETE FROM yiwang.application_events WHERE application_id = %s AND seq = 4', :happy)),
          '42501 the case log is append-only', 'and append-only again');

-- NOTIFY is delivered at commit, which this transaction never reaches (an
-- isolation spec covers it); the payload is built on every transition
-- above, and with a listener registered too.
LISTEN yiwang_transitions;
SELECT is(pg_temp.step('hrss_window', pg_temp.app('wang web'), 'accept'), 'accepted',
          'a transition with a listener on yiwang_transitions');
UNLISTEN yiwang_transitions;

SELECT * FROM finish();
ROLLBACK;
