package dev.forge.columnar;

import java.lang.foreign.MemorySegment;

/** Bit access for validity and boolean bitmaps: bit {@code i} is bit {@code i % 8} of byte {@code i / 8}. */
public final class Bitmaps {
    private Bitmaps() {
    }

    public static long byteSize(long bits) {
        return (bits + 7) >>> 3;
    }

    public static boolean get(MemorySegment bitmap, long index) {
        return (bitmap.get(Layouts.BYTE, index >>> 3) >>> (index & 7) & 1) != 0;
    }

    public static void set(MemorySegment bitmap, long index, boolean value) {
        long at = index >>> 3;
        byte current = bitmap.get(Layouts.BYTE, at);
        int mask = 1 << (index & 7);
        bitmap.set(Layouts.BYTE, at, (byte) (value ? current | mask : current & ~mask));
    }

    /** Sets bits {@code [0, count)}, leaving the rest as they are. */
    public static void setAll(MemorySegment bitmap, long count) {
        long fullBytes = count >>> 3;
        bitmap.asSlice(0, fullBytes).fill((byte) 0xFF);
        for (long i = fullBytes << 3; i < count; i++) {
            set(bitmap, i, true);
        }
    }

    /** How many of bits {@code [0, count)} are clear. */
    public static long countClear(MemorySegment bitmap, long count) {
        long set = 0;
        long fullLongs = count >>> 6;
        for (long word = 0; word < fullLongs; word++) {
            set += Long.bitCount(bitmap.get(Layouts.LONG, word * 8));
        }
        for (long i = fullLongs << 6; i < count; i++) {
            if (get(bitmap, i)) {
                set++;
            }
        }
        return count - set;
    }
}
