-- ORDER BY with NULLS FIRST and LAST, several keys, expressions; LIMIT and OFFSET; top-N.

-- name: ascending puts NULLs last by default
-- ordered
SELECT id, dept_id FROM emp ORDER BY dept_id, id;
----
1 | 10
2 | 10
3 | 20
4 | 20
9 | 20
6 | 30
7 | 40
8 | 99
5 | NULL

-- name: descending puts NULLs first by default
-- ordered
SELECT id, dept_id FROM emp ORDER BY dept_id DESC, id;
----
5 | NULL
8 | 99
7 | 40
6 | 30
3 | 20
4 | 20
9 | 20
1 | 10
2 | 10

-- name: NULLS FIRST ascending
-- ordered
SELECT id, salary FROM emp ORDER BY salary NULLS FIRST, id;

-- name: NULLS LAST descending
-- ordered
SELECT id, salary FROM emp ORDER BY salary DESC NULLS LAST, id DESC;

-- name: order by a string then a date
-- ordered
SELECT name, hired FROM emp ORDER BY name NULLS LAST, hired;

-- name: order by an expression not in the select list
-- ordered
SELECT id FROM emp ORDER BY COALESCE(salary, 0) + COALESCE(bonus, 0), id;

-- name: order by position
-- ordered
SELECT dept_id, count(*) FROM emp GROUP BY dept_id ORDER BY 2 DESC, 1 NULLS LAST;

-- name: order by floats with negatives
-- ordered
SELECT id, f FROM nums ORDER BY f, id;

-- name: LIMIT
-- ordered
SELECT id FROM emp ORDER BY id LIMIT 3;
----
1
2
3

-- name: LIMIT with OFFSET
-- ordered
SELECT id FROM emp ORDER BY id LIMIT 3 OFFSET 4;
----
5
6
7

-- name: OFFSET past the end
SELECT id FROM emp ORDER BY id LIMIT 5 OFFSET 20;
----

-- name: LIMIT 0
SELECT id FROM emp LIMIT 0;
----

-- name: LIMIT without ORDER BY returns the right number of rows
SELECT count(*) FROM (SELECT id FROM emp LIMIT 4) t;
----
4

-- name: top-N by salary with a tie broken by id
-- ordered
SELECT id, salary FROM emp ORDER BY salary DESC NULLS LAST, id LIMIT 4;
----
9 | 7300.00
5 | 6100.25
1 | 5200.00
2 | 4100.50

-- name: top-N over TPC-H orders
-- dataset: tpch
-- ordered
SELECT o_orderkey, o_totalprice FROM orders ORDER BY o_totalprice DESC, o_orderkey LIMIT 10;

-- name: full sort of TPC-H customers by two keys
-- dataset: tpch
-- ordered
SELECT c_nationkey, c_acctbal, c_custkey FROM customer ORDER BY c_nationkey, c_acctbal DESC, c_custkey;
