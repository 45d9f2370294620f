
-- The access log (电子监察: 可溯源、可核查).  Every read of a certificate or a
-- registry record through yiwang's functions appends one entry: who, whose
-- data, which record, why, when.  Entries are hash-chained with SM3:
--   entry_hash = SM3(previous_hash || canonical bytes of the entry)
-- so that changing or removing an entry breaks the chain from there on, and
-- yiwang.verify_access_log() names the first broken link.  Appends take the
-- chain head's row lock, so concurrent appends are chained one after the
-- other in the order they took it, and a rolled-back append leaves no gap.
--
-- A read whose transaction rolls back still happened: the reader has the
-- data.  Its entry is kept in the backend until the transaction ends and,
-- on rollback, spooled to a file and appended again by a background worker
-- as a rescued entry (rescued_read_at, rescue_key; src/access_spool.h).
CREATE TABLE access_log (
  entry_id bigint PRIMARY KEY,
  logged_at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_subject text NOT NULL,
  actor_department text,
  actor_role text NOT NULL,
  action text NOT NULL CHECK (action IN ('read', 'verify', 'issue', 'revoke', 'supersede')),
  object_kind text NOT NULL CHECK (object_kind IN ('certificate', 'person', 'legal_entity', 'house')),
  object_id text NOT NULL,
  holder_idcard idcard,
  holder_uscc uscc,
  purpose text,
  -- set on an entry appended again after its transaction rolled back: when the read was
  rescued_read_at timestamptz,
  -- which spooled entry it is, so that it is appended once
  rescue_key text,
  previous_hash bytea NOT NULL,
  entry_hash bytea NOT NULL,
  CHECK ((rescued_read_at IS NULL) = (rescue_key IS NULL))
);
COMMENT ON TABLE access_log IS 'append-only, hash-chained log of every read and change of personal data through yiwang (电子监察)';
CREATE INDEX access_log_holder_idcard ON access_log (holder_idcard) WHERE holder_idcard IS NOT NULL;
CREATE INDEX access_log_holder_uscc ON access_log (holder_uscc) WHERE holder_uscc IS NOT NULL;
CREATE UNIQUE INDEX access_log_rescue_key ON access_log (rescue_key) WHERE rescue_key IS NOT NULL;
SELECT pg_catalog.pg_extension_config_dump('access_log', '');

-- The chain head: the last entry's number and hash.  One row, always.
CREATE TABLE access_log_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_entry_id bigint NOT NULL,
  last_hash bytea NOT NULL
);
INSERT INTO access_log_head VALUES (true, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');
SELECT pg_catalog.pg_extension_config_dump('access_log_head', '');

-- The bytes an entry's hash covers, after the previous hash: its fields,
-- one per line, in column order (empty for NULL).
CREATE FUNCTION access_log_entry_bytes(entry_id bigint, logged_at timestamptz, actor_kind text,
                                       actor_subject text, actor_department text, actor_role text,
                                       action text, object_kind text, object_id text,
                                       holder_idcard idcard, holder_uscc uscc, purpose text,
                                       rescued_read_at timestamptz, rescue_key text)
  RETURNS bytea
  -- STABLE, as the functions it calls (to_char, convert_to) are: so it is inlined
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN convert_to(concat_ws(E'\n', entry_id::text,
                              to_char(logged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                              actor_kind, actor_subject, coalesce(actor_department, ''), actor_role,
                              action, object_kind, object_id,
                              coalesce(text(holder_idcard), ''), coalesce(text(holder_uscc), ''),
                              coalesce(purpose, ''),
                              coalesce(to_char(rescued_read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ''),
                              coalesce(rescue_key, '')), 'UTF8');

-- Chain entries onto the log, one per object, in array order, under one
-- hold of the head.  The common part of every append; returns the time
-- the entries were logged at.
CREATE FUNCTION access_log_write(actor_kind text, actor_subject text, actor_department text, actor_role text,
                                 action text, object_kind text, object_ids text[],
                                 holder_idcards idcard[], holder_usccs uscc[], purpose text,
                                 rescued_read_at timestamptz, rescue_key text)
  RETURNS timestamptz
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
  head yiwang.access_log_head;
  logged_at timestamptz;
  entry_ids bigint[] := '{}';
  previous_hashes bytea[] := '{}';
  entry_hashes bytea[] := '{}';
  previous bytea;
  entry_id bigint;
BEGIN
  SELECT * INTO head FROM yiwang.access_log_head FOR UPDATE;
  -- the time is taken holding the head, so that times never go back along the chain
  logged_at := clock_timestamp();
  entry_id := head.last_entry_id;
  previous := head.last_hash;
  FOR i IN 1 .. cardinality(object_ids) LOOP
    entry_id := entry_id + 1;
    entry_ids := entry_ids || entry_id;
    previous_hashes := previous_hashes || previous;
    previous := yiwang.sm3(previous || yiwang.access_log_entry_bytes(
      entry_id, logged_at, actor_kind, actor_subject, actor_department, actor_role,
      action, object_kind, object_ids[i], holder_idcards[i], holder_usccs[i], purpose,
      rescued_read_at, rescue_key));
    entry_hashes := entry_hashes || previous;
    -- A line in the server log as well, for whoever follows the log rather than the table.
    RAISE LOG 'yiwang access: entry % hash % % % % by % % % (%) purpose %',
      entry_id, encode(previous, 'hex'), action, object_kind, object_ids[i],
      actor_kind, actor_subject, coalesce(actor_department, '-'), actor_role,
      coalesce(purpose, '-') || CASE WHEN rescue_key IS NULL THEN ''
                                     ELSE format(' (rescued: read at %s in a transaction rolled back)', rescued_read_at) END;
  END LOOP;
  INSERT INTO yiwang.access_log
  SELECT e.entry_id, logged_at, actor_kind, actor_subject, actor_department, actor_role, action, object_kind,
         e.object_id, e.holder_idcard, e.holder_uscc, purpose, rescued_read_at, rescue_key, e.previous_hash, e.entry_hash
  FROM unnest(entry_ids, object_ids, holder_idcards, holder_usccs, previous_hashes, entry_hashes)
       AS e(entry_id, object_id, holder_idcard, holder_uscc, previous_hash, entry_hash);
  UPDATE yiwang.access_log_head SET last_entry_id = entry_id, last_hash = previous;
  RETURN logged_at;
END
$$;
REVOKE ALL ON FUNCTION access_log_write(text, text, text, text, text, text, text[], idcard[], uscc[], text, timestamptz, text) FROM PUBLIC;

-- Append one entry per object for the current actor; the entries of reads
-- are also kept in the backend, so that a rollback spools them (see above).
-- Called by yiwang's functions, whose search_path it runs under.
CREATE FUNCTION access_log_append_many(action text, object_kind text, object_ids text[],
                                       holder_idcards idcard[], holder_usccs uscc[], purpose text)
  RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
AS $$
DECLARE
  who yiwang.actor := yiwang.require_actor();
  logged_at timestamptz;
BEGIN
  IF coalesce(cardinality(object_ids), 0) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(holder_idcards) <> cardinality(object_ids) OR cardinality(holder_usccs) <> cardinality(object_ids) THEN
    RAISE EXCEPTION 'access-log entries with unmatched holders' USING ERRCODE = '2202E',
      DETAIL = format('%s objects, %s holder identity numbers, %s holder credit codes.',
                      cardinality(object_ids), cardinality(holder_idcards), cardinality(holder_usccs));
  END IF;
  PERFORM yiwang.check_purpose(purpose);
  logged_at := yiwang.access_log_write(who.kind, who.subject, who.department, who.role, action, object_kind,
                                       object_ids, holder_idcards, holder_usccs, purpose, NULL, NULL);
  -- A read or verification disclosed data even if it is rolled back; an
  -- issue, revocation or supersession rolled back did not happen.
  IF action IN ('read', 'verify') THEN
    PERFORM yiwang.access_log_keep_if_rolled_back(logged_at, who.kind, who.subject, who.department, who.role,
                                                  action, object_kind, object_ids, holder_idcards::text[],
                                                  holder_usccs::text[], purpose);
  END IF;
END
$$;
REVOKE ALL ON FUNCTION access_log_append_many(text, text, text[], idcard[], uscc[], text) FROM PUBLIC;

-- Append one entry for the current actor.
CREATE FUNCTION access_log_append(action text, object_kind text, object_id text,
                                  holder_idcard idcard, holder_uscc uscc, purpose text)
  RETURNS void
  LANGUAGE sql VOLATILE PARALLEL UNSAFE
  RETURN yiwang.access_log_append_many(action, object_kind, ARRAY[object_id], ARRAY[holder_idcard],
                                       ARRAY[holder_uscc], purpose);
REVOKE ALL ON FUNCTION access_log_append(text, text, text, idcard, uscc, text) FROM PUBLIC;

-- Entries waiting for a rollback: kept in the backend until the transaction ends (C).
CREATE FUNCTION access_log_keep_if_rolled_back(read_at timestamptz, actor_kind text, actor_subject text,
                                               actor_department text, actor_role text, action text,
                                               object_kind text, object_ids text[], holder_idcards text[],
                                               holder_usccs text[], purpose text)
  RETURNS void
  AS 'MODULE_PATHNAME', 'access_log_keep_if_rolled_back'
  LANGUAGE C VOLATILE PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION access_log_keep_if_rolled_back(timestamptz, text, text, text, text, text, text, text[],
                                                      text[], text[], text) FROM PUBLIC;

-- Append a spooled entry again, unless the log has it already.  Called by
-- the rescue, with the actor and the time of the rolled-back read.
CREATE FUNCTION access_log_append_rescued(rescue_key text, read_at timestamptz, actor_kind text,
                                          actor_subject text, actor_department text, actor_role text,
                                          action text, object_kind text, object_id text,
                                          holder_idcard text, holder_uscc text, purpose text)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
  SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  -- the head first: a rescue running at the same time has then committed or rolled back
  PERFORM FROM yiwang.access_log_head FOR UPDATE;
  IF EXISTS (SELECT FROM yiwang.access_log l WHERE l.rescue_key = access_log_append_rescued.rescue_key) THEN
    RETURN false;
  END IF;
  PERFORM yiwang.access_log_write(actor_kind, actor_subject, actor_department, actor_role, action, object_kind,
                                  ARRAY[object_id], ARRAY[yiwang.idcard(holder_idcard)],
                                  ARRAY[yiwang.uscc(holder_uscc)], purpose, read_at, rescue_key);
  RETURN true;
END
$$;
REVOKE ALL ON FUNCTION access_log_append_rescued(text, timestamptz, text, text, text, text, text, text, text,
                                                 text, text, text) FROM PUBLIC;

-- Append what waits in this database's spool (after a crash, or when no
-- background worker was free); the number of entries appended.
CREATE FUNCTION rescue_rolled_back_reads() RETURNS bigint
  AS 'MODULE_PATHNAME', 'rescue_rolled_back_reads'
  LANGUAGE C VOLATILE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp;
COMMENT ON FUNCTION rescue_rolled_back_reads() IS
  'append to the access log the entries of rolled-back reads that wait in the spool; the number appended';

CREATE FUNCTION rolled_back_reads_waiting() RETURNS bigint
  AS 'MODULE_PATHNAME', 'rolled_back_reads_waiting'
  LANGUAGE C VOLATILE PARALLEL SAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp;
COMMENT ON FUNCTION rolled_back_reads_waiting() IS
  'how many entries of rolled-back reads wait in the spool to be appended to the access log';

-- Append-only for everyone, the owner included.  One refusal serves every
-- hash-chained log of yiwang (this one, the case log): the trigger's
-- arguments name the log, what its rows are called, and its check.
CREATE FUNCTION refuse_log_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, yiwang, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION 'the % is append-only', TG_ARGV[0] USING ERRCODE = '42501',
    DETAIL = format('%s on yiwang.%s is refused: %s are never changed or removed.', TG_OP, TG_TABLE_NAME, TG_ARGV[1]),
    HINT = format('%s; nothing needs repairing by hand.', TG_ARGV[2]);
END
$$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION refuse_log_change('access log', 'entries', 'yiwang.verify_access_log() checks the chain');
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change('access log', 'entries', 'yiwang.verify_access_log() checks the chain');

-- Walk the chain; one row: whether it is intact, and the first broken link.
CREATE FUNCTION verify_access_log(OUT intact boolean, OUT entries bigint,
                                  OUT first_broken_entry bigint, OUT problem text)
  LANGUAGE plpgsql STABLE PARALLEL UNSAFE
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
AS $$
DECLARE
  expected_id bigint := 1;
  previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
  e yiwang.access_log;
  head yiwang.access_log_head;
BEGIN
  entries := 0;
  FOR e IN SELECT * FROM yiwang.access_log ORDER BY entry_id LOOP
    IF e.entry_id <> expected_id THEN
      intact := false; first_broken_entry := expected_id;
      problem := format('Entry %s is missing: the log goes from entry %s to entry %s.', expected_id, expected_id - 1, e.entry_id);
      RETURN;
    END IF;
    IF e.previous_hash <> previous THEN
      intact := false; first_broken_entry := e.entry_id;
      problem := format('Entry %s does not point to the hash of entry %s.', e.entry_id, e.entry_id - 1);
      RETURN;
    END IF;
    IF e.entry_hash <> yiwang.sm3(previous || yiwang.access_log_entry_bytes(
         e.entry_id, e.logged_at, e.actor_kind, e.actor_subject, e.actor_department, e.actor_role,
         e.action, e.object_kind, e.object_id, e.holder_idcard, e.holder_uscc, e.purpose,
         e.rescued_read_at, e.rescue_key)) THEN
      intact := false; first_broken_entry := e.entry_id;
      problem := format('Entry %s was changed: its hash does not match its contents.', e.entry_id);
      RETURN;
    END IF;
    previous := e.entry_hash;
    expected_id := expected_id + 1;
    entries := entries + 1;
  END LOOP;
  SELECT * INTO head FROM yiwang.access_log_head;
  IF head.last_entry_id <> entries OR head.last_hash <> previous THEN
    intact := false; first_broken_entry := entries + 1;
    problem := format('The chain head says %s entries but the log ends at entry %s.', head.last_entry_id, entries);
    RETURN;
  END IF;
  intact := true;
END
$$;
COMMENT ON FUNCTION verify_access_log() IS 'walk the access log''s hash chain and name the first broken link';

-- Who read my data, and why (for the logged-in citizen).
CREATE FUNCTION my_access_log()
  RETURNS TABLE (logged_at timestamptz, department text, department_name text, actor_role text,
                 action text, object_kind text, object_id text, purpose text)
  LANGUAGE sql STABLE PARALLEL RESTRICTED
  SECURITY DEFINER SET search_path = pg_catalog, yiwang, pg_temp
BEGIN ATOMIC
  SELECT l.logged_at, l.actor_department, d.name, l.actor_role, l.action, l.object_kind, l.object_id, l.purpose
  FROM yiwang.access_log l LEFT JOIN yiwang.departments d ON d.department_id = l.actor_department
  WHERE l.holder_idcard = yiwang.actor_idcard()
     OR l.holder_uscc IN (SELECT e.uscc FROM yiwang.legal_entities e
                          WHERE e.legal_representative = yiwang.actor_idcard())
  ORDER BY l.entry_id DESC;
END;
COMMENT ON FUNCTION my_access_log() IS
  'every read and change of the logged-in citizen''s data, and of the organisations they represent: who, when, why';
