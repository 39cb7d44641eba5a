package dev.forge.primitives.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded random inputs at sizes around the morsel and tile boundaries, and the workers every twin is run with. */
final class TestInputs {

    /** One thread, and more threads than the test machine has cores, so work really interleaves. */
    static final CpuWorkers ONE_THREAD = CpuWorkers.withThreads(1);
    static final CpuWorkers MANY_THREADS = CpuWorkers.withThreads(4);

    static final int LARGE = (1 << 20) + 7;

    private TestInputs() {
    }

    static IntStream sizes() {
        return IntStream.of(0, 1, 1023, 1024, 1025, LARGE);
    }

    /** The shapes a key column takes in practice; none is all zeros. */
    enum Shape {
        UNIFORM, FEW_DISTINCT, ZIPF, ALL_EQUAL
    }

    static int[] ints(long seed, int n, Shape shape) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (shape) {
                case UNIFORM -> random.nextInt();
                case FEW_DISTINCT -> random.nextInt(-50, 50) * 7919;
                case ZIPF -> zipf(random, 1 << 20) * (random.nextBoolean() ? 1 : -1);
                case ALL_EQUAL -> -42;
            };
        }
        return values;
    }

    static long[] longs(long seed, int n, Shape shape) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (shape) {
                case UNIFORM -> random.nextLong();
                case FEW_DISTINCT -> random.nextLong(-50, 50) * 1_000_000_007L;
                case ZIPF -> (long) zipf(random, 1 << 20) * (random.nextBoolean() ? 1 : -1) * 3_000_000_019L;
                case ALL_EQUAL -> -4_200_000_000_042L;
            };
        }
        return values;
    }

    /** Doubles with negatives, duplicates, both zeros, infinities and NaNs (some with a payload or the sign set). */
    static double[] doubles(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
            values[i] = switch (kind) {
                case 0 -> Double.NaN;
                case 1 -> Double.longBitsToDouble(0xFFF0_0000_0000_0123L); // negative NaN with a payload
                case 2 -> -0.0;
                case 3 -> 0.0;
                case 4 -> Double.POSITIVE_INFINITY;
                case 5 -> Double.NEGATIVE_INFINITY;
                default -> kind < 50 ? random.nextInt(-20, 20) * 0.25 : (random.nextDouble() - 0.5) * 1e6;
            };
        }
        return values;
    }

    /** Finite doubles of mixed magnitude and sign, for sums. */
    static double[] finiteDoubles(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(-3, 6));
        }
        return values;
    }

    static float[] floats(long seed, int n) {
        double[] doubles = doubles(seed, n);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) doubles[i];
        }
        values = values.clone();
        for (int i = 0; i < n; i += 97) {
            values[i] = Float.intBitsToFloat(0xFFC0_0042); // a float NaN with the sign and a payload
        }
        return values;
    }

    /** Ranks 1..n with probability about 1/rank (log-uniform), the skew of real-world keys. */
    static int zipf(SplittableRandom random, int n) {
        return (int) Math.min(n, Math.floor(Math.exp(random.nextDouble() * Math.log(n)))) ;
    }

    static MemorySegment segment(Arena arena, int[] values) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_INT, Math.max(values.length, 0));
        MemorySegment.copy(values, 0, segment, ValueLayout.JAVA_INT, 0, values.length);
        return segment;
    }

    static MemorySegment segment(Arena arena, long[] values) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_LONG, values.length);
        MemorySegment.copy(values, 0, segment, ValueLayout.JAVA_LONG, 0, values.length);
        return segment;
    }

    static MemorySegment segment(Arena arena, float[] values) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, values.length);
        MemorySegment.copy(values, 0, segment, ValueLayout.JAVA_FLOAT, 0, values.length);
        return segment;
    }

    static MemorySegment segment(Arena arena, double[] values) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_DOUBLE, values.length);
        MemorySegment.copy(values, 0, segment, ValueLayout.JAVA_DOUBLE, 0, values.length);
        return segment;
    }

    static int[] intArray(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_INT);
    }

    static long[] longArray(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_LONG);
    }

    static float[] floatArray(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_FLOAT);
    }

    static double[] doubleArray(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_DOUBLE);
    }
}
