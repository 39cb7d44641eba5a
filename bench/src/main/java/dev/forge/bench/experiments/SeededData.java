package dev.forge.bench.experiments;

import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongPredicate;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongToIntFunction;
import java.util.function.LongUnaryOperator;

/**
 * Deterministic data, generated in parallel: element {@code i} of a stream with seed {@code s} is a function of
 * {@code (s, i)} alone (SplitMix64's finalizer over {@code s + i * golden ratio}), so the data never depends on the
 * thread count and the CUB harness (cub_experiments.cu) generates exactly the same values from the same formulas.
 * The finalizer is a bijection of 64-bit words, so {@code bits(s, i)} for distinct {@code i} are distinct: unique keys.
 */
public final class SeededData {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int CHUNK = 1 << 16;

    private SeededData() {
    }

    public static long bits(long seed, long index) {
        long z = seed + index * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [lower, upper): the bits modulo the range (as unsigned numbers). */
    public static long between(long seed, long index, long lower, long upper) {
        return lower + Long.remainderUnsigned(bits(seed, index), upper - lower);
    }

    /** True with probability {@code percent}%: the top 32 bits below percent * 2^32 / 100. */
    public static boolean chance(long seed, long index, int percent) {
        return (bits(seed, index) >>> 32) < percent * (1L << 32) / 100;
    }

    /** A double in [0, 1) from the top 53 bits. */
    public static double unit(long seed, long index) {
        return (bits(seed, index) >>> 11) * 0x1.0p-53;
    }

    public static void fillInt32(CpuWorkers workers, MemorySegment target, LongToIntFunction value) {
        long count = target.byteSize() / 4;
        inChunks(workers, count, (from, to) -> {
            for (long i = from; i < to; i++) {
                target.setAtIndex(ValueLayout.JAVA_INT, i, value.applyAsInt(i));
            }
        });
    }

    public static void fillInt64(CpuWorkers workers, MemorySegment target, LongUnaryOperator value) {
        long count = target.byteSize() / 8;
        inChunks(workers, count, (from, to) -> {
            for (long i = from; i < to; i++) {
                target.setAtIndex(ValueLayout.JAVA_LONG, i, value.applyAsLong(i));
            }
        });
    }

    /** Fills 16-bit elements (the bits of FP16 or BF16 values) with {@code value}'s low 16 bits. */
    public static void fillInt16(CpuWorkers workers, MemorySegment target, LongToIntFunction value) {
        long count = target.byteSize() / 2;
        inChunks(workers, count, (from, to) -> {
            for (long i = from; i < to; i++) {
                target.setAtIndex(ValueLayout.JAVA_SHORT, i, (short) value.applyAsInt(i));
            }
        });
    }

    /** Fills float32 elements with {@code value} narrowed to float. */
    public static void fillFloat32(CpuWorkers workers, MemorySegment target, LongToDoubleFunction value) {
        long count = target.byteSize() / 4;
        inChunks(workers, count, (from, to) -> {
            for (long i = from; i < to; i++) {
                target.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) value.applyAsDouble(i));
            }
        });
    }

    public static void fillFloat64(CpuWorkers workers, MemorySegment target, LongToDoubleFunction value) {
        long count = target.byteSize() / 8;
        inChunks(workers, count, (from, to) -> {
            for (long i = from; i < to; i++) {
                target.setAtIndex(ValueLayout.JAVA_DOUBLE, i, value.applyAsDouble(i));
            }
        });
    }

    /** One byte per element: 1 where {@code keep} holds, else 0. */
    public static void fillFlags(CpuWorkers workers, MemorySegment target, LongPredicate keep) {
        inChunks(workers, target.byteSize(), (from, to) -> {
            for (long i = from; i < to; i++) {
                target.set(ValueLayout.JAVA_BYTE, i, keep.test(i) ? (byte) 1 : 0);
            }
        });
    }

    /**
     * The wrapping sum of the elements' raw bits, each zero-extended to 64 bits ({@code elementBytes} 1, 4 or 8), the
     * checksum the CUB harness prints for its inputs.
     */
    public static long checksum(CpuWorkers workers, MemorySegment values, int elementBytes) {
        long count = values.byteSize() / elementBytes;
        int chunks = chunkCount(count);
        AtomicLongArray partial = new AtomicLongArray(Math.max(1, chunks));
        workers.forEach(chunks, chunk -> {
            long from = (long) chunk * CHUNK;
            long to = Math.min(count, from + CHUNK);
            long sum = 0;
            for (long i = from; i < to; i++) {
                sum += switch (elementBytes) {
                    case 1 -> values.get(ValueLayout.JAVA_BYTE, i) & 0xFFL;
                    case 4 -> values.getAtIndex(ValueLayout.JAVA_INT, i) & 0xFFFF_FFFFL;
                    case 8 -> values.getAtIndex(ValueLayout.JAVA_LONG, i);
                    default -> throw new IllegalArgumentException("elements of 1, 4 or 8 bytes, not " + elementBytes);
                };
            }
            partial.set(chunk, sum);
        });
        long total = 0;
        for (int i = 0; i < partial.length(); i++) {
            total += partial.get(i);
        }
        return total;
    }

    private interface ChunkFill {
        void fill(long from, long to);
    }

    private static void inChunks(CpuWorkers workers, long count, ChunkFill fill) {
        workers.forEach(chunkCount(count), chunk -> {
            long from = (long) chunk * CHUNK;
            fill.fill(from, Math.min(count, from + CHUNK));
        });
    }

    private static int chunkCount(long count) {
        return Math.toIntExact((count + CHUNK - 1) / CHUNK);
    }
}
