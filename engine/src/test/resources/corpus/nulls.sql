-- NULL semantics: three-valued logic, COUNT(*) against COUNT(column), NULL group keys, NULL in comparisons.

-- name: three-valued AND, OR and NOT
SELECT a, b, a = 1 AND b = 1, a = 1 OR b = 1, NOT (a = b) FROM pairs;

-- name: WHERE keeps only TRUE
SELECT count(*) FROM pairs WHERE a = b;
----
3

-- name: WHERE NOT keeps only FALSE turned TRUE, never NULL
SELECT count(*) FROM pairs WHERE NOT (a = b);
----
1

-- name: IS NULL and IS NOT NULL
SELECT count(*) FROM pairs WHERE a IS NULL OR b IS NOT NULL;
----
6

-- name: IS DISTINCT FROM treats NULLs as equal
SELECT count(*) FROM pairs WHERE a IS NOT DISTINCT FROM b;
----
4

-- name: IS TRUE, IS NOT TRUE, IS FALSE over a NULL comparison
SELECT a, b, (a = b) IS TRUE, (a = b) IS NOT TRUE, (a = b) IS FALSE, (a = b) IS NOT FALSE FROM pairs;

-- name: COUNT(*) against COUNT(column)
SELECT count(*), count(a), count(b), count(DISTINCT a), count(DISTINCT b) FROM pairs;
----
7 | 5 | 5 | 3 | 3

-- name: NULL group keys form one group
-- ordered
SELECT a, count(*), count(b) FROM pairs GROUP BY a ORDER BY a NULLS FIRST;
----
NULL | 2 | 1
1 | 3 | 3
2 | 1 | 0
3 | 1 | 1

-- name: aggregates ignore NULLs, all-NULL groups give NULL
SELECT a, sum(b), min(b), max(b), avg(CAST(b AS DOUBLE)) FROM pairs GROUP BY a;

-- name: arithmetic with NULL is NULL
SELECT id, i + 1, l * 2, d - 1, f / 2 FROM nums WHERE id = 4;
----
4 | NULL | NULL | NULL | NULL

-- name: NULL in an IN list
SELECT a, a IN (1, NULL), a NOT IN (1, NULL) FROM pairs;

-- name: COALESCE across columns
SELECT a, b, COALESCE(a, b, -1) FROM pairs;

-- name: NULLIF
SELECT a, NULLIF(a, 1) FROM pairs;

-- name: CASE with a NULL condition takes the ELSE
SELECT a, b, CASE WHEN a = b THEN 'same' WHEN a <> b THEN 'different' ELSE 'unknown' END FROM pairs;

-- name: DISTINCT keeps one NULL
SELECT DISTINCT a FROM pairs;
----
1
2
3
NULL

-- name: MIN and MAX of an all-NULL column
SELECT min(b), max(b), sum(b), count(b) FROM pairs WHERE a = 2;
----
NULL | NULL | NULL | 0
