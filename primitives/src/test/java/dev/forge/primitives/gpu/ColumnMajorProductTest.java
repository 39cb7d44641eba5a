package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.primitives.GemmShape;
import dev.forge.primitives.GemvShape;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.MatrixReference;
import dev.forge.primitives.gpu.ColumnMajorProduct.ColumnMajorOperand;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * The row-major to column-major mapping, without a GPU: the arguments it produces, run through a textbook
 * column-major GEMM and GEMV with BLAS's semantics, give the row-major product.
 */
class ColumnMajorProductTest {

    /** Element (row, column) of op(X) for a column-major operand with leading dimension {@code operand.rows()}. */
    private static float op(ColumnMajorOperand operand, MemorySegment memory, int row, int column) {
        long index = operand.transposed() ? (long) row * operand.rows() + column : (long) column * operand.rows() + row;
        return MatrixReference.input(memory, MatrixPrecision.FP32, index);
    }

    private static int opRows(ColumnMajorOperand operand) {
        return operand.transposed() ? operand.columns() : operand.rows();
    }

    private static int opColumns(ColumnMajorOperand operand) {
        return operand.transposed() ? operand.rows() : operand.columns();
    }

    @Test
    void gemmArgumentsComputeTheRowMajorProductForEveryTransposeAndOddShape() {
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {3, 7, 5}, {65, 33, 17}, {1, 9, 4}, {9, 1, 4}, {6, 8, 1}};
        try (Arena arena = Arena.ofConfined()) {
            for (int[] dimensions : shapes) {
                for (int transposes = 0; transposes < 4; transposes++) {
                    GemmShape shape = new GemmShape(dimensions[0], dimensions[1], dimensions[2], (transposes & 1) != 0,
                            (transposes & 2) != 0);
                    MemorySegment a = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, shape.elementsOfA(), transposes);
                    MemorySegment b = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, shape.elementsOfB(), 9 + transposes);
                    ColumnMajorProduct product = ColumnMajorProduct.gemm(shape);
                    // cuBLAS: C (output.rows x output.columns) = op(first) op(second), first is B's memory, second A's
                    int m = product.output().rows();
                    int n = product.output().columns();
                    int k = opColumns(product.first());
                    assertThat(opRows(product.first())).as(shape + ": op(first) rows").isEqualTo(m);
                    assertThat(opRows(product.second())).as(shape + ": op(second) rows").isEqualTo(k);
                    assertThat(opColumns(product.second())).as(shape + ": op(second) columns").isEqualTo(n);
                    assertThat((long) product.first().rows() * product.first().columns()).isEqualTo(shape.elementsOfB());
                    assertThat((long) product.second().rows() * product.second().columns()).isEqualTo(shape.elementsOfA());
                    for (int column = 0; column < n; column++) {
                        for (int row = 0; row < m; row++) {
                            float sum = 0;
                            for (int p = 0; p < k; p++) {
                                sum = Math.fma(op(product.first(), b, row, p), op(product.second(), a, p, column), sum);
                            }
                            // column-major (row, column) of an m-row C is byte-for-byte row-major (column, row) of C
                            int i = column;
                            int j = row;
                            float expected = 0;
                            for (int p = 0; p < shape.k(); p++) {
                                expected = Math.fma(MatrixReference.right(shape, MatrixPrecision.FP32, b, p, j),
                                        MatrixReference.left(shape, MatrixPrecision.FP32, a, i, p), expected);
                            }
                            assertThat(sum).as(shape + " C[" + i + "][" + j + "]").isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void gemvArgumentsComputeTheRowMajorProduct() {
        try (Arena arena = Arena.ofConfined()) {
            for (GemvShape shape : new GemvShape[] {GemvShape.of(7, 5), new GemvShape(7, 5, true), GemvShape.of(1, 9),
                    new GemvShape(9, 1, true)}) {
                MemorySegment a = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, shape.elementsOfA(), 3);
                MemorySegment x = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, shape.inputLength(), 4);
                ColumnMajorOperand matrix = ColumnMajorProduct.gemvMatrix(shape);
                assertThat(opRows(matrix)).isEqualTo(shape.outputLength());
                assertThat(opColumns(matrix)).isEqualTo(shape.inputLength());
                GemmShape asGemm = shape.asGemm();
                for (int i = 0; i < shape.outputLength(); i++) {
                    double sum = 0;
                    for (int p = 0; p < shape.inputLength(); p++) {
                        sum += (double) op(matrix, a, i, p) * MatrixReference.input(x, MatrixPrecision.FP32, p);
                    }
                    assertThat(sum).as(shape + " y[" + i + "]")
                            .isEqualTo(MatrixReference.exact(asGemm, MatrixPrecision.FP32, a, x, i, 0));
                }
            }
        }
    }

    @Test
    void precisionsMapToTheirCublasTypes() {
        assertThat(GpuMatrixMultiply.inputType(MatrixPrecision.TF32)).isEqualTo(dev.forge.cuda.blas.BlasDataType.FLOAT32);
        assertThat(GpuMatrixMultiply.inputType(MatrixPrecision.BF16)).isEqualTo(dev.forge.cuda.blas.BlasDataType.BFLOAT16);
        assertThat(GpuMatrixMultiply.inputType(MatrixPrecision.FP16)).isEqualTo(dev.forge.cuda.blas.BlasDataType.FLOAT16);
        assertThat(GpuMatrixMultiply.computeType(MatrixPrecision.TF32))
                .isEqualTo(dev.forge.cuda.blas.BlasComputeType.FLOAT32_FAST_TF32);
        for (MatrixPrecision precision : new MatrixPrecision[] {MatrixPrecision.FP32, MatrixPrecision.FP16, MatrixPrecision.BF16}) {
            assertThat(GpuMatrixMultiply.computeType(precision)).isEqualTo(dev.forge.cuda.blas.BlasComputeType.FLOAT32);
        }
    }
}
