
-- Publishing the catalogue: yiwang.publish_service_item(item) checks a
-- whole item, given as one JSON object, and inserts it as the item's next
-- version (its materials and reviewers with it, in one transaction);
-- yiwang.retire_service_item(code) stops new filings.  Administrators
-- publish any item; a department publishes the items it leads.  Published
-- versions are never changed, by anyone: a correction is the next version.
--
-- An item keeps its code and its lead department for good.  The lead
-- department answers for the item: it publishes its versions, concludes
-- its applications, issues the result certificate and owns its bad
-- ratings and statistics.  Moving an item to another department would
-- hand those over silently, and let one department pass an item (or take
-- one) by publishing a version; a department that takes over an item
-- after a reorganisation publishes it under a code of its own, and the old
-- one is retired.

-- One field of an item or of one of its materials, checked to be of the
-- JSON type wanted ('string', 'integer', 'number', 'boolean', 'array');
-- NULL when it is absent or null and not required.  place is how the
-- error names the field (materials[0].type_code).
CREATE FUNCTION catalogue_field(obj jsonb, field text, wanted text, required boolean, place text)
  RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  v jsonb := obj -> field;
  fits boolean;
BEGIN
  IF v IS NULL OR jsonb_typeof(v) = 'null' THEN
    IF required THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
        DETAIL = format('Field %s is missing.', place),
        HINT = 'docs/one-window.md lists the fields of an item and of its materials.';
    END IF;
    RETURN NULL;
  END IF;
  fits := jsonb_typeof(v) = (CASE wanted WHEN 'integer' THEN 'number' ELSE wanted END);
  IF fits AND wanted = 'integer' THEN
    fits := v::text::numeric = trunc(v::text::numeric) AND v::text::numeric BETWEEN -2147483648 AND 2147483647;
  END IF;
  IF NOT fits THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field %s is %s, not %s.', place, v,
                      CASE wanted WHEN 'integer' THEN 'a whole number' WHEN 'number' THEN 'a number'
                                  WHEN 'array' THEN 'a JSON array' WHEN 'boolean' THEN 'true or false'
                                  ELSE 'a JSON string' END);
  END IF;
  IF wanted = 'string' AND btrim(v #>> '{}') = '' THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field %s is empty.', place);
  END IF;
  RETURN v;
END
$$;

CREATE FUNCTION publish_service_item(item jsonb) RETURNS integer
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  who yiwang.actor := yiwang.require_actor();
  item_fields constant text[] := ARRAY['item_code', 'name', 'kind', 'lead_department', 'applicant_kind',
    'legal_limit_days', 'promised_limit_days', 'online_depth', 'onsite_visits', 'fee', 'result_type_code',
    'materials', 'reviewers'];
  material_fields constant text[] := ARRAY['material_code', 'name', 'required', 'satisfied_by', 'type_code',
    'check_name'];
  s yiwang.service_items;
  previous yiwang.service_items;
  result_type yiwang.certificate_types;
  materials jsonb;
  reviewers jsonb;
  m jsonb;
  i integer;
  place text;
  unknown text;
  material_type text;
  material_check text;
  codes text[] := '{}';
  departments text[] := '{}';
  depth integer;
  visits integer;
  fee numeric;
BEGIN
  IF who.role NOT IN ('admin', 'department') THEN
    RAISE EXCEPTION 'role % does not publish service items', who.role USING ERRCODE = '42501',
      DETAIL = 'Administrators publish any item of the catalogue; a department publishes the items it leads.',
      HINT = 'Log in as an administrator, or as staff of the item''s lead department.';
  END IF;
  IF item IS NULL OR jsonb_typeof(item) <> 'object' THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('A service item is a JSON object, not %s.', coalesce(jsonb_typeof(item), 'NULL')),
      HINT = 'docs/one-window.md shows a whole item.';
  END IF;
  SELECT string_agg(k, ', ' ORDER BY k) INTO unknown FROM jsonb_object_keys(item) k WHERE k <> ALL (item_fields);
  IF unknown IS NOT NULL THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Unknown field: %s.', unknown),
      HINT = format('The fields of an item are %s.', array_to_string(item_fields, ', '));
  END IF;

  s.item_code := yiwang.catalogue_field(item, 'item_code', 'string', true, 'item_code') #>> '{}';
  IF s.item_code !~ '^[0-9A-Z][0-9A-Z-]{3,63}$' THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field item_code is "%s": an item code is 4 to 64 capital letters, digits and hyphens, not starting with a hyphen.', s.item_code),
      HINT = 'Use the code the item has in the provincial catalogue, such as 11440300MB2C00030A-0001.';
  END IF;
  s.name := btrim(yiwang.catalogue_field(item, 'name', 'string', true, 'name') #>> '{}');
  s.kind := yiwang.catalogue_field(item, 'kind', 'string', true, 'kind') #>> '{}';
  IF s.kind NOT IN ('licence', 'confirmation', 'payment', 'adjudication', 'public_service', 'other') THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field kind is "%s".', s.kind),
      HINT = 'The kinds are licence (行政许可), confirmation (行政确认), payment (行政给付), adjudication (行政裁决), public_service (公共服务) and other (其他).';
  END IF;
  s.lead_department := yiwang.catalogue_field(item, 'lead_department', 'string', true, 'lead_department') #>> '{}';
  IF NOT EXISTS (SELECT FROM yiwang.departments d WHERE d.department_id = s.lead_department) THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '23503',
      DETAIL = format('Field lead_department is "%s", which is not a department in yiwang.departments.', s.lead_department),
      HINT = 'An administrator registers the department first.';
  END IF;
  IF who.role = 'department' AND s.lead_department IS DISTINCT FROM who.department THEN
    RAISE EXCEPTION 'department % publishes only the items it leads', who.department USING ERRCODE = '42501',
      DETAIL = format('Item %s is led by %s.', s.item_code, s.lead_department),
      HINT = 'The lead department, or an administrator, publishes it.';
  END IF;

  -- one publisher of a code at a time: versions are numbered without gaps
  PERFORM pg_advisory_xact_lock(hashtextextended('yiwang.service_items ' || s.item_code, 0));
  SELECT * INTO previous FROM yiwang.service_items x WHERE x.item_code = s.item_code ORDER BY x.version DESC LIMIT 1;
  IF FOUND THEN
    IF previous.lead_department <> s.lead_department THEN
      RAISE EXCEPTION 'item % keeps its lead department', s.item_code USING ERRCODE = '55000',
        DETAIL = format('Item %s is led by %s since version 1; field lead_department is "%s".',
                        s.item_code, previous.lead_department, s.lead_department),
        HINT = 'A department that takes the item over publishes it under a new code, and the old one is retired.';
    END IF;
    IF previous.retired_at IS NOT NULL THEN
      RAISE EXCEPTION 'item % is retired', s.item_code USING ERRCODE = '55000',
        DETAIL = format('Item %s was retired at %s; a retired item is not published again and its code is not reused.',
                        s.item_code, previous.retired_at),
        HINT = 'Publish the service under a new code.';
    END IF;
  END IF;

  s.applicant_kind := yiwang.catalogue_field(item, 'applicant_kind', 'string', true, 'applicant_kind') #>> '{}';
  IF s.applicant_kind NOT IN ('person', 'organisation') THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field applicant_kind is "%s".', s.applicant_kind),
      HINT = 'An item is applied for by a person (identity number) or an organisation (credit code).';
  END IF;
  s.legal_limit_days := yiwang.catalogue_field(item, 'legal_limit_days', 'integer', true, 'legal_limit_days');
  s.promised_limit_days := yiwang.catalogue_field(item, 'promised_limit_days', 'integer', true, 'promised_limit_days');
  IF s.legal_limit_days < 1 OR s.promised_limit_days < 1 THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field %s is %s: a time limit is at least one working day.',
                      CASE WHEN s.legal_limit_days < 1 THEN 'legal_limit_days' ELSE 'promised_limit_days' END,
                      least(s.legal_limit_days, s.promised_limit_days));
  END IF;
  IF s.promised_limit_days > s.legal_limit_days THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field promised_limit_days is %s, longer than legal_limit_days (%s).',
                      s.promised_limit_days, s.legal_limit_days),
      HINT = 'The city''s promise (承诺时限) is at most the legal limit (法定时限), in working days.';
  END IF;
  depth := yiwang.catalogue_field(item, 'online_depth', 'integer', true, 'online_depth');
  IF depth NOT BETWEEN 1 AND 4 THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field online_depth is %s.', depth),
      HINT = 'The online handling depth is 1 to 4 (I-IV); 4 is handled entirely online (全程网办).';
  END IF;
  visits := yiwang.catalogue_field(item, 'onsite_visits', 'integer', true, 'onsite_visits');
  IF visits NOT BETWEEN 0 AND 99 OR (depth = 4 AND visits <> 0) OR (depth = 3 AND visits > 1) OR (depth < 4 AND visits = 0) THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field onsite_visits is %s with online_depth %s.', visits, depth),
      HINT = 'Depth 4 (IV) means no visit, depth 3 (III) at most one, depths 1 and 2 one to 99. An item that needs no visit is depth 4.';
  END IF;
  s.online_depth := depth;
  s.onsite_visits := visits;
  fee := coalesce((yiwang.catalogue_field(item, 'fee', 'number', false, 'fee') #>> '{}')::numeric, 0);
  IF fee < 0 OR fee <> round(fee, 2) OR fee >= 10000000000 THEN
    RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
      DETAIL = format('Field fee is %s.', fee),
      HINT = 'The fee is in yuan, 0 or more, with at most two decimals (fen); 0 when the item is free.';
  END IF;
  s.fee := fee;
  s.result_type_code := yiwang.catalogue_field(item, 'result_type_code', 'string', false, 'result_type_code') #>> '{}';
  IF s.result_type_code IS NOT NULL THEN
    SELECT * INTO result_type FROM yiwang.certificate_types t WHERE t.type_code = s.result_type_code;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '23503',
        DETAIL = format('Field result_type_code is "%s", which is not a certificate type in yiwang.certificate_types.', s.result_type_code),
        HINT = 'The certificate type is registered first; leave result_type_code out when the item issues no certificate.';
    END IF;
    IF result_type.holder_kind <> s.applicant_kind THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
        DETAIL = format('Field result_type_code is %s, whose certificates are held by a %s, but the item is applied for by a %s.',
                        s.result_type_code, result_type.holder_kind, s.applicant_kind),
        HINT = 'The result certificate is issued to the applicant (or the person the service is for).';
    END IF;
    IF s.lead_department <> result_type.defining_department AND NOT s.lead_department = ANY (result_type.other_issuers) THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
        DETAIL = format('Field result_type_code is %s, which department %s does not issue (issued by %s).',
                        s.result_type_code, s.lead_department,
                        array_to_string(result_type.defining_department || result_type.other_issuers, ', ')),
        HINT = 'The lead department issues the result certificate when it concludes an application.';
    END IF;
  END IF;

  materials := yiwang.catalogue_field(item, 'materials', 'array', true, 'materials');
  FOR i IN 0 .. jsonb_array_length(materials) - 1 LOOP
    m := materials -> i;
    place := format('materials[%s]', i);
    IF jsonb_typeof(m) <> 'object' THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
        DETAIL = format('Field %s is %s, not a JSON object.', place, m);
    END IF;
    SELECT string_agg(k, ', ' ORDER BY k) INTO unknown FROM jsonb_object_keys(m) k WHERE k <> ALL (material_fields);
    IF unknown IS NOT NULL THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
        DETAIL = format('Unknown field of %s: %s.', place, unknown),
        HINT = format('The fields of a material are %s.', array_to_string(material_fields, ', '));
    END IF;
    codes := codes || (yiwang.catalogue_field(m, 'material_code', 'string', true, place || '.material_code') #>> '{}');
    IF codes[i + 1] !~ '^[a-z][a-z0-9_]{0,62}$' OR codes[i + 1] = ANY (codes[1:i]) THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
        DETAIL = format('Field %s.material_code is "%s"%s.', place, codes[i + 1],
                        CASE WHEN codes[i + 1] = ANY (codes[1:i]) THEN ', which an earlier material has' ELSE '' END),
        HINT = 'A material code is lower-case letters, digits and underscores, starting with a letter, and unique within the item.';
    END IF;
    PERFORM yiwang.catalogue_field(m, 'name', 'string', true, place || '.name');
    PERFORM yiwang.catalogue_field(m, 'required', 'boolean', false, place || '.required');
    material_type := yiwang.catalogue_field(m, 'type_code', 'string', false, place || '.type_code') #>> '{}';
    material_check := yiwang.catalogue_field(m, 'check_name', 'string', false, place || '.check_name') #>> '{}';
    CASE yiwang.catalogue_field(m, 'satisfied_by', 'string', true, place || '.satisfied_by') #>> '{}'
      WHEN 'certificate' THEN
        IF material_type IS NULL OR material_check IS NOT NULL THEN
          RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
            DETAIL = format('Field %s.%s: a material satisfied by a certificate names its type_code, and no check_name.',
                            place, CASE WHEN material_type IS NULL THEN 'type_code is missing' ELSE 'check_name is given' END);
        END IF;
        IF NOT EXISTS (SELECT FROM yiwang.certificate_types t WHERE t.type_code = material_type) THEN
          RAISE EXCEPTION 'invalid service item' USING ERRCODE = '23503',
            DETAIL = format('Field %s.type_code is "%s", which is not a certificate type in yiwang.certificate_types.', place, material_type),
            HINT = 'Name the type of the certificate in the store that stands in for the material (免提交).';
        END IF;
      WHEN 'registry_check' THEN
        IF material_check IS NULL OR material_type IS NOT NULL THEN
          RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
            DETAIL = format('Field %s.%s: a material satisfied by a registry check names its check_name, and no type_code.',
                            place, CASE WHEN material_check IS NULL THEN 'check_name is missing' ELSE 'type_code is given' END);
        END IF;
        IF material_check !~ '^[a-z][a-z0-9_]{0,62}$' THEN
          RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
            DETAIL = format('Field %s.check_name is "%s".', place, material_check),
            HINT = 'A check name is lower-case letters, digits and underscores, starting with a letter.';
        END IF;
      WHEN 'upload' THEN
        IF material_type IS NOT NULL OR material_check IS NOT NULL THEN
          RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
            DETAIL = format('Field %s.%s is given, but the material is uploaded.', place,
                            CASE WHEN material_type IS NOT NULL THEN 'type_code' ELSE 'check_name' END),
            HINT = 'Say satisfied_by "certificate" with a type_code, or "registry_check" with a check_name.';
        END IF;
      ELSE
        RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
          DETAIL = format('Field %s.satisfied_by is %s.', place, m -> 'satisfied_by'),
          HINT = 'A material is satisfied by a certificate in the store (免提交), a registry_check, or an upload.';
    END CASE;
  END LOOP;

  reviewers := coalesce(yiwang.catalogue_field(item, 'reviewers', 'array', false, 'reviewers'), '[]');
  FOR i IN 0 .. jsonb_array_length(reviewers) - 1 LOOP
    place := format('reviewers[%s]', i);
    departments := departments || (yiwang.catalogue_field(jsonb_build_object('d', reviewers -> i), 'd', 'string', true, place) #>> '{}');
    IF departments[i + 1] = ANY (departments[1:i]) THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '22023',
        DETAIL = format('Field %s is "%s", which an earlier reviewer is.', place, departments[i + 1]),
        HINT = 'List each reviewing department once.';
    END IF;
    IF NOT EXISTS (SELECT FROM yiwang.departments d WHERE d.department_id = departments[i + 1]) THEN
      RAISE EXCEPTION 'invalid service item' USING ERRCODE = '23503',
        DETAIL = format('Field %s is "%s", which is not a department in yiwang.departments.', place, departments[i + 1]),
        HINT = 'Reviewers are the department_id of departments that review the application in parallel (并联审批).';
    END IF;
  END LOOP;

  -- the version filed until now stops taking applications; those filed under it keep it
  s.version := coalesce(previous.version, 0) + 1;
  s.published_at := now();
  UPDATE yiwang.service_items x SET retired_at = now()
  WHERE x.item_code = s.item_code AND x.retired_at IS NULL;
  INSERT INTO yiwang.service_items SELECT s.*;
  INSERT INTO yiwang.item_materials (item_code, version, material_code, name, required, satisfied_by, type_code, check_name)
  SELECT s.item_code, s.version, e.x ->> 'material_code', btrim(e.x ->> 'name'), coalesce((e.x ->> 'required')::boolean, true),
         e.x ->> 'satisfied_by', e.x ->> 'type_code', e.x ->> 'check_name'
  FROM jsonb_array_elements(materials) AS e(x);
  INSERT INTO yiwang.item_reviewers (item_code, version, department_id)
  SELECT s.item_code, s.version, r.d FROM unnest(departments) AS r(d);
  RETURN s.version;
END
$$;
COMMENT ON FUNCTION publish_service_item(jsonb) IS
  'publish the next version of a service item from its JSON description; returns the version number';

CREATE FUNCTION retire_service_item(item_code text) RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  who yiwang.actor := yiwang.require_actor();
  latest yiwang.service_items;
BEGIN
  IF who.role NOT IN ('admin', 'department') THEN
    RAISE EXCEPTION 'role % does not retire service items', who.role USING ERRCODE = '42501',
      DETAIL = 'Administrators retire any item of the catalogue; a department retires the items it leads.',
      HINT = 'Log in as an administrator, or as staff of the item''s lead department.';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('yiwang.service_items ' || item_code, 0));
  SELECT * INTO latest FROM yiwang.service_items x WHERE x.item_code = retire_service_item.item_code
  ORDER BY x.version DESC LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no service item %', coalesce(item_code, 'NULL') USING ERRCODE = '22023',
      DETAIL = format('The catalogue has no item %s.', coalesce(item_code, 'NULL')),
      HINT = 'Look the item up in yiwang.service_items.';
  END IF;
  IF who.role = 'department' AND latest.lead_department IS DISTINCT FROM who.department THEN
    RAISE EXCEPTION 'department % retires only the items it leads', who.department USING ERRCODE = '42501',
      DETAIL = format('Item %s is led by %s.', latest.item_code, latest.lead_department),
      HINT = 'The lead department, or an administrator, retires it.';
  END IF;
  IF latest.retired_at IS NOT NULL THEN
    RAISE EXCEPTION 'item % is retired already', latest.item_code USING ERRCODE = '55000',
      DETAIL = format('Item %s was retired at %s.', latest.item_code, latest.retired_at);
  END IF;
  UPDATE yiwang.service_items x SET retired_at = now()
  WHERE x.item_code = latest.item_code AND x.version = latest.version;
END
$$;
COMMENT ON FUNCTION retire_service_item(text) IS
  'retire a service item: no new applications; those filed go on under their version';

-- Published versions are never changed or removed, by anyone, the owner
-- included: applications name them.  The one change allowed is setting
-- retired_at once, when the version stops taking applications.
CREATE FUNCTION catalogue_refuse_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  detail text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    detail := format('TRUNCATE on yiwang.%s is refused.', TG_TABLE_NAME);
  ELSIF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'service_items' THEN
    -- OLD and NEW are read as jsonb: the other tables have no retired_at
    IF to_jsonb(OLD) ->> 'retired_at' IS NOT NULL THEN
      detail := format('Version %s of item %s was retired at %s; nothing of it changes afterwards.',
                       OLD.version, OLD.item_code, (to_jsonb(OLD) ->> 'retired_at')::timestamptz);
    ELSIF to_jsonb(NEW) ->> 'retired_at' IS NOT NULL AND to_jsonb(NEW) - 'retired_at' = to_jsonb(OLD) - 'retired_at' THEN
      RETURN NEW;
    ELSE
      detail := format('Version %s of item %s: only retired_at is set after publication.', OLD.version, OLD.item_code);
    END IF;
  ELSE
    detail := format('%s on yiwang.%s of version %s of item %s is refused.', TG_OP, TG_TABLE_NAME,
                     OLD.version, OLD.item_code);
  END IF;
  RAISE EXCEPTION 'published versions of the catalogue are not changed' USING ERRCODE = '42501', DETAIL = detail,
    HINT = 'Publish the next version with yiwang.publish_service_item(item), or retire the item with yiwang.retire_service_item(code).';
END
$$;
DO $triggers$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_items', 'item_materials', 'item_reviewers'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_published BEFORE UPDATE OR DELETE ON yiwang.%1$I '
                   'FOR EACH ROW EXECUTE FUNCTION yiwang.catalogue_refuse_change()', t);
    EXECUTE format('CREATE TRIGGER %1$s_no_truncate BEFORE TRUNCATE ON yiwang.%1$I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION yiwang.catalogue_refuse_change()', t);
  END LOOP;
END
$triggers$;
