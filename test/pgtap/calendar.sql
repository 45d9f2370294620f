-- calendar: the statutory clock.  yiwang.calendar holds the exceptions to
-- Monday-Friday; add_workdays and workdays_between count working days with
-- them.  The fixture is the State Council's schedule for 2025 (国务院办公厅
-- 关于2025年部分节假日安排的通知), festival by festival, with the weekdays:
--   New Year's Day         1 Jan (Wed), 1 day, no make-up day
--   Spring Festival        28 Jan (Tue) - 4 Feb (Tue); worked Sun 26 Jan, Sat 8 Feb
--   Qingming               4 Apr (Fri) - 6 Apr (Sun)
--   Labour Day             1 May (Thu) - 5 May (Mon); worked Sun 27 Apr
--   Dragon Boat Festival   31 May (Sat) - 2 Jun (Mon)
--   National Day and Mid-Autumn  1 Oct (Wed) - 8 Oct (Wed); worked Sun 28 Sep, Sat 11 Oct
-- which makes 248 working days in 2025, the figure published for the year.
-- Every answer is also compared with a day-by-day count over generate_series,
-- on this calendar and on a dense random one.
BEGIN;
SELECT plan(96);

SET LOCAL search_path = public, pg_catalog;
DELETE FROM yiwang.calendar;

-- The SQLSTATE, message, detail and hint of the error a statement raises,
-- as one line ('' when it raises none).
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  state text;
  message text;
  detail text;
  hint text;
BEGIN
  EXECUTE statement;
  RETURN '';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  RETURN concat_ws(' | ', state, message, nullif(detail, ''), nullif(hint, ''));
END
$$;

-- The lines of a query's plan.
CREATE FUNCTION pg_temp.explain_lines(query text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query;
END
$$;

-- The 2025 schedule as the DBA loads it, festival by festival.
CREATE FUNCTION pg_temp.schedule_2025() RETURNS yiwang.holiday_period[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    ('元旦 New Year''s Day', '[2025-01-01,2025-01-01]', NULL),
    ('春节 Spring Festival', '[2025-01-28,2025-02-04]', '{2025-01-26,2025-02-08}'),
    ('清明节 Qingming', '[2025-04-04,2025-04-06]', NULL),
    ('劳动节 Labour Day', '[2025-05-01,2025-05-05]', '{2025-04-27}'),
    ('端午节 Dragon Boat Festival', '[2025-05-31,2025-06-02]', NULL),
    ('国庆节、中秋节 National Day and Mid-Autumn', '[2025-10-01,2025-10-08]', '{2025-09-28,2025-10-11}')
  ]::yiwang.holiday_period[]
$$;

-- The reference: every day of a range, working or not, read day by day
-- (its row if it has one, else Monday to Friday).
CREATE TEMP TABLE days (day date PRIMARY KEY, workday boolean NOT NULL);
CREATE FUNCTION pg_temp.build_reference(first date, last date) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM pg_temp.days;
  INSERT INTO pg_temp.days
  SELECT g::date, coalesce(c.workday, extract(isodow FROM g) < 6)
  FROM generate_series(first, last, interval '1 day') AS g
  LEFT JOIN yiwang.calendar c ON c.day = g::date;
  ANALYZE pg_temp.days;
$$;
-- n > 0: the n-th working day after d; n < 0: the |n|-th before d;
-- n = 0: the first working day on or after d.
CREATE FUNCTION pg_temp.reference_add(d date, n integer) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN n > 0 THEN (SELECT r.day FROM pg_temp.days r WHERE r.day > d AND r.workday ORDER BY r.day OFFSET n - 1 LIMIT 1)
    WHEN n < 0 THEN (SELECT r.day FROM pg_temp.days r WHERE r.day < d AND r.workday ORDER BY r.day DESC OFFSET -n - 1 LIMIT 1)
    ELSE (SELECT r.day FROM pg_temp.days r WHERE r.day >= d AND r.workday ORDER BY r.day LIMIT 1)
  END
$$;
-- The working days e with a < e <= b, negated when b < a.
CREATE FUNCTION pg_temp.reference_between(a date, b date) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN a <= b THEN 1 ELSE -1 END
         * (SELECT count(*)::integer FROM pg_temp.days r
            WHERE r.workday AND r.day > least(a, b) AND r.day <= greatest(a, b))
$$;
-- The pairs (d, n) whose answer differs from the reference, one per line.
CREATE FUNCTION pg_temp.add_mismatches(first date, last date, max_n integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(format('add_workdays(%s, %s) = %s, reference %s', d, n, got, want),
                             E'\n' ORDER BY d, n), '')
  FROM (SELECT g::date AS d, n, yiwang.add_workdays(g::date, n) AS got, pg_temp.reference_add(g::date, n) AS want
        FROM generate_series(first, last, interval '1 day') AS g, generate_series(-max_n, max_n) AS n) t
  WHERE got IS DISTINCT FROM want
$$;
CREATE FUNCTION pg_temp.between_mismatches(first date, last date, max_gap integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(format('workdays_between(%s, %s) = %s, reference %s', a, b, got, want),
                             E'\n' ORDER BY a, b), '')
  FROM (SELECT g::date AS a, g::date + k AS b, yiwang.workdays_between(g::date, g::date + k) AS got,
               pg_temp.reference_between(g::date, g::date + k) AS want
        FROM generate_series(first, last, interval '1 day') AS g, generate_series(-max_gap, max_gap) AS k) t
  WHERE got IS DISTINCT FROM want
$$;

-- ---------------------------------------------------------------------------
-- The table and the functions, as the catalog has them.

SELECT col_is_pk('yiwang', 'calendar', 'day', 'calendar: one row per day');
SELECT is((SELECT string_agg(format('%s %s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                                    CASE WHEN a.attnotnull THEN ' not null' ELSE '' END), ', ' ORDER BY a.attnum)
           FROM pg_attribute a WHERE a.attrelid = 'yiwang.calendar'::regclass AND a.attnum > 0 AND NOT a.attisdropped),
          'day date not null, workday boolean not null, note text',
          'calendar (day date primary key, workday boolean not null, note text)');
SELECT is((SELECT e.extcondition[array_position(e.extconfig, 'yiwang.calendar'::regclass::oid)]
           FROM pg_extension e WHERE e.extname = 'yiwang'),
          '', 'calendar is extension configuration: pg_dump writes all its rows');
SELECT is((SELECT row(c.relrowsecurity, c.relforcerowsecurity)::text FROM pg_class c
           WHERE c.oid = 'yiwang.calendar'::regclass),
          '(t,t)', 'calendar has row-level security, forced');
SELECT is((SELECT string_agg(format('%s %s %s %s', p.proname, p.provolatile, p.proparallel,
                                    CASE WHEN p.proisstrict THEN 'strict' ELSE 'not strict' END), ', ' ORDER BY p.proname)
           FROM pg_proc p WHERE p.pronamespace = 'yiwang'::regnamespace
             AND p.proname IN ('add_workdays', 'workdays_between', 'mon_fri_ordinal', 'mon_fri_date', 'calendar_missing_years')),
          'add_workdays s s strict, calendar_missing_years s s strict, mon_fri_date i s strict, '
          'mon_fri_ordinal i s strict, workdays_between s s strict',
          'functions reading the calendar are STABLE, the arithmetic IMMUTABLE; all STRICT and PARALLEL SAFE');
SELECT pg_temp.build_reference('2025-01-01', '2025-01-31');
SELECT doesnt_match(
  (SELECT string_agg(line, E'\n') FROM pg_temp.explain_lines(
     $$SELECT yiwang.mon_fri_ordinal(r.day), yiwang.mon_fri_date(r.day - date '2000-01-01') FROM pg_temp.days r$$) AS line),
  'mon_fri', 'the Monday-Friday arithmetic is inlined into its callers, not called per row');

-- ---------------------------------------------------------------------------
-- An empty calendar: Monday to Friday.

SELECT is(yiwang.add_workdays('2025-01-03', 1), '2025-01-06'::date, 'no rows: Friday + 1 working day is Monday');
SELECT is(yiwang.workdays_between('2024-12-31', '2025-12-31'), 261, 'no rows: 2025 has 261 Mondays to Fridays');
SELECT is(yiwang.calendar_missing_years('2024-12-20', '2026-01-10'), '{2024,2025,2026}'::integer[],
          'no rows: calendar_missing_years names every year of the range');

-- ---------------------------------------------------------------------------
-- Loading 2025, as an administrator.

SET LOCAL ROLE yiwang_admin;
SELECT results_eq(
  $$SELECT c.day, c.workday FROM yiwang.load_holiday_schedule(2025, pg_temp.schedule_2025()) c$$,
  $$VALUES ('2025-01-01'::date, false), ('2025-01-26', true), ('2025-01-28', false), ('2025-01-29', false),
           ('2025-01-30', false), ('2025-01-31', false), ('2025-02-03', false), ('2025-02-04', false),
           ('2025-02-08', true), ('2025-04-04', false), ('2025-04-27', true), ('2025-05-01', false),
           ('2025-05-02', false), ('2025-05-05', false), ('2025-06-02', false), ('2025-09-28', true),
           ('2025-10-01', false), ('2025-10-02', false), ('2025-10-03', false), ('2025-10-06', false),
           ('2025-10-07', false), ('2025-10-08', false), ('2025-10-11', true)$$,
  'load_holiday_schedule stores the weekdays off and the weekend days worked, and returns them in order');
RESET ROLE;
SELECT is((SELECT string_agg(DISTINCT c.note, ' / ' ORDER BY c.note) FROM yiwang.calendar c WHERE c.day BETWEEN '2025-01-26' AND '2025-02-08'),
          '春节 Spring Festival', 'each row is noted with its festival, make-up days included');
SELECT is((SELECT row(y.*)::text FROM yiwang.calendar_years_loaded() y),
          '(2025,18,5,248)', 'calendar_years_loaded: 2025 has 18 weekdays off, 5 weekend days worked, 248 working days');
SELECT is(yiwang.calendar_missing_years('2024-12-20', '2026-01-10'), '{2024,2026}'::integer[],
          'calendar_missing_years names the years of the range without rows');
SELECT is(yiwang.calendar_missing_years('2025-12-31', '2025-01-01'), '{}'::integer[],
          'calendar_missing_years: empty when the range is covered, in either order');

-- ---------------------------------------------------------------------------
-- Worked cases.

SELECT is(yiwang.add_workdays(v.d::date, v.n), v.want::date, format('add_workdays(%s, %s) = %s: %s', v.d, v.n, v.want, v.why))
FROM (VALUES
  ('2025-03-03', 4, '2025-03-07', 'a plain week, Monday to Friday'),
  ('2025-03-06', 2, '2025-03-10', 'across a weekend'),
  ('2025-03-08', 1, '2025-03-10', 'from a Saturday, counting starts the day after'),
  ('2025-03-03', 10, '2025-03-17', 'two weeks'),
  ('2024-12-31', 1, '2025-01-02', 'New Year''s Day is off'),
  ('2025-01-24', 1, '2025-01-26', 'the Sunday before the Spring Festival is worked'),
  ('2025-01-24', 2, '2025-01-27', 'then Monday'),
  ('2025-01-24', 3, '2025-02-05', 'then 28 January to 4 February are off'),
  ('2025-02-07', 1, '2025-02-08', 'Saturday 8 February is worked'),
  ('2025-01-20', 20, '2025-02-21', 'a 20-working-day limit across the Spring Festival'),
  ('2025-04-03', 1, '2025-04-07', 'Qingming'),
  ('2025-04-25', 1, '2025-04-27', 'Sunday 27 April is worked'),
  ('2025-04-30', 1, '2025-05-06', 'Labour Day'),
  ('2025-05-30', 1, '2025-06-03', 'the Dragon Boat Festival'),
  ('2025-09-26', 1, '2025-09-28', 'Sunday 28 September is worked'),
  ('2025-09-30', 1, '2025-10-09', 'National Day and Mid-Autumn'),
  ('2025-09-26', 5, '2025-10-10', 'across National Day, with its make-up Sunday'),
  ('2025-10-10', 1, '2025-10-11', 'Saturday 11 October is worked'),
  ('2025-03-05', 0, '2025-03-05', 'n = 0 on a working day is the day itself'),
  ('2025-03-08', 0, '2025-03-10', 'n = 0 on a Saturday is the next working day'),
  ('2025-01-26', 0, '2025-01-26', 'n = 0 on a make-up Sunday is that Sunday'),
  ('2025-10-01', 0, '2025-10-09', 'n = 0 on a holiday is the first working day after it'),
  ('2025-03-10', -1, '2025-03-07', 'n = -1 on a Monday is the Friday before'),
  ('2025-03-08', -1, '2025-03-07', 'n = -1 on a Saturday is the Friday before'),
  ('2025-02-05', -1, '2025-01-27', 'backward across the Spring Festival'),
  ('2025-02-05', -2, '2025-01-26', 'backward, the make-up Sunday counts'),
  ('2025-10-12', -1, '2025-10-11', 'backward onto the make-up Saturday'),
  ('2025-01-02', -1, '2024-12-31', 'backward across New Year''s Day'),
  ('2025-02-21', -20, '2025-01-20', 'backward 20 working days across the Spring Festival'),
  ('2026-12-31', 1, '2027-01-01', 'a year without rows counts Monday to Friday')
) AS v(d, n, want, why);

SELECT is(yiwang.workdays_between(v.a::date, v.b::date), v.want, format('workdays_between(%s, %s) = %s: %s', v.a, v.b, v.want, v.why))
FROM (VALUES
  ('2025-01-24', '2025-02-08', 6, 'the Spring Festival: 26 and 27 January, 5 to 8 February'),
  ('2025-02-08', '2025-01-24', -6, 'the other way round, negative'),
  ('2024-12-31', '2025-12-31', 248, 'the working days of 2025'),
  ('2025-09-30', '2025-10-08', 0, 'none during National Day'),
  ('2025-03-05', '2025-03-05', 0, 'none from a day to itself'),
  ('2025-03-07', '2025-03-09', 0, 'none from Friday to Sunday'),
  ('2025-03-07', '2025-03-10', 1, 'the Monday, b included'),
  ('2025-01-20', '2025-02-21', 20, 'the 20-working-day limit above')
) AS v(a, b, want, why);

SELECT is(row(yiwang.add_workdays(NULL, 1), yiwang.add_workdays('2025-01-01', NULL),
              yiwang.workdays_between(NULL, '2025-01-01'), yiwang.workdays_between('2025-01-01', NULL))::text,
          '(,,,)', 'NULL in, NULL out (STRICT)');

-- ---------------------------------------------------------------------------
-- Against the day-by-day reference, on 2025 and the months around it.

SELECT pg_temp.build_reference('2024-06-01', '2026-08-31');
SELECT is(pg_temp.add_mismatches('2024-11-01', '2026-02-28', 40), '',
          'add_workdays(d, n) equals the day-by-day count for every d from November 2024 to February 2026, n from -40 to 40');
SELECT is(pg_temp.between_mismatches('2024-11-01', '2026-02-28', 60), '',
          'workdays_between(a, b) equals the day-by-day count for every a in the range and b within 60 days');
SELECT is((SELECT count(*)::integer FROM pg_temp.days d
           WHERE yiwang.add_workdays(d.day, 0) <> yiwang.add_workdays(d.day - 1, 1)), 0,
          'add_workdays(d, 0) = add_workdays(d - 1, 1) on every day');
SELECT is((SELECT coalesce(string_agg(format('%s -> %s', a, b), ', '), '')
           FROM (SELECT g::date AS a, g::date + k AS b
                 FROM generate_series(date '2024-11-01', date '2026-02-28', interval '1 day') AS g,
                      generate_series(0, 90) AS k) p
           JOIN pg_temp.days w ON w.day = p.b AND w.workday
           WHERE yiwang.add_workdays(p.a, yiwang.workdays_between(p.a, p.b)) <> p.b), '',
          'round trip: add_workdays(a, workdays_between(a, b)) = b for every working day b from a to 90 days later');
SELECT is((SELECT coalesce(string_agg(format('%s -> %s', a, b), ', '), '')
           FROM (SELECT g::date AS a, g::date - k AS b
                 FROM generate_series(date '2024-11-01', date '2026-02-28', interval '1 day') AS g,
                      generate_series(1, 90) AS k) p
           JOIN pg_temp.days wa ON wa.day = p.a AND wa.workday
           JOIN pg_temp.days wb ON wb.day = p.b AND wb.workday
           WHERE yiwang.add_workdays(p.a, yiwang.workdays_between(p.a, p.b)) <> p.b), '',
          'round trip backward: add_workdays(a, workdays_between(a, b)) = b when a and b are working days and b < a');
SELECT is((SELECT count(*)::integer
           FROM generate_series(date '2024-12-01', date '2025-12-31', interval '3 days') AS a,
                generate_series(-40, 40, 7) AS j, generate_series(-40, 40, 9) AS k
           WHERE yiwang.workdays_between(a::date, a::date + j) + yiwang.workdays_between(a::date + j, a::date + k)
                 <> yiwang.workdays_between(a::date, a::date + k)
              OR yiwang.workdays_between(a::date, a::date + j) <> -yiwang.workdays_between(a::date + j, a::date)), 0,
          'workdays_between is antisymmetric and adds up: (a, b) + (b, c) = (a, c)');

-- ---------------------------------------------------------------------------
-- Refusals.

SELECT is(pg_temp.error_of($$SELECT yiwang.add_workdays('infinity', 1)$$),
          '22023 | cannot count working days from an infinite date | The date given is infinity. | Give a calendar date, such as current_date.',
          'add_workdays refuses an infinite date: 22023');
SELECT is(pg_temp.error_of($$SELECT yiwang.workdays_between('2025-01-01', '-infinity')$$),
          '22023 | cannot count working days to an infinite date | The dates given are 2025-01-01 and -infinity. | Give calendar dates, such as current_date.',
          'workdays_between refuses an infinite date: 22023');
SELECT is(pg_temp.error_of($$SELECT yiwang.add_workdays('2025-01-01', 2147483647)$$),
          '22008 | working day out of range | Counting 2147483647 working days from 2025-01-01 goes beyond the dates PostgreSQL has.',
          'add_workdays beyond the last date: 22008');
SELECT is(pg_temp.error_of($$SELECT yiwang.calendar_missing_years('2025-01-01', 'infinity')$$),
          '22023 | cannot list the years up to an infinite date | The dates given are 2025-01-01 and infinity. | Give calendar dates, such as current_date.',
          'calendar_missing_years refuses an infinite date: 22023');

-- the table keeps exceptions only
SELECT is(pg_temp.error_of($$INSERT INTO yiwang.calendar VALUES ('2025-03-08', false, 'a Saturday off')$$),
          '23514 | calendar row for 2025-03-08 restates the default | 2025-03-08 is a Saturday, a rest day without a row; '
          'the row says the same (workday false). | Store only exceptions: a weekday holiday with workday false, a Saturday or Sunday worked with workday true.',
          'a row making a Saturday a rest day is refused: 23514');
SELECT is(pg_temp.error_of($$UPDATE yiwang.calendar SET workday = true WHERE day = '2025-10-01'$$),
          '23514 | calendar row for 2025-10-01 restates the default | 2025-10-01 is a Wednesday, a working day without a row; '
          'the row says the same (workday true). | Store only exceptions: a weekday holiday with workday false, a Saturday or Sunday worked with workday true.',
          'an update making a weekday row a working day is refused: 23514');
SELECT is(pg_temp.error_of($$INSERT INTO yiwang.calendar VALUES ('infinity', true, NULL)$$),
          '23514 | calendar day infinity is not a calendar date | The row is for day infinity. | The calendar holds single days, such as 2025-10-01.',
          'a row for an infinite day is refused: 23514');
SET LOCAL session_replication_role = replica;
SELECT is(pg_temp.error_of($$INSERT INTO yiwang.calendar VALUES ('2025-03-10', true, NULL)$$),
          '23514 | new row for relation "calendar" violates check constraint "calendar_exceptions_only" | Failing row contains (2025-03-10, t, null).',
          'with triggers off (a data-only restore), the check constraint still keeps the rows exceptions');
RESET session_replication_role;

-- the loader checks the whole schedule before it changes anything
SELECT is(pg_temp.error_of(format('SELECT yiwang.load_holiday_schedule(2026, %L::yiwang.holiday_period[])', v.periods)),
          v.want, 'load_holiday_schedule refuses ' || v.why)
FROM (VALUES
  ('{"(元旦,\"[2026-01-01,2026-01-01]\",{2026-01-05})"}',
   '22023 | make-up working day on a weekday | Period 1 (元旦) has make-up working day 2026-01-05, a Monday, which is a working day anyway. | '
   'Make-up working days (调休上班) are the Saturdays and Sundays the notice says are worked.',
   'a make-up day on a weekday'),
  ('{"(元旦,\"[2025-12-31,2026-01-01]\",)"}',
   '22023 | holiday period outside 2026 | Period 1 (元旦) has day off 2025-12-31, which is not in 2026. | '
   'Give the part of the period that falls in 2026; its days in another year belong to that year''s calendar.',
   'a day off in another year'),
  ('{"(春节,\"[2026-02-15,2026-02-23]\",{2027-01-02})"}',
   '22023 | make-up working day outside 2026 | Period 1 (春节) has make-up working day 2027-01-02, which is not in 2026. | '
   'A make-up working day of another year belongs to that year''s calendar.',
   'a make-up day in another year'),
  ('{"(春节,\"[2026-02-15,2026-02-23]\",{2026-02-21})"}',
   '22023 | make-up working day inside a holiday period | Day 2026-02-21 is given as a make-up working day and as a day off of period 1 (春节). | '
   'Check the dates against the notice: a day is either off or worked.',
   'a day both off and worked'),
  ('{"(春节,\"[2026-02-15,2026-02-23]\",\"{2026-02-14,2026-02-14}\")"}',
   '22023 | make-up working day given twice | Period 1 (春节) repeats make-up working day 2026-02-14. | '
   'Give each make-up working day once, with the festival it belongs to.',
   'a make-up day given twice'),
  ('{"(国庆节,\"[2026-10-01,2026-10-07]\",)","(中秋节,\"[2026-09-25,2026-10-01]\",)"}',
   '22023 | holiday periods overlap | Day 2026-10-01 is a day off of period 1 (国庆节) and period 2 (中秋节). | '
   'Give each day off in one period; festivals the notice joins (such as National Day and Mid-Autumn) are one period.',
   'overlapping periods'),
  ('{"(元旦,,)"}',
   '22023 | holiday period without its days off | Period 1 (元旦) has days off NULL. | '
   'Give the first and the last day off, both included, such as ''[2025-10-01,2025-10-08]''.',
   'a period without days off'),
  ('{"(元旦,\"[2026-01-01,)\",)"}',
   '22023 | holiday period without its days off | Period 1 (元旦) has days off [2026-01-01,). | '
   'Give the first and the last day off, both included, such as ''[2025-10-01,2025-10-08]''.',
   'a period without a last day'),
  ('{}',
   '22023 | holiday schedule for 2026 has no periods | The schedule given is empty; loading it would remove the year''s calendar. | '
   'To remove it, DELETE FROM yiwang.calendar WHERE day BETWEEN ''2026-01-01'' AND ''2026-12-31''.',
   'an empty schedule')
) AS v(periods, want, why);
SELECT is(pg_temp.error_of($$SELECT yiwang.load_holiday_schedule(NULL, '{"(元旦,\"[2026-01-01,2026-01-01]\",)"}')$$),
          '22023 | cannot load a holiday schedule for year NULL | The year given is NULL. | Give the year of the State Council''s notice, such as 2025.',
          'load_holiday_schedule refuses a NULL year');

-- loading replaces the year, and only the year
INSERT INTO yiwang.calendar VALUES ('2024-12-31', false, 'a day of 2024'), ('2026-01-03', true, 'a day of 2026');
SELECT is((SELECT count(*)::integer FROM yiwang.load_holiday_schedule(2025, ARRAY[('元旦', '[2025-01-01,2025-01-01]', NULL)]::yiwang.holiday_period[])),
          1, 'loading a year again replaces its rows');
SELECT is((SELECT string_agg(c.day::text, ' ' ORDER BY c.day) FROM yiwang.calendar c), '2024-12-31 2025-01-01 2026-01-03',
          'the rows of the other years stay');
SELECT is(pg_temp.error_of($$SELECT yiwang.load_holiday_schedule(2025, '{"(春节,\"[2025-01-28,2025-02-04]\",{2025-01-27})"}')$$) <> '',
          true, 'a schedule that is refused ...');
SELECT is((SELECT string_agg(c.day::text, ' ' ORDER BY c.day) FROM yiwang.calendar c), '2024-12-31 2025-01-01 2026-01-03',
          '... leaves the calendar as it was');
DELETE FROM yiwang.calendar WHERE day IN ('2024-12-31', '2026-01-03');
SELECT is((SELECT count(*)::integer FROM yiwang.load_holiday_schedule(2025, pg_temp.schedule_2025())), 23,
          'loading the 2025 schedule again');

-- ---------------------------------------------------------------------------
-- Privileges: administrators load and change the calendar; every yiwang
-- role, and yiwang_api, reads it and counts with it (row-level security
-- lets them see every row: the Spring Festival answer shows it).

CREATE ROLE yiwang_calendar_test_plain;
-- What the role may do, each attempt undone: read (the row count), insert,
-- update, delete, load, count; '-' for a 42501 refusal.
CREATE FUNCTION pg_temp.calendar_rights(role_name text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  probe record;
  outcome text;
  rights text[] := '{}';
BEGIN
  FOR probe IN
    SELECT * FROM (VALUES
      (1, 'read', $q$SELECT 'read ' || count(*) FROM yiwang.calendar$q$),
      (2, 'insert', $q$INSERT INTO yiwang.calendar VALUES ('2025-03-04', false, 'test') RETURNING 'insert'$q$),
      (3, 'update', $q$UPDATE yiwang.calendar SET note = 'test' WHERE day = '2025-01-01' RETURNING 'update'$q$),
      (4, 'delete', $q$DELETE FROM yiwang.calendar WHERE day = '2025-01-01' RETURNING 'delete'$q$),
      (5, 'load', $q$SELECT 'load ' || count(*) FROM yiwang.load_holiday_schedule(2025, pg_temp.schedule_2025())$q$),
      (6, 'count', $q$SELECT 'count ' || yiwang.add_workdays('2025-01-24', 3) || ' ' || yiwang.workdays_between('2024-12-31', '2025-12-31')$q$)
    ) AS v(n, name, statement) ORDER BY n
  LOOP
    BEGIN
      EXECUTE format('SET LOCAL ROLE %I', role_name);
      EXECUTE probe.statement INTO outcome;
      RAISE EXCEPTION 'calendar-test: undo';
    EXCEPTION WHEN OTHERS THEN
      IF SQLERRM <> 'calendar-test: undo' THEN
        outcome := CASE WHEN SQLSTATE = '42501' THEN '-' ELSE format('[%s %s]', SQLSTATE, SQLERRM) END;
      END IF;
    END;
    rights := rights || outcome;
  END LOOP;
  RETURN array_to_string(rights, ', ');
END
$$;

SELECT is(pg_temp.calendar_rights(v.role_name), v.want, format('%s: %s', v.role_name, v.why))
FROM (VALUES
  ('yiwang_admin', 'read 23, insert, update, delete, load 23, count 2025-02-05 248', 'reads, changes and loads the calendar'),
  ('yiwang_department', 'read 23, -, -, -, -, count 2025-02-05 248', 'reads and counts, may not write or load'),
  ('yiwang_window', 'read 23, -, -, -, -, count 2025-02-05 248', 'reads and counts, may not write or load'),
  ('yiwang_citizen', 'read 23, -, -, -, -, count 2025-02-05 248', 'reads and counts, may not write or load'),
  ('yiwang_auditor', 'read 23, -, -, -, -, count 2025-02-05 248', 'reads and counts, may not write or load'),
  ('yiwang_reporting', 'read 23, -, -, -, -, count 2025-02-05 248', 'reads and counts, may not write or load'),
  ('yiwang_api', 'read 23, -, -, -, -, count 2025-02-05 248', 'reads and counts for yiwang''s functions, may not write or load'),
  ('yiwang_calendar_test_plain', '-, -, -, -, -, -', 'a role outside yiwang may do nothing')
) AS v(role_name, want, why);
SELECT is(pg_temp.error_of($$SET LOCAL ROLE yiwang_department; SELECT yiwang.load_holiday_schedule(2025, pg_temp.schedule_2025())$$),
          '42501 | permission denied for function load_holiday_schedule',
          'a department calling load_holiday_schedule: permission denied for function');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- A dense random calendar: three days in ten are exceptions, so holidays and
-- make-up days sit next to each other, in runs, and at the ends of the year.

DELETE FROM yiwang.calendar;
SELECT setseed(0.2031);
INSERT INTO yiwang.calendar
SELECT g::date, extract(isodow FROM g) > 5, 'random'
FROM generate_series(date '2031-01-01', date '2031-12-31', interval '1 day') AS g
WHERE random() < 0.3;
SELECT cmp_ok((SELECT count(*)::integer FROM yiwang.calendar c WHERE c.workday), '>', 20,
              'the random calendar has make-up days ...');
SELECT cmp_ok((SELECT count(*)::integer FROM yiwang.calendar c WHERE NOT c.workday), '>', 50,
              '... and holidays');
SELECT pg_temp.build_reference('2030-06-01', '2032-08-31');
SELECT is(pg_temp.add_mismatches('2030-11-01', '2032-02-28', 60), '',
          'random calendar: add_workdays(d, n) equals the day-by-day count for every d, n from -60 to 60');
SELECT is(pg_temp.between_mismatches('2030-11-01', '2032-02-28', 60), '',
          'random calendar: workdays_between equals the day-by-day count');
SELECT is((SELECT coalesce(string_agg(format('%s -> %s', a, b), ', '), '')
           FROM (SELECT g::date AS a, g::date + k AS b
                 FROM generate_series(date '2030-11-01', date '2032-02-28', interval '1 day') AS g,
                      generate_series(0, 90) AS k) p
           JOIN pg_temp.days w ON w.day = p.b AND w.workday
           WHERE yiwang.add_workdays(p.a, yiwang.workdays_between(p.a, p.b)) <> p.b), '',
          'random calendar: the round trip holds');

SELECT * FROM finish();
ROLLBACK;
