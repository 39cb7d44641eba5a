-- Exact decimals: sums that a double would round, arithmetic result scales, mixing with integers, rounding by CAST.

-- name: exact sum beyond double precision
SELECT sum(d) FROM nums;
----
100000000000012.3454

-- name: sum of cents is exact
SELECT sum(salary), sum(bonus) FROM emp;
----
37102.00 | 547.881

-- name: decimal arithmetic scales
SELECT id, salary + bonus, salary - bonus, salary * bonus, salary * 2, bonus * 1.5 FROM emp;

-- name: decimal multiplied by decimal keeps all digits
SELECT d * d FROM nums WHERE id IN (1, 2, 6);

-- name: decimal compared across scales
SELECT id FROM emp WHERE bonus = 0.0 OR bonus = 100.5 OR salary = 3900;

-- name: decimal division
SELECT id, salary / 3, salary / bonus FROM emp WHERE bonus <> 0;

-- name: decimal mixed with an integer
SELECT id, salary + id, salary * id, salary - dept_id FROM emp;

-- name: negative decimals and ABS
SELECT id, -d, ABS(d) FROM nums;

-- name: CAST decimal to integer rounds half away from zero
SELECT CAST(d AS INTEGER) FROM nums WHERE id IN (6, 7);
----
3
-3

-- name: CAST integer to decimal
SELECT CAST(i AS DECIMAL(12,2)) FROM nums WHERE id <= 3;
----
7.00
-7.00
0.00

-- name: CAST decimal to a smaller scale rounds
SELECT CAST(d AS DECIMAL(10,2)) FROM nums WHERE id IN (1, 6, 7);
----
12.35
2.50
-2.50

-- name: TPC-H revenue sums are exact
-- dataset: tpch
SELECT l_returnflag, sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)), sum(l_quantity) FROM lineitem
GROUP BY l_returnflag;

-- name: TPC-H average of decimals
-- dataset: tpch
SELECT l_linestatus, avg(l_extendedprice), avg(l_discount) FROM lineitem GROUP BY l_linestatus;

-- name: integer overflow is an error
-- error: overflow
SELECT i + 1 FROM nums WHERE id = 5;

-- name: integer division truncates toward zero
-- duckdb-differs: DuckDB's / on integers returns a DOUBLE
SELECT id, i / 2, i % 2 FROM nums WHERE id <= 3;
----
1 | 3 | 1
2 | -3 | -1
3 | 0 | 0

-- name: division by zero is an error
-- error: zero
-- duckdb-differs: DuckDB returns NULL for a division by zero
SELECT i / 0 FROM nums WHERE id = 1;
