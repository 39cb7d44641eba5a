package dev.forge.columnar;

import dev.forge.cuda.LeakTracker;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Off-heap host memory this object owns, 64-byte aligned (a cache line, and the alignment GPU copies like best),
 * zero-filled unless asked otherwise ({@link #allocateForOverwrite}), tracked by {@link LeakTracker} until {@link
 * #close()}.
 */
public final class HostBuffer implements AutoCloseable {
    /** Alignment of every column buffer and of every section in encoded chunks and files. */
    public static final int ALIGNMENT = 64;

    /**
     * Buffers up to this size are freed by the garbage collector once unreachable rather than at {@link #close()}.
     * Closing a shared arena stops every thread of the JVM at a handshake: 30-150 us each on the development machine
     * with 40 idle threads (a shared arena's allocate and close against an automatic one's 8-15 us), which a small
     * query result (a count, a few rows, a column of a handful of groups) paid for every buffer it made and dropped. A
     * closed buffer is unusable all the same ({@link #segment()} throws); only the memory comes back later.
     */
    static final long COLLECTED_BYTES = 64 * 1024;

    /** The arena that {@link #close()} closes, or null for a small buffer the garbage collector frees. */
    private final Arena arena;
    private final MemorySegment segment;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HostBuffer(long bytes, String purpose, boolean zeroed) {
        // Shared or automatic arenas let a reader fill a column on one thread and a query use it on another.
        this.arena = bytes <= COLLECTED_BYTES ? null : Arena.ofShared();
        this.segment = zeroed || arena == null ? (arena == null ? Arena.ofAuto() : arena).allocate(bytes, ALIGNMENT)
                : UninitializedMemory.allocate(arena, bytes, ALIGNMENT, purpose);
        this.registration = LeakTracker.register("host column memory", bytes, purpose);
    }

    public static HostBuffer allocate(long bytes, String purpose) {
        return allocate(bytes, purpose, true);
    }

    /**
     * A buffer whose contents are undefined, for a caller that overwrites every byte before anything reads it (the
     * target of a copy, a column filled value by value): it skips the zero-filling pass over memory that {@link
     * #allocate} makes. Buffers up to {@link #COLLECTED_BYTES} are zero-filled all the same.
     */
    public static HostBuffer allocateForOverwrite(long bytes, String purpose) {
        return allocate(bytes, purpose, false);
    }

    private static HostBuffer allocate(long bytes, String purpose, boolean zeroed) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes for " + purpose);
        }
        return new HostBuffer(bytes, purpose, zeroed);
    }

    /** A new buffer holding a copy of {@code source}. */
    public static HostBuffer copyOf(MemorySegment source, String purpose) {
        HostBuffer buffer = allocateForOverwrite(source.byteSize(), purpose);
        MemorySegment.copy(source, 0, buffer.segment, 0, source.byteSize());
        return buffer;
    }

    /** The memory; throws once the buffer is closed. */
    public MemorySegment segment() {
        if (closed.get()) {
            throw new IllegalStateException("host buffer of " + segment.byteSize() + " bytes was already closed");
        }
        return segment;
    }

    /** This memory is kept on purpose by a process-wide cache: leak checks no longer report it. */
    public void markCached() {
        registration.markCached();
    }

    public long byteSize() {
        return segment.byteSize();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registration.release();
            if (arena != null) {
                arena.close();
            }
        }
    }
}
