-- Aggregation: with and without keys, over empty inputs, over duplicate keys, with HAVING, DISTINCT aggregates.

-- name: aggregate without keys
SELECT count(*), sum(salary), min(salary), max(salary), min(name), max(name), min(hired), max(hired) FROM emp;

-- name: aggregate without keys over an empty table gives one row
SELECT count(*), count(name), sum(salary), min(salary), max(name) FROM empty_emp;
----
0 | 0 | NULL | NULL | NULL

-- name: aggregate without keys over a filter that keeps nothing
SELECT count(*), sum(salary), avg(salary) FROM emp WHERE id > 100;
----
0 | NULL | NULL

-- name: grouped aggregate over an empty input gives no rows
SELECT dept_id, count(*) FROM emp WHERE id > 100 GROUP BY dept_id;
----

-- name: group by one key
SELECT dept_id, count(*), sum(salary), min(rating), max(rating) FROM emp GROUP BY dept_id;

-- name: group by two keys with duplicates
SELECT dept_id, name, count(*) FROM emp GROUP BY dept_id, name;

-- name: group by an expression
SELECT id % 3, count(*) FROM emp GROUP BY id % 3;

-- name: HAVING on an aggregate
SELECT dept_id, count(*) FROM emp GROUP BY dept_id HAVING count(*) > 1;
----
10 | 2
20 | 3

-- name: HAVING on an aggregate not in the select list
SELECT dept_id FROM emp GROUP BY dept_id HAVING sum(salary) > 8000;

-- name: COUNT DISTINCT with duplicates and NULLs
SELECT count(DISTINCT name), count(DISTINCT salary), count(DISTINCT dept_id) FROM emp;
----
7 | 6 | 5

-- name: COUNT DISTINCT per group
SELECT dept_id, count(DISTINCT salary) FROM emp GROUP BY dept_id;

-- name: SUM DISTINCT
SELECT sum(DISTINCT salary), sum(salary) FROM emp;

-- name: average of a decimal column
SELECT dept_id, avg(salary) FROM emp GROUP BY dept_id;

-- name: average of floats
SELECT avg(rating), sum(rating) FROM emp;

-- name: aggregate of an expression
SELECT sum(salary * 12), sum(salary + bonus), max(salary - bonus) FROM emp;

-- name: aggregate of a CASE (conditional count)
SELECT sum(CASE WHEN active THEN 1 ELSE 0 END), count(CASE WHEN active THEN 1 END) FROM emp;
----
5 | 5

-- name: aggregate with FILTER-like CASE per group
SELECT dept_id, sum(CASE WHEN rating >= 4 THEN salary ELSE 0 END) FROM emp GROUP BY dept_id;

-- name: group by a boolean with NULLs
SELECT active, count(*) FROM emp GROUP BY active;

-- name: group by a date
SELECT hired, count(*) FROM emp GROUP BY hired;

-- name: group by a float
SELECT rating, count(*) FROM emp GROUP BY rating;

-- name: aggregate over a large grouping on TPC-H
-- dataset: tpch
SELECT l_orderkey, count(*), sum(l_quantity), min(l_shipdate), max(l_comment) FROM lineitem GROUP BY l_orderkey;

-- name: global aggregates on TPC-H lineitem
-- dataset: tpch
SELECT count(*), sum(l_extendedprice), sum(l_extendedprice * (1 - l_discount)), min(l_discount), max(l_tax),
       count(DISTINCT l_suppkey) FROM lineitem;

-- name: group by a string key on TPC-H
-- dataset: tpch
SELECT c_mktsegment, count(*), sum(c_acctbal) FROM customer GROUP BY c_mktsegment;

-- name: group by four keys on TPC-H
-- dataset: tpch
SELECT l_returnflag, l_linestatus, l_shipmode, l_shipinstruct, count(*), avg(l_quantity)
FROM lineitem GROUP BY l_returnflag, l_linestatus, l_shipmode, l_shipinstruct;
