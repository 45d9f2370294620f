
-- The canonical signed form of a certificate (签名原文), version 1.  The
-- signature covers exactly these bytes, so any system can rebuild them from
-- the certificate's fields and verify it with the issuer's public key:
--
--   yiwang-certificate/1\n
--   certid:<certificate identifier, text form>\n
--   type:<type code>\n
--   holder:<111 identity number | 001 unified social credit code>:<holder>\n
--   issuer:<issuing department's unified social credit code>\n
--   issued:<YYYY-MM-DD>\n
--   valid:<YYYY-MM-DD from>/<YYYY-MM-DD until, empty if none>\n
--   number:<the certificate's printed number, empty if none>\n
--   grade:<trust grade A, B, C or D>\n
--   data:<data as PostgreSQL prints jsonb>
--
-- UTF-8, lines ended by a line feed, none after the data.  jsonb prints an
-- object's keys sorted by byte length and then bytewise, each once, with
-- ", " between members and ": " after keys; strings escaped as in JSON.
CREATE FUNCTION certificate_canonical_form(certid certid, type_code text, holder_idcard idcard,
                                           holder_uscc uscc, issuer uscc, issued_on date,
                                           valid_from date, valid_until date, number text,
                                           trust_grade text, data jsonb)
  RETURNS bytea
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN convert_to(
    'yiwang-certificate/1' || E'\n'
    || 'certid:' || text(certid) || E'\n'
    || 'type:' || type_code || E'\n'
    || 'holder:' || CASE WHEN holder_idcard IS NOT NULL THEN '111:' || text(holder_idcard)
                         ELSE '001:' || text(holder_uscc) END || E'\n'
    || 'issuer:' || text(issuer) || E'\n'
    || 'issued:' || to_char(issued_on, 'YYYY-MM-DD') || E'\n'
    || 'valid:' || to_char(valid_from, 'YYYY-MM-DD') || '/' || coalesce(to_char(valid_until, 'YYYY-MM-DD'), '') || E'\n'
    || 'number:' || coalesce(number, '') || E'\n'
    || 'grade:' || trust_grade || E'\n'
    || 'data:' || data::text,
    'UTF8');
COMMENT ON FUNCTION certificate_canonical_form(certid, text, idcard, uscc, uscc, date, date, date, text, text, jsonb) IS
  'the bytes a certificate''s signature covers (canonical form version 1)';
