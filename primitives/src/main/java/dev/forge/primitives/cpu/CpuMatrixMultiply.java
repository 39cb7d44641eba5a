package dev.forge.primitives.cpu;

import dev.forge.primitives.GemmShape;
import dev.forge.primitives.GemvShape;
import dev.forge.primitives.MatrixPrecision;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU twin of {@code GpuMatrixMultiply}: row-major GEMM ({@code C = alpha op(A) op(B) + beta C}) and GEMV
 * ({@code y = alpha op(A) x + beta y}) in every {@link MatrixPrecision}, with float32 accumulation and float32 outputs.
 * Half inputs are converted to float first (exactly); TF32 is multiplied as the float32 it is stored as.
 *
 * <p>GEMM reads both inputs into row-major float arrays with the transposes applied, then splits C into blocks of
 * {@value #ROW_BLOCK} rows by {@value #COLUMN_BLOCK} columns, one task each; a task runs through k in slices of
 * {@value #DEPTH_BLOCK} (so the B slice it multiplies stays in cache) on {@link GemmMicroKernel}. Each element sums
 * its products in order of p with fused multiply-adds, so GEMM gives exactly what the plain loop
 * {@code acc = Math.fma(a[i][p], b[p][j], acc)} gives, on any number of threads. GEMV sums each output element's
 * products in one vector's lanes (lane order, then the rest in order) without transposing, or as a running
 * {@code y += x[i] A[i][:]} row by row with it; each element is computed by one task, so results never depend on the
 * thread count. When beta is 0 the output is not read, as in BLAS.
 */
public final class CpuMatrixMultiply {
    static final int ROW_BLOCK = 64;
    static final int COLUMN_BLOCK = 256;
    static final int DEPTH_BLOCK = 256;
    private static final int GEMV_ROWS_PER_TASK = 64;
    private static final int GEMV_COLUMNS_PER_TASK = 1024;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private final CpuWorkers workers;

    public CpuMatrixMultiply(CpuWorkers workers) {
        this.workers = workers;
    }

    /** {@code c = op(a) op(b)}. */
    public void gemm(GemmShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment b, MemorySegment c) {
        gemm(shape, precision, 1, a, b, 0, c);
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c}; {@code a} and {@code b} hold the precision's input type, {@code c}
     * float32, all row-major and native-order as {@link GemmShape} describes.
     */
    public void gemm(GemmShape shape, MatrixPrecision precision, float alpha, MemorySegment a, MemorySegment b,
            float beta, MemorySegment c) {
        Operands operands = operands(shape, precision, a, b, c);
        multiply(shape, operands.left(), operands.right(), alpha, beta, c);
    }

    /** op(A) and op(B), row-major in float arrays. */
    private record Operands(float[] left, float[] right) {
    }

    private Operands operands(GemmShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment b,
            MemorySegment c) {
        MatrixOperands.requireElements(a, shape.elementsOfA(), precision.inputBytes(), "A");
        MatrixOperands.requireElements(b, shape.elementsOfB(), precision.inputBytes(), "B");
        MatrixOperands.requireElements(c, shape.elementsOfC(), Float.BYTES, "C");
        return new Operands(
                MatrixOperands.rowMajor(a, precision, shape.m(), shape.k(), shape.transposeA(), workers, "op(A)"),
                MatrixOperands.rowMajor(b, precision, shape.k(), shape.n(), shape.transposeB(), workers, "op(B)"));
    }

    /**
     * For every element of {@code c = op(a) op(b)}, an upper bound of {@code sum over p of |a_ip b_pj|} (float32),
     * the magnitude that {@link MatrixPrecision#errorBound} is relative to: the product of the absolute values,
     * scaled up by {@code 1 + k 2^-22} to cover its own rounding (a float32 sum of {@code k} non-negative terms is at
     * most {@code (k - 1) 2^-24} below the exact one).
     */
    public void magnitudes(GemmShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment b,
            MemorySegment c) {
        Operands operands = operands(shape, precision, a, b, c);
        multiply(shape, absolute(operands.left()), absolute(operands.right()), (float) (1 + shape.k() * 0x1p-22), 0, c);
    }

    private static float[] absolute(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.abs(values[i]);
        }
        return values;
    }

    /** The blocked product of row-major {@code left} ({@code m x k}) and {@code right} ({@code k x n}) into c. */
    private void multiply(GemmShape shape, float[] left, float[] right, float alpha, float beta, MemorySegment c) {
        int m = shape.m();
        int n = shape.n();
        int k = shape.k();
        int rowBlocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        int columnBlocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        workers.forEach(rowBlocks * columnBlocks, task -> {
            int rowStart = task / columnBlocks * ROW_BLOCK;
            int rowEnd = Math.min(m, rowStart + ROW_BLOCK);
            int columnStart = task % columnBlocks * COLUMN_BLOCK;
            int columnEnd = Math.min(n, columnStart + COLUMN_BLOCK);
            int width = columnEnd - columnStart;
            float[] tile = new float[(rowEnd - rowStart) * width];
            for (int depth = 0; depth < k; depth += DEPTH_BLOCK) {
                GemmMicroKernel.accumulate(left, k, right, n, rowStart, rowEnd, columnStart, columnEnd, depth,
                        Math.min(k, depth + DEPTH_BLOCK), tile);
            }
            for (int i = rowStart; i < rowEnd; i++) {
                for (int j = columnStart; j < columnEnd; j++) {
                    long index = (long) i * n + j;
                    c.setAtIndex(Segments.FLOAT, index,
                            MatrixOperands.combine(alpha, tile[(i - rowStart) * width + j - columnStart], beta, c, index));
                }
            }
        });
    }

    /** {@code y = op(a) x}. */
    public void gemv(GemvShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment x, MemorySegment y) {
        gemv(shape, precision, 1, a, x, 0, y);
    }

    /**
     * {@code y = alpha op(a) x + beta y}; {@code a} and {@code x} hold the precision's input type, {@code y} float32.
     */
    public void gemv(GemvShape shape, MatrixPrecision precision, float alpha, MemorySegment a, MemorySegment x,
            float beta, MemorySegment y) {
        MatrixOperands.requireElements(a, shape.elementsOfA(), precision.inputBytes(), "A");
        MatrixOperands.requireElements(x, shape.inputLength(), precision.inputBytes(), "x");
        MatrixOperands.requireElements(y, shape.outputLength(), Float.BYTES, "y");
        float[] input = MatrixOperands.vector(x, precision, shape.inputLength());
        if (shape.transpose()) {
            gemvTransposed(shape, precision, alpha, a, input, beta, y);
        } else {
            gemvRows(shape, precision, alpha, a, input, beta, y);
        }
    }

    /** y[i] = alpha (row i of A . x) + beta y[i]. */
    private void gemvRows(GemvShape shape, MatrixPrecision precision, float alpha, MemorySegment a, float[] x,
            float beta, MemorySegment y) {
        int rows = shape.rows();
        int columns = shape.columns();
        workers.forEach((rows + GEMV_ROWS_PER_TASK - 1) / GEMV_ROWS_PER_TASK, task -> {
            float[] row = new float[columns];
            float[] lanes = new float[SPECIES.length()];
            for (int i = task * GEMV_ROWS_PER_TASK; i < Math.min(rows, (task + 1) * GEMV_ROWS_PER_TASK); i++) {
                MatrixOperands.read(a, precision, (long) i * columns, row, 0, columns);
                y.setAtIndex(Segments.FLOAT, i, MatrixOperands.combine(alpha, dot(row, x, lanes), beta, y, i));
            }
        });
    }

    /** Products summed per lane in order of j, the lanes then added in lane order, then the leftover columns. */
    static float dot(float[] row, float[] x, float[] lanes) {
        FloatVector sums = FloatVector.zero(SPECIES);
        int j = 0;
        for (; j + SPECIES.length() <= row.length; j += SPECIES.length()) {
            sums = FloatVector.fromArray(SPECIES, row, j).fma(FloatVector.fromArray(SPECIES, x, j), sums);
        }
        sums.intoArray(lanes, 0);
        float sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        for (; j < row.length; j++) {
            sum = Math.fma(row[j], x[j], sum);
        }
        return sum;
    }

    /** y[j] = alpha (sum over i of x[i] A[i][j]) + beta y[j], rows taken in order. */
    private void gemvTransposed(GemvShape shape, MatrixPrecision precision, float alpha, MemorySegment a, float[] x,
            float beta, MemorySegment y) {
        int rows = shape.rows();
        int columns = shape.columns();
        workers.forEach((columns + GEMV_COLUMNS_PER_TASK - 1) / GEMV_COLUMNS_PER_TASK, task -> {
            int first = task * GEMV_COLUMNS_PER_TASK;
            int width = Math.min(columns, first + GEMV_COLUMNS_PER_TASK) - first;
            float[] sums = new float[width];
            float[] run = new float[width];
            for (int i = 0; i < rows; i++) {
                MatrixOperands.read(a, precision, (long) i * columns + first, run, 0, width);
                FloatVector weight = FloatVector.broadcast(SPECIES, x[i]);
                int j = 0;
                for (; j + SPECIES.length() <= width; j += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, run, j).fma(weight, FloatVector.fromArray(SPECIES, sums, j))
                            .intoArray(sums, j);
                }
                for (; j < width; j++) {
                    sums[j] = Math.fma(run[j], x[i], sums[j]);
                }
            }
            for (int j = 0; j < width; j++) {
                y.setAtIndex(Segments.FLOAT, first + j, MatrixOperands.combine(alpha, sums[j], beta, y, first + j));
            }
        });
    }
}
