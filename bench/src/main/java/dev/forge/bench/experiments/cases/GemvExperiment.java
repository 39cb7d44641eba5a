package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.primitives.GemvShape;
import dev.forge.primitives.MatrixPrecision;
import java.lang.foreign.MemorySegment;

/**
 * Square matrix-vector multiply {@code y = A x} (A n x n, row-major, float32 y) in each precision:
 * {@code GpuMatrixMultiply} against {@code CpuMatrixMultiply} on all cores at every size and native cuBLAS
 * (cublas_gemm.cu, the same call on the same values). Memory bounds it, so its GB/s against the copy ceiling is the
 * figure to read; TF32 is FP32's {@code cublasSgemv} (TF32 buys nothing where memory bounds the time).
 */
public final class GemvExperiment extends MatrixExperiment {

    @Override
    String operation() {
        return "gemv";
    }

    @Override
    public String description() {
        return "matrix-vector multiply y = A x, n x n, fp32/tf32/fp16/bf16 in, float32 out (memory-bound: read GB/s):"
                + " GpuMatrixMultiply vs CpuMatrixMultiply vs native cuBLAS";
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return (size * size + size) * precision(variant).inputBytes() + 4 * size + CUBLAS_DEVICE_BYTES;
    }

    @Override
    public long hostBytes(String variant, long size) {
        // the inputs, and the float copy of A the magnitudes for the check are computed from
        return (size * size + size) * precision(variant).inputBytes() + 4 * size * size + 16 * size;
    }

    @Override
    MatrixTrial trial(MatrixPrecision precision, int n, TrialContext context) {
        return new GemvTrial(precision, n, context);
    }

    private static final class GemvTrial extends MatrixTrial {
        private final GemvShape shape;
        private MemorySegment a;
        private MemorySegment x;
        private MemorySegment twinResult;

        GemvTrial(MatrixPrecision precision, int n, TrialContext context) {
            super(precision, n, context);
            this.shape = GemvShape.of(n, n);
        }

        @Override
        void generate() {
            a = inputs(shape.elementsOfA(), MatrixInputs.A_SEED);
            x = inputs(shape.inputLength(), MatrixInputs.X_SEED);
            long outputBytes = 4L * shape.outputLength();
            twinResult = memory.host(outputBytes);
            if (gpuRuns()) {
                readyGpu(a, x, outputBytes, (multiply, deviceA, deviceX, deviceY) ->
                        multiply.gemv(shape, precision, deviceA, deviceX, deviceY));
            }
        }

        @Override
        public TrialShape shape() {
            return productShape(shape.floatingPointOperations(),
                    (shape.elementsOfA() + shape.inputLength()) * precision.inputBytes(), 4L * shape.outputLength());
        }

        @Override
        public void runBaseline() {
            cpu.gemv(shape, precision, a, x, twinResult);
        }

        @Override
        public String validate() {
            return checkAgainstTwin(shape.asGemm(), a, x, twinResult, "GEMV");
        }
    }
}
