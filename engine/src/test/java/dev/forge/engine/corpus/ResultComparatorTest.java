package dev.forge.engine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparator passes what is the same answer and, above all, fails what is not. */
class ResultComparatorTest {
    private static ResultRows rows(Object[]... rows) {
        return new ResultRows(rows.length == 0 ? 1 : rows[0].length,
                Arrays.stream(rows).map(row -> Arrays.asList(row)).toList());
    }

    private static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }

    @Test
    void unorderedResultsMatchInAnyOrderButOrderedOnesDoNot() {
        ResultRows expected = rows(new Object[] {decimal("1"), "a"}, new Object[] {decimal("2"), "b"});
        ResultRows swapped = rows(new Object[] {decimal("2"), "b"}, new Object[] {decimal("1"), "a"});
        assertThat(ResultComparator.compare(expected, swapped, false)).isEmpty();
        assertThat(ResultComparator.compare(expected, swapped, true)).get().asString().contains("row 0");
    }

    @Test
    void exactNumbersCompareByValueAcrossScalesAndWidths() {
        assertThat(ResultComparator.matches(decimal("12.50"), decimal("12.5"))).isTrue();
        assertThat(ResultComparator.matches(decimal("123456789012345678901234567890"),
                decimal("123456789012345678901234567890.000"))).isTrue();
        assertThat(ResultComparator.matches(decimal("12.50"), decimal("12.51"))).isFalse();
        assertThat(ResultComparator.matches(decimal("100000000000012.3454"), decimal("100000000000012.3455")))
                .isFalse();
    }

    @Test
    void floatsMatchToOnePartInABillion() {
        assertThat(ResultComparator.matches(1.0, 1.0 + 1e-12)).isTrue();
        assertThat(ResultComparator.matches(1.0e20, 1.0e20 * (1 + 5e-10))).isTrue();
        assertThat(ResultComparator.matches(1.0, 1.0 + 1e-8)).isFalse();
        assertThat(ResultComparator.matches(Double.NaN, Double.NaN)).isTrue();
        assertThat(ResultComparator.matches(Double.NaN, 1.0)).isFalse();
        assertThat(ResultComparator.matches(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
    }

    @Test
    void anExactNumberMatchesAFloatWithinItsLastDecimalPlace() {
        assertThat(ResultComparator.matches(decimal("25.52"), 25.522005853257337)).isTrue();
        assertThat(ResultComparator.matches(25.522005853257337, decimal("25.52"))).isTrue();
        assertThat(ResultComparator.matches(decimal("25.51"), 25.522005853257337)).isFalse();
        assertThat(ResultComparator.matches(decimal("3"), 3.0)).isTrue();
        assertThat(ResultComparator.matches(decimal("3"), 4.5)).isFalse();
    }

    @Test
    void nullMatchesOnlyNull() {
        assertThat(ResultComparator.matches(null, null)).isTrue();
        assertThat(ResultComparator.matches(null, decimal("0"))).isFalse();
        assertThat(ResultComparator.matches("", null)).isFalse();
    }

    @Test
    void stringsMatchExactly() {
        assertThat(ResultComparator.matches("abc", "abc")).isTrue();
        assertThat(ResultComparator.matches("abc", "abc ")).isFalse();
        assertThat(ResultComparator.matches("abc", "ABC")).isFalse();
        assertThat(ResultComparator.matches("1", decimal("1"))).isFalse();
    }

    @Test
    void aDateMatchesATimestampAtItsMidnightOnly() {
        LocalDate day = LocalDate.of(2024, 2, 29);
        assertThat(ResultComparator.matches(day, day.atStartOfDay())).isTrue();
        assertThat(ResultComparator.matches(day.atTime(0, 0, 1), day)).isFalse();
        assertThat(ResultComparator.matches(day, LocalDate.of(2024, 3, 1))).isFalse();
    }

    @Test
    void writtenValuesTakeTheTypeOfTheResult() {
        ResultRows written = ResultRows.parse(List.of("12.5 | 2024-01-31 | true | NULL | 'a | b'"));
        ResultRows actual = rows(new Object[] {decimal("12.50"), LocalDate.of(2024, 1, 31), true, null, "a | b"});
        assertThat(ResultComparator.compare(written, actual, true)).isEmpty();
        ResultRows other = rows(new Object[] {decimal("12.51"), LocalDate.of(2024, 1, 31), true, null, "a | b"});
        assertThat(ResultComparator.compare(written, other, true)).isPresent();
        ResultRows nullWhereTextIs = rows(new Object[] {decimal("12.50"), LocalDate.of(2024, 1, 31), true, "x", "a | b"});
        assertThat(ResultComparator.compare(written, nullWhereTextIs, true)).isPresent();
    }

    @Test
    void rowCountsAndColumnCountsMustAgree() {
        ResultRows two = rows(new Object[] {decimal("1")}, new Object[] {decimal("1")});
        ResultRows one = rows(new Object[] {decimal("1")});
        assertThat(ResultComparator.compare(two, one, false)).get().asString().contains("expected 2 rows, got 1");
        ResultRows wide = rows(new Object[] {decimal("1"), decimal("2")});
        assertThat(ResultComparator.compare(one, wide, false)).get().asString().contains("columns");
        assertThat(ResultComparator.compare(ResultRows.parse(List.of()), one, false)).isPresent();
        assertThat(ResultComparator.compare(ResultRows.parse(List.of()), new ResultRows(3, List.of()), false))
                .isEmpty();
    }

    @Test
    void duplicatesCountAsRows() {
        ResultRows twice = rows(new Object[] {"a"}, new Object[] {"a"}, new Object[] {"b"});
        ResultRows once = rows(new Object[] {"a"}, new Object[] {"b"}, new Object[] {"b"});
        assertThat(ResultComparator.compare(twice, once, false)).isPresent();
    }

    @Test
    void unorderedFloatsThatDifferWithinToleranceStillPair() {
        ResultRows expected = rows(new Object[] {1.0000000000001, "x"}, new Object[] {2.0, "y"});
        ResultRows actual = rows(new Object[] {2.0000000000001, "y"}, new Object[] {1.0, "x"});
        assertThat(ResultComparator.compare(expected, actual, false)).isEmpty();
    }

    @Test
    void theReportShowsBothSidesFromTheFirstDifference() {
        ResultRows expected = rows(new Object[] {decimal("1"), "same"}, new Object[] {decimal("2"), "left"});
        ResultRows actual = rows(new Object[] {decimal("1"), "same"}, new Object[] {decimal("2"), "right"});
        String report = ResultComparator.compare(expected, actual, true).orElseThrow();
        assertThat(report).contains("row 1, column 1").contains("'left'").contains("'right'")
                .contains("expected rows").contains("actual rows");
        assertThat(ResultComparator.matches(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 1, 0, 0)))
                .isTrue();
    }
}
