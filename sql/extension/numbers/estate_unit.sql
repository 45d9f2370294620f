
-- estate_unit: real-estate unit code (不动产单元代码), GB/T 37346-2019.
-- 16 bytes: the 28 characters as a mixed-radix integer, shifted to the left
-- end and stored big-endian (byte order = text order).
CREATE TYPE estate_unit;

CREATE FUNCTION estate_unit_in(cstring) RETURNS estate_unit
  AS 'MODULE_PATHNAME', 'estate_unit_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION estate_unit_out(estate_unit) RETURNS cstring
  AS 'MODULE_PATHNAME', 'estate_unit_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION estate_unit_recv(internal) RETURNS estate_unit
  AS 'MODULE_PATHNAME', 'estate_unit_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION estate_unit_send(estate_unit) RETURNS bytea
  AS 'MODULE_PATHNAME', 'estate_unit_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE estate_unit (
  INPUT = estate_unit_in,
  OUTPUT = estate_unit_out,
  RECEIVE = estate_unit_recv,
  SEND = estate_unit_send,
  LIKE = pg_catalog.uuid
);
COMMENT ON TYPE estate_unit IS 'real-estate unit code (不动产单元代码), GB/T 37346-2019';

CREATE FUNCTION estate_unit(text) RETURNS estate_unit
  AS 'MODULE_PATHNAME', 'estate_unit_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION text(estate_unit) RETURNS text
  AS 'MODULE_PATHNAME', 'estate_unit_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (text AS estate_unit) WITH FUNCTION estate_unit(text) AS ASSIGNMENT;
CREATE CAST (estate_unit AS text) WITH FUNCTION text(estate_unit) AS ASSIGNMENT;
-- legacy department tables keep numbers in varchar columns
CREATE CAST (varchar AS estate_unit) WITH FUNCTION estate_unit(text) AS ASSIGNMENT;

CREATE FUNCTION estate_unit_valid(text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'estate_unit_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION estate_unit_valid(text) IS 'whether the text is a valid real-estate unit code; never raises';
CREATE FUNCTION estate_unit_error(text) RETURNS text
  AS 'MODULE_PATHNAME', 'estate_unit_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION estate_unit_error(text) IS 'what is wrong with the text as a real-estate unit code, or NULL if it is valid';

CREATE FUNCTION region(estate_unit) RETURNS text
  AS 'MODULE_PATHNAME', 'estate_unit_county' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION region(estate_unit) IS 'characters 1-6: the county code (GB/T 2260)';
CREATE FUNCTION parcel(estate_unit) RETURNS text
  AS 'MODULE_PATHNAME', 'estate_unit_parcel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION parcel(estate_unit) IS 'characters 1-19: the parcel code (宗地代码) of the land the unit stands on';
CREATE FUNCTION fixture(estate_unit) RETURNS text
  AS 'MODULE_PATHNAME', 'estate_unit_fixture' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fixture(estate_unit) IS 'characters 20-28: the fixture part (定着物单元), F building, L trees, Q other, W none';
