package dev.forge.cuda.blas;

import dev.forge.cuda.DeviceMemory;

/**
 * A float32 vector as cuBLAS sees it: {@code length} elements, element {@code i} at {@code i * increment} elements
 * into {@code memory}; checked when made, like {@link BlasMatrix}.
 */
public record BlasVector(DeviceMemory memory, int length, int increment) {

    public BlasVector {
        check(length, increment, memory.byteSize(), memory.address());
    }

    /** A contiguous vector of {@code length} float32 elements. */
    public static BlasVector contiguous(DeviceMemory memory, int length) {
        return new BlasVector(memory, length, 1);
    }

    static void check(int length, int increment, long byteSize, long address) {
        if (length < 1) {
            throw new IllegalArgumentException("a cuBLAS vector needs at least one element, got " + length);
        }
        if (increment < 1) {
            throw new IllegalArgumentException("Forge passes cuBLAS vectors with a positive increment, got " + increment);
        }
        long needed = ((long) (length - 1) * increment + 1) * Float.BYTES;
        if (byteSize < needed) {
            throw new IllegalArgumentException("a float32 vector of " + length + " elements with increment " + increment
                    + " needs " + needed + " bytes; the memory has " + byteSize);
        }
        BlasMatrix.requireAligned(address, BlasDataType.FLOAT32);
    }
}
