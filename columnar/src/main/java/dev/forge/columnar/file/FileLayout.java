package dev.forge.columnar.file;

import java.nio.charset.StandardCharsets;

/**
 * The fixed parts of a {@code .forge} file (little-endian throughout):
 *
 * <pre>
 * header   64 bytes   magic "FORGECOL", u32 format version, u32 flags (0), reserved zeros, u32 CRC32C of bytes 0..59
 * chunks   each 64-byte aligned; a chunk's checksummed range runs to the next chunk or the footer
 * footer   schema, row groups, per column an optional dictionary chunk, per row group and column a chunk entry
 * trailer  32 bytes   u64 footer offset, u64 footer length, u32 footer CRC32C, u32 format version, magic "FORGEEND"
 * </pre>
 *
 * A reader maps the whole file and uses chunks where they lie; every byte is covered by the header's, a chunk's
 * or the footer's checksum, or checked by the trailer's own consistency.
 */
final class FileLayout {
    private FileLayout() {
    }

    static final byte[] HEADER_MAGIC = "FORGECOL".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TRAILER_MAGIC = "FORGEEND".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 64;
    static final int HEADER_CRC_OFFSET = 60;
    static final int TRAILER_BYTES = 32;
}
