package dev.forge.columnar.file;

import dev.forge.columnar.encoding.ChunkStatistics;

/**
 * Where one column chunk lies in a file and what the footer records about it: its byte range (which runs to the
 * next chunk, padding included, so every byte of the file is covered by some checksum), its CRC32C, its layout, the
 * encoding of its main stream ({@code -1} for raw streams), and its statistics.
 */
public record ChunkEntry(long offset, long length, int crc32c, int layoutId, int encodingId,
        ChunkStatistics statistics) {
}
