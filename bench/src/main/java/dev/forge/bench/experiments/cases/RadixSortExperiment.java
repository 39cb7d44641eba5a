package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Compare;
import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.SeededData;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.cpu.CpuRadixSort;
import dev.forge.primitives.gpu.GpuRadixSort;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalLong;

/**
 * Ascending radix sort: {@code GpuRadixSort} against {@code CpuRadixSort} (all cores, LSD over the digits the key
 * range needs) and CUB's DeviceRadixSort, on random 32-bit keys (u32), float32 keys (multiples of 1/256 in [-32768,
 * 32768), with duplicates), random 64-bit keys (u64), and u32 keys carrying their int32 positions (pairs). Both sorts
 * are stable, so keys and values must agree exactly.
 */
public final class RadixSortExperiment implements Experiment {
    public static final long KEY_SEED = 0x5EED_0005L;

    @Override
    public String name() {
        return "sort";
    }

    @Override
    public String description() {
        return "radix sort of u32, f32, u64 keys and u32 key / int32 value pairs: GpuRadixSort vs CpuRadixSort vs CUB"
                + " DeviceRadixSort";
    }

    @Override
    public List<String> variants() {
        return List.of("u32", "f32", "u64", "pairs");
    }

    @Override
    public String sizeUnit() {
        return "keys";
    }

    private static ElementType keyType(String variant) {
        return variant.equals("pairs") ? ElementType.UINT32 : IntegerValues.typeOf(variant);
    }

    private static int valueBytes(String variant) {
        return variant.equals("pairs") ? 4 : 0;
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 4 * size * (keyType(variant).byteSize() + valueBytes(variant)) + (64 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        // keys and values three times (input, CPU output, GPU output) and the CPU twin's long[] work arrays
        return 3 * size * (keyType(variant).byteSize() + valueBytes(variant)) + 24 * size;
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return variant.equals("pairs") ? NativeCase.cub("sort_pairs", "u32")
                : NativeCase.cub("sort_keys", variant);
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new SortTrial(keyType(variant), variant.equals("pairs"), size, context);
    }

    private static final class SortTrial extends PrimitiveTrial {
        private final ElementType keyType;
        private final boolean pairs;
        private final long size;
        private final MemorySegment keys;
        private final MemorySegment values;
        private final MemorySegment cpuKeys;
        private final MemorySegment cpuValues;
        private final CpuRadixSort cpu;
        private MemorySegment gpuKeys;
        private MemorySegment gpuValues;

        SortTrial(ElementType keyType, boolean pairs, long size, TrialContext context) {
            super(context);
            this.keyType = keyType;
            this.pairs = pairs;
            this.size = size;
            long keyBytes = size * keyType.byteSize();
            long valueBytes = pairs ? 4 * size : 0;
            this.keys = memory.host(keyBytes);
            this.cpuKeys = memory.host(keyBytes);
            this.values = pairs ? memory.host(valueBytes) : null;
            this.cpuValues = pairs ? memory.host(valueBytes) : null;
            switch (keyType) {
                case UINT32 -> SeededData.fillInt32(context.workers(), keys, i -> (int) SeededData.bits(KEY_SEED, i));
                case UINT64 -> SeededData.fillInt64(context.workers(), keys, i -> SeededData.bits(KEY_SEED, i));
                case FLOAT32 -> SeededData.fillFloat32(context.workers(), keys,
                        i -> SeededData.between(KEY_SEED, i, -(1L << 23), 1L << 23) / 256.0);
                default -> throw new IllegalArgumentException(keyType.toString());
            }
            if (pairs) {
                SeededData.fillInt32(context.workers(), values, i -> (int) i);
            }
            this.cpu = new CpuRadixSort(context.workers());
            if (context.hasGpu()) {
                GpuRadixSort sort = new GpuRadixSort(context.gpu().device());
                DeviceBuffer deviceKeys = memory.device(keyBytes);
                DeviceBuffer sortedKeys = memory.device(keyBytes);
                gpuKeys = memory.host(keyBytes);
                gpu = GpuSteps.forge().upload(keys, deviceKeys);
                if (pairs) {
                    DeviceBuffer deviceValues = memory.device(valueBytes);
                    DeviceBuffer sortedValues = memory.device(valueBytes);
                    gpuValues = memory.host(valueBytes);
                    gpu.upload(values, deviceValues)
                            .compute(stream -> sort.sortPairs(deviceKeys, keyType, deviceValues, ElementType.INT32,
                                    SortOrder.ASCENDING, sortedKeys, sortedValues, context.gpu().pool(), stream))
                            .download(sortedKeys, gpuKeys).download(sortedValues, gpuValues);
                } else {
                    gpu.compute(stream -> sort.sortKeys(deviceKeys, keyType, SortOrder.ASCENDING, sortedKeys,
                                    context.gpu().pool(), stream))
                            .download(sortedKeys, gpuKeys);
                }
            }
        }

        @Override
        public TrialShape shape() {
            long bytes = size * (keyType.byteSize() + (pairs ? 4 : 0));
            return new TrialShape(size, 2 * bytes, bytes, bytes);
        }

        @Override
        public void runBaseline() {
            if (pairs) {
                cpu.sortPairs(keys, keyType, values, ElementType.INT32, SortOrder.ASCENDING, cpuKeys, cpuValues);
            } else {
                cpu.sortKeys(keys, keyType, SortOrder.ASCENDING, cpuKeys);
            }
        }

        @Override
        public String validate() {
            String checked = Compare.exact("sorted " + keyType + " keys", cpuKeys, gpuKeys, size, keyType.byteSize());
            return pairs ? checked + ", " + Compare.exact("their values", cpuValues, gpuValues, size, 4) : checked;
        }

        @Override
        public OptionalLong inputChecksum() {
            return OptionalLong.of(checksum(keys, keyType.byteSize()));
        }

    }
}
