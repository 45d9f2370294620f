
-- The statutory clock of an application (限时办结): its due date, and the
-- same reckoning in words for the applicant.

-- The due date: the promised limit in working days after acceptance,
-- plus the working days of every ended pause.
CREATE FUNCTION application_due_on(application_id bigint, accepted_on date, promised_limit_days integer) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT yiwang.add_workdays(accepted_on, promised_limit_days + coalesce(sum(p.workdays), 0)::integer)
  FROM yiwang.clock_pauses p WHERE p.application_id = application_due_on.application_id;
END;
REVOKE ALL ON FUNCTION application_due_on(bigint, date, integer) FROM PUBLIC;

-- Why the application is due when it is, in words an applicant can read:
-- acceptance, the promised limit, every pause and what it added, the due
-- date, and how the application ended against it.  Runs with the caller's
-- rights: NULL for an application the caller does not see.
CREATE FUNCTION due_date_explanation(application_id bigint) RETURNS text
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  a yiwang.applications;
  item yiwang.service_items;
  p yiwang.clock_pauses;
  lines text[] := '{}';
  concluded date;
BEGIN
  SELECT * INTO a FROM yiwang.applications x WHERE x.application_id = due_date_explanation.application_id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT * INTO item FROM yiwang.service_items i WHERE i.item_code = a.item_code AND i.version = a.item_version;
  IF a.accepted_on IS NULL THEN
    RETURN format('Application %s (%s) is %s and has not been accepted: the time limit of %s working days runs from the day after acceptance.',
                  a.application_id, item.name, replace(a.state, '_', ' '), item.promised_limit_days);
  END IF;
  lines := lines || format('Accepted on %s. %s promises to conclude it within %s working days (the law allows %s), counted from the day after acceptance: due %s.',
                           a.accepted_on, item.name, item.promised_limit_days, item.legal_limit_days,
                           yiwang.add_workdays(a.accepted_on, item.promised_limit_days));
  FOR p IN SELECT * FROM yiwang.clock_pauses x WHERE x.application_id = a.application_id ORDER BY x.event_seq LOOP
    IF p.resumed_on IS NULL THEN
      lines := lines || format('Paused since %s (%s: %s): the clock is stopped, and the due date moves by the working days of the pause when it ends.',
                               p.paused_on, replace(p.kind, '_', ' '), p.reason);
    ELSE
      lines := lines || format('Paused from %s to %s (%s: %s): %s working day%s added.',
                               p.paused_on, p.resumed_on, replace(p.kind, '_', ' '), p.reason, p.workdays,
                               CASE WHEN p.workdays = 1 THEN '' ELSE 's' END);
    END IF;
  END LOOP;
  lines := lines || format('Due %s.', a.due_on);
  concluded := coalesce(a.completed_at, a.decided_at)::date;
  IF a.state IN ('completed', 'delivered') AND concluded IS NOT NULL THEN
    lines := lines || CASE WHEN concluded <= a.due_on
                           THEN format('Concluded on %s, on time.', concluded)
                           ELSE format('Concluded on %s, %s working days late.', concluded,
                                       yiwang.workdays_between(a.due_on, concluded)) END;
  ELSIF a.state IN ('accepted', 'under_review', 'approved', 'denied') AND current_date > a.due_on THEN
    lines := lines || format('Overdue by %s working days.', yiwang.workdays_between(a.due_on, current_date));
  END IF;
  RETURN array_to_string(lines, ' ');
END
$$;
COMMENT ON FUNCTION due_date_explanation(bigint) IS
  'why an application is due when it is, in words: acceptance, the promised limit, every pause, the due date, the outcome';
