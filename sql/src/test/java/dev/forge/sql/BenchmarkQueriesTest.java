package dev.forge.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.generate.SsbGenerator;
import dev.forge.columnar.generate.TpchGenerator;
import dev.forge.columnar.io.ProgressListener;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query texts are the ones the benchmarks define, and DuckDB (the oracle) accepts every one of them. */
class BenchmarkQueriesTest {
    @Test
    void thereAre22TpchAnd13SsbQueries() {
        assertThat(BenchmarkQueries.tpch()).hasSize(22).allSatisfy(query -> assertThat(query.sql())
                .startsWith("-- TPC-H").containsIgnoringCase("SELECT").doesNotEndWith(";"));
        assertThat(BenchmarkQueries.ssb()).hasSize(13).allSatisfy(query -> assertThat(query.sql())
                .containsIgnoringCase("FROM").contains("lineorder"));
        assertThat(BenchmarkQueries.tpch(15).sql()).contains("WITH revenue AS");
    }

    @Test
    void duckDbPlansEveryQueryOverTheGeneratedSchemas() throws Exception {
        try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckDb.createStatement()) {
            createTables(statement, "tpch", TpchGenerator.TABLES);
            createTables(statement, "ssb", SsbGenerator.TABLES);
            for (BenchmarkQueries.Query query : BenchmarkQueries.tpch()) {
                statement.execute("SET schema = 'tpch'");
                try (ResultSet ignored = statement.executeQuery("EXPLAIN " + query.sql())) {
                    assertThat(ignored.next()).as(query.id()).isTrue();
                }
            }
            for (BenchmarkQueries.Query query : BenchmarkQueries.ssb()) {
                statement.execute("SET schema = 'ssb'");
                try (ResultSet ignored = statement.executeQuery("EXPLAIN " + query.sql())) {
                    assertThat(ignored.next()).as(query.id()).isTrue();
                }
            }
        }
    }

    private static void createTables(Statement statement, String schema, List<String> tables) throws Exception {
        statement.execute("CREATE SCHEMA " + schema);
        for (String table : tables) {
            String columns = String.join(", ", schemaOf(schema, table));
            statement.execute("CREATE TABLE " + schema + ".\"" + table + "\" (" + columns + ")");
        }
    }

    private static List<String> schemaOf(String benchmark, String table) {
        var schema = benchmark.equals("tpch") ? new TpchGenerator(0.01, 1, ProgressListener.NONE).schema(table)
                : new SsbGenerator(0.01, 1, ProgressListener.NONE).schema(table);
        return schema.fields().stream().map(field -> field.name() + " " + duckDbType(field.type())).toList();
    }

    private static String duckDbType(dev.forge.columnar.DataType type) {
        return switch (type) {
            case dev.forge.columnar.DataType.Decimal decimal -> "DECIMAL(" + decimal.precision() + ","
                    + decimal.scale() + ")";
            case dev.forge.columnar.DataType.Int32 _ -> "INTEGER";
            case dev.forge.columnar.DataType.Int64 _ -> "BIGINT";
            case dev.forge.columnar.DataType.Date _ -> "DATE";
            case dev.forge.columnar.DataType.Varchar _ -> "VARCHAR";
            default -> type.toString();
        };
    }
}
