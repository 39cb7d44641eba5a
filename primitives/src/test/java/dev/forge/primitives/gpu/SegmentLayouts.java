package dev.forge.primitives.gpu;

import dev.forge.primitives.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded inputs for the segmented primitives' tests: segment offsets of several layouts, and keys in runs. */
final class SegmentLayouts {
    private SegmentLayouts() {
    }

    /** How segment boundaries are laid out over the values. */
    enum Segmentation {
        /** Empty, tiny, medium and multi-tile segments, after a gap of values in no segment and before another. */
        MIXED,
        /** Sixteen values each. */
        SIXTEEN,
        /** One segment over everything. */
        ONE,
        /** Hundreds of empty segments at one position, and at the very end. */
        EMPTY_HEAVY,
        /** No segment at all. */
        NONE;

        /** The offsets (segment count + 1 entries) over {@code size} values whose tiles hold {@code tile} each. */
        long[] offsets(long size, int tile, SplittableRandom random) {
            Offsets offsets = new Offsets();
            switch (this) {
                case MIXED -> {
                    long position = Math.min(size, random.nextInt(3));
                    offsets.add(position);
                    while (position < size - 5) {
                        int pick = random.nextInt(100);
                        long length = pick < 30 ? random.nextInt(4) : pick < 75 ? random.nextInt(1, 40)
                                : pick < 95 ? random.nextInt(40, 3 * tile) : random.nextInt(3 * tile, 9 * tile);
                        position = Math.min(size - 2, position + length);
                        offsets.add(position);
                    }
                }
                case SIXTEEN -> {
                    for (long position = 0; position <= size; position += 16) {
                        offsets.add(position);
                    }
                }
                case ONE -> {
                    offsets.add(0);
                    offsets.add(size);
                }
                case EMPTY_HEAVY -> {
                    offsets.add(0);
                    for (int i = 0; i < 300; i++) {
                        offsets.add(size / 2);
                    }
                    for (int i = 0; i < 201; i++) {
                        offsets.add(size);
                    }
                }
                case NONE -> offsets.add(Math.min(size, 3));
            }
            return offsets.toArray();
        }
    }

    static MemorySegment segment(Arena arena, long[] values) {
        MemorySegment segment = arena.allocate(Math.max(8, 8L * values.length), 16).asSlice(0, 8L * values.length);
        MemorySegment.copy(values, 0, segment, ValueLayout.JAVA_LONG, 0, values.length);
        return segment;
    }

    /**
     * Values in runs: each drawn value repeats a few times, now and then for thousands of elements; floats also get
     * runs of -0.0 and of NaNs with different payloads, which must stay apart from +0.0 and from each other.
     */
    static MemorySegment runs(Arena arena, ElementType type, int size, GpuInputs.Shape shape, long seed) {
        MemorySegment drawn = GpuInputs.values(arena, type, size, shape, seed);
        int width = type.byteSize();
        MemorySegment repeated = arena.allocate(Math.max(1, (long) size * width), 16).asSlice(0, (long) size * width);
        SplittableRandom random = new SplittableRandom(seed);
        int source = 0;
        for (int i = 0; i < size; ) {
            int pick = random.nextInt(100);
            int length = pick < 60 ? random.nextInt(1, 4) : pick < 95 ? random.nextInt(4, 60) : random.nextInt(60, 2000);
            long bits = width == 4 ? drawn.getAtIndex(ValueLayout.JAVA_INT, source)
                    : drawn.getAtIndex(ValueLayout.JAVA_LONG, source);
            if (type == ElementType.FLOAT32 && pick % 7 == 0) {
                bits = pick % 2 == 0 ? 0x8000_0000L : 0x7FC0_0000L + (pick % 5);
            } else if (type == ElementType.FLOAT64 && pick % 7 == 0) {
                bits = pick % 2 == 0 ? Long.MIN_VALUE : 0x7FF8_0000_0000_0000L + (pick % 5);
            }
            for (int j = 0; j < length && i < size; j++, i++) {
                if (width == 4) {
                    repeated.setAtIndex(ValueLayout.JAVA_INT, i, (int) bits);
                } else {
                    repeated.setAtIndex(ValueLayout.JAVA_LONG, i, bits);
                }
            }
            source = (source + 1) % size;
        }
        return repeated;
    }

    /**
     * Overwrites every 97th element of floating-point {@code values} with one of NaNs carrying payloads (one with
     * the sign set), -0.0, +0.0 and the infinities, in turn; other types are left as they are. Top-k must keep the
     * payloads and order the zeros.
     */
    static MemorySegment withSpecialFloats(MemorySegment values, ElementType type) {
        long[] float64 = {0x7FF8_0000_0000_0123L, 0xFFF8_0000_0000_0456L, Long.MIN_VALUE, 0L, 0x7FF0_0000_0000_0000L,
            0xFFF0_0000_0000_0000L};
        int[] float32 = {0x7FC0_0123, 0xFFC0_0456, 0x8000_0000, 0, 0x7F80_0000, 0xFF80_0000};
        long count = values.byteSize() / type.byteSize();
        for (long i = 0, special = 0; i < count; i += 97, special++) {
            switch (type) {
                case FLOAT32 -> values.setAtIndex(ValueLayout.JAVA_INT, i, float32[(int) (special % float32.length)]);
                case FLOAT64 -> values.setAtIndex(ValueLayout.JAVA_LONG, i, float64[(int) (special % float64.length)]);
                default -> {
                    return values;
                }
            }
        }
        return values;
    }

    /** A growable array of offsets, since a large input has millions of segments. */
    private static final class Offsets {
        private long[] values = new long[16];
        private int count;

        void add(long value) {
            if (count == values.length) {
                values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, count);
        }
    }
}
