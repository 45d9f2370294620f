-- errors: bad input of every type raises 22P02 with a message naming the
-- type and the value, a detail saying what is wrong, and a hint where one
-- helps; the *_error functions return the same detail.
BEGIN;
SELECT plan(190);

SET LOCAL search_path = public, pg_catalog;

-- The SQLSTATE, message, detail and hint of the error a statement raises
-- (all NULL if it raises none).
CREATE FUNCTION pg_temp.error_of(statement text, OUT state text, OUT message text,
                                 OUT detail text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE statement;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END
$$;

-- Five tests for one rejected value: through the type's input function,
-- 22P02 and the message naming the type and the value; the detail; the
-- hint (NULL for none); the same error through the text cast; and
-- <type>_error(value) returning the detail.
CREATE FUNCTION pg_temp.rejects(type_name text, kind text, value text, want_detail text, want_hint text,
                                shown_value text DEFAULT NULL) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  by_input text := format('SELECT %L::yiwang.%I', value, type_name);
  by_cast text := format('SELECT %L::text::yiwang.%I', value, type_name);
  want_message text := format('invalid input syntax for type %s: "%s"', type_name, coalesce(shown_value, value));
  e record;
  error_function_says text;
BEGIN
  RETURN NEXT throws_ok(by_input, '22P02', want_message,
                        format('%s, %s: 22P02 naming the type and the value', type_name, kind));
  SELECT * INTO e FROM pg_temp.error_of(by_input);
  RETURN NEXT is(e.detail, want_detail, format('%s, %s: detail', type_name, kind));
  RETURN NEXT is(nullif(e.hint, ''), want_hint, format('%s, %s: hint', type_name, kind));
  SELECT * INTO e FROM pg_temp.error_of(by_cast);
  RETURN NEXT is(format('%s|%s|%s|%s', e.state, e.message, e.detail, e.hint),
                 format('22P02|%s|%s|%s', want_message, want_detail, coalesce(want_hint, '')),
                 format('%s, %s: the same error through the text cast', type_name, kind));
  EXECUTE format('SELECT yiwang.%I($1)', type_name || '_error') INTO error_function_says USING value;
  RETURN NEXT is(error_function_says, want_detail, format('%s, %s: %s_error() gives the detail', type_name, kind, type_name));
END
$$;

--
-- idcard
--
SELECT * FROM pg_temp.rejects('idcard', 'length', '11010519491231002',
  'The value has 17 characters.',
  'An identity number has 18 characters, or 15 digits if it is a first-generation number.');
SELECT * FROM pg_temp.rejects('idcard', 'character', '1101051949123100X2',
  'Character 17 is "X", not a digit.',
  'Only the last character may be X.');
SELECT * FROM pg_temp.rejects('idcard', 'character', '11010519491231002Y',
  'The last character is "Y"; it must be a digit or X.',
  NULL);
SELECT * FROM pg_temp.rejects('idcard', 'province', '200101199001010017',
  'Address code 200101 starts with 20, which is not a province code of GB/T 2260.',
  'The first two digits name the province: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81-83, or 9 for a foreign permanent resident.');
SELECT * FROM pg_temp.rejects('idcard', 'province', '990426199112010074',
  'Address code 990426 starts with 99, which is not a province code of GB/T 2260; nor is it a foreign permanent-residence number, since 90 after the 9 is not a province code.',
  'The first two digits name the province: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81-83; a foreign permanent-residence number is 9 followed by the province that accepted it.');
SELECT * FROM pg_temp.rejects('idcard', 'date', '360426199113010079',
  'Birth date 19911301 is not a calendar date: there is no month 13.',
  'Digits 7 to 14 are the birth date YYYYMMDD; compare them with the identity card.');
SELECT * FROM pg_temp.rejects('idcard', 'date', '110105190002290017',
  'Birth date 19000229 is not a calendar date: 1900 is not a leap year.',
  'Digits 7 to 14 are the birth date YYYYMMDD; compare them with the identity card.');
SELECT * FROM pg_temp.rejects('idcard', 'check', '440308199901101513',
  'The check character should be 2, not 3.',
  'A digit is probably mistyped or two neighbouring digits swapped; compare the number with the identity card.');

--
-- uscc
--
SELECT * FROM pg_temp.rejects('uscc', 'length', '91350100M000100Y4',
  'The value has 17 characters.',
  'A unified social credit code has 18 characters.');
SELECT * FROM pg_temp.rejects('uscc', 'character', '9111000060003IOZSV',
  'Character 14 is "I", which is not in the alphabet of GB 32100.',
  'The code''s alphabet has no I, O, S, V or Z; I and O are often typed for 1 and 0.');
SELECT * FROM pg_temp.rejects('uscc', 'character', '91350100M00-100Y43',
  'Character 12 is "-", which is not in the alphabet of GB 32100.',
  'The code uses the digits and the capitals except I, O, S, V and Z.');
-- the character is quoted as it was typed
SELECT * FROM pg_temp.rejects('uscc', 'character', '91350100i000100Y43',
  'Character 9 is "i", which is not in the alphabet of GB 32100.',
  'The code''s alphabet has no I, O, S, V or Z; I and O are often typed for 1 and 0.');
SELECT * FROM pg_temp.rejects('uscc', 'structure', '91A50100M000100Y42',
  'Character 3 is "A", but characters 3 to 8 must be digits.',
  'Characters 3 to 8 are the administrative division code of the registering authority (GB/T 2260).');
SELECT * FROM pg_temp.rejects('uscc', 'check', '91110000600037341N',
  'The check character should be L, not N.',
  'Its organisation code (characters 9 to 17) is valid: if this is one of the early pilot codes that fail the mod-31 check, link the record by yiwang.orgcode(substr(code, 9, 9)) instead.');
SELECT * FROM pg_temp.rejects('uscc', 'check', '91110000600037342L',
  'The check character should be P, not L.',
  'A character is probably mistyped or two neighbouring characters swapped; compare the code with the business licence.');

--
-- orgcode
--
SELECT * FROM pg_temp.rejects('orgcode', 'length', 'D2143569',
  'The value has 8 characters.',
  'An organisation code is 8 characters and a check character, written XXXXXXXX-C or without the hyphen.');
SELECT * FROM pg_temp.rejects('orgcode', 'structure', 'D2143569 X',
  'The value has 10 characters but the ninth, " ", is not a hyphen.',
  'An organisation code is 8 characters and a check character, written XXXXXXXX-C or without the hyphen.');
SELECT * FROM pg_temp.rejects('orgcode', 'character', 'D21435*9-X',
  'Character 7 is "*", not a digit or letter.',
  'The first eight characters are digits or letters.');
SELECT * FROM pg_temp.rejects('orgcode', 'character', 'D2143569-Y',
  'The check character is "Y"; it must be a digit or X.',
  NULL);
-- the character is quoted as it was typed
SELECT * FROM pg_temp.rejects('orgcode', 'character', 'D2143569-y',
  'The check character is "y"; it must be a digit or X.',
  NULL);
SELECT * FROM pg_temp.rejects('orgcode', 'check', 'D2143569-1',
  'The check character should be X, not 1.',
  'A character is probably mistyped; compare the code with the organisation code certificate.');
-- the widely copied bug that uses S mod 11 directly gives 3 here
SELECT * FROM pg_temp.rejects('orgcode', 'check', '12345678-3',
  'The check character should be 8, not 3.',
  'A character is probably mistyped; compare the code with the organisation code certificate.');

--
-- estate_unit
--
SELECT * FROM pg_temp.rejects('estate_unit', 'length', '450103001001GB00001',
  'The value has 19 characters.',
  'A real-estate unit code has 28 characters: the 19-character parcel code and the 9-character fixture part.');
SELECT * FROM pg_temp.rejects('estate_unit', 'character', '450103001001GI00001F00010001',
  'Character 14 is "I", but the second letter of the parcel part is the land right: A, B, C, D, E, F, G, H, S, W, X or Y.',
  NULL);
-- the character is quoted as it was typed
SELECT * FROM pg_temp.rejects('estate_unit', 'character', '450103001001gi00001f00010001',
  'Character 14 is "i", but the second letter of the parcel part is the land right: A, B, C, D, E, F, G, H, S, W, X or Y.',
  NULL);
SELECT * FROM pg_temp.rejects('estate_unit', 'province', '990103001001GB00001F00010001',
  'County code 990103 starts with 99, which is not a province code of GB/T 2260.',
  'The first two digits name the province: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65.');
SELECT * FROM pg_temp.rejects('estate_unit', 'structure', '450103001001GB00001W00000001',
  'The fixture part is W (no fixture) but its number is 00000001, not 00000000.',
  'A unit with no fixture is written W00000000.');

--
-- certid
--
SELECT * FROM pg_temp.rejects('certid', 'structure', '1.2.156.3005.3.11100000000013338W032.11220000013544541J.2430599.001.F',
  'The value does not start with the root 1.2.156.3005.2 of GB/T 36904.',
  'An electronic certificate identifier looks like 1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>.');
SELECT * FROM pg_temp.rejects('certid', 'structure', '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001',
  'There are 4 parts after the root, not five.',
  'After the root come five parts separated by dots: type code, issuer code, serial number, version and check character.');
SELECT * FROM pg_temp.rejects('certid', 'structure', '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.01.F',
  'The version part "01" is not 3 digits.',
  'The version is written with 3 digits, for example 001.');
SELECT * FROM pg_temp.rejects('certid', 'structure', '1.2.156.3005.2.1110000000001333IW032.11220000013544541J.2430599.001.F',
  'The defining agency''s code in the type code 1110000000001333IW is not a valid unified social credit code: character 17 is "I", which is not in the alphabet of GB 32100.',
  'Compare the agency''s code with its registration; yiwang.uscc_error() explains a code on its own.');
SELECT * FROM pg_temp.rejects('certid', 'structure', '1.2.156.3005.2.11100000000013338W032.1122000001354454.2430599.001.F',
  'The issuer code has 16 characters.',
  'The issuer code is the issuing agency''s unified social credit code (18 characters) or a 6-digit division code.');
SELECT * FROM pg_temp.rejects('certid', 'structure', '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430_599.001.F',
  'Character 5 of the serial number is "_", not a digit or letter.',
  'The serial number has 1 to 40 digits and letters.');
SELECT * FROM pg_temp.rejects('certid', 'check', '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G',
  'The check character should be F, not G.',
  'A character is probably mistyped or two neighbouring characters swapped; yiwang.make_certid() computes the check character.');
-- a long value is quoted up to 120 bytes, then "..."
SELECT * FROM pg_temp.rejects('certid', 'structure',
  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.' || repeat('A', 60) || '.001.F',
  'The serial number has 60 characters.',
  'The serial number has 1 to 40 digits and letters.',
  left('1.2.156.3005.2.11100000000013338W032.11220000013544541J.' || repeat('A', 60) || '.001.F', 120) || '...');

--
-- Messages clip long values at whole characters, and count characters.
--
SELECT throws_ok(format('SELECT %L::yiwang.uscc', 'a' || repeat('é', 100)), '22P02',
                 format('invalid input syntax for type uscc: "%s..."', 'a' || repeat('é', 59)),
                 'a long multibyte value is clipped at a character boundary');
SELECT is((pg_temp.error_of(format('SELECT %L::yiwang.idcard', '１１０１０５１９４９１２３１００２Ｘ'))).detail,
          'Character 1 is "１" (U+FF11), not an ASCII digit or letter.',
          'idcard: 18 full-width characters have the right length; the first is named as typed');
SELECT is((pg_temp.error_of(format('SELECT %L::yiwang.idcard', '１１０１０５１９４９１２３１００２Ｘ'))).hint,
          'The value has full-width characters, as a Chinese input method types them; enter the identifier with half-width digits and letters.',
          'idcard: full-width input gets a hint that says so');
SELECT is(yiwang.idcard_error('１１０１０５１９４９１２３１００２'), 'The value has 17 characters.',
          'idcard: the length of full-width input is counted in characters');
SELECT is(yiwang.uscc_error(repeat('é', 17)), 'The value has 17 characters.',
          'uscc: the length of multibyte input is counted in characters');
SELECT is(yiwang.uscc_error(repeat('é', 18)), 'Character 1 is "é" (U+00E9), not an ASCII digit or letter.',
          'uscc: a multibyte character is named as typed');
SELECT is(yiwang.idcard_error('x'), 'The value has 1 character.',
          'idcard: one character is singular');

--
-- Errors of the functions: invalid parameters are 22023.
--
SELECT throws_ok($$SELECT yiwang.age('11010519491231002X'::yiwang.idcard, '1949-12-30')$$, '22023',
                 'date 1949-12-30 is before the birth date of the identity number',
                 'age() on a date before the birth date raises 22023');
SELECT is((pg_temp.error_of($$SELECT yiwang.age('11010519491231002X'::yiwang.idcard, '1949-12-30')$$)).detail,
          'The number gives the birth date 1949-12-31.', 'age(): the detail gives the birth date');
SELECT throws_ok($$SELECT yiwang.age('11010519491231002X'::yiwang.idcard, 'infinity')$$, '22023',
                 'cannot compute an age on an infinite date', 'age() on infinity raises 22023');
SELECT throws_ok($$SELECT yiwang.make_certid('11100000000013338W032', '220100', 'x', 1000)$$, '22023',
                 'cannot make a certid from these parts', 'make_certid() with version 1000 raises 22023');
SELECT is((pg_temp.error_of($$SELECT yiwang.make_certid('11100000000013338W032', '220100', 'x', 1000)$$)).detail,
          'The version is 1000.', 'make_certid(): the detail names the bad part');
SELECT throws_ok($$SELECT yiwang.make_certid('11100000000013338W032', '2201', 'x', 1)$$, '22023',
                 'cannot make a certid from these parts', 'make_certid() with a 4-character issuer raises 22023');

--
-- Valid values raise nothing, and their *_error is NULL.
--
SELECT lives_ok($$SELECT '11010519491231002X'::yiwang.idcard, '91350100M000100Y43'::yiwang.uscc,
                         'D2143569-X'::yiwang.orgcode, '450103001001GB00001F00010001'::yiwang.estate_unit,
                         '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F'::yiwang.certid$$,
                'the public valid vectors parse');
SELECT is(ARRAY[yiwang.idcard_error('11010519491231002X'), yiwang.uscc_error('91350100M000100Y43'),
                yiwang.orgcode_error('D2143569-X'), yiwang.estate_unit_error('450103001001GB00001F00010001'),
                yiwang.certid_error('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F')],
          ARRAY[NULL, NULL, NULL, NULL, NULL]::text[], 'the *_error functions return NULL for valid values');

SELECT * FROM finish();
ROLLBACK;
