-- Joins of every kind on the feature tables: dept has a NULL key, a duplicated key (20) and a key no employee has
-- (50); emp has a NULL dept_id and one (99) no department has.

-- name: inner join drops NULL and unmatched keys, duplicates multiply
-- ordered
SELECT e.id, d.name FROM emp e JOIN dept d ON e.dept_id = d.id ORDER BY e.id, d.name;
----
1 | Sales
2 | Sales
3 | Engineering
3 | Engineering II
4 | Engineering
4 | Engineering II
6 | Support
9 | Engineering
9 | Engineering II

-- name: left join keeps every employee once per match or once with NULLs
SELECT e.id, d.name, d.region FROM emp e LEFT JOIN dept d ON e.dept_id = d.id;

-- name: right join keeps every department
SELECT e.name, d.id, d.name FROM emp e RIGHT JOIN dept d ON e.dept_id = d.id;

-- name: full join keeps both sides, NULL keys never match
SELECT e.id, d.name FROM emp e FULL OUTER JOIN dept d ON e.dept_id = d.id;

-- name: full join counts
SELECT count(*), count(e.id), count(d.id), count(d.name) FROM emp e FULL JOIN dept d ON e.dept_id = d.id;
----
14 | 12 | 10 | 11

-- name: left join with a condition on the right side in ON, not WHERE
SELECT e.id, d.name FROM emp e LEFT JOIN dept d ON e.dept_id = d.id AND d.region = 'south';

-- name: left join then WHERE on the right side filters the NULL-extended rows
SELECT e.id, d.name FROM emp e LEFT JOIN dept d ON e.dept_id = d.id WHERE d.region = 'south';

-- name: join on two keys
SELECT p.a, p.b, q.a, q.b FROM pairs p JOIN pairs q ON p.a = q.a AND p.b = q.b;

-- name: join on an expression key
SELECT e.id, n.id FROM emp e JOIN nums n ON e.id = n.id + 1;

-- name: non-equi join (nested loop)
SELECT e.id, d.id FROM emp e JOIN dept d ON e.salary > d.budget;

-- name: join with an OR condition
SELECT e.id, d.id FROM emp e JOIN dept d ON e.dept_id = d.id OR (e.dept_id IS NULL AND d.id IS NULL);

-- name: self join for managers
SELECT e.name, m.name FROM emp e LEFT JOIN emp m ON e.manager_id = m.id;

-- name: cross join
SELECT count(*) FROM emp CROSS JOIN dept;
----
54

-- name: three-way join with aggregation
SELECT d.region, count(*), sum(e.salary) FROM emp e JOIN dept d ON e.dept_id = d.id JOIN emp m ON e.manager_id = m.id
GROUP BY d.region;

-- name: join with an empty table
SELECT e.id FROM emp e JOIN empty_emp x ON e.id = x.id;
----

-- name: left join with an empty table keeps the left rows
SELECT e.id, x.name FROM emp e LEFT JOIN empty_emp x ON e.id = x.id WHERE e.id < 3;

-- name: join of duplicate keys on both sides
SELECT p.a, count(*) FROM pairs p JOIN pairs q ON p.a = q.a GROUP BY p.a;
----
1 | 9
2 | 1
3 | 1

-- name: semi join via EXISTS
SELECT d.name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id);

-- name: semi join via IN
SELECT d.name FROM dept d WHERE d.id IN (SELECT dept_id FROM emp);

-- name: anti join via NOT EXISTS keeps the NULL-key department
SELECT d.name FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id);
----
Research
Unassigned

-- name: anti join via NOT IN with a NULL in the sub-query returns nothing
SELECT d.name FROM dept d WHERE d.id NOT IN (SELECT dept_id FROM emp);
----

-- name: NOT IN without NULLs in the sub-query
SELECT d.name FROM dept d WHERE d.id NOT IN (SELECT dept_id FROM emp WHERE dept_id IS NOT NULL);
----
Research

-- name: NOT IN keeps no row whose own value is NULL
SELECT e.id FROM emp e WHERE e.dept_id NOT IN (SELECT id FROM dept WHERE id IS NOT NULL);
----
7
8

-- name: IN sub-query with a NULL probe value
SELECT e.id, e.dept_id IN (SELECT id FROM dept WHERE id IS NOT NULL) FROM emp e;

-- name: correlated EXISTS with an extra condition
SELECT e.id FROM emp e WHERE EXISTS (SELECT 1 FROM emp o WHERE o.dept_id = e.dept_id AND o.salary > e.salary);

-- name: correlated NOT EXISTS with an extra condition
SELECT e.id FROM emp e WHERE NOT EXISTS (SELECT 1 FROM emp o WHERE o.dept_id = e.dept_id AND o.id <> e.id);
