
-- idcard: citizen identity number (公民身份号码), GB 11643-1999.
-- 8 bytes by value: the first 17 digits of the 18-digit form as an integer.
CREATE TYPE idcard;

CREATE FUNCTION idcard_in(cstring) RETURNS idcard
  AS 'MODULE_PATHNAME', 'idcard_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION idcard_out(idcard) RETURNS cstring
  AS 'MODULE_PATHNAME', 'idcard_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION idcard_recv(internal) RETURNS idcard
  AS 'MODULE_PATHNAME', 'idcard_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION idcard_send(idcard) RETURNS bytea
  AS 'MODULE_PATHNAME', 'idcard_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE idcard (
  INPUT = idcard_in,
  OUTPUT = idcard_out,
  RECEIVE = idcard_recv,
  SEND = idcard_send,
  LIKE = pg_catalog.int8
);
COMMENT ON TYPE idcard IS 'citizen identity number (公民身份号码), GB 11643-1999';

CREATE FUNCTION idcard(text) RETURNS idcard
  AS 'MODULE_PATHNAME', 'idcard_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION text(idcard) RETURNS text
  AS 'MODULE_PATHNAME', 'idcard_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (text AS idcard) WITH FUNCTION idcard(text) AS ASSIGNMENT;
CREATE CAST (idcard AS text) WITH FUNCTION text(idcard) AS ASSIGNMENT;
-- legacy department tables keep numbers in varchar columns
CREATE CAST (varchar AS idcard) WITH FUNCTION idcard(text) AS ASSIGNMENT;

CREATE FUNCTION idcard_valid(text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'idcard_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION idcard_valid(text) IS 'whether the text is a valid identity number; never raises';
CREATE FUNCTION idcard_error(text) RETURNS text
  AS 'MODULE_PATHNAME', 'idcard_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION idcard_error(text) IS 'what is wrong with the text as an identity number, or NULL if it is valid';

CREATE FUNCTION birth_date(idcard) RETURNS date
  AS 'MODULE_PATHNAME', 'idcard_birth_date_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION sex(idcard) RETURNS text
  AS 'MODULE_PATHNAME', 'idcard_sex' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sex(idcard) IS 'M or F, from the parity of the sequence number';
CREATE FUNCTION region(idcard) RETURNS text
  AS 'MODULE_PATHNAME', 'idcard_region_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION region(idcard) IS
  'characters 1-6: the address code (GB/T 2260) where the number was issued; for a foreign permanent resident, 9, the province and the nationality code';
CREATE FUNCTION idcard_kind(idcard) RETURNS text
  AS 'MODULE_PATHNAME', 'idcard_kind' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION idcard_kind(idcard) IS
  'resident, hong_kong_resident, macau_resident, taiwan_resident or foreign_permanent_resident';
CREATE FUNCTION age(idcard, date) RETURNS integer
  AS 'MODULE_PATHNAME', 'idcard_age' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION age(idcard, date) IS 'completed years (周岁) on the date';
CREATE FUNCTION mask(idcard) RETURNS text
  AS 'MODULE_PATHNAME', 'idcard_mask_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mask(idcard) IS 'the number with characters 5-14 hidden, for screens and reports';
