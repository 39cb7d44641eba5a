package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.SeededData;
import dev.forge.primitives.HalfFloats;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.MemorySegment;

/**
 * The inputs of the gemm and gemv trials: the values cublas_gemm.cu generates for native cuBLAS (its fill_uniform,
 * repeated here: change one, change both), so both multiply the very same numbers. Element {@code i} of stream
 * {@code seed} is a hash of {@code i} alone, uniform in [-1, 1) with 23 fraction bits, so the data never depends on
 * the thread count; half inputs are rounded to nearest even, as the harness's {@code __float2half_rn} and
 * {@code __float2bfloat16_rn} round them.
 */
final class MatrixInputs {
    /** The harness's seeds: A (every product), B (GEMM), x (GEMV). */
    static final long A_SEED = 1;
    static final long B_SEED = 2;
    static final long X_SEED = 3;

    private MatrixInputs() {
    }

    /** Element {@code index} of stream {@code seed}, as fill_uniform computes it. */
    static float value(long index, long seed) {
        long bits = (index + 1) * 0x9E3779B97F4A7C15L ^ seed;
        bits ^= bits >>> 31;
        bits *= 0xBF58476D1CE4E5B9L;
        bits ^= bits >>> 29;
        // 24 random bits scaled by 2^-23 is exact in float, and so is the subtraction: no rounding anywhere
        return (float) (bits >>> 40) * 0x1p-23f - 1.0f;
    }

    /** Fills {@code target} with stream {@code seed} in {@code precision}'s input type, one element per 4 or 2 bytes. */
    static void fill(CpuWorkers workers, MemorySegment target, MatrixPrecision precision, long seed) {
        switch (precision) {
            case FP32, TF32 -> SeededData.fillFloat32(workers, target, index -> value(index, seed));
            case FP16 -> SeededData.fillInt16(workers, target, index -> HalfFloats.toFloat16(value(index, seed)));
            case BF16 -> SeededData.fillInt16(workers, target, index -> HalfFloats.toBFloat16(value(index, seed)));
        }
    }
}
