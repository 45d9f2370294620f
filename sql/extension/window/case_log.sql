
-- The case log (电子监察): every transition of an application appends one
-- event, who, when, from which state to which, why.  Each application's
-- events form a hash chain of their own,
--   event_hash = SM3(previous_hash || canonical bytes of the event),
-- kept in the application row (events, last_event_hash), so appending
-- takes the lock the transition holds anyway and applications never wait
-- for one another.  Append-only for everyone, the owner included.
CREATE TABLE application_events (
  application_id bigint NOT NULL REFERENCES applications,
  seq integer NOT NULL CHECK (seq > 0),
  happened_at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_subject text NOT NULL,
  actor_department text,
  actor_role text NOT NULL,
  event text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  reason text,
  details jsonb,
  previous_hash bytea NOT NULL,
  event_hash bytea NOT NULL,
  PRIMARY KEY (application_id, seq)
);
COMMENT ON TABLE application_events IS 'the case log: one hash-chained, append-only event per transition of an application';
SELECT pg_catalog.pg_extension_config_dump('application_events', '');

CREATE TRIGGER application_events_append_only BEFORE UPDATE OR DELETE ON application_events
  FOR EACH ROW EXECUTE FUNCTION refuse_log_change('case log', 'events', 'yiwang.verify_case_log() checks the chains');
CREATE TRIGGER application_events_no_truncate BEFORE TRUNCATE ON application_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change('case log', 'events', 'yiwang.verify_case_log() checks the chains');

-- The bytes an event's hash covers, after the previous hash: its fields,
-- one per line, in column order (empty for NULL; details as jsonb text).
CREATE FUNCTION application_event_bytes(application_id bigint, seq integer, happened_at timestamptz,
                                        actor_kind text, actor_subject text, actor_department text,
                                        actor_role text, event text, from_state text, to_state text,
                                        reason text, details jsonb)
  RETURNS bytea
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN convert_to(concat_ws(E'\n', application_id::text, seq::text,
                              to_char(happened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                              actor_kind, actor_subject, coalesce(actor_department, ''), actor_role,
                              event, from_state, to_state, coalesce(reason, ''), coalesce(details::text, '')),
                    'UTF8');

-- Walk one application's chain, or every application's: the first broken
-- link of each broken one.
CREATE FUNCTION verify_case_log(of_application bigint DEFAULT NULL)
  RETURNS TABLE (application_id bigint, intact boolean, events integer, first_broken_event integer, problem text)
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  a record;
  e yiwang.application_events;
  previous bytea;
  expected integer;
BEGIN
  FOR a IN
    SELECT x.application_id, x.events, x.last_event_hash FROM yiwang.applications x
    WHERE of_application IS NULL OR x.application_id = of_application
    ORDER BY x.application_id
  LOOP
    verify_case_log.application_id := a.application_id;
    previous := '\x0000000000000000000000000000000000000000000000000000000000000000';
    expected := 1;
    intact := true; first_broken_event := NULL; problem := NULL;
    FOR e IN SELECT * FROM yiwang.application_events x WHERE x.application_id = a.application_id ORDER BY x.seq LOOP
      IF e.seq <> expected THEN
        problem := format('Event %s is missing: the log goes from event %s to event %s.', expected, expected - 1, e.seq);
      ELSIF e.previous_hash <> previous THEN
        problem := format('Event %s does not point to the hash of event %s.', e.seq, e.seq - 1);
      ELSIF e.event_hash <> yiwang.sm3(previous || yiwang.application_event_bytes(
              e.application_id, e.seq, e.happened_at, e.actor_kind, e.actor_subject, e.actor_department,
              e.actor_role, e.event, e.from_state, e.to_state, e.reason, e.details)) THEN
        problem := format('Event %s was changed: its hash does not match its contents.', e.seq);
      END IF;
      IF problem IS NOT NULL THEN
        intact := false; first_broken_event := expected;
        EXIT;
      END IF;
      previous := e.event_hash;
      expected := expected + 1;
    END LOOP;
    events := expected - 1;
    IF intact AND (a.events <> events OR a.last_event_hash <> previous) THEN
      intact := false; first_broken_event := events + 1;
      problem := format('The application says %s events but its log ends at event %s.', a.events, events);
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;
COMMENT ON FUNCTION verify_case_log(bigint) IS
  'walk the case log of one application (or of all): whether each is intact, and the first broken link';
