package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.BYTE;
import static dev.forge.primitives.cpu.Segments.DOUBLE;
import static dev.forge.primitives.cpu.Segments.FLOAT;
import static dev.forge.primitives.cpu.Segments.INT;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import java.lang.foreign.MemorySegment;
import java.util.function.DoublePredicate;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;

/**
 * Stable stream compaction: keeps the elements a predicate, a byte mask (non-zero keeps) or a bit mask (bit {@code i %
 * 8} of byte {@code i / 8}, least significant first, as in Arrow validity bitmaps) selects, and stable partition,
 * which writes the selected elements first and the rejected ones after them, both in input order.
 *
 * <p>Each runs in two parallel passes over morsels, counting then copying, so the output is written exactly once and
 * every method returns the number of selected elements.
 */
public final class CpuSelect {

    private final CpuWorkers workers;

    public CpuSelect(CpuWorkers workers) {
        this.workers = workers;
    }

    public long selectInt32(MemorySegment values, IntPredicate predicate, MemorySegment selected) {
        long n = Segments.count(values, ElementType.INT32, "values");
        return compact(values, 4, evaluate(n, i -> predicate.test(values.getAtIndex(INT, i))), selected, false);
    }

    public long selectInt64(MemorySegment values, LongPredicate predicate, MemorySegment selected) {
        long n = Segments.count(values, ElementType.INT64, "values");
        return compact(values, 8, evaluate(n, i -> predicate.test(values.getAtIndex(LONG, i))), selected, false);
    }

    /** Float32 values reach the predicate widened to double, which is exact. */
    public long selectFloat32(MemorySegment values, DoublePredicate predicate, MemorySegment selected) {
        long n = Segments.count(values, ElementType.FLOAT32, "values");
        return compact(values, 4, evaluate(n, i -> predicate.test(values.getAtIndex(FLOAT, i))), selected, false);
    }

    public long selectFloat64(MemorySegment values, DoublePredicate predicate, MemorySegment selected) {
        long n = Segments.count(values, ElementType.FLOAT64, "values");
        return compact(values, 8, evaluate(n, i -> predicate.test(values.getAtIndex(DOUBLE, i))), selected, false);
    }

    public long selectByByteMask(MemorySegment values, ElementType type, MemorySegment byteMask,
                                 MemorySegment selected) {
        return compact(values, type.byteSize(), byteMask(values, type, byteMask), selected, false);
    }

    public long selectByBitMask(MemorySegment values, ElementType type, MemorySegment bitMask,
                                MemorySegment selected) {
        return compact(values, type.byteSize(), bitMask(values, type, bitMask), selected, false);
    }

    /** Writes the elements that pass, then those that fail, to {@code partitioned}; returns how many passed. */
    public long partitionInt32(MemorySegment values, IntPredicate predicate, MemorySegment partitioned) {
        long n = Segments.count(values, ElementType.INT32, "values");
        return compact(values, 4, evaluate(n, i -> predicate.test(values.getAtIndex(INT, i))), partitioned, true);
    }

    public long partitionInt64(MemorySegment values, LongPredicate predicate, MemorySegment partitioned) {
        long n = Segments.count(values, ElementType.INT64, "values");
        return compact(values, 8, evaluate(n, i -> predicate.test(values.getAtIndex(LONG, i))), partitioned, true);
    }

    public long partitionFloat32(MemorySegment values, DoublePredicate predicate, MemorySegment partitioned) {
        long n = Segments.count(values, ElementType.FLOAT32, "values");
        return compact(values, 4, evaluate(n, i -> predicate.test(values.getAtIndex(FLOAT, i))), partitioned, true);
    }

    public long partitionFloat64(MemorySegment values, DoublePredicate predicate, MemorySegment partitioned) {
        long n = Segments.count(values, ElementType.FLOAT64, "values");
        return compact(values, 8, evaluate(n, i -> predicate.test(values.getAtIndex(DOUBLE, i))), partitioned, true);
    }

    /** Writes the selected elements, then the rejected ones, to {@code partitioned}; returns the selected count. */
    public long partitionByByteMask(MemorySegment values, ElementType type, MemorySegment byteMask,
                                    MemorySegment partitioned) {
        return compact(values, type.byteSize(), byteMask(values, type, byteMask), partitioned, true);
    }

    public long partitionByBitMask(MemorySegment values, ElementType type, MemorySegment bitMask,
                                   MemorySegment partitioned) {
        return compact(values, type.byteSize(), bitMask(values, type, bitMask), partitioned, true);
    }

    /** Which elements to keep; implementations are read by exactly the morsel that owns the index. */
    private interface Flags {
        long count();

        boolean isSet(long index);
    }

    private static Flags byteMask(MemorySegment values, ElementType type, MemorySegment mask) {
        long n = Segments.count(values, type, "values");
        Segments.requireSameCount(n, mask.byteSize(), "byteMask");
        return new Flags() {
            @Override
            public long count() {
                return n;
            }

            @Override
            public boolean isSet(long index) {
                return mask.get(BYTE, index) != 0;
            }
        };
    }

    private static Flags bitMask(MemorySegment values, ElementType type, MemorySegment mask) {
        long n = Segments.count(values, type, "values");
        if (mask.byteSize() < (n + 7) / 8) {
            throw new IllegalArgumentException("bitMask holds " + mask.byteSize() + " bytes but " + n
                    + " elements need " + (n + 7) / 8);
        }
        return new Flags() {
            @Override
            public long count() {
                return n;
            }

            @Override
            public boolean isSet(long index) {
                return (mask.get(BYTE, index >>> 3) & (1 << (index & 7))) != 0;
            }
        };
    }

    /** Evaluates a predicate once per element into a byte per element, so the copy pass does not call it again. */
    private Flags evaluate(long n, LongPredicate keep) {
        Morsels morsels = Morsels.of(n);
        byte[][] flags = new byte[morsels.count()][];
        workers.forEach(morsels.count(), m -> {
            long start = morsels.start(m);
            byte[] morselFlags = new byte[(int) (morsels.end(m) - start)];
            for (int i = 0; i < morselFlags.length; i++) {
                morselFlags[i] = keep.test(start + i) ? (byte) 1 : 0;
            }
            flags[m] = morselFlags;
        });
        long morselSize = morsels.morselSize();
        return new Flags() {
            @Override
            public long count() {
                return n;
            }

            @Override
            public boolean isSet(long index) {
                return flags[(int) (index / morselSize)][(int) (index % morselSize)] != 0;
            }
        };
    }

    private long compact(MemorySegment values, int width, Flags flags, MemorySegment output, boolean keepRejected) {
        long n = flags.count();
        Morsels morsels = Morsels.of(n);
        long[] selectedPerMorsel = new long[morsels.count()];
        workers.forEach(morsels.count(), m -> {
            long count = 0;
            for (long i = morsels.start(m); i < morsels.end(m); i++) {
                if (flags.isSet(i)) {
                    count++;
                }
            }
            selectedPerMorsel[m] = count;
        });
        long[] selectedOffsets = CpuScan.exclusivePrefix(selectedPerMorsel);
        long selectedTotal = morsels.count() == 0 ? 0
                : selectedOffsets[morsels.count() - 1] + selectedPerMorsel[morsels.count() - 1];
        Segments.requireCapacity(output, keepRejected ? n : selectedTotal, width, keepRejected ? "partitioned"
                : "selected");
        workers.forEach(morsels.count(), m -> {
            long nextSelected = selectedOffsets[m];
            // rejected elements before this morsel = elements before it - selected elements before it
            long nextRejected = selectedTotal + morsels.start(m) - selectedOffsets[m];
            for (long i = morsels.start(m); i < morsels.end(m); i++) {
                if (flags.isSet(i)) {
                    Segments.setRawBits(output, width, nextSelected++, Segments.rawBits(values, width, i));
                } else if (keepRejected) {
                    Segments.setRawBits(output, width, nextRejected++, Segments.rawBits(values, width, i));
                }
            }
        });
        return selectedTotal;
    }
}
