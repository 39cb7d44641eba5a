package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.gpu.GpuRadixSortPlan.Role;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;

/**
 * Stable least-significant-digit radix sort on the GPU (kernels in radix_sort.cu, Onesweep style: one histogram
 * pass, then one pass per 8-bit digit with decoupled look-back), with the semantics of {@code CpuRadixSort}: every
 * {@link ElementType} as keys through the {@code TotalOrder} (-0.0 before +0.0, NaN after +Infinity and written
 * back canonical), ascending or descending, keys only, key-value pairs with 4- or 8-byte values, and argsort.
 * Each call can be limited to the key bits that vary ({@link GpuRadixSortBits}), which saves a pass per 8 bits.
 *
 * <p>A call queues one memset and at most 1 + 9 kernels on the stream and waits for none of them; its temporary
 * memory ({@link #temporaryBytes}, sized before anything runs) is one allocation from the pool, freed in stream
 * order. The outputs may be the inputs; otherwise they must not overlap them.
 */
public final class GpuRadixSort {
    private final Module module;
    private final GpuRadixSortPolicy policy;
    private final int multiprocessors;

    /** Loads the kernels and reads their tuning policy (the one synchronous step, here rather than in a sort). */
    public GpuRadixSort(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(
                KernelSource.fromResource(GpuRadixSort.class, "/kernels/radix_sort.cu"));
        this.multiprocessors = device.info().multiprocessors();
        try (DeviceBuffer words = device.allocate(4L * GpuRadixSortPolicy.WORDS); Stream stream = device.createStream()) {
            module.kernel("radix_sort_read_policy").launcher().grid(1).block(32).stream(stream).arg(words).launch();
            stream.synchronize();
            int[] policyWords = new int[GpuRadixSortPolicy.WORDS];
            words.copyTo(MemorySegment.ofArray(policyWords));
            this.policy = GpuRadixSortPolicy.fromWords(policyWords);
        }
    }

    public GpuRadixSortPolicy policy() {
        return policy;
    }

    /** The temporary memory a sort of {@code count} keys takes from the pool ({@code valueBytes} 0 for keys only). */
    public long temporaryBytes(long count, ElementType keyType, int valueBytes, GpuRadixSortBits bits, boolean inPlace) {
        return plan(count, keyType, valueBytes, false, SortOrder.ASCENDING, bits, inPlace).scratchBytes();
    }

    public void sortKeys(DeviceMemory keys, ElementType keyType, SortOrder order, DeviceMemory sortedKeys,
            MemoryPool pool, Stream stream) {
        sortKeys(keys, keyType, order, GpuRadixSortBits.allOf(keyType), sortedKeys, pool, stream);
    }

    /** Writes {@code keys} in sorted order to {@code sortedKeys} (which may be {@code keys}). */
    public void sortKeys(DeviceMemory keys, ElementType keyType, SortOrder order, GpuRadixSortBits bits,
            DeviceMemory sortedKeys, MemoryPool pool, Stream stream) {
        long count = keyCount(keys, keyType);
        requireOutput(sortedKeys, keys, count * keyType.byteSize(), "sortedKeys", "keys");
        boolean inPlace = sortedKeys.address() == keys.address();
        Map<Role, DeviceMemory> memory = new EnumMap<>(Role.class);
        memory.put(Role.KEYS, keys);
        memory.put(Role.SORTED_KEYS, sortedKeys);
        run(plan(count, keyType, 0, false, order, bits, inPlace), memory, pool, stream);
    }

    public void sortPairs(DeviceMemory keys, ElementType keyType, DeviceMemory values, ElementType valueType,
            SortOrder order, DeviceMemory sortedKeys, DeviceMemory sortedValues, MemoryPool pool, Stream stream) {
        sortPairs(keys, keyType, values, valueType, order, GpuRadixSortBits.allOf(keyType), sortedKeys, sortedValues,
                pool, stream);
    }

    /**
     * Sorts {@code keys} and moves each value with its key; a value is any 4- or 8-byte payload ({@code valueType}
     * gives only its width). The outputs may be the inputs.
     */
    public void sortPairs(DeviceMemory keys, ElementType keyType, DeviceMemory values, ElementType valueType,
            SortOrder order, GpuRadixSortBits bits, DeviceMemory sortedKeys, DeviceMemory sortedValues,
            MemoryPool pool, Stream stream) {
        long count = keyCount(keys, keyType);
        if (values.byteSize() != count * valueType.byteSize()) {
            throw new IllegalArgumentException("values holds " + values.byteSize() + " bytes, but " + count + " keys need "
                    + count * valueType.byteSize() + " bytes of " + valueType + " values");
        }
        requireOutput(sortedKeys, keys, count * keyType.byteSize(), "sortedKeys", "keys");
        requireOutput(sortedValues, values, count * valueType.byteSize(), "sortedValues", "values");
        boolean inPlace = sortedKeys.address() == keys.address() || sortedValues.address() == values.address();
        Map<Role, DeviceMemory> memory = new EnumMap<>(Role.class);
        memory.put(Role.KEYS, keys);
        memory.put(Role.VALUES, values);
        memory.put(Role.SORTED_KEYS, sortedKeys);
        memory.put(Role.SORTED_VALUES, sortedValues);
        run(plan(count, keyType, valueType.byteSize(), false, order, bits, inPlace), memory, pool, stream);
    }

    public void argsort(DeviceMemory keys, ElementType keyType, SortOrder order, DeviceMemory indices,
            ElementType indexType, MemoryPool pool, Stream stream) {
        argsort(keys, keyType, order, GpuRadixSortBits.allOf(keyType), indices, indexType, pool, stream);
    }

    /**
     * Writes the permutation that sorts {@code keys} stably to {@code indices}, as INT32 or INT64 input positions;
     * the keys are left as they are.
     */
    public void argsort(DeviceMemory keys, ElementType keyType, SortOrder order, GpuRadixSortBits bits,
            DeviceMemory indices, ElementType indexType, MemoryPool pool, Stream stream) {
        long count = keyCount(keys, keyType);
        if (indexType != ElementType.INT32 && indexType != ElementType.INT64) {
            throw new IllegalArgumentException("indexType must be INT32 or INT64, got " + indexType);
        }
        if (indexType == ElementType.INT32 && count > Integer.MAX_VALUE + 1L) {
            throw new IllegalArgumentException(count + " keys have positions beyond INT32: ask for INT64 indices");
        }
        if (indices.byteSize() < count * indexType.byteSize()) {
            throw new IllegalArgumentException("indices holds " + indices.byteSize() + " bytes; " + count + " "
                    + indexType + " indices need " + count * indexType.byteSize());
        }
        long keyBytes = count * keyType.byteSize();
        long indexBytes = count * indexType.byteSize();
        if (count > 0 && indices.address() < keys.address() + keyBytes && keys.address() < indices.address() + indexBytes) {
            throw new IllegalArgumentException("indices overlaps keys: argsort leaves the keys as they are, so write the"
                    + " indices elsewhere");
        }
        Map<Role, DeviceMemory> memory = new EnumMap<>(Role.class);
        memory.put(Role.KEYS, keys);
        memory.put(Role.SORTED_VALUES, indices);
        run(plan(count, keyType, indexType.byteSize(), true, order, bits, false), memory, pool, stream);
    }

    private GpuRadixSortPlan plan(long count, ElementType keyType, int valueBytes, boolean valuesAreIndices,
            SortOrder order, GpuRadixSortBits bits, boolean inPlace) {
        return GpuRadixSortPlan.of(new GpuRadixSortPlan.Request(count, keyType, valueBytes, valuesAreIndices, order,
                bits, inPlace, multiprocessors), policy);
    }

    private void run(GpuRadixSortPlan plan, Map<Role, DeviceMemory> memory, MemoryPool pool, Stream stream) {
        if (plan.steps().isEmpty()) {
            return;
        }
        try (DeviceBuffer scratch = pool.allocate(plan.scratchBytes(), stream)) {
            memory.put(Role.SCRATCH, scratch);
            for (GpuRadixSortPlan.Step step : plan.steps()) {
                switch (step) {
                    case GpuRadixSortPlan.Zero zero -> scratch.slice(zero.offset(), zero.bytes()).fillAsync((byte) 0, stream);
                    case GpuRadixSortPlan.Launch launch -> launch(launch, memory, stream);
                }
            }
        }
    }

    private void launch(GpuRadixSortPlan.Launch launch, Map<Role, DeviceMemory> memory, Stream stream) {
        KernelLaunch launcher = module.kernel(launch.kernel()).launcher().grid(launch.grid()).block(launch.block())
                .stream(stream);
        for (GpuRadixSortPlan.Argument argument : launch.arguments()) {
            switch (argument) {
                case GpuRadixSortPlan.Pointer pointer -> {
                    DeviceMemory target = memory.get(pointer.role());
                    launcher.arg(target.address() + pointer.offset());
                }
                case GpuRadixSortPlan.NullPointer ignored -> launcher.arg(0L);
                case GpuRadixSortPlan.IntValue value -> launcher.arg(value.value());
                case GpuRadixSortPlan.LongValue value -> launcher.arg(value.value());
            }
        }
        launcher.launch();
    }

    private static long keyCount(DeviceMemory keys, ElementType keyType) {
        if (keys.byteSize() % keyType.byteSize() != 0) {
            throw new IllegalArgumentException("keys holds " + keys.byteSize() + " bytes, not a whole number of "
                    + keyType + " keys");
        }
        return keys.byteSize() / keyType.byteSize();
    }

    private static void requireOutput(DeviceMemory output, DeviceMemory input, long bytes, String outputName,
            String inputName) {
        if (output.byteSize() < bytes) {
            throw new IllegalArgumentException(outputName + " holds " + output.byteSize() + " bytes; the sort writes "
                    + bytes);
        }
        long outputStart = output.address();
        long inputStart = input.address();
        boolean overlaps = outputStart < inputStart + bytes && inputStart < outputStart + bytes;
        if (overlaps && outputStart != inputStart && bytes > 0) {
            throw new IllegalArgumentException(outputName + " overlaps " + inputName + " without being it: pass the same"
                    + " memory to sort in place, or memory apart from it");
        }
    }
}
