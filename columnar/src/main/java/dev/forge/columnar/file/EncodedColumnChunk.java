package dev.forge.columnar.file;

import dev.forge.columnar.encoding.ChunkStatistics;
import java.lang.foreign.MemorySegment;

/** One column chunk ready to be written: its bytes (a {@link StreamTable}), layout, main encoding and statistics. */
record EncodedColumnChunk(MemorySegment bytes, ChunkLayout layout, int encodingId, ChunkStatistics statistics) {
}
