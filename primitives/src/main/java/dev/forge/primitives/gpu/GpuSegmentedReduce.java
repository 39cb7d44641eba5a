package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.SegmentedSumOrder;
import dev.forge.primitives.gpu.KernelPlan.Fill;
import dev.forge.primitives.gpu.KernelPlan.Launch;
import dev.forge.primitives.gpu.KernelPlan.LongValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Segmented reduce and reduce-by-key on the GPU (kernels in segmented_reduce.cu), with the semantics of
 * {@code CpuSegmentedReduce}: SUM, MIN or MAX over INT32, INT64, FLOAT32 or FLOAT64 values, each result of the
 * values' type; integer sums wrap, MIN and MAX follow the {@code TotalOrder}, an empty segment gets the operator's
 * identity, and floating sums add in the order {@link #sumOrder()} gives, so they equal the CPU twin's (built with
 * the same order, {@link SegmentedSumOrder#GPU} by default) bit for bit.
 *
 * <p>Both are one pass over the values with decoupled look-back, as fast for 16-value segments as for one huge one.
 * Where the CPU twin throws on offsets that decrease or leave [0, count], the GPU cannot, since the call only queues
 * work: it never reads or writes out of bounds, and writes the smallest index {@code i} such that {@code offsets[i]}
 * is at fault (negative, below {@code offsets[i - 1]}, or past the values) to the int64
 * {@code firstInvalidOffset} in device memory, or -1 when the offsets are valid; results are then meaningless.
 * Reduce-by-key writes the number of runs as an int64 to {@code runCount} in device memory and nothing past the runs.
 * Each call queues one or two memsets and one or two kernels; nothing waits on the host.
 */
public final class GpuSegmentedReduce {
    private static final int COUNTER_BYTES = 256;
    private static final int TILE_WORD_BYTES = 16;
    private static final int WINDOW_THREADS = 256;

    private final Module module;
    private final SegmentPolicy policy;

    /** Loads the kernels and reads their tile geometry (the one synchronous step, here rather than in a call). */
    public GpuSegmentedReduce(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(
                KernelSource.fromResource(GpuSegmentedReduce.class, "/kernels/segmented_reduce.cu"));
        this.policy = SegmentPolicy.read(module, "segmented_reduce_read_policy");
    }

    public SegmentPolicy policy() {
        return policy;
    }

    /** The order in which these kernels add floating-point values; a CPU twin built with it agrees bit for bit. */
    public SegmentedSumOrder sumOrder() {
        return policy.sumOrder();
    }

    /**
     * Reduces {@code values[offsets[s] .. offsets[s + 1])} into {@code results[s]} for every segment {@code s}; the
     * INT64 {@code offsets} hold one more entry than there are segments.
     */
    public void segmentedReduce(DeviceMemory values, ElementType valueType, DeviceMemory offsets,
            ReduceOperator operator, DeviceMemory results, DeviceMemory firstInvalidOffset, MemoryPool pool,
            Stream stream) {
        long count = elementCount(values, requireValueType(valueType), "values");
        long offsetCount = elementCount(offsets, ElementType.INT64, "offsets");
        if (offsetCount == 0) {
            throw new IllegalArgumentException("offsets must hold at least one entry (segment count + 1), got none");
        }
        long segmentCount = offsetCount - 1;
        requireBytes(results, segmentCount * valueType.byteSize(), "results", segmentCount + " " + valueType
                + " results");
        requireBytes(firstInvalidOffset, Long.BYTES, "firstInvalidOffset", "the int64 position");
        segmentedPlan(count, valueType, segmentCount, operator, policy).run(module, Map.of("values", values,
                "offsets", offsets, "results", results, "firstInvalidOffset", firstInvalidOffset), pool, stream);
    }

    /**
     * Writes one key per run of equal consecutive keys (bitwise equality, any 4- or 8-byte key type) to
     * {@code uniqueKeys}, the reduction of the run's values to {@code results}, and the number of runs to
     * {@code runCount}; the outputs must hold as many elements as the input, since every key may start a run.
     */
    public void reduceByKey(DeviceMemory keys, ElementType keyType, DeviceMemory values, ElementType valueType,
            ReduceOperator operator, DeviceMemory uniqueKeys, DeviceMemory results, DeviceMemory runCount,
            MemoryPool pool, Stream stream) {
        long count = elementCount(keys, keyType, "keys");
        long valueCount = elementCount(values, requireValueType(valueType), "values");
        if (valueCount != count) {
            throw new IllegalArgumentException("values has " + valueCount + " elements but keys has " + count
                    + "; reduce-by-key needs one value per key");
        }
        requireBytes(uniqueKeys, keys.byteSize(), "uniqueKeys", "as many keys as the input");
        requireBytes(results, values.byteSize(), "results", "as many values as the input");
        requireBytes(runCount, Long.BYTES, "runCount", "the int64 count");
        byKeyPlan(count, keyType, valueType, operator, policy).run(module, Map.of("keys", keys, "values", values,
                "uniqueKeys", uniqueKeys, "results", results, "runCount", runCount), pool, stream);
    }

    static KernelPlan segmentedPlan(long count, ElementType valueType, long segmentCount, ReduceOperator operator,
            SegmentPolicy policy) {
        List<KernelPlan.Step> steps = new ArrayList<>();
        steps.add(new Fill("firstInvalidOffset", 0, Long.BYTES, (byte) -1));
        if (segmentCount == 0) {
            return new KernelPlan(0, steps);
        }
        long tile = policy.tileSize(valueType);
        long tiles = Math.max(1, (count + tile - 1) / tile);
        if (tiles >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a segmented reduce of " + count + " values needs more tiles than one"
                    + " launch has");
        }
        long windows = align(COUNTER_BYTES + TILE_WORD_BYTES * tiles);
        long scratchBytes = windows + 8 * (tiles + 1);
        steps.add(new Fill(KernelPlan.SCRATCH, 0, windows, (byte) 0)); // the tile counter and every tile's word
        steps.add(new Launch("segmented_reduce_tile_windows", (int) ((tiles + WINDOW_THREADS) / WINDOW_THREADS),
                WINDOW_THREADS, List.of(KernelPlan.pointer("offsets"), new LongValue(segmentCount),
                new LongValue(tile), new LongValue(tiles), KernelPlan.scratch(windows))));
        steps.add(new Launch("segmented_reduce_" + name(operator) + "_" + name(valueType), (int) tiles,
                policy.threads(), List.of(KernelPlan.pointer("values"), new LongValue(count),
                KernelPlan.pointer("offsets"), new LongValue(segmentCount), KernelPlan.scratch(windows),
                KernelPlan.pointer("results"), KernelPlan.pointer("firstInvalidOffset"), KernelPlan.scratch(0),
                KernelPlan.scratch(COUNTER_BYTES))));
        return new KernelPlan(scratchBytes, steps);
    }

    static KernelPlan byKeyPlan(long count, ElementType keyType, ElementType valueType, ReduceOperator operator,
            SegmentPolicy policy) {
        List<KernelPlan.Step> steps = new ArrayList<>();
        if (count == 0) {
            steps.add(new Fill("runCount", 0, Long.BYTES, (byte) 0));
            return new KernelPlan(0, steps);
        }
        long tile = policy.tileSize(valueType); // the values' width fixes the tiles, and so the sum order
        long tiles = (count + tile - 1) / tile;
        if (tiles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a reduce-by-key of " + count + " keys needs more tiles than one"
                    + " launch has");
        }
        long scratchBytes = COUNTER_BYTES + TILE_WORD_BYTES * tiles;
        steps.add(new Fill(KernelPlan.SCRATCH, 0, scratchBytes, (byte) 0));
        steps.add(new Launch("reduce_by_key_" + name(operator) + "_" + name(valueType) + "_keys"
                + 8 * keyType.byteSize(), (int) tiles, policy.threads(), List.of(KernelPlan.pointer("keys"),
                KernelPlan.pointer("values"), new LongValue(count), KernelPlan.pointer("uniqueKeys"),
                KernelPlan.pointer("results"), KernelPlan.pointer("runCount"), KernelPlan.scratch(0),
                KernelPlan.scratch(COUNTER_BYTES))));
        return new KernelPlan(scratchBytes, steps);
    }

    private static ElementType requireValueType(ElementType valueType) {
        return switch (valueType) {
            case INT32, INT64, FLOAT32, FLOAT64 -> valueType;
            case UINT32, UINT64 -> throw new IllegalArgumentException(
                    "valueType must be INT32, INT64, FLOAT32 or FLOAT64, got " + valueType);
        };
    }

    private static long elementCount(DeviceMemory memory, ElementType type, String name) {
        if (memory.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException(name + " holds " + memory.byteSize() + " bytes, not a whole number of "
                    + type + " elements");
        }
        return memory.byteSize() / type.byteSize();
    }

    private static void requireBytes(DeviceMemory memory, long bytes, String name, String what) {
        if (memory.byteSize() < bytes) {
            throw new IllegalArgumentException(name + " holds " + memory.byteSize() + " bytes; " + what + " need "
                    + bytes);
        }
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static long align(long bytes) {
        return (bytes + 255) / 256 * 256;
    }
}
