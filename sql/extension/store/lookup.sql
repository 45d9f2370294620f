
-- Looking certificates up (一号申请): by holder, and checking one.  Every
-- certificate returned is logged with the actor and the purpose.

-- Whether the actor may see a certificate for the purpose, and whether that
-- takes a sharing grant (whose use the caller then counts with use_grant):
-- the holder sees their own, the issuing department sees what it issued,
-- others need a grant for the type and purpose.
CREATE FUNCTION certificate_access(c yiwang.certificates, purpose text, OUT allowed boolean, OUT grant_id bigint)
  LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  allowed := false;
  IF yiwang.actor_kind() = 'citizen' THEN
    allowed := coalesce(c.holder_idcard = yiwang.actor_idcard(), false)
               OR coalesce(c.holder_uscc IN (SELECT e.uscc FROM yiwang.legal_entities e
                                             WHERE e.legal_representative = yiwang.actor_idcard()), false);
  ELSIF yiwang.actor_role() IN ('department', 'window') THEN
    IF c.issuing_department = yiwang.actor_department() THEN
      allowed := true;
    ELSIF purpose IS NOT NULL THEN
      grant_id := yiwang.active_grant(c.type_code, NULL, purpose);
      allowed := grant_id IS NOT NULL;
    END IF;
  END IF;
END
$$;
REVOKE ALL ON FUNCTION certificate_access(yiwang.certificates, text) FROM PUBLIC;

-- What a holder's look-up returns.
-- It carries what an outside system needs to check the signature itself:
-- the key and the signature (the public key is in yiwang.signing_keys).
CREATE TYPE certificate_view AS (
  certid certid, type_code text, type_name text, issuing_department text, number text,
  issued_on date, valid_from date, valid_until date, data jsonb, version integer, trust_grade text,
  key_id text, signature bytea
);

CREATE FUNCTION certificates_for_holder(holder_idcard idcard, holder_uscc uscc, purpose text)
  RETURNS SETOF certificate_view
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  c yiwang.certificates;
  access record;
  shown yiwang.certificates[] := '{}';
  granted_types text[] := '{}';
  refused_types text[] := '{}';
BEGIN
  PERFORM yiwang.require_actor();
  PERFORM yiwang.check_purpose(purpose);
  -- First decide what is shown and count the grants it uses; only then
  -- write the log.  Grant rows are thus always locked before the chain
  -- head, in every look-up, so concurrent look-ups cannot deadlock.
  FOR c IN
    SELECT * FROM yiwang.certificates x
    WHERE (x.holder_idcard = certificates_for_holder.holder_idcard
           OR x.holder_uscc = certificates_for_holder.holder_uscc)
      AND x.status = 'valid' AND x.valid_from <= current_date
      AND (x.valid_until IS NULL OR x.valid_until >= current_date)
    ORDER BY x.type_code, x.certid
  LOOP
    access := yiwang.certificate_access(c, purpose);
    CONTINUE WHEN NOT access.allowed;
    IF access.grant_id IS NOT NULL AND NOT c.type_code = ANY (granted_types) THEN
      -- a look-up under a grant counts once against the grant of each type it shows
      CONTINUE WHEN c.type_code = ANY (refused_types);
      IF yiwang.use_grant(c.type_code, NULL, purpose) IS NULL THEN
        refused_types := refused_types || c.type_code;
        CONTINUE;
      END IF;
      granted_types := granted_types || c.type_code;
    END IF;
    shown := shown || c;
  END LOOP;
  FOREACH c IN ARRAY shown LOOP
    PERFORM yiwang.access_log_append('read', 'certificate', text(c.certid), c.holder_idcard, c.holder_uscc, purpose);
    RETURN NEXT ROW(c.certid, c.type_code, (SELECT t.name FROM yiwang.certificate_types t WHERE t.type_code = c.type_code),
                    c.issuing_department, c.number, c.issued_on, c.valid_from, c.valid_until, c.data, c.version,
                    c.trust_grade, c.key_id, c.signature)::yiwang.certificate_view;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION certificates_for_holder(idcard, uscc, text) FROM PUBLIC;

CREATE FUNCTION certificates_of(holder idcard, purpose text DEFAULT NULL)
  RETURNS SETOF certificate_view
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  SELECT * FROM yiwang.certificates_for_holder(holder, NULL, purpose);
END;
COMMENT ON FUNCTION certificates_of(idcard, text) IS
  'the currently valid certificates of a person that the actor may see for the purpose; every one returned is logged';

CREATE FUNCTION certificates_of(holder uscc, purpose text DEFAULT NULL)
  RETURNS SETOF certificate_view
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  SELECT * FROM yiwang.certificates_for_holder(NULL, holder, purpose);
END;
COMMENT ON FUNCTION certificates_of(uscc, text) IS
  'the currently valid certificates of an organisation that the actor may see for the purpose; every one returned is logged';

-- Whether a certificate is genuine and valid now, and if not, why.
CREATE FUNCTION verify_certificate(certid certid, purpose text DEFAULT NULL,
                                   OUT genuine boolean, OUT valid_now boolean, OUT status text, OUT reason text)
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  c yiwang.certificates;
  k yiwang.signing_keys;
  issuer yiwang.departments;
  access record;
BEGIN
  PERFORM yiwang.require_actor();
  PERFORM yiwang.check_purpose(purpose);
  SELECT * INTO c FROM yiwang.certificates x WHERE x.certid = verify_certificate.certid;
  IF FOUND THEN
    access := yiwang.certificate_access(c, purpose);
  END IF;
  IF FOUND AND access.allowed AND access.grant_id IS NOT NULL
     AND yiwang.use_grant(c.type_code, NULL, purpose) IS NULL THEN
    access.allowed := false;
  END IF;
  IF NOT FOUND OR NOT access.allowed THEN
    -- the same answer whether it does not exist or may not be seen
    genuine := false; valid_now := false; status := 'unknown';
    reason := 'No such certificate is visible to the actor for this purpose.';
    RETURN;
  END IF;
  PERFORM yiwang.access_log_append('verify', 'certificate', text(c.certid), c.holder_idcard, c.holder_uscc, purpose);

  SELECT * INTO k FROM yiwang.signing_keys x WHERE x.key_id = c.key_id;
  SELECT * INTO issuer FROM yiwang.departments d WHERE d.department_id = c.issuing_department;
  genuine := yiwang.verify(k.algorithm, k.public_key,
                           yiwang.certificate_canonical_form(c.certid, c.type_code, c.holder_idcard, c.holder_uscc,
                                                             issuer.uscc, c.issued_on, c.valid_from, c.valid_until,
                                                             c.number, c.trust_grade, c.data),
                           c.signature);
  status := c.status;
  IF NOT genuine THEN
    valid_now := false;
    reason := format('Bad signature: the certificate''s contents are not what key %s signed.', k.key_id);
  ELSIF k.revoked_at IS NOT NULL AND k.revoked_at <= c.signed_at THEN
    genuine := false; valid_now := false;
    reason := format('Key %s was revoked at %s, before it signed at %s (%s).', k.key_id, k.revoked_at, c.signed_at, k.revocation_reason);
  ELSIF c.signed_at < k.valid_from OR (k.valid_until IS NOT NULL AND c.signed_at >= k.valid_until) THEN
    genuine := false; valid_now := false;
    reason := format('Key %s was not valid when it signed at %s (valid from %s to %s).', k.key_id, c.signed_at,
                     k.valid_from, coalesce(k.valid_until::text, 'no end'));
  ELSIF c.status = 'revoked' THEN
    valid_now := false;
    reason := format('Revoked at %s: %s', c.revoked_at, c.revocation_reason);
  ELSIF c.status = 'superseded' THEN
    valid_now := false;
    reason := format('Superseded by %s.', c.superseded_by);
  ELSIF c.valid_until IS NOT NULL AND c.valid_until < current_date THEN
    valid_now := false; status := 'expired';
    reason := format('Expired on %s.', c.valid_until);
  ELSIF c.valid_from > current_date THEN
    valid_now := false; status := 'not yet valid';
    reason := format('Valid from %s.', c.valid_from);
  ELSE
    valid_now := true;
    reason := CASE WHEN k.revoked_at IS NOT NULL
                   THEN format('Genuine and valid; key %s was revoked later, at %s, which does not affect what it signed before.', k.key_id, k.revoked_at)
                   ELSE 'Genuine and valid.' END;
  END IF;
END
$$;
COMMENT ON FUNCTION verify_certificate(certid, text) IS
  'whether a certificate is genuine and valid now, and if not why: bad signature, key revoked or not valid when it signed, revoked, expired, superseded';

-- Applications often pass the holder as a text parameter: take either kind
-- of number and say which it is not when it is neither.
CREATE FUNCTION certificates_of(holder text, purpose text DEFAULT NULL)
  RETURNS SETOF certificate_view
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  as_person boolean := yiwang.idcard_valid(holder);
  as_entity boolean := yiwang.uscc_valid(holder);
BEGIN
  -- About one identity number in 31 is also a valid credit code: the
  -- registries say which holder it is, and only when both know it is it ambiguous.
  IF as_person AND as_entity THEN
    as_person := EXISTS (SELECT FROM yiwang.persons p WHERE p.idcard = yiwang.idcard(holder));
    as_entity := EXISTS (SELECT FROM yiwang.legal_entities e WHERE e.uscc = yiwang.uscc(holder));
    IF as_person AND as_entity THEN
      RAISE EXCEPTION 'ambiguous holder "%"', holder USING ERRCODE = '22023',
        DETAIL = 'The value is the identity number of a person and the credit code of an organisation in the registries.',
        HINT = 'Call certificates_of with the holder cast to yiwang.idcard or yiwang.uscc.';
    END IF;
    as_person := NOT as_entity;
  END IF;
  IF as_person THEN
    RETURN QUERY SELECT * FROM yiwang.certificates_for_holder(yiwang.idcard(holder), NULL, purpose);
  ELSIF as_entity THEN
    RETURN QUERY SELECT * FROM yiwang.certificates_for_holder(NULL, yiwang.uscc(holder), purpose);
  ELSE
    RAISE EXCEPTION 'invalid holder "%"', holder USING ERRCODE = '22P02',
      DETAIL = format('As an identity number: %s As a unified social credit code: %s',
                      yiwang.idcard_error(holder), yiwang.uscc_error(holder)),
      HINT = 'Pass a citizen''s identity number or an organisation''s unified social credit code.';
  END IF;
END
$$;
COMMENT ON FUNCTION certificates_of(text, text) IS
  'certificates_of for a holder given as text: an identity number or a unified social credit code';
