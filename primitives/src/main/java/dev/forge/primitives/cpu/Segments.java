package dev.forge.primitives.cpu;

import dev.forge.primitives.ElementType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Element layouts and argument checks shared by the CPU twins. */
final class Segments {

    // Unaligned layouts: callers may pass slices at any offset, and x86 loads do not care.
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private Segments() {
    }

    static long count(MemorySegment segment, ElementType type, String argumentName) {
        return type.elementCount(segment, argumentName);
    }

    static long count(MemorySegment segment, int elementBytes, String argumentName) {
        long bytes = segment.byteSize();
        if (bytes % elementBytes != 0) {
            throw new IllegalArgumentException(argumentName + " holds " + bytes + " bytes, not a whole number of "
                    + elementBytes + "-byte elements");
        }
        return bytes / elementBytes;
    }

    static void requireCapacity(MemorySegment output, long elements, int elementBytes, String argumentName) {
        if (output.byteSize() < elements * elementBytes) {
            throw new IllegalArgumentException(argumentName + " holds " + output.byteSize() / elementBytes
                    + " elements but needs room for " + elements);
        }
    }

    static void requireSameCount(long expected, long actual, String argumentName) {
        if (expected != actual) {
            throw new IllegalArgumentException(argumentName + " has " + actual + " elements but must have " + expected);
        }
    }

    /** The element at {@code index} as raw bits in the low bytes of a long (zero-extended for 4-byte elements). */
    static long rawBits(MemorySegment segment, int elementBytes, long index) {
        return elementBytes == 4
                ? segment.getAtIndex(INT, index) & 0xFFFF_FFFFL
                : segment.getAtIndex(LONG, index);
    }

    /**
     * The element at {@code index} widened to 8 bytes: INT32 sign-extended to an int64, FLOAT32 converted (exactly)
     * to a float64, both as raw bits; 8-byte elements as they are.
     */
    static long widenedBits(MemorySegment segment, ElementType type, long index) {
        return switch (type) {
            case INT32 -> segment.getAtIndex(INT, index);
            case UINT32 -> segment.getAtIndex(INT, index) & 0xFFFF_FFFFL;
            case FLOAT32 -> Double.doubleToRawLongBits(segment.getAtIndex(FLOAT, index));
            case INT64, UINT64, FLOAT64 -> segment.getAtIndex(LONG, index);
        };
    }

    static void setRawBits(MemorySegment segment, int elementBytes, long index, long bits) {
        if (elementBytes == 4) {
            segment.setAtIndex(INT, index, (int) bits);
        } else {
            segment.setAtIndex(LONG, index, bits);
        }
    }
}
