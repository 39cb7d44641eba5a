package dev.forge.engine.corpus;

import dev.forge.columnar.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory DuckDB holding one dataset's tables, the corpus's oracle; one per dataset per JVM. NULLs sort as in
 * Forge's plan contract (and PostgreSQL, and Calcite): last in ascending order, first in descending order.
 */
public final class DuckDbOracle implements AutoCloseable {
    private static final Map<Dataset, DuckDbOracle> CACHE = new ConcurrentHashMap<>();

    private final Connection connection;

    public DuckDbOracle(Map<String, Table> tables) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
        }
        for (Map.Entry<String, Table> table : tables.entrySet()) {
            DuckDbLoader.load(connection, table.getKey(), table.getValue());
        }
    }

    /** The oracle of a dataset, loaded at first use and kept for the rest of the JVM. */
    public static DuckDbOracle of(Dataset dataset) {
        return CACHE.computeIfAbsent(dataset, key -> {
            try {
                return new DuckDbOracle(Datasets.tables(key));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load " + key + " into DuckDB: " + e.getMessage(), e);
            }
        });
    }

    public synchronized ResultRows query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return ResultRows.of(result);
        }
    }

    /** The connection, for callers that time queries themselves (the benchmark). */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
