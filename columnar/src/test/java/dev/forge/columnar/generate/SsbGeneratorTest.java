package dev.forge.columnar.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Table;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.cuda.testing.NativeLeakCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SSB at SF 0.1 in DuckDB. Published SF 1 answers cannot be checked at this size, so the test checks what holds at
 * any scale: exact row counts (LINEORDER has exactly TPC-H's LINEITEM rows), referential integrity, and the fraction of
 * LINEORDER each query's filters keep against the filter factors the SSB paper publishes (O'Neil et al., section 3),
 * within 12% plus four binomial standard deviations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NativeLeakCheck.class)
class SsbGeneratorTest {
    private static final double SCALE_FACTOR = 0.1;

    private DuckDb duckDb;
    private SsbGenerator generator;

    @BeforeAll
    void loadIntoDuckDb() throws Exception {
        duckDb = new DuckDb();
        generator = new SsbGenerator(SCALE_FACTOR, 2, ProgressListener.NONE);
        for (String name : SsbGenerator.TABLES) {
            try (Table table = generator.generate(name)) {
                duckDb.load(name, table);
            }
        }
    }

    @AfterAll
    void closeDuckDb() throws Exception {
        duckDb.close();
    }

    @Test
    void rowCountsFollowTheSpecification() throws Exception {
        assertThat(duckDb.count("SELECT count(*) FROM date")).isEqualTo(2557);
        assertThat(duckDb.count("SELECT count(*) FROM customer")).isEqualTo(3000);
        assertThat(duckDb.count("SELECT count(*) FROM supplier")).isEqualTo(200);
        assertThat(duckDb.count("SELECT count(*) FROM part")).isEqualTo(20000);
        try (Table lineitem = new TpchGenerator(SCALE_FACTOR, 2, ProgressListener.NONE).generate("lineitem")) {
            assertThat(duckDb.count("SELECT count(*) FROM lineorder")).isEqualTo(lineitem.rowCount());
        }
        assertThat(new SsbGenerator(4, 1, ProgressListener.NONE).partCount()).isEqualTo(600_000);
    }

    @Test
    void everyForeignKeyFindsItsRow() throws Exception {
        long rows = duckDb.count("SELECT count(*) FROM lineorder");
        assertThat(duckDb.count("""
                SELECT count(*) FROM lineorder
                JOIN date d1 ON lo_orderdate = d1.d_datekey JOIN date d2 ON lo_commitdate = d2.d_datekey
                JOIN customer ON lo_custkey = c_custkey JOIN supplier ON lo_suppkey = s_suppkey
                JOIN part ON lo_partkey = p_partkey""")).isEqualTo(rows);
        assertThat(duckDb.count("""
                SELECT count(*) FROM lineorder WHERE lo_quantity NOT BETWEEN 1 AND 50 OR lo_discount NOT BETWEEN 0 AND 10
                  OR lo_tax NOT BETWEEN 0 AND 8 OR lo_revenue <> lo_extendedprice * (100 - lo_discount) // 100
                  OR lo_extendedprice <= 0 OR lo_ordtotalprice < lo_revenue * 0""")).isZero();
        assertThat(duckDb.count("SELECT count(DISTINCT p_category) FROM part")).isEqualTo(25);
        assertThat(duckDb.count("SELECT count(DISTINCT p_brand1) FROM part")).isEqualTo(1000);
        assertThat(duckDb.count("SELECT count(DISTINCT c_city) FROM customer")).isEqualTo(250);
    }

    private static final String ALL_JOINED = " FROM lineorder JOIN date ON lo_orderdate = d_datekey"
            + " JOIN customer ON lo_custkey = c_custkey JOIN supplier ON lo_suppkey = s_suppkey"
            + " JOIN part ON lo_partkey = p_partkey";

    /**
     * Flight 1 filters only on LINEORDER and the (deterministic) date dimension, so the kept fraction is compared with
     * the published filter factor. The paper's factor for Q1.3 (0.000075) assumes quantities 36 to 40, while its query
     * text (and every SSB kit) says 26 to 35, a factor 0.2: the product the paper gives, (1/364)(3/11)(0.2), is 0.00015.
     */
    @ParameterizedTest(name = "Q{0}: filter factor {2}")
    @CsvSource(delimiter = ';', textBlock = """
            1.1; d_year = 1993 AND lo_discount BETWEEN 1 AND 3 AND lo_quantity < 25; 0.019
            1.2; d_yearmonthnum = 199401 AND lo_discount BETWEEN 4 AND 6 AND lo_quantity BETWEEN 26 AND 35; 0.00065
            1.3; d_weeknuminyear = 6 AND d_year = 1994 AND lo_discount BETWEEN 5 AND 7 AND lo_quantity BETWEEN 26 AND 35; 0.00015
            """)
    void flightOneKeepsThePublishedFractionOfLineorder(String query, String where, double filterFactor) throws Exception {
        long rows = duckDb.count("SELECT count(*) FROM lineorder");
        long kept = duckDb.count("SELECT count(*)" + ALL_JOINED + " WHERE " + where);
        assertNear(query, kept, filterFactor * rows, filterFactor, 0.12);
    }

    /**
     * Later flights filter on dimensions of a few hundred rows at this scale, whose random regions and categories
     * stray from 1/5 or 1/25 by sampling alone; so each predicate's own fraction of LINEORDER is measured, must lie
     * near the published factor, and the rows all predicates keep together must be their product (independence).
     */
    @ParameterizedTest(name = "Q{0}: filter factor {2}")
    @CsvSource(delimiter = ';', textBlock = """
            2.1; p_category = 'MFGR#12' | s_region = 'AMERICA'; 0.008
            3.1; c_region = 'ASIA' | s_region = 'ASIA' | d_year BETWEEN 1992 AND 1997; 0.034
            4.1; c_region = 'AMERICA' | s_region = 'AMERICA' | p_mfgr IN ('MFGR#1', 'MFGR#2'); 0.016
            """)
    void dimensionFiltersAreIndependentAndNearThePublishedFactors(String query, String predicates, double filterFactor)
            throws Exception {
        long rows = duckDb.count("SELECT count(*) FROM lineorder");
        double product = 1;
        for (String predicate : predicates.split("\\|")) {
            product *= duckDb.count("SELECT count(*)" + ALL_JOINED + " WHERE " + predicate) / (double) rows;
        }
        long kept = duckDb.count("SELECT count(*)" + ALL_JOINED + " WHERE " + predicates.replace("|", "AND"));
        assertNear(query + " (independence)", kept, product * rows, product, 0.03);
        // 200 suppliers and 3,000 customers: a region's share has a standard deviation of up to 14% at this scale
        assertThat(product).as("Q%s measured filter factor", query).isBetween(filterFactor * 0.6, filterFactor * 1.4);
    }

    private static void assertNear(String query, long kept, double expected, double fraction, double relative) {
        double tolerance = relative * expected + 4 * Math.sqrt(expected * (1 - fraction));
        assertThat((double) kept).as("Q%s keeps %d rows, expected about %.1f", query, kept, expected)
                .isBetween(expected - tolerance, expected + tolerance);
    }
}
