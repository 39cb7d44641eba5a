package dev.forge.primitives;

import java.lang.foreign.MemorySegment;

/** The primitive element types a primitive accepts, each stored in native byte order. */
public enum ElementType {
    INT32(4),
    INT64(8),
    UINT32(4),
    UINT64(8),
    FLOAT32(4),
    FLOAT64(8);

    private final int byteSize;

    ElementType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }

    /** How many elements of this type {@code segment} holds; fails, naming the argument, when it holds a partial one. */
    public long elementCount(MemorySegment segment, String argumentName) {
        long bytes = segment.byteSize();
        if (bytes % byteSize != 0) {
            throw new IllegalArgumentException(argumentName + " holds " + bytes + " bytes, not a whole number of "
                    + this + " elements (" + byteSize + " bytes each): pass a segment sliced to the element count");
        }
        return bytes / byteSize;
    }
}
