
-- Issuing, revoking and superseding certificates.  Each is one transaction:
-- nothing is stored unless the certificate is signed (or its signature
-- verified) and its access-log entry written.

-- The actor must be staff of a department that issues certificates of the type.
CREATE FUNCTION require_issuer(type_code text) RETURNS yiwang.certificate_types
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  who yiwang.actor := yiwang.require_actor();
  kind yiwang.certificate_types;
BEGIN
  SELECT * INTO kind FROM yiwang.certificate_types t WHERE t.type_code = require_issuer.type_code;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown certificate type "%"', type_code USING ERRCODE = '22023',
      DETAIL = 'The type code is not in the certificate catalogue (yiwang.certificate_types).';
  END IF;
  IF who.role <> 'department'
     OR who.department IS DISTINCT FROM kind.defining_department AND NOT who.department = ANY (kind.other_issuers) THEN
    RAISE EXCEPTION 'not an issuer of %', kind.name USING ERRCODE = '42501',
      DETAIL = format('Certificates of type %s are issued by department %s%s; the actor is %s of %s.',
                      kind.type_code, kind.defining_department,
                      CASE WHEN cardinality(kind.other_issuers) > 0 THEN ' and ' || array_to_string(kind.other_issuers, ', ') ELSE '' END,
                      who.role, coalesce(who.department, 'no department'));
  END IF;
  RETURN kind;
END
$$;

-- The data of a certificate of the type, checked for its required fields,
-- and the end of its validity: as given, or from the type's validity period.
CREATE FUNCTION certificate_valid_until(kind yiwang.certificate_types, data jsonb,
                                        valid_from date, valid_until date) RETURNS date
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  missing text[];
BEGIN
  SELECT array_agg(f ORDER BY f) INTO missing FROM unnest(kind.required_fields) AS f WHERE NOT data ? f;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'certificate data incomplete' USING ERRCODE = '22023',
      DETAIL = format('A %s needs the fields %s; missing: %s.', kind.name,
                      array_to_string(kind.required_fields, ', '), array_to_string(missing, ', '));
  END IF;
  IF valid_until IS NULL AND kind.validity IS NOT NULL THEN
    RETURN (valid_from + kind.validity)::date - 1;
  END IF;
  RETURN valid_until;
END
$$;

-- The department key that signs now: valid, unrevoked, held by yiwang.
CREATE FUNCTION current_signing_key(department_id text, OUT key_id text, OUT algorithm text, OUT private_key text)
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  SELECT k.key_id, k.algorithm, p.private_key
  FROM yiwang.signing_keys k JOIN yiwang.signing_private_keys p USING (key_id)
  WHERE k.department_id = current_signing_key.department_id AND k.revoked_at IS NULL
    AND k.valid_from <= now() AND (k.valid_until IS NULL OR k.valid_until > now())
  ORDER BY k.valid_from DESC, k.key_id LIMIT 1;
END;
REVOKE ALL ON FUNCTION current_signing_key(text) FROM PUBLIC;

CREATE FUNCTION issue_certificate(type_code text, holder text, data jsonb,
                                  valid_from date DEFAULT current_date,
                                  valid_until date DEFAULT NULL,
                                  number text DEFAULT NULL,
                                  trust_grade text DEFAULT 'A',
                                  serial text DEFAULT NULL,
                                  signature bytea DEFAULT NULL,
                                  key_id text DEFAULT NULL,
                                  issued_on date DEFAULT current_date)
  RETURNS certid
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  kind yiwang.certificate_types := yiwang.require_issuer(type_code);
  who yiwang.actor := yiwang.require_actor();
  issuer yiwang.departments;
  holder_person yiwang.idcard;
  holder_entity yiwang.uscc;
  new_id yiwang.certid;
  form bytea;
  signer record;
  signer_key yiwang.signing_keys;
BEGIN
  SELECT * INTO issuer FROM yiwang.departments d WHERE d.department_id = who.department;

  IF kind.holder_kind = 'person' THEN
    IF NOT yiwang.idcard_valid(holder) THEN
      RAISE EXCEPTION 'invalid holder for a personal certificate' USING ERRCODE = '22023',
        DETAIL = format('%s is not a valid identity number: %s', holder, yiwang.idcard_error(holder));
    END IF;
    holder_person := yiwang.idcard(holder);
    IF NOT EXISTS (SELECT FROM yiwang.persons p WHERE p.idcard = holder_person) THEN
      RAISE EXCEPTION 'holder % is not in the population registry', yiwang.mask(holder_person) USING ERRCODE = '23503',
        DETAIL = 'A personal certificate is issued to a person of yiwang.persons.';
    END IF;
  ELSE
    IF NOT yiwang.uscc_valid(holder) THEN
      RAISE EXCEPTION 'invalid holder for an organisation''s certificate' USING ERRCODE = '22023',
        DETAIL = format('%s is not a valid unified social credit code: %s', holder, yiwang.uscc_error(holder));
    END IF;
    holder_entity := yiwang.uscc(holder);
    IF NOT EXISTS (SELECT FROM yiwang.legal_entities e WHERE e.uscc = holder_entity) THEN
      RAISE EXCEPTION 'holder % is not in the legal-entity registry', holder_entity USING ERRCODE = '23503',
        DETAIL = 'An organisation''s certificate is issued to an entity of yiwang.legal_entities.';
    END IF;
  END IF;

  valid_until := yiwang.certificate_valid_until(kind, data, valid_from, valid_until);
  IF trust_grade IS NULL OR trust_grade NOT IN ('A', 'B', 'C', 'D') THEN
    RAISE EXCEPTION 'invalid trust grade %', coalesce(trust_grade, 'NULL') USING ERRCODE = '22023',
      DETAIL = 'Trust grades are A (issued and sealed by the authority), B (checked at a window), C (uploaded by the holder) and D (self-declared).';
  END IF;
  IF issued_on IS NULL OR issued_on > current_date + 1 OR issued_on < current_date - 1 THEN
    RAISE EXCEPTION 'issue date % is not today', coalesce(issued_on::text, 'NULL') USING ERRCODE = '22023',
      DETAIL = 'A certificate is issued on the day it is stored; a day either side is accepted for signers in other time zones.';
  END IF;

  IF signature IS NULL THEN
    SELECT * INTO signer FROM yiwang.current_signing_key(issuer.department_id);
    IF signer.key_id IS NULL THEN
      RAISE EXCEPTION 'department % has no key yiwang can sign with', issuer.department_id USING ERRCODE = '55000',
        DETAIL = 'No valid, unrevoked signing key of the department has its private key in yiwang.',
        HINT = 'Register a key with yiwang.register_signing_key(), or sign outside and pass serial, signature and key_id.';
    END IF;
    serial := coalesce(serial, to_char(current_date, 'YYYYMMDD') || upper(lpad(to_hex(nextval('yiwang.certificate_serial')), 10, '0')));
  ELSIF serial IS NULL OR key_id IS NULL THEN
    RAISE EXCEPTION 'a signature made outside needs its serial and key' USING ERRCODE = '22023',
      DETAIL = 'The signature covers the certificate identifier, which contains the serial; yiwang cannot verify it without the serial and the key.',
      HINT = 'Pass serial and key_id with the signature; yiwang.certificate_canonical_form() gives the bytes to sign.';
  END IF;

  new_id := yiwang.make_certid(type_code, text(issuer.uscc), serial, 1);
  form := yiwang.certificate_canonical_form(new_id, type_code, holder_person, holder_entity, issuer.uscc,
                                            issued_on, valid_from, valid_until, number, trust_grade, data);
  IF signature IS NULL THEN
    signature := yiwang.sign(signer.algorithm, signer.private_key, form);
    key_id := signer.key_id;
  ELSE
    SELECT * INTO signer_key FROM yiwang.signing_keys k WHERE k.key_id = issue_certificate.key_id;
    IF NOT FOUND OR signer_key.department_id <> issuer.department_id THEN
      RAISE EXCEPTION 'signing key % is not a key of department %', key_id, issuer.department_id USING ERRCODE = '22023',
        DETAIL = 'A certificate is signed with a key registered for its issuing department.';
    END IF;
    IF signer_key.revoked_at IS NOT NULL OR signer_key.valid_from > now()
       OR (signer_key.valid_until IS NOT NULL AND signer_key.valid_until <= now()) THEN
      RAISE EXCEPTION 'signing key % is not valid now', key_id USING ERRCODE = '22023',
        DETAIL = format('The key is valid from %s to %s%s.', signer_key.valid_from,
                        coalesce(signer_key.valid_until::text, 'no end'),
                        CASE WHEN signer_key.revoked_at IS NOT NULL THEN format(' and was revoked at %s', signer_key.revoked_at) ELSE '' END);
    END IF;
    IF NOT yiwang.verify(signer_key.algorithm, signer_key.public_key, form, signature) THEN
      RAISE EXCEPTION 'the signature does not verify' USING ERRCODE = '22023',
        DETAIL = format('The signature is not one of key %s over the canonical form of certificate %s.', key_id, new_id),
        HINT = 'Sign the bytes of yiwang.certificate_canonical_form() for exactly these fields.';
    END IF;
  END IF;

  BEGIN
    INSERT INTO yiwang.certificates (certid, type_code, holder_idcard, holder_uscc, issuing_department, number,
                                     issued_on, valid_from, valid_until, data, version, key_id, signed_at,
                                     signature, trust_grade)
    VALUES (new_id, type_code, holder_person, holder_entity, issuer.department_id, number,
            issued_on, valid_from, valid_until, data, 1, key_id, now(), signature, trust_grade);
  EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'certificate already issued' USING ERRCODE = '23505',
      DETAIL = format('Department %s has already issued %s number %s.', issuer.department_id, kind.name,
                      coalesce(number, '(none)')),
      HINT = 'Supersede the existing certificate with yiwang.supersede_certificate() to change it.';
  END;
  PERFORM yiwang.access_log_append('issue', 'certificate', text(new_id), holder_person, holder_entity, NULL);
  RETURN new_id;
END
$$;
COMMENT ON FUNCTION issue_certificate(text, text, jsonb, date, date, text, text, text, bytea, text, date) IS
  'issue a certificate of the actor''s department: signed by yiwang with the department''s key, or verified if signed outside';

-- The certificate a department may change, locked.
CREATE FUNCTION certificate_for_change(certid certid) RETURNS yiwang.certificates
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  c yiwang.certificates;
  who yiwang.actor := yiwang.require_actor();
BEGIN
  SELECT * INTO c FROM yiwang.certificates x WHERE x.certid = certificate_for_change.certid FOR UPDATE;
  IF NOT FOUND OR who.role <> 'department' OR c.issuing_department IS DISTINCT FROM who.department THEN
    RAISE EXCEPTION 'no certificate % of the actor''s department', certid USING ERRCODE = '42501',
      DETAIL = 'Only the issuing department revokes or supersedes a certificate.';
  END IF;
  IF c.status <> 'valid' THEN
    RAISE EXCEPTION 'certificate % is %', certid, c.status USING ERRCODE = '55000',
      DETAIL = format('It was %s%s.', c.status,
                      CASE WHEN c.status = 'superseded' THEN format(' by %s', c.superseded_by)
                           ELSE format(' at %s: %s', c.revoked_at, c.revocation_reason) END);
  END IF;
  RETURN c;
END
$$;
REVOKE ALL ON FUNCTION certificate_for_change(certid) FROM PUBLIC;

CREATE FUNCTION revoke_certificate(certid certid, reason text) RETURNS void
  LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  c yiwang.certificates := yiwang.certificate_for_change(certid);
BEGIN
  IF btrim(reason) = '' OR reason ~ '[[:cntrl:]]' THEN
    RAISE EXCEPTION 'a revocation needs a reason of one line' USING ERRCODE = '22023',
      DETAIL = 'The reason is shown to everyone who checks the certificate, and logged; it is one line of text.';
  END IF;
  UPDATE yiwang.certificates x SET status = 'revoked', revoked_at = now(), revocation_reason = reason
  WHERE x.certid = c.certid;
  PERFORM yiwang.access_log_append('revoke', 'certificate', text(c.certid), c.holder_idcard, c.holder_uscc, reason);
END
$$;
COMMENT ON FUNCTION revoke_certificate(certid, text) IS 'revoke a certificate of the actor''s department, with the reason';

CREATE FUNCTION supersede_certificate(certid certid, data jsonb,
                                      valid_from date DEFAULT current_date, valid_until date DEFAULT NULL)
  RETURNS certid
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  c yiwang.certificates := yiwang.certificate_for_change(certid);
  kind yiwang.certificate_types;
  issuer yiwang.departments;
  signer record;
  next_id yiwang.certid;
BEGIN
  SELECT * INTO kind FROM yiwang.certificate_types t WHERE t.type_code = c.type_code;
  SELECT * INTO issuer FROM yiwang.departments d WHERE d.department_id = c.issuing_department;
  valid_until := yiwang.certificate_valid_until(kind, data, valid_from, valid_until);
  SELECT * INTO signer FROM yiwang.current_signing_key(issuer.department_id);
  IF signer.key_id IS NULL THEN
    RAISE EXCEPTION 'department % has no key yiwang can sign with', issuer.department_id USING ERRCODE = '55000',
      DETAIL = 'No valid, unrevoked signing key of the department has its private key in yiwang.';
  END IF;
  next_id := yiwang.make_certid(c.type_code, yiwang.certid_issuer_code(c.certid), yiwang.certid_serial(c.certid),
                                yiwang.certid_version(c.certid) + 1);
  INSERT INTO yiwang.certificates (certid, type_code, holder_idcard, holder_uscc, issuing_department, number,
                                   issued_on, valid_from, valid_until, data, version, key_id, signed_at,
                                   signature, trust_grade)
  VALUES (next_id, c.type_code, c.holder_idcard, c.holder_uscc, c.issuing_department, c.number,
          current_date, valid_from, valid_until, data, c.version + 1, signer.key_id, now(),
          yiwang.sign(signer.algorithm, signer.private_key,
                      yiwang.certificate_canonical_form(next_id, c.type_code, c.holder_idcard, c.holder_uscc,
                                                        issuer.uscc, current_date, valid_from, valid_until,
                                                        c.number, c.trust_grade, data)),
          c.trust_grade);
  UPDATE yiwang.certificates x SET status = 'superseded', superseded_by = next_id WHERE x.certid = c.certid;
  PERFORM yiwang.access_log_append('supersede', 'certificate', text(c.certid), c.holder_idcard, c.holder_uscc, text(next_id));
  RETURN next_id;
END
$$;
COMMENT ON FUNCTION supersede_certificate(certid, jsonb, date, date) IS
  'replace a certificate by its next version (same serial, version + 1), signed anew';
