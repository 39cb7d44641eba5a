package dev.forge.columnar.file;

/**
 * What the streams of a column chunk hold, by the column's physical type. Stream 0 is always the validity bitmap
 * (empty when the chunk has no nulls). The ids are written in files and never change.
 */
enum ChunkLayout {
    /** 4- or 8-byte values: validity, one encoded chunk. */
    WORDS(0, 2),
    /** Booleans: validity, the value bitmap as is. */
    BITS(1, 2),
    /** 128-bit decimals: validity, the 16-byte values as they are. */
    INT128(2, 2),
    /** Plain strings: validity, encoded int64 offsets (rows + 1, from 0), the UTF-8 bytes. */
    STRING_PLAIN(3, 3),
    /** Dictionary strings: validity, encoded int32 codes into the column's dictionary (see {@link #DICTIONARY}). */
    STRING_CODES(4, 2),
    /** A column's sorted string dictionary, stored once per column: encoded int64 offsets, the UTF-8 bytes. */
    DICTIONARY(5, 2);

    final int id;
    final int streamCount;

    ChunkLayout(int id, int streamCount) {
        this.id = id;
        this.streamCount = streamCount;
    }

    static ChunkLayout fromId(int id) {
        for (ChunkLayout layout : values()) {
            if (layout.id == id) {
                return layout;
            }
        }
        return null;
    }
}
