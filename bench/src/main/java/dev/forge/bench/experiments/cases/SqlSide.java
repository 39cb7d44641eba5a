package dev.forge.bench.experiments.cases;

import dev.forge.engine.Engine;
import dev.forge.engine.QueryResult;
import dev.forge.engine.Session;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * One engine that answers the SQL experiments' queries: Forge through the Java API on one executor, or DuckDB through
 * JDBC. A run sends the query and reads every row into numbers, which is what the timing covers; the rows are kept.
 */
abstract sealed class SqlSide permits SqlSide.ForgeSide, SqlSide.DuckDbSide {
    private List<List<Object>> rows;

    abstract String name();

    protected abstract List<List<Object>> answer(String sql);

    final void run(String sql) {
        rows = answer(sql);
    }

    final void forget() {
        rows = null;
    }

    /** The last run's rows; fails when there was none since the last {@link #forget}. */
    final List<List<Object>> rows() {
        if (rows == null) {
            throw new dev.forge.bench.experiments.ValidationException(name() + " left no result");
        }
        return rows;
    }

    /** Forge on {@code engine}; for the GPU, only where the GPU executor really runs the query. */
    static final class ForgeSide extends SqlSide {
        private final Session session;
        private final Engine engine;

        ForgeSide(Session session, Engine engine) {
            this.session = session.engine(engine);
            this.engine = engine;
        }

        @Override
        String name() {
            return "Forge " + engine.name() + " engine";
        }

        @Override
        protected List<List<Object>> answer(String sql) {
            try (QueryResult result = session.sql(sql)) {
                return SqlRows.of(result);
            }
        }

        /**
         * Runs the query once, untimed (the first run also computes the tables' statistics), and says why this side
         * cannot be measured: the engine failed, or another engine ran the query instead.
         */
        Optional<String> tryOnce(String sql) {
            try (QueryResult result = session.sql(sql)) {
                if (result.statistics().engine() != engine) {
                    return Optional.of("the " + engine + " engine handed the query to " + result.statistics().engine()
                            + ": " + result.statistics().engineNote());
                }
                return Optional.empty();
            } catch (RuntimeException failed) {
                return Optional.of("the " + engine + " engine cannot run it: " + failed.getMessage());
            }
        }
    }

    /** DuckDB in this process, on all cores. */
    static final class DuckDbSide extends SqlSide {
        private final Connection connection;

        DuckDbSide(Connection connection) {
            this.connection = connection;
        }

        @Override
        String name() {
            return "DuckDB";
        }

        @Override
        protected List<List<Object>> answer(String sql) {
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                return SqlRows.of(result);
            } catch (SQLException failed) {
                throw new IllegalStateException("DuckDB failed on " + sql + ": " + failed.getMessage(), failed);
            }
        }
    }
}
