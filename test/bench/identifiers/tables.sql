-- The tables measured, all filled from the generated pools in the same
-- order, so that each comparison reads the same values.

-- Input: the number as text and, in the same row, the baseline's input
-- string: for idcard the 18 characters with a final X read as 0 (int8
-- input), for uscc a 32-hex-digit string derived from the code (uuid input).
CREATE TABLE bench.idcard_input AS
SELECT s, replace(s, 'X', '0') AS d
  FROM bench.idcard_pool WHERE n <= 1000000 ORDER BY n;

CREATE TABLE bench.uscc_input AS
SELECT s, md5(s) AS h
  FROM bench.uscc_pool WHERE n <= 1000000 ORDER BY n;

-- Keys: the first 1,000,000 of each pool, as the type and as text, each with
-- a btree index.  These are also the join's first tables.
CREATE TABLE bench.idcard_key (k yiwang.idcard);
INSERT INTO bench.idcard_key SELECT s::yiwang.idcard FROM bench.idcard_pool WHERE n <= 1000000 ORDER BY n;
CREATE TABLE bench.idcard_text (k text);
INSERT INTO bench.idcard_text SELECT s FROM bench.idcard_pool WHERE n <= 1000000 ORDER BY n;
CREATE TABLE bench.uscc_key (k yiwang.uscc);
INSERT INTO bench.uscc_key SELECT s::yiwang.uscc FROM bench.uscc_pool WHERE n <= 1000000 ORDER BY n;
CREATE TABLE bench.uscc_text (k text);
INSERT INTO bench.uscc_text SELECT s FROM bench.uscc_pool WHERE n <= 1000000 ORDER BY n;

CREATE INDEX idcard_key_k ON bench.idcard_key (k);
CREATE INDEX idcard_text_k ON bench.idcard_text (k);
CREATE INDEX uscc_key_k ON bench.uscc_key (k);
CREATE INDEX uscc_text_k ON bench.uscc_text (k);

-- The join's second tables: every other key of the first table (500,000)
-- and 500,000 keys the first table does not have.
CREATE TABLE bench.idcard_key_b (k yiwang.idcard);
INSERT INTO bench.idcard_key_b SELECT s::yiwang.idcard FROM bench.idcard_pool
 WHERE (n <= 1000000 AND n % 2 = 0) OR n > 1000000 ORDER BY n;
CREATE TABLE bench.idcard_text_b (k text);
INSERT INTO bench.idcard_text_b SELECT s FROM bench.idcard_pool
 WHERE (n <= 1000000 AND n % 2 = 0) OR n > 1000000 ORDER BY n;
CREATE TABLE bench.uscc_key_b (k yiwang.uscc);
INSERT INTO bench.uscc_key_b SELECT s::yiwang.uscc FROM bench.uscc_pool
 WHERE (n <= 1000000 AND n % 2 = 0) OR n > 1000000 ORDER BY n;
CREATE TABLE bench.uscc_text_b (k text);
INSERT INTO bench.uscc_text_b SELECT s FROM bench.uscc_pool
 WHERE (n <= 1000000 AND n % 2 = 0) OR n > 1000000 ORDER BY n;

-- Visibility map, free space map and statistics, as on a settled table;
-- also sets the hint bits, so that no timed scan pays for them.
VACUUM (ANALYZE) bench.idcard_input, bench.uscc_input,
  bench.idcard_key, bench.idcard_text, bench.uscc_key, bench.uscc_text,
  bench.idcard_key_b, bench.idcard_text_b, bench.uscc_key_b, bench.uscc_text_b;
