package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.bench.experiments.ValidationException;
import dev.forge.bench.primitives.GemmBenchmark;
import dev.forge.bench.primitives.MatrixProductCheck;
import dev.forge.primitives.GemmShape;
import dev.forge.primitives.MatrixPrecision;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * Square matrix multiply {@code C = A B} (n x n, row-major, float32 C) in each precision: {@code GpuMatrixMultiply}
 * (cuBLAS through FFM) against {@code CpuMatrixMultiply} on all cores and native cuBLAS (cublas_gemm.cu, the same
 * call on the same values). The twin runs up to {@value GemmBenchmark#CPU_GEMM_LIMIT}^3; above, the trial has no
 * baseline (no speed-up) and the GPU's product is checked on sampled elements against their sums in double. Rates
 * count floating-point operations ({@code 2 n^3}).
 */
public final class GemmExperiment extends MatrixExperiment {

    @Override
    String operation() {
        return "gemm";
    }

    @Override
    public String description() {
        return "matrix multiply C = A B, n x n, fp32/tf32/fp16/bf16 in, float32 out (rates in FLOP/s): GpuMatrixMultiply"
                + " vs CpuMatrixMultiply (up to 2048^3) vs native cuBLAS";
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 2 * size * size * precision(variant).inputBytes() + 4 * size * size + CUBLAS_DEVICE_BYTES;
    }

    @Override
    public long hostBytes(String variant, long size) {
        long inputs = 2 * size * size * precision(variant).inputBytes();
        long output = 4 * size * size;
        // the twin's result, the magnitudes its check needs and its float copies of A and B
        return inputs + output + (size <= GemmBenchmark.CPU_GEMM_LIMIT ? 4 * output : 0);
    }

    @Override
    MatrixTrial trial(MatrixPrecision precision, int n, TrialContext context) {
        return new GemmTrial(precision, n, context);
    }

    private static final class GemmTrial extends MatrixTrial {
        private final GemmShape shape;
        private MemorySegment a;
        private MemorySegment b;
        /** Null above the twin's limit. */
        private MemorySegment twinResult;

        GemmTrial(MatrixPrecision precision, int n, TrialContext context) {
            super(precision, n, context);
            this.shape = GemmShape.of(n, n, n);
        }

        private boolean twinRuns() {
            return n <= GemmBenchmark.CPU_GEMM_LIMIT;
        }

        @Override
        void generate() {
            if (!twinRuns() && !gpuRuns()) {
                return; // nothing would run: no data
            }
            a = inputs(shape.elementsOfA(), MatrixInputs.A_SEED);
            b = inputs(shape.elementsOfB(), MatrixInputs.B_SEED);
            long outputBytes = 4 * shape.elementsOfC();
            if (twinRuns()) {
                twinResult = memory.host(outputBytes);
            }
            if (gpuRuns()) {
                readyGpu(a, b, outputBytes, (multiply, deviceA, deviceB, deviceC) ->
                        multiply.gemm(shape, precision, deviceA, deviceB, deviceC));
            }
        }

        @Override
        public TrialShape shape() {
            return productShape(shape.floatingPointOperations(), 2 * shape.elementsOfA() * precision.inputBytes(),
                    4 * shape.elementsOfC());
        }

        @Override
        public Optional<String> baselineSkipped() {
            return twinRuns() ? Optional.empty() : Optional.of("the CPU twin's GEMM runs up to "
                    + GemmBenchmark.CPU_GEMM_LIMIT + "^3 (larger products take minutes on a host)");
        }

        @Override
        public void runBaseline() {
            cpu.gemm(shape, precision, a, b, twinResult);
        }

        @Override
        public String validate() {
            if (twinResult != null) {
                return checkAgainstTwin(shape, a, b, twinResult, "GEMM");
            }
            MatrixProductCheck.sampled(shape, precision, a, b, gpuResult, GemmBenchmark.SAMPLED_ELEMENTS)
                    .ifPresent(mismatch -> {
                        throw new ValidationException("GPU GEMM " + precision + " " + mismatch);
                    });
            return GemmBenchmark.SAMPLED_ELEMENTS + " sampled " + precision + " GEMM elements within"
                    + " MatrixPrecision's bound of their sums in double (no CPU twin at this size)";
        }
    }
}
