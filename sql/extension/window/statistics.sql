
-- Statistics for reporting tools (ODBC): aggregates, and the overdue list
-- with masked identifiers.  The views run as their owner, the extension's
-- owner, so yiwang_reporting reads them without reading any application.

-- Open applications against their due date: red when overdue, yellow when
-- two working days or fewer are left.  Paused applications have no running
-- clock and are not listed.
CREATE VIEW application_warnings WITH (security_barrier) AS
SELECT a.application_id, a.item_code, i.name AS item_name, i.lead_department, a.state,
       yiwang.mask(a.applicant_idcard) AS applicant_idcard_masked, a.applicant_uscc,
       a.accepted_on, a.due_on,
       yiwang.workdays_between(current_date, a.due_on) AS workdays_left,
       CASE WHEN current_date > a.due_on THEN 'red' ELSE 'yellow' END AS warning
FROM yiwang.applications a
JOIN yiwang.service_items i ON i.item_code = a.item_code AND i.version = a.item_version
WHERE a.state IN ('accepted', 'under_review', 'approved', 'denied')
  AND a.due_on IS NOT NULL
  AND yiwang.workdays_between(current_date, a.due_on) <= 2;
COMMENT ON VIEW application_warnings IS
  'open applications that are overdue (red) or have two working days or fewer left (yellow)';

-- Concluded applications: on time when concluded by the due date, and the
-- working days they took (acceptance to conclusion, pauses included).
CREATE VIEW completion_by_item WITH (security_barrier) AS
SELECT a.item_code, i.name AS item_name, i.lead_department,
       count(*) AS completed,
       count(*) FILTER (WHERE a.completed_at::date <= a.due_on) AS on_time,
       round(count(*) FILTER (WHERE a.completed_at::date <= a.due_on)::numeric / count(*), 4) AS on_time_rate,
       round(avg(yiwang.workdays_between(a.accepted_on, a.completed_at::date)), 2) AS mean_workdays,
       max(i.promised_limit_days) AS promised_limit_days
FROM yiwang.applications a
JOIN yiwang.service_items i ON i.item_code = a.item_code AND i.version = a.item_version
WHERE a.completed_at IS NOT NULL AND a.accepted_on IS NOT NULL
GROUP BY a.item_code, i.name, i.lead_department;
COMMENT ON VIEW completion_by_item IS 'per item: applications concluded, on time, on-time rate, mean working days taken';

CREATE VIEW completion_by_department WITH (security_barrier) AS
SELECT c.lead_department AS department_id, d.name AS department_name,
       sum(c.completed)::bigint AS completed, sum(c.on_time)::bigint AS on_time,
       round(sum(c.on_time) / sum(c.completed), 4) AS on_time_rate,
       round(sum(c.mean_workdays * c.completed) / sum(c.completed), 2) AS mean_workdays
FROM yiwang.completion_by_item c JOIN yiwang.departments d ON d.department_id = c.lead_department
GROUP BY c.lead_department, d.name;
COMMENT ON VIEW completion_by_department IS 'per lead department: applications concluded, on time, on-time rate, mean working days';

-- Items and applications by online handling depth, and the visits the
-- online channels saved: every application filed outside a window and
-- every result not collected at one is a trip the applicant did not make.
CREATE VIEW online_depth_summary WITH (security_barrier) AS
SELECT depth.online_depth,
       (SELECT count(DISTINCT i.item_code) FROM yiwang.service_items i
        WHERE i.online_depth = depth.online_depth AND i.retired_at IS NULL) AS items,
       count(a.application_id) AS applications,
       count(a.application_id) FILTER (WHERE a.channel <> 'window') AS filed_online,
       count(a.application_id) FILTER (WHERE a.delivery_method IN ('post', 'electronic')) AS delivered_remotely,
       count(a.application_id) FILTER (WHERE a.channel <> 'window')
         + count(a.application_id) FILTER (WHERE a.delivery_method IN ('post', 'electronic')) AS visits_avoided,
       coalesce(sum(a.visits), 0)::bigint AS visits_made
FROM generate_series(1, 4) AS depth(online_depth)
LEFT JOIN yiwang.service_items i ON i.online_depth = depth.online_depth
LEFT JOIN yiwang.applications a ON a.item_code = i.item_code AND a.item_version = i.version
GROUP BY depth.online_depth;
COMMENT ON VIEW online_depth_summary IS
  'per online depth I-IV: items, applications, filed online, delivered remotely, visits avoided and made';

-- 好差评 per item: ratings, mean score, bad ratings and their remediation.
CREATE VIEW satisfaction_by_item WITH (security_barrier) AS
SELECT a.item_code, i.lead_department, r.stage,
       count(*) AS ratings,
       round(avg(r.score), 2) AS mean_score,
       count(*) FILTER (WHERE r.score >= 4) AS good,
       count(*) FILTER (WHERE r.score <= 2) AS bad,
       count(t.application_id) FILTER (WHERE t.closed_at IS NULL) AS remediation_open,
       count(t.application_id) FILTER (WHERE t.closed_at IS NULL AND t.due_on < current_date) AS remediation_overdue
FROM yiwang.ratings r
JOIN yiwang.applications a ON a.application_id = r.application_id
JOIN yiwang.service_items i ON i.item_code = a.item_code AND i.version = a.item_version
LEFT JOIN yiwang.remediation_tasks t ON t.application_id = r.application_id AND t.stage = r.stage
GROUP BY a.item_code, i.lead_department, r.stage;
COMMENT ON VIEW satisfaction_by_item IS '好差评 per item and stage: ratings, mean score, good and bad, remediation open and overdue';
