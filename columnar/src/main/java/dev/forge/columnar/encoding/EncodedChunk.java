package dev.forge.columnar.encoding;

import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A validated view of one encoded run of 4- or 8-byte values: a 128-byte header, then sections aligned to 64 bytes
 * from the chunk's start, so a chunk can be used where it lies (a mapped file, or device memory after one copy).
 *
 * <pre>
 * header (little-endian)
 *   0  u8   encoding id            1  u8  value bytes (4 or 8)    2  u8  bit width    3  u8  section count
 *   4  i32  value count            8  i64 reference (FOR reference, or DELTA's smallest difference)
 *  16  i32  entry count (patches, dictionary entries or runs)     20  i32 reserved (0)
 *  24  section table: per section an i64 offset from the chunk start and an i64 byte length
 * sections
 *   PLAIN               values
 *   FRAME_OF_REFERENCE  packed words, patch positions (i32, ascending), patch values, patch starts per block
 *                       (i32, blocks + 1 of them; empty when there are no patches)
 *   DELTA               lane bases (blocks * 32 values), packed differences
 *   DICTIONARY          sorted distinct values, packed codes
 *   RUN_LENGTH          run values, run ends (i32, exclusive, ascending, the last equal to the value count)
 * </pre>
 *
 * <p>{@link #parse} checks every header field and section bound, so decoders (the GPU's included) can trust a
 * parsed chunk not to send them outside its memory.
 */
public final class EncodedChunk {
    public static final int HEADER_BYTES = 128;
    public static final int MAX_SECTIONS = (HEADER_BYTES - 24) / 16;
    /** Values per block of the packed layouts (32 lanes of 32 values). */
    public static final int BLOCK_VALUES = 1024;

    private final MemorySegment memory;
    private final Encoding encoding;
    private final int valueBytes;
    private final int width;
    private final int count;
    private final long reference;
    private final int entryCount;

    private EncodedChunk(MemorySegment memory, Encoding encoding, int valueBytes, int width, int count, long reference,
            int entryCount) {
        this.memory = memory;
        this.encoding = encoding;
        this.valueBytes = valueBytes;
        this.width = width;
        this.count = count;
        this.reference = reference;
        this.entryCount = entryCount;
    }

    /** Validates the chunk in {@code memory}; throws {@link InvalidChunkException} saying what is wrong. */
    public static EncodedChunk parse(MemorySegment memory) {
        if (memory.byteSize() < HEADER_BYTES) {
            throw new InvalidChunkException("chunk of " + memory.byteSize() + " bytes is shorter than its "
                    + HEADER_BYTES + "-byte header");
        }
        int encodingId = Byte.toUnsignedInt(memory.get(Layouts.BYTE, 0));
        Encoding encoding = Encoding.fromId(encodingId)
                .orElseThrow(() -> new InvalidChunkException("unknown encoding id " + encodingId));
        int valueBytes = Byte.toUnsignedInt(memory.get(Layouts.BYTE, 1));
        int width = Byte.toUnsignedInt(memory.get(Layouts.BYTE, 2));
        int sections = Byte.toUnsignedInt(memory.get(Layouts.BYTE, 3));
        int count = memory.get(Layouts.INT, 4);
        long reference = memory.get(Layouts.LONG, 8);
        int entries = memory.get(Layouts.INT, 16);
        if (valueBytes != 4 && valueBytes != 8) {
            throw new InvalidChunkException(encoding + " chunk has value width " + valueBytes + " bytes; only 4 and 8 exist");
        }
        if (width > valueBytes * 8) {
            throw new InvalidChunkException(encoding + " chunk packs " + width + " bits per " + valueBytes + "-byte value");
        }
        if (count < 0 || entries < 0) {
            throw new InvalidChunkException(encoding + " chunk has negative counts (" + count + " values, " + entries
                    + " entries)");
        }
        if (sections != encoding.sectionCount()) {
            throw new InvalidChunkException(encoding + " chunk has " + sections + " sections, expected "
                    + encoding.sectionCount());
        }
        EncodedChunk chunk = new EncodedChunk(memory, encoding, valueBytes, width, count, reference, entries);
        chunk.validateSections();
        return chunk;
    }

    private void validateSections() {
        long blocks = blockCount();
        long packed = blocks * width * 128L;
        switch (encoding) {
            case PLAIN -> requireSection(0, (long) count * valueBytes, "values");
            case FRAME_OF_REFERENCE -> {
                requireSection(0, packed, "packed words");
                requireSection(1, (long) entryCount * 4, "patch positions");
                requireSection(2, (long) entryCount * valueBytes, "patch values");
                requireSection(3, entryCount == 0 ? 0 : (blocks + 1) * 4, "patch starts");
                validatePatches(blocks);
            }
            case DELTA -> {
                requireSection(0, blocks * 32 * valueBytes, "lane bases");
                requireSection(1, packed, "packed differences");
            }
            case DICTIONARY -> {
                requireSection(0, (long) entryCount * valueBytes, "dictionary");
                requireSection(1, packed, "packed codes");
                if (count > 0 && (entryCount == 0 || width < bitsFor(entryCount - 1))) {
                    throw new InvalidChunkException("dictionary of " + entryCount + " entries cannot be indexed by "
                            + width + "-bit codes");
                }
                validateCodes();
            }
            case RUN_LENGTH -> {
                requireSection(0, (long) entryCount * valueBytes, "run values");
                requireSection(1, (long) entryCount * 4, "run ends");
                validateRunEnds();
            }
        }
    }

    private void requireSection(int index, long expectedBytes, String what) {
        long offset = sectionOffset(index);
        long length = memory.get(Layouts.LONG, 24 + 16L * index + 8);
        if (length != expectedBytes) {
            throw new InvalidChunkException(encoding + " chunk's " + what + " section is " + length + " bytes, expected "
                    + expectedBytes + " for " + count + " values");
        }
        if (offset < HEADER_BYTES || offset % HostBuffer.ALIGNMENT != 0 || offset > memory.byteSize()
                || length > memory.byteSize() - offset) {
            throw new InvalidChunkException(encoding + " chunk's " + what + " section [" + offset + ", +" + length
                    + ") is misaligned or outside the chunk's " + memory.byteSize() + " bytes");
        }
    }

    private long sectionOffset(int index) {
        return memory.get(Layouts.LONG, 24 + 16L * index);
    }

    private void validatePatches(long blocks) {
        if (entryCount == 0) {
            return;
        }
        MemorySegment positions = section(1);
        MemorySegment starts = section(3);
        int previous = -1;
        for (int i = 0; i < entryCount; i++) {
            int position = positions.getAtIndex(Layouts.INT, i);
            if (position <= previous || position >= count) {
                throw new InvalidChunkException("patch " + i + " has position " + position + ": positions must ascend"
                        + " and stay below " + count);
            }
            previous = position;
        }
        for (long block = 0; block <= blocks; block++) {
            int start = starts.getAtIndex(Layouts.INT, block);
            int expected = firstPatchAtOrAfter(positions, block * BLOCK_VALUES);
            if (start != expected) {
                throw new InvalidChunkException("patch start of block " + block + " is " + start + ", expected " + expected);
            }
        }
    }

    private int firstPatchAtOrAfter(MemorySegment positions, long index) {
        int low = 0;
        int high = entryCount;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (positions.getAtIndex(Layouts.INT, middle) < index) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void validateCodes() {
        // A code past the dictionary would read outside it. The GPU decodes whole blocks, so the padding codes after
        // the last value (zeros from the encoder) are checked too. The first bad block is reported, however many
        // threads look.
        MemorySegment packed = section(1);
        BlockParallelism.blocks(blockCount())
                .filter(block -> firstBadCode(packed, block) >= 0)
                .min()
                .ifPresent(block -> {
                    int bad = firstBadCode(packed, block);
                    long[] codes = BlockParallelism.scratchBlock();
                    throw new InvalidChunkException("code " + codes[bad] + " at value " + (block * BLOCK_VALUES + bad)
                            + " is past the dictionary's " + entryCount + " entries");
                });
    }

    /** The index in {@code block} of its first code past the dictionary, or -1; the codes stay in the scratch block. */
    private int firstBadCode(MemorySegment packed, int block) {
        long[] codes = BlockParallelism.scratchBlock();
        BitPacking.unpackBlock(packed, (long) block * width * 128, width, codes, BitPacking.LaneOrder.STRIDED);
        for (int i = 0; i < BLOCK_VALUES; i++) {
            if (codes[i] >= entryCount) {
                return i;
            }
        }
        return -1;
    }

    private void validateRunEnds() {
        MemorySegment ends = section(1);
        int previous = 0;
        for (int i = 0; i < entryCount; i++) {
            int end = ends.getAtIndex(Layouts.INT, i);
            if (end <= previous || end > count) {
                throw new InvalidChunkException("run " + i + " ends at " + end + ": run ends must ascend and stay within "
                        + count + " values");
            }
            previous = end;
        }
        if (previous != count) {
            throw new InvalidChunkException("runs cover " + previous + " of " + count + " values");
        }
    }

    /** The smallest number of bits that holds {@code value} read as unsigned. */
    public static int bitsFor(long value) {
        return 64 - Long.numberOfLeadingZeros(value);
    }

    public MemorySegment memory() {
        return memory;
    }

    public Encoding encoding() {
        return encoding;
    }

    public int valueBytes() {
        return valueBytes;
    }

    public int width() {
        return width;
    }

    public int count() {
        return count;
    }

    public long reference() {
        return reference;
    }

    /** Patches, dictionary entries or runs, depending on the encoding. */
    public int entryCount() {
        return entryCount;
    }

    public int blockCount() {
        return (count + BLOCK_VALUES - 1) / BLOCK_VALUES;
    }

    public int sectionCount() {
        return encoding.sectionCount();
    }

    /** Where section {@code index} starts, from the chunk's start. */
    public long sectionOffsetOf(int index) {
        Objects.checkIndex(index, encoding.sectionCount());
        return sectionOffset(index);
    }

    public MemorySegment section(int index) {
        Objects.checkIndex(index, encoding.sectionCount());
        return memory.asSlice(sectionOffset(index), memory.get(Layouts.LONG, 24 + 16L * index + 8));
    }

    @Override
    public String toString() {
        return encoding + "[" + count + " x " + valueBytes + " bytes, width " + width + ", reference " + reference
                + ", " + entryCount + " entries, " + memory.byteSize() + " bytes]";
    }
}
