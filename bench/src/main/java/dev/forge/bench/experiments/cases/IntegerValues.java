package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.SeededData;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * Integers in [-1000, 1000] stored as any element type, the inputs of the reduce and scan experiments (and of
 * cub_experiments.cu): sums and prefix sums of them stay exact in double precision, so the GPU's results and the CPU
 * twin's must agree bit for bit whatever order each added them in.
 */
final class IntegerValues {
    static final long LOWER = -1000;
    static final long UPPER = 1001;

    private IntegerValues() {
    }

    /** The element type a variant names: "int32", "int64", "float32", "float64", "u32" (UINT32), "u64", "f32". */
    static ElementType typeOf(String variant) {
        return switch (variant) {
            case "u32" -> ElementType.UINT32;
            case "u64" -> ElementType.UINT64;
            case "f32" -> ElementType.FLOAT32;
            default -> ElementType.valueOf(variant.toUpperCase(Locale.ROOT));
        };
    }

    static void fill(CpuWorkers workers, MemorySegment values, ElementType type, long seed) {
        switch (type) {
            case INT32 -> SeededData.fillInt32(workers, values, i -> (int) SeededData.between(seed, i, LOWER, UPPER));
            case INT64 -> SeededData.fillInt64(workers, values, i -> SeededData.between(seed, i, LOWER, UPPER));
            case FLOAT32 -> SeededData.fillFloat32(workers, values, i -> SeededData.between(seed, i, LOWER, UPPER));
            case FLOAT64 -> SeededData.fillFloat64(workers, values, i -> SeededData.between(seed, i, LOWER, UPPER));
            case UINT32, UINT64 -> throw new IllegalArgumentException("signed integer values, not " + type);
        }
    }
}
