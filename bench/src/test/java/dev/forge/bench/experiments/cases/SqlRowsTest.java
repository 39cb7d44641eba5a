package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.bench.experiments.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlRowsTest {
    private static List<Object> row(long key, double total) {
        return List.of(key, total);
    }

    @Test
    void unorderedResultsMatchInAnyOrderWithDoublesWithinTheTolerance() {
        List<List<Object>> expected = List.of(row(1, 10.0), row(2, 20.0));
        List<List<Object>> actual = List.of(row(2, 20.0 * (1 + 1e-12)), row(1, 10.0));
        assertThat(SqlRows.unordered("A", expected, "B", actual)).contains("2 rows");
        assertThatThrownBy(() -> SqlRows.unordered("A", expected, "B", List.of(row(1, 10.0), row(2, 20.1))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("A has [2, 20.0], B has [2, 20.1]");
        assertThatThrownBy(() -> SqlRows.unordered("A", expected, "B", List.of(row(1, 10.0))))
                .hasMessageContaining("A returned 2 rows, B 1");
    }

    @Test
    void integersMustBeExact() {
        assertThatThrownBy(() -> SqlRows.unordered("A", List.of(List.of(1L, 5L)), "B", List.of(List.of(1L, 6L))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aTopNResultMayOrderTiesFreelyAndCutTheLastTieAnywhere() {
        List<List<Object>> expected = List.of(row(7, 30.0), row(3, 20.0), row(4, 20.0), row(9, 10.0), row(8, 10.0));
        // the tie at 20 in the other order; the tie at 10 cut with another key that also sums to 10
        List<List<Object>> actual = List.of(row(7, 30.0), row(4, 20.0), row(3, 20.0), row(9, 10.0), row(5, 10.0));
        assertThat(SqlRows.topN("A", expected, "B", actual, 1)).contains("top 5 rows");
    }

    @Test
    void aTopNResultWithAnotherKeyInsideTheListOrAnotherTotalFails() {
        List<List<Object>> expected = List.of(row(7, 30.0), row(3, 20.0), row(4, 20.0), row(9, 10.0));
        assertThatThrownBy(() -> SqlRows.topN("A", expected, "B",
                List.of(row(7, 30.0), row(3, 20.0), row(6, 20.0), row(9, 10.0)), 1))
                .isInstanceOf(ValidationException.class).hasMessageContaining("[4, 20.0]");
        assertThatThrownBy(() -> SqlRows.topN("A", expected, "B",
                List.of(row(7, 30.0), row(3, 21.0), row(4, 20.0), row(9, 10.0)), 1))
                .isInstanceOf(ValidationException.class).hasMessageContaining("row 1");
    }
}
