package dev.forge.columnar.encoding;

import java.util.SplittableRandom;

/** Seeded value sequences with the shapes encodings care about; none is all zeros. */
public enum ValueShapes {
    FULL_RANGE,
    NARROW_RANGE,
    NARROW_WITH_OUTLIERS,
    SORTED_SMALL_STEPS,
    DESCENDING,
    FEW_DISTINCT_WIDE,
    LONG_RUNS,
    CONSTANT;

    /** {@code count} values of this shape, cut to {@code valueBytes} and widened like {@link ChunkValues}. */
    public long[] generate(long seed, int count, int valueBytes) {
        SplittableRandom random = new SplittableRandom(seed * 31 + ordinal());
        long[] values = new long[count];
        long base = random.nextLong();
        long[] palette = new long[7];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = random.nextLong();
        }
        long current = base;
        for (int i = 0; i < count; i++) {
            long value = switch (this) {
                case FULL_RANGE -> random.nextLong();
                case NARROW_RANGE -> base + random.nextInt(1 << 11);
                case NARROW_WITH_OUTLIERS -> random.nextInt(100) == 0 ? random.nextLong() : base + random.nextInt(300);
                case SORTED_SMALL_STEPS -> current += random.nextInt(5);
                case DESCENDING -> current -= random.nextInt(1000);
                case FEW_DISTINCT_WIDE -> palette[random.nextInt(palette.length)];
                case LONG_RUNS -> (i % 200 == 0) ? (current = random.nextLong()) : current;
                case CONSTANT -> base | 1;
            };
            values[i] = valueBytes == 4 ? (int) value : value;
        }
        return values;
    }

    public ChunkValues chunk(long seed, int count, int valueBytes) {
        return new ChunkValues(generate(seed, count, valueBytes), count, valueBytes, false);
    }
}
