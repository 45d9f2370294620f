
-- Looking certificates up (一号申请): by holder, and checking one.  Every
-- certificate returned is logged with the actor and the purpose.

-- Whether the actor may see a certificate, and on what ground: 'holder' (a
-- citizen's own, or an organisation's among represented, those the citizen
-- is the legal representative of), 'issuer' (staff of the issuing
-- department) or 'grant' (staff of a department holding a grant in force
-- for the type, one of granted_types); NULL when none applies.  The one
-- definition of who sees what: the row-level security policy on
-- certificates asks it with the grants of any purpose, the look-ups with
-- those of their purpose.  A plain expression, so that the planner inlines
-- it; the callers pass the two lists as ARRAY(SELECT ...), which runs once
-- per query, and only when a row needs it.
CREATE FUNCTION certificate_access(holder_idcard idcard, holder_uscc uscc, issuing_department text,
                                   type_code text, represented uscc[], granted_types text[])
  RETURNS text
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  RETURN CASE
    WHEN actor_kind() = 'citizen' THEN
      CASE WHEN holder_idcard = actor_idcard() OR holder_uscc = ANY (represented) THEN 'holder' END
    WHEN actor_kind() = 'staff' AND actor_role() IN ('department', 'window') THEN
      CASE WHEN issuing_department = actor_department() THEN 'issuer'
           WHEN type_code = ANY (granted_types) THEN 'grant' END
  END;
REVOKE ALL ON FUNCTION certificate_access(idcard, uscc, text, text, uscc[], text[]) FROM PUBLIC;

-- What a holder's look-up returns.
-- It carries what an outside system needs to check the signature itself:
-- the key and the signature (the public key is in yiwang.signing_keys).
CREATE TYPE certificate_view AS (
  certid certid, type_code text, type_name text, issuing_department text, number text,
  issued_on date, valid_from date, valid_until date, data jsonb, version integer, trust_grade text,
  key_id text, signature bytea
);

-- Called only from certificates_of, which pins search_path.
CREATE FUNCTION certificates_for_holder(holder_idcard idcard, holder_uscc uscc, purpose text)
  RETURNS SETOF certificate_view
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
  r record;
  views yiwang.certificate_view[] := '{}';
  grounds text[] := '{}';
  ids text[] := '{}';
  idcards yiwang.idcard[] := '{}';
  usccs yiwang.uscc[] := '{}';
  granted_types text[] := '{}';
  counted_types text[];
  kept integer[];
BEGIN
  PERFORM yiwang.require_actor();
  PERFORM yiwang.check_purpose(purpose);
  -- The policy on certificates already leaves out what the actor may not
  -- see for any purpose; certificate_access says on which ground each row
  -- is seen for this purpose.
  FOR r IN
    SELECT ROW(x.certid, x.type_code, (SELECT t.name FROM yiwang.certificate_types t WHERE t.type_code = x.type_code),
               x.issuing_department, x.number, x.issued_on, x.valid_from, x.valid_until, x.data, x.version,
               x.trust_grade, x.key_id, x.signature)::yiwang.certificate_view AS v,
           x.holder_idcard, x.holder_uscc,
           yiwang.certificate_access(x.holder_idcard, x.holder_uscc, x.issuing_department, x.type_code,
             ARRAY(SELECT e.uscc FROM yiwang.legal_entities e WHERE e.legal_representative = yiwang.actor_idcard()),
             ARRAY(SELECT g.type_code FROM yiwang.sharing_grants g
                   WHERE yiwang.grant_in_force(g) AND g.purpose = certificates_for_holder.purpose)) AS ground
    FROM yiwang.certificates x
    WHERE (x.holder_idcard = certificates_for_holder.holder_idcard
           OR x.holder_uscc = certificates_for_holder.holder_uscc)
      AND x.status = 'valid' AND x.valid_from <= current_date
      AND (x.valid_until IS NULL OR x.valid_until >= current_date)
    ORDER BY x.type_code, x.certid
  LOOP
    CONTINUE WHEN r.ground IS NULL;
    views := views || r.v;
    grounds := grounds || r.ground;
    ids := ids || text((r.v).certid);
    idcards := idcards || r.holder_idcard;
    usccs := usccs || r.holder_uscc;
    IF r.ground = 'grant' AND NOT (r.v).type_code = ANY (granted_types) THEN
      granted_types := granted_types || (r.v).type_code;
    END IF;
  END LOOP;
  -- A look-up under grants counts once against a grant of each type it
  -- shows, all in one statement, before the first log entry: grant rows are
  -- thus always locked before the chain head, in every look-up, so
  -- concurrent look-ups cannot deadlock.
  IF cardinality(granted_types) > 0 THEN
    counted_types := ARRAY(SELECT u.type_code FROM yiwang.use_grants(granted_types, NULL, purpose) u);
    IF NOT granted_types <@ counted_types THEN
      -- the types whose grants are used up are left out
      kept := ARRAY(SELECT i FROM generate_subscripts(views, 1) AS i
                    WHERE grounds[i] <> 'grant' OR (views[i]).type_code = ANY (counted_types) ORDER BY i);
      views := ARRAY(SELECT views[i] FROM unnest(kept) AS i ORDER BY i);
      ids := ARRAY(SELECT ids[i] FROM unnest(kept) AS i ORDER BY i);
      idcards := ARRAY(SELECT idcards[i] FROM unnest(kept) AS i ORDER BY i);
      usccs := ARRAY(SELECT usccs[i] FROM unnest(kept) AS i ORDER BY i);
    END IF;
  END IF;
  -- one entry per certificate shown, in the order returned, under one head lock
  IF cardinality(views) > 0 THEN
    PERFORM yiwang.access_log_append_many('read', 'certificate', ids, idcards, usccs, purpose);
  END IF;
  RETURN QUERY SELECT * FROM unnest(views);
END
$$;
REVOKE ALL ON FUNCTION certificates_for_holder(idcard, uscc, text) FROM PUBLIC;

-- PL/pgSQL rather than a SQL function: its plan is kept for the session.
CREATE FUNCTION certificates_of(holder idcard, purpose text DEFAULT NULL)
  RETURNS SETOF certificate_view
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  RETURN QUERY SELECT * FROM yiwang.certificates_for_holder(holder, NULL, purpose);
END
$$;
COMMENT ON FUNCTION certificates_of(idcard, text) IS
  'the currently valid certificates of a person that the actor may see for the purpose; every one returned is logged';

CREATE FUNCTION certificates_of(holder uscc, purpose text DEFAULT NULL)
  RETURNS SETOF certificate_view
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  RETURN QUERY SELECT * FROM yiwang.certificates_for_holder(NULL, holder, purpose);
END
$$;
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
  r record;
  ground text;
BEGIN
  PERFORM yiwang.require_actor();
  PERFORM yiwang.check_purpose(purpose);
  -- on which ground the actor sees it for the purpose: certificate_access, as in certificates_of
  SELECT x AS c,
         yiwang.certificate_access(x.holder_idcard, x.holder_uscc, x.issuing_department, x.type_code,
           ARRAY(SELECT e.uscc FROM yiwang.legal_entities e WHERE e.legal_representative = yiwang.actor_idcard()),
           ARRAY(SELECT g.type_code FROM yiwang.sharing_grants g
                 WHERE yiwang.grant_in_force(g) AND g.purpose = verify_certificate.purpose)) AS ground
    INTO r
    FROM yiwang.certificates x WHERE x.certid = verify_certificate.certid;
  c := r.c;
  ground := r.ground;
  IF ground = 'grant' AND NOT EXISTS (SELECT FROM yiwang.use_grants(ARRAY[c.type_code], NULL, purpose)) THEN
    ground := NULL;
  END IF;
  IF ground IS NULL THEN
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
