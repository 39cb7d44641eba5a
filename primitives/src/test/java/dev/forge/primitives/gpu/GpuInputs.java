package dev.forge.primitives.gpu;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.primitives.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.provider.Arguments;

/** Seeded random inputs for GPU tests, in native memory ready to upload; never all zeros. */
final class GpuInputs {
    /** Probe rows are drawn so that a join produces about this many pairs at most. */
    private static final double JOIN_PAIR_BUDGET = 1 << 23;

    private GpuInputs() {
    }

    /**
     * (key type, size, shape) arguments: INT32 and INT64 keys of every shape at 0, 1, either side of a block of the
     * hash table and group-by kernels (256 threads) and 2^20 + 7; a test adds its own cases to the builder.
     */
    static java.util.stream.Stream.Builder<Arguments> hashKeyCases() {
        int block = 256;
        java.util.stream.Stream.Builder<Arguments> cases = java.util.stream.Stream.builder();
        for (ElementType keyType : new ElementType[] {ElementType.INT32, ElementType.INT64}) {
            for (int size : new int[] {0, 1, block - 1, block, block + 1, (1 << 20) + 7}) {
                for (Shape shape : Shape.values()) {
                    cases.add(Arguments.of(keyType, size, shape));
                }
            }
        }
        return cases;
    }

    /**
     * Copies {@code host} (heap or native memory) into the start of {@code target} in the order of {@code stream}.
     * A GPU test queues its uploads and poison fills on the stream its primitive runs on: Forge streams never wait
     * for the legacy default stream, which {@code DeviceMemory.copyFrom} and {@code fill} use, and neither call
     * waits for the device (a fill, and the last stretch of an upload from pageable memory, may still be running
     * when it returns). On the H100 a poison fill of a count word, queued there behind a 128 MiB fill of the output,
     * landed after the primitive had reset that word on its own stream.
     */
    static void upload(Arena arena, MemorySegment host, DeviceMemory target, Stream stream) {
        MemorySegment source = host.isNative() ? host : arena.allocate(Math.max(1, host.byteSize()), 8)
                .asSlice(0, host.byteSize()).copyFrom(host);
        target.copyFromAsync(source, stream);
    }

    /**
     * Fills {@code bytes} of {@code pool} memory with {@code poison} and gives them back, on {@code stream}: a pool
     * keeps what is freed (Forge's pools never release it), so outputs a primitive allocates from the pool next
     * start out poisoned instead of holding a previous run's (possibly right) answer.
     */
    static void poisonPool(MemoryPool pool, long bytes, byte poison, Stream stream) {
        try (DeviceBuffer memory = pool.allocate(Math.max(1, bytes), stream)) {
            memory.fillAsync(poison, stream);
        }
    }

    /**
     * Probe keys: some copies of build keys, the rest (mostly) absent from the build side. Where the build keys
     * repeat a lot, fewer probe rows match, so that the pairs stay within the budget.
     */
    static MemorySegment probeKeys(Arena arena, MemorySegment build, ElementType keyType, int buildCount, int count,
            Shape shape, SplittableRandom random) {
        long[] buildKeys = rawKeys(build, keyType, buildCount);
        double matchesPerMatchedRow = shape == Shape.UNIFORM ? 1 : meanDuplicates(buildKeys);
        double matching = buildCount == 0 ? 0 : Math.min(0.7, JOIN_PAIR_BUDGET / (count * matchesPerMatchedRow));
        MemorySegment keys = arena.allocate(Math.max(1, (long) count * keyType.byteSize()), 16)
                .asSlice(0, (long) count * keyType.byteSize());
        for (int i = 0; i < count; i++) {
            long key = random.nextDouble() < matching ? buildKeys[random.nextInt(buildCount)] : random.nextLong();
            if (keyType.byteSize() == 4) {
                keys.setAtIndex(ValueLayout.JAVA_INT, i, (int) key);
            } else {
                keys.setAtIndex(ValueLayout.JAVA_LONG, i, key);
            }
        }
        return keys;
    }

    static long[] rawKeys(MemorySegment keys, ElementType keyType, int count) {
        long[] raw = new long[count];
        for (int i = 0; i < count; i++) {
            raw[i] = keyType.byteSize() == 4 ? keys.getAtIndex(ValueLayout.JAVA_INT, i) : keys.getAtIndex(ValueLayout.JAVA_LONG, i);
        }
        return raw;
    }

    /** The mean, over build rows, of how many build rows share the row's key: what a matching probe row yields. */
    private static double meanDuplicates(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        double squares = 0;
        for (int start = 0; start < sorted.length; ) {
            int end = start;
            while (end < sorted.length && sorted[end] == sorted[start]) {
                end++;
            }
            squares += (double) (end - start) * (end - start);
            start = end;
        }
        return sorted.length == 0 ? 1 : Math.max(1, squares / sorted.length);
    }

    /** How the values are drawn. */
    enum Shape {
        /** Uniform over the whole type (integers), or mixed magnitudes with both zeros, infinities and NaNs (floats). */
        UNIFORM,
        /** A few distinct values, negatives among them: many duplicates and ties. */
        FEW_DISTINCT,
        /** Zipf-skewed magnitudes with random signs. */
        ZIPF,
        /** Every element the same negative value. */
        ALL_EQUAL
    }

    static MemorySegment values(Arena arena, ElementType type, int count, Shape shape, long seed) {
        MemorySegment segment = arena.allocate((long) count * type.byteSize(), 16);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            switch (type) {
                case INT32, UINT32 -> segment.setAtIndex(ValueLayout.JAVA_INT, i, (int) integer(random, shape, 1L << 31));
                case INT64, UINT64 -> segment.setAtIndex(ValueLayout.JAVA_LONG, i, integer(random, shape, Long.MAX_VALUE));
                case FLOAT32 -> segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) floating(random, shape));
                case FLOAT64 -> segment.setAtIndex(ValueLayout.JAVA_DOUBLE, i, floating(random, shape));
            }
        }
        return segment;
    }

    private static long integer(SplittableRandom random, Shape shape, long range) {
        return switch (shape) {
            case UNIFORM -> range == Long.MAX_VALUE ? random.nextLong() : random.nextInt();
            case FEW_DISTINCT -> random.nextLong(-5, 5) * 7919;
            case ZIPF -> zipf(random) * (random.nextBoolean() ? 1 : -1) * 97;
            case ALL_EQUAL -> -42;
        };
    }

    private static double floating(SplittableRandom random, Shape shape) {
        return switch (shape) {
            case UNIFORM -> switch (random.nextInt(200)) {
                case 0 -> Double.NaN;
                case 1 -> -0.0;
                case 2 -> 0.0;
                case 3 -> Double.POSITIVE_INFINITY;
                case 4 -> Double.NEGATIVE_INFINITY;
                default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 7));
            };
            case FEW_DISTINCT -> random.nextInt(-5, 5) * 0.25;
            case ZIPF -> zipf(random) * (random.nextBoolean() ? 1.5 : -1.5);
            case ALL_EQUAL -> -4.25;
        };
    }

    /** A Zipf-like draw over 1..2^20: small values far more often than large ones. */
    private static long zipf(SplittableRandom random) {
        return (long) Math.floor(Math.pow(1 << 20, random.nextDouble() * random.nextDouble())) + 1;
    }
}
