-- Scalar expressions: CASE, COALESCE, IN lists, BETWEEN, CAST between types, arithmetic on every numeric type.

-- name: searched CASE
SELECT id, CASE WHEN salary >= 5000 THEN 'high' WHEN salary >= 4000 THEN 'mid' ELSE 'low' END FROM emp;

-- name: simple CASE
SELECT id, CASE dept_id WHEN 10 THEN 'sales' WHEN 20 THEN 'engineering' END FROM emp;

-- name: CASE guards a division
-- duckdb-differs: DuckDB's / on integers returns a DOUBLE
SELECT id, CASE WHEN i <> 0 THEN 100 / i ELSE 0 END FROM nums WHERE id <= 4;
----
1 | 14
2 | -14
3 | 0
4 | 0

-- name: COALESCE with a literal
SELECT id, COALESCE(salary, 0), COALESCE(name, 'nobody') FROM emp;

-- name: IN list of integers
SELECT id FROM emp WHERE dept_id IN (10, 30, 99);
----
1
2
6
8

-- name: NOT IN list
SELECT id FROM emp WHERE dept_id NOT IN (10, 20);
----
6
7
8

-- name: BETWEEN numbers
SELECT id FROM emp WHERE salary BETWEEN 3900 AND 5200;
----
1
2
3
6
8

-- name: NOT BETWEEN
SELECT id FROM emp WHERE rating NOT BETWEEN 2 AND 4;

-- name: CAST integers to float and back
SELECT id, CAST(i AS DOUBLE), CAST(l AS DOUBLE), CAST(f AS BIGINT) FROM nums WHERE id <= 3;

-- name: CAST double to integer rounds half away from zero
-- duckdb-differs: DuckDB rounds a DOUBLE half to even when casting it to an integer
SELECT CAST(2.5 AS DOUBLE), CAST(CAST(2.5 AS DOUBLE) AS INTEGER), CAST(CAST(-2.5 AS DOUBLE) AS INTEGER);
----
2.5 | 3 | -3

-- name: CAST text to numbers
SELECT CAST(s AS INTEGER) FROM nums WHERE id <= 3;
----
7
-7
0

-- name: CAST text to a decimal
SELECT CAST(s AS DECIMAL(6,2)) FROM nums WHERE id = 5;
----
12.50

-- name: CAST text to a date
SELECT CAST(s AS DATE) FROM nums WHERE id = 6;
----
2024-01-31

-- name: CAST numbers to text
SELECT CAST(i AS VARCHAR), CAST(l AS VARCHAR), CAST(d AS VARCHAR) FROM nums WHERE id IN (1, 2);

-- name: CAST of text that is not a number is an error
-- error: 2024-01-31
SELECT CAST(s AS INTEGER) FROM nums WHERE id = 6;

-- name: BIGINT arithmetic
SELECT id, l + 1, l - 1, l * 2 FROM nums WHERE id <= 3;

-- name: float arithmetic
SELECT id, f + 1, f * f, f / 4, -f FROM nums;

-- name: boolean columns in expressions
SELECT id, active, NOT active, active AND rating > 3, active OR rating > 3 FROM emp;

-- name: expressions in the select list of a constant query
SELECT 1 + 2, 'a' || 'b', 3 > 2, CAST(NULL AS INTEGER);
----
3 | ab | true | NULL

-- name: MOD and ABS on integers
SELECT id, MOD(i, 3), ABS(i) FROM nums WHERE id <= 3;
----
1 | 1 | 7
2 | -1 | 7
3 | 0 | 0
