package dev.forge.columnar.encoding;

import java.util.Optional;

/**
 * How an {@link EncodedChunk} of 4- or 8-byte values is stored. The ids are written in files and never change.
 * The section list of each encoding is in {@link EncodedChunk}.
 */
public enum Encoding {
    /** The values as they are. */
    PLAIN(0, 1),
    /**
     * Frame of reference plus bit-packing: {@code value - reference} in {@code width} bits, in the lane layout of
     * {@link BitPacking}; values that do not fit are patched (positions and original values).
     */
    FRAME_OF_REFERENCE(1, 4),
    /**
     * Per 1024-value block, each of the 32 lanes holds 32 consecutive values: the first as a base, the rest as
     * differences to their predecessor, minus the chunk's smallest difference, bit-packed. Lanes decode on their
     * own, so the longest serial chain is 32 additions.
     */
    DELTA(2, 2),
    /** Sorted distinct values plus bit-packed codes into them. */
    DICTIONARY(3, 2),
    /** Run values plus exclusive run ends. */
    RUN_LENGTH(4, 2);

    private final int id;
    private final int sectionCount;

    Encoding(int id, int sectionCount) {
        this.id = id;
        this.sectionCount = sectionCount;
    }

    public int id() {
        return id;
    }

    public int sectionCount() {
        return sectionCount;
    }

    /** The encoding with this file id, or empty for an id this version does not know. */
    public static Optional<Encoding> fromId(int id) {
        for (Encoding encoding : values()) {
            if (encoding.id == id) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
