package dev.forge.bench.load;

import dev.forge.columnar.HostBuffer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The ceilings a re-open is measured against, on the machine of the run: reading the file sequentially through a
 * {@link FileChannel} into one reused direct buffer (the page cache's copy-out rate, warm), copying a large off-heap
 * segment into another (memory bandwidth; one thread, and one slice per thread on every core), and allocating new
 * column memory (the page faults every decode into new columns pays before it writes a value).
 */
final class ReadCeilings {
    /** Large enough that every read goes to the page cache in long runs, small enough to stay in the L2 cache. */
    private static final int READ_BUFFER_BYTES = 1 << 20;

    private ReadCeilings() {
    }

    /** Reads the whole file once; returns the bytes read (the file's size, checked). */
    static long readSequentially(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long expected = channel.size();
            int read;
            while ((read = channel.read(buffer)) >= 0) {
                total += read;
                buffer.clear();
            }
            if (total != expected) {
                throw new IOException("read " + total + " bytes of " + file + ", which has " + expected);
            }
        }
        return total;
    }

    /**
     * Allocates {@code bytes} of new column memory in one buffer per thread and frees it: {@link HostBuffer} zeroes
     * what it allocates, so every page is faulted in, as it is for the columns any decode or parse fills. Returns the
     * bytes allocated.
     */
    static long allocateFresh(long bytes, int threads) {
        long each = Math.max(HostBuffer.ALIGNMENT, bytes / threads);
        IntStream.range(0, threads).parallel().forEach(part -> {
            try (HostBuffer buffer = HostBuffer.allocate(each, "fresh-memory ceiling")) {
                buffer.segment().set(ValueLayout.JAVA_BYTE, each - 1, (byte) 1);
            }
        });
        return each * threads;
    }

    /**
     * A source and a target segment of {@code bytes} each, both written once before any timing so that no page fault
     * is counted; {@link #copy} copies one into the other with a given number of threads.
     */
    static final class MemoryCopy implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment source;
        private final MemorySegment target;
        private final ExecutorService workers;
        private final int threads;

        MemoryCopy(long bytes, int threads) {
            if (bytes < 64 || threads < 1) {
                throw new IllegalArgumentException("a memory copy needs at least 64 bytes and one thread, got " + bytes
                        + " bytes and " + threads + " threads");
            }
            this.threads = threads;
            this.source = arena.allocate(bytes, 64);
            this.target = arena.allocate(bytes, 64);
            // allocate() zeroes both, which faults every page in; distinct values make the copy checkable
            for (long i = 0; i + 8 <= bytes; i += 4096) {
                source.set(ValueLayout.JAVA_LONG_UNALIGNED, i, i * 0x9E3779B97F4A7C15L);
            }
            this.workers = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "memory-copy");
                thread.setDaemon(true);
                return thread;
            });
        }

        long bytes() {
            return source.byteSize();
        }

        /** Copies source into target in {@code parts} slices run on that many threads (at most the pool's). */
        void copy(int parts) throws IOException {
            if (parts < 1 || parts > threads) {
                throw new IllegalArgumentException("copy in 1.." + threads + " parts, got " + parts);
            }
            long bytes = source.byteSize();
            // slices of whole 4 KiB pages, the last taking the rest
            long slice = Math.max(4096, (bytes / parts) & -4096L);
            List<Future<?>> running = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                long start = Math.min(bytes, part * slice);
                long end = part == parts - 1 ? bytes : Math.min(bytes, start + slice);
                running.add(workers.submit(() -> MemorySegment.copy(source, start, target, start, end - start)));
            }
            try {
                for (Future<?> part : running) {
                    part.get();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during the memory copy", interrupted);
            } catch (ExecutionException failed) {
                throw new IllegalStateException("memory copy failed: " + failed.getCause(), failed.getCause());
            }
        }

        /** Checks, outside the timing, that the last copy made the target equal to the source. */
        void checkCopied() {
            long mismatch = target.mismatch(source);
            if (mismatch != -1) {
                throw new IllegalStateException("memory copy left the target different from the source at byte "
                        + mismatch);
            }
        }

        @Override
        public void close() {
            workers.shutdownNow();
            arena.close();
        }
    }
}
