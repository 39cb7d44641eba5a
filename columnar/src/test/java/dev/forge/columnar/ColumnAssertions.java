package dev.forge.columnar;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares columns value by value, floats by their bits (so NaN payloads and -0 count). */
public final class ColumnAssertions {
    private ColumnAssertions() {
    }

    public static void assertSameValues(ColumnView expected, ColumnView actual, String what) {
        assertThat(actual.type()).as(what + " type").isEqualTo(expected.type());
        assertThat(actual.length()).as(what + " length").isEqualTo(expected.length());
        assertThat(actual.nullCount()).as(what + " null count").isEqualTo(expected.nullCount());
        for (long row = 0; row < expected.length(); row++) {
            assertThat(actual.isNull(row)).as("%s row %d is null", what, row).isEqualTo(expected.isNull(row));
            if (expected.isNull(row)) {
                continue;
            }
            Object expectedValue = comparable(expected, row);
            Object actualValue = comparable(actual, row);
            if (!expectedValue.equals(actualValue)) {
                assertThat(actualValue).as("%s row %d", what, row).isEqualTo(expectedValue);
            }
        }
    }

    private static Object comparable(ColumnView column, long row) {
        return switch (column.physicalType()) {
            case FLOAT32 -> Float.floatToRawIntBits(column.getFloat(row));
            case FLOAT64 -> Double.doubleToRawLongBits(column.getDouble(row));
            case BIT, INT32, INT64, INT128, STRING -> column.getObject(row);
        };
    }
}
