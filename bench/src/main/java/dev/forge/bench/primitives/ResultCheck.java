package dev.forge.bench.primitives;

import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Stream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The benchmark's checks of a GPU result against the CPU twin's, made once per case before its time counts: a
 * mismatch stops the run, since its figures would be for wrong results.
 */
final class ResultCheck {
    private ResultCheck() {
    }

    /** Waits for {@code stream}, then requires the first {@code cpu.byteSize()} bytes of {@code gpu} to be {@code cpu}'s. */
    static void sameBytes(String what, DeviceMemory gpu, MemorySegment cpu, Stream stream) {
        stream.synchronize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment back = arena.allocate(Math.max(1, cpu.byteSize()), 64).asSlice(0, cpu.byteSize());
            gpu.slice(0, back.byteSize()).copyTo(back);
            long mismatch = back.mismatch(cpu);
            if (mismatch != -1) {
                throw wrong(what + " differs from the CPU twin's at byte " + mismatch);
            }
        }
    }

    /** Waits for {@code stream}, then requires the int64 at the start of {@code countWord} to be {@code expected}. */
    static void sameCount(String what, DeviceMemory countWord, long expected, Stream stream) {
        stream.synchronize();
        long[] count = new long[1];
        countWord.slice(0, 8).copyTo(MemorySegment.ofArray(count));
        sameCount(what, count[0], expected);
    }

    static void sameCount(String what, long actual, long expected) {
        if (actual != expected) {
            throw wrong(what + ": the GPU gave " + actual + ", the CPU twin " + expected);
        }
    }

    static IllegalStateException wrong(String what) {
        return new IllegalStateException("GPU " + what + ": the benchmark stops, its figures would be for wrong"
                + " results");
    }
}
