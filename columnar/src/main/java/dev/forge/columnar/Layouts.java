package dev.forge.columnar;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The value layouts Forge reads and writes columns, chunks and files with: little-endian (the byte order of every
 * CPU and GPU Forge runs on, fixed so files are portable) and unaligned (heap segments and file slices need not be).
 */
public final class Layouts {
    private Layouts() {
    }

    public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Rounds {@code bytes} up to a multiple of {@code alignment} (a power of two). */
    public static long alignUp(long bytes, long alignment) {
        return (bytes + alignment - 1) & -alignment;
    }
}
