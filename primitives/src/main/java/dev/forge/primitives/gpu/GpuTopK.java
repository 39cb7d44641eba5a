package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.gpu.KernelPlan.Fill;
import dev.forge.primitives.gpu.KernelPlan.IntValue;
import dev.forge.primitives.gpu.KernelPlan.Launch;
import dev.forge.primitives.gpu.KernelPlan.LongValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Top-k on the GPU (kernels in top_k.cu), with the semantics of {@code CpuTopK}: the {@code min(k, n)} smallest
 * ({@link SortOrder#ASCENDING}) or largest elements under the {@code TotalOrder}, k up to {@link #MAX_K}, written
 * best first with their INT64 indices; among equal values the smaller index comes first and wins a place at the
 * cut-off; the values are the elements' own bits (a NaN keeps its payload).
 *
 * <p>A radix select over each element's order key and index (see top_k.cu): typically one histogram pass and one
 * filtering pass over the input, then a few launches over at most a few thousand candidates; inputs whose leading
 * bits are mostly alike take an extra pass per 11 bits that leave more candidates than the buffers hold
 * ({@link #candidateCapacity}). Every launch is queued up front (levels that are not needed return at once), so
 * nothing waits on the host; temporary memory is one pool allocation.
 */
public final class GpuTopK {
    public static final int MAX_K = 4096;

    private static final int THREADS = 256;
    private static final int DIGIT_BITS = 11;
    private static final int BINS = 1 << DIGIT_BITS;
    private static final int ROUND = THREADS * 4;
    private static final int STATE_BYTES = 256;
    private static final int CANDIDATE_BYTES = 16;
    /** Candidates left when the levels stop and the rest is ranked pairwise. */
    static final int FINAL_CAPACITY = 2048;
    private static final long MAX_CANDIDATE_CAPACITY = 1L << 22;

    private final Module module;
    /** Blocks of the histogram and filter launches: as many as are resident at once, so no second wave trails. */
    private final int passBlocks;

    public GpuTopK(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(KernelSource.fromResource(GpuTopK.class, "/kernels/top_k.cu"));
        int perMultiprocessor = Integer.MAX_VALUE;
        for (String kernel : new String[] {"top_k_histogram_keys32", "top_k_histogram_keys64", "top_k_filter_keys32",
                "top_k_filter_keys64"}) {
            perMultiprocessor = Math.min(perMultiprocessor,
                    module.kernel(kernel).maxActiveBlocksPerMultiprocessor(THREADS, 0));
        }
        this.passBlocks = device.info().multiprocessors() * Math.max(1, perMultiprocessor);
    }

    /** How many elements a buffer of candidates holds for an input of {@code count}: 16 bytes each, two buffers. */
    public static long candidateCapacity(long count) {
        return Math.min(count, MAX_CANDIDATE_CAPACITY);
    }

    /**
     * Writes the top {@code min(k, n)} values to {@code topValues} (same type as {@code values}) and their indices to
     * {@code topIndices} (INT64); returns how many it writes.
     */
    public int topK(DeviceMemory values, ElementType type, int k, SortOrder order, DeviceMemory topValues,
            DeviceMemory topIndices, MemoryPool pool, Stream stream) {
        if (k < 0 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 0 and " + MAX_K + ", got " + k);
        }
        if (values.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException("values hold " + values.byteSize() + " bytes, not a whole number of "
                    + type + " elements");
        }
        long count = values.byteSize() / type.byteSize();
        int outCount = (int) Math.min(k, count);
        if (topValues.byteSize() < (long) outCount * type.byteSize()) {
            throw new IllegalArgumentException("topValues holds " + topValues.byteSize() + " bytes; " + outCount + " "
                    + type + " values take " + (long) outCount * type.byteSize());
        }
        if (topIndices.byteSize() < 8L * outCount) {
            throw new IllegalArgumentException("topIndices holds " + topIndices.byteSize() + " bytes; " + outCount
                    + " INT64 indices take " + 8L * outCount);
        }
        plan(count, type, k, order, passBlocks).run(module, Map.of("values", values, "topValues", topValues,
                "topIndices", topIndices), pool, stream);
        return outCount;
    }

    /** The steps of one call, whose passes over the input take at most {@code passBlocks} blocks. */
    static KernelPlan plan(long count, ElementType type, int k, SortOrder order, int passBlocks) {
        return plan(count, type, k, order, passBlocks, candidateCapacity(count));
    }

    /** The plan with buffers of {@code capacity} candidates (the emulation test makes them small). */
    static KernelPlan plan(long count, ElementType type, int k, SortOrder order, int passBlocks, long capacity) {
        long outCount = Math.min(k, count);
        if (outCount == 0) {
            return new KernelPlan(0, List.of());
        }
        int keyBits = 8 * type.byteSize();
        int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(count - 1));
        int compositeBits = keyBits + indexBits;
        int levels = (compositeBits + DIGIT_BITS - 1) / DIGIT_BITS;
        long finalCapacity = Math.min(FINAL_CAPACITY, capacity);
        long ranked = outCount + finalCapacity; // winners (< outCount) and the last candidates

        long histograms = STATE_BYTES;
        long ranks = histograms + align(8L * BINS * levels);
        long winners = ranks + align(4 * ranked);
        long buffer0 = winners + align(CANDIDATE_BYTES * outCount);
        long buffer1 = buffer0 + align(CANDIDATE_BYTES * capacity);
        long scratchBytes = buffer1 + align(CANDIDATE_BYTES * capacity);

        int kind = switch (type) {
            case UINT32, UINT64 -> 0;
            case INT32, INT64 -> 1;
            case FLOAT32, FLOAT64 -> 2;
        };
        int descending = order == SortOrder.DESCENDING ? 1 : 0;
        int grid = (int) Math.max(1, Math.min((count + ROUND - 1) / ROUND, passBlocks));
        int rankBlocks = (int) ((ranked + THREADS - 1) / THREADS);

        List<KernelPlan.Step> steps = new ArrayList<>();
        steps.add(new Fill(KernelPlan.SCRATCH, 0, winners, (byte) 0)); // state, histograms and ranks
        steps.add(new Launch("top_k_histogram_keys" + keyBits, grid, THREADS, List.of(KernelPlan.pointer("values"),
                new LongValue(count), new IntValue(kind), new IntValue(descending), new IntValue(compositeBits),
                new IntValue(indexBits), new IntValue(levels), new LongValue(outCount), new LongValue(capacity),
                new LongValue(finalCapacity), KernelPlan.scratch(histograms), KernelPlan.scratch(0))));
        for (int level = 0; level < levels; level++) {
            steps.add(new Launch("top_k_filter_keys" + keyBits, grid, THREADS, List.of(KernelPlan.pointer("values"),
                    new LongValue(count), new IntValue(kind), new IntValue(descending), new IntValue(compositeBits),
                    new IntValue(indexBits), new IntValue(level), new IntValue(levels), new LongValue(capacity),
                    new LongValue(finalCapacity), KernelPlan.scratch(histograms), KernelPlan.scratch(0),
                    KernelPlan.scratch(winners), KernelPlan.scratch(buffer0), KernelPlan.scratch(buffer1))));
        }
        steps.add(new Launch("top_k_rank", rankBlocks * rankBlocks, THREADS, List.of(KernelPlan.scratch(0),
                KernelPlan.scratch(winners), KernelPlan.scratch(buffer0), KernelPlan.scratch(buffer1),
                KernelPlan.scratch(ranks), new IntValue(rankBlocks))));
        steps.add(new Launch("top_k_write_keys" + keyBits, rankBlocks, THREADS, List.of(KernelPlan.pointer("values"),
                KernelPlan.scratch(0), KernelPlan.scratch(winners), KernelPlan.scratch(buffer0),
                KernelPlan.scratch(buffer1), KernelPlan.scratch(ranks), new LongValue(outCount),
                KernelPlan.pointer("topValues"), KernelPlan.pointer("topIndices"))));
        return new KernelPlan(scratchBytes, steps);
    }

    private static long align(long bytes) {
        return (bytes + 255) / 256 * 256;
    }
}
