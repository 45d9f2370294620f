
-- The actor of the current transaction (当前办事人), fixed by yiwang.login.
-- The functions read backend memory that parallel workers do not share,
-- hence PARALLEL RESTRICTED; STABLE because it changes only at login.

CREATE FUNCTION actor_set(kind text, subject text, department text, role text,
                          assurance integer, token_issuer text, token_nonce text) RETURNS void
  AS 'MODULE_PATHNAME', 'yiwang_actor_set' LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;
COMMENT ON FUNCTION actor_set(text, text, text, text, integer, text, text) IS
  'internal: called by yiwang.login after the token is verified; executable by no one else';
REVOKE ALL ON FUNCTION actor_set(text, text, text, text, integer, text, text) FROM PUBLIC;

CREATE FUNCTION actor_clear() RETURNS void
  AS 'MODULE_PATHNAME', 'yiwang_actor_clear' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION actor_clear() IS 'internal: called by yiwang.logout';
REVOKE ALL ON FUNCTION actor_clear() FROM PUBLIC;

CREATE FUNCTION actor_kind() RETURNS text
  AS 'MODULE_PATHNAME', 'yiwang_actor_kind' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION actor_kind() IS 'citizen or staff; NULL before yiwang.login in this transaction';
CREATE FUNCTION actor_subject() RETURNS text
  AS 'MODULE_PATHNAME', 'yiwang_actor_subject' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION actor_subject() IS 'the citizen''s identity number or the staff id';
CREATE FUNCTION actor_department() RETURNS text
  AS 'MODULE_PATHNAME', 'yiwang_actor_department' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION actor_department() IS 'the staff member''s department_id; NULL for citizens';
CREATE FUNCTION actor_role() RETURNS text
  AS 'MODULE_PATHNAME', 'yiwang_actor_role' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION actor_role() IS 'citizen, department, window, admin, auditor or reporting';
CREATE FUNCTION actor_assurance() RETURNS integer
  AS 'MODULE_PATHNAME', 'yiwang_actor_assurance' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION actor_assurance() IS 'assurance level (1-4) of the authentication behind the token';
CREATE FUNCTION actor_token_issuer() RETURNS text
  AS 'MODULE_PATHNAME', 'yiwang_actor_token_issuer' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION actor_token_issuer() IS 'the issuer of the token the actor logged in with';
CREATE FUNCTION actor_token_nonce() RETURNS text
  AS 'MODULE_PATHNAME', 'yiwang_actor_token_nonce' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION actor_token_nonce() IS 'the nonce of the token the actor logged in with';

-- The citizen acting, as an identity number; NULL for staff.
CREATE FUNCTION actor_idcard() RETURNS idcard
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  RETURN CASE WHEN actor_kind() = 'citizen' THEN idcard(actor_subject()) END;
COMMENT ON FUNCTION actor_idcard() IS 'the acting citizen''s identity number; NULL for staff and before login';
