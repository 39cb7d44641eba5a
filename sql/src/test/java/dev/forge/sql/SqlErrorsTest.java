package dev.forge.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Errors carry a kind, the position in the SQL text, and a hint where one helps. */
class SqlErrorsTest {
    private final SqlPlanner planner = new SqlPlanner(BenchmarkCatalog.tpch());

    private SqlException failure(String sql) {
        return catchThrowableOfType(SqlException.class, () -> planner.plan(sql));
    }

    @Test
    void syntaxErrorNamesTheTokenAndItsPosition() {
        SqlException error = failure("SELECT l_quantity\nFORM lineitem");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.SYNTAX);
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(6);
        assertThat(error.getMessage()).contains("lineitem");
    }

    @Test
    void unknownColumnSuggestsTheClosestNamesInScope() {
        SqlException error = failure("SELECT l_quantiy FROM lineitem");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.VALIDATION);
        assertThat(error.getMessage()).contains("l_quantiy");
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(8);
        assertThat(error.endColumn()).isEqualTo(16);
        assertThat(error.hint()).startsWith("did you mean l_quantity");
    }

    @Test
    void unknownColumnWithNoCloseNameListsTheColumnsInScope() {
        SqlException error = failure("SELECT zzz FROM region");
        assertThat(error.hint()).isEqualTo("the columns there are r_regionkey, r_name, r_comment");
    }

    @Test
    void unknownQualifiedColumnSuggestsFromThatTable() {
        SqlException error = failure("SELECT o.o_orderdat FROM orders o, lineitem l");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.VALIDATION);
        assertThat(error.hint()).contains("o_orderdate");
    }

    @Test
    void unknownTableListsTheCatalogsTables() {
        SqlException error = failure("SELECT * FROM lineitems");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.VALIDATION);
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(15);
        assertThat(error.hint()).contains("did you mean lineitem").contains("region, nation, supplier");
    }

    @Test
    void typeErrorIsAValidationError() {
        SqlException error = failure("SELECT l_shipdate + l_comment FROM lineitem");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.VALIDATION);
        assertThat(error.getMessage()).contains("+");
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(8);
    }

    @Test
    void windowFunctionsAreUnsupportedAndSaySo() {
        SqlException error = failure("SELECT l_orderkey, rank() OVER (ORDER BY l_quantity) FROM lineitem");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.UNSUPPORTED);
        assertThat(error.getMessage()).contains("window functions");
        assertThat(error.column()).isEqualTo(20);
    }

    @Test
    void groupingSetsAreUnsupportedAndSaySo() {
        SqlException error = failure("SELECT l_returnflag, count(*) FROM lineitem GROUP BY ROLLUP(l_returnflag)");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.UNSUPPORTED);
        assertThat(error.getMessage()).contains("ROLLUP");
    }

    @Test
    void recursiveWithIsUnsupported() {
        SqlException error = failure("WITH RECURSIVE r(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r WHERE n < 3) "
                + "SELECT n FROM r");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.UNSUPPORTED);
        assertThat(error.getMessage()).contains("recursive WITH");
    }

    @Test
    void explainIsRefusedWithItsPosition() {
        SqlException error = failure("-- plan please\n  EXPLAIN SELECT 1");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.UNSUPPORTED);
        assertThat(error.getMessage()).contains("EXPLAIN");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(3);
    }

    @Test
    void statementsOtherThanQueriesAreUnsupported() {
        SqlException error = failure("DELETE FROM lineitem");
        assertThat(error.kind()).isEqualTo(SqlException.Kind.UNSUPPORTED);
        assertThat(error.getMessage()).contains("delete");
    }

    @Test
    void editDistanceCountsSingleEdits() {
        assertThat(SqlErrors.editDistance("l_quantiy", "l_quantity")).isEqualTo(1);
        assertThat(SqlErrors.editDistance("abc", "abc")).isZero();
        assertThat(SqlErrors.editDistance("", "abc")).isEqualTo(3);
        assertThat(SqlErrors.suggest("zzzzzz", java.util.List.of("l_quantity"))).isNull();
    }
}
