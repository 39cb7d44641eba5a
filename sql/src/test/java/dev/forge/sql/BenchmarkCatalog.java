package dev.forge.sql;

import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.generate.SsbGenerator;
import dev.forge.columnar.generate.TpchGenerator;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.TableStatistics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog without data: the TPC-H or SSB schemas of the generators, with SF 1 statistics as dbgen produces them
 * (row counts, distinct counts of the low-cardinality columns, date ranges) and only the real primary keys as unique
 * keys (lineitem's is the composite (l_orderkey, l_linenumber); l_orderkey alone is not unique).
 */
final class BenchmarkCatalog implements TableCatalog {
    private final Map<String, Schema> schemas = new LinkedHashMap<>();
    private final Map<String, Long> rowCounts;
    private final Map<String, List<String>> keys;
    private final Map<String, Long> distinctCounts;
    private final Map<String, LocalDate[]> dateRanges;

    private BenchmarkCatalog(Map<String, Long> rowCounts, Map<String, List<String>> keys,
            Map<String, Long> distinctCounts, Map<String, LocalDate[]> dateRanges) {
        this.rowCounts = rowCounts;
        this.keys = keys;
        this.distinctCounts = distinctCounts;
        this.dateRanges = dateRanges;
    }

    static BenchmarkCatalog tpch() {
        TpchGenerator generator = new TpchGenerator(1, 1, ProgressListener.NONE);
        BenchmarkCatalog catalog = new BenchmarkCatalog(
                Map.of("region", 5L, "nation", 25L, "supplier", 10_000L, "customer", 150_000L, "part", 200_000L,
                        "partsupp", 800_000L, "orders", 1_500_000L, "lineitem", 6_001_215L),
                Map.of("region", List.of("r_regionkey"), "nation", List.of("n_nationkey"), "supplier",
                        List.of("s_suppkey"), "customer", List.of("c_custkey"), "part", List.of("p_partkey"),
                        "partsupp", List.of("ps_partkey", "ps_suppkey"), "orders", List.of("o_orderkey"),
                        "lineitem", List.of("l_orderkey", "l_linenumber")),
                Map.ofEntries(Map.entry("r_name", 5L), Map.entry("n_name", 25L), Map.entry("n_regionkey", 5L),
                        Map.entry("s_nationkey", 25L), Map.entry("c_nationkey", 25L), Map.entry("c_mktsegment", 5L),
                        Map.entry("p_brand", 25L), Map.entry("p_type", 150L), Map.entry("p_size", 50L),
                        Map.entry("p_container", 40L), Map.entry("p_mfgr", 5L), Map.entry("ps_partkey", 200_000L),
                        Map.entry("ps_suppkey", 10_000L), Map.entry("o_custkey", 99_996L),
                        Map.entry("o_orderstatus", 3L), Map.entry("o_orderpriority", 5L),
                        Map.entry("o_orderdate", 2_406L), Map.entry("o_shippriority", 1L),
                        Map.entry("l_orderkey", 1_500_000L), Map.entry("l_partkey", 200_000L),
                        Map.entry("l_suppkey", 10_000L), Map.entry("l_linenumber", 7L),
                        Map.entry("l_quantity", 50L), Map.entry("l_discount", 11L), Map.entry("l_tax", 9L),
                        Map.entry("l_returnflag", 3L), Map.entry("l_linestatus", 2L),
                        Map.entry("l_shipdate", 2_526L), Map.entry("l_commitdate", 2_466L),
                        Map.entry("l_receiptdate", 2_554L), Map.entry("l_shipinstruct", 4L),
                        Map.entry("l_shipmode", 7L)),
                Map.of("o_orderdate", dates("1992-01-01", "1998-08-02"), "l_shipdate",
                        dates("1992-01-02", "1998-12-01"), "l_commitdate", dates("1992-01-31", "1998-10-31"),
                        "l_receiptdate", dates("1992-01-04", "1998-12-31")));
        TpchGenerator.TABLES.forEach(table -> catalog.schemas.put(table, generator.schema(table)));
        return catalog;
    }

    static BenchmarkCatalog ssb() {
        SsbGenerator generator = new SsbGenerator(1, 1, ProgressListener.NONE);
        BenchmarkCatalog catalog = new BenchmarkCatalog(
                Map.of("date", 2_556L, "customer", 30_000L, "supplier", 2_000L, "part", 200_000L, "lineorder",
                        6_001_215L),
                Map.of("date", List.of("d_datekey"), "customer", List.of("c_custkey"), "supplier",
                        List.of("s_suppkey"), "part", List.of("p_partkey"), "lineorder",
                        List.of("lo_orderkey", "lo_linenumber")),
                Map.ofEntries(Map.entry("d_year", 7L), Map.entry("d_yearmonthnum", 84L),
                        Map.entry("d_yearmonth", 84L), Map.entry("d_weeknuminyear", 53L), Map.entry("c_region", 5L),
                        Map.entry("c_nation", 25L), Map.entry("c_city", 250L), Map.entry("s_region", 5L),
                        Map.entry("s_nation", 25L), Map.entry("s_city", 250L), Map.entry("p_mfgr", 5L),
                        Map.entry("p_category", 25L), Map.entry("p_brand1", 1_000L),
                        Map.entry("lo_orderdate", 2_406L), Map.entry("lo_custkey", 20_000L),
                        Map.entry("lo_partkey", 200_000L), Map.entry("lo_suppkey", 2_000L),
                        Map.entry("lo_quantity", 50L), Map.entry("lo_discount", 11L)),
                Map.of());
        SsbGenerator.TABLES.forEach(table -> catalog.schemas.put(table, generator.schema(table)));
        return catalog;
    }

    /** Both benchmarks' tables in one catalog is impossible (names clash), so tests pick one. */
    @Override
    public List<String> tableNames() {
        return List.copyOf(schemas.keySet());
    }

    @Override
    public Schema schema(String table) {
        Schema schema = schemas.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("no table '" + table + "'; the tables are " + tableNames());
        }
        return schema;
    }

    @Override
    public TableStatistics statistics(String table) {
        Schema schema = schema(table);
        long rows = rowCounts.get(table);
        List<ColumnStatistics> columns = new ArrayList<>();
        for (Field field : schema.fields()) {
            boolean key = keys.get(table).equals(List.of(field.name()));
            long distinct = key ? rows : distinctCounts.getOrDefault(field.name(), -1L);
            LocalDate[] range = dateRanges.get(field.name());
            columns.add(range == null ? new ColumnStatistics(0, distinct, null, null)
                    : new ColumnStatistics(0, distinct, (int) range[0].toEpochDay(), (int) range[1].toEpochDay()));
        }
        List<Integer> key = keys.get(table).stream().map(schema::indexOf).toList();
        return new TableStatistics(rows, columns, List.of(key));
    }

    @Override
    public Table table(String table) {
        throw new UnsupportedOperationException("the planner tests' catalog has no data");
    }

    private static LocalDate[] dates(String first, String last) {
        return new LocalDate[] {LocalDate.parse(first), LocalDate.parse(last)};
    }
}
