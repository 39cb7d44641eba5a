package dev.forge.columnar.encoding;

import java.lang.foreign.MemorySegment;

/** Stores the values as they are: the fallback when no encoding is smaller. */
public final class PlainEncoding {
    private PlainEncoding() {
    }

    public static EncodedChunk encode(ChunkValues values) {
        MemorySegment section = ChunkValues.newSection(values.count(), values.valueBytes());
        for (int i = 0; i < values.count(); i++) {
            ChunkValues.write(section, i, values.get(i), values.valueBytes());
        }
        return ChunkAssembler.assemble(Encoding.PLAIN, values.valueBytes(), 0, values.count(), 0, 0, section);
    }

    static void decode(EncodedChunk chunk, MemorySegment out) {
        MemorySegment.copy(chunk.section(0), 0, out, 0, (long) chunk.count() * chunk.valueBytes());
    }
}
