package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.INT;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import java.lang.foreign.MemorySegment;

/**
 * Gather ({@code output[i] = values[indices[i]]}) and scatter ({@code output[indices[i]] = values[i]}) with INT32 or
 * INT64 indices, checked against the bounds of the segment they address.
 *
 * <p>Scatter indices must be distinct (a permutation or part of one): with a repeated index, which value lands there
 * depends on thread timing.
 */
public final class CpuGather {

    private final CpuWorkers workers;

    public CpuGather(CpuWorkers workers) {
        this.workers = workers;
    }

    public void gather(MemorySegment values, ElementType type, MemorySegment indices, ElementType indexType,
                       MemorySegment output) {
        long valueCount = Segments.count(values, type, "values");
        long n = indexCount(indices, indexType);
        Segments.requireCapacity(output, n, type.byteSize(), "output");
        int width = type.byteSize();
        Morsels morsels = Morsels.of(n);
        workers.forEach(morsels.count(), m -> {
            for (long i = morsels.start(m); i < morsels.end(m); i++) {
                long source = index(indices, indexType, i);
                if (source < 0 || source >= valueCount) {
                    throw outOfBounds(i, source, "values", valueCount);
                }
                Segments.setRawBits(output, width, i, Segments.rawBits(values, width, source));
            }
        });
    }

    public void scatter(MemorySegment values, ElementType type, MemorySegment indices, ElementType indexType,
                        MemorySegment output) {
        long n = Segments.count(values, type, "values");
        Segments.requireSameCount(n, indexCount(indices, indexType), "indices");
        long outputCount = output.byteSize() / type.byteSize();
        int width = type.byteSize();
        Morsels morsels = Morsels.of(n);
        workers.forEach(morsels.count(), m -> {
            for (long i = morsels.start(m); i < morsels.end(m); i++) {
                long target = index(indices, indexType, i);
                if (target < 0 || target >= outputCount) {
                    throw outOfBounds(i, target, "output", outputCount);
                }
                Segments.setRawBits(output, width, target, Segments.rawBits(values, width, i));
            }
        });
    }

    private static long indexCount(MemorySegment indices, ElementType indexType) {
        return switch (indexType) {
            case INT32, INT64 -> Segments.count(indices, indexType, "indices");
            case UINT32, UINT64, FLOAT32, FLOAT64 ->
                    throw new IllegalArgumentException("indexType must be INT32 or INT64, got " + indexType);
        };
    }

    private static long index(MemorySegment indices, ElementType indexType, long i) {
        return indexType == ElementType.INT32 ? indices.getAtIndex(INT, i) : indices.getAtIndex(LONG, i);
    }

    private static IndexOutOfBoundsException outOfBounds(long position, long index, String target, long count) {
        return new IndexOutOfBoundsException("indices[" + position + "] = " + index + " is outside " + target
                + " [0, " + count + ")");
    }
}
