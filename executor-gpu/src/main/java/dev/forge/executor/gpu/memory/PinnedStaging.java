package dev.forge.executor.gpu.memory;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.PinnedBuffer;
import java.lang.foreign.MemorySegment;

/**
 * One page-locked host buffer the GPU executor keeps between queries for its copies between host and device: column
 * uploads pass through it in chunks, and a grouped result's words are read back into it whole before they are decoded.
 * Keeping it saves what a fresh buffer costs every time: the driver pinning (and later unpinning) its pages, and for
 * memory from an arena, zero-filling and faulting in every page before the copy writes it: half of the samples inside
 * reading grouped results back, in a JFR profile of TPC-H SF 10 on the H100 machine (most of them Q18's 15M groups).
 * It grows to the largest request up to {@link
 * #MAX_BYTES}; a larger request gets nothing, and the caller uses pageable memory. Not thread-safe: the executor runs
 * one query at a time, and a segment handed out is valid only until the next {@link #segment} call.
 */
public final class PinnedStaging implements AutoCloseable {
    /** The most page-locked memory kept: more would take it from the operating system's page cache for good. */
    public static final long MAX_BYTES = 1L << 30;

    private final CudaDevice device;
    private PinnedBuffer buffer;

    public PinnedStaging(CudaDevice device) {
        this.device = device;
    }

    /**
     * The first {@code bytes} of the staging buffer, grown (to the next power of two, at most {@link #MAX_BYTES}) if it
     * is smaller; null when {@code bytes} is above {@link #MAX_BYTES}. The contents are whatever the last copy left.
     */
    public MemorySegment segment(long bytes) {
        if (bytes <= 0 || bytes > MAX_BYTES) {
            return null;
        }
        if (buffer == null || buffer.byteSize() < bytes) {
            long size = Math.min(MAX_BYTES, Math.max(1L << 20, Long.highestOneBit(bytes - 1) << 1));
            if (buffer != null) {
                buffer.close();
                buffer = null;
            }
            buffer = PinnedBuffer.allocate(device, size);
            buffer.markCached(); // kept by the executor, not leaked by the query that happened to grow it
        }
        return buffer.segment().asSlice(0, bytes);
    }

    /** Bytes held now (0 before the first use). */
    public long heldBytes() {
        return buffer == null ? 0 : buffer.byteSize();
    }

    @Override
    public void close() {
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
    }
}
