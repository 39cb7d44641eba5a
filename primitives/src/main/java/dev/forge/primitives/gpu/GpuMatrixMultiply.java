package dev.forge.primitives.gpu;

import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Stream;
import dev.forge.cuda.blas.BlasComputeType;
import dev.forge.cuda.blas.BlasDataType;
import dev.forge.cuda.blas.BlasHandle;
import dev.forge.cuda.blas.BlasMatrix;
import dev.forge.cuda.blas.BlasTranspose;
import dev.forge.cuda.blas.BlasVector;
import dev.forge.primitives.GemmShape;
import dev.forge.primitives.GemvShape;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.gpu.ColumnMajorProduct.ColumnMajorOperand;

/**
 * Row-major GEMM ({@code C = alpha op(A) op(B) + beta C}) and GEMV ({@code y = alpha op(A) x + beta y}) on the GPU
 * through cuBLAS, in every {@link MatrixPrecision}: inputs in the precision's type, float32 accumulation, float32
 * outputs. FP32 is {@code CUBLAS_COMPUTE_32F} (no TF32), TF32 {@code CUBLAS_COMPUTE_32F_FAST_TF32}, FP16 and BF16
 * half inputs with {@code CUBLAS_COMPUTE_32F} on the tensor cores. GEMV is {@code cublasSgemv} for FP32 and TF32
 * (TF32 buys nothing where memory bounds the time, so it stays exact float32) and a one-column {@code cublasGemmEx}
 * for halves. {@link ColumnMajorProduct} says how the row-major operands are handed to column-major cuBLAS.
 *
 * <p>Bound to one stream (it owns a {@link BlasHandle} on it): every call only queues work there and returns, with
 * no host synchronisation; memory is the caller's. Shapes, memory sizes and alignment are checked before cuBLAS
 * runs. Not for concurrent use from several threads; close it before its stream.
 */
public final class GpuMatrixMultiply implements AutoCloseable {
    private final BlasHandle blas;

    public GpuMatrixMultiply(Stream stream) {
        this.blas = BlasHandle.create(stream);
    }

    public Stream stream() {
        return blas.stream();
    }

    /** cuBLAS's version number (e.g. 130100), for reports. */
    public int libraryVersion() {
        return blas.version();
    }

    /** {@code c = op(a) op(b)}. */
    public void gemm(GemmShape shape, MatrixPrecision precision, DeviceMemory a, DeviceMemory b, DeviceMemory c) {
        gemm(shape, precision, 1, a, b, 0, c);
    }

    /**
     * Queues {@code c = alpha op(a) op(b) + beta c}: {@code a} and {@code b} hold the precision's input type and
     * {@code c} float32, row-major and dense as {@link GemmShape} describes; when {@code beta} is 0, {@code c} is not
     * read. {@code c} must not overlap the inputs.
     */
    public void gemm(GemmShape shape, MatrixPrecision precision, float alpha, DeviceMemory a, DeviceMemory b,
            float beta, DeviceMemory c) {
        requireElements(a, shape.elementsOfA(), precision.inputBytes(), "A");
        requireElements(b, shape.elementsOfB(), precision.inputBytes(), "B");
        requireElements(c, shape.elementsOfC(), Float.BYTES, "C");
        requireApart(c, "C", a, "A");
        requireApart(c, "C", b, "B");
        ColumnMajorProduct product = ColumnMajorProduct.gemm(shape);
        BlasDataType input = inputType(precision);
        blas.gemm(transpose(product.first()), matrix(b, input, product.first()),
                transpose(product.second()), matrix(a, input, product.second()),
                matrix(c, BlasDataType.FLOAT32, product.output()), alpha, beta, computeType(precision));
    }

    /** {@code y = op(a) x}. */
    public void gemv(GemvShape shape, MatrixPrecision precision, DeviceMemory a, DeviceMemory x, DeviceMemory y) {
        gemv(shape, precision, 1, a, x, 0, y);
    }

    /**
     * Queues {@code y = alpha op(a) x + beta y}: {@code a} and {@code x} hold the precision's input type, {@code y}
     * float32; when {@code beta} is 0, {@code y} is not read.
     */
    public void gemv(GemvShape shape, MatrixPrecision precision, float alpha, DeviceMemory a, DeviceMemory x,
            float beta, DeviceMemory y) {
        requireElements(a, shape.elementsOfA(), precision.inputBytes(), "A");
        requireElements(x, shape.inputLength(), precision.inputBytes(), "x");
        requireElements(y, shape.outputLength(), Float.BYTES, "y");
        requireApart(y, "y", a, "A");
        requireApart(y, "y", x, "x");
        switch (precision) {
            case FP32, TF32 -> {
                ColumnMajorOperand matrix = ColumnMajorProduct.gemvMatrix(shape);
                blas.sgemv(transpose(matrix), matrix(a, BlasDataType.FLOAT32, matrix),
                        BlasVector.contiguous(x, shape.inputLength()), BlasVector.contiguous(y, shape.outputLength()),
                        alpha, beta);
            }
            case FP16, BF16 -> gemm(shape.asGemm(), precision, alpha, a, x, beta, y);
        }
    }

    /** The row-major check, said in the caller's terms before cuBLAS's column-major ones could be. */
    private static void requireElements(DeviceMemory memory, long elements, int elementBytes, String name) {
        if (memory.byteSize() < elements * elementBytes) {
            throw new IllegalArgumentException(name + " holds " + memory.byteSize() / elementBytes + " elements of "
                    + elementBytes + " bytes but the shape needs " + elements);
        }
    }

    private static void requireApart(DeviceMemory output, String outputName, DeviceMemory input, String inputName) {
        if (output.overlaps(input)) {
            throw new IllegalArgumentException(outputName + " overlaps " + inputName + ": cuBLAS does not multiply in"
                    + " place; give " + outputName + " its own memory");
        }
    }

    static BlasDataType inputType(MatrixPrecision precision) {
        return switch (precision) {
            case FP32, TF32 -> BlasDataType.FLOAT32;
            case FP16 -> BlasDataType.FLOAT16;
            case BF16 -> BlasDataType.BFLOAT16;
        };
    }

    static BlasComputeType computeType(MatrixPrecision precision) {
        return switch (precision) {
            case FP32, FP16, BF16 -> BlasComputeType.FLOAT32;
            case TF32 -> BlasComputeType.FLOAT32_FAST_TF32;
        };
    }

    private static BlasMatrix matrix(DeviceMemory memory, BlasDataType type, ColumnMajorOperand operand) {
        return new BlasMatrix(memory, type, operand.rows(), operand.columns(), operand.rows());
    }

    private static BlasTranspose transpose(ColumnMajorOperand operand) {
        return BlasTranspose.of(operand.transposed());
    }

    /** Destroys the cuBLAS handle, which waits for the device (cuBLAS does so itself). */
    @Override
    public void close() {
        blas.close();
    }
}
