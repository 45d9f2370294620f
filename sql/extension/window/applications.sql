
-- Applications (办件) and the table that drives their state machine.
-- Front desk accepts, back offices review in parallel, one window hands out
-- the result (前台综合受理、后台分类审批、统一窗口出件).  An application's state
-- changes only through yiwang.transition(), one transaction per step, and
-- every step appends an event to the application's hash-chained case log.

-- The state machine: which event takes an application from which state to
-- which, who may fire it, whether it needs a reason, and what it does to
-- the statutory clock.  Part of the extension's definition, not
-- configuration: every city runs the same machine.
CREATE TABLE application_transitions (
  from_state text NOT NULL,
  event text NOT NULL,
  -- NULL: back to the state the application was in before it paused
  to_state text,
  -- who may fire it: the applicant, the integrated window (综合窗口), the
  -- lead department, a reviewing department, or yiwang itself
  fired_by text[] NOT NULL CHECK (fired_by <@ ARRAY['applicant', 'window', 'lead', 'reviewer', 'yiwang']),
  needs_reason boolean NOT NULL,
  -- start the clock at acceptance, stop it while paused, run it again, or nothing
  clock text NOT NULL CHECK (clock IN ('start', 'pause', 'resume', 'none')),
  PRIMARY KEY (from_state, event)
);
COMMENT ON TABLE application_transitions IS 'the application state machine: from state, event, to state, who may fire it, the clock';

INSERT INTO application_transitions (from_state, event, to_state, fired_by, needs_reason, clock) VALUES
  -- acceptance (受理), with everything missing told at once (一次性告知)
  ('submitted',            'accept',             'accepted',             '{window,lead}',        false, 'start'),
  ('submitted',            'refuse',             'not_accepted',         '{window,lead}',        true,  'none'),
  ('submitted',            'request_supplement', 'supplement_requested', '{window,lead}',        true,  'none'),
  ('supplement_requested', 'supplement',         NULL,                   '{applicant,window}',   false, 'resume'),
  -- review, one task per reviewing department, in parallel (并联审批)
  ('accepted',             'start_review',       'under_review',         '{window,lead}',        false, 'none'),
  ('under_review',         'review',             'under_review',         '{reviewer}',           false, 'none'),
  ('under_review',         'request_supplement', 'supplement_requested', '{lead,reviewer}',      true,  'pause'),
  ('under_review',         'suspend',            'suspended',            '{lead,reviewer}',      true,  'pause'),
  ('suspended',            'resume',             NULL,                   '{lead,reviewer}',      false, 'resume'),
  -- the decision, taken by yiwang when the last review is in
  ('under_review',         'approve',            'approved',             '{yiwang}',             false, 'none'),
  ('under_review',         'deny',               'denied',               '{yiwang}',             true,  'none'),
  -- conclusion (办结): result certificates issued and signed in the same transaction
  ('approved',             'complete',           'completed',            '{lead}',               false, 'none'),
  ('denied',               'complete',           'completed',            '{lead}',               false, 'none'),
  ('completed',            'deliver',            'delivered',            '{window,lead}',        false, 'none'),
  -- the applicant may withdraw until the decision
  ('submitted',            'withdraw',           'withdrawn',            '{applicant}',          false, 'none'),
  ('supplement_requested', 'withdraw',           'withdrawn',            '{applicant}',          false, 'none'),
  ('accepted',             'withdraw',           'withdrawn',            '{applicant}',          false, 'none'),
  ('under_review',         'withdraw',           'withdrawn',            '{applicant}',          false, 'none'),
  ('suspended',            'withdraw',           'withdrawn',            '{applicant}',          false, 'none');

CREATE TABLE applications (
  application_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_code text NOT NULL,
  item_version integer NOT NULL,
  -- who applies: a person, or an organisation (its representative acts)
  applicant_idcard idcard,
  applicant_uscc uscc,
  -- the person the service is for, when not the applicant (a parent applies for a child)
  beneficiary_idcard idcard,
  channel text NOT NULL CHECK (channel IN ('window', 'web', 'app', 'terminal', 'hotline')),
  -- first-contact responsibility (首问负责): the staff member who first took it
  first_contact_staff text,
  first_contact_department text REFERENCES departments,
  form jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(form) = 'object'),
  state text NOT NULL DEFAULT 'submitted',
  -- where a supplement or a resumption returns to
  paused_from text,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  accepted_on date,
  due_on date,
  decided_at timestamptz,
  completed_at timestamptz,
  delivered_at timestamptz,
  delivery_method text CHECK (delivery_method IN ('window', 'post', 'electronic')),
  -- the certificate completion issued
  result_certid certid,
  -- on-site visits the applicant has made for it
  visits smallint NOT NULL DEFAULT 0 CHECK (visits >= 0),
  -- the case log's length and last hash
  events integer NOT NULL DEFAULT 0,
  last_event_hash bytea NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000',
  FOREIGN KEY (item_code, item_version) REFERENCES service_items,
  CHECK ((applicant_idcard IS NULL) <> (applicant_uscc IS NULL))
);
COMMENT ON TABLE applications IS 'applications (办件): one per filing of a service item, moved only by yiwang.transition()';
CREATE INDEX applications_applicant_idcard ON applications (applicant_idcard) WHERE applicant_idcard IS NOT NULL;
CREATE INDEX applications_applicant_uscc ON applications (applicant_uscc) WHERE applicant_uscc IS NOT NULL;
CREATE INDEX applications_item ON applications (item_code, state);
CREATE INDEX applications_open_due ON applications (due_on)
  WHERE state IN ('accepted', 'under_review', 'supplement_requested', 'suspended', 'approved', 'denied');
SELECT pg_catalog.pg_extension_config_dump('applications', '');

-- Nothing in an application changes (its state, its clock, its visits...)
-- except together with the case-log event that records the change: whoever
-- updates the row must have appended that event first.
CREATE FUNCTION application_state_guard() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  IF NEW.events < OLD.events OR (NEW.events = OLD.events AND NEW IS DISTINCT FROM OLD)
     OR (NEW.events > OLD.events AND NOT EXISTS (
           SELECT FROM yiwang.application_events e
           WHERE e.application_id = NEW.application_id AND e.seq = NEW.events
             AND e.event_hash = NEW.last_event_hash AND e.to_state = NEW.state)) THEN
    RAISE EXCEPTION 'an application changes only through yiwang.transition()' USING ERRCODE = '42501',
      DETAIL = format('Application %s: the update does not come with the last event of its case log.', NEW.application_id),
      HINT = 'Call yiwang.transition(application, event, reason, details).';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER application_state_guard BEFORE UPDATE ON applications
  FOR EACH ROW EXECUTE FUNCTION application_state_guard();

-- The parallel review: one task per reviewing department.
CREATE TABLE review_tasks (
  application_id bigint NOT NULL REFERENCES applications,
  department_id text NOT NULL REFERENCES departments,
  opened_at timestamptz NOT NULL DEFAULT now(),
  decision text CHECK (decision IN ('approve', 'deny')),
  reason text,
  decided_at timestamptz,
  decided_by text,
  PRIMARY KEY (application_id, department_id),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK (decision <> 'deny' OR reason IS NOT NULL)
);
COMMENT ON TABLE review_tasks IS 'one review task per reviewing department of an application (并联审批)';
CREATE INDEX review_tasks_open ON review_tasks (department_id) WHERE decision IS NULL;
SELECT pg_catalog.pg_extension_config_dump('review_tasks', '');

-- The one-time notice (一次性告知): every missing or failing material of
-- an application, listed at once.
CREATE TABLE supplement_notices (
  application_id bigint NOT NULL REFERENCES applications,
  event_seq integer NOT NULL,
  -- [{"material": code, "problem": words}, ...]
  materials jsonb NOT NULL CHECK (jsonb_typeof(materials) = 'array' AND jsonb_array_length(materials) > 0),
  issued_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  PRIMARY KEY (application_id, event_seq)
);
COMMENT ON TABLE supplement_notices IS 'one-time notices (一次性告知) listing every missing or failing material at once';
SELECT pg_catalog.pg_extension_config_dump('supplement_notices', '');

-- The clock's ledger: every pause (waiting for a supplement, expert
-- review, public notice, hearing) with its reason and its working days.
CREATE TABLE clock_pauses (
  application_id bigint NOT NULL REFERENCES applications,
  event_seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('supplement', 'expert_review', 'public_notice', 'hearing', 'other')),
  reason text NOT NULL,
  paused_on date NOT NULL,
  resumed_on date,
  -- working days the pause added to the time limit, once it ended
  workdays integer CHECK (workdays >= 0),
  PRIMARY KEY (application_id, event_seq),
  CHECK ((resumed_on IS NULL) = (workdays IS NULL))
);
COMMENT ON TABLE clock_pauses IS 'the statutory clock''s ledger: every pause of an application, why, and how many working days it added';
SELECT pg_catalog.pg_extension_config_dump('clock_pauses', '');
