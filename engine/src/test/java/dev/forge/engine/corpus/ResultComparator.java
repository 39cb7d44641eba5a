package dev.forge.engine.corpus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares a result with the expected one the way the corpus needs: rows in order only when the case says so, exact
 * numbers (integers and decimals of any width or scale) by value and exactly, floats to {@value #RELATIVE} relative,
 * strings, booleans and dates exactly, NULL equal to NULL. Across engines a type may differ where the value does not:
 * DuckDB returns HUGEINT or DOUBLE where Forge returns DECIMAL, and DATE + INTERVAL as a TIMESTAMP, so
 * <ul>
 *   <li>an exact number against a float matches within {@value #RELATIVE} relative or one unit in the exact number's
 *   last decimal place, whichever is larger (a DECIMAL average is rounded to its scale, a DOUBLE one is not);</li>
 *   <li>a DATE matches a TIMESTAMP at midnight of that day.</li>
 * </ul>
 * Unordered results are sorted first, floats in that sort rounded to {@value #SORT_DIGITS} digits so that values equal
 * within the tolerance sort alike.
 */
public final class ResultComparator {
    static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-12;
    private static final int SORT_DIGITS = 8;
    private static final int CONTEXT_ROWS = 5;

    private ResultComparator() {
    }

    /** Empty when {@code actual} matches {@code expected}; otherwise a report of the first difference. */
    public static Optional<String> compare(ResultRows expected, ResultRows actual, boolean ordered) {
        if (expected.rowCount() == 0 && expected.columnCount() == 0) {
            return actual.rowCount() == 0 ? Optional.empty()
                    : Optional.of("expected no rows, got " + actual.rowCount() + report(expected.rows(), actual.rows(), 0));
        }
        if (expected.columnCount() != actual.columnCount()) {
            return Optional.of("expected " + expected.columnCount() + " columns, got " + actual.columnCount()
                    + report(expected.rows(), actual.rows(), 0));
        }
        List<List<Object>> expectedRows = typed(expected.rows(), actual.rows());
        List<List<Object>> actualRows = actual.rows();
        if (!ordered) {
            boolean[] approximate = approximateColumns(expectedRows, actualRows, expected.columnCount());
            Comparator<List<Object>> order = rowOrder(approximate);
            expectedRows = expectedRows.stream().sorted(order).toList();
            actualRows = actualRows.stream().sorted(order).toList();
        }
        int rows = Math.min(expectedRows.size(), actualRows.size());
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < expected.columnCount(); column++) {
                if (!matches(expectedRows.get(row).get(column), actualRows.get(row).get(column))) {
                    return Optional.of("row " + row + (ordered ? "" : " (after sorting both sides)") + ", column "
                            + column + ": expected " + describe(expectedRows.get(row).get(column)) + ", got "
                            + describe(actualRows.get(row).get(column)) + report(expectedRows, actualRows, row));
                }
            }
        }
        if (expectedRows.size() != actualRows.size()) {
            return Optional.of("expected " + expectedRows.size() + " rows, got " + actualRows.size()
                    + report(expectedRows, actualRows, rows));
        }
        return Optional.empty();
    }

    /** Whether two values are the same answer (see the class comment for the cross-type rules). */
    static boolean matches(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof ResultRows.Untyped text) {
            expected = typeLike(text, actual);
        }
        return switch (expected) {
            case BigDecimal exact when actual instanceof BigDecimal other -> exact.compareTo(other) == 0;
            case BigDecimal exact when actual instanceof Double other -> closeToExact(exact, other);
            case Double approximate when actual instanceof BigDecimal other -> closeToExact(other, approximate);
            case Double approximate when actual instanceof Double other -> close(approximate, other);
            case LocalDate date when actual instanceof LocalDateTime time -> date.atStartOfDay().equals(time);
            case LocalDateTime time when actual instanceof LocalDate date -> date.atStartOfDay().equals(time);
            default -> expected.equals(actual);
        };
    }

    private static boolean close(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return a == b;
        }
        return Math.abs(a - b) <= Math.max(ABSOLUTE, RELATIVE * Math.max(Math.abs(a), Math.abs(b)));
    }

    private static boolean closeToExact(BigDecimal exact, double approximate) {
        if (Double.isNaN(approximate) || Double.isInfinite(approximate)) {
            return false;
        }
        double value = exact.doubleValue();
        double lastPlace = Math.pow(10, -Math.max(exact.scale(), 0));
        double tolerance = Math.max(lastPlace, RELATIVE * Math.max(Math.abs(value), Math.abs(approximate)));
        return Math.abs(value - approximate) <= tolerance;
    }

    /** Types hand-written values like the result's values in the same column (text where that column is all NULL). */
    private static List<List<Object>> typed(List<List<Object>> expected, List<List<Object>> actual) {
        int columns = expected.isEmpty() ? 0 : expected.getFirst().size();
        Object[] samples = new Object[columns];
        for (List<Object> row : actual) {
            for (int c = 0; c < columns && c < row.size(); c++) {
                if (samples[c] == null) {
                    samples[c] = row.get(c);
                }
            }
        }
        List<List<Object>> typed = new ArrayList<>(expected.size());
        for (List<Object> row : expected) {
            List<Object> values = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c);
                values.add(value instanceof ResultRows.Untyped text ? typeLike(text, samples[c]) : value);
            }
            typed.add(values);
        }
        return typed;
    }

    private static Object typeLike(ResultRows.Untyped text, Object sample) {
        String value = text.text();
        try {
            return switch (sample) {
                case BigDecimal _ -> new BigDecimal(value);
                case Double _ -> Double.parseDouble(value);
                case Boolean _ -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> value;
                };
                case LocalDate _ -> LocalDate.parse(value);
                case LocalDateTime _ -> value.length() == 10 ? LocalDate.parse(value)
                        : LocalDateTime.parse(value.replace(' ', 'T'));
                case null, default -> value;
            };
        } catch (RuntimeException notThatType) {
            // stays text, and so cannot match: the report shows both values
            return value;
        }
    }

    private static boolean[] approximateColumns(List<List<Object>> expected, List<List<Object>> actual, int columns) {
        boolean[] approximate = new boolean[columns];
        for (List<List<Object>> side : List.of(expected, actual)) {
            for (List<Object> row : side) {
                for (int c = 0; c < columns; c++) {
                    approximate[c] |= row.get(c) instanceof Double;
                }
            }
        }
        return approximate;
    }

    private static Comparator<List<Object>> rowOrder(boolean[] approximate) {
        return (left, right) -> {
            for (int c = 0; c < approximate.length; c++) {
                int order = compareValues(left.get(c), right.get(c), approximate[c]);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        };
    }

    private static int compareValues(Object left, Object right, boolean approximate) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        int kinds = Integer.compare(kind(left), kind(right));
        if (kinds != 0) {
            return kinds;
        }
        return switch (left) {
            case BigDecimal _, Double _ -> approximate
                    ? Double.compare(sortKey(((Number) left).doubleValue()), sortKey(((Number) right).doubleValue()))
                    : toDecimal(left).compareTo(toDecimal(right));
            case String text -> text.compareTo((String) right);
            case Boolean bool -> bool.compareTo((Boolean) right);
            case LocalDate _, LocalDateTime _ -> toTime(left).compareTo(toTime(right));
            default -> left.toString().compareTo(right.toString());
        };
    }

    private static int kind(Object value) {
        return switch (value) {
            case BigDecimal _, Double _ -> 0;
            case String _ -> 1;
            case Boolean _ -> 2;
            case LocalDate _, LocalDateTime _ -> 3;
            default -> 4;
        };
    }

    private static BigDecimal toDecimal(Object number) {
        return number instanceof BigDecimal decimal ? decimal : new BigDecimal((Double) number);
    }

    private static LocalDateTime toTime(Object value) {
        return value instanceof LocalDate date ? date.atStartOfDay() : (LocalDateTime) value;
    }

    private static double sortKey(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
            return value == 0 ? 0 : value;
        }
        return new BigDecimal(value).round(new MathContext(SORT_DIGITS)).doubleValue();
    }

    private static String describe(Object value) {
        return value == null ? "NULL" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static String report(List<List<Object>> expected, List<List<Object>> actual, int from) {
        StringBuilder text = new StringBuilder();
        int start = Math.max(0, from - 1);
        text.append("\n  expected rows ").append(start).append("..:");
        appendRows(text, expected, start);
        text.append("\n  actual rows ").append(start).append("..:");
        appendRows(text, actual, start);
        return text.toString();
    }

    private static void appendRows(StringBuilder text, List<List<Object>> rows, int start) {
        if (start >= rows.size()) {
            text.append(" (none; ").append(rows.size()).append(" rows in all)");
        }
        for (int row = start; row < Math.min(rows.size(), start + CONTEXT_ROWS); row++) {
            text.append("\n    ").append(ResultRows.format(rows.get(row)));
        }
        if (rows.size() > start + CONTEXT_ROWS) {
            text.append("\n    ... ").append(rows.size() - start - CONTEXT_ROWS).append(" more");
        }
    }
}
