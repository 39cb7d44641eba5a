package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.gpu.KernelPlan.Fill;
import dev.forge.primitives.gpu.KernelPlan.Launch;
import dev.forge.primitives.gpu.KernelPlan.LongValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Unique and run-length encoding on the GPU (kernels in run_length.cu), with the semantics of {@code CpuRunLength}:
 * a run is a stretch of consecutive elements with equal bits (any 4- or 8-byte type; -0.0 and +0.0 differ, a NaN
 * repeats only with the same payload), unique keeps each run's first element, run-length encoding also writes each
 * run's length as an int64.
 *
 * <p>One pass over the input with decoupled look-back; the number of runs is written as an int64 to
 * {@code runCount} in device memory, and nothing is written past the runs, so the outputs only have to be as large as
 * the input. Each call queues one memset and one kernel; nothing waits on the host.
 */
public final class GpuRunLength {
    /** The tile counter gets its own 256 bytes ahead of the tile words. */
    private static final int COUNTER_BYTES = 256;
    private static final int TILE_WORD_BYTES = 16;

    private final Module module;
    private final SegmentPolicy policy;

    /** Loads the kernels and reads their tile geometry (the one synchronous step, here rather than in a call). */
    public GpuRunLength(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(
                KernelSource.fromResource(GpuRunLength.class, "/kernels/run_length.cu"));
        this.policy = SegmentPolicy.read(module, "run_length_read_policy");
    }

    public SegmentPolicy policy() {
        return policy;
    }

    /** Writes the first element of every run to {@code uniqueValues} and the number of runs to {@code runCount}. */
    public void unique(DeviceMemory values, ElementType type, DeviceMemory uniqueValues, DeviceMemory runCount,
            MemoryPool pool, Stream stream) {
        long count = elementCount(values, type);
        requireOutputs(values, uniqueValues, "uniqueValues", null, count, runCount);
        plan(count, type.byteSize(), false, policy).run(module, Map.of("values", values, "uniqueValues", uniqueValues,
                "runCount", runCount), pool, stream);
    }

    /**
     * Writes each run's element to {@code runValues}, its length (INT64) to {@code runLengths}, and the number of runs
     * to {@code runCount}.
     */
    public void runLengthEncode(DeviceMemory values, ElementType type, DeviceMemory runValues,
            DeviceMemory runLengths, DeviceMemory runCount, MemoryPool pool, Stream stream) {
        long count = elementCount(values, type);
        requireOutputs(values, runValues, "runValues", runLengths, count, runCount);
        plan(count, type.byteSize(), true, policy).run(module, Map.of("values", values, "runValues", runValues,
                "runLengths", runLengths, "runCount", runCount), pool, stream);
    }

    /** The steps of one call over {@code count} elements of {@code elementBytes} bytes. */
    static KernelPlan plan(long count, int elementBytes, boolean lengths, SegmentPolicy policy) {
        List<KernelPlan.Step> steps = new ArrayList<>();
        if (count == 0) {
            steps.add(new Fill("runCount", 0, 8, (byte) 0));
            return new KernelPlan(0, steps);
        }
        long tile = policy.tileSize(elementBytes);
        long tiles = (count + tile - 1) / tile;
        if (tiles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("run-length encoding " + count + " elements needs more tiles than one"
                    + " launch has");
        }
        long scratchBytes = COUNTER_BYTES + TILE_WORD_BYTES * tiles;
        steps.add(new Fill(KernelPlan.SCRATCH, 0, scratchBytes, (byte) 0)); // the tile counter and every tile's word
        int bits = 8 * elementBytes;
        if (lengths) {
            steps.add(new Launch("run_length_encode_keys" + bits, (int) tiles, policy.threads(), List.of(
                    KernelPlan.pointer("values"), new LongValue(count), KernelPlan.pointer("runValues"),
                    KernelPlan.pointer("runLengths"), KernelPlan.pointer("runCount"), KernelPlan.scratch(0),
                    KernelPlan.scratch(COUNTER_BYTES))));
        } else {
            steps.add(new Launch("unique_keys" + bits, (int) tiles, policy.threads(), List.of(
                    KernelPlan.pointer("values"), new LongValue(count), KernelPlan.pointer("uniqueValues"),
                    KernelPlan.pointer("runCount"), KernelPlan.scratch(0), KernelPlan.scratch(COUNTER_BYTES))));
        }
        return new KernelPlan(scratchBytes, steps);
    }

    private static long elementCount(DeviceMemory values, ElementType type) {
        if (values.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException("values hold " + values.byteSize() + " bytes, not a whole number of "
                    + type + " elements");
        }
        return values.byteSize() / type.byteSize();
    }

    private static void requireOutputs(DeviceMemory values, DeviceMemory runValues, String runValuesName,
            DeviceMemory runLengths, long count, DeviceMemory runCount) {
        if (runValues.byteSize() < values.byteSize()) {
            throw new IllegalArgumentException(runValuesName + " holds " + runValues.byteSize() + " bytes; it must hold"
                    + " as many as values (" + values.byteSize() + "), since every element may start a run");
        }
        if (runLengths != null && runLengths.byteSize() < 8 * count) {
            throw new IllegalArgumentException("runLengths holds " + runLengths.byteSize() + " bytes; " + count
                    + " elements may make as many runs, whose INT64 lengths need " + 8 * count);
        }
        if (runCount.byteSize() < Long.BYTES) {
            throw new IllegalArgumentException("runCount holds " + runCount.byteSize() + " bytes; the int64 count"
                    + " needs 8");
        }
    }
}
