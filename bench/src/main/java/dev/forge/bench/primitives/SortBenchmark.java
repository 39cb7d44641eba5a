package dev.forge.bench.primitives;

import dev.forge.bench.experiments.SeededData;
import dev.forge.bench.experiments.cases.RadixSortExperiment;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.cpu.CpuRadixSort;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuRadixSort;
import dev.forge.primitives.gpu.GpuRadixSortBits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.OptionalLong;

/**
 * Ascending radix sort of random uint32 keys, uint32 keys with uint32 values (their positions) and random uint64 keys:
 * {@code GpuRadixSort} against {@code CpuRadixSort} and CUB's DeviceRadixSort::SortKeys/SortPairs, the issue's
 * acceptance being the ratio to CUB (at least 1.0 for 32-bit keys and pairs, 0.9 for 64-bit keys). The keys are the
 * experiment suite's ({@code RadixSortExperiment}: SeededData bits), which cub_experiments.cu generates too and
 * checksums; both sorts are stable, so keys and values must agree exactly. Bytes moved: keys (and values) read once
 * and written once, the least any sort moves; a radix sort makes a pass per 8 bits, so this is far from its traffic.
 */
final class SortBenchmark implements FamilyBenchmark {

    /** What is sorted, and how cub_experiments.cu names it. */
    enum Variant {
        UINT32_KEYS("radix_sort_keys", "uint32", ElementType.UINT32, false, "sort_keys", "u32"),
        UINT32_PAIRS("radix_sort_pairs", "uint32/uint32", ElementType.UINT32, true, "sort_pairs", "u32"),
        UINT64_KEYS("radix_sort_keys", "uint64", ElementType.UINT64, false, "sort_keys", "u64");

        final String primitive;
        final String typeName;
        final ElementType keyType;
        final boolean pairs;
        private final String cubPrimitive;
        private final String cubVariant;

        Variant(String primitive, String typeName, ElementType keyType, boolean pairs, String cubPrimitive,
                String cubVariant) {
            this.primitive = primitive;
            this.typeName = typeName;
            this.keyType = keyType;
            this.pairs = pairs;
            this.cubPrimitive = cubPrimitive;
            this.cubVariant = cubVariant;
        }

        String cubPrimitive() {
            return cubPrimitive;
        }

        String cubVariant() {
            return cubVariant;
        }

        int valueBytes() {
            return pairs ? 4 : 0;
        }
    }

    private final MeasurementContext context;
    private final GpuRadixSort gpu;
    private final CpuRadixSort cpu;

    SortBenchmark(MeasurementContext context) {
        this.context = context;
        this.gpu = new GpuRadixSort(context.device);
        this.cpu = new CpuRadixSort(context.workers);
    }

    @Override
    public void measure(long size) {
        for (Variant variant : Variant.values()) {
            long keyBytes = size * variant.keyType.byteSize();
            long valueBytes = size * variant.valueBytes();
            long temporary = gpu.temporaryBytes(size, variant.keyType, variant.valueBytes(),
                    GpuRadixSortBits.allOf(variant.keyType), false);
            if (!context.roomFor(PrimitiveFamily.SORT, variant.primitive, variant.typeName, size,
                    2 * (keyBytes + valueBytes) + temporary)) {
                continue;
            }
            context.progress.accept("radix sort, " + size + " " + variant.typeName);
            try (Arena arena = Arena.ofShared()) {
                measure(arena, size, variant, keyBytes, valueBytes);
            }
        }
    }

    /** The suite's sort keys, as cub_experiments.cu makes them: SeededData bits, cut to 32 bits for UINT32. */
    static void fillKeys(CpuWorkers workers, MemorySegment keys, ElementType keyType) {
        if (keyType == ElementType.UINT64) {
            SeededData.fillInt64(workers, keys, i -> SeededData.bits(RadixSortExperiment.KEY_SEED, i));
        } else {
            SeededData.fillInt32(workers, keys, i -> (int) SeededData.bits(RadixSortExperiment.KEY_SEED, i));
        }
    }

    private void measure(Arena arena, long size, Variant variant, long keyBytes, long valueBytes) {
        MemorySegment keys = arena.allocate(keyBytes, 64);
        MemorySegment cpuKeys = arena.allocate(keyBytes, 64);
        fillKeys(context.workers, keys, variant.keyType);
        MemorySegment values = variant.pairs ? arena.allocate(valueBytes, 64) : null;
        MemorySegment cpuValues = variant.pairs ? arena.allocate(valueBytes, 64) : null;
        if (variant.pairs) {
            SeededData.fillInt32(context.workers, values, i -> (int) i);
        }
        // cub_experiments.cu checksums the keys only (the values are the positions)
        long checksum = SeededData.checksum(context.workers, keys, variant.keyType.byteSize());
        try (DeviceBuffer deviceKeys = context.device.allocate(keyBytes);
                DeviceBuffer sortedKeys = context.device.allocate(keyBytes);
                DeviceBuffer deviceValues = context.device.allocate(Math.max(1, valueBytes));
                DeviceBuffer sortedValues = context.device.allocate(Math.max(1, valueBytes))) {
            deviceKeys.copyFrom(keys);
            Runnable gpuSort;
            Runnable cpuSort;
            if (variant.pairs) {
                deviceValues.copyFrom(values);
                // the values are uint32 positions; both sorts take a value type for its width only
                gpuSort = () -> gpu.sortPairs(deviceKeys, variant.keyType, deviceValues, ElementType.INT32,
                        SortOrder.ASCENDING, sortedKeys, sortedValues, context.pool, context.stream);
                cpuSort = () -> cpu.sortPairs(keys, variant.keyType, values, ElementType.INT32, SortOrder.ASCENDING,
                        cpuKeys, cpuValues);
            } else {
                gpuSort = () -> gpu.sortKeys(deviceKeys, variant.keyType, SortOrder.ASCENDING, sortedKeys,
                        context.pool, context.stream);
                cpuSort = () -> cpu.sortKeys(keys, variant.keyType, SortOrder.ASCENDING, cpuKeys);
            }
            double gpuSeconds = context.gpuMedian(gpuSort);
            double cpuSeconds = context.cpuMedian(size, cpuSort);
            ResultCheck.sameBytes(variant.primitive + " of " + variant.typeName + ": the keys", sortedKeys, cpuKeys,
                    context.stream);
            if (variant.pairs) {
                ResultCheck.sameBytes(variant.primitive + " of " + variant.typeName + ": the values", sortedValues,
                        cpuValues, context.stream);
            }
            context.add(new PrimitiveResult(PrimitiveFamily.SORT.optionName(), variant.primitive, variant.typeName,
                    size, 2 * (keyBytes + valueBytes), gpuSeconds, cpuSeconds,
                    context.cub.seconds(variant.cubPrimitive, variant.cubVariant, size, OptionalLong.of(checksum)),
                    context.copy));
        }
    }
}
