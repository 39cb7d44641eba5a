package dev.forge.cuda.blas;

import dev.forge.cuda.DeviceMemory;

/**
 * A matrix as cuBLAS sees it: {@code rows x columns} elements of {@code type} in column-major order, column {@code j}
 * starting {@code j * leadingDimension} elements into {@code memory}. Checked when made, so that a call never reads or
 * writes past the memory it was given (cuBLAS itself would run off the end and break the context).
 */
public record BlasMatrix(DeviceMemory memory, BlasDataType type, int rows, int columns, int leadingDimension) {

    public BlasMatrix {
        check(type, rows, columns, leadingDimension, memory.byteSize(), memory.address());
    }

    /** The checks of the constructor on plain numbers, so that they can be tested without a GPU. */
    static void check(BlasDataType type, int rows, int columns, int leadingDimension, long byteSize, long address) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a cuBLAS matrix needs at least one row and one column, got " + rows
                    + " x " + columns);
        }
        if (leadingDimension < rows) {
            throw new IllegalArgumentException("the leading dimension " + leadingDimension + " of a column-major "
                    + rows + " x " + columns + " matrix must be at least its row count");
        }
        long needed = requiredBytes(rows, columns, leadingDimension, type.byteSize());
        if (byteSize < needed) {
            throw new IllegalArgumentException("a column-major " + rows + " x " + columns + " " + type + " matrix with"
                    + " leading dimension " + leadingDimension + " needs " + needed + " bytes; the memory has "
                    + byteSize);
        }
        requireAligned(address, type);
    }

    /** Bytes from the first element to the end of the last: the last column need not be padded to the leading dimension. */
    static long requiredBytes(int rows, int columns, int leadingDimension, int elementBytes) {
        return ((long) (columns - 1) * leadingDimension + rows) * elementBytes;
    }

    static void requireAligned(long address, BlasDataType type) {
        if (address % type.byteSize() != 0) {
            throw new IllegalArgumentException(type + " elements for cuBLAS must start on a " + type.byteSize()
                    + "-byte boundary; this memory starts at 0x" + Long.toHexString(address));
        }
    }

    /** The rows of {@code op(this)}. */
    int rows(BlasTranspose transpose) {
        return transpose == BlasTranspose.NONE ? rows : columns;
    }

    /** The columns of {@code op(this)}. */
    int columns(BlasTranspose transpose) {
        return transpose == BlasTranspose.NONE ? columns : rows;
    }
}
