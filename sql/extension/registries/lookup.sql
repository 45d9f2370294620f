
-- Reading registry records through yiwang: the source department, the
-- person themselves, or a department with a grant for the registry and
-- purpose.  Every record returned is logged.

-- Whether the actor may read a registry record whose source is the given
-- department, concerning the given person; consumes one use of a grant.
-- Called only from functions that pin search_path.
CREATE FUNCTION registry_access(registry text, source_department text, concerns idcard, purpose text)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
BEGIN
  IF yiwang.actor_kind() = 'citizen' THEN
    RETURN concerns IS NOT NULL AND concerns = yiwang.actor_idcard();
  END IF;
  IF yiwang.actor_role() NOT IN ('department', 'window') THEN
    RETURN false;
  END IF;
  IF source_department = yiwang.actor_department() THEN
    RETURN true;
  END IF;
  RETURN EXISTS (SELECT FROM yiwang.use_grants(NULL, registry_access.registry, registry_access.purpose));
END
$$;
REVOKE ALL ON FUNCTION registry_access(text, text, idcard, text) FROM PUBLIC;

CREATE FUNCTION person(idcard idcard, purpose text DEFAULT NULL) RETURNS SETOF persons
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  p yiwang.persons;
BEGIN
  PERFORM yiwang.require_actor();
  PERFORM yiwang.check_purpose(purpose);
  SELECT * INTO p FROM yiwang.persons x WHERE x.idcard = person.idcard;
  IF FOUND AND yiwang.registry_access('persons', p.source_department, p.idcard, purpose) THEN
    PERFORM yiwang.access_log_append('read', 'person', text(p.idcard), p.idcard, NULL, purpose);
    RETURN NEXT p;
  END IF;
END
$$;
COMMENT ON FUNCTION person(idcard, text) IS 'a person of the population registry, if the actor may read it for the purpose; logged';

CREATE FUNCTION legal_entity(uscc uscc, purpose text DEFAULT NULL) RETURNS SETOF legal_entities
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  e yiwang.legal_entities;
BEGIN
  PERFORM yiwang.require_actor();
  PERFORM yiwang.check_purpose(purpose);
  SELECT * INTO e FROM yiwang.legal_entities x WHERE x.uscc = legal_entity.uscc;
  IF FOUND AND yiwang.registry_access('legal_entities', e.source_department, e.legal_representative, purpose) THEN
    PERFORM yiwang.access_log_append('read', 'legal_entity', text(e.uscc), NULL, e.uscc, purpose);
    RETURN NEXT e;
  END IF;
END
$$;
COMMENT ON FUNCTION legal_entity(uscc, text) IS 'a legal entity of the registry, if the actor may read it for the purpose; logged';

CREATE FUNCTION house(estate_unit estate_unit, purpose text DEFAULT NULL) RETURNS SETOF houses
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  h yiwang.houses;
  resident yiwang.idcard;
BEGIN
  PERFORM yiwang.require_actor();
  PERFORM yiwang.check_purpose(purpose);
  SELECT * INTO h FROM yiwang.houses x WHERE x.estate_unit = house.estate_unit;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- a citizen reads the houses they own or rent now
  SELECT r.idcard INTO resident FROM yiwang.residences r
  WHERE r.estate_unit = h.estate_unit AND r.idcard = yiwang.actor_idcard()
    AND r.valid_from <= current_date AND (r.valid_until IS NULL OR r.valid_until >= current_date)
  LIMIT 1;
  IF yiwang.registry_access('houses', h.source_department, resident, purpose) THEN
    PERFORM yiwang.access_log_append('read', 'house', text(h.estate_unit), resident, NULL, purpose);
    RETURN NEXT h;
  END IF;
END
$$;
COMMENT ON FUNCTION house(estate_unit, text) IS 'a house of the registry, if the actor may read it for the purpose; logged';
