
-- orgcode: organisation code (组织机构代码), GB 11714-1997.
-- 8 bytes by value: the 8-character body as a base-36 integer.
CREATE TYPE orgcode;

CREATE FUNCTION orgcode_in(cstring) RETURNS orgcode
  AS 'MODULE_PATHNAME', 'orgcode_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION orgcode_out(orgcode) RETURNS cstring
  AS 'MODULE_PATHNAME', 'orgcode_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION orgcode_recv(internal) RETURNS orgcode
  AS 'MODULE_PATHNAME', 'orgcode_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION orgcode_send(orgcode) RETURNS bytea
  AS 'MODULE_PATHNAME', 'orgcode_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE orgcode (
  INPUT = orgcode_in,
  OUTPUT = orgcode_out,
  RECEIVE = orgcode_recv,
  SEND = orgcode_send,
  LIKE = pg_catalog.int8
);
COMMENT ON TYPE orgcode IS 'organisation code (组织机构代码), GB 11714-1997, printed XXXXXXXX-C';

CREATE FUNCTION orgcode(text) RETURNS orgcode
  AS 'MODULE_PATHNAME', 'orgcode_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION text(orgcode) RETURNS text
  AS 'MODULE_PATHNAME', 'orgcode_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (text AS orgcode) WITH FUNCTION orgcode(text) AS ASSIGNMENT;
CREATE CAST (orgcode AS text) WITH FUNCTION text(orgcode) AS ASSIGNMENT;
-- legacy department tables keep numbers in varchar columns
CREATE CAST (varchar AS orgcode) WITH FUNCTION orgcode(text) AS ASSIGNMENT;

CREATE FUNCTION orgcode_valid(text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'orgcode_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION orgcode_valid(text) IS 'whether the text is a valid organisation code; never raises';
CREATE FUNCTION orgcode_error(text) RETURNS text
  AS 'MODULE_PATHNAME', 'orgcode_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION orgcode_error(text) IS 'what is wrong with the text as an organisation code, or NULL if it is valid';
