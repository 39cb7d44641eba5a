package dev.forge.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 22 TPC-H and 13 SSB queries, in a dialect both Forge and DuckDB accept: TPC-H's validation parameters, Q15's view
 * as a WITH, Q11's column alias {@code value} (reserved in Calcite) renamed, SSB's {@code date} table quoted. The
 * planner tests, the SQL corpus and the query benchmarks all read them from here, so there is one copy.
 */
public final class BenchmarkQueries {
    /** One query: {@code name} is "tpch/q01" or "ssb/q1.1"; {@code sql} has no trailing semicolon. */
    public record Query(String benchmark, String name, String sql) {
        public String id() {
            return benchmark + "/" + name;
        }
    }

    private static final List<String> SSB_NAMES = List.of("q1.1", "q1.2", "q1.3", "q2.1", "q2.2", "q2.3", "q3.1",
            "q3.2", "q3.3", "q3.4", "q4.1", "q4.2", "q4.3");

    private BenchmarkQueries() {
    }

    public static List<Query> tpch() {
        List<Query> queries = new ArrayList<>();
        for (int number = 1; number <= 22; number++) {
            queries.add(load("tpch", "q%02d".formatted(number)));
        }
        return queries;
    }

    public static List<Query> ssb() {
        return SSB_NAMES.stream().map(name -> load("ssb", name)).toList();
    }

    public static Query tpch(int number) {
        if (number < 1 || number > 22) {
            throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + number);
        }
        return load("tpch", "q%02d".formatted(number));
    }

    private static Query load(String benchmark, String name) {
        String resource = "queries/" + benchmark + "/" + name + ".sql";
        try (InputStream in = BenchmarkQueries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new Query(benchmark, name, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
