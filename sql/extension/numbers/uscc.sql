
-- uscc: unified social credit code (统一社会信用代码), GB 32100-2015.
-- 16 bytes: the first 17 characters as a base-31 integer, shifted to the
-- left end and stored big-endian (byte order = text order).
CREATE TYPE uscc;

CREATE FUNCTION uscc_in(cstring) RETURNS uscc
  AS 'MODULE_PATHNAME', 'uscc_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION uscc_out(uscc) RETURNS cstring
  AS 'MODULE_PATHNAME', 'uscc_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION uscc_recv(internal) RETURNS uscc
  AS 'MODULE_PATHNAME', 'uscc_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION uscc_send(uscc) RETURNS bytea
  AS 'MODULE_PATHNAME', 'uscc_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE uscc (
  INPUT = uscc_in,
  OUTPUT = uscc_out,
  RECEIVE = uscc_recv,
  SEND = uscc_send,
  LIKE = pg_catalog.uuid
);
COMMENT ON TYPE uscc IS 'unified social credit code (统一社会信用代码), GB 32100-2015';

CREATE FUNCTION uscc(text) RETURNS uscc
  AS 'MODULE_PATHNAME', 'uscc_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION text(uscc) RETURNS text
  AS 'MODULE_PATHNAME', 'uscc_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (text AS uscc) WITH FUNCTION uscc(text) AS ASSIGNMENT;
CREATE CAST (uscc AS text) WITH FUNCTION text(uscc) AS ASSIGNMENT;
-- legacy department tables keep numbers in varchar columns
CREATE CAST (varchar AS uscc) WITH FUNCTION uscc(text) AS ASSIGNMENT;

CREATE FUNCTION uscc_valid(text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'uscc_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uscc_valid(text) IS 'whether the text is a valid unified social credit code; never raises';
CREATE FUNCTION uscc_error(text) RETURNS text
  AS 'MODULE_PATHNAME', 'uscc_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION uscc_error(text) IS 'what is wrong with the text as a unified social credit code, or NULL if it is valid';

CREATE FUNCTION registration_authority(uscc) RETURNS text
  AS 'MODULE_PATHNAME', 'uscc_registration_authority' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION registration_authority(uscc) IS 'character 1: the registration authority (1 机构编制, 5 民政, 9 工商, Y 其他, ...)';
CREATE FUNCTION organisation_category(uscc) RETURNS text
  AS 'MODULE_PATHNAME', 'uscc_organisation_category' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION organisation_category(uscc) IS 'character 2: the organisation category within the registration authority';
CREATE FUNCTION region(uscc) RETURNS text
  AS 'MODULE_PATHNAME', 'uscc_region' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION region(uscc) IS 'characters 3-8: division code of the registering authority (100000 = central level)';
CREATE FUNCTION orgcode(uscc) RETURNS orgcode
  AS 'MODULE_PATHNAME', 'uscc_orgcode' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION orgcode(uscc) IS 'characters 9-17 as an organisation code, or NULL when they are not a valid one';
