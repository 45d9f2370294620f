-- catalogue: publishing the service-item catalogue (政务服务事项目录).
-- publish_service_item checks a whole item and inserts it as the next
-- version; an application keeps the version it was filed under;
-- retire_service_item stops new filings; published versions are never
-- changed, by anyone; administrators publish any item, a department the
-- items it leads, and nobody writes the tables directly.
BEGIN;
SELECT plan(95);
\ir fixtures/city.sql

-- The item of these tests: a copy of a graduation certificate, led by the
-- Education Bureau, reviewed by it and the Public Security Bureau.
CREATE FUNCTION pg_temp.item(changes jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'item_code', 'EDU-0001', 'name', 'Copy of a graduation certificate', 'kind', 'public_service',
    'lead_department', 'edu', 'applicant_kind', 'person', 'legal_limit_days', 20, 'promised_limit_days', 5,
    'online_depth', 4, 'onsite_visits', 0, 'fee', 0, 'result_type_code', '11440300MB2C00030A001',
    'materials', jsonb_build_array(
      jsonb_build_object('material_code', 'id_card', 'name', 'Resident identity card',
                         'satisfied_by', 'certificate', 'type_code', '11440300MB2C000209001'),
      jsonb_build_object('material_code', 'photo', 'name', 'Photo', 'required', false, 'satisfied_by', 'upload')),
    'reviewers', jsonb_build_array('edu', 'psb')) || changes
$$;
-- The item with one material changed (merged into materials[index]).
CREATE FUNCTION pg_temp.with_material(index integer, material jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_set(pg_temp.item(), ARRAY['materials', index::text],
                   coalesce(pg_temp.item() -> 'materials' -> index, '{}') || material)
$$;
-- 'SQLSTATE detail' of publishing an item as the current actor ('' when it is published).
CREATE FUNCTION pg_temp.publish_refusal(item jsonb) RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT coalesce(e.state || ' ' || e.detail, '')
  FROM pg_temp.error_of(format('SELECT yiwang.publish_service_item(%L::jsonb)', item)) e
$$;
CREATE FUNCTION pg_temp.refusal(statement text) RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT coalesce(e.state || ' ' || e.message || ': ' || e.detail, '') FROM pg_temp.error_of(statement) e
$$;

-- ---------------------------------------------------------------------------
-- Publishing.

SELECT pg_temp.act('admin') \gset
SELECT is(yiwang.publish_service_item(pg_temp.item()), 1, 'an administrator publishes a new item: version 1');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT row(name, kind, lead_department, applicant_kind, legal_limit_days, promised_limit_days,
                      online_depth, onsite_visits, fee, result_type_code, retired_at IS NULL)::text
           FROM yiwang.service_items WHERE item_code = 'EDU-0001' AND version = 1),
          '("Copy of a graduation certificate",public_service,edu,person,20,5,4,0,0.00,11440300MB2C00030A001,t)',
          'the item is stored as given');
SELECT is((SELECT string_agg(concat_ws(' ', material_code, required, satisfied_by, type_code), '; ' ORDER BY material_code)
           FROM yiwang.item_materials WHERE item_code = 'EDU-0001' AND version = 1),
          'id_card t certificate 11440300MB2C000209001; photo f upload',
          'its materials, required unless said otherwise, with how each is satisfied');
SELECT set_eq($$SELECT department_id FROM yiwang.item_reviewers WHERE item_code = 'EDU-0001' AND version = 1$$,
              ARRAY['edu', 'psb'], 'its reviewing departments');

-- An application filed under version 1.
SELECT pg_temp.act('li') \gset
SELECT yiwang.submit_application('EDU-0001', '44030519850312001X', '{"school": "SZU", "degree": "BSc"}') AS first_app \gset

-- The lead department publishes version 2: a shorter promise, a registry check.
SELECT pg_temp.act('edu') \gset
SELECT is(yiwang.publish_service_item(pg_temp.item(jsonb_build_object(
            'promised_limit_days', 3,
            'materials', pg_temp.item() -> 'materials' || '[{"material_code": "residence", "name": "Residence in the city",
                                                             "satisfied_by": "registry_check", "check_name": "residence_in_city"}]'))),
          2, 'the lead department publishes the next version: version 2');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT string_agg(format('%s:%s:%s', version, promised_limit_days, retired_at IS NOT NULL), ' ' ORDER BY version)
           FROM yiwang.service_items WHERE item_code = 'EDU-0001'),
          '1:5:t 2:3:f', 'version 1 stops taking applications when version 2 is published');
SELECT is((SELECT string_agg(material_code || ' ' || coalesce(check_name, type_code, 'upload'), '; ' ORDER BY material_code)
           FROM yiwang.item_materials WHERE item_code = 'EDU-0001' AND version = 2),
          'id_card 11440300MB2C000209001; photo upload; residence residence_in_city',
          'version 2 has its own materials, a registry check among them');
SELECT is((SELECT count(*)::integer FROM yiwang.item_materials WHERE item_code = 'EDU-0001' AND version = 1), 2,
          'version 1 keeps its materials');

-- Versioning: the application keeps version 1; new filings take version 2.
SELECT is((SELECT item_version FROM yiwang.applications WHERE application_id = :first_app), 1,
          'an application keeps the version it was filed under after a new one is published');
SELECT pg_temp.act('li') \gset
SELECT yiwang.submit_application('EDU-0001', '44030519850312001X', '{"school": "SZU", "degree": "MSc"}') AS second_app \gset
RESET SESSION AUTHORIZATION;
SELECT is((SELECT item_version FROM yiwang.applications WHERE application_id = :second_app), 2,
          'submit_application files under the current version');
SELECT pg_temp.act('hrss_window') \gset
SELECT is(pg_temp.refusal(format($$SELECT yiwang.transition(%s, 'request_supplement', 'residence not found',
                                   '{"materials": [{"material": "residence", "problem": "not found"}]}')$$, :first_app)),
          format('22023 a supplement notice lists the item''s materials: details.materials must be a non-empty array of {"material": code, "problem": words} with codes of item EDU-0001 version 1: id_card, photo.'),
          'the application filed under version 1 is handled with version 1''s materials');
SELECT is((SELECT due_on FROM yiwang.transition(:first_app, 'accept')), yiwang.add_workdays(current_date, 5),
          'and with version 1''s promised limit (5 working days)');
SELECT is((SELECT due_on FROM yiwang.transition(:second_app, 'accept')), yiwang.add_workdays(current_date, 3),
          'the application filed under version 2 has version 2''s limit (3 working days)');

-- ---------------------------------------------------------------------------
-- Who publishes.

SELECT pg_temp.act('psb') \gset
SELECT is(pg_temp.publish_refusal(pg_temp.item('{"promised_limit_days": 4}')), '42501 Item EDU-0001 is led by edu.',
          'a department does not publish an item another department leads');
SELECT is(pg_temp.publish_refusal(pg_temp.item('{"item_code": "EDU-0002"}')), '42501 Item EDU-0002 is led by edu.',
          'nor a new item led by another department');
SELECT is(pg_temp.publish_refusal(pg_temp.item('{"item_code": "PSB-0001", "lead_department": "psb", "result_type_code": null}')), '',
          'a department publishes a new item it leads');
SELECT is(pg_temp.publish_refusal(pg_temp.item('{"lead_department": "psb"}')),
          '55000 Item EDU-0001 is led by edu since version 1; field lead_department is "psb".',
          'nor takes an item over by naming itself its lead');
SELECT is(pg_temp.refusal($$SELECT yiwang.retire_service_item('EDU-0001')$$),
          '42501 department psb retires only the items it leads: Item EDU-0001 is led by edu.',
          'a department does not retire an item another department leads');
SELECT pg_temp.act('admin') \gset
SELECT is(pg_temp.publish_refusal(pg_temp.item('{"lead_department": "hrss", "result_type_code": null}')),
          '55000 Item EDU-0001 is led by edu since version 1; field lead_department is "hrss".',
          'an administrator does not move an item to another lead department either');
SELECT pg_temp.act('hrss_window') \gset
SELECT is(pg_temp.refusal(format('SELECT yiwang.publish_service_item(%L)', pg_temp.item('{"item_code": "EDU-0003"}'))),
          '42501 permission denied for function publish_service_item: ', 'window staff may not call publish_service_item');
SELECT is(pg_temp.refusal($$SELECT yiwang.retire_service_item('EDU-0001')$$),
          '42501 permission denied for function retire_service_item: ', 'nor retire_service_item');
-- A login role that may act as department or window staff: the functions
-- look at the role it logged in with.
RESET SESSION AUTHORIZATION;
CREATE ROLE yiwang_test_catalogue_both LOGIN IN ROLE yiwang_department, yiwang_window;
SET LOCAL SESSION AUTHORIZATION yiwang_test_catalogue_both;
SELECT yiwang.login(pg_temp.token('staff', 'edu-w001', 'edu', 'window')) \gset
SELECT is(pg_temp.publish_refusal(pg_temp.item('{"item_code": "EDU-0003"}')),
          '42501 Administrators publish any item of the catalogue; a department publishes the items it leads.',
          'staff logged in as window staff do not publish, even for their own department');
SELECT is(pg_temp.refusal($$SELECT yiwang.retire_service_item('EDU-0001')$$),
          '42501 role window does not retire service items: Administrators retire any item of the catalogue; a department retires the items it leads.',
          'nor retire');
SELECT pg_temp.act('li') \gset
SELECT is(pg_temp.refusal(format('SELECT yiwang.publish_service_item(%L)', pg_temp.item('{"item_code": "EDU-0003"}'))),
          '42501 permission denied for function publish_service_item: ', 'citizens may not call publish_service_item');
RESET SESSION AUTHORIZATION;
SELECT yiwang.logout() \gset
SELECT is(pg_temp.publish_refusal(pg_temp.item('{"item_code": "EDU-0003"}')),
          '42501 yiwang functions that read or change personal data act for a logged-in citizen or staff member.',
          'publishing needs a logged-in actor: nobody publishes anonymously');

-- ---------------------------------------------------------------------------
-- Every refusal of an item, with its SQLSTATE and the field it names.

SELECT pg_temp.act('admin') \gset
SELECT is(pg_temp.publish_refusal(r.item), r.want, r.description)
FROM (VALUES
  ('[]'::jsonb, '22023 A service item is a JSON object, not array.', 'an item is a JSON object'),
  (pg_temp.item('{"promised_days": 3}'), '22023 Unknown field: promised_days.', 'an unknown field is refused (a typo)'),
  (pg_temp.item() - 'name', '22023 Field name is missing.', 'a missing field'),
  (pg_temp.item('{"name": "  "}'), '22023 Field name is empty.', 'an empty name'),
  (pg_temp.item('{"item_code": "edu-1"}'),
   '22023 Field item_code is "edu-1": an item code is 4 to 64 capital letters, digits and hyphens, not starting with a hyphen.',
   'an item code of the wrong form'),
  (pg_temp.item('{"item_code": 12345}'), '22023 Field item_code is 12345, not a JSON string.', 'an item code that is not a string'),
  (pg_temp.item('{"kind": "licensing"}'), '22023 Field kind is "licensing".', 'an unknown kind'),
  (pg_temp.item('{"item_code": "X-0001", "lead_department": "nope"}'),
   '23503 Field lead_department is "nope", which is not a department in yiwang.departments.', 'an unknown lead department'),
  (pg_temp.item('{"applicant_kind": "company"}'), '22023 Field applicant_kind is "company".', 'an unknown applicant kind'),
  (pg_temp.item('{"legal_limit_days": "20"}'), '22023 Field legal_limit_days is "20", not a whole number.', 'a limit given as a string'),
  (pg_temp.item('{"legal_limit_days": 20.5}'), '22023 Field legal_limit_days is 20.5, not a whole number.', 'a limit with a fraction'),
  (pg_temp.item('{"promised_limit_days": 0}'), '22023 Field promised_limit_days is 0: a time limit is at least one working day.',
   'a limit of no working day'),
  (pg_temp.item('{"promised_limit_days": 21}'), '22023 Field promised_limit_days is 21, longer than legal_limit_days (20).',
   'a promise longer than the law''s limit'),
  (pg_temp.item('{"online_depth": 5}'), '22023 Field online_depth is 5.', 'an online depth beyond IV'),
  (pg_temp.item('{"online_depth": 4, "onsite_visits": 1}'), '22023 Field onsite_visits is 1 with online_depth 4.',
   'depth IV means no visit'),
  (pg_temp.item('{"online_depth": 3, "onsite_visits": 2}'), '22023 Field onsite_visits is 2 with online_depth 3.',
   'depth III means at most one visit'),
  (pg_temp.item('{"online_depth": 2, "onsite_visits": 0}'), '22023 Field onsite_visits is 0 with online_depth 2.',
   'an item without a visit is depth IV'),
  (pg_temp.item('{"online_depth": 1, "onsite_visits": 3}'), '', 'several visits at depth I are allowed: published as version 3'),
  (pg_temp.item('{"online_depth": 1, "onsite_visits": 40000}'), '22023 Field onsite_visits is 40000 with online_depth 1.',
   'a number of visits beyond reason'),
  (pg_temp.item('{"fee": -1}'), '22023 Field fee is -1.', 'a negative fee'),
  (pg_temp.item('{"fee": 1.234}'), '22023 Field fee is 1.234.', 'a fee finer than a fen'),
  (pg_temp.item('{"result_type_code": "11440300MB2C00030A999"}'),
   '23503 Field result_type_code is "11440300MB2C00030A999", which is not a certificate type in yiwang.certificate_types.',
   'an unknown result certificate type'),
  (pg_temp.item('{"result_type_code": "11440300MB2C00060D001"}'),
   '22023 Field result_type_code is 11440300MB2C00060D001, whose certificates are held by a organisation, but the item is applied for by a person.',
   'a result certificate for another kind of holder'),
  (pg_temp.item('{"result_type_code": "11440300MB2C000209002"}'),
   '22023 Field result_type_code is 11440300MB2C000209002, which department edu does not issue (issued by psb).',
   'a result certificate the lead department does not issue'),
  (pg_temp.item() - 'materials', '22023 Field materials is missing.', 'the materials are required'),
  (pg_temp.item('{"materials": {"photo": "upload"}}'), '22023 Field materials is {"photo": "upload"}, not a JSON array.',
   'the materials are an array'),
  (pg_temp.item('{"materials": ["photo"]}'), '22023 Field materials[0] is "photo", not a JSON object.', 'a material is an object'),
  (pg_temp.with_material(1, '{"copies": 2}'), '22023 Unknown field of materials[1]: copies.', 'an unknown field of a material'),
  (pg_temp.with_material(1, '{"material_code": "Photo"}'), '22023 Field materials[1].material_code is "Photo".',
   'a material code of the wrong form'),
  (pg_temp.with_material(1, '{"material_code": "id_card"}'),
   '22023 Field materials[1].material_code is "id_card", which an earlier material has.', 'a material code twice'),
  (pg_temp.with_material(1, '{"name": null}'), '22023 Field materials[1].name is missing.', 'a material without a name'),
  (pg_temp.with_material(1, '{"required": "yes"}'), '22023 Field materials[1].required is "yes", not true or false.',
   'required is a boolean'),
  (pg_temp.with_material(1, '{"satisfied_by": "fax"}'), '22023 Field materials[1].satisfied_by is "fax".',
   'an unknown way of satisfying a material'),
  (pg_temp.with_material(0, '{"type_code": null}'),
   '22023 Field materials[0].type_code is missing: a material satisfied by a certificate names its type_code, and no check_name.',
   'a certificate material names its type'),
  (pg_temp.with_material(0, '{"type_code": "11440300MB2C000209999"}'),
   '23503 Field materials[0].type_code is "11440300MB2C000209999", which is not a certificate type in yiwang.certificate_types.',
   'a certificate material names a type in the store'),
  (pg_temp.with_material(0, '{"check_name": "identity"}'),
   '22023 Field materials[0].check_name is given: a material satisfied by a certificate names its type_code, and no check_name.',
   'a certificate material has no check'),
  (pg_temp.with_material(1, '{"satisfied_by": "registry_check"}'),
   '22023 Field materials[1].check_name is missing: a material satisfied by a registry check names its check_name, and no type_code.',
   'a registry check names its check'),
  (pg_temp.with_material(1, '{"satisfied_by": "registry_check", "check_name": "Residence"}'),
   '22023 Field materials[1].check_name is "Residence".', 'a check name of the wrong form'),
  (pg_temp.with_material(1, '{"type_code": "11440300MB2C000209001"}'),
   '22023 Field materials[1].type_code is given, but the material is uploaded.', 'an upload names no certificate type'),
  (pg_temp.item('{"reviewers": ["edu", "nope"]}'),
   '23503 Field reviewers[1] is "nope", which is not a department in yiwang.departments.', 'an unknown reviewer'),
  (pg_temp.item('{"reviewers": ["edu", "edu"]}'), '22023 Field reviewers[1] is "edu", which an earlier reviewer is.',
   'a reviewer twice'),
  (pg_temp.item('{"reviewers": [1]}'), '22023 Field reviewers[0] is 1, not a JSON string.', 'a reviewer is a department_id'),
  (pg_temp.item('{"reviewers": "psb"}'), '22023 Field reviewers is "psb", not a JSON array.', 'the reviewers are an array')
) AS r(item, want, description);

SELECT is((SELECT string_agg(version::text, ' ' ORDER BY version) FROM yiwang.service_items WHERE item_code = 'EDU-0001'),
          '1 2 3', 'refused items leave nothing behind: the only new version is the one accepted above');
SELECT is((SELECT count(*)::integer FROM yiwang.item_materials WHERE item_code = 'EDU-0001' AND version = 3)
          + (SELECT count(*)::integer FROM yiwang.item_reviewers WHERE item_code = 'EDU-0001' AND version = 3), 4,
          'a version is inserted with its materials and reviewers together');
SELECT is((SELECT (e.state, e.message)::text FROM pg_temp.error_of($$SELECT yiwang.publish_service_item(pg_temp.item('{"kind": "x"}'))$$) e),
          '(22023,"invalid service item")', 'every refused item says "invalid service item"');

-- ---------------------------------------------------------------------------
-- Retiring.

SELECT lives_ok($$SELECT yiwang.retire_service_item('EDU-0001')$$, 'an administrator retires an item');
SELECT is((SELECT count(*)::integer FROM yiwang.service_items WHERE item_code = 'EDU-0001' AND retired_at IS NULL), 0,
          'no version of a retired item takes applications');
SELECT is(pg_temp.refusal($$SELECT yiwang.retire_service_item('EDU-0001')$$),
          (SELECT '55000 item EDU-0001 is retired already: Item EDU-0001 was retired at ' || retired_at || '.'
           FROM yiwang.service_items WHERE item_code = 'EDU-0001' AND version = 3),
          'an item is retired once');
SELECT is(pg_temp.refusal($$SELECT yiwang.retire_service_item('NOPE-0001')$$),
          '22023 no service item NOPE-0001: The catalogue has no item NOPE-0001.', 'an unknown item is not retired');
SELECT matches(pg_temp.publish_refusal(pg_temp.item()),
               '^55000 Item EDU-0001 was retired at [-0-9:. +]+; a retired item is not published again and its code is not reused\.$',
               'a retired item is not published again: its code is not reused');
SELECT pg_temp.act('li') \gset
SELECT is(pg_temp.refusal($$SELECT yiwang.submit_application('EDU-0001', '44030519850312001X')$$),
          '22023 no service item EDU-0001: The catalogue has no current version of item EDU-0001 (unknown, or retired).',
          'a retired item cannot be filed');
SELECT pg_temp.act('hrss_window') \gset
SELECT is((SELECT state FROM yiwang.transition(:first_app, 'start_review')), 'under_review',
          'applications filed before retirement go on under their version');
SELECT pg_temp.act('psb') \gset
SELECT lives_ok($$SELECT yiwang.retire_service_item('PSB-0001')$$, 'a department retires an item it leads');

-- ---------------------------------------------------------------------------
-- Published versions are immutable, for the owner too.

RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.refusal(r.statement), r.want, r.description)
FROM (VALUES
  ($$UPDATE yiwang.service_items SET name = 'Another name' WHERE item_code = 'EDU-0001' AND version = 1$$,
   '42501 published versions of the catalogue are not changed: Version 1 of item EDU-0001 was retired at '
     || (SELECT retired_at FROM yiwang.service_items WHERE item_code = 'EDU-0001' AND version = 1)
     || '; nothing of it changes afterwards.',
   'the owner does not change a published item'),
  ($$UPDATE yiwang.service_items SET retired_at = NULL WHERE item_code = 'EDU-0001' AND version = 3$$,
   '42501 published versions of the catalogue are not changed: Version 3 of item EDU-0001 was retired at '
     || (SELECT retired_at FROM yiwang.service_items WHERE item_code = 'EDU-0001' AND version = 3)
     || '; nothing of it changes afterwards.',
   'nor brings a retired item back'),
  ($$UPDATE yiwang.item_materials SET required = false WHERE item_code = 'EDU-0001' AND version = 1 AND material_code = 'id_card'$$,
   '42501 published versions of the catalogue are not changed: UPDATE on yiwang.item_materials of version 1 of item EDU-0001 is refused.',
   'nor a material'),
  ($$DELETE FROM yiwang.item_reviewers WHERE item_code = 'EDU-0001' AND version = 1 AND department_id = 'psb'$$,
   '42501 published versions of the catalogue are not changed: DELETE on yiwang.item_reviewers of version 1 of item EDU-0001 is refused.',
   'nor removes a reviewer'),
  ($$DELETE FROM yiwang.service_items WHERE item_code = 'PSB-0001'$$,
   '42501 published versions of the catalogue are not changed: DELETE on yiwang.service_items of version 1 of item PSB-0001 is refused.',
   'nor deletes an item nobody filed'),
  ($$TRUNCATE yiwang.item_reviewers$$,
   '42501 published versions of the catalogue are not changed: TRUNCATE on yiwang.item_reviewers is refused.',
   'nor truncates the catalogue')
) AS r(statement, want, description);

SELECT pg_temp.act('admin') \gset
SELECT yiwang.publish_service_item(pg_temp.item('{"item_code": "EDU-0009"}')) AS unused \gset
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.refusal($$UPDATE yiwang.service_items SET fee = 10, retired_at = now() WHERE item_code = 'EDU-0009'$$),
          '42501 published versions of the catalogue are not changed: Version 1 of item EDU-0009: only retired_at is set after publication.',
          'setting retired_at together with anything else is refused');
SELECT is(pg_temp.refusal($sql$DO $undo$ BEGIN
                              UPDATE yiwang.service_items SET retired_at = now() WHERE item_code = 'EDU-0009';
                              RAISE EXCEPTION 'updated';
                            END $undo$$sql$),
          'P0001 updated: ', 'setting retired_at of a current version, once, is the one change allowed');

-- ---------------------------------------------------------------------------
-- Privileges: the tables are written only through the functions.

SELECT pg_temp.act('admin') \gset
SELECT is(pg_temp.refusal(r.statement), r.want, r.description)
FROM (VALUES
  ($$INSERT INTO yiwang.service_items (item_code, version, name, kind, lead_department, applicant_kind, legal_limit_days,
                                       promised_limit_days, online_depth, onsite_visits)
     VALUES ('EDU-0100', 1, 'Direct', 'other', 'edu', 'person', 5, 5, 4, 0)$$,
   '42501 permission denied for table service_items: ', 'an administrator does not insert items directly'),
  ($$INSERT INTO yiwang.item_materials VALUES ('EDU-0001', 1, 'extra', 'Extra', true, 'upload', NULL, NULL)$$,
   '42501 permission denied for table item_materials: ', 'nor adds materials to a published version'),
  ($$INSERT INTO yiwang.item_reviewers VALUES ('EDU-0001', 1, 'hrss')$$,
   '42501 permission denied for table item_reviewers: ', 'nor reviewers'),
  ($$UPDATE yiwang.service_items SET retired_at = now() WHERE item_code = 'EDU-0001'$$,
   '42501 permission denied for table service_items: ', 'nor retires directly')
) AS r(statement, want, description);
SELECT pg_temp.act('edu') \gset
SELECT is(pg_temp.refusal($$INSERT INTO yiwang.item_reviewers VALUES ('EDU-0001', 1, 'hrss')$$),
          '42501 permission denied for table item_reviewers: ', 'a department does not write the catalogue directly');
SELECT is((SELECT count(*)::integer FROM yiwang.service_items), 5, 'everyone reads the catalogue');
RESET SESSION AUTHORIZATION;
SELECT is(has_function_privilege('yiwang_window', 'yiwang.publish_service_item(jsonb)', 'EXECUTE')
          OR has_function_privilege('yiwang_citizen', 'yiwang.publish_service_item(jsonb)', 'EXECUTE')
          OR has_function_privilege('yiwang_reporting', 'yiwang.retire_service_item(text)', 'EXECUTE'), false,
          'only administrators and departments may call the publishing functions');
SELECT is((SELECT format('%s %s %s', p.prosecdef, pg_get_userbyid(p.proowner), p.proconfig) FROM pg_proc p
           WHERE p.oid = 'yiwang.publish_service_item(jsonb)'::regprocedure),
          't yiwang_api {"search_path=pg_catalog, yiwang, pg_temp"}',
          'publish_service_item runs as yiwang_api with a pinned search_path');

SELECT * FROM finish();
ROLLBACK;
