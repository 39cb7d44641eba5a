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

    /** Keeps element {@code index} or not; read once per element, in pass one. */
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

    private static Flags evaluate(long n, LongPredicate keep) {
        return new Flags() {
            @Override
            public long count() {
                return n;
            }

            @Override
            public boolean isSet(long index) {
                return keep.test(index);
            }
        };
    }

    /**
     * Pass one turns the flags into one 0/1 byte per element and counts them per morsel; pass two compacts each
     * morsel without branches (every element is written, the cursor advances by its flag) into a morsel-sized
     * buffer, then copies the buffer to its place in the output.
     */
    private long compact(MemorySegment values, int width, Flags flags, MemorySegment output, boolean keepRejected) {
        long n = flags.count();
        Morsels morsels = Morsels.of(n);
        byte[][] keep = new byte[morsels.count()][];
        long[] selectedPerMorsel = new long[morsels.count()];
        workers.forEach(morsels.count(), m -> {
            long start = morsels.start(m);
            byte[] morselFlags = new byte[(int) (morsels.end(m) - start)];
            int count = 0;
            for (int j = 0; j < morselFlags.length; j++) {
                byte flag = flags.isSet(start + j) ? (byte) 1 : 0;
                morselFlags[j] = flag;
                count += flag;
            }
            keep[m] = morselFlags;
            selectedPerMorsel[m] = count;
        });
        long[] selectedOffsets = CpuScan.exclusivePrefix(selectedPerMorsel);
        long selectedTotal = morsels.count() == 0 ? 0
                : selectedOffsets[morsels.count() - 1] + selectedPerMorsel[morsels.count() - 1];
        Segments.requireCapacity(output, keepRejected ? n : selectedTotal, width,
                keepRejected ? "partitioned" : "selected");
        workers.forEach(morsels.count(), m -> {
            long start = morsels.start(m);
            byte[] morselFlags = keep[m];
            int length = morselFlags.length;
            int selected = (int) selectedPerMorsel[m];
            // rejected elements before this morsel = elements before it - selected elements before it
            long rejectedOffset = selectedTotal + start - selectedOffsets[m];
            if (width == 4) {
                int[] buffer = new int[length + 1];
                int[] rejected = keepRejected ? new int[length + 1] : null;
                int next = 0;
                int nextRejected = 0;
                for (int j = 0; j < length; j++) {
                    int value = values.getAtIndex(INT, start + j);
                    int flag = morselFlags[j];
                    buffer[next] = value;
                    next += flag;
                    if (rejected != null) {
                        rejected[nextRejected] = value;
                        nextRejected += 1 - flag;
                    }
                }
                MemorySegment.copy(buffer, 0, output, INT, 4 * selectedOffsets[m], selected);
                if (rejected != null) {
                    MemorySegment.copy(rejected, 0, output, INT, 4 * rejectedOffset, length - selected);
                }
            } else {
                long[] buffer = new long[length + 1];
                long[] rejected = keepRejected ? new long[length + 1] : null;
                int next = 0;
                int nextRejected = 0;
                for (int j = 0; j < length; j++) {
                    long value = values.getAtIndex(LONG, start + j);
                    int flag = morselFlags[j];
                    buffer[next] = value;
                    next += flag;
                    if (rejected != null) {
                        rejected[nextRejected] = value;
                        nextRejected += 1 - flag;
                    }
                }
                MemorySegment.copy(buffer, 0, output, LONG, 8 * selectedOffsets[m], selected);
                if (rejected != null) {
                    MemorySegment.copy(rejected, 0, output, LONG, 8 * rejectedOffset, length - selected);
                }
            }
        });
        return selectedTotal;
    }
}
