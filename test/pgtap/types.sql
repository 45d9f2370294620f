-- types: the physical layout of the five identifier types, their operator
-- classes and casts, and where the extension's objects live.
BEGIN;
SELECT plan(39);

SET LOCAL search_path = public, pg_catalog;

--
-- Layout: idcard and orgcode are 8-byte keys passed by value; uscc and
-- estate_unit 16-byte keys; certid variable length.
--
SELECT is((SELECT format('%s %s %s', typlen, typbyval, typalign) FROM pg_type WHERE oid = t::regtype),
          layout, t || ' is ' || description)
FROM (VALUES ('yiwang.idcard', '8 t d', '8 bytes, passed by value'),
             ('yiwang.orgcode', '8 t d', '8 bytes, passed by value'),
             ('yiwang.uscc', '16 f c', '16 bytes, by reference'),
             ('yiwang.estate_unit', '16 f c', '16 bytes, by reference'),
             ('yiwang.certid', '-1 f i', 'variable length')) AS expected(t, layout, description);
SELECT is((SELECT count(*)::int FROM pg_type
           WHERE typnamespace = 'yiwang'::regnamespace AND typtype = 'b' AND typelem = 0 AND typarray <> 0
             AND typname IN ('idcard', 'orgcode', 'uscc', 'estate_unit', 'certid')), 5,
          'each type is a base type with an array type');

--
-- Default btree and hash operator classes, complete.
--
SELECT is((SELECT format('%s/%s/%s', string_agg(DISTINCT amop.amopstrategy::text, ',' ORDER BY amop.amopstrategy::text),
                         bool_and(amop.amoplefttype = opc.opcintype AND amop.amoprighttype = opc.opcintype),
                         (SELECT string_agg(amproc.amprocnum::text, ',' ORDER BY amproc.amprocnum)
                          FROM pg_amproc amproc WHERE amproc.amprocfamily = opc.opcfamily))
           FROM pg_opclass opc
           JOIN pg_am am ON am.oid = opc.opcmethod
           JOIN pg_amop amop ON amop.amopfamily = opc.opcfamily
           WHERE opc.opcintype = t::regtype AND am.amname = 'btree' AND opc.opcdefault
           GROUP BY opc.opcfamily),
          '1,2,3,4,5/t/1,2,4',
          t || ' has a default btree operator class with the 5 strategies, cmp, sortsupport and equalimage')
FROM unnest(ARRAY['yiwang.idcard', 'yiwang.orgcode', 'yiwang.uscc', 'yiwang.estate_unit', 'yiwang.certid']) AS t;
SELECT is((SELECT format('%s/%s', string_agg(amop.amopstrategy::text, ',' ORDER BY amop.amopstrategy),
                         (SELECT string_agg(amproc.amprocnum::text, ',' ORDER BY amproc.amprocnum)
                          FROM pg_amproc amproc WHERE amproc.amprocfamily = opc.opcfamily))
           FROM pg_opclass opc
           JOIN pg_am am ON am.oid = opc.opcmethod
           JOIN pg_amop amop ON amop.amopfamily = opc.opcfamily
           WHERE opc.opcintype = t::regtype AND am.amname = 'hash' AND opc.opcdefault
           GROUP BY opc.opcfamily),
          '1/1,2',
          t || ' has a default hash operator class with =, the hash and the extended hash function')
FROM unnest(ARRAY['yiwang.idcard', 'yiwang.orgcode', 'yiwang.uscc', 'yiwang.estate_unit', 'yiwang.certid']) AS t;
-- = can drive hash joins and merge joins, and knows its commutator and negator
SELECT is((SELECT format('%s %s %s %s', o.oprcanhash, o.oprcanmerge, o.oprcom = o.oid,
                         (SELECT n.oprname FROM pg_operator n WHERE n.oid = o.oprnegate))
           FROM pg_operator o
           WHERE o.oprname = '=' AND o.oprleft = t::regtype AND o.oprright = t::regtype),
          't t t <>', t || ' = is HASHES and MERGES, its own commutator, negated by <>')
FROM unnest(ARRAY['yiwang.idcard', 'yiwang.orgcode', 'yiwang.uscc', 'yiwang.estate_unit', 'yiwang.certid']) AS t;

--
-- Casts to and from text, in assignment; nothing implicit.
--
SELECT is((SELECT format('%s %s', castcontext, castmethod) FROM pg_cast
           WHERE castsource = s::regtype AND casttarget = d::regtype),
          'a f', format('cast from %s to %s exists, by function, AS ASSIGNMENT', s, d))
FROM (VALUES ('text', 'yiwang.idcard'), ('yiwang.idcard', 'text'),
             ('text', 'yiwang.orgcode'), ('yiwang.orgcode', 'text'),
             ('text', 'yiwang.uscc'), ('yiwang.uscc', 'text'),
             ('text', 'yiwang.estate_unit'), ('yiwang.estate_unit', 'text'),
             ('text', 'yiwang.certid'), ('yiwang.certid', 'text')) AS c(s, d);
SELECT is((SELECT coalesce(string_agg(format('%s -> %s', castsource::regtype, casttarget::regtype), ', '), '')
           FROM pg_cast
           WHERE castcontext = 'i'
             AND (castsource IN (SELECT oid FROM pg_type WHERE typnamespace = 'yiwang'::regnamespace)
                  OR casttarget IN (SELECT oid FROM pg_type WHERE typnamespace = 'yiwang'::regnamespace))),
          '', 'no implicit cast to or from an identifier type');
-- the cast functions are the ones that check: text -> type rejects bad input
SELECT throws_ok($$SELECT 'not a number'::text::yiwang.idcard$$, '22P02', NULL,
                 'the text -> idcard cast validates');

--
-- Where the objects live.
--
SELECT is((SELECT format('%s %s', extnamespace::regnamespace, extrelocatable) FROM pg_extension
           WHERE extname = 'yiwang'), 'yiwang f', 'the extension is in schema yiwang and not relocatable');
SELECT is((SELECT coalesce(string_agg(pg_describe_object(d.classid, d.objid, d.objsubid) || ' in ' || i.schema,
                                      ', ' ORDER BY 1), '')
           FROM pg_depend d
           JOIN pg_extension e ON e.oid = d.refobjid
           CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) AS i
           WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'yiwang'
             AND i.schema IS DISTINCT FROM 'yiwang' AND i.schema IS NOT NULL),
          '', 'every object of the extension that has a schema is in schema yiwang');
SELECT cmp_ok((SELECT count(*)::int
               FROM pg_depend d
               JOIN pg_extension e ON e.oid = d.refobjid
               CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) AS i
               WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'yiwang'
                 AND i.schema = 'yiwang'), '>=', 162,
              'the extension has its types, functions, operators, classes and families in schema yiwang');
SELECT is((SELECT coalesce(string_agg(format('%s %s', c.relkind, c.relname), ', '), '')
           FROM pg_class c
           WHERE c.relnamespace = 'yiwang'::regnamespace
             AND NOT EXISTS (SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                               AND d.refclassid = 'pg_extension'::regclass AND e.extname = 'yiwang')
             AND c.relkind IN ('r', 'v', 'm', 'S', 'p', 'f')
             AND NOT EXISTS (SELECT FROM pg_depend d
                             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                               AND d.deptype IN ('a', 'i'))), '',
          'every relation in schema yiwang belongs to the extension');
SELECT is((SELECT coalesce(string_agg(t.typname, ', ' ORDER BY t.typname), '')
           FROM pg_type t
           WHERE t.typnamespace <> 'yiwang'::regnamespace
             AND t.typname IN ('idcard', 'orgcode', 'uscc', 'estate_unit', 'certid')), '',
          'no type of the same name outside schema yiwang');
SELECT is((SELECT count(*)::int FROM pg_extension WHERE extname IN ('pgcrypto', 'postgis')), 2,
          'the required extensions are installed');

SELECT * FROM finish();
ROLLBACK;
