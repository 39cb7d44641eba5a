-- SSB Q2.3 (O'Neil et al., Star Schema Benchmark); "date" is quoted because DATE is a reserved word
SELECT sum(lo_revenue) AS revenue, d_year, p_brand1
FROM lineorder, "date", part, supplier
WHERE lo_orderdate = d_datekey
  AND lo_partkey = p_partkey
  AND lo_suppkey = s_suppkey
  AND p_brand1 = 'MFGR#2239'
  AND s_region = 'EUROPE'
GROUP BY d_year, p_brand1
ORDER BY d_year, p_brand1
