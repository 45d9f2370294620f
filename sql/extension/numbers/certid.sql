
-- certid: electronic certificate identifier (电子证照标识), GB/T 36904-2018.
-- Variable length: the text after the constant root 1.2.156.3005.2.
CREATE TYPE certid;

CREATE FUNCTION certid_in(cstring) RETURNS certid
  AS 'MODULE_PATHNAME', 'certid_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION certid_out(certid) RETURNS cstring
  AS 'MODULE_PATHNAME', 'certid_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION certid_recv(internal) RETURNS certid
  AS 'MODULE_PATHNAME', 'certid_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION certid_send(certid) RETURNS bytea
  AS 'MODULE_PATHNAME', 'certid_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE certid (
  INPUT = certid_in,
  OUTPUT = certid_out,
  RECEIVE = certid_recv,
  SEND = certid_send,
  INTERNALLENGTH = VARIABLE,
  STORAGE = main
);
COMMENT ON TYPE certid IS 'electronic certificate identifier (电子证照标识), GB/T 36904-2018';

CREATE FUNCTION certid(text) RETURNS certid
  AS 'MODULE_PATHNAME', 'certid_from_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION text(certid) RETURNS text
  AS 'MODULE_PATHNAME', 'certid_to_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (text AS certid) WITH FUNCTION certid(text) AS ASSIGNMENT;
CREATE CAST (certid AS text) WITH FUNCTION text(certid) AS ASSIGNMENT;
-- legacy department tables keep numbers in varchar columns
CREATE CAST (varchar AS certid) WITH FUNCTION certid(text) AS ASSIGNMENT;

CREATE FUNCTION certid_valid(text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'certid_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION certid_valid(text) IS 'whether the text is a valid certificate identifier; never raises';
CREATE FUNCTION certid_error(text) RETURNS text
  AS 'MODULE_PATHNAME', 'certid_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION certid_error(text) IS 'what is wrong with the text as a certificate identifier, or NULL if it is valid';

CREATE FUNCTION make_certid(type_code text, issuer_code text, serial text, version integer)
  RETURNS certid
  AS 'MODULE_PATHNAME', 'certid_make_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION make_certid(text, text, text, integer) IS
  'the certificate identifier of these parts, with its MOD 37,36 check character';

CREATE FUNCTION certid_type_code(certid) RETURNS text
  AS 'MODULE_PATHNAME', 'certid_type_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION certid_issuer_code(certid) RETURNS text
  AS 'MODULE_PATHNAME', 'certid_issuer_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION certid_serial(certid) RETURNS text
  AS 'MODULE_PATHNAME', 'certid_serial' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION certid_version(certid) RETURNS integer
  AS 'MODULE_PATHNAME', 'certid_version' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
