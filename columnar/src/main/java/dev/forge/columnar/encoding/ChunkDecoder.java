package dev.forge.columnar.encoding;

import java.lang.foreign.MemorySegment;

/** Decodes any {@link EncodedChunk} on the CPU: the reference the GPU decoders are checked against. */
public final class ChunkDecoder {
    private ChunkDecoder() {
    }

    /** Writes the chunk's {@code count} values, {@code valueBytes} each, to the start of {@code out}. */
    public static void decode(EncodedChunk chunk, MemorySegment out) {
        long needed = (long) chunk.count() * chunk.valueBytes();
        if (out.byteSize() < needed) {
            throw new IllegalArgumentException("decoding " + chunk + " needs " + needed + " bytes of output, got "
                    + out.byteSize());
        }
        switch (chunk.encoding()) {
            case PLAIN -> PlainEncoding.decode(chunk, out);
            case FRAME_OF_REFERENCE -> FrameOfReferenceEncoding.decode(chunk, out);
            case DELTA -> DeltaEncoding.decode(chunk, out);
            case DICTIONARY -> DictionaryEncoding.decode(chunk, out);
            case RUN_LENGTH -> RunLengthEncoding.decode(chunk, out);
        }
    }

    /** The chunk's values widened into longs, as {@link ChunkValues} holds them. */
    public static long[] decodeToLongs(EncodedChunk chunk) {
        MemorySegment out = MemorySegment.ofArray(new byte[Math.toIntExact((long) chunk.count() * chunk.valueBytes())]);
        decode(chunk, out);
        long[] values = new long[chunk.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ChunkValues.read(out, i, chunk.valueBytes());
        }
        return values;
    }
}
