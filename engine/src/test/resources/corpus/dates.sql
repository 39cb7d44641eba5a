-- Dates and timestamps: literals, comparison, EXTRACT, interval arithmetic (month ends and leap days), date ranges.

-- name: date comparisons with literals
SELECT id FROM events WHERE d >= DATE '2024-01-01' AND d < DATE '2024-03-01';
----
1
2

-- name: EXTRACT fields of dates
SELECT id, EXTRACT(YEAR FROM d), EXTRACT(MONTH FROM d), EXTRACT(DAY FROM d), EXTRACT(QUARTER FROM d) FROM events;

-- name: EXTRACT fields of timestamps
SELECT id, EXTRACT(HOUR FROM ts), EXTRACT(MINUTE FROM ts), EXTRACT(YEAR FROM ts) FROM events;

-- name: adding days to a date
SELECT id, d + INTERVAL '1' DAY FROM events;

-- name: adding a month at a month end clamps to the last day
SELECT id, d + INTERVAL '1' MONTH FROM events;

-- name: subtracting a year from a leap day
SELECT id, d - INTERVAL '1' YEAR FROM events WHERE id = 2;
----
2 | 2023-02-28

-- name: date range of a year as TPC-H writes it
-- dataset: tpch
SELECT count(*) FROM orders WHERE o_orderdate >= DATE '1994-01-01' AND o_orderdate < DATE '1994-01-01' + INTERVAL '1' YEAR;

-- name: BETWEEN dates
SELECT id FROM events WHERE d BETWEEN DATE '2023-12-31' AND DATE '2024-02-29';
----
1
2
3

-- name: timestamp comparison
SELECT id FROM events WHERE ts > TIMESTAMP '2024-02-29 12:00:00';
----
2
6

-- name: group by year
SELECT EXTRACT(YEAR FROM d), count(*), sum(amount) FROM events GROUP BY EXTRACT(YEAR FROM d);

-- name: min and max of dates and timestamps
SELECT min(d), max(d), min(ts), max(ts) FROM events;
----
1999-12-31 | 2024-03-01 | 1999-12-31 12:00:00 | 2024-03-01 00:00:01

-- name: group by order year on TPC-H
-- dataset: tpch
SELECT EXTRACT(YEAR FROM o_orderdate), count(*), sum(o_totalprice) FROM orders GROUP BY EXTRACT(YEAR FROM o_orderdate);

-- name: cast of a date to text and back
SELECT id, CAST(d AS VARCHAR), CAST(CAST(d AS VARCHAR) AS DATE) FROM events;
