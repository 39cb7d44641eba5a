package dev.forge.bench.experiments;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;

/**
 * Result comparisons that either say what they compared or throw {@link ValidationException} at the first
 * difference, naming the element and both values: integers and exactly computable floats bit for bit, other floats
 * within a stated relative tolerance.
 */
public final class Compare {
    private Compare() {
    }

    /** Byte-for-byte equality of {@code count} elements of {@code elementBytes} each. */
    public static String exact(String what, MemorySegment expected, MemorySegment actual, long count,
            int elementBytes) {
        long bytes = count * elementBytes;
        long mismatch = expected.asSlice(0, bytes).mismatch(actual.asSlice(0, bytes));
        if (mismatch >= 0) {
            long element = mismatch / elementBytes;
            throw new ValidationException(String.format(Locale.ROOT,
                    "%s: element %d of %d differs: expected %s, got %s", what, element, count,
                    raw(expected, element, elementBytes), raw(actual, element, elementBytes)));
        }
        return String.format(Locale.ROOT, "%s exact (%d elements)", what, count);
    }

    public static String exactCount(String what, long expected, long actual) {
        if (expected != actual) {
            throw new ValidationException(what + ": expected " + expected + ", got " + actual);
        }
        return what + " " + expected;
    }

    /**
     * Float64 elements equal within {@code relative} of the larger magnitude (NaN only where NaN is expected);
     * {@code relative} 0 means bit for bit.
     */
    public static String float64(String what, MemorySegment expected, MemorySegment actual, long count,
            double relative) {
        for (long i = 0; i < count; i++) {
            double want = expected.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
            double got = actual.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
            if (!close(want, got, relative)) {
                throw new ValidationException(String.format(Locale.ROOT,
                        "%s: element %d of %d differs beyond a relative %.0e: expected %s, got %s", what, i, count,
                        relative, want, got));
            }
        }
        return relative == 0 ? String.format(Locale.ROOT, "%s exact (%d values)", what, count)
                : String.format(Locale.ROOT, "%s within %.0e relative (%d values)", what, relative, count);
    }

    /** Whether two doubles agree within {@code relative} of the larger magnitude (both NaN counts as agreeing). */
    public static boolean close(double expected, double actual, double relative) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        return Math.abs(expected - actual) <= relative * Math.max(Math.abs(expected), Math.abs(actual));
    }

    private static String raw(MemorySegment segment, long element, int elementBytes) {
        return switch (elementBytes) {
            case 1 -> Byte.toString(segment.get(ValueLayout.JAVA_BYTE, element));
            case 4 -> "0x" + Integer.toHexString(segment.getAtIndex(ValueLayout.JAVA_INT, element));
            case 8 -> "0x" + Long.toHexString(segment.getAtIndex(ValueLayout.JAVA_LONG, element));
            default -> "bytes at " + element * elementBytes;
        };
    }
}
