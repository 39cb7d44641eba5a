package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Compare;
import dev.forge.bench.experiments.ValidationException;
import dev.forge.engine.QueryResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Query results as rows of numbers (integers as Long, everything else as Double), read the same way from Forge and
 * from JDBC, and compared: integers exactly, doubles within {@value #RELATIVE_TOLERANCE} relative (the corpus's
 * tolerance for floating sums computed in different orders). Results without ORDER BY are compared as sorted rows.
 * A top-N result is compared position by position on its sort column; rows tied on it may come in any order, and
 * the tie that the LIMIT cuts may hold different rows.
 */
final class SqlRows {
    static final double RELATIVE_TOLERANCE = 1e-9;

    private SqlRows() {
    }

    static List<List<Object>> of(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        for (long row = 0; row < result.rowCount(); row++) {
            List<Object> values = new ArrayList<>(result.columnCount());
            for (int column = 0; column < result.columnCount(); column++) {
                values.add(normalize(result.getObject(row, column)));
            }
            rows.add(values);
        }
        return rows;
    }

    static List<List<Object>> of(ResultSet result) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
            List<Object> values = new ArrayList<>(columns);
            for (int column = 1; column <= columns; column++) {
                values.add(normalize(result.getObject(column)));
            }
            rows.add(values);
        }
        return rows;
    }

    private static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Integer number -> number.longValue();
            case Long number -> number;
            case Short number -> number.longValue();
            case BigInteger number -> number.bitLength() < 64 ? (Object) number.longValue() : number.doubleValue();
            case BigDecimal number -> number.scale() <= 0 && number.precision() < 19 ? (Object) number.longValueExact()
                    : number.doubleValue();
            case Number number -> number.doubleValue();
            default -> value.toString();
        };
    }

    /** Compares results of a query without ORDER BY: the same rows in any order. */
    static String unordered(String expectedName, List<List<Object>> expected, String actualName,
            List<List<Object>> actual) {
        requireSameRowCount(expectedName, expected, actualName, actual);
        List<List<Object>> sortedExpected = sorted(expected);
        List<List<Object>> sortedActual = sorted(actual);
        for (int row = 0; row < sortedExpected.size(); row++) {
            requireSameRow(expectedName, sortedExpected.get(row), actualName, sortedActual.get(row), row);
        }
        return String.format(Locale.ROOT, "%d rows as %s's (integers exact, doubles within %.0e)", expected.size(),
                expectedName, RELATIVE_TOLERANCE);
    }

    /**
     * Compares results of a query ordered by {@code sortColumn} and cut by a LIMIT: the sort column must agree at
     * every position; within a run of tied sort values the rows may come in any order, except in the last run, which
     * the LIMIT may have cut anywhere.
     */
    static String topN(String expectedName, List<List<Object>> expected, String actualName, List<List<Object>> actual,
            int sortColumn) {
        requireSameRowCount(expectedName, expected, actualName, actual);
        int start = 0;
        while (start < expected.size()) {
            int end = start + 1;
            while (end < expected.size() && same(expected.get(start).get(sortColumn), expected.get(end).get(sortColumn))) {
                end++;
            }
            for (int row = start; row < end; row++) {
                if (!same(expected.get(row).get(sortColumn), actual.get(row).get(sortColumn))) {
                    throw new ValidationException(String.format(Locale.ROOT, "row %d: %s has %s, %s %s in column %d",
                            row, expectedName, expected.get(row), actualName, actual.get(row), sortColumn + 1));
                }
            }
            if (end < expected.size()) {
                List<List<Object>> expectedTie = sorted(expected.subList(start, end));
                List<List<Object>> actualTie = sorted(actual.subList(start, end));
                for (int row = 0; row < expectedTie.size(); row++) {
                    requireSameRow(expectedName, expectedTie.get(row), actualName, actualTie.get(row), start + row);
                }
            }
            start = end;
        }
        return String.format(Locale.ROOT, "top %d rows as %s's (integers exact, doubles within %.0e)",
                expected.size(), expectedName, RELATIVE_TOLERANCE);
    }

    private static void requireSameRowCount(String expectedName, List<List<Object>> expected, String actualName,
            List<List<Object>> actual) {
        if (expected.size() != actual.size()) {
            throw new ValidationException(expectedName + " returned " + expected.size() + " rows, " + actualName + " "
                    + actual.size());
        }
    }

    private static void requireSameRow(String expectedName, List<Object> expected, String actualName,
            List<Object> actual, int row) {
        boolean equal = expected.size() == actual.size();
        for (int column = 0; equal && column < expected.size(); column++) {
            equal = same(expected.get(column), actual.get(column));
        }
        if (!equal) {
            throw new ValidationException(String.format(Locale.ROOT, "row %d: %s has %s, %s has %s", row, expectedName,
                    expected, actualName, actual));
        }
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Double || actual instanceof Double) {
            return expected instanceof Number want && actual instanceof Number got
                    && Compare.close(want.doubleValue(), got.doubleValue(), RELATIVE_TOLERANCE);
        }
        return java.util.Objects.equals(expected, actual);
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(ROWS);
        return sorted;
    }

    private static final Comparator<List<Object>> ROWS = (left, right) -> {
        for (int column = 0; column < Math.min(left.size(), right.size()); column++) {
            int order = compareValues(left.get(column), right.get(column));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    };

    private static int compareValues(Object left, Object right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (left instanceof Number a && right instanceof Number b) {
            return a instanceof Long x && b instanceof Long y ? Long.compare(x, y)
                    : Double.compare(a.doubleValue(), b.doubleValue());
        }
        return left.toString().compareTo(right.toString());
    }
}
