package dev.forge.columnar.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Table;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SSB at scale factor 1, loaded into DuckDB, must give the published result sizes of the SSB queries whose every
 * allowed group exists at SF 1 (e.g. 7 years x 40 brands = 280 rows for Q2.1). Q4.3 is left out: only about 460
 * lineorder rows pass its filters, spread over 800 possible (year, city, brand) groups, so how many groups appear is
 * a property of the random data, not of the specification (this generator gives 310). About 25 s on 2 cores.
 */
@ExtendWith(NativeLeakCheck.class)
class SsbPublishedCardinalitiesTest {
    private static final String LO_DATE = " FROM lineorder, date WHERE lo_orderdate = d_datekey";
    private static final String LO_DATE_PART_SUPPLIER = " FROM lineorder, date, part, supplier"
            + " WHERE lo_orderdate = d_datekey AND lo_partkey = p_partkey AND lo_suppkey = s_suppkey";
    private static final String LO_CUSTOMER_SUPPLIER_DATE = " FROM lineorder, customer, supplier, date"
            + " WHERE lo_custkey = c_custkey AND lo_suppkey = s_suppkey AND lo_orderdate = d_datekey";
    private static final String ALL = " FROM lineorder, date, customer, supplier, part WHERE lo_custkey = c_custkey"
            + " AND lo_suppkey = s_suppkey AND lo_partkey = p_partkey AND lo_orderdate = d_datekey";
    private static final String UK_CITIES = " AND (c_city = 'UNITED KI1' OR c_city = 'UNITED KI5')"
            + " AND (s_city = 'UNITED KI1' OR s_city = 'UNITED KI5')";

    /** Twelve of the 13 SSB queries (all but Q4.3) and the row counts of their results at SF 1. */
    private static Map<String, Long> queries() {
        Map<String, Long> queries = new LinkedHashMap<>();
        queries.put("SELECT sum(lo_extendedprice * lo_discount)" + LO_DATE
                + " AND d_year = 1993 AND lo_discount BETWEEN 1 AND 3 AND lo_quantity < 25", 1L);
        queries.put("SELECT sum(lo_extendedprice * lo_discount)" + LO_DATE
                + " AND d_yearmonthnum = 199401 AND lo_discount BETWEEN 4 AND 6 AND lo_quantity BETWEEN 26 AND 35", 1L);
        queries.put("SELECT sum(lo_extendedprice * lo_discount)" + LO_DATE + " AND d_weeknuminyear = 6 AND d_year = 1994"
                + " AND lo_discount BETWEEN 5 AND 7 AND lo_quantity BETWEEN 26 AND 35", 1L);
        queries.put("SELECT sum(lo_revenue), d_year, p_brand1" + LO_DATE_PART_SUPPLIER
                + " AND p_category = 'MFGR#12' AND s_region = 'AMERICA' GROUP BY d_year, p_brand1", 280L);
        queries.put("SELECT sum(lo_revenue), d_year, p_brand1" + LO_DATE_PART_SUPPLIER
                + " AND p_brand1 BETWEEN 'MFGR#2221' AND 'MFGR#2228' AND s_region = 'ASIA' GROUP BY d_year, p_brand1", 56L);
        queries.put("SELECT sum(lo_revenue), d_year, p_brand1" + LO_DATE_PART_SUPPLIER
                + " AND p_brand1 = 'MFGR#2239' AND s_region = 'EUROPE' GROUP BY d_year, p_brand1", 7L);
        queries.put("SELECT c_nation, s_nation, d_year, sum(lo_revenue)" + LO_CUSTOMER_SUPPLIER_DATE
                + " AND c_region = 'ASIA' AND s_region = 'ASIA' AND d_year BETWEEN 1992 AND 1997"
                + " GROUP BY c_nation, s_nation, d_year", 150L);
        queries.put("SELECT c_city, s_city, d_year, sum(lo_revenue)" + LO_CUSTOMER_SUPPLIER_DATE
                + " AND c_nation = 'UNITED STATES' AND s_nation = 'UNITED STATES' AND d_year BETWEEN 1992 AND 1997"
                + " GROUP BY c_city, s_city, d_year", 600L);
        queries.put("SELECT c_city, s_city, d_year, sum(lo_revenue)" + LO_CUSTOMER_SUPPLIER_DATE + UK_CITIES
                + " AND d_year BETWEEN 1992 AND 1997 GROUP BY c_city, s_city, d_year", 24L);
        queries.put("SELECT c_city, s_city, d_year, sum(lo_revenue)" + LO_CUSTOMER_SUPPLIER_DATE + UK_CITIES
                + " AND d_yearmonth = 'Dec1997' GROUP BY c_city, s_city, d_year", 4L);
        queries.put("SELECT d_year, c_nation, sum(lo_revenue - lo_supplycost)" + ALL
                + " AND c_region = 'AMERICA' AND s_region = 'AMERICA' AND (p_mfgr = 'MFGR#1' OR p_mfgr = 'MFGR#2')"
                + " GROUP BY d_year, c_nation", 35L);
        queries.put("SELECT d_year, s_nation, p_category, sum(lo_revenue - lo_supplycost)" + ALL
                + " AND c_region = 'AMERICA' AND s_region = 'AMERICA' AND (d_year = 1997 OR d_year = 1998)"
                + " AND (p_mfgr = 'MFGR#1' OR p_mfgr = 'MFGR#2') GROUP BY d_year, s_nation, p_category", 100L);
        return queries;
    }

    @Test
    void theQueriesReturnThePublishedNumberOfRowsAtScaleFactorOne() throws Exception {
        SsbGenerator generator = new SsbGenerator(1, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
        try (DuckDb duckDb = new DuckDb()) {
            for (String name : SsbGenerator.TABLES) {
                try (Table table = generator.generate(name)) {
                    duckDb.load(name, table);
                }
            }
            assertThat(duckDb.count("SELECT count(*) FROM lineorder")).isBetween(5_990_000L, 6_010_000L);
            Map<String, Long> actual = new LinkedHashMap<>();
            for (String query : queries().keySet()) {
                actual.put(query, duckDb.count("SELECT count(*) FROM (" + query + ")"));
            }
            assertThat(actual).isEqualTo(queries());
        }
    }
}
