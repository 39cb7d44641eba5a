package dev.forge.primitives.cpu;

import dev.forge.primitives.HalfFloats;
import dev.forge.primitives.MatrixPrecision;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads matrix and vector inputs of the matrix products into float arrays: decoded from their precision's input type
 * (exactly: every FP16 and BF16 value is a float) and, for matrices, laid out row-major as {@code op(X)}, so that the
 * kernels see one layout whatever the caller's transposes.
 */
final class MatrixOperands {
    /** Java arrays hold at most this many elements (the JDK's own limit for new arrays). */
    static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int TRANSPOSE_ROWS_PER_TASK = 32;

    private MatrixOperands() {
    }

    /** Fails unless {@code segment} holds at least {@code elements} elements of {@code elementBytes}. */
    static void requireElements(MemorySegment segment, long elements, int elementBytes, String name) {
        if (segment.byteSize() < elements * elementBytes) {
            throw new IllegalArgumentException(name + " holds " + segment.byteSize() / elementBytes + " elements of "
                    + elementBytes + " bytes but the shape needs " + elements);
        }
    }

    /** Fails when the CPU twin cannot hold {@code elements} floats in one array. */
    static int requireArray(long elements, String name) {
        if (elements > MAX_ARRAY_ELEMENTS) {
            throw new IllegalArgumentException("the CPU twin holds " + name + " as one Java array, at most "
                    + MAX_ARRAY_ELEMENTS + " elements; this one has " + elements);
        }
        return (int) elements;
    }

    /**
     * {@code op(X)} as a row-major {@code rows x columns} array, where X is stored row-major as {@code rows x columns}
     * or, when {@code transposed}, as {@code columns x rows}.
     */
    static float[] rowMajor(MemorySegment stored, MatrixPrecision precision, int rows, int columns, boolean transposed,
            CpuWorkers workers, String name) {
        float[] matrix = new float[requireArray((long) rows * columns, name)];
        if (!transposed) {
            int tasks = (rows + TRANSPOSE_ROWS_PER_TASK - 1) / TRANSPOSE_ROWS_PER_TASK;
            workers.forEach(tasks, task -> {
                int first = task * TRANSPOSE_ROWS_PER_TASK;
                int last = Math.min(rows, first + TRANSPOSE_ROWS_PER_TASK);
                read(stored, precision, (long) first * columns, matrix, first * columns, (last - first) * columns);
            });
            return matrix;
        }
        // op(X) row i is stored column i: each task walks the stored rows once, taking a run of its columns from each
        int tasks = (rows + TRANSPOSE_ROWS_PER_TASK - 1) / TRANSPOSE_ROWS_PER_TASK;
        workers.forEach(tasks, task -> {
            int first = task * TRANSPOSE_ROWS_PER_TASK;
            int count = Math.min(rows, first + TRANSPOSE_ROWS_PER_TASK) - first;
            float[] run = new float[count];
            for (int storedRow = 0; storedRow < columns; storedRow++) {
                read(stored, precision, (long) storedRow * rows + first, run, 0, count);
                for (int r = 0; r < count; r++) {
                    matrix[(first + r) * columns + storedRow] = run[r];
                }
            }
        });
        return matrix;
    }

    /** {@code count} elements of {@code stored} from element {@code from}, decoded into {@code into} at {@code at}. */
    static void read(MemorySegment stored, MatrixPrecision precision, long from, float[] into, int at, int count) {
        switch (precision) {
            case FP32, TF32 -> MemorySegment.copy(stored, Segments.FLOAT, from * Float.BYTES, into, at, count);
            case FP16 -> {
                for (int i = 0; i < count; i++) {
                    into[at + i] = HalfFloats.fromFloat16(stored.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, from + i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    into[at + i] = HalfFloats.fromBFloat16(stored.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, from + i));
                }
            }
        }
    }

    /** A whole vector of {@code length} input elements, decoded. */
    static float[] vector(MemorySegment stored, MatrixPrecision precision, int length) {
        float[] values = new float[length];
        read(stored, precision, 0, values, 0, length);
        return values;
    }

    /** BLAS's output rule: {@code alpha s + beta c}, where {@code c} is not read when {@code beta} is 0. */
    static float combine(float alpha, float sum, float beta, MemorySegment output, long index) {
        return beta == 0 ? alpha * sum : alpha * sum + beta * output.getAtIndex(Segments.FLOAT, index);
    }
}
