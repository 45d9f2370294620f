-- The baselines a department would otherwise write: plain PL/pgSQL
-- validators of the kind found in application schemas.  They are written to
-- be fast rather than to lose: no exception block (which would start a
-- subtransaction per value), one regular expression for the characters, the
-- date checked by arithmetic.  They check no more than the standard's
-- layout and check character; the types also check the province code.

CREATE FUNCTION bench.plpgsql_idcard_valid(s text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  weights constant integer[] := ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  y integer;
  m integer;
  d integer;
  month_days integer;
  total integer := 0;
BEGIN
  IF length(s) <> 18 THEN
    RETURN false;
  END IF;
  IF s !~ '^[0-9]{17}[0-9Xx]$' THEN
    RETURN false;
  END IF;
  y := substr(s, 7, 4)::integer;
  m := substr(s, 11, 2)::integer;
  d := substr(s, 13, 2)::integer;
  IF y < 1 OR m < 1 OR m > 12 OR d < 1 THEN
    RETURN false;
  END IF;
  month_days := CASE
                  WHEN m = 2 THEN CASE WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 THEN 29 ELSE 28 END
                  WHEN m IN (4, 6, 9, 11) THEN 30
                  ELSE 31
                END;
  IF d > month_days THEN
    RETURN false;
  END IF;
  FOR i IN 1 .. 17 LOOP
    total := total + substr(s, i, 1)::integer * weights[i];
  END LOOP;
  RETURN substr('10X98765432', total % 11 + 1, 1) = upper(substr(s, 18, 1));
END $$;

CREATE FUNCTION bench.plpgsql_uscc_valid(s text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
  weights constant integer[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  code text := upper(s);
  total integer := 0;
BEGIN
  IF length(code) <> 18 THEN
    RETURN false;
  END IF;
  -- the alphabet without I, O, S, V, Z; characters 3-8 are a division code
  IF code !~ '^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$' THEN
    RETURN false;
  END IF;
  FOR i IN 1 .. 17 LOOP
    total := total + (strpos(alphabet, substr(code, i, 1)) - 1) * weights[i];
  END LOOP;
  RETURN substr(alphabet, (31 - total % 31) % 31 + 1, 1) = substr(code, 18, 1);
END $$;

-- A baseline that accepted everything would be fast and worthless: it must
-- agree with the standard's own examples.
DO $$
DECLARE
  wrong text[];
BEGIN
  SELECT array_agg(v) INTO wrong
    FROM (VALUES ('11010519491231002X', true), ('440524188001010014', true),
                 ('110101199003078670', true), ('44011320141005001x', true),
                 ('440308199901101513', false), ('36042619910102009X', false),
                 ('360426199113010079', false), ('110101190002290011', false),
                 ('110101200002290018', true), ('110101199904310019', false)) AS t(v, valid)
   WHERE bench.plpgsql_idcard_valid(v) IS DISTINCT FROM valid;
  IF wrong IS NOT NULL THEN
    RAISE EXCEPTION 'bench.plpgsql_idcard_valid is wrong about %', wrong;
  END IF;
  SELECT array_agg(v) INTO wrong
    FROM (VALUES ('91350100M000100Y43', true), ('91110000600037341L', true),
                 ('914403001922038216', true), ('11100000000013338W', true),
                 ('91110000600037341N', false), ('9111000060003IOZSV', false)) AS t(v, valid)
   WHERE bench.plpgsql_uscc_valid(v) IS DISTINCT FROM valid;
  IF wrong IS NOT NULL THEN
    RAISE EXCEPTION 'bench.plpgsql_uscc_valid is wrong about %', wrong;
  END IF;
END $$;
