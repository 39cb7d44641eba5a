package dev.forge.primitives.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loop of the CPU twin's GEMM: adds {@code A[i][p] B[p][j]} over a range of {@code p} into a tile of
 * float32 accumulators, four rows by two vectors of columns at a time, so each loaded B vector serves four rows and
 * each broadcast A value two vectors. Every accumulator takes its products one {@code p} after another with a fused
 * multiply-add, exactly as {@code acc = Math.fma(a, b, acc)} in a plain loop would, so the result does not depend on
 * the vector width, the blocking or the thread count.
 */
final class GemmMicroKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 4;

    private GemmMicroKernel() {
    }

    /** The column count every full column block is a multiple of. */
    static int columnGranule() {
        return 2 * LANES;
    }

    /**
     * For rows {@code [rowStart, rowEnd)} and columns {@code [columnStart, columnEnd)} of C, adds the products over
     * {@code p} in {@code [depthStart, depthEnd)} into {@code tile}, which holds those rows and columns row-major.
     * {@code a} is row-major {@code m x k}, {@code b} row-major {@code k x n}.
     */
    static void accumulate(float[] a, int k, float[] b, int n, int rowStart, int rowEnd, int columnStart, int columnEnd,
            int depthStart, int depthEnd, float[] tile) {
        int width = columnEnd - columnStart;
        int i = rowStart;
        for (; i + ROWS <= rowEnd; i += ROWS) {
            int tileRow = (i - rowStart) * width;
            int j = columnStart;
            for (; j + 2 * LANES <= columnEnd; j += 2 * LANES) {
                fourRowsTwoVectors(a, k, b, n, i, j, depthStart, depthEnd, tile, tileRow + j - columnStart, width);
            }
            for (int r = 0; r < ROWS; r++) {
                oneRowFrom(a, k, b, n, i + r, j, columnEnd, depthStart, depthEnd, tile, tileRow + r * width - columnStart);
            }
        }
        for (; i < rowEnd; i++) {
            oneRowFrom(a, k, b, n, i, columnStart, columnEnd, depthStart, depthEnd, tile, (i - rowStart) * width - columnStart);
        }
    }

    private static void fourRowsTwoVectors(float[] a, int k, float[] b, int n, int i, int j, int depthStart,
            int depthEnd, float[] tile, int at, int width) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, tile, at);
        FloatVector c01 = FloatVector.fromArray(SPECIES, tile, at + LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, tile, at + width);
        FloatVector c11 = FloatVector.fromArray(SPECIES, tile, at + width + LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, tile, at + 2 * width);
        FloatVector c21 = FloatVector.fromArray(SPECIES, tile, at + 2 * width + LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, tile, at + 3 * width);
        FloatVector c31 = FloatVector.fromArray(SPECIES, tile, at + 3 * width + LANES);
        int row0 = i * k;
        for (int p = depthStart; p < depthEnd; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, p * n + j);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, p * n + j + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[row0 + p]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[row0 + k + p]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[row0 + 2 * k + p]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[row0 + 3 * k + p]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        c00.intoArray(tile, at);
        c01.intoArray(tile, at + LANES);
        c10.intoArray(tile, at + width);
        c11.intoArray(tile, at + width + LANES);
        c20.intoArray(tile, at + 2 * width);
        c21.intoArray(tile, at + 2 * width + LANES);
        c30.intoArray(tile, at + 3 * width);
        c31.intoArray(tile, at + 3 * width + LANES);
    }

    /**
     * Row {@code i}, columns {@code [from, columnEnd)}: one vector at a time, then one column at a time.
     * {@code tileBase + j} is the tile index of column {@code j}.
     */
    private static void oneRowFrom(float[] a, int k, float[] b, int n, int i, int from, int columnEnd, int depthStart,
            int depthEnd, float[] tile, int tileBase) {
        int row = i * k;
        int j = from;
        for (; j + LANES <= columnEnd; j += LANES) {
            FloatVector c = FloatVector.fromArray(SPECIES, tile, tileBase + j);
            for (int p = depthStart; p < depthEnd; p++) {
                c = FloatVector.fromArray(SPECIES, b, p * n + j).fma(FloatVector.broadcast(SPECIES, a[row + p]), c);
            }
            c.intoArray(tile, tileBase + j);
        }
        for (; j < columnEnd; j++) {
            float c = tile[tileBase + j];
            for (int p = depthStart; p < depthEnd; p++) {
                c = Math.fma(a[row + p], b[p * n + j], c);
            }
            tile[tileBase + j] = c;
        }
    }
}
