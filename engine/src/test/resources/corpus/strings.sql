-- Strings: comparison by UTF-8 bytes, LIKE with % and _ and ESCAPE, case, length, substring, concatenation, trim.

-- name: LIKE with a prefix
SELECT id FROM words WHERE w LIKE 'a%';

-- name: LIKE is case-sensitive
SELECT id FROM words WHERE w LIKE 'A%';
----
2

-- name: LIKE with underscore matches one character
SELECT id FROM words WHERE w LIKE 'a_b';
----
4
5
6

-- name: LIKE with an escaped percent sign
SELECT id FROM words WHERE w LIKE 'a\%b' ESCAPE '\';
----
4

-- name: LIKE with an escaped underscore
SELECT id FROM words WHERE w LIKE 'a!_b' ESCAPE '!';
----
5

-- name: LIKE in the middle and at the end
SELECT id FROM words WHERE w LIKE '%an%' OR w LIKE '%pie';

-- name: NOT LIKE drops NULLs
SELECT id FROM words WHERE w NOT LIKE '%a%';

-- name: LIKE matches the empty string with percent only
SELECT id FROM words WHERE w LIKE '%' AND tag = 'empty';
----
7

-- name: LIKE on multi-byte characters
SELECT id FROM words WHERE w LIKE '_and_';
----
9

-- name: string order is by code point
-- ordered
SELECT w FROM words WHERE w IS NOT NULL ORDER BY w;

-- name: string comparisons
SELECT id FROM words WHERE w > 'apple' AND w < 'b';

-- name: equality with the empty string
SELECT id FROM words WHERE w = '';
----
7

-- name: UPPER, LOWER and CHAR_LENGTH
SELECT id, UPPER(w), LOWER(w), CHAR_LENGTH(w) FROM words;

-- name: SUBSTRING with start and length
SELECT id, SUBSTRING(w FROM 2 FOR 3), SUBSTRING(w FROM 3) FROM words;

-- name: concatenation with NULL is NULL
SELECT id, w || '-' || tag FROM words;

-- name: TRIM removes spaces
SELECT TRIM('  padded  '), CHAR_LENGTH(TRIM('  padded  '));
----
padded | 6

-- name: group by strings
SELECT tag, count(*), min(w), max(w) FROM words GROUP BY tag;

-- name: string IN list
SELECT id FROM words WHERE tag IN ('fruit', 'bird');

-- name: LIKE on TPC-H part names
-- dataset: tpch
SELECT count(*) FROM part WHERE p_name LIKE '%green%' AND p_type LIKE 'PROMO%';

-- name: substring group on TPC-H phone prefixes
-- dataset: tpch
SELECT SUBSTRING(c_phone FROM 1 FOR 2), count(*) FROM customer GROUP BY SUBSTRING(c_phone FROM 1 FOR 2);
