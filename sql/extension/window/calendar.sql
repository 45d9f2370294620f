
-- The statutory clock (法定时限).  Time limits of government services are
-- counted in working days (工作日), from the day after acceptance (Civil Code
-- art. 201; Administrative Licensing Law art. 82).  Working days are Monday
-- to Friday, except the weekdays that the State Council's yearly notice on
-- holidays (国务院办公厅关于部分节假日安排的通知) makes days off, plus the
-- weekend days it makes working days (调休上班).  yiwang.calendar holds only
-- those exceptions; the functions count Monday to Friday by arithmetic and
-- correct the count with the exceptions in the range, read through the
-- primary key, so nothing walks the calendar day by day.

CREATE TABLE calendar (
  day date PRIMARY KEY,
  -- false: a weekday off (holiday); true: a Saturday or Sunday worked (make-up day)
  workday boolean NOT NULL,
  note text,
  -- the counting relies on every row being an exception; these hold even
  -- when triggers are disabled (a data-only restore), calendar_row_check
  -- says what is wrong otherwise
  CONSTRAINT calendar_day_finite CHECK (isfinite(day)),
  CONSTRAINT calendar_exceptions_only CHECK (workday = (extract(isodow FROM day) > 5))
);
COMMENT ON TABLE calendar IS
  'exceptions to Monday-Friday working days: weekday holidays (workday false) and weekend make-up working days (workday true)';
SELECT pg_catalog.pg_extension_config_dump('calendar', '');

CREATE FUNCTION calendar_row_check() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  IF NOT isfinite(NEW.day) THEN
    RAISE EXCEPTION 'calendar day % is not a calendar date', NEW.day USING ERRCODE = '23514',
      DETAIL = format('The row is for day %s.', NEW.day),
      HINT = 'The calendar holds single days, such as 2025-10-01.';
  END IF;
  IF NEW.workday = (extract(isodow FROM NEW.day) <= 5) THEN
    RAISE EXCEPTION 'calendar row for % restates the default', NEW.day USING ERRCODE = '23514',
      DETAIL = format('%s is a %s, %s without a row; the row says the same (workday %s).',
                      NEW.day, to_char(NEW.day, 'FMDay'),
                      CASE WHEN NEW.workday THEN 'a working day' ELSE 'a rest day' END,
                      CASE WHEN NEW.workday THEN 'true' ELSE 'false' END),
      HINT = 'Store only exceptions: a weekday holiday with workday false, a Saturday or Sunday worked with workday true.';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER calendar_row_check BEFORE INSERT OR UPDATE ON calendar
  FOR EACH ROW EXECUTE FUNCTION calendar_row_check();

-- Monday-Friday arithmetic.  Days are numbered from Julian day 0,
-- 4714-11-24 BC, which was a Monday and is PostgreSQL's first date: every
-- date has a number x >= 0 and x % 7 is its weekday (0 Monday, 6 Sunday).
-- mon_fri_ordinal(d) is the number of Mondays to Fridays from then up to and
-- including d, so mon_fri_ordinal(b) - mon_fri_ordinal(a) counts those in
-- (a, b]; mon_fri_date(k) is the Monday to Friday whose ordinal is k.  Both
-- are written with strict operators only (least() would do, but is not
-- strict), so that the planner inlines them into their callers.
CREATE FUNCTION mon_fri_ordinal(d date) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  -- 5 per whole week, plus min(x % 7, 4) + 1, with min(r, 4) = r - r / 5 - r / 6 for r in 0..6
  RETURN 5 * ((d - date '4714-11-24 BC') / 7) + (d - date '4714-11-24 BC') % 7
         - (d - date '4714-11-24 BC') % 7 / 5 - (d - date '4714-11-24 BC') % 7 / 6 + 1;
COMMENT ON FUNCTION mon_fri_ordinal(date) IS
  'the number of Mondays to Fridays from 4714-11-24 BC up to and including the date';

-- An ordinal below 1 or beyond the last date raises 22008 date out of range.
CREATE FUNCTION mon_fri_date(ordinal integer) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN date '4714-11-24 BC' + (7 * ((ordinal - 1) / 5) + (ordinal - 1) % 5);
COMMENT ON FUNCTION mon_fri_date(integer) IS 'the Monday to Friday whose mon_fri_ordinal is the given number';

-- The n-th working day after d (n > 0), before d (n < 0); for n = 0, d
-- itself when it is a working day, else the next working day: a time limit
-- whose last day is a day off ends on the next working day (Civil Code
-- art. 203).  Forward, the answer is the first day e after d with n working
-- days in (d, e]; backward, the last day e before d with |n| working days in
-- [e, d).  The Monday-Friday answer is computed first; each exception met on
-- the way moves it by one working day (a holiday further, a make-up day
-- nearer), so the loop runs once per exception between d and the answer.
--
-- No SET search_path here nor in workdays_between: the clause costs a good
-- part of a call on this path, which the due dates of whole queues go
-- through; every name is qualified, and yiwang's SECURITY DEFINER callers
-- pin their own.
CREATE FUNCTION add_workdays(d date, n integer) RETURNS date
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  origin date;        -- forward: working days are counted after this day
  wanted bigint;      -- the Monday-Friday ordinal of the answer without exceptions
  target integer;     -- the same, moved by the exceptions met so far
  landing date;
  exception_day record;
BEGIN
  IF NOT isfinite(d) THEN
    RAISE EXCEPTION 'cannot count working days from an infinite date' USING ERRCODE = '22023',
      DETAIL = format('The date given is %s.', d),
      HINT = 'Give a calendar date, such as current_date.';
  END IF;
  -- n = 0 is the first working day after the day before d
  origin := CASE WHEN n > 0 THEN d WHEN n = 0 THEN d - 1 END;
  wanted := CASE WHEN n >= 0 THEN yiwang.mon_fri_ordinal(origin)::bigint + greatest(n, 1)
                 ELSE yiwang.mon_fri_ordinal(d - 1)::bigint + n + 1 END;
  -- 1533916782 is mon_fri_ordinal('5874897-12-31'), PostgreSQL's last date
  IF wanted NOT BETWEEN 1 AND 1533916782 THEN
    RAISE EXCEPTION 'working day out of range' USING ERRCODE = '22008',
      DETAIL = format('Counting %s working days from %s goes beyond the dates PostgreSQL has.', n, d);
  END IF;
  target := wanted;
  landing := yiwang.mon_fri_date(target);

  IF n >= 0 THEN
    PERFORM FROM yiwang.calendar c WHERE c.day > origin AND c.day <= landing;
    IF NOT FOUND THEN
      RETURN landing;
    END IF;
    FOR exception_day IN
      SELECT c.day, c.workday FROM yiwang.calendar c WHERE c.day > origin ORDER BY c.day
    LOOP
      landing := yiwang.mon_fri_date(target);
      IF landing < exception_day.day THEN
        RETURN landing;
      END IF;
      IF exception_day.workday THEN
        -- a weekend day worked: one weekday fewer is needed, and it may be the answer
        target := target - 1;
        IF yiwang.mon_fri_ordinal(exception_day.day) >= target THEN
          RETURN exception_day.day;
        END IF;
      ELSE
        target := target + 1;
      END IF;
    END LOOP;
    RETURN yiwang.mon_fri_date(target);
  END IF;

  -- backward, the mirror image
  PERFORM FROM yiwang.calendar c WHERE c.day >= landing AND c.day < d;
  IF NOT FOUND THEN
    RETURN landing;
  END IF;
  FOR exception_day IN
    SELECT c.day, c.workday FROM yiwang.calendar c WHERE c.day < d ORDER BY c.day DESC
  LOOP
    landing := yiwang.mon_fri_date(target);
    IF landing > exception_day.day THEN
      RETURN landing;
    END IF;
    IF exception_day.workday THEN
      target := target + 1;
      IF yiwang.mon_fri_ordinal(exception_day.day) < target THEN
        RETURN exception_day.day;
      END IF;
    ELSE
      target := target - 1;
    END IF;
  END LOOP;
  RETURN yiwang.mon_fri_date(target);
END
$$;
COMMENT ON FUNCTION add_workdays(date, integer) IS
  'the n-th working day after d (before d when n < 0); for n = 0, d if it is a working day, else the next working day';

-- The working days e with a < e <= b; when b < a, minus those with
-- b < e <= a.  So workdays_between(a, b) = -workdays_between(b, a),
-- workdays_between(a, b) + workdays_between(b, c) = workdays_between(a, c),
-- and add_workdays(a, workdays_between(a, b)) = b when b >= a is a working
-- day (when b < a, if both are working days).
CREATE FUNCTION workdays_between(a date, b date) RETURNS integer
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  low date := least(a, b);
  high date := greatest(a, b);
  exceptions integer;
  total integer;
BEGIN
  IF NOT (isfinite(a) AND isfinite(b)) THEN
    RAISE EXCEPTION 'cannot count working days to an infinite date' USING ERRCODE = '22023',
      DETAIL = format('The dates given are %s and %s.', a, b),
      HINT = 'Give calendar dates, such as current_date.';
  END IF;
  SELECT coalesce(sum(CASE WHEN c.workday THEN 1 ELSE -1 END), 0) INTO exceptions
  FROM yiwang.calendar c WHERE c.day > low AND c.day <= high;
  total := yiwang.mon_fri_ordinal(high) - yiwang.mon_fri_ordinal(low) + exceptions;
  RETURN CASE WHEN a <= b THEN total ELSE -total END;
END
$$;
COMMENT ON FUNCTION workdays_between(date, date) IS
  'the number of working days e with a < e <= b; negative, minus those with b < e <= a, when b < a';

-- Loading a year.  The State Council's notice lists, festival by festival,
-- a period of days off (放假调休) and the weekend days worked in exchange
-- (上班); holiday_period is one such line, so the DBA transcribes the notice
-- as it is written.  The weekend days inside a period are rest days anyway
-- and are not stored.
CREATE TYPE holiday_period AS (
  name text,
  days_off daterange,
  makeup_workdays date[]
);
COMMENT ON TYPE holiday_period IS
  'one festival of the State Council''s yearly notice: its name, its days off, the weekend days worked in exchange';

-- Replace the calendar rows of one year by the schedule given, in one
-- transaction, and return the year's rows.  Runs with the caller's rights:
-- administrators write yiwang.calendar directly too.
CREATE FUNCTION load_holiday_schedule(year integer, periods holiday_period[])
  RETURNS SETOF calendar
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  first_day date;
  last_day date;
  period yiwang.holiday_period;
  number integer := 0;
  label text;
  makeup date;
  seen_makeup date[] := '{}';
  wrong record;
BEGIN
  IF year IS NULL OR year NOT BETWEEN 1 AND 9999 THEN
    RAISE EXCEPTION 'cannot load a holiday schedule for year %', coalesce(year::text, 'NULL') USING ERRCODE = '22023',
      DETAIL = format('The year given is %s.', coalesce(year::text, 'NULL')),
      HINT = 'Give the year of the State Council''s notice, such as 2025.';
  END IF;
  first_day := make_date(year, 1, 1);
  last_day := make_date(year, 12, 31);
  IF periods IS NULL OR cardinality(periods) = 0 THEN
    RAISE EXCEPTION 'holiday schedule for % has no periods', year USING ERRCODE = '22023',
      DETAIL = 'The schedule given is empty; loading it would remove the year''s calendar.',
      HINT = format('To remove it, DELETE FROM yiwang.calendar WHERE day BETWEEN %L AND %L.', first_day, last_day);
  END IF;

  FOREACH period IN ARRAY periods LOOP
    number := number + 1;
    label := CASE WHEN period.name IS NULL OR period.name = '' THEN format('Period %s', number)
                  ELSE format('Period %s (%s)', number, period.name) END;
    IF period.days_off IS NULL OR isempty(period.days_off)
       OR lower_inf(period.days_off) OR upper_inf(period.days_off) THEN
      RAISE EXCEPTION 'holiday period without its days off' USING ERRCODE = '22023',
        DETAIL = format('%s has days off %s.', label, coalesce(period.days_off::text, 'NULL')),
        HINT = 'Give the first and the last day off, both included, such as ''[2025-10-01,2025-10-08]''.';
    END IF;
    IF lower(period.days_off) < first_day OR upper(period.days_off) - 1 > last_day THEN
      RAISE EXCEPTION 'holiday period outside %', year USING ERRCODE = '22023',
        DETAIL = format('%s has day off %s, which is not in %s.', label,
                        CASE WHEN lower(period.days_off) < first_day THEN lower(period.days_off)
                             ELSE upper(period.days_off) - 1 END, year),
        HINT = format('Give the part of the period that falls in %s; its days in another year belong to that year''s calendar.', year);
    END IF;
    FOREACH makeup IN ARRAY coalesce(period.makeup_workdays, '{}') LOOP
      IF makeup IS NULL OR NOT isfinite(makeup) OR makeup NOT BETWEEN first_day AND last_day THEN
        RAISE EXCEPTION 'make-up working day outside %', year USING ERRCODE = '22023',
          DETAIL = format('%s has make-up working day %s, which is not in %s.', label, coalesce(makeup::text, 'NULL'), year),
          HINT = 'A make-up working day of another year belongs to that year''s calendar.';
      END IF;
      IF extract(isodow FROM makeup) <= 5 THEN
        RAISE EXCEPTION 'make-up working day on a weekday' USING ERRCODE = '22023',
          DETAIL = format('%s has make-up working day %s, a %s, which is a working day anyway.',
                          label, makeup, to_char(makeup, 'FMDay')),
          HINT = 'Make-up working days (调休上班) are the Saturdays and Sundays the notice says are worked.';
      END IF;
      IF makeup = ANY (seen_makeup) THEN
        RAISE EXCEPTION 'make-up working day given twice' USING ERRCODE = '22023',
          DETAIL = format('%s repeats make-up working day %s.', label, makeup),
          HINT = 'Give each make-up working day once, with the festival it belongs to.';
      END IF;
      seen_makeup := seen_makeup || makeup;
    END LOOP;
  END LOOP;

  -- a day in two periods, or a day both off and worked
  SELECT g.day::date AS day,
         string_agg(CASE WHEN coalesce(p.name, '') = '' THEN format('period %s', p.ordinality)
                         ELSE format('period %s (%s)', p.ordinality, p.name) END, ' and ' ORDER BY p.ordinality) AS periods
  INTO wrong
  FROM unnest(periods) WITH ORDINALITY AS p,
       generate_series(lower(p.days_off), upper(p.days_off) - 1, interval '1 day') AS g(day)
  GROUP BY g.day HAVING count(*) > 1 ORDER BY g.day LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'holiday periods overlap' USING ERRCODE = '22023',
      DETAIL = format('Day %s is a day off of %s.', wrong.day, wrong.periods),
      HINT = 'Give each day off in one period; festivals the notice joins (such as National Day and Mid-Autumn) are one period.';
  END IF;
  SELECT m.day,
         CASE WHEN coalesce(p.name, '') = '' THEN format('period %s', p.ordinality)
              ELSE format('period %s (%s)', p.ordinality, p.name) END AS periods
  INTO wrong
  FROM unnest(periods) WITH ORDINALITY AS p, unnest(seen_makeup) AS m(day)
  WHERE m.day <@ p.days_off ORDER BY m.day LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'make-up working day inside a holiday period' USING ERRCODE = '22023',
      DETAIL = format('Day %s is given as a make-up working day and as a day off of %s.', wrong.day, wrong.periods),
      HINT = 'Check the dates against the notice: a day is either off or worked.';
  END IF;

  -- one loader at a time; readers go on
  LOCK TABLE yiwang.calendar IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM yiwang.calendar c WHERE c.day BETWEEN first_day AND last_day;
  INSERT INTO yiwang.calendar (day, workday, note)
  SELECT g.day::date, false, nullif(p.name, '')
  FROM unnest(periods) AS p, generate_series(lower(p.days_off), upper(p.days_off) - 1, interval '1 day') AS g(day)
  WHERE extract(isodow FROM g.day) <= 5
  UNION ALL
  SELECT m.day, true, nullif(p.name, '')
  FROM unnest(periods) AS p, unnest(p.makeup_workdays) AS m(day);

  RETURN QUERY SELECT c.* FROM yiwang.calendar c WHERE c.day BETWEEN first_day AND last_day ORDER BY c.day;
END
$$;
REVOKE ALL ON FUNCTION load_holiday_schedule(integer, holiday_period[]) FROM PUBLIC;
COMMENT ON FUNCTION load_holiday_schedule(integer, holiday_period[]) IS
  'replace the calendar of a year by the State Council''s schedule, festival by festival; returns the year''s rows';

-- What is loaded, year by year, with the year's number of working days to
-- compare with the figure published with the notice.
CREATE FUNCTION calendar_years_loaded()
  RETURNS TABLE (year integer, holidays integer, makeup_workdays integer, working_days integer)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT y.year, y.holidays, y.makeup_workdays,
         yiwang.workdays_between(make_date(y.year, 1, 1) - 1, make_date(y.year, 12, 31))
  FROM (SELECT extract(year FROM c.day)::integer AS year,
               (count(*) FILTER (WHERE NOT c.workday))::integer AS holidays,
               (count(*) FILTER (WHERE c.workday))::integer AS makeup_workdays
        FROM yiwang.calendar c GROUP BY 1) y
  ORDER BY y.year;
END;
COMMENT ON FUNCTION calendar_years_loaded() IS
  'the years that have calendar rows: holidays, make-up working days and working days of each';

-- Beyond the loaded years the functions count Monday to Friday: a due date
-- in such a year misses its holidays.  This says which years between two
-- dates have no calendar row, so that an application can flag the date.
CREATE FUNCTION calendar_missing_years(a date, b date) RETURNS integer[]
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  missing integer[];
BEGIN
  IF NOT (isfinite(a) AND isfinite(b)) THEN
    RAISE EXCEPTION 'cannot list the years up to an infinite date' USING ERRCODE = '22023',
      DETAIL = format('The dates given are %s and %s.', a, b),
      HINT = 'Give calendar dates, such as current_date.';
  END IF;
  SELECT coalesce(array_agg(y.year ORDER BY y.year), '{}') INTO missing
  FROM generate_series(extract(year FROM least(a, b))::integer, extract(year FROM greatest(a, b))::integer) AS y(year)
  WHERE y.year <> 0  -- 1 BC is followed by AD 1
    AND NOT EXISTS (SELECT FROM yiwang.calendar c
                    WHERE c.day BETWEEN make_date(y.year, 1, 1) AND make_date(y.year, 12, 31));
  RETURN missing;
END
$$;
COMMENT ON FUNCTION calendar_missing_years(date, date) IS
  'the years from the year of a to the year of b that have no calendar row (counted Monday to Friday)';
