-- UNION, UNION ALL, INTERSECT and EXCEPT (set operations treat NULLs as equal to each other).

-- name: UNION ALL keeps duplicates
SELECT a FROM pairs UNION ALL SELECT b FROM pairs;

-- name: UNION removes duplicates and keeps one NULL
SELECT a FROM pairs UNION SELECT b FROM pairs;
----
1
2
3
NULL

-- name: INTERSECT keeps NULL when both sides have it
SELECT dept_id FROM emp INTERSECT SELECT id FROM dept;
----
10
20
30
NULL

-- name: INTERSECT matches NULL with NULL
SELECT a FROM pairs INTERSECT SELECT b FROM pairs;
----
1
2
3
NULL

-- name: EXCEPT
SELECT dept_id FROM emp EXCEPT SELECT id FROM dept;
----
40
99

-- name: EXCEPT removes NULL when the other side has one
SELECT id FROM dept EXCEPT SELECT dept_id FROM emp;
----
50

-- name: UNION of two columns with different types
SELECT i FROM nums WHERE id <= 2 UNION ALL SELECT l FROM nums WHERE id <= 2;

-- name: UNION with literals
SELECT 'emp', count(*) FROM emp UNION ALL SELECT 'dept', count(*) FROM dept;
----
emp | 9
dept | 6

-- name: UNION ALL then aggregate
SELECT x, count(*) FROM (SELECT a AS x FROM pairs UNION ALL SELECT b FROM pairs) t GROUP BY x;
