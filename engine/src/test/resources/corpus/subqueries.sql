-- Scalar sub-queries: uncorrelated and correlated, in WHERE and in the select list, empty (NULL) and too many rows.

-- name: scalar sub-query in WHERE
SELECT id FROM emp WHERE salary > (SELECT avg(salary) FROM emp);

-- name: scalar sub-query in the select list
SELECT id, salary - (SELECT min(salary) FROM emp) FROM emp;

-- name: correlated scalar sub-query
SELECT e.id, (SELECT max(o.salary) FROM emp o WHERE o.dept_id = e.dept_id) FROM emp e;

-- name: correlated scalar sub-query in WHERE
SELECT e.id FROM emp e WHERE e.salary = (SELECT max(o.salary) FROM emp o WHERE o.dept_id = e.dept_id);

-- name: scalar sub-query with no row is NULL
SELECT id, (SELECT name FROM dept WHERE id = 12345) FROM emp WHERE id = 1;
----
1 | NULL

-- name: scalar sub-query with more than one row is an error
-- error: more than one row
SELECT id, (SELECT name FROM dept WHERE id = 20) FROM emp WHERE id = 1;

-- name: sub-query in FROM with aggregation
SELECT max(total) FROM (SELECT dept_id, sum(salary) AS total FROM emp GROUP BY dept_id) t;
----
11200.00

-- name: WITH clause
WITH big AS (SELECT * FROM emp WHERE salary > 4000) SELECT count(*), sum(salary) FROM big;
----
5 | 26801.25

-- name: IN with a correlated sub-query
SELECT e.id FROM emp e WHERE e.dept_id IN (SELECT d.id FROM dept d WHERE d.budget > e.salary * 10);

-- name: EXISTS over TPC-H orders with late line items
-- dataset: tpch
SELECT count(*) FROM orders o WHERE EXISTS (SELECT * FROM lineitem l WHERE l.l_orderkey = o.o_orderkey
AND l.l_commitdate < l.l_receiptdate);

-- name: NOT EXISTS over TPC-H customers without orders
-- dataset: tpch
SELECT count(*) FROM customer c WHERE NOT EXISTS (SELECT * FROM orders o WHERE o.o_custkey = c.c_custkey);

-- name: scalar sub-query against TPC-H
-- dataset: tpch
SELECT count(*) FROM part WHERE p_retailprice > (SELECT avg(p_retailprice) FROM part);
