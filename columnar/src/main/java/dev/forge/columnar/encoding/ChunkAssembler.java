package dev.forge.columnar.encoding;

import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;

/** Lays out an {@link EncodedChunk}: writes the header and copies each section to its 64-byte-aligned place. */
final class ChunkAssembler {
    private ChunkAssembler() {
    }

    static EncodedChunk assemble(Encoding encoding, int valueBytes, int width, int count, long reference,
            int entryCount, MemorySegment... sections) {
        if (sections.length != encoding.sectionCount()) {
            throw new IllegalArgumentException(encoding + " needs " + encoding.sectionCount() + " sections, got "
                    + sections.length);
        }
        long[] offsets = new long[sections.length];
        long end = EncodedChunk.HEADER_BYTES;
        for (int i = 0; i < sections.length; i++) {
            offsets[i] = Layouts.alignUp(end, HostBuffer.ALIGNMENT);
            end = offsets[i] + sections[i].byteSize();
        }
        long total = Layouts.alignUp(end, HostBuffer.ALIGNMENT);
        if (total > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(encoding + " chunk of " + count + " values would take " + total
                    + " bytes; split the column into smaller chunks");
        }
        MemorySegment memory = MemorySegment.ofArray(new byte[(int) total]);
        memory.set(Layouts.BYTE, 0, (byte) encoding.id());
        memory.set(Layouts.BYTE, 1, (byte) valueBytes);
        memory.set(Layouts.BYTE, 2, (byte) width);
        memory.set(Layouts.BYTE, 3, (byte) sections.length);
        memory.set(Layouts.INT, 4, count);
        memory.set(Layouts.LONG, 8, reference);
        memory.set(Layouts.INT, 16, entryCount);
        for (int i = 0; i < sections.length; i++) {
            memory.set(Layouts.LONG, 24 + 16L * i, offsets[i]);
            memory.set(Layouts.LONG, 24 + 16L * i + 8, sections[i].byteSize());
            MemorySegment.copy(sections[i], 0, memory, offsets[i], sections[i].byteSize());
        }
        return EncodedChunk.parse(memory);
    }
}
