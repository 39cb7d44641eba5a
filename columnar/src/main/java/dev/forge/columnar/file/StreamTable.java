package dev.forge.columnar.file;

import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;

/**
 * The container of one column chunk: a 64-byte header (u32 stream count, u32 reserved, then per stream a u64 offset
 * from the chunk's start and a u64 length; up to 3 streams) followed by the streams, each 64-byte aligned so that
 * encoded chunks inside keep their alignment in a mapped file.
 */
final class StreamTable {
    static final int HEADER_BYTES = 64;
    static final int MAX_STREAMS = 3;

    private StreamTable() {
    }

    /** The chunk's bytes, padded to a multiple of 64. */
    static MemorySegment assemble(MemorySegment... streams) {
        if (streams.length > MAX_STREAMS) {
            throw new IllegalArgumentException(streams.length + " streams do not fit a chunk header");
        }
        long[] offsets = new long[streams.length];
        long end = HEADER_BYTES;
        for (int i = 0; i < streams.length; i++) {
            offsets[i] = Layouts.alignUp(end, HostBuffer.ALIGNMENT);
            end = offsets[i] + streams[i].byteSize();
        }
        MemorySegment chunk = MemorySegment.ofArray(new byte[Math.toIntExact(Layouts.alignUp(end, HostBuffer.ALIGNMENT))]);
        chunk.set(Layouts.INT, 0, streams.length);
        for (int i = 0; i < streams.length; i++) {
            chunk.set(Layouts.LONG, 8 + 16L * i, offsets[i]);
            chunk.set(Layouts.LONG, 16 + 16L * i, streams[i].byteSize());
            MemorySegment.copy(streams[i], 0, chunk, offsets[i], streams[i].byteSize());
        }
        return chunk;
    }

    /** The streams of a chunk, checked to lie inside it; a problem is returned as the exception's message. */
    static MemorySegment[] parse(MemorySegment chunk, int expectedStreams) {
        if (chunk.byteSize() < HEADER_BYTES) {
            throw new IllegalStateException("chunk of " + chunk.byteSize() + " bytes is shorter than its header");
        }
        int count = chunk.get(Layouts.INT, 0);
        if (count != expectedStreams) {
            throw new IllegalStateException("chunk has " + count + " streams, expected " + expectedStreams);
        }
        MemorySegment[] streams = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            long offset = chunk.get(Layouts.LONG, 8 + 16L * i);
            long length = chunk.get(Layouts.LONG, 16 + 16L * i);
            if (offset < HEADER_BYTES || length < 0 || offset > chunk.byteSize() || length > chunk.byteSize() - offset) {
                throw new IllegalStateException("stream " + i + " [" + offset + ", +" + length + ") lies outside the chunk's "
                        + chunk.byteSize() + " bytes");
            }
            streams[i] = chunk.asSlice(offset, length);
        }
        return streams;
    }
}
